// What text the desk accepts from outside (the API, Signals from the Temporal UI or CLI, e-mail):
// text that Postgres can store and mail can carry, and that a person can read. Checked once at
// each door, before a ticket number is used or a change is accepted, because a change the
// projection cannot write would otherwise be retried for ever.

// NUL (Postgres text cannot hold it) and the other C0 and C1 control characters, but tab and line
// breaks; DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// Half of a UTF-16 surrogate pair: no Unicode character, so no UTF-8 (Postgres refuses it in
// jsonb, and silently turns it into U+FFFD in text).
const LONE_SURROGATE = /\p{Cs}/u;
// Code points Unicode reserves as never being characters (U+FDD0..U+FDEF and the last two of
// every plane).
const NONCHARACTER = /[\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/u;

/** The message people see for text that is refused. */
export const NOT_TEXT = 'Contains characters that are not text.';

/** Whether the string is text the desk can keep. */
export function isStorableText(value: string): boolean {
  return !CONTROL.test(value) && !LONE_SURROGATE.test(value) && !NONCHARACTER.test(value);
}

/** The same for every string inside a message's input (its nested objects and arrays too). */
export function allStorableText(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (Array.isArray(value)) return value.every(allStorableText);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(allStorableText);
  return true;
}

/**
 * Text made storable: lone surrogates and NUL become U+FFFD, the replacement character. For
 * writes of text that got in before these checks existed (a ticket stuck on such a write
 * recovers on upgrade); new text is refused at the doors instead.
 */
export function toStorableText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\p{Cs}|\u0000/gu, '\uFFFD');
}

/** The same through a value's strings, for whole states and effects. */
export function withStorableText<T>(value: T): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map(withStorableText) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withStorableText(inner)])) as T;
  }
  return value;
}
