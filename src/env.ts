// The only reader of process.env. Every setting is validated here, once, at start-up; a missing
// or invalid one stops the process with a message that names it.
import { msToNumber } from '@temporalio/common/lib/time.js';
import { z } from 'zod';
import { isTimeZone } from '../workflows/calendar/zone.js';
import { DEFAULT_POLICY, DEFAULT_SATISFACTION, type PageChannel, type TicketPolicy } from '../workflows/ticket/model.js';
import { LANGUAGES } from './db/schema.js';

const duration = (fallbackMs: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallbackMs;
      try {
        const ms = msToNumber(value as never);
        if (Number.isFinite(ms) && ms > 0) return ms;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration (examples: 3d, 12h, 90s, 500ms)` });
      return z.NEVER;
    });

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
/** A size in bytes, written as 20MB, 500KB or a plain number of bytes. */
const size = (fallbackBytes: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallbackBytes;
      const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value);
      if (match && Number(match[1]) > 0) return Math.round(Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()]);
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a size (examples: 20MB, 500KB, 1048576)` });
      return z.NEVER;
    });

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Unset: an embedded Postgres is started under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Unset: a local Temporal dev server is started under DATA_DIR. */
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** How long Temporal keeps a Closed ticket's workflow history, for a namespace the worker creates. */
  TEMPORAL_NAMESPACE_RETENTION: duration(30 * 24 * 60 * 60 * 1000),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('tickets'),
  /** Where the Temporal Web UI is, for links from the agent console. */
  TEMPORAL_UI_URL: z.string().url().optional(),
  /**
   * A Temporal UI server for this API to serve at /temporal, to signed-in agents only, on the
   * portal's own origin (so that its codec calls carry the session). npm start sets it to its dev
   * server's UI; a cluster's proxy serves /temporal itself instead.
   */
  TEMPORAL_UI_UPSTREAM: z.string().url().optional(),
  /** The keys that encrypt payloads in Temporal: `id:base64` entries, the first one encrypting (src/temporal/payload-keys.ts). */
  PAYLOAD_KEYS: z.string().min(1).optional(),
  /** The same, in a file, one per line. */
  PAYLOAD_KEYS_FILE: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Ports of the embedded services `npm start` runs when DATABASE_URL / TEMPORAL_ADDRESS are unset. */
  EMBEDDED_POSTGRES_PORT: port(5433),
  TEMPORAL_DEV_PORT: port(7233),
  TEMPORAL_DEV_UI_PORT: port(8233),
  /** The Temporal CLI binary for the dev server; unset: .tools/bin/temporal, then PATH. */
  TEMPORAL_CLI: z.string().min(1).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(3000),
  /** /metrics (Prometheus) and /healthz of every process, apart from the public PORT. */
  METRICS_PORT: port(9464),
  /** The address people use to reach the portal; links in e-mails point here. */
  PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port. Unset: e-mails are printed and kept in the development mailbox. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Support Ops <support@localhost>'),
  // Any user@host, local hosts included: the default itself (and compose's) is one.
  SUPPORT_OPS_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'not an e-mail address (user@host)').default('support-ops@localhost'),
  /**
   * The support mailbox, read for answers by e-mail: imap://user:password@host:143 or imaps://…:993
   * (a folder after the port: /INBOX by default). Unset: e-mails ask people to answer in the portal.
   */
  IMAP_URL: z.string().url().refine((url) => /^imaps?:\/\//.test(url), 'an imap:// or imaps:// URL').optional(),
  /** The support mailbox's address, where answers go (with a "+token"); MAIL_FROM's address when unset. */
  REPLY_ADDRESS: z.string().regex(/^[^\s@+]+@[^\s@]+$/, 'an e-mail address without "+" (user@host)').optional(),
  /** How often the support mailbox is read. */
  IMAP_POLL_INTERVAL: duration(60_000),
  /**
   * Paging the on-call at each SLA breach of a Critical / SEV ticket (README, Paging the on-call):
   * a webhook, signed with its secret, and/or an e-mail address. Unset: nobody is paged.
   */
  PAGE_WEBHOOK_URL: z.string().url().refine((url) => /^https?:\/\//.test(url), 'an http:// or https:// URL').optional(),
  PAGE_WEBHOOK_SECRET: z.string().min(32, 'at least 32 characters (openssl rand -hex 32)').optional(),
  PAGE_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'not an e-mail address (user@host)').optional(),
  /** The language of the e-mail pages; DEFAULT_LANGUAGE's when unset. */
  PAGE_LANGUAGE: z.enum(LANGUAGES).optional(),
  /** The language of e-mails to people who have not chosen one, and to Support Ops' address. */
  DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('en'),
  /** The team's time zone: dates in e-mails, days in reports. */
  TIME_ZONE: z
    .string()
    .default('Europe/Paris')
    .refine(isTimeZone, 'not a time zone (examples: Europe/Paris, UTC, America/Montreal)'),
  /** "true" behind a reverse proxy: client addresses (for rate limits) come from X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
  /** The largest file people may attach, and the most one message may bring. */
  ATTACHMENT_MAX_FILE_SIZE: size(20 * 1024 ** 2),
  ATTACHMENT_MAX_MESSAGE_SIZE: size(50 * 1024 ** 2),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Only a fresh install's first version of the policies: after that they live in Postgres, edited by
  // admins, and every process reads them there (src/policies/store.ts).
  POLICY_PENDING_REMINDER: duration(DEFAULT_POLICY.pendingReminderMs),
  POLICY_PENDING_AUTO_CLOSE: duration(DEFAULT_POLICY.pendingAutoCloseMs),
  POLICY_SOLVED_AUTO_CLOSE: duration(DEFAULT_POLICY.solvedAutoCloseMs),
  POLICY_SATISFACTION_DELAY: duration(DEFAULT_SATISFACTION.delayMs),
  POLICY_FIRST_REPLY_CRITICAL: duration(DEFAULT_POLICY.firstReplyTargetMs.critical),
  POLICY_FIRST_REPLY_SOFTWARE: duration(DEFAULT_POLICY.firstReplyTargetMs.software_issue),
  POLICY_FIRST_REPLY_HARDWARE: duration(DEFAULT_POLICY.firstReplyTargetMs.hardware_issue),
  POLICY_FIRST_REPLY_FEATURE: duration(DEFAULT_POLICY.firstReplyTargetMs.feature_request),
});

