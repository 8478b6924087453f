// The API process of the bench: the product's HTTP API (createApp over the same services the
// entry points connect), plus a bare express JSON endpoint on its own port in the same process,
// the baseline for reads.
import express from 'express';
import { pino } from 'pino';
import { createApp } from '../../src/api/app.js';
import { listen } from '../../src/runtime/http.js';
import { connectServices } from '../../src/runtime/services.js';
import { announceReady, serveParent } from './ipc.js';
import { configOf, settingsFromArgv } from './settings.js';

const settings = settingsFromArgv();
const config = configOf(settings);
const services = await connectServices(config, { databaseUrl: settings.databaseUrl, temporalAddress: settings.temporalAddress });
const app = createApp({
  config,
  db: services.db,
  desk: services.desk,
  temporal: services.client,
  logger: pino({ level: 'warn' }),
  webClient: false,
});
const api = await listen(app, '127.0.0.1', 0);

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
