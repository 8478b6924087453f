// The services `npm start` runs itself when the environment names none: an embedded Postgres
// (data in DATA_DIR/postgres) and the Temporal CLI's dev server with its Web UI (data in
// DATA_DIR/temporal.db). Both keep their data, so a restart finds every ticket and timer.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../env.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { assertPortsFree } from '../net.js';
import type { Logger } from '../observability/logger.js';
import { startDevServer } from '../temporal/dev-server.js';
import { stopLeftover } from './leftovers.js';
import type { Endpoints } from './services.js';
import { CODEC_PATH, TEMPORAL_UI_PATH } from '../api/paths.js';
import { ensureTemporalCli } from '../temporal/cli.js';
import { embeddedKeyFile, loadPayloadKeys } from '../temporal/payload-keys.js';

export interface EmbeddedServices extends Endpoints {
  /** The Temporal Web UI as agents reach it: the portal's /temporal, when the dev server is ours. */
  temporalUiUrl?: string;
  /** Where the dev server's UI really listens, for the API to serve it at /temporal. */
  temporalUiUpstream?: string;
  embedded: { postgres: boolean; temporal: boolean };
  stop(): Promise<void>;
}

const paths = (config: Config) => {
  const dataDir = resolve(config.DATA_DIR);
  return { dataDir, postgres: join(dataDir, 'postgres'), temporalDb: join(dataDir, 'temporal.db'), temporalPid: join(dataDir, 'temporal.pid') };
};

/**
 * Before anything starts: stops what an earlier start of this DATA_DIR left running (runtime/
 * leftovers.ts), then refuses, naming it, a port that another program holds. Nothing here ever
 * attaches to a server it did not start.
 */
export async function prepareToStart(config: Config, logger: Logger): Promise<void> {
  const path = paths(config);
  if (!config.DATABASE_URL) {
    await stopLeftover({ name: 'embedded Postgres', pidFile: join(path.postgres, 'postmaster.pid'), mustMention: ['postgres', path.postgres], signal: 'SIGINT' }, logger);
  }
  if (!config.TEMPORAL_ADDRESS) {
    await stopLeftover({ name: 'Temporal dev server', pidFile: path.temporalPid, mustMention: ['start-dev', path.temporalDb], signal: 'SIGTERM' }, logger);
  }
  await assertPortsFree([
    { port: config.PORT, setting: 'PORT', host: config.HOST },
    { port: config.METRICS_PORT, setting: 'METRICS_PORT', host: config.HOST },
    ...(config.DATABASE_URL ? [] : [{ port: config.EMBEDDED_POSTGRES_PORT, setting: 'EMBEDDED_POSTGRES_PORT' }]),
    ...(config.TEMPORAL_ADDRESS
      ? []
      : [
          { port: config.TEMPORAL_DEV_PORT, setting: 'TEMPORAL_DEV_PORT' },
          { port: config.TEMPORAL_DEV_UI_PORT, setting: 'TEMPORAL_DEV_UI_PORT' },
        ]),
  ]);
}

export async function startEmbeddedServices(config: Config, logger: Logger): Promise<EmbeddedServices> {
  const path = paths(config);
  mkdirSync(path.dataDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch((error: unknown) => logger.error({ err: error }, 'stopping a service failed'));
  };
  // Both start at once (each takes seconds); if either fails, whatever did start is stopped.
  const [postgresStarted, temporalStarted] = await Promise.allSettled([
    (async () => {
      if (config.DATABASE_URL) return config.DATABASE_URL;
      const postgres = await startEmbeddedPostgres({ dir: path.postgres, port: config.EMBEDDED_POSTGRES_PORT });
      stops.push(() => postgres.stop());
      logger.info({ port: config.EMBEDDED_POSTGRES_PORT, dir: path.postgres }, 'embedded Postgres started');
      return postgres.url;
    })(),
    (async () => {
      if (config.TEMPORAL_ADDRESS) return { address: config.TEMPORAL_ADDRESS, uiUrl: config.TEMPORAL_UI_URL, upstream: config.TEMPORAL_UI_UPSTREAM };
      const binary = await ensureTemporalCli(config.TEMPORAL_CLI, logger);
      const server = await startDevServer({
        port: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_DEV_UI_PORT,
        dbFile: path.temporalDb,
        pidFile: path.temporalPid,
        // The UI is served on the portal's own origin, at /temporal, to agents only: its calls to
        // the codec endpoint then carry the agent's session (src/api/temporal-ui.ts).
        ui: { publicPath: TEMPORAL_UI_PATH, codecEndpoint: `${config.publicUrl}${CODEC_PATH}` },
        namespace: config.TEMPORAL_NAMESPACE,
        binary,
      });
      stops.push(() => server.stop());
      logger.info({ address: server.address, ui: server.uiUrl }, 'Temporal dev server started');
      return { address: server.address, uiUrl: config.TEMPORAL_UI_URL ?? `${config.publicUrl}${TEMPORAL_UI_PATH}`, upstream: server.uiUrl };
    })(),
  ]);
  if (postgresStarted.status === 'rejected' || temporalStarted.status === 'rejected') {
    await stop();
    throw postgresStarted.status === 'rejected' ? postgresStarted.reason : (temporalStarted as PromiseRejectedResult).reason;
  }
  return {
    databaseUrl: postgresStarted.value,
    temporalAddress: temporalStarted.value.address,
    temporalUiUrl: temporalStarted.value.uiUrl,
    temporalUiUpstream: temporalStarted.value.upstream,
    payloadKeys: loadPayloadKeys(config, embeddedKeyFile(config.DATA_DIR)),
    embedded: { postgres: !config.DATABASE_URL, temporal: !config.TEMPORAL_ADDRESS },
    stop,
  };
}
