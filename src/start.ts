// `npm start`: the whole product in one process with embedded Postgres and Temporal (or the ones
// DATABASE_URL / TEMPORAL_ADDRESS name). Ctrl-C stops everything; the next start resumes it all.
import { loadConfigOrExit } from './env.js';
import { createLogger } from './observability/logger.js';
import { printBanner } from './runtime/banner.js';
import { startProduct } from './runtime/product.js';
import { stopOnSignals } from './runtime/shutdown.js';

const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, service: 'support-desk' });

try {
  const product = await startProduct(config, logger);
  stopOnSignals(product.stop, logger);
  printBanner(product.urls, config, product.demoAccounts);
  product.done.catch(async () => {
    await product.stop();
    process.exit(1);
  });
} catch (error) {
  logger.fatal({ err: error }, 'start-up failed');
  const reason = error instanceof Error ? error.message : error === undefined ? 'a part of the product stopped while starting, without saying why (see the log above)' : String(error);
  console.error(`\nStart-up failed: ${reason}`);
  process.exit(1);
}
