// Starts one of the product's TypeScript entry points (or a helper script) as a process of its
// own, as `node --import tsx <script>`, for the tests that run the product from outside (test/ops)
// and for the fault run (test/faults). Its output is kept (and copied to a log file when asked);
// `ready` says when start-up is over; stop() signals it, then insists. The bench runs its
// processes over IPC instead (bench/harness/child.ts), to ask them for their memory.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

export interface LaunchOptions {
  /** Relative to the project root, e.g. 'src/start.ts'. */
  script: string;
  args?: string[];
  /** Settings for the process, on top of PATH and HOME only: the suite's own environment must not leak in. */
  env?: Record<string, string>;
  /** Where to copy the output as it comes (kept after the run, to read when something failed). */
  logFile?: string;
  /**
   * A process group of its own, so that stop() reaches its children too, as a Ctrl-C in a
   * terminal does (`npm start`'s embedded Postgres and Temporal).
   */
  group?: boolean;
  /** Start-up is over once this says so; polled until `timeoutMs`. Unset: as soon as it is spawned. */
  ready?: (output: string) => Promise<boolean> | boolean;
  timeoutMs?: number;
}

export interface Launched {
  pid: number;
  /** What it printed, stdout and stderr together (the last 200 KB). */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it) once it has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM), and SIGKILL if it has not exited after 15 s; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Last resort, for a failed test: SIGKILL, to the whole group when it has one. */
  kill(): void;
}

const KEPT_OUTPUT = 200_000;

/** Starts the script; resolves once `ready` says it serves, fails with its output if it exits first. */
export async function launch(options: LaunchOptions): Promise<Launched> {
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null;
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, options.script), ...(options.args ?? [])], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    detached: options.group === true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    log?.write(chunk);
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      log?.end(`\n[launch] exited code=${code} signal=${signal}\n`);
      resolve(code);
    }),
  );
  const send = (signal: NodeJS.Signals) => {
    try {
      if (options.group) process.kill(-child.pid!, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  const launched: Launched = {
    pid: child.pid!,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (!done) send(signal);
      const force = setTimeout(() => send('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(force);
      return code;
    },
    kill: () => send('SIGKILL'),
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (!options.ready || (await Promise.resolve(options.ready(output)).catch(() => false))) return launched;
    if (done) throw new Error(`${options.script} exited during start-up${options.logFile ? `; see ${options.logFile}` : ''}:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      launched.kill();
      throw new Error(`${options.script} was not ready in time${options.logFile ? `; see ${options.logFile}` : ''}:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The readiness probe tests pass as `ready`. */
export { answers } from '../../src/net.js';
