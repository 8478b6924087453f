// Reads the support mailbox over IMAP (IMAP_URL) and hands each unread e-mail to the e-mail door
// (receive.ts). An e-mail is flagged \Seen only once the door has taken it, so one that meets a
// dependency down is read again on the next pass; the door records every Message-ID, so reading
// one twice changes nothing. Every worker process runs a reader; a Postgres advisory lock lets
// one of them read at a time.
import { sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import { startPeriodic } from '../../runtime/periodic.js';
import { receiveMail, type InboundDeps } from './receive.js';

export interface MailboxSettings {
  IMAP_URL: string;
  IMAP_POLL_INTERVAL: number;
}

export interface MailboxReader {
  /** Reads what is unread now; resolves with how many e-mails were taken (0 when another process holds the mailbox). */
  readNow(): Promise<number>;
  stop(): Promise<void>;
}

/** imap://user:password@host:143/Folder, or imaps:// for TLS (993 by default). */
export function imapOptions(url: string): { host: string; port: number; secure: boolean; auth: { user: string; pass: string }; folder: string } {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    folder: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

export function startMailboxReader(deps: InboundDeps & { settings: MailboxSettings; logger: Pick<Logger, 'info' | 'warn' | 'error'> }): MailboxReader {
  const { host, port, secure, auth, folder } = imapOptions(deps.settings.IMAP_URL);
  const { logger } = deps;

  async function pass(): Promise<number> {
    const client = new ImapFlow({ host, port, secure, auth, logger: false, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 });
    await client.connect();
    let taken = 0;
    try {
      const lock = await client.getMailboxLock(folder);
      try {
        const unread = (await client.search({ seen: false }, { uid: true })) || [];
        for (const uid of unread) {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!message || !message.source) continue;
          const result = await receiveMail(deps, message.source);
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          logger.info({ ticket: result.ticketNumber, outcome: result.outcome, reason: result.reason }, 'e-mail from the support mailbox');
          taken += 1;
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return taken;
  }

  // The transaction only holds the lock: one reader at a time across every process.
  const job = startPeriodic(
    () =>
      deps.db.transaction(async (tx) => {
        const [row] = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext('support-mailbox')) as locked`);
        return row?.locked ? pass() : 0;
      }),
    deps.settings.IMAP_POLL_INTERVAL,
    (error) => logger.warn({ err: error }, 'reading the support mailbox failed; will try again'),
  );
  return { readNow: job.runNow, stop: job.stop };
}

/** The reader, when a support mailbox is set (IMAP_URL); the API processes run it, as they hold the desk. */
export function startConfiguredMailboxReader(
  deps: InboundDeps & { config: InboundDeps['config'] & { IMAP_URL?: string; IMAP_POLL_INTERVAL: number }; logger: Pick<Logger, 'info' | 'warn' | 'error'> },
): MailboxReader | null {
  const { IMAP_URL, IMAP_POLL_INTERVAL } = deps.config;
  return IMAP_URL ? startMailboxReader({ ...deps, settings: { IMAP_URL, IMAP_POLL_INTERVAL } }) : null;
}
