// Tags: free words Support Ops put on tickets, in one spelling each, so that "Vélo ", "vélo" and
// "VÉLO" are one tag and a filter or a suggestion finds them all. Pure: used by the lifecycle's
// parser, the API's inputs and the projection alike.
import { MAX_TAG_LENGTH } from './model.js';

/** Letters and digits, then letters, digits, -, _ or . (no spaces: they become -). */
const TAG = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;

/** The one spelling of a tag: NFKC, lower case, trimmed, inner spaces as -, a leading # dropped. */
export function normalizeTag(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/^#+/u, '').toLowerCase().replace(/\s+/gu, '-');
}

/** Why this (normalised) tag cannot be one, or null. */
export function tagProblem(tag: string): string | null {
  if (tag.length === 0) return 'A tag needs a letter or a digit.';
  if (tag.length > MAX_TAG_LENGTH) return `A tag is at most ${MAX_TAG_LENGTH} characters.`;
  if (!TAG.test(tag)) return `"${tag}" is not a tag: use letters, digits, - _ and . only.`;
  return null;
}

/** The tags normalised, each once, in their first order. */
export function normalizeTags(raw: readonly string[]): string[] {
  return [...new Set(raw.map(normalizeTag))];
}
