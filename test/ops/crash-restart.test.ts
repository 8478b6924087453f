// `npm start` as a process manager or a script runs it: through npm itself, stopped by a signal to
// npm's PID, and killed with SIGKILL (a crash, an OOM kill) leaving its embedded Postgres and
// Temporal dev server behind as orphans. The next start stops those and comes up; a port held by
// some other program is refused with a message that names the port and the holder.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/net.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'support-desk-crash-'));
const started: ChildProcess[] = [];
const orphans: number[] = [];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => {
  for (const child of started) if (child.pid && alive(child.pid)) process.kill(child.pid, 'SIGKILL');
  for (const pid of orphans) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface NpmStart {
  npm: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** `npm start`, exactly as a person types it, with only the settings named here. */
function npmStart(env: Record<string, string>): NpmStart {
  const npm = spawn('npm', ['start'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(npm);
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { npm, output: () => output, exited: new Promise((resolve) => npm.once('exit', (code) => resolve(code))) };
}

async function until(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const childrenOf = (pid: number) =>
  readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number));

/** The PIDs of the product's own embedded services, from the files they write into DATA_DIR. */
function servicePids(): { postgres: number; temporal: number } {
  const first = (file: string) => Number(readFileSync(join(dataDir, file), 'utf8').split('\n')[0]);
  return { postgres: first('postgres/postmaster.pid'), temporal: first('temporal.pid') };
}

describe('npm start as a process manager runs it', () => {
  it('comes up after a kill -9 with no orphan left, stops on a signal to npm, and names a port another program holds', { timeout: 300_000 }, async () => {
    const [port, metricsPort, pgPort, temporalPort, uiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_DEV_UI_PORT: String(uiPort),
    };

    // 1. Started, then its node process killed outright: Postgres and Temporal live on.
    const first = npmStart(env);
    await until(() => first.output().includes('Press Ctrl-C to stop.'), 'the first start');
    const crashed = servicePids();
    orphans.push(crashed.postgres, crashed.temporal);
    const [node] = childrenOf(first.npm.pid!);
    expect(readFileSync(`/proc/${node}/cmdline`, 'utf8')).toContain('src/start.ts');
    process.kill(node, 'SIGKILL');
    await first.exited;
    expect(alive(crashed.postgres) && alive(crashed.temporal)).toBe(true);

    // 2. The next start stops them and comes up on the same ports and data.
    const second = npmStart(env);
    await until(() => second.output().includes('Press Ctrl-C to stop.') || second.npm.exitCode !== null, 'the second start');
    expect(second.output()).toContain('Press Ctrl-C to stop.');
    expect(second.output()).not.toContain('undefined');
    expect(alive(crashed.postgres) || alive(crashed.temporal)).toBe(false);
    const running = servicePids();
    expect(running.postgres).not.toBe(crashed.postgres);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    // 3. SIGINT to npm's own PID (as a process manager sends it) stops everything, in order.
    process.kill(second.npm.pid!, 'SIGINT');
    expect(await second.exited).toBe(0);
    await until(() => !alive(running.postgres) && !alive(running.temporal), 'the services to stop', 30_000);
    expect(existsSync(join(dataDir, 'temporal.pid'))).toBe(false);

    // 4. A port held by another program: refused at once, naming the port, the setting and the holder.
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(temporalPort, '127.0.0.1', resolve));
    try {
      const third = npmStart(env);
      expect(await third.exited).toBe(1);
      expect(third.output()).toMatch(new RegExp(`Port ${temporalPort} \\(TEMPORAL_DEV_PORT\\) is already in use by pid ${process.pid} `));
      expect(third.output()).not.toContain('Temporal dev server started');
      // Nothing it started is left behind either.
      expect(existsSync(join(dataDir, 'temporal.pid'))).toBe(false);
    } finally {
      squatter.close();
    }
  });
});
