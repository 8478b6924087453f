// The new part of an answer by e-mail. The desk's e-mails open with a "type your reply above this
// line" mark in the reader's language: what lies at or below it (however the mail client quotes
// it) is the history. Then email-reply-parser removes what clients add without the mark: the
// "On …, … wrote:" / "Le … a écrit :" header, quoted lines and the signature.
import EmailReplyParser from 'email-reply-parser';
import { MAIL_WORDS } from '../templates.js';

const MARKS = Object.values(MAIL_WORDS).map((words) => words.replyAbove.replace(/^#+-\s*|\s*-#+$/g, '').toLowerCase());

/** The line a mail client writes above what it quotes ("On …, Ada <a@b> wrote:", "Le … a écrit :"), whatever its start. */
const QUOTE_HEADER = /(wrote|a écrit|schrieb|escribió|ha scritto|napisał)\s*:\s*$/i;

export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const mark = lines.findIndex((line) => MARKS.some((words) => line.toLowerCase().includes(words)));
  const above = mark === -1 ? lines : lines.slice(0, mark);
  // What is left just above the mark: quoted lines, blank lines and the client's quote header.
  while (above.length && (above.at(-1)!.trim() === '' || above.at(-1)!.startsWith('>'))) above.pop();
  if (mark !== -1 && above.length && QUOTE_HEADER.test(above.at(-1)!)) {
    above.pop();
    // Clients wrap a long header: "On Tue, 1 Dec 2026 at 12:00, Support Ops <support@…" / "…> wrote:".
    if (above.length && above.at(-1)!.trim() !== '' && /^(on|le|am|el|il)\s/i.test(above.at(-1)!.trim())) above.pop();
  }
  return new EmailReplyParser().parseReply(above.join('\n')).trim();
}
