// One Postgres pool (postgres.js) and its drizzle handle.
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.js';

export type Database = ReturnType<typeof createDatabase>;

export function createDatabase(url: string, options: { max?: number } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // Fail fast instead of hanging when Postgres is away; callers retry where it matters.
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
  });
  return Object.assign(drizzle(sql, { schema }), { sql, close: () => sql.end({ timeout: 5 }) });
}

/** The address of the embedded Postgres that `npm start` runs on this machine (src/db/embedded.ts). */
export function localPostgresUrl(port: number, database = 'support_desk'): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
}
