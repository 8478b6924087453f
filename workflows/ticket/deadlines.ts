// Timers are derived from state, never stored: after any change the workflow asks for the next
// deadline again, so a status change can never leave a stale reminder or close behind.
import type { TimerCommand } from './commands.js';
import type { TicketState } from './model.js';

export interface Deadline {
  command: TimerCommand;
  at: number;
  /** Shown on the timer in the Temporal UI. */
  summary: string;
}

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
  }
  if (state.firstRepliedAt === null && state.slaBreachedAt === null && state.status !== 'closed') {
    due.push({
      command: { type: 'breachSla' },
      at: state.firstReplyDueAt,
      summary: 'First-reply SLA target',
    });
  }
  return due;
}

export function nextDeadline(state: TicketState): Deadline | null {
  return deadlines(state).reduce<Deadline | null>((soonest, d) => (soonest === null || d.at < soonest.at ? d : soonest), null);
}

/**
 * What fires at `now` once the soonest deadline has come. After downtime several may be due at
 * once; a reminder whose ticket is already due to close is skipped, so the requester gets the
 * close notice, not "we need more information" followed by "your ticket is closed".
 */
export function dueDeadline(state: TicketState, now: number): Deadline | null {
  const due = deadlines(state).filter((d) => d.at <= now);
  const closing = due.some((d) => d.command.type === 'autoClosePending');
  const live = due.filter((d) => !(closing && d.command.type === 'remindPending'));
  return live.reduce<Deadline | null>((soonest, d) => (soonest === null || d.at < soonest.at ? d : soonest), null);
}

/** When the ticket closes by itself if nothing happens: what the portal tells the requester. */
export function autoCloseAt(state: TicketState): number | null {
  const close = deadlines(state).find((d) => d.command.type === 'autoClosePending' || d.command.type === 'autoCloseSolved');
  return close?.at ?? null;
}
