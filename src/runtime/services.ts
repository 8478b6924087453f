// What the API needs to serve a request, built once per process from the configuration:
// the Postgres pool, the Temporal client and the ticket desk on top of both.
import { Client, Connection } from '@temporalio/client';
import type { Config } from '../env.js';
import { createDatabase, type Database } from '../db/client.js';
import { currentPinnedSla, currentTicketPolicy, ensurePoliciesSeeded } from '../policies/store.js';
import { ticketDataConverter } from '../temporal/codec.js';
import { loadPayloadKeys, PayloadKeyError, type PayloadKey } from '../temporal/payload-keys.js';
import { TicketDesk } from '../tickets/desk.js';

/** Longest wait for Temporal before an API call fails with SERVICE_UNAVAILABLE. */
const API_TEMPORAL_TIMEOUT_MS = 10_000;

export interface Endpoints {
  databaseUrl: string;
  temporalAddress: string;
  /** The keys that encrypt what this process hands Temporal (src/temporal/codec.ts). */
  payloadKeys: PayloadKey[];
}

export interface Services {
  config: Config;
  db: Database;
  /** The Temporal connection the client (and the readiness probe) use. */
  connection: Connection;
  client: Client;
  desk: TicketDesk;
  /** The keys the client encrypts with, for the codec endpoint too. */
  payloadKeys: PayloadKey[];
  close(): Promise<void>;
}

export async function connectServices(config: Config, endpoints: Endpoints): Promise<Services> {
  const db = createDatabase(endpoints.databaseUrl);
  // A fresh install takes its policies from the API's POLICY_* as it starts, not from whichever
  // tool asks first. Postgres away or not migrated yet: the first reader seeds instead.
  ensurePoliciesSeeded(db, config.policySeed).catch(() => {});
  // Lazy: the API starts (and /readyz says what is missing) even while Temporal is still away.
  const connection = Connection.lazy({ address: endpoints.temporalAddress });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: ticketDataConverter(endpoints.payloadKeys) });
  // The API answers a person within seconds, even when Temporal or the worker is away.
  const desk = new TicketDesk({ client, db, taskQueue: config.TEMPORAL_TASK_QUEUE, policy: () => currentTicketPolicy(db, config.policySeed), sla: (type) => currentPinnedSla(db, type, config.policySeed), onCallPage: config.onCallPage, timeoutMs: API_TEMPORAL_TIMEOUT_MS });
  return {
    config,
    db,
    connection,
    client,
    desk,
    payloadKeys: endpoints.payloadKeys,
    async close() {
      await Promise.allSettled([connection.close(), db.close()]);
    },
  };
}

/** For the production entry points: both services and the payload keys must be named; say which is missing. */
export function externalEndpoints(config: Config, role: string): Endpoints {
  let payloadKeys: PayloadKey[] = [];
  let keysProblem: string | null = null;
  try {
    payloadKeys = loadPayloadKeys(config);
  } catch (error) {
    if (!(error instanceof PayloadKeyError)) throw error;
    keysProblem = error.message;
  }
  const missing = [
    ...(config.DATABASE_URL ? [] : ['DATABASE_URL: required (postgres://user:password@host:5432/database)']),
    ...(config.TEMPORAL_ADDRESS ? [] : ['TEMPORAL_ADDRESS: required (host:7233)']),
    ...(keysProblem ? [keysProblem] : []),
  ];
  if (missing.length > 0) {
    console.error(`Invalid configuration for \`npm run ${role}\`:\n  ${missing.join('\n  ')}\n(\`npm start\` runs everything embedded instead.)`);
    process.exit(1);
  }
  return { databaseUrl: config.DATABASE_URL!, temporalAddress: config.TEMPORAL_ADDRESS!, payloadKeys };
}
