// The bare-Temporal baseline's worker, in a process of its own so that the ticket worker's memory
// and CPU are measured alone: the baseline workflow on its own task queue, one trivial activity.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { baselineActivities } from '../baseline/activities.js';
import { announceReady, serveParent } from './ipc.js';
import { settingsFromArgv } from './settings.js';

const settings = settingsFromArgv();
Runtime.install({ logger: new DefaultLogger('WARN') });
const connection = await NativeConnection.connect({ address: settings.temporalAddress });
const worker = await Worker.create({
  connection,
  namespace: 'default',
  taskQueue: settings.baselineTaskQueue,
  workflowsPath: fileURLToPath(new URL('../baseline/workflows.ts', import.meta.url)),
  activities: baselineActivities,
});
const running = worker.run();

serveParent(async () => {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running.catch(() => {});
  await connection.close();
});
announceReady();
