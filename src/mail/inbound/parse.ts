// Reads an e-mail as received (its raw source) into what the desk needs to take it as a reply:
// who sent it, to which addresses (a reply token hides in one of them), which of the desk's
// e-mails it answers, whether a machine wrote it, the new text only, and its files.
import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { replyText } from './reply-text.js';

export interface IncomingFile {
  name: string;
  content: Buffer;
}

export interface IncomingMail {
  /** The Message-ID, or a digest of the source when it has none: the key that makes a re-read harmless. */
  messageId: string;
  from: string;
  subject: string;
  /** Every address it was sent to, envelope headers included. */
  recipients: string[];
  /** In-Reply-To and References, together. */
  references: string;
  /** Why it is a machine's message (out of office, bounce, list), or null for a person's. */
  automatic: string | null;
  /** The new text only: quoted history and signature are cut off. */
  body: string;
  files: IncomingFile[];
}

/** An HTML-only e-mail read as its text: pictures are files or layout, never words. */
const HTML_AS_TEXT = { wordwrap: false as const, selectors: [{ selector: 'img', format: 'skip' }] };

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.flatMap((a) => (a.address ? [a.address.toLowerCase()] : [])));

const headerText = (mail: ParsedMail, name: string): string => {
  const value = mail.headers.get(name);
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(' ');
  if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return String(value);
};

/** RFC 3834 and the headers mail systems actually set on automatic replies, bounces and lists. */
function automaticReason(mail: ParsedMail, from: string): string | null {
  const autoSubmitted = headerText(mail, 'auto-submitted').toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = headerText(mail, 'precedence').toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'list-id']) {
    if (mail.headers.has(name)) return `${name} header`;
  }
  if (/^(mailer-daemon|postmaster)@/i.test(from)) return 'sent by a mail server';
  if (/multipart\/report/i.test(headerText(mail, 'content-type'))) return 'a delivery report';
  return null;
}

export async function parseIncoming(raw: Buffer): Promise<IncomingMail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const from = addresses(mail.from)[0] ?? '';
  const text = mail.text?.trim() ? mail.text : mail.html ? convert(mail.html, HTML_AS_TEXT) : '';
  const envelope = ['delivered-to', 'x-original-to', 'envelope-to'].flatMap((name) => headerText(mail, name).toLowerCase().split(/[\s,]+/).filter((a) => a.includes('@')));
  const references = [mail.inReplyTo ?? '', ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])].join(' ');
  return {
    messageId: mail.messageId ?? `<${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@no-message-id>`,
    from,
    subject: mail.subject ?? '',
    recipients: [...new Set([...addresses(mail.to), ...addresses(mail.cc), ...envelope])],
    references,
    automatic: automaticReason(mail, from),
    body: replyText(text),
    // Pictures embedded in the text (a signature's logo) are part of the layout, not files sent.
    files: mail.attachments.filter((file) => !file.related).map((file) => ({ name: file.filename ?? 'file', content: file.content })),
  };
}
