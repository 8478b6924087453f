// Builds the web client (`npm run web:build`, into web/dist) when `npm start` finds no build or
// sources changed since, so the portal is there on the first start.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../observability/logger.js';
import { PROJECT_ROOT } from '../paths.js';
import { WEB_DIST_DIR } from './static.js';

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds web/dist unless it is newer than every source file. */
export async function ensureWebClient(logger: Logger): Promise<void> {
  const web = join(PROJECT_ROOT, 'web');
  const built = join(WEB_DIST_DIR, 'index.html');
  if (!existsSync(join(web, 'src'))) return;
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(newestChange(join(web, 'src')), newestChange(join(web, 'index.html')))) return;
  logger.info('building the web client (npm run web:build)');
  const code = await new Promise<number | null>((resolve, reject) => {
    // Its output goes to stderr, so stdout stays the product's own JSON log lines.
    const child = spawn('npm', ['run', '--silent', 'web:build'], { cwd: PROJECT_ROOT, stdio: ['ignore', process.stderr, 'inherit'] });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) logger.error('the web client did not build; the API runs without it (see the output above)');
}
