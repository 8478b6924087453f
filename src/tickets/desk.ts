// The ticket operations every entry point shares (API, CLI, tests): create a ticket and send it
// messages. Each call returns only once the projection holds its effect (read-your-writes).
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { ticketRequests } from '../db/schema.js';
import { ticketSummary, ticketWorkflowId } from '../temporal/ids.js';
import type { MessageName } from '../../workflows/ticket/commands.js';
import { newTicketInput } from '../../workflows/ticket/input.js';
import { stateQuery, syncUpdate, updates, type MessageInputs } from '../../workflows/ticket/messages.js';
import type { NewTicket, TicketPolicy, TicketState } from '../../workflows/ticket/model.js';
import { TYPE_LABELS } from '../../workflows/ticket/model.js';
import * as attributes from '../../workflows/ticket/search-attributes.js';
import { createTicket } from '../../workflows/ticket/state.js';
import type { ticketWorkflow } from '../../workflows/ticket/workflow.js';
import { translateTicketError } from './errors.js';

export interface CreateTicketInput extends Omit<NewTicket, 'number' | 'policy'> {
  /** The client's id for this submission: the same id twice gives the same ticket. */
  requestId: string;
}

export interface TicketDeskOptions {
  client: Client;
  db: Database;
  taskQueue: string;
  policy: TicketPolicy;
}

export class TicketDesk {
  constructor(private readonly options: TicketDeskOptions) {}

  async create(input: CreateTicketInput): Promise<{ number: number; state: TicketState | null }> {
    const { requestId, ...ticket } = input;
    const number = await this.claimNumber(ticket.requester.id, requestId);
    const newTicket: NewTicket = { ...ticket, number, policy: this.options.policy };
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof ticketWorkflow>('ticketWorkflow', {
      workflowId: ticketWorkflowId(number),
      taskQueue: this.options.taskQueue,
      args: [newTicketInput(newTicket)],
      // A retried request finds the running ticket instead of starting a second one...
      workflowIdConflictPolicy: 'USE_EXISTING',
      // ...and a finished one is never started again under the same number.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: ticketSummary(number, ticket.subject),
      staticDetails: `${TYPE_LABELS[ticket.type]} ticket from ${ticket.requester.email}`,
      // Those the workflow would set itself, so that its first task has nothing to upsert.
      typedSearchAttributes: attributes.startSearchAttributes(createTicket(newTicket, Date.now()).state),
    });
    try {
      const state = await this.options.client.workflow.executeUpdateWithStart(syncUpdate, { startWorkflowOperation });
      return { number, state };
    } catch (error) {
      // The same request after its ticket has already run its whole life: same number, nothing new.
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { number, state: null };
      throw error;
    }
  }

  /** Sends a transition as an Update; throws TicketRefusedError or TicketGoneError when it is refused. */
  async send<N extends MessageName>(number: number, name: N, input: MessageInputs[N], updateId?: string): Promise<TicketState> {
    const handle = this.options.client.workflow.getHandle(ticketWorkflowId(number));
    try {
      return await handle.executeUpdate(updates[name] as never, { args: [input], ...(updateId ? { updateId } : {}) });
    } catch (error) {
      throw translateTicketError(error, number);
    }
  }

  /** The workflow's own view of the ticket (for ops tooling and tests; the API reads Postgres). */
  async state(number: number): Promise<TicketState> {
    try {
      return await this.options.client.workflow.getHandle(ticketWorkflowId(number)).query(stateQuery);
    } catch (error) {
      throw translateTicketError(error, number);
    }
  }

  private async claimNumber(requesterId: string, requestId: string): Promise<number> {
    const { db } = this.options;
    const find = async () =>
      (
        await db
          .select({ number: ticketRequests.number })
          .from(ticketRequests)
          .where(and(eq(ticketRequests.requesterId, requesterId), eq(ticketRequests.requestId, requestId)))
      )[0]?.number;
    const existing = await find();
    if (existing !== undefined) return existing;
    const [inserted] = await db.insert(ticketRequests).values({ requesterId, requestId }).onConflictDoNothing().returning({ number: ticketRequests.number });
    if (inserted) return inserted.number;
    // Lost a race with the same request: the winner's number is the ticket's.
    const raced = await find();
    if (raced === undefined) throw new Error('ticket number claim vanished');
    return raced;
  }
}
