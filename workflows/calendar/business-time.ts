// Business-time arithmetic on a calendar, exact to the millisecond: when N ms of open time after an
// instant have passed, how much open time lies between two instants, whether it is open, when it
// opens next. Pure and deterministic (no clock, no I/O), so the ticket workflow computes deadlines
// itself. Calendar time (ALWAYS_OPEN) is the trivial case of the same functions.
import { WEEKDAYS, type BusinessCalendar, type Calendar, type OpeningHours } from './model.js';
import { dateOfDay, dayOfDate, instantAt, localDayAt, minutesOf, weekdayIndexOfDay } from './zone.js';

/** An open stretch as instants, `from` included, `to` excluded. */
interface Stretch {
  from: number;
  to: number;
}

export class NeverOpenError extends Error {
  constructor() {
    super('The calendar has no opening hours in its week: business time never passes.');
  }
}

interface Lookup {
  /** The hours of each dated day (exception or holiday), by YYYY-MM-DD. */
  dated: Map<string, OpeningHours[]>;
  /** After this day only the week applies. */
  lastDatedDay: number;
  weekIsOpen: boolean;
}

const lookups = new WeakMap<BusinessCalendar, Lookup>();

function lookup(calendar: BusinessCalendar): Lookup {
  let found = lookups.get(calendar);
  if (!found) {
    const dated = new Map<string, OpeningHours[]>();
    for (const holiday of calendar.holidays) dated.set(holiday.date, []);
    // An exception is the more precise word about its date: it wins over a holiday on the same day.
    for (const exception of calendar.exceptions) dated.set(exception.date, exception.hours);
    const days = [...dated.keys()].map(dayOfDate);
    found = {
      dated,
      lastDatedDay: days.length ? Math.max(...days) : -Infinity,
      weekIsOpen: WEEKDAYS.some((weekday) => calendar.week[weekday].some((hours) => minutesOf(hours.to) > minutesOf(hours.from))),
    };
    lookups.set(calendar, found);
  }
  return found;
}

/** The open stretches of one local day, in order, overlapping hours merged. */
function stretchesOfDay(calendar: BusinessCalendar, day: number): Stretch[] {
  const hours = lookup(calendar).dated.get(dateOfDay(day)) ?? calendar.week[WEEKDAYS[weekdayIndexOfDay(day)]];
  const stretches = hours
    .map((h) => ({ from: instantAt(calendar.timeZone, day, minutesOf(h.from)), to: instantAt(calendar.timeZone, day, minutesOf(h.to)) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: Stretch[] = [];
  for (const stretch of stretches) {
    const last = merged[merged.length - 1];
    if (last && stretch.from <= last.to) last.to = Math.max(last.to, stretch.to);
    else merged.push({ ...stretch });
  }
  return merged;
}

/** Every open stretch that ends after `after`, day by day, for ever; NeverOpenError once none can come. */
function* stretchesFrom(calendar: BusinessCalendar, after: number): Generator<Stretch> {
  const { lastDatedDay, weekIsOpen } = lookup(calendar);
  for (let day = localDayAt(calendar.timeZone, after); ; day++) {
    if (!weekIsOpen && day > lastDatedDay) throw new NeverOpenError();
    for (const stretch of stretchesOfDay(calendar, day)) if (stretch.to > after) yield stretch;
  }
}

/**
 * The instant at which `durationMs` of open time after `start` has passed. Zero is `start` itself,
 * open or not; a duration that ends exactly at a closing time gives that closing time.
 */
export function addBusinessTime(calendar: Calendar, start: number, durationMs: number): number {
  if (!(durationMs >= 0)) throw new RangeError(`A duration is zero or more, not ${durationMs}.`);
  if (calendar.kind === 'always' || durationMs === 0) return start + durationMs;
  let remaining = durationMs;
  for (const stretch of stretchesFrom(calendar, start)) {
    const from = Math.max(stretch.from, start);
    if (stretch.to - from >= remaining) return from + remaining;
    remaining -= stretch.to - from;
  }
  throw new NeverOpenError();
}

/** Open time between two instants, in ms; zero when `to` is not after `from`. */
export function businessTimeBetween(calendar: Calendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (calendar.kind === 'always') return to - from;
  let total = 0;
  const { lastDatedDay, weekIsOpen } = lookup(calendar);
  // Walked by day rather than through stretchesFrom: a calendar that never opens simply counts zero.
  for (let day = localDayAt(calendar.timeZone, from); day <= localDayAt(calendar.timeZone, to); day++) {
    if (!weekIsOpen && day > lastDatedDay) break;
    for (const stretch of stretchesOfDay(calendar, day)) {
      total += Math.max(0, Math.min(stretch.to, to) - Math.max(stretch.from, from));
    }
  }
  return total;
}

export function isOpenAt(calendar: Calendar, instant: number): boolean {
  if (calendar.kind === 'always') return true;
  return stretchesOfDay(calendar, localDayAt(calendar.timeZone, instant)).some((s) => s.from <= instant && instant < s.to);
}

/** `instant` itself when open then, else when the calendar next opens; null if it never will. */
export function nextOpening(calendar: Calendar, instant: number): number | null {
  if (calendar.kind === 'always') return instant;
  try {
    for (const stretch of stretchesFrom(calendar, instant)) return Math.max(stretch.from, instant);
  } catch (error) {
    if (!(error instanceof NeverOpenError)) throw error;
  }
  return null;
}
