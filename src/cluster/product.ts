// Our own processes in the cluster: the workers (`npm run worker`: ticket workflows, activities,
// the mail outbox) and the API processes (`npm run server`: the API and the portal behind nginx),
// each the product's production entry point, started as `node --import tsx`, as the Dockerfile does.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import { answers } from '../net.js';
import type { ProcessSpec } from './supervisor.js';

export interface ProductEnvironment {
  /** The product's own settings given to the cluster (SMTP_URL, POLICY_*, LOG_LEVEL, …; src/env.ts). */
  passed: Record<string, string>;
  databaseUrl: string;
  temporalAddress: string;
  payloadKeysFile: string;
  publicUrl: string;
  temporalUiUrl: string;
}

interface Options {
  index: number;
  dir: string;
  metricsPort: number;
  product: ProductEnvironment;
  logDir: string;
}

const ENTRY_POINTS = {
  worker: { script: 'src/worker.ts', stopTimeoutMs: 30_000 },
  api: { script: 'src/server.ts', stopTimeoutMs: 20_000 },
} as const;

function productSpec(kind: keyof typeof ENTRY_POINTS, options: Options, settings: Record<string, string>, readyUrl: string): ProcessSpec {
  const { product, dir } = options;
  const name = `${kind}-${options.index}`;
  const { script, stopTimeoutMs } = ENTRY_POINTS[kind];
  // The program names its cluster on its command line (and ignores it), so that a later start can
  // tell a leftover of this cluster from another program (supervisor.ts).
  const mark = `--cluster=${dir}`;
  return {
    name,
    command: process.execPath,
    args: ['--import', 'tsx', join(PROJECT_ROOT, script), mark],
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...product.passed,
      // What the cluster decides: its own services, and production mode.
      NODE_ENV: 'production',
      DATABASE_URL: product.databaseUrl,
      TEMPORAL_ADDRESS: product.temporalAddress,
      PAYLOAD_KEYS_FILE: product.payloadKeysFile,
      PUBLIC_URL: product.publicUrl,
      TEMPORAL_UI_URL: product.temporalUiUrl,
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'run', name),
      METRICS_PORT: String(options.metricsPort),
      ...settings,
    },
    logFile: join(options.logDir, `${name}.log`),
    pidFile: join(dir, 'run', `${name}.pid`),
    leftoverMarks: [script, mark],
    ready: () => answers(readyUrl),
    // A worker lets its running workflow and activity tasks finish first.
    stopTimeoutMs,
  };
}

/** Ready once it polls: its metrics server listens only then (src/worker.ts). */
export const workerSpec = (options: Options): ProcessSpec => productSpec('worker', options, {}, `http://127.0.0.1:${options.metricsPort}/healthz`);

export const apiSpec = (options: Options & { port: number }): ProcessSpec =>
  // Behind nginx: client addresses (for rate limits) come from X-Forwarded-For.
  productSpec('api', options, { PORT: String(options.port), TRUST_PROXY: 'true' }, `http://127.0.0.1:${options.port}/readyz`);
