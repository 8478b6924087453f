// What Temporal still holds of erased people: the runs of the workflows of every ticket that named
// them (requested, CC'd, assigned, written on, changed). Their histories keep the payloads of past
// events (the person's words, name and address, encrypted by the payload codec) and the ticket's
// search attributes (Requester, Assignee: addresses, in clear) until the namespace's retention
// passes after each run closes. Ops delete the closed runs at once with `npm run erased-histories
// -- --delete`; a ticket still open keeps its running history until it closes (README, Personal data).
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import { erasedPeople } from '../db/schema.js';
import { ticketWorkflowId } from '../temporal/ids.js';
import { ticketsNaming } from './erasure.js';

export interface ErasedRun {
  ticket: number;
  workflowId: string;
  runId: string;
  /** As Temporal says it: RUNNING, COMPLETED, CONTINUED_AS_NEW, TERMINATED… */
  status: string;
  deleted: boolean;
}

/** Every run of a ticket naming an erased person, oldest ticket first; with `remove`, the closed ones are deleted. */
export async function erasedHistories(db: Database, client: Client, options: { remove: boolean }): Promise<ErasedRun[]> {
  const numbers = new Set<number>();
  for (const { userId } of await db.select({ userId: erasedPeople.userId }).from(erasedPeople)) {
    for (const number of await ticketsNaming(db, userId)) numbers.add(number);
  }
  const runs: ErasedRun[] = [];
  for (const ticket of [...numbers].sort((a, b) => a - b)) {
    const workflowId = ticketWorkflowId(ticket);
    for await (const execution of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) {
      const status = execution.status.name;
      const closed = status !== 'RUNNING';
      if (options.remove && closed) {
        await client.workflowService.deleteWorkflowExecution({ namespace: client.options.namespace, workflowExecution: { workflowId, runId: execution.runId } });
      }
      runs.push({ ticket, workflowId, runId: execution.runId, status, deleted: options.remove && closed });
    }
  }
  return runs;
}
