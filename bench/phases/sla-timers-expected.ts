// The arithmetic of the business-hours SLA timers phase, kept pure so that a test checks it without
// Temporal: the bench's calendar (open all week but for one closed stretch), each ticket's expected
// warning and breach instants computed from its creation instant with the calendar functions
// themselves (never read back from the workflow), and how the recorded events compare with them.
import { addBusinessTime } from '../../workflows/calendar/business-time.js';
import { WEEKDAYS, type BusinessCalendar, type OpeningHours, type Weekday } from '../../workflows/calendar/model.js';
import { dateOfDay, instantAt, localDayAt, MINUTE_MS } from '../../workflows/calendar/zone.js';
import { percentile } from '../harness/stats.js';

const ALL_DAY: OpeningHours[] = [{ from: '00:00', to: '24:00' }];

/** "HH:MM" of minutes after local midnight (1440 is "24:00"). */
const clockTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Open every minute of every day in `timeZone` except from `from` to `to` (instants on whole local
 * minutes): each local day the closed stretch touches gets an exception with the rest of its hours.
 */
export function calendarClosedBetween(timeZone: string, from: number, to: number): BusinessCalendar {
  if (!(to > from)) throw new RangeError('The closed stretch ends after it starts.');
  const exceptions = [];
  for (let day = localDayAt(timeZone, from); day <= localDayAt(timeZone, to - 1); day++) {
    const dayStart = instantAt(timeZone, day, 0);
    const dayEnd = instantAt(timeZone, day + 1, 0);
    // Minutes after local midnight, read through the zone so that a DST day stays right.
    const localMinutes = (instant: number) => Math.round((instant - dayStart) / MINUTE_MS);
    const closedFrom = localMinutes(Math.max(from, dayStart));
    const closedTo = to >= dayEnd ? 24 * 60 : localMinutes(to);
    const hours: OpeningHours[] = [];
    if (closedFrom > 0) hours.push({ from: '00:00', to: clockTime(closedFrom) });
    if (closedTo < 24 * 60) hours.push({ from: clockTime(closedTo), to: '24:00' });
    exceptions.push({ date: dateOfDay(day), hours, name: 'Bench closed stretch' });
  }
  const week = Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, ALL_DAY])) as Record<Weekday, OpeningHours[]>;
  return { kind: 'business', timeZone, week, holidays: [], exceptions };
}

/** The next whole UTC minute at or after `instant` (calendar hours are whole minutes). */
export const nextWholeMinute = (instant: number) => Math.ceil(instant / MINUTE_MS) * MINUTE_MS;

export type SlaEventKind = 'sla_warning' | 'sla_breached';

/** One instant a ticket's timer must fire at, as the bench computes it. */
export interface ExpectedStep {
  ticket: number;
  kind: SlaEventKind;
  /** When the event is due: the warning's or the breach's instant. */
  at: number;
  /** The target's breach instant (what both events carry as dueAt). */
  dueAt: number;
  /** Whether the closed stretch lies between creation and this instant (it moved the instant). */
  straddles: boolean;
}

/** The first-reply warning and breach of a ticket created at `createdAt`, over the bench's calendar. */
export function expectedFirstReplySteps(
  calendar: BusinessCalendar,
  closed: { from: number; to: number },
  ticket: number,
  createdAt: number,
  target: { durationMs: number; warningShare: number },
): ExpectedStep[] {
  const dueAt = addBusinessTime(calendar, createdAt, target.durationMs);
  // The workflow rounds the warning's share to a whole millisecond the same way (sla-clocks.ts).
  const warning = addBusinessTime(calendar, createdAt, Math.round(target.durationMs * target.warningShare));
  const straddles = (at: number) => createdAt < closed.to && at > closed.from;
  return [
    { ticket, kind: 'sla_warning', at: warning, dueAt, straddles: straddles(warning) },
    { ticket, kind: 'sla_breached', at: dueAt, dueAt, straddles: straddles(dueAt) },
  ];
}

/** A warning or breach as ticket_events holds it. */
export interface RecordedEvent {
  ticket: number;
  kind: SlaEventKind;
  /** The workflow's clock when it handled the fired timer. */
  at: number;
  /** The instant the workflow computed: the warning's (data.at) or the breach's (data.dueAt). */
  stepAt: number;
  /** The breach instant the workflow carried (data.dueAt). */
  dueAt: number | null;
}

export interface StepComparison {
  expected: number;
  fired: number;
  /** Instants passed by more than the margin with no event. */
  missing: number;
  /** Events recorded before their instant: each one a failure. */
  early: number;
  /** Events whose workflow instants (step or dueAt) differ from the bench's. */
  mismatched: number;
  /** Events for an instant the bench did not expect (a second warning, another target). */
  unexpected: number;
  lateP50: number;
  lateP99: number;
  lateMax: number;
}

/** Matches recorded events to expected steps (by ticket and kind) and sums up lateness. */
export function compareSteps(expected: readonly ExpectedStep[], recorded: readonly RecordedEvent[], now: number, marginMs: number): StepComparison {
  const key = (ticket: number, kind: SlaEventKind) => `${ticket}/${kind}`;
  const byKey = new Map<string, RecordedEvent[]>();
  for (const event of recorded) {
    const list = byKey.get(key(event.ticket, event.kind)) ?? [];
    list.push(event);
    byKey.set(key(event.ticket, event.kind), list);
  }
  const late: number[] = [];
  let missing = 0;
  let early = 0;
  let mismatched = 0;
  let unexpected = 0;
  for (const step of expected) {
    const [event, ...more] = byKey.get(key(step.ticket, step.kind)) ?? [];
    unexpected += more.length;
    if (!event) {
      if (now > step.at + marginMs) missing++;
      continue;
    }
    const lateness = event.at - step.at;
    if (lateness < 0) early++;
    if (event.stepAt !== step.at || event.dueAt !== step.dueAt) mismatched++;
    late.push(lateness);
  }
  const expectedKeys = new Set(expected.map((s) => key(s.ticket, s.kind)));
  for (const [k, events] of byKey) if (!expectedKeys.has(k)) unexpected += events.length;
  late.sort((a, b) => a - b);
  return {
    expected: expected.length,
    fired: late.length,
    missing,
    early,
    mismatched,
    unexpected,
    lateP50: percentile(late, 50),
    lateP99: percentile(late, 99),
    lateMax: late.length ? late[late.length - 1] : NaN,
  };
}

/** Guard for the phase's wait: the last expected instant, or now when none is expected. */
export const lastInstant = (expected: readonly ExpectedStep[], now: number) => expected.reduce((last, s) => Math.max(last, s.at), now);

/** The most of `instants` in any window [t, t + windowMs): how many steps fall due at once. */
export function busiestWindow(instants: readonly number[], windowMs: number): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
