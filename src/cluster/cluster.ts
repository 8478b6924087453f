// The production topology on one machine, as `npm run cluster` runs it (and the cluster test, the
// fault run and the bench with --cluster): Postgres; the real Temporal server persisting to it
// with SQL visibility; the Temporal UI server; the workers; the API processes; nginx in front.
// Each program runs under the supervisor (restarted if it crashes), is started after what it
// needs, and is stopped in the reverse order: nginx, the APIs, the workers and the UI, Temporal,
// Postgres.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEMPORAL_UI_PATH } from '../api/paths.js';
import { ConfigError } from '../env.js';
import { runMigrations } from '../db/migrate.js';
import { assertPortsFree } from '../net.js';
import type { Logger } from '../observability/logger.js';
import { loadPayloadKeys } from '../temporal/payload-keys.js';
import { firstAccess, type Access } from './access.js';
import { clusterPostgres, ensureDatabase, initialisePostgres, postgresSpec, PRODUCT_DATABASE, type ClusterPostgres } from './postgres.js';
import { apiSpec, workerSpec, type ProductEnvironment } from './product.js';
import { proxySpec } from './proxy.js';
import { clusterPorts, type ClusterPorts, type ClusterSettings } from './settings.js';
import { SupervisedProcess, type ProcessSpec } from './supervisor.js';
import { setUpTemporalSchema } from './temporal-schema.js';
import { temporalServerSpec } from './temporal-server.js';
import { temporalUiSpec } from './temporal-ui.js';
import { ensureClusterTools } from './tools.js';

export const CLUSTER_NAMESPACE = 'default';
export const CLUSTER_TASK_QUEUE = 'tickets';

export interface ClusterOptions {
  settings: ClusterSettings;
  /** The product's settings for the workers and APIs (SMTP_URL, POLICY_*, LOG_LEVEL, …). */
  productSettings: Record<string, string>;
  logger: Logger;
  /** Builds the portal (web/dist) when it is missing; the production entry points only serve it. */
  ensureWebClient?: () => Promise<void>;
  /** Aborted (Ctrl-C during the start): what did start is stopped, and startCluster rejects. */
  signal?: AbortSignal;
}

export interface RunningCluster {
  settings: ClusterSettings;
  ports: ClusterPorts;
  urls: { portal: string; temporalUi: string; temporalAddress: string; databaseUrl: string };
  payloadKeysFile: string;
  /** The product database's URL, password included (mode 0600), for `npm run users` and psql. */
  databaseUrlFile: string;
  logDir: string;
  postgres: ClusterPostgres;
  /** By name: postgres, temporal, temporal-ui, worker-1…, api-1…, nginx. */
  processes: Map<string, SupervisedProcess>;
  workers: SupervisedProcess[];
  apis: SupervisedProcess[];
  access: Access;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const { settings, logger } = options;
  const say = (line: string) => logger.info(line);
  const tools = await ensureClusterTools(say);
  const { dir } = settings;
  const logDir = join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const ports = clusterPorts(settings);
  // The keys that encrypt every payload: PAYLOAD_KEYS_FILE if given, else the cluster's own file,
  // made on the first start (mode 0600). Read here first, so that a bad file stops the start.
  const { PAYLOAD_KEYS_FILE: givenKeysFile, ...passed } = options.productSettings;
  // One place for the keys, which the banner names and ops back up: a file.
  if (passed.PAYLOAD_KEYS) throw new ConfigError('PAYLOAD_KEYS: `npm run cluster` reads its keys from a file: put them in one (one key a line) and set PAYLOAD_KEYS_FILE to it');
  const payloadKeysFile = givenKeysFile ? resolve(givenKeysFile) : join(dir, 'payload-keys');
  loadPayloadKeys(givenKeysFile ? { PAYLOAD_KEYS_FILE: payloadKeysFile } : {}, payloadKeysFile);
  const pg = clusterPostgres(dir, ports.postgres);
  // A new data folder on the first start (as root, this also makes the `postgres` system user it runs as).
  await initialisePostgres(pg);

