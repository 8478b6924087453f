// The HTTP side of a process: logs and metrics around every request, health probes, then the
// product's routes, on the public port. /metrics is served apart, on METRICS_PORT
// (buildMetricsApp): per-procedure counts are for the scraper, not for whoever reaches the portal.
import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import { createApp } from '../api/app.js';
import { apiMetricsMiddleware } from '../observability/api-metrics.js';
import { healthRouter } from '../observability/health.js';
import type { Logger } from '../observability/logger.js';
import { renderMetrics } from '../observability/metrics.js';
import { requestLogMiddleware } from '../observability/request-log.js';
import type { Services } from './services.js';

export interface HttpOptions {
  services: Services;
  logger: Logger;
  /** Where the request metrics are counted (and served from by buildMetricsApp). */
  registry: Registry;
}

export function buildHttpApp(options: HttpOptions): Express {
  const { services, logger, registry } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogMiddleware(logger));
  app.use(apiMetricsMiddleware(registry));
  app.use(healthRouter({ db: services.db, connection: services.connection, namespace: services.config.TEMPORAL_NAMESPACE }));
  mountProduct(app, options);
  return app;
}

/**
 * The product's own routes: the tRPC API, the development mailbox and the web client (web/dist,
 * built by `npm run web:build`), all from the API's createApp, mounted after the probes so that
 * they are measured and logged too.
 */
function mountProduct(app: Express, { services, logger }: HttpOptions): void {
  app.use(createApp({ config: services.config, db: services.db, desk: services.desk, logger, payloadKeys: services.payloadKeys }));
}

/**
 * The metrics port's small HTTP side: liveness and /metrics for a scraper, nothing else. Where the
 * process also runs a worker, the Temporal SDK's metrics (sdkMetricsUrl) join /metrics.
 */
export function buildMetricsApp(registry: Registry, sdkMetricsUrl?: string): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await renderMetrics(registry, sdkMetricsUrl));
  });
  return app;
}

export interface Listening {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export function listen(app: Express, host: string, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        server,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
        close: () =>
          new Promise<void>((done) => {
            // Finish requests in flight, drop idle keep-alive sockets so close() does not wait on
            // them, and give up on stragglers after a few seconds.
            const force = setTimeout(() => server.closeAllConnections(), 5000);
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
