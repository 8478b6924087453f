// The embedded Postgres in a process of its own, so the fault run can SIGKILL the postmaster (its
// PID is the first line of postmaster.pid) while the harness lives on. Prints "postgres ready"
// once it accepts connections, and exits as soon as the postmaster is gone, as a crashed database
// server would; the harness then starts a new one on the same data.
// Usage: tsx test/faults/processes/postgres.ts <dataDir> <port>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../../src/db/embedded.js';

const [dir, port] = process.argv.slice(2);
if (!dir || !port) {
  console.error('usage: postgres.ts <dataDir> <port>');
  process.exit(2);
}

// After a SIGKILL the old backends take a moment to notice their postmaster is gone; until they
// have, a new postmaster refuses the shared memory they still hold. Try again for a while.
let lastError: unknown;
let database: EmbeddedDatabase | null = null;
for (let attempt = 1; attempt <= 40; attempt++) {
  try {
    database = await startEmbeddedPostgres({ dir, port: Number(port) });
    lastError = null;
    break;
  } catch (error) {
    lastError = error ?? new Error('postgres exited during start-up');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
if (lastError) {
  console.error(`postgres did not start: ${String(lastError)}`);
  process.exit(1);
}

const postmaster = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
console.log(`postgres ready pid=${postmaster}`);

// Asked to stop (the end of the run): stop Postgres cleanly first, so that it never outlives
// this process. The package's own exit hook is replaced, as the entry points do.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    void (database?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}

setInterval(() => {
  try {
    process.kill(postmaster, 0);
  } catch {
    console.error('postmaster is gone');
    process.exit(1);
  }
}, 200);
