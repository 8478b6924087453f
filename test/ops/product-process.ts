// The product's entry points as people and process managers run them (node --import tsx
// src/<entry>), each in a process group of its own, so that a test can press "Ctrl-C" (SIGINT to
// the whole group, as a terminal does). Built on the suite's one launcher (test/helpers/launch.ts).
import { launch, type Launched } from '../helpers/launch.js';

const READY_LINE = 'Press Ctrl-C to stop.';

/** Starts `src/<entry>` with exactly `env` (plus PATH and HOME); `ready` as for launch(). */
export function runEntryPoint(entry: string, env: Record<string, string>, ready?: (output: string) => Promise<boolean> | boolean): Promise<Launched> {
  return launch({ script: `src/${entry}`, env, group: true, ready });
}

/** Starts the product as `npm start` does and waits for its banner; fails with its output if it exits instead. */
export function startProductProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<Launched> {
  return launch({ script: 'src/start.ts', env, group: true, ready: (output) => output.includes(READY_LINE), timeoutMs });
}
