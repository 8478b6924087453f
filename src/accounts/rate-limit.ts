// Fixed-window counters in Postgres, so that every API process counts the same attempts.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

export interface Limit {
  max: number;
  windowMs: number;
}

export interface RateLimits {
  /** Failed sign-ins per account. */
  signInPerAccount: Limit;
  /** Failed sign-ins per client address. */
  signInPerAddress: Limit;
  /** Access and reset link requests per e-mail address. */
  linksPerAccount: Limit;
  /** Access and reset link requests per client address. */
  linksPerAddress: Limit;
}

const MINUTE = 60_000;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInPerAccount: { max: 10, windowMs: 15 * MINUTE },
  signInPerAddress: { max: 50, windowMs: 15 * MINUTE },
  linksPerAccount: { max: 5, windowMs: 60 * MINUTE },
  linksPerAddress: { max: 30, windowMs: 60 * MINUTE },
};

/** Counts one attempt; returns the count in the current window, this one included. */
export async function countAttempt(db: Database, key: string, limit: Limit): Promise<number> {
  const seconds = limit.windowMs / 1000;
  const rows = await db.execute<{ count: number }>(sql`
    insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= now() - make_interval(secs => ${seconds}) then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${seconds}) then now() else rate_limits.window_start end
    returning count`);
  return Number(rows[0].count);
}

/** Gives back an attempt counted by countAttempt (one that turned out not to count). */
export async function refundAttempt(db: Database, key: string): Promise<void> {
  await db.execute(sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key}`);
}
