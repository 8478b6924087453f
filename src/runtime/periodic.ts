// A job that runs now and then in the background (mail delivery, the support mailbox): every
// `intervalMs`, and at once when asked; one pass at a time in this process, a pass asked for
// during another waits for it; stop() waits for the pass under way. Its timer never keeps the
// process alive.
export interface PeriodicJob<T> {
  /** Runs a pass now (after the one under way, if any) and resolves with its result. */
  runNow(): Promise<T>;
  stop(): Promise<void>;
}

export function startPeriodic<T>(pass: () => Promise<T>, intervalMs: number, onError: (error: unknown) => void): PeriodicJob<T> {
  let running: Promise<T> | null = null;
  let stopped = false;
  async function runNow(): Promise<T> {
    while (running) await running.catch(() => undefined);
    running = pass();
    try {
      return await running;
    } finally {
      running = null;
    }
  }
  const timer = setInterval(() => {
    if (stopped || running) return;
    runNow().catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
