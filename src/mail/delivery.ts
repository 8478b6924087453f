// Delivers the notification outbox. Each row is claimed under a row lock (FOR UPDATE SKIP
// LOCKED), so several processes can run this loop and none sends what another is sending; the
// row is marked sent in the same transaction. Failures are retried with growing delays, at most
// MAX_ATTEMPTS times; one that can never succeed (UndeliverableError) is not retried at all. Each
// e-mail is written in its reader's language, as they set it on their account, when it is sent.
// Rows are e-mails but for the on-call's webhook pages, which src/on-call/webhook.ts POSTs.
import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { LANGUAGES, notifications, users, type Language } from '../db/schema.js';
import { isWebhookKind, ON_CALL, SUPPORT_OPS } from '../../workflows/ticket/effects.js';
import { postPage } from '../on-call/webhook.js';
import { startPeriodic } from '../runtime/periodic.js';
import { replyTokenFor } from './reply-tokens.js';
import { isAnswerable, recipientAddress, renderMail, type MailContext } from './templates.js';
import { replyAddress, threadHeaders } from './threading.js';
import { UndeliverableError } from './undeliverable.js';

export const MAX_ATTEMPTS = 8;

export interface MailConfig {
  SMTP_URL?: string;
  MAIL_FROM: string;
  SUPPORT_OPS_EMAIL: string;
  DEFAULT_LANGUAGE: Language;
  TIME_ZONE: string;
  /** Set when the support mailbox is read: answers by e-mail then reach the ticket. */
  IMAP_URL?: string;
  /** The support mailbox's address; MAIL_FROM's when unset. */
  REPLY_ADDRESS?: string;
  NODE_ENV: 'development' | 'production' | 'test';
  publicUrl: string;
  /** Where the on-call is paged (README, Paging the on-call); each unset: pages by that channel cannot be delivered. */
  PAGE_WEBHOOK_URL?: string;
  PAGE_WEBHOOK_SECRET?: string;
  PAGE_EMAIL?: string;
  /** The language of the on-call's e-mail pages; DEFAULT_LANGUAGE's when unset. */
  PAGE_LANGUAGE?: Language;
}

/** The addresses of the groups rows name (SUPPORT_OPS, ON_CALL). */
export const groupAddresses = (config: Pick<MailConfig, 'SUPPORT_OPS_EMAIL' | 'PAGE_EMAIL'>) => ({ supportOps: config.SUPPORT_OPS_EMAIL, onCall: config.PAGE_EMAIL });

/** Without SMTP, outside production, e-mails are kept in the development mailbox page (and can be answered there). */
export const hasDevMailbox = (config: Pick<MailConfig, 'SMTP_URL' | 'NODE_ENV'>) => !config.SMTP_URL && config.NODE_ENV !== 'production';

/** Whether answering an e-mail reaches the ticket: a support mailbox is read, or the development mailbox answers. */
export const answersByMail = (config: Pick<MailConfig, 'SMTP_URL' | 'NODE_ENV' | 'IMAP_URL'>) => config.IMAP_URL !== undefined || hasDevMailbox(config);

export interface MailDeliveryOptions {
  db: Database;
  config: MailConfig;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How often to look for due mail. */
  intervalMs?: number;
}

export interface MailDelivery {
  /** Delivers what is due now; resolves with how many rows were handled. */
  deliverDue(): Promise<number>;
  stop(): Promise<void>;
}

/** 30 s, 1 min, 2 min, … capped at an hour. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
  headers: Record<string, string>;
}

type Sender = (mail: OutgoingMail) => Promise<void>;

function smtpSender(config: MailConfig & { SMTP_URL: string }): { send: Sender; close(): void } {
  const transport: Transporter = nodemailer.createTransport(config.SMTP_URL, {
    // A hung SMTP server must not hold a row lock for ever.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as never);
  return {
    send: async (mail) => {
      await transport.sendMail({ from: config.MAIL_FROM, ...mail });
    },
    close: () => transport.close(),
  };
}

type Queries = Pick<Database, 'select' | 'insert'>;

/** The language an outbox row's reader reads: their account's, else the one the e-mail was asked in, else the desk's default. */
export async function languageOf(db: Queries, row: { recipient: string; recipientId: string | null; payload: Record<string, unknown> }, fallback: Language): Promise<Language> {
  if (row.recipient === SUPPORT_OPS || row.recipient === ON_CALL) return fallback;
  const asked = LANGUAGES.find((language) => language === row.payload.language);
  const [user] = await db
    .select({ language: users.language })
    .from(users)
    .where(row.recipientId ? or(eq(users.id, row.recipientId), eq(users.email, row.recipient)) : eq(users.email, row.recipient))
    .limit(1);
  return user?.language ?? asked ?? fallback;
}

