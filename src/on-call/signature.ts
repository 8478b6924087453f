// How a page's webhook request is signed, so that its receiver can tell it came from the desk and
// refuse a replay: HMAC-SHA256, keyed with PAGE_WEBHOOK_SECRET, over "<timestamp>.<body>", where the
// timestamp (Unix seconds, sent as X-Support-Desk-Timestamp) is the attempt's own. The receiver
// recomputes it over the raw body, compares in constant time, and refuses a timestamp more than a
// few minutes from its clock (README, Paging the on-call).
import { createHmac } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Support-Desk-Timestamp';
export const SIGNATURE_HEADER = 'X-Support-Desk-Signature';

/** The X-Support-Desk-Signature value: `v1=` and the hex digest (v1: this scheme, should another come). */
export function pageSignature(secret: string, timestampSeconds: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}
