// Numbers and days as the reader's language writes them: fr "1 020", "12,5 %", "1 déc. 2026";
// en "1,020", "12.5%", "1 Dec 2026" (en-GB) or "Dec 1, 2026" (en-US), in the browser's variant of
// the language, as lib/format.ts does for moments.
import type { Lang } from '../i18n/languages';

function localeFor(lang: Lang): string {
  const languages = navigator.languages ?? [navigator.language];
  return languages.find((tag) => tag.toLowerCase().split('-')[0] === lang) ?? lang;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/** A count: "1 020" in French, "1,020" in English. */
export function formatCount(value: number, lang: Lang): string {
  return cached(`count:${lang}`, () => new Intl.NumberFormat(localeFor(lang), { maximumFractionDigits: 0 })).format(value);
}

/** A share given in percent (12.5 for 12.5 %): "12,5 %" in French, "12.5%" in English. */
export function formatPercent(value: number, lang: Lang): string {
  return cached(`percent:${lang}`, () => new Intl.NumberFormat(localeFor(lang), { style: 'percent', maximumFractionDigits: 1 })).format(value / 100);
}

/** A duration in hours: "12,5 h" in French, "12.5 hr" in English. */
export function formatHours(value: number, lang: Lang): string {
  return cached(`hours:${lang}`, () => new Intl.NumberFormat(localeFor(lang), { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 })).format(value);
}

/** A day given as YYYY-MM-DD, as a date with the month in words and the year: "1 déc. 2026". */
export function formatDay(day: string, lang: Lang): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return cached(`day:${lang}`, () => new Intl.DateTimeFormat(localeFor(lang), { dateStyle: 'medium', timeZone: 'UTC' })).format(date);
}

/** A day, short, for a chart's axis: "1 déc." / "Dec 1". */
export function formatShortDay(day: string, lang: Lang): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return cached(`short:${lang}`, () => new Intl.DateTimeFormat(localeFor(lang), { day: 'numeric', month: 'short', timeZone: 'UTC' })).format(date);
}

/** Today, and the day `days` before a day, as YYYY-MM-DD (the browser's calendar). */
export function today(): string {
  const now = new Date();
  return dayOf(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}
export function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return dayOf(date);
}
/** Days from `from` to `to`, both counted. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
