// `npm run tickets -- create|show …`: submit and inspect tickets from a terminal, against a running
// product (`npm start`, or DATABASE_URL and TEMPORAL_ADDRESS). Ops then drive a ticket's whole
// life from the Temporal UI or CLI (README, "Operating").
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { InvalidFieldError } from '../accounts/errors.js';
import { ensureUser, organizationIdsOf, personOf } from '../accounts/users.js';
import { createDatabase, localPostgresUrl } from '../db/client.js';
import { tickets } from '../db/schema.js';
import { loadConfigOrExit } from '../env.js';
import { currentPinnedSla, currentTicketPolicy } from '../policies/store.js';
import { ticketDataConverter } from '../temporal/codec.js';
import { ticketWorkflowId } from '../temporal/ids.js';
import { embeddedKeyFile, loadPayloadKeys } from '../temporal/payload-keys.js';
import { TicketDesk } from '../tickets/desk.js';
import { MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH, TICKET_TYPES } from '../../workflows/ticket/model.js';

const USAGE = `Usage:
  npm run tickets -- create --email <requester> --type ${TICKET_TYPES.join('|')} --subject <text> --description <text> [--cc <email>]… [--request-id <id>]
  npm run tickets -- show <number>`;

const createArgs = z.object({
  email: z.email('--email: not an e-mail address'),
  type: z.enum(TICKET_TYPES, { message: `--type: one of ${TICKET_TYPES.join(', ')}` }),
  subject: z.string().trim().min(1, '--subject: required').max(MAX_SUBJECT_LENGTH),
  description: z.string().trim().min(1, '--description: required').max(MAX_BODY_LENGTH),
  cc: z.array(z.email('--cc: not an e-mail address')).default([]),
  'request-id': z.string().min(1).max(200).optional(),
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(1);
}

const config = loadConfigOrExit();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    type: { type: 'string' },
    subject: { type: 'string' },
    description: { type: 'string' },
    cc: { type: 'string', multiple: true },
    'request-id': { type: 'string' },
  },
});

const databaseUrl = config.DATABASE_URL ?? localPostgresUrl(config.EMBEDDED_POSTGRES_PORT);
const temporalAddress = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
const db = createDatabase(databaseUrl, { max: 2 });
const connection = await Connection.connect({ address: temporalAddress, connectTimeout: 5_000 }).catch((error: unknown) =>
  fail(`Cannot reach Temporal at ${temporalAddress} (${String(error)}). Is \`npm start\` running?`),
);
// The same keys as the product it talks to: npm start's DATA_DIR/payload-keys unless the settings name others.
const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: ticketDataConverter(loadPayloadKeys(config, embeddedKeyFile(config.DATA_DIR))) });
const desk = new TicketDesk({ client, db, taskQueue: config.TEMPORAL_TASK_QUEUE, policy: () => currentTicketPolicy(db, config.policySeed), sla: (type) => currentPinnedSla(db, type, config.policySeed), onCallPage: config.onCallPage });

try {
  const [command, arg] = positionals;
  if (command === 'create') {
    const parsed = createArgs.safeParse(values);
    if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join('\n'));
    const input = parsed.data;
    const requester = await ensureUser(db, input.email);
    const ccs = await Promise.all(input.cc.map((email) => ensureUser(db, email)));
    const organizationId = (await organizationIdsOf(db, requester.id))[0] ?? null;
    const { number } = await desk
      .create({
        requestId: input['request-id'] ?? randomUUID(),
        type: input.type,
        subject: input.subject,
        description: input.description,
        requester: personOf(requester),
        organizationId,
        ccs: ccs.map(personOf),
        followUpOf: null,
      })
      .catch((error: unknown) => (error instanceof InvalidFieldError ? fail(`--${error.field}: ${error.message}`) : Promise.reject(error)));
    console.log(`Ticket #${number} created: workflow ${ticketWorkflowId(number)}, requester ${requester.email} (id ${requester.id})`);
  } else if (command === 'show' && arg && /^\d+$/.test(arg)) {
    const number = Number(arg);
    const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    if (!row) fail(`No ticket #${number}.`);
    const state = await desk.state(number).catch(() => null);
    console.log(JSON.stringify({ projection: row, workflow: state ?? 'ended (Closed)' }, null, 2));
  } else {
    fail(command ? `Unknown command: ${command}` : 'A command is required.');
  }
} finally {
  await connection.close();
  await db.close();
}
