// Dates in the viewer's own time zone and language, through Intl. The API sends instants
// (Date objects or ISO strings, depending on the transport); both are accepted.
export type Instant = Date | string | number | null | undefined;

export function toDate(value: Instant): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The browser's own variant of the chosen language (en-GB writes 25 November 13:28, en-US
 * November 25 1:28 PM), or the bare language when the browser prefers another one.
 */
export function localeFor(lang: string): string {
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return languages.find((tag) => tag.toLowerCase().split('-')[0] === lang) ?? lang;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeFor(lang), options);
    cache.set(key, format);
  }
  return format;
}

/** "2 December at 14:05", the way the badge and the conversation say when. */
export function formatDateTime(value: Instant, lang: string): string {
  const date = toDate(value);
  if (!date) return '';
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return formatter(lang, {
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Compact form for tables. */
export function formatShort(value: Instant, lang: string): string {
  const date = toDate(value);
  if (!date) return '';
  return formatter(lang, { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** Machine-readable value for <time dateTime>. */
export function isoOf(value: Instant): string | undefined {
  return toDate(value)?.toISOString();
}
