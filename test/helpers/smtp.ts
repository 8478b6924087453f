// A real SMTP server on a free local port that keeps what it receives, parsed: the "inbox" the
// tests read e-mailed links from. Optionally refuses the first messages, to exercise retries.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../../src/db/client.js';
import type { Config } from '../../src/env.js';
import { startMailDelivery } from '../../src/mail/delivery.js';
import { freePort } from '../../src/net.js';

export interface SmtpInbox {
  url: string;
  messages: ParsedMail[];
  /** Resolves with the first message (already received or to come) that matches. */
  waitFor(match: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  to(address: string): ParsedMail[];
  /** Make the next `count` deliveries to `address` fail with a temporary error. */
  refuseNext(address: string, count: number): void;
  close(): Promise<void>;
}

export const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const messages: ParsedMail[] = [];
  const waiters: Array<() => void> = [];
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to trust.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const refused = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).find((a) => (refusals.get(a) ?? 0) > 0);
      if (refused) {
        refusals.set(refused, (refusals.get(refused) ?? 0) - 1);
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          for (const wake of waiters.splice(0)) wake();
          callback();
        })
        .catch(callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const inbox: SmtpInbox = {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => recipients(m).includes(address.toLowerCase())),
    refuseNext(address, count) {
      refusals.set(address.toLowerCase(), count);
    },
    async waitFor(match, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching e-mail within ${timeoutMs} ms (received: ${messages.map((m) => m.subject).join(' | ')})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 1_000));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return inbox;
}

/** The first http(s) link in a mail's text. */
export function linkIn(mail: ParsedMail): URL {
  const match = /https?:\/\/\S+/.exec(mail.text ?? '');
  if (!match) throw new Error(`no link in e-mail "${mail.subject}"`);
  return new URL(match[0]);
}

/**
 * Test files share one database, and e-mails queued by earlier files wait in its outbox (a pass
 * delivers at most 100, oldest first). A file that delivers over SMTP sends that backlog nowhere
 * first, so that its own e-mails are reached within its waits.
 */
export async function sendBacklogNowhere(db: Database, config: Config): Promise<void> {
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const drain = startMailDelivery({ db, config: { ...config, SMTP_URL: undefined }, logger: quiet as never, intervalMs: 3_600_000 });
  while ((await drain.deliverDue()) > 0);
  await drain.stop();
}
