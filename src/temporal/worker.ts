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
    // The SDK sizes its cache from the heap limit (about 2,300 workflows on a 24 GiB machine), and
    // the worker's memory grows with it. Tickets wait for days between changes, so few benefit from
    // staying cached; an evicted ticket's next change replays its short history instead
    // (docs/PERFORMANCE.md).
    maxCachedWorkflows: 1000,
    ...options.overrides,
  });
}
