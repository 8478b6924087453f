// The whole product in one process, as `npm start` runs it: the services it needs (embedded
// unless the environment names real ones), migrations, the worker, the HTTP server with the API
// and probes on PORT, and /metrics on METRICS_PORT.
import type { Config } from '../env.js';
import { runMigrations } from '../db/migrate.js';
import { freePort } from '../net.js';
import type { Logger } from '../observability/logger.js';
import { createMetricsRegistry } from '../observability/metrics.js';
import { registerPageMetrics } from '../observability/page-metrics.js';
import { installTemporalRuntime } from '../observability/temporal-runtime.js';
import { registerTicketMetrics } from '../observability/ticket-metrics.js';
import { prepareToStart, startEmbeddedServices } from './embedded-services.js';
import { buildHttpApp, buildMetricsApp, listen } from './http.js';
import { connectServices } from './services.js';
import { startUploadHousekeeping } from '../attachments/housekeeping.js';
import { startMailDelivery } from '../mail/delivery.js';
import { startConfiguredMailboxReader } from '../mail/inbound/mailbox.js';
import { ensureDemoAccounts } from './demo.js';
import { ensureWebClient } from '../web/build.js';
import { startTicketWorker } from '../temporal/ticket-worker.js';

export interface ProductUrls {
  portal: string;
  temporalUi?: string;
  /** Only while e-mails are kept locally (no SMTP_URL). */
  mailbox?: string;
  metrics: string;
  temporalAddress: string;
  databaseUrl: string;
}

export interface RunningProduct {
  urls: ProductUrls;
  /** Printable lines about the demo accounts (development only; empty otherwise). */
  demoAccounts: string[];
  /** Rejects if the worker fails; the process should then stop. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function startProduct(config: Config, logger: Logger): Promise<RunningProduct> {
  await prepareToStart(config, logger);
  // The portal's build (development only) takes as long as the services' start: do both at once.
  const [embedded] = await Promise.all([startEmbeddedServices(config, logger), config.NODE_ENV === 'development' ? ensureWebClient(logger).catch((error: unknown) => logger.error({ err: error }, 'web client build failed')) : undefined]);
  // Stopped in reverse order of start: HTTP, mail, worker, connections, then Postgres and Temporal.
  const stops: Array<[string, () => Promise<void>]> = [['services', () => embedded.stop()]];
  const stop = async () => {
    for (const [name, stopOne] of stops.reverse()) {
      const started = Date.now();
      await stopOne().catch((error: unknown) => logger.error({ err: error }, `stopping ${name} failed`));
      logger.info({ ms: Date.now() - started }, `stopped ${name}`);
    }
  };
  try {
    await runMigrations(embedded.databaseUrl);
    const registry = createMetricsRegistry('support-desk');
    const { sdkMetricsUrl } = installTemporalRuntime(logger, await freePort());
    // The embedded dev server's Web UI is where agents follow a ticket's workflow link.
    const services = await connectServices({ ...config, TEMPORAL_UI_URL: embedded.temporalUiUrl, TEMPORAL_UI_UPSTREAM: embedded.temporalUiUpstream }, embedded);
    stops.push(['connections', () => services.close()]);
    registerTicketMetrics(registry, services.db);
    registerPageMetrics(registry, services.db);

    const worker = await startTicketWorker({ config, db: services.db, temporalAddress: embedded.temporalAddress, payloadKeys: embedded.payloadKeys, logger });
    stops.push(['worker', () => worker.stop()]);
    const mail = startMailDelivery({ db: services.db, config, logger: logger.child({ component: 'mail' }) });
    stops.push(['mail delivery', () => mail.stop()]);
    const mailbox = startConfiguredMailboxReader({ db: services.db, desk: services.desk, config, logger: logger.child({ component: 'mailbox' }) });
    if (mailbox) stops.push(['support mailbox reader', () => mailbox.stop()]);
    const uploads = startUploadHousekeeping(services.db, logger);
    stops.push(['upload housekeeping', () => uploads.stop()]);
    const metrics = await listen(buildMetricsApp(registry, sdkMetricsUrl), config.HOST, config.METRICS_PORT);
    stops.push(['metrics server', () => metrics.close()]);
    const http = await listen(buildHttpApp({ services, logger, registry }), config.HOST, config.PORT);
    stops.push(['http server', () => http.close()]);

    const demoAccounts = config.NODE_ENV === 'development' ? await ensureDemoAccounts(services.db) : [];
    // PUBLIC_URL, or http://localhost:PORT: what people type, whatever address the server binds.
    const portal = config.publicUrl;
    return {
      urls: {
        portal,
        temporalUi: embedded.temporalUiUrl,
        mailbox: config.SMTP_URL ? undefined : `${portal}/dev/mailbox`,
        metrics: `${metrics.url}/metrics`,
        temporalAddress: embedded.temporalAddress,
        databaseUrl: embedded.databaseUrl,
      },
      demoAccounts,
      done: worker.done,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
