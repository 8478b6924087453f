// A ticket worker in a process of its own, so a test can kill it with SIGKILL mid-flight.
// Usage: tsx test/helpers/worker-process.ts <databaseUrl> <temporalAddress> <taskQueue> <bundlePath> <payloadKeys>
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createDatabase } from '../../src/db/client.js';
import { parsePayloadKeys } from '../../src/temporal/payload-keys.js';
import { createTicketWorker } from '../../src/temporal/ticket-worker.js';

const [databaseUrl, address, taskQueue, workflowBundlePath, keys] = process.argv.slice(2);
Runtime.install({ logger: new DefaultLogger('ERROR') });
const db = createDatabase(databaseUrl);
const connection = await NativeConnection.connect({ address });
const payloadKeys = parsePayloadKeys(keys, 'argument 5');
const worker = await createTicketWorker({ connection, namespace: 'default', taskQueue, db, workflowBundlePath, payloadKeys });
console.log('worker ready');
await worker.run();
