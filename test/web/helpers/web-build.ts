// The browser tests run against the production build. It is rebuilt when missing or older than
// any source of the web client, so `npm test` always tests what the sources say.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const WEB = join(ROOT, 'web');
const BUILT = join(WEB, 'dist', 'index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function ensureWebBuild(): void {
  // The portal bundles the ticket's vocabulary and permission table from workflows/ticket too,
  // and the canned replies' placeholders from src/tickets/macros.ts.
  const sources = [join(WEB, 'src'), join(WEB, 'index.html'), join(WEB, 'vite.config.ts'), join(ROOT, 'workflows', 'ticket'), join(ROOT, 'src', 'tickets', 'macros.ts')];
  const newestSource = Math.max(...sources.map(newestMtime));
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource) return;
  // vitest sets NODE_ENV=test, which would give React's development build: test the real one.
  execFileSync('npm', ['run', '--silent', 'web:build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