/** The context an outbox row is rendered in, for its reader (the development mailbox uses it too). */
export async function mailContextOf(db: Queries, row: OutboxRecord, config: MailConfig): Promise<MailContext> {
  return {
    publicUrl: config.publicUrl,
    language: await languageOf(db, row, row.recipient === ON_CALL ? (config.PAGE_LANGUAGE ?? config.DEFAULT_LANGUAGE) : config.DEFAULT_LANGUAGE),
    timeZone: config.TIME_ZONE,
    repliesByMail: answersByMail(config),
  };
}

type OutboxRecord = typeof notifications.$inferSelect;

/** The e-mail an outbox row becomes: words, threading headers and, for people on the ticket, a Reply-To with their token. */
async function compose(db: Queries, row: OutboxRecord, config: MailConfig): Promise<OutgoingMail> {
  const context = await mailContextOf(db, row, config);
  const mail = renderMail(row, context);
  const thread = threadHeaders(row, { from: config.MAIL_FROM, publicUrl: config.publicUrl });
  const answerable = context.repliesByMail && row.ticketNumber !== null && row.recipientId !== null && isAnswerable(row.kind);
  const replyTo = answerable ? replyAddress(config.REPLY_ADDRESS ?? config.MAIL_FROM, await replyTokenFor(db, row.ticketNumber!, row.recipientId!)) : undefined;
  const to = recipientAddress(row.recipient, groupAddresses(config));
  if (to === null) throw new UndeliverableError('no on-call address is configured (PAGE_EMAIL) on the process delivering it');
  return {
    to,
    subject: mail.subject,
    text: mail.text,
    ...thread,
    ...(replyTo ? { replyTo } : {}),
    headers: {
      // Written by the desk, not a person: out-of-office replies and auto-responders stay quiet (RFC 3834).
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      ...(row.ticketNumber !== null ? { 'X-Ticket-Number': String(row.ticketNumber) } : {}),
    },
  };
}

export function startMailDelivery(options: MailDeliveryOptions): MailDelivery {
  const { db, config, logger } = options;
  const smtp = config.SMTP_URL ? smtpSender({ ...config, SMTP_URL: config.SMTP_URL }) : null;
  const send: Sender =
    smtp?.send ??
    (async (mail) => {
      // No SMTP: print, and the row stays readable in the development mailbox page.
      logger.info({ to: mail.to, subject: mail.subject }, `mail (no SMTP configured):\n${mail.text}`);
    });

  async function deliverOne(): Promise<boolean> {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(notifications)
        .where(and(isNull(notifications.sentAt), lte(notifications.nextAttemptAt, sql`now()`), lt(notifications.attempts, MAX_ATTEMPTS)))
        .orderBy(asc(notifications.nextAttemptAt), asc(notifications.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return false;
      const about = { notification: row.id, kind: row.kind, ...(row.ticketNumber !== null ? { ticketNumber: row.ticketNumber } : {}) };
      try {
        if (isWebhookKind(row.kind)) await postPage(row, config);
        else await send(await compose(tx, row, config));
        // Once mailed, the link (or the survey's secret) need not sit in the database too.
        const payload = smtp && (typeof row.payload.url === 'string' || typeof row.payload.token === 'string') ? { ...row.payload, url: undefined, token: undefined } : row.payload;
        await tx
          .update(notifications)
          .set({ sentAt: sql`now()`, attempts: row.attempts + 1, lastError: null, payload: JSON.parse(JSON.stringify(payload)) })
          .where(eq(notifications.id, row.id));
        if (row.recipient === ON_CALL) logger.info({ ...about, attempts: row.attempts + 1 }, 'on-call paged');
      } catch (error) {
        const attempts = row.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        // One that can never succeed takes its last attempt now: the row is given up on like one
        // that failed MAX_ATTEMPTS times, with the reason kept.
        const final = error instanceof UndeliverableError || attempts >= MAX_ATTEMPTS;
        if (final) logger.error({ ...about, attempts, error: message }, 'delivery failed; giving up on this notification');
        else logger.warn({ ...about, attempts, error: message }, 'delivery failed; will retry');
        await tx
          .update(notifications)
          .set({ attempts: final ? Math.max(attempts, MAX_ATTEMPTS) : attempts, lastError: message.slice(0, 1000), nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)) })
          .where(eq(notifications.id, row.id));
      }
      return true;
    });
  }

  // One pass at a time in this process; other processes are kept apart by the row locks.
  const job = startPeriodic(
    async () => {
      let handled = 0;
      while (handled < 100 && (await deliverOne())) handled += 1;
      return handled;
    },
    options.intervalMs ?? 2_000,
    (error) => logger.error({ err: error }, 'mail delivery pass failed'),
  );

  return {
    deliverDue: job.runNow,
    async stop() {
      await job.stop();
      smtp?.close();
    },
  };
}