  const temporalAddress = `127.0.0.1:${ports.temporal.frontend}`;
  const product: ProductEnvironment = {
    passed: { ...passed, TEMPORAL_NAMESPACE: CLUSTER_NAMESPACE, TEMPORAL_TASK_QUEUE: CLUSTER_TASK_QUEUE },
    databaseUrl: pg.url(PRODUCT_DATABASE),
    temporalAddress,
    payloadKeysFile,
    publicUrl: settings.publicUrl,
    temporalUiUrl: `${settings.publicUrl}${TEMPORAL_UI_PATH}`,
  };
  const supervised = (spec: ProcessSpec) => new SupervisedProcess(spec, logger);
  const postgres = supervised(postgresSpec(pg, tools, logDir));
  const temporal = supervised(temporalServerSpec({ dir, tools, pg, ports, logDir }));
  const ui = supervised(temporalUiSpec({ dir, tools, temporalAddress, port: ports.ui, publicUrl: settings.publicUrl, namespace: CLUSTER_NAMESPACE, logDir }));
  const workers = ports.workerMetrics.map((metricsPort, i) => supervised(workerSpec({ index: i + 1, dir, metricsPort, product, logDir })));
  const apis = ports.apis.map((port, i) => supervised(apiSpec({ index: i + 1, dir, port, metricsPort: ports.apiMetrics[i], product, logDir })));
  const nginx = supervised(proxySpec({ dir, nginx: tools.nginx, ports, logDir }));
  // Started in this order, each group once the one before is ready; stopped in the reverse order.
  const groups = [[postgres], [temporal], [...workers, ui], apis, [nginx]];
  const all = groups.flat();

  // What an earlier run of this folder left running when it was killed goes first; then a port
  // another program holds is refused, naming it, before anything starts.
  for (const group of [...groups].reverse()) await Promise.all(group.map((process) => process.stopLeftover()));
  await assertPortsFree(ports.named);

  const started = new Set<SupervisedProcess>();
  const stop = async () => {
    for (const group of [...groups].reverse()) {
      await Promise.all(
        group
          .filter((process) => started.has(process))
          .map(async (process) => {
            const since = Date.now();
            await process.stop().catch((error: unknown) => logger.error({ err: error, process: process.name }, `stopping ${process.name} failed`));
            logger.info({ process: process.name, ms: Date.now() - since }, `stopped ${process.name}`);
          }),
      );
    }
  };
  const startGroup = async (group: SupervisedProcess[]) => {
    options.signal?.throwIfAborted();
    for (const process of group) started.add(process);
    await Promise.all(group.map((process) => process.start()));
  };
  try {
    // Built while the services start; awaited before the APIs, which serve it.
    const webClient = options.ensureWebClient?.();
    webClient?.catch(() => {});
    const [postgresGroup, temporalGroup, workersAndUi, apiGroup, nginxGroup] = groups;
    await startGroup(postgresGroup);
    await ensureDatabase(pg, PRODUCT_DATABASE);
    // Temporal's schema (its SQL tool) and ours (the migrations) are both applied before anyone uses them.
    await Promise.all([setUpTemporalSchema(tools, pg), runMigrations(product.databaseUrl)]);
    await startGroup(temporalGroup);
    // The workers make the namespace and its search attributes if they are missing (src/temporal/namespace.ts).
    await startGroup(workersAndUi);
    await webClient;
    await startGroup(apiGroup);
    await startGroup(nginxGroup);
    const databaseUrlFile = join(dir, 'secrets', 'database-url');
    writeFileSync(databaseUrlFile, `${product.databaseUrl}\n`, { mode: 0o600 });
    const access = await firstAccess(product.databaseUrl, settings.publicUrl, settings.CLUSTER_ADMIN_EMAIL);
    return {
      settings,
      ports,
      urls: {
        portal: settings.publicUrl,
        temporalUi: product.temporalUiUrl,
        temporalAddress,
        databaseUrl: product.databaseUrl,
      },
      payloadKeysFile,
      databaseUrlFile,
      logDir,
      postgres: pg,
      processes: new Map(all.map((process) => [process.name, process])),
      workers,
      apis,
      access,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
