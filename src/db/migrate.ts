// Applies the committed SQL migrations. Safe to run any number of times, from several processes.
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDatabase } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export async function runMigrations(databaseUrl: string): Promise<void> {
  const db = createDatabase(databaseUrl, { max: 1 });
  try {
    // Several processes may start at once; one applies, the others wait on the lock.
    await db.sql`select pg_advisory_lock(727274)`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadConfigOrExit } = await import('../env.js');
  const config = loadConfigOrExit();
  if (!config.DATABASE_URL) {
    console.error('DATABASE_URL: required to run migrations on their own (npm start applies them to the embedded Postgres)');
    process.exit(1);
  }
  await runMigrations(config.DATABASE_URL);
  console.log('migrations applied');
}
