// Timers are derived from state, never stored: after any change the workflow asks for the next
// deadline again, so a status change can never leave a stale reminder or close behind.
// A ticket that pinned an SLA (TicketState.sla) has a warning and a breach per target, each an
// exact instant over the target's calendar (sla-clocks.ts); an older one has its first-reply
// breach in calendar time.
import { SLA_TARGETS, type SlaTargetName } from '../sla/policy.js';
import type { TimerCommand } from './commands.js';
import type { TicketState } from './model.js';
import { pageChannels } from './on-call-page.js';
import { slaDueAt, slaStepDueAt } from './sla-clocks.js';

export interface Deadline {
  command: TimerCommand;
  at: number;
  /** Shown on the timer in the Temporal UI. */
  summary: string;
}

/** How the Temporal UI names each target's timers. */
const TARGET_WORDS: Record<SlaTargetName, string> = {
  firstReply: 'First-reply SLA target',
  nextReply: 'Next-reply SLA target',
  resolution: 'Resolution SLA target',
};

export function deadlines(state: TicketState): Deadline[] {
  const { policy } = state;
  const due: Deadline[] = [];
  if (state.status === 'pending') {
    if (state.pendingReminderSentAt === null) {
      due.push({
        command: { type: 'remindPending' },
        at: state.statusChangedAt + policy.pendingReminderMs,
        summary: 'Remind the requester: Pending without an answer',
      });
    }
    due.push({
      command: { type: 'autoClosePending' },
      at: state.statusChangedAt + policy.pendingAutoCloseMs,
      summary: 'Close: Pending without an answer',
    });
  }
  if (state.status === 'solved') {
    due.push({
      command: { type: 'autoCloseSolved' },
      at: state.statusChangedAt + policy.solvedAutoCloseMs,
      summary: 'Close: Solved',
    });
    const ask = satisfactionAskAt(state);
    if (ask !== null) due.push({ command: { type: 'askSatisfaction' }, at: ask, summary: 'Ask the requester: satisfaction survey' });
  }
  if (state.sla) return [...due, ...slaDeadlines(state)];
  if (state.firstRepliedAt === null && state.slaBreachedAt === null && state.status !== 'closed') {
    due.push({
      command: { type: 'breachSla' },
      at: state.firstReplyDueAt,
      summary: `First-reply SLA target${paging(state)}`,
    });
  }
  return due;
}

/** The pinned targets' next steps: each target's warning until it has come, then its breach. */
function slaDeadlines(state: TicketState): Deadline[] {
  const due: Deadline[] = [];
  const share = `${Math.round((state.sla?.warningShare ?? 0) * 100)} %`;
  for (const target of SLA_TARGETS) {
    const warning = slaStepDueAt(state, target, 'warning');
    if (warning !== null) due.push({ command: { type: 'warnSla', target }, at: warning, summary: `${TARGET_WORDS[target]}: warning at ${share}` });
    const breach = slaStepDueAt(state, target, 'breach');
    if (breach !== null) due.push({ command: { type: 'breachSla', target }, at: breach, summary: `${TARGET_WORDS[target]}: breach${paging(state)}` });
  }
  return due;
}

/** What a breach timer's summary adds when the breach pages the on-call (state.ts, pageOnCall). */
const paging = (state: TicketState) => (pageChannels(state).length > 0 ? ' and on-call page' : '');

/** The pinned targets' deadlines while their clocks run (null otherwise): what the console shows. */
export function slaDueTimes(state: TicketState): Record<SlaTargetName, number | null> {
  return { firstReply: slaDueAt(state, 'firstReply'), nextReply: slaDueAt(state, 'nextReply'), resolution: slaDueAt(state, 'resolution') };
}

/** When the current solve's survey goes out: null when there is none, or once it has gone. */
function satisfactionAskAt(state: TicketState): number | null {
  const delay = state.policy.satisfaction?.delayMs;
  if (delay === undefined || !state.survey || state.survey.askedSeq !== null) return null;
  return state.survey.solvedAt + delay;
}

export function nextDeadline(state: TicketState): Deadline | null {
  return soonest(deadlines(state));
}

/**
 * What fires at `now` once the soonest deadline has come. After downtime several may be due at
 * once; a reminder whose ticket is already due to close is skipped, so the requester gets the
 * close notice, not "we need more information" followed by "your ticket is closed"; a survey
 * whose ticket is already due to close is skipped (its link would be dead on arrival); a warning
 * whose target is already breached is skipped too.
 */
export function dueDeadline(state: TicketState, now: number): Deadline | null {
  const due = deadlines(state).filter((d) => d.at <= now);
  const closing = due.some((d) => d.command.type === 'autoClosePending');
  const closingSolved = due.some((d) => d.command.type === 'autoCloseSolved');
  const breached = new Set(due.flatMap((d) => (d.command.type === 'breachSla' && d.command.target ? [d.command.target] : [])));
  const live = due.filter(
    (d) => !(closing && d.command.type === 'remindPending') && !(closingSolved && d.command.type === 'askSatisfaction') && !(d.command.type === 'warnSla' && breached.has(d.command.target)),
  );
  return soonest(live);
}

function soonest(due: Deadline[]): Deadline | null {
  return due.reduce<Deadline | null>((first, d) => (first === null || d.at < first.at ? d : first), null);
}

/** When the ticket closes by itself if nothing happens: what the portal tells the requester. */
export function autoCloseAt(state: TicketState): number | null {
  const close = deadlines(state).find((d) => d.command.type === 'autoClosePending' || d.command.type === 'autoCloseSolved');
  return close?.at ?? null;
}
