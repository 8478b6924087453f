// What the API needs from the outside world. Entry points and tests build these and hand them to
// createApp, so both run the very same server.
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { RateLimits } from '../accounts/rate-limit.js';
import type { Database } from '../db/client.js';
import type { Config } from '../env.js';
import type { TicketDesk } from '../tickets/desk.js';

export interface ApiDeps {
  config: Config;
  db: Database;
  desk: TicketDesk;
  /** The Temporal client the desk uses; the API sets deadlines on it. */
  temporal: Client;
  logger: Logger;
  limits: RateLimits;
  /** Longest wait for Temporal before a call fails with SERVICE_UNAVAILABLE. */
  temporalTimeoutMs: number;
}
