// The clocks of a ticket's pinned SLA targets (TicketState.sla): when each runs, what it has
// counted, and which of its escalation steps (the warning, the breach) have come. Pure: state.ts
// moves the clocks with the ticket, deadlines.ts turns them into the instants the workflow arms.
//   first reply  from creation to the first public agent reply;
//   next reply   from the oldest requester message no public agent reply has answered since
//                (after the first reply) to the next public agent reply;
//   resolution   from creation to Solved, stopped while Pending (and while On-hold when the policy
//                says so), going on after a reopen from where it stopped.
import { dueAt, pauseClock, resumeClock, startClock, type Segment } from '../calendar/clock.js';
import { calendarOfTarget, type PinnedSla } from '../sla/pinned.js';
import { SLA_TARGETS, type SlaTargetName } from '../sla/policy.js';
import type { TicketState, TicketStatus } from './model.js';

/** The escalation steps of a target: the warning at the policy's share of it, then the breach. */
export type SlaStep = 'warning' | 'breach';

/** When each step came (the breach: the target's own instant); null until it has. */
export interface SlaStepsTaken {
  warnedAt: number | null;
  breachedAt: number | null;
}

export interface SlaClocks {
  /** The oldest requester message waiting for a public agent reply since the first reply; null when none waits. */
  awaitingReplySince: number | null;
  /** The stretches the resolution clock ran. */
  resolution: Segment[];
  steps: Record<SlaTargetName, SlaStepsTaken>;
}

const NOTHING_TAKEN: SlaStepsTaken = { warnedAt: null, breachedAt: null };

export function startSlaClocks(at: number): SlaClocks {
  return {
    awaitingReplySince: null,
    resolution: startClock(at),
    steps: Object.fromEntries(SLA_TARGETS.map((name) => [name, NOTHING_TAKEN])) as Record<SlaTargetName, SlaStepsTaken>,
  };
}

/** Whether time in `status` counts toward resolution. */
export function countsTowardResolution(sla: PinnedSla, status: TicketStatus): boolean {
  return status === 'open' || (status === 'on-hold' && sla.onHoldCountsTowardResolution);
}

/** The ticket moved to `status` at `at`: the resolution clock stops or goes on; Solved and Closed answer what waited. */
export function clocksOnStatus(clocks: SlaClocks, sla: PinnedSla, status: TicketStatus, at: number): SlaClocks {
  const resolution = countsTowardResolution(sla, status) ? resumeClock(clocks.resolution, at) : pauseClock(clocks.resolution, at);
  const answered = status === 'solved' || status === 'closed';
  return answered ? { ...replied(clocks), resolution } : { ...clocks, resolution };
}

/** A public agent reply: nothing waits for an answer any more, and the next message starts a new next-reply target. */
export function replied(clocks: SlaClocks): SlaClocks {
  return { ...clocks, awaitingReplySince: null, steps: { ...clocks.steps, nextReply: NOTHING_TAKEN } };
}

/** A requester's message at `at`: after the first reply, it starts the next-reply target unless an older one waits already. */
export function requesterWrote(clocks: SlaClocks, firstRepliedAt: number | null, at: number): SlaClocks {
  if (firstRepliedAt === null || clocks.awaitingReplySince !== null) return clocks;
  return { ...clocks, awaitingReplySince: at };
}

export function stepTaken(clocks: SlaClocks, name: SlaTargetName, step: SlaStep, at: number): SlaClocks {
  const taken = step === 'warning' ? { ...clocks.steps[name], warnedAt: at } : { ...clocks.steps[name], breachedAt: at };
  return { ...clocks, steps: { ...clocks.steps, [name]: taken } };
}

/** The stretches a target's clock ran, or null when it does not run at all now (met, or nothing waits). */
function segmentsOf(state: TicketState, clocks: SlaClocks, name: SlaTargetName): Segment[] | null {
  if (state.status === 'closed') return null;
  switch (name) {
    case 'firstReply':
      return state.firstRepliedAt === null ? startClock(state.createdAt) : null;
    case 'nextReply':
      return clocks.awaitingReplySince === null ? null : startClock(clocks.awaitingReplySince);
    case 'resolution':
      return clocks.resolution;
  }
}

/**
 * When a target of the ticket's priority reaches a step, from what was pinned: null when the ticket
 * pinned no SLA, the clock is stopped or does not run, or the step (or the breach) has come.
 */
export function slaStepDueAt(state: TicketState, name: SlaTargetName, step: SlaStep): number | null {
  const { sla, slaClocks } = state;
  if (!sla || !slaClocks) return null;
  const taken = slaClocks.steps[name];
  if (taken.breachedAt !== null || (step === 'warning' && taken.warnedAt !== null)) return null;
  return countedDueAt(state, sla, slaClocks, name, step);
}

/** A target's deadline while its clock runs, breached or not: what the console shows. */
export function slaDueAt(state: TicketState, name: SlaTargetName): number | null {
  const { sla, slaClocks } = state;
  return sla && slaClocks ? countedDueAt(state, sla, slaClocks, name, 'breach') : null;
}

function countedDueAt(state: TicketState, sla: PinnedSla, clocks: SlaClocks, name: SlaTargetName, step: SlaStep): number | null {
  const segments = segmentsOf(state, clocks, name);
  if (!segments) return null;
  const target = sla.targets[state.priority][name];
  const counted = step === 'warning' ? Math.round(target.durationMs * sla.warningShare) : target.durationMs;
  return dueAt(calendarOfTarget(sla, target), segments, counted);
}
