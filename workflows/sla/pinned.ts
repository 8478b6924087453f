// What a ticket fixes of the SLA policy when it starts, so that a later change never moves its
// deadlines: the policy version with its type's targets (every priority, as Support Ops may change
// the priority), and the versions of the calendars those targets count on. The deadlines follow
// from it alone (pure), each an exact instant.
import { ALWAYS_OPEN, type BusinessCalendar, type Calendar } from '../calendar/model.js';
import { dueAt, type Segment } from '../calendar/clock.js';
import type { TicketPriority } from '../ticket/model.js';
import { DEFAULT_ESCALATION, SLA_TARGETS, type Escalation, type SlaTarget, type SlaTargetName, type SlaTargets } from './policy.js';

export interface PinnedCalendar {
  calendarId: string;
  version: number;
  calendar: BusinessCalendar;
}

export interface PinnedSla {
  slaVersion: number;
  targets: SlaTargets[keyof SlaTargets];
  calendars: PinnedCalendar[];
  /** The lifecycle durations' version the ticket's TicketPolicy was read from (absent: not known). */
  lifecycleVersion?: number;
  /** The share of a target at which its warning comes (0.75: at three quarters). */
  warningShare: number;
  /** Whether time On-hold counts toward resolution (Pending never does). */
  onHoldCountsTowardResolution: boolean;
}

export class UnknownCalendarError extends Error {
  constructor(calendarId: string) {
    super(`The SLA policy names a calendar "${calendarId}" that does not exist.`);
    this.name = 'UnknownCalendarError';
  }
}

/** Pins a type's targets and, of `calendars` (the current versions), only those its business-time targets count on. */
export function pinSla(sla: { version: number; targets: SlaTargets; escalation?: Escalation }, type: keyof SlaTargets, calendars: readonly PinnedCalendar[]): PinnedSla {
  const targets = sla.targets[type];
  const named = new Set(
    Object.values(targets).flatMap((byName) => SLA_TARGETS.map((name) => byName[name]).filter((t) => t.time === 'business').map((t) => t.calendarId)),
  );
  const pinned = [...named].sort().map((id) => {
    const found = calendars.find((c) => c.calendarId === id);
    if (!found) throw new UnknownCalendarError(id);
    return found;
  });
  const { warningShare, onHoldCountsTowardResolution } = sla.escalation ?? DEFAULT_ESCALATION;
  return { slaVersion: sla.version, targets, calendars: pinned, warningShare, onHoldCountsTowardResolution };
}

/** The calendar a target counts on: its pinned business calendar, or every second for calendar time. */
export function calendarOfTarget(pinned: PinnedSla, target: SlaTarget): Calendar {
  if (target.time === 'calendar') return ALWAYS_OPEN;
  const found = pinned.calendars.find((c) => c.calendarId === target.calendarId);
  if (!found) throw new UnknownCalendarError(target.calendarId);
  return found.calendar;
}

/** When a target's clock, running over `segments`, reaches it: null while the clock is stopped. */
export function targetDueAt(pinned: PinnedSla, priority: TicketPriority, name: SlaTargetName, segments: readonly Segment[]): number | null {
  const target = pinned.targets[priority][name];
  return dueAt(calendarOfTarget(pinned, target), segments, target.durationMs);
}
