// Starting one product process for the fault run: output goes to a log file (read when something
// fails), and start-up is over when a probe says the process serves, or fails when it exits first.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

export interface Launched {
  pid: number;
  /** Settles when the process has exited, however it ended. */
  exited: Promise<void>;
  /** Asks the process to stop (SIGTERM), then insists (SIGKILL). */
  stop(): Promise<void>;
  /** The end of what it printed, to tell why it exited. */
  tail(): string;
}

export interface LaunchOptions {
  /** A TypeScript entry point, relative to the project root. */
  script: string;
  args?: string[];
  env?: Record<string, string>;
  logFile: string;
  /** Resolves once the process serves; polled until `timeoutMs`. */
  ready: (output: string) => Promise<boolean> | boolean;
  timeoutMs?: number;
}

export async function launchTs(options: LaunchOptions): Promise<Launched> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, options.script), ...(options.args ?? [])], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    // Only the recent output matters for readiness; keep memory flat over a long run.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let done = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      log.end(`\n[harness] exited code=${code} signal=${signal}\n`);
      resolve();
    }),
  );
  const stop = async () => {
    if (done) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (done) throw new Error(`${options.script} exited during start-up; see ${options.logFile}:\n${output.slice(-2000)}`);
    if (await Promise.resolve(options.ready(output)).catch(() => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.script} was not ready in time; see ${options.logFile}:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { pid: child.pid!, exited, stop, tail: () => output.slice(-4000) };
}

/** True when an HTTP GET of `url` answers 2xx. */
export async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
