// Wall-clock time in an IANA time zone, with the zone data of the runtime's Intl (Node's full ICU,
// also inside Temporal's workflow sandbox: test/workflows/calendar-sandbox.test.ts checks it).
// Local dates are counted as days since 1970-01-01 so that walking a calendar is integer steps.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows this zone (Europe/Paris, UTC, America/Montreal…). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds (+1 h in Paris in winter). */
export function offsetAt(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const second = instant - (((instant % 1000) + 1000) % 1000);
  return wall - second;
}

/** The local date (days since 1970-01-01) in the zone at this instant. */
export function localDayAt(timeZone: string, instant: number): number {
  return Math.floor((instant + offsetAt(timeZone, instant)) / DAY_MS);
}

/**
 * The instant the zone's clocks show `minutes` after midnight of local day `day`. A wall time the
 * clocks skip (02:30 on the spring change in Paris) is read with the offset before the change, so
 * it lands as long after the skip as it was meant after its start (03:30); a time they show twice
 * (02:30 on the autumn change) is the first one. The same rule as JavaScript's Temporal "compatible".
 */
export function instantAt(timeZone: string, day: number, minutes: number): number {
  const wall = day * DAY_MS + minutes * MINUTE_MS;
  // Zones change their offset at most once within a day around any instant.
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const early = wall - before;
  const late = wall - after;
  const earlyValid = offsetAt(timeZone, early) === before;
  const lateValid = offsetAt(timeZone, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  return early;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayOfDate(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** YYYY-MM-DD of a day since 1970-01-01. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6: 1970-01-01 was a Thursday. */
export function weekdayIndexOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Minutes after midnight of "HH:MM" ("24:00" is the end of the day). */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}
