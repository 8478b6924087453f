// Runs the ticket worker: connects to Temporal, makes sure the search attributes exist, and polls
// the task queue until stopped. Stopping lets running workflow and activity tasks finish first.
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Config } from '../env.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import { ensureSearchAttributes } from '../temporal/search-attributes.js';
import { createTicketWorker } from '../temporal/worker.js';

export interface RunningWorker {
  /** Settles when the worker has stopped, by request or by failure. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function startTicketWorker(options: { config: Config; db: Database; temporalAddress: string; logger: Logger }): Promise<RunningWorker> {
  const { config, db, logger } = options;
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  let worker: Worker;
  try {
    // The dev server registers them at start; a real cluster may be new.
    await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
    worker = await createTicketWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, db });
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
