// The worker process of the bench: the product's ticket worker, composed as `npm run worker`
// composes it (src/temporal/ticket-worker.ts), with the production configuration.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/observability/logger.js';
import { parsePayloadKeys } from '../../src/temporal/payload-keys.js';
import { startTicketWorker } from '../../src/temporal/ticket-worker.js';
import { announceReady, serveParent } from './ipc.js';
import { configOf, settingsFromArgv } from './settings.js';

const settings = settingsFromArgv();
const config = configOf(settings);
Runtime.install({ logger: new DefaultLogger('WARN') });
const logger = createLogger({ level: config.LOG_LEVEL, service: 'support-desk-worker' });

const db = createDatabase(settings.databaseUrl);
const tickets = await startTicketWorker({ config, db, temporalAddress: settings.temporalAddress, payloadKeys: parsePayloadKeys(settings.payloadKeys, 'settings'), logger });

serveParent(async () => {
  await tickets.stop();
  await db.close();
});
announceReady();
