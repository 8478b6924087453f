// What an earlier `npm start` of the same DATA_DIR may have left running when it was killed
// without a chance to stop its children (kill -9, a crash, a closed terminal): the embedded
// Postgres and the Temporal dev server carry on as orphans, holding their ports and data. Each
// writes its PID into DATA_DIR (Postgres its own postmaster.pid); a new start stops them first.
import { existsSync, readFileSync } from 'node:fs';
import type { Logger } from '../observability/logger.js';
import { commandLine } from '../net.js';

export interface Leftover {
  /** What it is, for the log: "embedded Postgres". */
  name: string;
  /** A file whose first line is the PID. */
  pidFile: string;
  /** Words the process's command line must contain to be ours (its data folder or file). */
  mustMention: string[];
  /** How it stops cleanly (Postgres: SIGINT, a fast shutdown that keeps the data consistent). */
  signal: NodeJS.Signals;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the process named in the PID file if it is still ours; a stale or reused PID is left alone. */
export async function stopLeftover(leftover: Leftover, logger: Logger, graceMs = 15_000): Promise<void> {
  if (!existsSync(leftover.pidFile)) return;
  const pid = Number(readFileSync(leftover.pidFile, 'utf8').split('\n')[0].trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive(pid)) return;
  const command = commandLine(pid);
  if (!command || !leftover.mustMention.every((word) => command.includes(word))) return;
  logger.warn({ pid, command }, `stopping the ${leftover.name} an earlier start left running`);
  process.kill(pid, leftover.signal);
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive(pid)) {
    logger.warn({ pid }, `the ${leftover.name} did not stop in time: killing it`);
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
