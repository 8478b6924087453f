// A real HTTP receiver for the on-call's webhook pages, on a free local port: it checks each
// request's signature as a receiver would (HMAC-SHA256 with the shared secret over the timestamp
// and the raw body, a fresh timestamp), keeps what it got, and answers with the statuses it is
// told to, in order (200 once they run out).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { freePort } from '../../src/net.js';

export interface ReceivedPage {
  headers: IncomingHttpHeaders;
  body: string;
  /** The signature matches the body and the timestamp, and the timestamp is within 5 minutes. */
  signed: boolean;
  /** What the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedPage[];
  /** The statuses to answer the next requests with. */
  answer(...statuses: number[]): void;
  close(): Promise<void>;
}

export function signedBy(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = headers['x-support-desk-timestamp'];
  const signature = headers['x-support-desk-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedPage[] = [];
  const statuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = statuses.shift() ?? 200;
      received.push({ headers: request.headers, body, signed: signedBy(secret, request.headers, body), status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 400 ? 'unknown service key' : 'ok');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/pages`,
    received,
    answer: (...next) => void statuses.push(...next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
