// Durations as people say them: SLA targets and lifecycle durations are kept in milliseconds by the
// server (src/policies/inputs.ts: whole seconds, at most 366 days), entered and read here as days,
// hours, minutes and seconds ("2 days 4 hours" / "2 jours 4 heures").
import type { Lang } from '../i18n/languages';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The server's longest duration (MAX_DURATION_MS in src/policies/inputs.ts). */
export const MAX_DURATION_MS = 366 * DAY;

export const DURATION_UNITS = ['days', 'hours', 'minutes', 'seconds'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
/** What the fields hold, as typed (an empty field counts as 0). */
export type DurationParts = Record<DurationUnit, string>;

const SIZE: Record<DurationUnit, number> = { days: DAY, hours: HOUR, minutes: MINUTE, seconds: SECOND };
const INTL_UNIT: Record<DurationUnit, string> = { days: 'day', hours: 'hour', minutes: 'minute', seconds: 'second' };

export function partsOf(ms: number): DurationParts {
  let rest = Math.round(ms / SECOND) * SECOND;
  const parts = {} as DurationParts;
  for (const unit of DURATION_UNITS) {
    const count = Math.floor(rest / SIZE[unit]);
    rest -= count * SIZE[unit];
    parts[unit] = count ? String(count) : '';
  }
  return parts;
}

/** Why typed parts are not a duration the server takes, or null with the milliseconds. */
export type DurationProblem = 'notWhole' | 'tooShort' | 'tooLong';

export function msOf(parts: DurationParts): { ms: number; problem: null } | { ms: null; problem: DurationProblem } {
  let ms = 0;
  for (const unit of DURATION_UNITS) {
    const text = parts[unit].trim();
    if (text === '') continue;
    if (!/^\d{1,6}$/.test(text)) return { ms: null, problem: 'notWhole' };
    ms += Number(text) * SIZE[unit];
  }
  if (ms < SECOND) return { ms: null, problem: 'tooShort' };
  if (ms > MAX_DURATION_MS) return { ms: null, problem: 'tooLong' };
  return { ms, problem: null };
}

/** "2 days, 4 hours" in English, "2 jours et 4 heures" in French; a zero unit is left out. */
export function formatDuration(ms: number, lang: Lang): string {
  const parts = partsOf(ms);
  const said = DURATION_UNITS.filter((unit) => parts[unit]).map((unit) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: INTL_UNIT[unit], unitDisplay: 'long' }).format(Number(parts[unit])),
  );
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(said);
}
