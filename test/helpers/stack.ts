// A test's view of the product: the shared Postgres and Temporal from global setup, plus a worker
// of its own on a task queue of its own, so test files never steal each other's tasks.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.js';
import { ticketDataConverter } from '../../src/temporal/codec.js';
import { parsePayloadKeys } from '../../src/temporal/payload-keys.js';
import { createTicketWorker } from '../../src/temporal/ticket-worker.js';
import { currentPinnedSla } from '../../src/policies/store.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import type { PinnedSla } from '../../workflows/sla/pinned.js';
import { DEFAULT_POLICY, type PageChannel, type TicketPolicy, type TicketType } from '../../workflows/ticket/model.js';

let runtimeInstalled = false;

/** Policy scaled from days to seconds, so timers fire within a test. */
export const FAST_POLICY: TicketPolicy = {
  pendingReminderMs: 3_000,
  pendingAutoCloseMs: 5_000,
  solvedAutoCloseMs: 4_000,
  firstReplyTargetMs: { critical: 2_000, software_issue: 60_000, hardware_issue: 60_000, feature_request: 60_000 },
};

/** The production policy: nothing fires during a test. */
export const SLOW_POLICY = DEFAULT_POLICY;

export interface Stack {
  db: Database;
  client: Client;
  desk: TicketDesk;
  taskQueue: string;
  namespace: string;
  startWorker(): Promise<Worker>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** The suite's payload keys (global-setup): the stacks encrypt what they hand Temporal, as the product does. */
export const suiteKeys = () => parsePayloadKeys(inject('payloadKeys'), 'the suite\'s keys');

/** The Temporal runtime of a test process, once: it logs errors only. */
export function installQuietRuntime(): void {
  if (!runtimeInstalled) {
    // Refused signals are logged as warnings on purpose; tests provoke many, so show errors only.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    runtimeInstalled = true;
  }
}

export async function startStack(
  options: {
    policy?: TicketPolicy;
    /**
     * The SLA tickets pin (test/helpers/sla.ts), or `current`: what is in force in the database, as
     * the product pins. Unset: none, only the policy's first-reply duration counts.
     */
    sla?: ((type: TicketType) => PinnedSla) | 'current';
    /** Another database than the suite's (test/helpers/fresh-database.ts). */
    databaseUrl?: string;
    worker?: boolean;
    /** false: plain payloads (the replay fixtures stay readable). */
    encrypted?: boolean;
    /** How Critical / SEV tickets page the on-call (unset or empty: no page configured). */
    onCallPage?: PageChannel[];
  } = {},
): Promise<Stack> {
  installQuietRuntime();
  const namespace = 'default';
  const taskQueue = `test-${randomUUID()}`;
  const db = createDatabase(options.databaseUrl ?? inject('databaseUrl'));
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const payloadKeys = options.encrypted === false ? null : suiteKeys();
  const client = new Client({ connection, namespace, ...(payloadKeys ? { dataConverter: ticketDataConverter(payloadKeys) } : {}) });
  const { sla } = options;
  const policy = options.policy ?? SLOW_POLICY;
  const pin = sla === 'current' ? (type: TicketType) => currentPinnedSla(db, type, policy) : sla ? async (type: TicketType) => sla(type) : undefined;
  const desk = new TicketDesk({ client, db, taskQueue, policy, ...(pin ? { sla: pin } : {}), ...(options.onCallPage ? { onCallPage: options.onCallPage } : {}) });

  let worker: Worker | null = null;
  let running: Promise<void> | null = null;
  let nativeConnection: NativeConnection | null = null;

  const stack: Stack = {
    db,
    client,
    desk,
    taskQueue,
    namespace,
    async startWorker() {
      nativeConnection ??= await NativeConnection.connect({ address: inject('temporalAddress') });
      worker = await createTicketWorker({
        connection: nativeConnection,
        namespace,
        taskQueue,
        db,
        payloadKeys,
        workflowBundlePath: inject('workflowBundlePath'),
      });
      running = worker.run();
      return worker;
    },
    async stopWorker() {
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      worker = null;
      running = null;
    },
    async close() {
      await stack.stopWorker();
      await nativeConnection?.close();
      await connection.close();
      await db.close();
    },
  };
  if (options.worker !== false) await stack.startWorker();
  return stack;
}

/** A requester with a fresh identity, so tests never share tickets by accident. */
export function person(label = 'user') {
  const id = randomUUID();
  return { id, email: `${label}-${id.slice(0, 8)}@example.test`, name: label };
}

export const agentActor = (id = 'agent-1') => ({ kind: 'agent' as const, id, name: 'Agent' });
export const requesterActor = (p: { id: string; name?: string }) => ({ kind: 'requester' as const, id: p.id, name: p.name });
