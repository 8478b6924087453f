// The cluster's process manager: starts one program, waits until it serves, restarts it when it
// exits without being asked to (after a delay that grows while it keeps failing, as systemd's or
// Kubernetes' do), and stops it on request: its own stop signal first, SIGKILL if it lingers.
// Each program runs in a session of its own, so that a Ctrl-C in the terminal reaches only
// `npm run cluster`, which then stops them in order; each one's PID is on file, so that a start
// after `npm run cluster` itself was killed stops what it left running (runtime/leftovers.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../observability/logger.js';
import { stopLeftover } from '../runtime/leftovers.js';

export interface ProcessSpec {
  /** "worker-1", "temporal", … */
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** Run as this user instead (Postgres refuses to run as root). */
  user?: { uid: number; gid: number };
  /** Its output, appended. */
  logFile: string;
  /** Where its PID is kept: written here unless `writesOwnPidFile` (Postgres and nginx write theirs). */
  pidFile: string;
  writesOwnPidFile?: boolean;
  /** Words a leftover's command line must contain to be this program of this cluster. */
  leftoverMarks: string[];
  /** Polled after the start until it says yes. */
  ready(): Promise<boolean>;
  readyTimeoutMs?: number;
  /** How it stops cleanly (default SIGTERM; Postgres SIGINT, nginx SIGQUIT). */
  stopSignal?: NodeJS.Signals;
  /** Past this after the stop signal, SIGKILL (default 20 s). */
  stopTimeoutMs?: number;
}

