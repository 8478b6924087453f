// Renders an outbox row into the e-mail its reader gets, in their language: what happened, the
// public message that caused it (never an internal note: the projection only writes public
// ones), what they need to do and by when, and where to answer. The words live in words/.
import type { Language } from '../db/schema.js';
import { ON_CALL, SUPPORT_OPS, type MailNotificationKind, type NotificationKind } from '../../workflows/ticket/effects.js';
import { SLA_TARGETS, type SlaTargetName } from '../../workflows/sla/policy.js';
import { TICKET_STATUSES, TICKET_TYPES, type TicketPriority, type TicketStatus, type TicketType } from '../../workflows/ticket/model.js';
import { en, type MailWords, type TicketFacts } from './words/en.js';
import { fr } from './words/fr.js';

export const MAIL_WORDS: Record<Language, MailWords> = { en, fr };

export interface OutboxRow {
  kind: string;
  ticketNumber: number | null;
  payload: Record<string, unknown>;
}

/** What the projection writes with a ticket notification, for its e-mail. */
export type TicketMailPayload = {
  subject: string;
  status: TicketStatus;
  type: TicketType;
  priority?: TicketPriority;
  /** ISO instants. */
  autoCloseAt?: string | null;
  firstReplyDueAt?: string | null;
  /** The public message that caused the e-mail, as its readers see it in the portal; a bad rating's comment. */
  message?: { author: string; body: string; files: string[] };
  /** For a page (page_webhook, page_email): the target missed, and its instant (ISO). */
  page?: { target: SlaTargetName; breachedAt: string };
  /** The satisfaction survey's one-time secret (src/satisfaction/links.ts), until the e-mail is mailed. */
  token?: string;
};

export interface MailContext {
  publicUrl: string;
  language: Language;
  /** Where dates are read: the team's time zone. */
  timeZone: string;
  /** Whether a reply to the e-mail reaches the ticket (a support mailbox is read). */
  repliesByMail: boolean;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

export const ticketUrl = (publicUrl: string, number: number) => `${publicUrl}/tickets/${number}`;

/** The satisfaction survey's page (web/src/pages/Satisfaction.tsx), which needs no sign-in; it opens in the e-mail's language. */
export const satisfactionUrl = (publicUrl: string, token: string, language: Language) => `${publicUrl}/satisfaction?token=${encodeURIComponent(token)}&lang=${language}`;

/** The kinds whose reader may answer: people on the ticket, not Support Ops' group address. */
const ANSWERABLE: ReadonlySet<string> = new Set<NotificationKind>(['ticket_created', 'agent_replied', 'requester_replied', 'pending_reminder', 'ticket_solved']);

export const isAnswerable = (kind: string) => ANSWERABLE.has(kind);

export function formatInstant(iso: unknown, words: MailWords, timeZone: string): string | null {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return null;
  return new Intl.DateTimeFormat(words.locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(new Date(iso));
}

const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T => (values.includes(value as T) ? (value as T) : fallback);

export function renderMail(row: OutboxRow, context: MailContext): RenderedMail {
  const words = MAIL_WORDS[context.language];
  const payload = row.payload;
  if (row.kind === 'set_password' || row.kind === 'reset_password') {
    const url = typeof payload.url === 'string' ? payload.url : words.linkGone;
    const until = formatInstant(payload.expiresAt, words, context.timeZone) ?? '';
    const mail = row.kind === 'set_password' ? words.setPassword : words.resetPassword;
    return { subject: mail.subject, text: `${mail.text(url, until)}\n\n${words.signature}` };
  }
  if (row.kind === 'reply_refused' && row.ticketNumber !== null) {
    const refused = words.refusedReply;
    const reason = payload.reason;
    const text =
      reason === 'closed'
        ? refused.closed(row.ticketNumber, ticketUrl(context.publicUrl, row.ticketNumber))
        : reason === 'tooLarge'
          ? refused.tooLarge(String(payload.limit ?? ''))
          : refused.notAllowed(row.ticketNumber);
    return { subject: refused.subject(String(payload.originalSubject ?? `#${row.ticketNumber}`)), text: `${text}\n\n${words.signature}` };
  }
  if (row.ticketNumber === null) return { subject: 'Support desk', text: `${JSON.stringify(payload)}\n\n${words.signature}` };
  const kind = row.kind as MailNotificationKind;
  const template = words.ticket[kind] ?? words.ticket.agent_replied;
  const facts: TicketFacts = {
    number: row.ticketNumber,
    subject: String(payload.subject ?? ''),
    type: oneOf(TICKET_TYPES, payload.type, 'software_issue'),
    status: oneOf(TICKET_STATUSES, payload.status, 'open'),
    url: ticketUrl(context.publicUrl, row.ticketNumber),
    autoCloseAt: formatInstant(payload.autoCloseAt, words, context.timeZone),
    firstReplyDueAt: formatInstant(payload.firstReplyDueAt, words, context.timeZone),
    page: pageFacts(payload.page, words, context.timeZone),
    ratingUrl: typeof payload.token === 'string' ? satisfactionUrl(context.publicUrl, payload.token, context.language) : null,
  };
  const message = (payload as Partial<TicketMailPayload>).message;
  const answerable = context.repliesByMail && isAnswerable(kind);
  const parts = [
    answerable ? words.replyAbove : null,
    template.lead(facts),
    message?.body ? `${words.quoted(message.author)}\n\n${message.body}` : null,
    message?.files.length ? words.files(message.files) : null,
    template.action(facts),
    answerable ? words.replyByMail(facts.url) : words.replyOnline(facts.url),
    words.signature,
  ];
  return { subject: template.subject(facts), text: parts.filter((part): part is string => part !== null).join('\n\n') };
}

function pageFacts(value: unknown, words: MailWords, timeZone: string): TicketFacts['page'] {
  const page = value as Partial<NonNullable<TicketMailPayload['page']>> | undefined;
  if (!page || !(SLA_TARGETS as readonly unknown[]).includes(page.target)) return null;
  return { target: page.target!, breachedAt: formatInstant(page.breachedAt, words, timeZone) };
}

/**
 * Where an outbox row's e-mail goes: Support Ops rows to the configured team address, the
 * on-call's to PAGE_EMAIL (null when none is set: such a page cannot be e-mailed).
 */
export function recipientAddress(recipient: string, addresses: { supportOps: string; onCall?: string }): string | null {
  if (recipient === SUPPORT_OPS) return addresses.supportOps;
  if (recipient === ON_CALL) return addresses.onCall ?? null;
  return recipient;
}
