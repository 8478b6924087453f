// The words of the portal's catalogues (web/src/i18n), for the checks that French pages and the
// French catalogue hold no English: every entry, functions included (called with sample values),
// cut into words.
import { en, type Messages } from '../../../web/src/i18n/en.js';

/**
 * Words both languages write the same way, the only English-catalogue words French may contain:
 * the product's name and proper nouns, abbreviations (SLA, SEV), and words French shares with
 * English (a page, a type, a description, a ticket, an agent, an e-mail, a message, a session…).
 * Add to this list only a word a French reader reads as French.
 */
export const SHARED_WORDS = new Set([
  'support',
  'ops',
  'temporal',
  'sla',
  'sev',
  'page',
  'type',
  'description',
  'conversation',
  'ticket',
  'tickets',
  'agents',
  'e-mail',
  'e-mails',
  'minutes',
  'session',
  'service',
  'menu',
  'console',
  'note',
  'workflow',
  'infrastructure',
  'message',
  'messages',
  'notes',
  'confirmation',
  'audit',
  'satisfaction',
  // "How" in French.
  'comment',
  'long',
  'moment',
  // French for queues (les files d'attente), English for what French calls fichiers.
  'files',
  // The reports and administration pages: the same words in both languages.
  'agent',
  'administration',
  'csv',
  'json',
  'invitation',
  'sessions',
  // The service levels page: each save of a policy is a new version, in both languages.
  'version',
  'versions',
]);

/**
 * Sample values for a catalogue function's parameters (a count, a name, a date, a flag), so that
 * every branch is taken: truthy and falsy, one and many. None of them is a word.
 */
const SAMPLES: unknown[][] = [[7, 7, 7], [0, 0, 0], [1, 1, 1], ['§', '§', '§']];

/** Every text a catalogue can produce, each with the path of its entry (functions once per sample). */
export function catalogueTexts(catalogue: Messages): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') out.push({ path, text: value });
    else if (typeof value === 'function') {
      const seen = new Set<string>();
      for (const sample of SAMPLES) {
        let text: unknown;
        try {
          text = (value as (...args: unknown[]) => unknown)(...sample);
        } catch {
          continue;
        }
        if (typeof text === 'string' && !seen.has(text)) {
          seen.add(text);
          out.push({ path, text });
        }
      }
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    }
  };
  walk(catalogue, '');
  return out;
}

/**
 * The words of a text, in lower case: letters, digits and inner hyphens. Apostrophes separate,
 * and what is left of one letter ("d’accès", "CC’d") or only digits is no word to judge.
 */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []).filter((word) => word.length > 1 && !/^\p{N}+$/u.test(word));
}

/** The English catalogue's words that French does not share. */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  catalogueTexts(en)
    .flatMap(({ text }) => wordsOf(text))
    .filter((word) => !SHARED_WORDS.has(word)),
);

/** The English words in these texts, with the text each was found in. */
export function englishIn(texts: readonly string[]): { word: string; text: string }[] {
  return texts.flatMap((text) => wordsOf(text).filter((word) => ENGLISH_WORDS.has(word)).map((word) => ({ word, text })));
}
