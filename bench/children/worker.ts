// The worker process of the bench: the product's ticket worker (as `npm run worker` composes it)
// and, beside it on its own task queue, the bare-Temporal baseline worker.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/observability/logger.js';
import { startTicketWorker } from '../../src/runtime/ticket-worker.js';
import { baselineActivities } from '../baseline/activities.js';
import { announceReady, serveParent } from './ipc.js';
import { configOf, settingsFromArgv } from './settings.js';

const settings = settingsFromArgv();
const config = configOf(settings);
Runtime.install({ logger: new DefaultLogger('WARN') });
const logger = createLogger({ level: 'warn', service: 'bench-worker' });

const db = createDatabase(settings.databaseUrl);
const tickets = await startTicketWorker({ config, db, temporalAddress: settings.temporalAddress, logger });

const baselineConnection = await NativeConnection.connect({ address: settings.temporalAddress });
const baseline = await Worker.create({
  connection: baselineConnection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: settings.baselineTaskQueue,
  workflowsPath: fileURLToPath(new URL('../baseline/workflows.ts', import.meta.url)),
  activities: baselineActivities,
});
const baselineRun = baseline.run();

serveParent(async () => {
  if (baseline.getState() === 'RUNNING') baseline.shutdown();
  await Promise.allSettled([baselineRun, tickets.stop()]);
  await Promise.allSettled([baselineConnection.close(), db.close()]);
});
announceReady();
