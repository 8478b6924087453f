// A ticket worker in a process of its own, so a test can kill it with SIGKILL mid-flight.
// Usage: tsx test/helpers/worker-process.ts <databaseUrl> <temporalAddress> <taskQueue> <bundlePath>
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createDatabase } from '../../src/db/client.js';
import { createTicketWorker } from '../../src/temporal/ticket-worker.js';

const [databaseUrl, address, taskQueue, workflowBundlePath] = process.argv.slice(2);
Runtime.install({ logger: new DefaultLogger('ERROR') });
const db = createDatabase(databaseUrl);
const connection = await NativeConnection.connect({ address });
const worker = await createTicketWorker({ connection, namespace: 'default', taskQueue, db, workflowBundlePath });
console.log('worker ready');
await worker.run();
