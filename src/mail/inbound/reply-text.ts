// The new part of an answer by e-mail. The desk's e-mails open with a "type your reply above this
// line" mark in the reader's language: what lies at or below it (however the mail client quotes
// it) is the history. Then email-reply-parser removes what clients add without the mark: the
// "On …, … wrote:" / "Le … a écrit :" header, quoted lines and the signature.
import EmailReplyParser from 'email-reply-parser';
import { MAIL_WORDS } from '../templates.js';

const MARKS = Object.values(MAIL_WORDS).map((words) => words.replyAbove.replace(/^#+-\s*|\s*-#+$/g, '').toLowerCase());

export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const mark = lines.findIndex((line) => MARKS.some((words) => line.toLowerCase().includes(words)));
  const above = (mark === -1 ? lines : lines.slice(0, mark)).join('\n');
  return new EmailReplyParser().parseReply(above).trim();
}
