// Finds the Temporal CLI for the dev server, installing it with the project's own script when
// it is nowhere to be found, so `npm install && npm start` works on a fresh machine.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Logger } from '../observability/logger.js';
import { LOCAL_TEMPORAL_CLI, PROJECT_ROOT } from '../paths.js';
import { WEB_DIST_DIR } from '../web/static.js';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** In order: TEMPORAL_CLI, .tools/bin/temporal, `temporal` on PATH, else scripts/install-tools.sh. */
export async function ensureTemporalCli(explicit: string | undefined, logger: Logger): Promise<string> {
  if (explicit) return explicit;
  if (existsSync(LOCAL_TEMPORAL_CLI)) return LOCAL_TEMPORAL_CLI;
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  logger.info('Temporal CLI not found: installing it into .tools/bin (scripts/install-tools.sh)');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('bash', [join(PROJECT_ROOT, 'scripts', 'install-tools.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0 || !existsSync(LOCAL_TEMPORAL_CLI)) {
    throw new Error('Could not install the Temporal CLI (scripts/install-tools.sh failed). Install it by hand and set TEMPORAL_CLI, or set TEMPORAL_ADDRESS to use a running Temporal.');
  }
  return LOCAL_TEMPORAL_CLI;
}

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/**
 * Builds the web client (`npm run web:build`, into web/dist) when there is no build or its
 * sources changed since, so the portal is there on the first `npm start`.
 */
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
