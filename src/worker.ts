// `npm run worker`: runs ticket workflows and their activities against an existing Temporal
// cluster and Postgres, and delivers the notification outbox. Stateless; run as many as the load
// needs. Serves /metrics and /healthz on METRICS_PORT.
import { createDatabase } from './db/client.js';
import { loadConfigOrExit } from './env.js';
import { freePort } from './net.js';
import { startUploadHousekeeping } from './attachments/housekeeping.js';
import { startMailDelivery } from './mail/delivery.js';
import { createLogger } from './observability/logger.js';
import { createMetricsRegistry } from './observability/metrics.js';
import { registerPageMetrics } from './observability/page-metrics.js';
import { installTemporalRuntime } from './observability/temporal-runtime.js';
import { registerTicketMetrics } from './observability/ticket-metrics.js';
import { buildMetricsApp, listen } from './runtime/http.js';
import { externalEndpoints } from './runtime/services.js';
import { stopOnSignals } from './runtime/shutdown.js';
import { startTicketWorker } from './temporal/ticket-worker.js';

const config = loadConfigOrExit();
const { databaseUrl, temporalAddress, payloadKeys } = externalEndpoints(config, 'worker');
const logger = createLogger({ level: config.LOG_LEVEL, service: 'support-desk-worker' });

const registry = createMetricsRegistry('worker');
const { sdkMetricsUrl } = installTemporalRuntime(logger, await freePort());
const db = createDatabase(databaseUrl);
registerTicketMetrics(registry, db);
registerPageMetrics(registry, db);

try {
  const worker = await startTicketWorker({ config, db, temporalAddress, payloadKeys, logger });
  // The notification outbox is delivered by the workers; rows are claimed under a lock, so any
  // number of workers share it without sending anything twice.
  const mail = startMailDelivery({ db, config, logger: logger.child({ component: 'mail' }) });
  const uploads = startUploadHousekeeping(db, logger);
  const metrics = await listen(buildMetricsApp(registry, sdkMetricsUrl), config.HOST, config.METRICS_PORT);
  logger.info({ metrics: `${metrics.url}/metrics` }, 'worker started');
  const stop = async () => {
    await worker.stop();
    await mail.stop();
    await uploads.stop();
    await metrics.close();
    await db.close();
  };
  stopOnSignals(stop, logger);
  // A worker that fails (e.g. lost its namespace) exits, so its supervisor restarts it.
  worker.done.catch(async () => {
    await stop();
    process.exit(1);
  });
} catch (error) {
  logger.fatal({ err: error }, 'worker start-up failed');
  process.exit(1);
}
