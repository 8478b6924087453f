// `npm run users -- create --email … --role requester|agent|admin [--name …] [--org …]`
// Makes an account (the first admin, Support Ops agents) and prints its set-password link, which
// is also queued as an e-mail. Uses DATABASE_URL, or the embedded Postgres of `npm start`
// (started here for the moment if it is not running).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { issueLink } from '../accounts/links.js';
import { addMembership, createUser, findOrCreateOrganization, findUserByEmail } from '../accounts/users.js';
import { createDatabase, localPostgresUrl, type Database } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { runMigrations } from '../db/migrate.js';
import { USER_ROLES } from '../db/schema.js';
import { loadConfigOrExit, type Config } from '../env.js';

const USAGE = `Usage:
  npm run users -- create --email <address> --role requester|agent|admin [--name <name>] [--org <organization>]
  npm run users -- link --email <address>      (a new set-password link for an existing account)`;

const createArgs = z.object({
  email: z.email('--email: not an e-mail address'),
  role: z.enum(USER_ROLES, { message: `--role: one of ${USER_ROLES.join(', ')}` }),
  name: z.string().trim().min(1).max(100).optional(),
  org: z.string().trim().min(1).max(100).optional(),
});

/** A mistake in the command line: reported with the usage, after the database is let go. */
class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

async function reachable(url: string): Promise<boolean> {
  const db = createDatabase(url, { max: 1 });
  try {
    await db.sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await db.close();
  }
}

/** The database to use, and how to let go of it afterwards. */
async function openDatabase(config: Config): Promise<{ db: Database; close(): Promise<void> }> {
  let url = config.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    const port = config.EMBEDDED_POSTGRES_PORT;
    url = localPostgresUrl(port);
    if (!(await reachable(url))) {
      const embedded = await startEmbeddedPostgres({ dir: resolve(config.DATA_DIR, 'postgres'), port });
      url = embedded.url;
      stopEmbedded = () => embedded.stop();
    }
  }
  await runMigrations(url);
  const db = createDatabase(url, { max: 2 });
  return {
    db,
    async close() {
      await db.close();
      await stopEmbedded?.();
    },
  };
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'create' && command !== 'link') fail(command ? `Unknown command "${command}".` : 'Name a command.');
  const config = loadConfigOrExit();

  if (command === 'link') {
    const email = z.email().safeParse(values.email);
    if (!email.success) fail('--email: not an e-mail address');
    const { db, close } = await openDatabase(config);
    try {
      if (!(await findUserByEmail(db, email.data))) fail(`${email.data} has no account; use create.`);
      console.log(`Set-password link for ${email.data} (works once, for 72 hours):\n${await issueLink(db, config.publicUrl, 'access', email.data)}`);
    } finally {
      await close();
    }
    return;
  }

  const parsed = createArgs.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((issue) => issue.message).join('\n'));
  const args = parsed.data;
  const { db, close } = await openDatabase(config);
  try {
    if (await findUserByEmail(db, args.email)) fail(`${args.email} already has an account (use \`link\` for a new set-password link).`);
    const user = await createUser(db, { email: args.email, role: args.role, name: args.name });
    if (args.org) await addMembership(db, user.id, (await findOrCreateOrganization(db, args.org)).id);
    const url = await issueLink(db, config.publicUrl, 'access', user.email);
    console.log(`Created ${user.role} ${user.email}${args.org ? ` in ${args.org}` : ''}.`);
    console.log(`Set-password link (works once, for 72 hours):\n${url}`);
  } finally {
    await close();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(1);
}
