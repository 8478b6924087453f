// Builds the worker that runs ticket workflows and their activities on one task queue.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import type { Database } from '../db/client.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

export interface TicketWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  /** A prebuilt workflow bundle (tests build one once); otherwise the workflows are bundled now. */
  workflowBundlePath?: string;
  overrides?: Partial<WorkerOptions>;
}

export function createTicketWorker(options: TicketWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities({ db: options.db }),
    ...(options.workflowBundlePath ? { workflowBundle: { codePath: options.workflowBundlePath } } : { workflowsPath: WORKFLOWS_PATH }),
    ...options.overrides,
  });
}
