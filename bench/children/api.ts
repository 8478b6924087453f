// The API process of the bench, composed as `npm run server` composes it (src/server.ts): request
// logs at the production level, metrics, probes and the tRPC API; plus a bare express JSON
// endpoint on its own port in the same process, the baseline for reads.
import express from 'express';
import { createLogger } from '../../src/observability/logger.js';
import { createMetricsRegistry } from '../../src/observability/metrics.js';
import { buildHttpApp, listen } from '../../src/runtime/http.js';
import { connectServices } from '../../src/runtime/services.js';
import { parsePayloadKeys } from '../../src/temporal/payload-keys.js';
import { announceReady, serveParent } from './ipc.js';
import { configOf, settingsFromArgv } from './settings.js';

const settings = settingsFromArgv();
const config = configOf(settings);
const services = await connectServices(config, { databaseUrl: settings.databaseUrl, temporalAddress: settings.temporalAddress, payloadKeys: parsePayloadKeys(settings.payloadKeys, 'settings') });
const logger = createLogger({ level: config.LOG_LEVEL, service: 'support-desk-api' });
const api = await listen(buildHttpApp({ services, logger, registry: createMetricsRegistry('api') }), '127.0.0.1', 0);

// A list page's worth of JSON, with no database and no tRPC: what express alone costs.
const page = { items: Array.from({ length: 25 }, (_, i) => ({ number: i + 1, subject: 'The bike app will not unlock', status: 'open' })), total: 25 };
const bare = express();
bare.get('/json', (_req, res) => {
  res.json(page);
});
const bareServer = await listen(bare, '127.0.0.1', 0);

serveParent(async () => {
  await Promise.allSettled([api.close(), bareServer.close()]);
  await services.close();
});
announceReady({ api: api.url, bare: `${bareServer.url}/json` });
