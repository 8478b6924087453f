// Starts the Temporal CLI's dev server (SQLite, Web UI) as a child process, with the ticket search
// attributes registered. Used by `npm start` and by the tests. The binary comes from
// scripts/install-tools.sh (.tools/bin/temporal) or from PATH.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { assertPortsFree } from '../net.js';
import { findTemporalCli } from './cli.js';
import { devServerSearchAttributeFlags } from './search-attributes.js';
import { TICKET_SERVER_SETTINGS } from './server-settings.js';

export interface DevServerOptions {
  port: number;
  uiPort: number;
  /** SQLite file for persistence; omitted, the server keeps everything in memory. */
  dbFile?: string;
  /**
   * SQLite pragmas for the file. Default: write-ahead log with synchronous=NORMAL, so a commit
   * does not wait for the disk (fsync) and the file still survives the server being killed; only a
   * machine crash may lose the last commits. On this project's machines it multiplies throughput
   * (docs/PERFORMANCE.md).
   */
  sqlitePragmas?: Record<string, string>;
  namespace?: string;
  /** Dynamic config on top of TICKET_SERVER_SETTINGS, e.g. a low continue-as-new threshold for tests. */
  dynamicConfig?: Record<string, string | number | boolean>;
  binary?: string;
  onOutput?: (line: string) => void;
  /** Where to write the server's PID while it runs, so that a later start can find it (runtime/leftovers.ts). */
  pidFile?: string;
  /**
   * Serve the Web UI under this path (e.g. /temporal), for a proxy that puts it on another origin,
   * with its remote codec at `uiCodecEndpoint` (npm start: the portal's /codec).
   */
  ui?: { publicPath: string; codecEndpoint: string };
}

export interface DevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const DURABLE_ENOUGH_PRAGMAS: Record<string, string> = { journal_mode: 'wal', synchronous: 'normal' };

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const namespace = options.namespace ?? 'default';
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    ...devServerSearchAttributeFlags(),
    ...(options.ui ? ['--ui-public-path', options.ui.publicPath, '--ui-codec-endpoint', options.ui.codecEndpoint] : []),
  ];
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
    for (const [pragma, value] of Object.entries(options.sqlitePragmas ?? DURABLE_ENOUGH_PRAGMAS)) args.push('--sqlite-pragma', `${pragma}=${value}`);
  }
  for (const [key, value] of Object.entries({ ...TICKET_SERVER_SETTINGS, ...options.dynamicConfig })) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  // A port already held would make the server exit while the readiness check below reached
  // whatever holds the port: a server this process did not start, and would never stop.
  await assertPortsFree(
    [
      { port: options.port, setting: 'TEMPORAL_DEV_PORT' },
      { port: options.uiPort, setting: 'TEMPORAL_DEV_UI_PORT' },
    ],
    '127.0.0.1',
  );
  const child = spawn(findTemporalCli(options.binary) ?? 'temporal', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (options.pidFile && child.pid) writeFileSync(options.pidFile, `${child.pid}\n`);
  const forgetPid = () => {
    if (options.pidFile) rmSync(options.pidFile, { force: true });
  };
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 400) output.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      forgetPid();
      resolve(code);
    }),
  );
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));

  const address = `127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timeout);
  };

  const ready = waitUntilServing(address, namespace, 60_000);
  const failure = Promise.race([
    exited.then((code) => new Error(`temporal dev server exited (code ${code}):\n${output.join('\n')}`)),
    spawnFailed.then((error) => new Error(`cannot run the Temporal CLI (${error.message}); run \`npm run tools\` to install it`)),
  ]);
  let outcome = await Promise.race([ready.then(() => null), failure]);
  if (!outcome && (child.exitCode !== null || child.signalCode !== null)) outcome = new Error(`temporal dev server exited while starting:\n${output.join('\n')}`);
  if (outcome) {
    await stop();
    throw outcome;
  }
  return { address, uiUrl: `http://127.0.0.1:${options.uiPort}${options.ui?.publicPath ?? ''}`, process: child, stop };
}

/** Polls until the frontend answers and the namespace is usable. */
async function waitUntilServing(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`Temporal at ${address} did not become ready: ${String(lastError)}`);
}
