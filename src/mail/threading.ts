// How a ticket's e-mails stay one conversation in mail clients, and how an answer finds its way
// back. Every e-mail of ticket n names the same thread root in In-Reply-To and References (the
// root itself is never sent: clients thread on the reference), keeps "[#n]" in its subject, and
// has a stable Message-ID of its own, so a resend after a crash is recognisable as the same mail.
// Its Reply-To is the support mailbox with the reader's reply token after a "+": the token says
// which ticket and which person an answer comes from, without trusting the From header.
import { createHash } from 'node:crypto';

/** The address part of a From setting ("Support Ops <support@desk.example>" → support@desk.example). */
export function addressOf(mailbox: string): string {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(mailbox);
  return (bracketed?.[1] ?? mailbox.trim()).toLowerCase();
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
const digest = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

export interface ThreadSettings {
  /** The MAIL_FROM setting. */
  from: string;
  /** The desk's own address: two desks on one mail domain never share a thread. */
  publicUrl: string;
}

/** The id every e-mail of a ticket refers to. */
export function ticketThreadId(number: number, settings: ThreadSettings): string {
  return `<ticket-${number}.${digest(settings.publicUrl, 8)}@${domainOf(addressOf(settings.from))}>`;
}

/** The ticket a Message-ID, In-Reply-To or References value of this desk names, if any. */
export function ticketOfReference(references: string, settings: ThreadSettings): number | null {
  const domain = domainOf(addressOf(settings.from)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`<ticket-(\\d+)\\.${digest(settings.publicUrl, 8)}(?:\\.[0-9a-f]+)?@${domain}>`, 'gi');
  const match = pattern.exec(references);
  return match ? Number(match[1]) : null;
}

export interface ThreadHeaders {
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}

/** The headers of an outbox row's e-mail; `dedupeKey` identifies the row across resends. */
export function threadHeaders(row: { ticketNumber: number | null; dedupeKey: string }, settings: ThreadSettings): ThreadHeaders {
  const domain = domainOf(addressOf(settings.from));
  if (row.ticketNumber === null) return { messageId: `<${digest(row.dedupeKey, 32)}@${domain}>` };
  const root = ticketThreadId(row.ticketNumber, settings);
  return {
    messageId: `<ticket-${row.ticketNumber}.${digest(settings.publicUrl, 8)}.${digest(row.dedupeKey, 24)}@${domain}>`,
    inReplyTo: root,
    references: [root],
  };
}

/** The support mailbox's address with a reply token: support@desk.example → support+token@desk.example. */
export function replyAddress(mailbox: string, token: string): string {
  const address = addressOf(mailbox);
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${token}${address.slice(at)}`;
}

/** The reply token in an address written by replyAddress, if it has one. */
export function tokenOfAddress(address: string): string | null {
  const match = /^[^+@\s]+\+([a-z0-9]{16,64})@/i.exec(addressOf(address));
  return match ? match[1].toLowerCase() : null;
}
