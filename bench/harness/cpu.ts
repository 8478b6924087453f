// CPU time of the processes under test, from /proc (Linux), so that each phase can say which
// component was busy: the Temporal server, Postgres (the postmaster and its backends), the API,
// the worker, and the bench's own client.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  /** utime + stime + the same of waited-for children, in clock ticks. */
  ticks: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by `pid` and its direct children (Postgres backends are children of the postmaster). */
export function cpuSeconds(pid: number): number {
  // The bench's own children are measured on their own: count this process alone.
  if (pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  }
  let ticks = readStat(pid)?.ticks ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.ppid === pid) ticks += stat.ticks;
  }
  return ticks / TICKS_PER_SECOND;
}

/** Resident memory of a process, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export type Components = Record<string, number>;

/** Measures the CPU each component used while `run` ran, as a share of one core. */
export async function withCpu<T>(components: Components, run: () => Promise<T>): Promise<{ result: T; cores: Record<string, number>; seconds: number }> {
  const before = Object.fromEntries(Object.entries(components).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const begin = process.hrtime.bigint();
  const result = await run();
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  const cores = Object.fromEntries(Object.entries(components).map(([name, pid]) => [name, (cpuSeconds(pid) - before[name]) / seconds]));
  return { result, cores, seconds };
}
