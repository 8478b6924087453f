// Runs a bench child process (TypeScript through tsx) and talks to it over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildMessage, MemoryMessage, ReadyMessage } from '../children/ipc.js';

export interface Child {
  name: string;
  pid: number;
  urls: Record<string, string>;
  memory(): Promise<{ rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

/** The child's output (its JSON logs, one line per request at the production level) goes to `logFile`. */
export async function startChild(name: string, file: string, settings: object, options: { profileDir?: string; logFile: string }): Promise<Child> {
  // One folder per child: Node writes one profile per thread (tsx's loader runs in a thread of its
  // own); the main thread's is the largest.
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(options.profileDir, name)}`] : [];
  const log = openSync(options.logFile, 'a');
  const child: ChildProcess = fork(file, [JSON.stringify(settings)], { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', log, log, 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s`)), 120_000);
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited during start-up (code ${code}); see ${options.logFile}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    name,
    pid: child.pid!,
    urls: ready.urls ?? {},
    memory: () =>
      new Promise((resolve) => {
        const onMessage = (message: ChildMessage) => {
          if (message.type !== 'memory') return;
          child.off('message', onMessage);
          resolve({ rss: (message as MemoryMessage).rss, heapUsed: (message as MemoryMessage).heapUsed });
        };
        child.on('message', onMessage);
        child.send({ type: 'memory' });
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(force);
    },
  };
}
