// What the API needs from the outside world. Entry points and tests build these and hand them to
// createApp, so both run the very same server.
import type { Logger } from 'pino';
import type { RateLimits } from '../accounts/rate-limit.js';
import type { Database } from '../db/client.js';
import type { Config } from '../env.js';
import type { PayloadKey } from '../temporal/payload-keys.js';
import type { TicketDesk } from '../tickets/desk.js';

export interface ApiDeps {
  config: Config;
  db: Database;
  desk: TicketDesk;
  logger: Logger;
  limits: RateLimits;
  /** The keys of the process's payload codec, for the codec endpoint (/codec); unset: no endpoint. */
  payloadKeys?: PayloadKey[];
}
