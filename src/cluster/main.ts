// `npm run cluster`: the production topology on this machine, without Docker (src/cluster/
// cluster.ts): Postgres, the Temporal server on it, the Temporal UI, two workers, two API
// processes behind nginx. Ctrl-C (or SIGTERM to its PID) stops everything in order; the next
// start finds every ticket and timer where it was. Settings: src/cluster/settings.ts.
import { ConfigError, SETTING_NAMES } from '../env.js';
import { createLogger } from '../observability/logger.js';
import { stopOnSignals } from '../runtime/shutdown.js';
import { ensureWebClient } from '../web/build.js';
import { clusterBanner } from './banner.js';
import { startCluster } from './cluster.js';
import { readClusterSettings } from './settings.js';

let settings;
try {
  settings = readClusterSettings(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
// The product's own settings given to this command go to its workers and APIs as they are.
const productSettings = Object.fromEntries(
  SETTING_NAMES.flatMap((name) => {
    const value = process.env[name];
    return value ? [[name, value]] : [];
  }),
) as Record<string, string>;
const logger = createLogger({ level: productSettings.LOG_LEVEL ?? 'info', service: 'support-desk-cluster' });

// Ctrl-C while it starts stops what did start, as Ctrl-C later stops everything.
const abort = new AbortController();
const starting = startCluster({ settings, productSettings, logger, ensureWebClient: () => ensureWebClient(logger), signal: abort.signal });
stopOnSignals(async () => {
  abort.abort();
  const cluster = await starting.catch(() => null);
  await cluster?.stop();
}, logger);
try {
  process.stdout.write(clusterBanner(await starting, productSettings));
} catch (error) {
  if (abort.signal.aborted) process.exit(130);
  logger.fatal({ err: error }, 'cluster start-up failed');
  console.error(`\nCluster start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
