// One service of the fault run, kept alive the way a process manager would: killed on purpose
// with SIGKILL and started again, and restarted (and counted) if it dies on its own.
import type { Launched } from '../helpers/launch.js';

/** What a supervised service must offer: a launched process, or the dev server the harness starts itself. */
export type Service = Pick<Launched, 'pid' | 'exited' | 'output'> & { stop(): Promise<unknown> };

export class Supervised {
  private current: Service | null = null;
  private expectingExit = false;
  private restarting: Promise<void> | null = null;
  /** Exits nobody asked for, with the error the process printed last (it was restarted). */
  readonly unexpectedExits: string[] = [];

  constructor(
    readonly name: string,
    private readonly launch: () => Promise<Service>,
    /** The process to SIGKILL when it is not the launched one (Postgres: the postmaster). */
    private readonly victimPid?: () => number,
  ) {}

  async start(): Promise<void> {
    const launched = await this.launch();
    this.current = launched;
    this.expectingExit = false;
    void launched.exited.then(() => this.onExit(launched));
  }

  /** kill -9, then wait until the service's process is gone. */
  async kill(): Promise<void> {
    // A service that died by itself is being started again: kill the new one, not nothing.
    await this.restarting?.catch(() => {});
    const launched = this.current;
    if (!launched) return;
    this.expectingExit = true;
    process.kill(this.victimPid?.() ?? launched.pid, 'SIGKILL');
    await launched.exited;
    this.current = null;
  }

  /** Up (started, and not exited since), once any restart in progress is over. */
  async isUp(): Promise<boolean> {
    await this.restarting?.catch(() => {});
    return this.current !== null;
  }

  async restart(): Promise<void> {
    await this.start();
  }

  async stop(): Promise<void> {
    await this.restarting?.catch(() => {});
    const launched = this.current;
    if (!launched) return;
    this.expectingExit = true;
    this.current = null;
    await launched.stop();
  }

  private onExit(launched: Service): void {
    if (this.expectingExit || this.current !== launched) return;
    const lastError = launched
      .output()
      .slice(-4000)
      .split('\n')
      .filter((line) => /error/i.test(line))
      .pop();
    this.unexpectedExits.push(`${new Date().toISOString()}${lastError ? `: ${lastError.trim().slice(0, 300)}` : ''}`);
    this.current = null;
    this.restarting = (async () => {
      // Retry a few times: the service may have died because a dependency is still away.
      for (let attempt = 1; attempt <= 10 && !this.expectingExit; attempt++) {
        try {
          await this.start();
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      }
    })();
  }
}
