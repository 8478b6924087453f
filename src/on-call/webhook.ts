// Pages the on-call by webhook: one outbox row (kind page_webhook) becomes an HTTP POST of a small
// JSON document to PAGE_WEBHOOK_URL, signed (signature.ts). The outbox (src/mail/delivery.ts)
// claims the row and retries a failure with growing delays; this file says which failures are
// worth retrying: none of the receiver's refusals (a 4xx other than 408 and 429) ever succeeds
// on its own, so those stop the retries at once, with the reason kept on the row.
import type { notifications } from '../db/schema.js';
import { ticketUrl, type TicketMailPayload } from '../mail/templates.js';
import { UndeliverableError } from '../mail/undeliverable.js';
import { withStorableText } from '../../workflows/ticket/text.js';
import { pageSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';

export const PAGE_ID_HEADER = 'X-Support-Desk-Page';

/** A receiver that has not answered by then is taken as away: a hung one must not hold the row lock. */
const TIMEOUT_MS = 10_000;

export interface WebhookConfig {
  PAGE_WEBHOOK_URL?: string;
  PAGE_WEBHOOK_SECRET?: string;
  publicUrl: string;
}

type OutboxRecord = typeof notifications.$inferSelect;

/** What the receiver gets: the ticket, the target missed, the breach's instant and a link. */
export interface PageDocument {
  /** The same on every attempt: a receiver that got it already can drop the repeat. */
  id: string;
  event: 'sla.breached';
  ticket: { number: number; subject: string; type: string; priority: string | null; status: string; url: string };
  target: string;
  breachedAt: string;
}

export function pageDocument(row: OutboxRecord, publicUrl: string): PageDocument {
  const payload = row.payload as Partial<TicketMailPayload>;
  const number = row.ticketNumber ?? 0;
  return {
    id: `ticket-${number}-page-${row.id}`,
    event: 'sla.breached',
    ticket: { number, subject: String(payload.subject ?? ''), type: String(payload.type ?? ''), priority: payload.priority ?? null, status: String(payload.status ?? ''), url: ticketUrl(publicUrl, number) },
    target: String(payload.page?.target ?? ''),
    breachedAt: String(payload.page?.breachedAt ?? ''),
  };
}

/** Statuses worth another attempt: the receiver timed out, is busy, or failed on its side. */
const retryable = (status: number) => status === 408 || status === 429 || status >= 500 || status < 400;

/** POSTs the page; throws to have it retried, or UndeliverableError when no attempt can succeed. */
export async function postPage(row: OutboxRecord, config: WebhookConfig): Promise<void> {
  const { PAGE_WEBHOOK_URL: url, PAGE_WEBHOOK_SECRET: secret } = config;
  if (!url || !secret) throw new UndeliverableError('no on-call webhook is configured (PAGE_WEBHOOK_URL, PAGE_WEBHOOK_SECRET) on the process delivering it');
  const document = pageDocument(row, config.publicUrl);
  const body = JSON.stringify(document);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'support-desk-pager',
      [PAGE_ID_HEADER]: document.id,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: pageSignature(secret, timestamp, body),
    },
    body,
    // A redirect is answered as a failure: the signed page goes only where it was configured to.
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel();
    return;
  }
  const said = withStorableText((await response.text().catch(() => '')).trim().slice(0, 200));
  const reason = `the on-call webhook answered HTTP ${response.status}${said ? `: ${said}` : ''}`;
  if (retryable(response.status)) throw new Error(reason);
  throw new UndeliverableError(`${reason} (not retried: the receiver refuses this page)`);
}
