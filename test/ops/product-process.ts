// Runs the product exactly as `npm start` does (node --import tsx src/start.ts), as a child in a process
// group of its own, so a test can press "Ctrl-C" (SIGINT to the whole group, as a terminal does).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const READY_LINE = 'Press Ctrl-C to stop.';

export interface ProductProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Sends `signal` to the whole process group and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Last resort for a failed test: nothing of the group survives. */
  kill(): void;
}

/** Starts `src/<entry>` with exactly `env` (plus PATH and HOME); resolves once it is up or gone. */
export function runEntryPoint(entry: string, env: Record<string, string>): ProductProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/${entry}`], {
    cwd: ROOT,
    // Only what the test names: the suite's own environment must not leak settings in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(signal = 'SIGINT') {
      group(signal);
      return exited;
    },
    kill: () => group('SIGKILL'),
  };
}

/** Starts the product and waits for its banner; fails with its output if it exits instead. */
export async function startProductProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ProductProcess> {
  const product = runEntryPoint('start.ts', env);
  const deadline = Date.now() + timeoutMs;
  while (!product.stdout().includes(READY_LINE)) {
    const ended = await Promise.race([product.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 200))]);
    if (ended || Date.now() > deadline) {
      product.kill();
      throw new Error(`the product did not start:\n${product.stdout()}\n${product.stderr()}`);
    }
  }
  return product;
}