const FIRST_RESTART_DELAY_MS = 1000;
const LONGEST_RESTART_DELAY_MS = 30_000;
/** Up this long, a program is healthy again: its next restart waits the first delay only. */
const HEALTHY_AFTER_MS = 60_000;
const KEPT_OUTPUT = 64_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SupervisedProcess {
  private child: ChildProcess | null = null;
  /** The child once it was ready: only its exit is a crash to restart (a failed start is the starter's to handle). */
  private readyChild: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private log: WriteStream | null = null;
  private stopping = false;
  /** The next exit was asked for (kill9): restart it, but do not count it as a failure. */
  private killedOnPurpose = false;
  private restartDelay = FIRST_RESTART_DELAY_MS;
  private startedAt = 0;
  private up: Promise<void> = Promise.resolve();
  /** Bumped by every start and stop: a restart loop of an earlier generation gives up. */
  private generation = 0;
  /** Exits nobody asked for, each with the time and the last error line it printed. */
  readonly unexpectedExits: string[] = [];

  constructor(
    readonly spec: ProcessSpec,
    private readonly logger: Logger,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Up: started, ready, and not exited since. */
  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Stops a leftover of an earlier run named in its PID file, if it is still this program. */
  async stopLeftover(): Promise<void> {
    await stopLeftover({ name: this.name, pidFile: this.spec.pidFile, mustMention: this.spec.leftoverMarks, signal: this.spec.stopSignal ?? 'SIGTERM' }, this.logger);
  }

  /** Starts it and resolves once it is ready; rejects (with its last words) if it exits or is not ready in time. */
  async start(): Promise<void> {
    this.stopping = false;
    this.generation += 1;
    this.up = this.launch();
    await this.up;
  }

  private async launch(): Promise<void> {
    const { spec } = this;
    mkdirSync(dirname(spec.logFile), { recursive: true });
    this.log ??= createWriteStream(spec.logFile, { flags: 'a' });
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      uid: spec.user?.uid,
      gid: spec.user?.gid,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.startedAt = Date.now();
    const failedToSpawn = new Promise<Error>((resolve) => child.once('error', resolve));
    const collect = (chunk: Buffer) => {
      this.log?.write(chunk);
      this.output = (this.output + chunk.toString()).slice(-KEPT_OUTPUT);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.log?.write(`\n[supervisor] ${this.name} exited (code ${code}, signal ${signal})\n`);
        if (!spec.writesOwnPidFile) rmSync(spec.pidFile, { force: true });
        resolve();
        this.onExit(child, code, signal);
      }),
    );
    if (child.pid && !spec.writesOwnPidFile) {
      mkdirSync(dirname(spec.pidFile), { recursive: true });
      writeFileSync(spec.pidFile, `${child.pid}\n`);
    }
    const deadline = Date.now() + (spec.readyTimeoutMs ?? 120_000);
    for (;;) {
      const spawnError = await Promise.race([failedToSpawn, sleep(0).then(() => null)]);
      if (spawnError) throw new Error(`${this.name}: cannot run ${spec.command} (${spawnError.message})`);
      if (this.child !== child || !this.running) throw new Error(`${this.name} exited while starting; its last words (all in ${spec.logFile}):\n${this.lastLines()}`);
      if (await spec.ready().catch(() => false)) break;
      if (Date.now() > deadline) {
        this.signal('SIGKILL');
        await this.exited;
        throw new Error(`${this.name} was not ready within ${Math.round((spec.readyTimeoutMs ?? 120_000) / 1000)} s; its last words (all in ${spec.logFile}):\n${this.lastLines()}`);
      }
      await sleep(200);
    }
    this.readyChild = child;
    this.logger.info({ process: this.name, pid: child.pid }, `${this.name} ready`);
  }

  private lastLines(): string {
    return this.output.split('\n').filter(Boolean).slice(-15).join('\n') || '(nothing)';
  }

  private signal(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      // Its whole session: a program's own children (none of ours has any) go with it.
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || this.readyChild !== child) return;
    this.readyChild = null;
    const purpose = this.killedOnPurpose;
    this.killedOnPurpose = false;
    if (!purpose) {
      const lastError = this.output.split('\n').filter((line) => /error|fatal|panic/i.test(line)).pop()?.trim().slice(0, 300);
      this.unexpectedExits.push(`${new Date().toISOString()} (code ${code}, signal ${signal})${lastError ? `: ${lastError}` : ''}`);
      this.logger.error({ process: this.name, code, signal, lastError }, `${this.name} exited unexpectedly: restarting it`);
    }
    if (Date.now() - this.startedAt > HEALTHY_AFTER_MS) this.restartDelay = FIRST_RESTART_DELAY_MS;
    this.up = this.restartLoop();
    this.up.catch(() => {});
  }

  /** Starts it again, and again, each time after a longer delay, until it is ready or stopped. */
  private async restartLoop(): Promise<void> {
    const generation = this.generation;
    for (;;) {
      await sleep(this.restartDelay);
      this.restartDelay = Math.min(this.restartDelay * 2, LONGEST_RESTART_DELAY_MS);
      if (this.stopping || generation !== this.generation) return;
      try {
        await this.launch();
        return;
      } catch (error) {
        if (this.stopping) return;
        this.logger.error({ process: this.name, err: error }, `${this.name} did not start again: retrying in ${this.restartDelay / 1000} s`);
        await this.exited;
      }
    }
  }

  /** kill -9, as a crash would; the supervisor starts it again after its delay, as for any crash. Resolves once it is gone. */
  async kill9(): Promise<void> {
    await this.up.catch(() => {});
    if (!this.running) return;
    this.killedOnPurpose = true;
    this.restartDelay = FIRST_RESTART_DELAY_MS;
    this.signal('SIGKILL');
    await this.exited;
  }

  /** Resolves once it is up again after a crash or kill9 (or at once if it is). */
  async untilUp(): Promise<void> {
    await this.up;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.generation += 1;
    if (this.running) {
      this.signal(this.spec.stopSignal ?? 'SIGTERM');
      const force = setTimeout(() => {
        this.logger.warn({ process: this.name }, `${this.name} did not stop in time: killing it`);
        this.signal('SIGKILL');
      }, this.spec.stopTimeoutMs ?? 20_000);
      await this.exited;
      clearTimeout(force);
    }
    this.child = null;
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = null;
  }
}
