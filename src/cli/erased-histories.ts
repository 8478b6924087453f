// `npm run erased-histories [-- --delete]`: lists the Temporal runs of every ticket that named an
// erased person, and with --delete deletes the closed ones (history, and the visibility record
// with its search attributes) instead of waiting for the namespace's retention. A ticket still
// open is listed as RUNNING and kept: run the command again once it has closed. Against a running
// product (`npm start`, or DATABASE_URL and TEMPORAL_ADDRESS), like `npm run tickets`.
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { erasedHistories } from '../accounts/erased-histories.js';
import { createDatabase, localPostgresUrl } from '../db/client.js';
import { loadConfigOrExit } from '../env.js';

const config = loadConfigOrExit();
const { values } = parseArgs({ options: { delete: { type: 'boolean', default: false } } });
const databaseUrl = config.DATABASE_URL ?? localPostgresUrl(config.EMBEDDED_POSTGRES_PORT);
const temporalAddress = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
const db = createDatabase(databaseUrl, { max: 2 });
const connection = await Connection.connect({ address: temporalAddress, connectTimeout: 5_000 }).catch((error: unknown) => {
  console.error(`Cannot reach Temporal at ${temporalAddress} (${String(error)}). Is \`npm start\` running?`);
  process.exit(1);
});
try {
  // Listing and deleting read no payload: no keys are needed.
  const runs = await erasedHistories(db, new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), { remove: values.delete === true });
  for (const run of runs) console.log(`#${run.ticket}  ${run.workflowId}  ${run.runId}  ${run.status}${run.deleted ? '  deleted' : run.status === 'RUNNING' ? '  kept until the ticket closes' : ''}`);
  const deleted = runs.filter((run) => run.deleted).length;
  const running = runs.filter((run) => run.status === 'RUNNING').length;
  console.log(`${runs.length} runs of tickets that named an erased person; ${values.delete ? `${deleted} deleted` : 'none deleted (add --delete)'}; ${running} still running.`);
} finally {
  await connection.close();
  await db.close();
}
