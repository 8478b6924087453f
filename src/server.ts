// `npm run server`: the API (and the web client it serves) against an existing Temporal cluster
// and Postgres, with /metrics and /healthz on METRICS_PORT. Stateless; run as many as the load needs behind one address. Migrations are
// applied beforehand by `npm run migrate` (a one-off job in docker-compose.yml).
import { loadConfigOrExit } from './env.js';
import { createLogger } from './observability/logger.js';
import { createMetricsRegistry } from './observability/metrics.js';
import { buildHttpApp, buildMetricsApp, listen } from './runtime/http.js';
import { startConfiguredMailboxReader } from './mail/inbound/mailbox.js';
import { connectServices, externalEndpoints } from './runtime/services.js';
import { stopOnSignals } from './runtime/shutdown.js';

const config = loadConfigOrExit();
const endpoints = externalEndpoints(config, 'server');
const logger = createLogger({ level: config.LOG_LEVEL, service: 'support-desk-api' });

const services = await connectServices(config, endpoints);
try {
  const registry = createMetricsRegistry('api');
  const metrics = await listen(buildMetricsApp(registry), config.HOST, config.METRICS_PORT);
  const http = await listen(buildHttpApp({ services, logger, registry }), config.HOST, config.PORT);
  // Answers by e-mail, when a support mailbox is set: every API process reads, one at a time.
  const mailbox = startConfiguredMailboxReader({ db: services.db, desk: services.desk, config, logger: logger.child({ component: 'mailbox' }) });
  logger.info({ url: http.url, metrics: `${metrics.url}/metrics` }, 'API listening');
  stopOnSignals(async () => {
    await mailbox?.stop();
    await http.close();
    await metrics.close();
    await services.close();
  }, logger);
} catch (error) {
  logger.fatal({ err: error }, 'API start-up failed');
  await services.close();
  process.exit(1);
}
