// Finds the Temporal CLI for the dev server, installing it with the project's own script when
// it is nowhere to be found, so `npm install && npm start` works on a fresh machine.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Logger } from '../observability/logger.js';
import { LOCAL_TEMPORAL_CLI, PROJECT_ROOT } from '../paths.js';

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

/** In order: the one named (TEMPORAL_CLI), .tools/bin/temporal, `temporal` on PATH; or null. */
export function findTemporalCli(explicit?: string): string | null {
  if (explicit) return explicit;
  if (existsSync(LOCAL_TEMPORAL_CLI)) return LOCAL_TEMPORAL_CLI;
  return onPath('temporal') ?? null;
}

/** findTemporalCli, else installs it with scripts/install-tools.sh. */
export async function ensureTemporalCli(explicit: string | undefined, logger: Logger): Promise<string> {
  const found = findTemporalCli(explicit);
  if (found) return found;
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
