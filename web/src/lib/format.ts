// The one way the portal writes a moment: in the viewer's own time zone and their variant of the
// chosen language, with the month in words and the year always there, so that no one reads
// 12/1 as 12 January or December 1 (en-GB "1 Dec 2026, 07:38", en-US "Dec 1, 2026, 7:38 AM",
// fr "1 déc. 2026, 07:38"). The ticket page, the lists and the sentences all use it.
import type { Lang } from '../i18n/languages';

/** What the API sends for a moment (an ISO string), or nothing. */
export type Instant = string | null | undefined;

function toDate(value: Instant): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The browser's own variant of the chosen language (en-GB writes 1 Dec 2026, 07:38, en-US
 * Dec 1, 2026, 7:38 AM), or the bare language when the browser prefers another one.
 */
function localeFor(lang: Lang): string {
  const languages = navigator.languages ?? [navigator.language];
  return languages.find((tag) => tag.toLowerCase().split('-')[0] === lang) ?? lang;
}

const formatters = new Map<Lang, Intl.DateTimeFormat>();
function formatterFor(lang: Lang): Intl.DateTimeFormat {
  let format = formatters.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(localeFor(lang), { dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(lang, format);
  }
  return format;
}

/**
 * The moment as its date (with what the language writes before the time: "1 déc. 2026,") and its
 * time of day ("12:26"), so that a narrow column may break between the two but not inside them.
 * Joined by a space they are formatInstant's text.
 */
export function instantParts(value: Instant, lang: Lang): { date: string; time: string } | null {
  const date = toDate(value);
  if (!date) return null;
  const parts = formatterFor(lang).formatToParts(date);
  const timeStarts = parts.findIndex((part) => part.type === 'hour' || part.type === 'dayPeriod');
  const text = (from: number, to?: number) => parts.slice(from, to).map((part) => part.value).join('');
  return timeStarts <= 0 ? { date: text(0).trim(), time: '' } : { date: text(0, timeStarts).trim(), time: text(timeStarts).trim() };
}

export function formatInstant(value: Instant, lang: Lang): string {
  const parts = instantParts(value, lang);
  return parts ? [parts.date, parts.time].filter(Boolean).join(' ') : '';
}

/** Machine-readable value for <time dateTime>. */
export function isoOf(value: Instant): string | undefined {
  return toDate(value)?.toISOString();
}

const relativeFormatters = new Map<Lang, Intl.RelativeTimeFormat>();

/**
 * How far a deadline is from `now`, as the language says it ("in 2 hours", "dans 2 heures",
 * "5 minutes ago"): in whole days, else hours, else minutes.
 */
export function formatFromNow(value: Instant, now: number, lang: Lang): string {
  const date = toDate(value);
  if (!date) return '';
  const minutes = Math.round((date.getTime() - now) / 60_000);
  let format = relativeFormatters.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(localeFor(lang), { numeric: 'always' });
    relativeFormatters.set(lang, format);
  }
  if (Math.abs(minutes) >= 48 * 60) return format.format(Math.round(minutes / (24 * 60)), 'day');
  if (Math.abs(minutes) >= 90) return format.format(Math.round(minutes / 60), 'hour');
  return format.format(minutes, 'minute');
}
