// A database of its own on the suite's Postgres, migrated and empty: a fresh install, for tests
// whose rows other files must not meet (or that need none of theirs).
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';

export async function freshDatabase(prefix: string, options: { firstTicketNumberAbove: number }): Promise<{ url: string; db: Database }> {
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = createDatabase(inject('databaseUrl'), { max: 1 });
  await admin.sql.unsafe(`create database ${name}`);
  await admin.close();
  const url = inject('databaseUrl').replace(/\/[^/]+$/, `/${name}`);
  await runMigrations(url);
  const db = createDatabase(url, { max: 2 });
  // The Temporal server is shared with the rest of the suite, whose tickets already hold the low
  // numbers (workflow ids ticket-1, ticket-2, …): this database numbers its tickets far above them.
  await db.sql.unsafe(`alter table ticket_requests alter column number restart with ${options.firstTicketNumberAbove + Math.floor(Math.random() * 1_000_000) * 1000}`);
  return { url, db };
}