export type Env = z.output<typeof schema>;

/** Every setting this module reads (for checks that deployment files name only real ones). */
export const SETTING_NAMES = Object.keys(schema.shape) as Array<keyof Env>;

export interface Config extends Env {
  /** What POLICY_* say: version 1 of the policies on a fresh install, never read after that. */
  policySeed: TicketPolicy;
  publicUrl: string;
  /** How Critical / SEV tickets created by this process page the on-call: the channels PAGE_* configure. */
  onCallPage: PageChannel[];
}

export class ConfigError extends Error {}

/** Parses settings; throws ConfigError naming every bad one. */
export function readConfig(source: Record<string, string | undefined> = process.env): Config {
  // A setting left blank (`SMTP_URL=` in an env file, `${SMTP_URL:-}` in compose) means unset.
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = result.data;
  if (env.POLICY_PENDING_AUTO_CLOSE <= env.POLICY_PENDING_REMINDER) {
    throw new ConfigError('Invalid configuration:\n  POLICY_PENDING_AUTO_CLOSE: must be longer than POLICY_PENDING_REMINDER');
  }
  if ((env.PAGE_WEBHOOK_URL === undefined) !== (env.PAGE_WEBHOOK_SECRET === undefined)) {
    const missing = env.PAGE_WEBHOOK_URL === undefined ? 'PAGE_WEBHOOK_URL: required with PAGE_WEBHOOK_SECRET' : 'PAGE_WEBHOOK_SECRET: required with PAGE_WEBHOOK_URL (the pages are signed with it)';
    throw new ConfigError(`Invalid configuration:\n  ${missing}`);
  }
  return {
    ...env,
    onCallPage: [...(env.PAGE_WEBHOOK_URL ? (['webhook'] as const) : []), ...(env.PAGE_EMAIL ? (['email'] as const) : [])],
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    policySeed: {
      pendingReminderMs: env.POLICY_PENDING_REMINDER,
      pendingAutoCloseMs: env.POLICY_PENDING_AUTO_CLOSE,
      solvedAutoCloseMs: env.POLICY_SOLVED_AUTO_CLOSE,
      satisfaction: { delayMs: env.POLICY_SATISFACTION_DELAY, badRatingNotifiesOps: true },
      firstReplyTargetMs: {
        critical: env.POLICY_FIRST_REPLY_CRITICAL,
        software_issue: env.POLICY_FIRST_REPLY_SOFTWARE,
        hardware_issue: env.POLICY_FIRST_REPLY_HARDWARE,
        feature_request: env.POLICY_FIRST_REPLY_FEATURE,
      },
    },
  };
}

/** For entry points: the configuration, or a clear message and exit code 1. */
export function loadConfigOrExit(): Config {
  try {
    return readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
