// What every phase of the bench shares: the running stack, the bench's own connections to
// Postgres and Temporal, the signed-in people, and what earlier phases learned.
import type { Client } from '@temporalio/client';
import type { Database } from '../../src/db/client.js';
import type { TicketDesk } from '../../src/tickets/desk.js';
import type { BenchPeople } from './people.js';
import type { BenchStack } from './stack.js';

export interface BenchContext {
  stack: BenchStack;
  db: Database;
  /** The product's client: payloads encrypted with the run's key, as the API's. */
  client: Client;
  /** The bare-Temporal baseline's client: no codec, as the baseline worker has none. */
  baselineClient: Client;
  /** The product's desk with the production policy, for tickets a phase needs but does not measure. */
  desk: TicketDesk;
  people: BenchPeople;
  quick: boolean;
  /** --large: the memory phase goes on to 50,000 open tickets, the reads to 1,000,000 tickets. */
  large: boolean;
  log: (line: string) => void;
  /** The API's creation saturation concurrency, once the creation phase has measured it. */
  saturation?: number;
}

/** Ticket numbers at or above this are rows seeded straight into the projection, with no workflow. */
export const SEEDED_NUMBER_BASE = 10_000_000;
