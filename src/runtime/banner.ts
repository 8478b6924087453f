// What `npm start` prints for people once everything is up: where to go next.
import type { Config } from '../env.js';
import type { ProductUrls } from './product.js';

export function printBanner(urls: ProductUrls, config: Config, demo?: string[]): void {
  const lines = [
    '',
    'Support desk is running.',
    `  Portal            ${urls.portal}`,
    `  Temporal UI       ${urls.temporalUi ?? '(set TEMPORAL_UI_URL to link it here)'}`,
    ...(urls.mailbox ? [`  Dev mailbox       ${urls.mailbox}`] : []),
    `  Metrics           ${urls.metrics}`,
    `  Temporal          ${urls.temporalAddress} (namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.TEMPORAL_TASK_QUEUE})`,
    `  Data              ${config.DATABASE_URL ? 'DATABASE_URL' : config.DATA_DIR}`,
    ...(demo && demo.length > 0 ? ['', 'Demo accounts (development only):', ...demo.map((line) => `  ${line}`)] : []),
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
