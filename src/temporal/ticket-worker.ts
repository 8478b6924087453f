// The ticket worker: createTicketWorker builds the worker that runs ticket workflows and their
// activities on one task queue (tests build theirs with it); startTicketWorker runs it as the
// product does: connects to Temporal, makes sure the search attributes exist, and polls until
// stopped. Stopping lets running workflow and activity tasks finish first.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import type { Database } from '../db/client.js';
import type { Config } from '../env.js';
import type { Logger } from '../observability/logger.js';
import { FAILURE_CONVERTER_PATH, ticketDataConverter } from './codec.js';
import { prepareNamespace } from './namespace.js';
import type { PayloadKey } from './payload-keys.js';
import { bundleInChildProcess } from './workflow-bundle.js';

export interface TicketWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  /** What the worker hands Temporal is encrypted with these (codec.ts); null: sent as it is. */
  payloadKeys: PayloadKey[] | null;
  /** A prebuilt workflow bundle (the tests make one once, workflow-bundle.ts); otherwise one is made now, in a child process. */
  workflowBundlePath?: string;
  overrides?: Partial<WorkerOptions>;
}

export async function createTicketWorker(options: TicketWorkerOptions): Promise<Worker> {
  const workflowBundle = options.workflowBundlePath ? { codePath: options.workflowBundlePath } : { code: await bundleInChildProcess() };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities({ db: options.db }),
    dataConverter: options.payloadKeys ? ticketDataConverter(options.payloadKeys) : { failureConverterPath: FAILURE_CONVERTER_PATH },
    workflowBundle,
    // The SDK sizes its cache from the heap limit (about 2,300 workflows on a 24 GiB machine), and
    // each cached ticket holds some 0.6 MiB (its own instance of every module of the bundle): 1,000
    // cached made the worker 1,018 MiB at 10,000 open tickets. Tickets wait for days between
    // changes, so few benefit from staying cached: a ticket being worked on stays (the cache drops
    // the least recently used first), and an evicted ticket's next change replays its history, a
    // bounded number of events (workflow.ts). docs/PERFORMANCE.md, "Memory", measures both sides.
    maxCachedWorkflows: 100,
    ...options.overrides,
  });
}

export interface RunningWorker {
  /** Settles when the worker has stopped, by request or by failure. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function startTicketWorker(options: { config: Config; db: Database; temporalAddress: string; payloadKeys: PayloadKey[]; logger: Logger }): Promise<RunningWorker> {
  const { config, db, logger } = options;
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  let worker: Worker;
  try {
    // The dev server has both at start; a real cluster may be new.
    await prepareNamespace(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_NAMESPACE_RETENTION);
    worker = await createTicketWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, db, payloadKeys: options.payloadKeys });
  } catch (error) {
    await connection.close();
    throw error;
  }
  const done = worker.run().finally(() => connection.close());
  done.catch((error: unknown) => logger.fatal({ err: error }, 'ticket worker failed'));
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'ticket worker polling');
  return {
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done.catch(() => {});
    },
  };
}
