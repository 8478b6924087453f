// A file's name as people gave it, made safe to store, show and offer back: no folders (a name
// like ../../x is x), no control characters or half characters, no direction overrides (which
// make "invoice\u202Efdp.exe" show as "invoiceexe.pdf"), no dots or spaces at the ends (which some
// systems drop or treat as special), and a bounded length that keeps the extension.
import { isStorableText, toStorableText } from '../../workflows/ticket/text.js';

const MAX_NAME = 180;

export function cleanFileName(given: string): string {
  const base = given.split(/[/\\]/).pop() ?? '';
  // Control characters (\p{Cc}) and the invisible direction marks and overrides go; the lone
  // surrogates become U+FFFD, the replacement character.
  let name = toStorableText(base.replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ''))
    .normalize('NFC')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!isStorableText(name)) name = [...name].filter((c) => isStorableText(c)).join('');
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME - extension.length) + extension;
  }
  return name || 'file';
}
