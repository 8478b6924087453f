// The fault run's default topology: the product as separate processes on free ports in a folder
// of its own: an embedded Postgres (persistent data), the Temporal dev server (persisted to
// SQLite), a worker (`src/worker.ts`) and an API server (`src/server.ts`). Each can be killed with
// SIGKILL and started again on the same ports and data. (`--cluster` runs the production shape
// instead: cluster-topology.ts.)
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPostgresUrl } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { freePort } from '../../src/net.js';
import { startDevServer } from '../../src/temporal/dev-server.js';
import { newPayloadKeyText, parsePayloadKeys } from '../../src/temporal/payload-keys.js';
import { answers, launch } from '../helpers/launch.js';
import { Supervised, type Service } from './supervised.js';
import type { FaultTopology } from './topology.js';

export const SERVICE_NAMES = ['worker', 'api', 'temporal', 'postgres'] as const;

export async function startDevTopology(options: { dir?: string } = {}): Promise<FaultTopology> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'support-desk-faults-'));
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const [pgPort, temporalPort, uiPort, apiPort, metricsPort, apiMetricsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const pgDir = join(dir, 'postgres');
  const databaseUrl = localPostgresUrl(pgPort);
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const log = (name: string) => join(dir, 'logs', `${name}.log`);

  // What the product's entry points read; the same for the worker and the API but their metrics port.
  // A key of the run's own: the worker and the API encrypt what they hand Temporal, as in production.
  const payloadKeys = newPayloadKeyText().replace(/#.*\n/g, '').trim();
  const productEnv = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'tickets',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    PUBLIC_URL: apiUrl,
    METRICS_PORT: String(metricsPort),
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'warn',
    PAYLOAD_KEYS: payloadKeys,
  };

  const postgres = new Supervised(
    'postgres',
    () => launch({ script: 'test/faults/processes/postgres.ts', args: [pgDir, String(pgPort)], logFile: log('postgres'), ready: (out) => out.includes('postgres ready') }),
    () => Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
  );
  const temporal = new Supervised('temporal', async (): Promise<Service> => {
    const server = await startDevServer({ port: temporalPort, uiPort, dbFile: join(dir, 'temporal.db') });
    const exited = new Promise<number | null>((resolve) => {
      if (server.process.exitCode !== null || server.process.signalCode !== null) resolve(server.process.exitCode);
      else server.process.once('exit', (code) => resolve(code));
    });
    return { pid: server.process.pid!, exited, stop: () => server.stop(), output: () => '' };
  });
  const worker = new Supervised('worker', () =>
    launch({
      script: 'src/worker.ts',
      env: productEnv,
      logFile: log('worker'),
      // Ready once it polls: its health probe answers, or it says so.
      ready: async (out) => /polling/i.test(out) || (await answers(`http://127.0.0.1:${metricsPort}/healthz`)),
    }),
  );
  const api = new Supervised('api', () =>
    launch({ script: 'src/server.ts', env: { ...productEnv, METRICS_PORT: String(apiMetricsPort) }, logFile: log('api'), ready: () => answers(`${apiUrl}/trpc/auth.me`) }),
  );

  const services = { worker, api, temporal, postgres };
  const stop = async () => {
    for (const name of SERVICE_NAMES) await services[name].stop().catch(() => {});
    // Never leave a database behind: a postmaster still named in postmaster.pid is stopped here.
    const pidFile = join(pgDir, 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        // Only if that process is still this run's Postgres (a stale file may name a reused PID).
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(pgDir)) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  try {
    await Promise.all([postgres.start(), temporal.start()]);
    await runMigrations(databaseUrl);
    await Promise.all([worker.start(), api.start()]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { shape: 'dev server', dir, apiUrl, databaseUrl, temporalAddress, payloadKeys: parsePayloadKeys(payloadKeys, 'the run'), services, victims: [...SERVICE_NAMES], stop };
}
