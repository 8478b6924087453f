// The ticket operations every entry point shares (API, CLI, tests): create a ticket and send it
// messages. Each call returns only once the projection holds its effect (read-your-writes), or
// fails within the desk's deadline when Temporal is away.
import { createHash, randomUUID } from 'node:crypto';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { InvalidFieldError } from '../accounts/errors.js';
import type { Database } from '../db/client.js';
import { messageRequests, ticketRequests } from '../db/schema.js';
import { annotateTicket } from '../observability/logger.js';
import { ticketSummary, ticketWorkflowId } from '../temporal/ids.js';
import type { MessageName } from '../../workflows/ticket/commands.js';
import { newTicketInput } from '../../workflows/ticket/input.js';
import { stateQuery, syncUpdate, updates, type MessageInputs } from '../../workflows/ticket/messages.js';
import type { PinnedSla } from '../../workflows/sla/pinned.js';
import type { NewTicket, PageChannel, TicketPolicy, TicketState, TicketType } from '../../workflows/ticket/model.js';
import { TYPE_LABELS } from '../../workflows/ticket/model.js';
import { newTicketProblem } from '../../workflows/ticket/parse.js';
import * as attributes from '../../workflows/ticket/search-attributes.js';
import { createTicket } from '../../workflows/ticket/state.js';
import type { ticketWorkflow } from '../../workflows/ticket/workflow.js';
import { isTicketBusy, RequestReusedError, translateTicketError, UnavailableError } from './errors.js';

export interface CreateTicketInput extends Omit<NewTicket, 'number' | 'policy' | 'sla' | 'onCallPage'> {
  /** The client's id for this submission: the same id twice gives the same ticket. */
  requestId: string;
}

/** Who sent a message, and the client's id for it: the same id twice is the same message. */
export interface MessageRequest {
  userId: string;
  requestId: string;
}

export interface TicketDeskOptions {
  client: Client;
  db: Database;
  taskQueue: string;
  /**
   * The policy a ticket created now pins: the product reads the current version in Postgres on each
   * creation (src/policies/store.ts); tests and benchmarks give a fixed one.
   */
  policy: TicketPolicy | (() => Promise<TicketPolicy>);
  /**
   * The SLA a ticket of this type pins when it starts: the product reads currentPinnedSla
   * (src/policies/store.ts). Unset (tests, benchmarks): tickets count only the first-reply
   * duration of `policy`, in calendar time.
   */
  sla?: (type: TicketType) => Promise<PinnedSla>;
  /**
   * How a Critical / SEV ticket created now pages the on-call at its SLA breaches (Config.onCallPage,
   * from the page settings). Unset or empty: no page configured, nobody is paged.
   */
  onCallPage?: PageChannel[];
  /**
   * Longest wait for Temporal before a call fails with UnavailableError, so that a person gets a
   * clear error in seconds when the server or the worker is away. Unset: no limit (tools, tests).
   */
  timeoutMs?: number;
}

/** How long a call without a deadline sends a message again while the ticket is busy. */
const BUSY_RETRY_MS = 60_000;

export class TicketDesk {
  constructor(private readonly options: TicketDeskOptions) {}

  async create(input: CreateTicketInput): Promise<{ number: number; state: TicketState | null }> {
    const { requestId, ...ticket } = input;
    // Refused before a number is used: a ticket whose text cannot be stored would never be written.
    const problem = newTicketProblem(ticket);
    if (problem) throw new InvalidFieldError(problem.field, problem.message);
    // Read before a number is claimed: without its policy no ticket can start.
    const { policy: source } = this.options;
    const [policy, sla] = await Promise.all([typeof source === 'function' ? source() : source, this.options.sla?.(ticket.type)]);
    const number = await this.claimNumber(ticket.requester.id, requestId, fingerprint(creationContent(ticket)));
    annotateTicket(number);
    const { onCallPage } = this.options;
    // Pinned only where it pages, so that every other ticket starts exactly as before.
    const pages = ticket.type === 'critical' && onCallPage?.length ? { onCallPage: [...onCallPage] } : {};
    const newTicket: NewTicket = { ...ticket, number, policy, ...(sla ? { sla } : {}), ...pages };
    const start = () =>
      new WithStartWorkflowOperation<typeof ticketWorkflow>('ticketWorkflow', {
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
    // One update id for every attempt, so that the ticket recognises a retry of one it applied.
    const updateId = `create-${randomUUID()}`;
    try {
      const state = await this.withTemporal(number, () => this.options.client.workflow.executeUpdateWithStart(syncUpdate, { startWorkflowOperation: start(), updateId }));
      return { number, state };
    } catch (error) {
      // The same request after its ticket has already run its whole life: same number, nothing new.
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { number, state: null };
      throw error;
    }
  }

  /**
   * Sends a transition as an Update; throws TicketRefusedError or TicketGoneError when it is
   * refused, RequestReusedError when the request id was used for another message.
   */
  async send<N extends MessageName>(number: number, name: N, input: MessageInputs[N], request?: MessageRequest): Promise<TicketState> {
    annotateTicket(number);
    // One update id for every attempt: the ticket applies an update id once, whichever run it reaches.
    let updateId = `${name}-${randomUUID()}`;
    if (request) {
      const { actor: _actor, ...content } = input;
      await this.claimMessageRequest(request, fingerprint({ number, name, content }));
      updateId = `${name}-${request.userId}-${request.requestId}`;
    }
    const handle = this.options.client.workflow.getHandle(ticketWorkflowId(number));
    return this.withTemporal(number, () => handle.executeUpdate(updates[name] as never, { args: [input], updateId }));
  }

  /** The ticket's state once the projection holds all of it (what `sync` answers). */
  async sync(number: number): Promise<TicketState> {
    annotateTicket(number);
    const updateId = `sync-${randomUUID()}`;
    return this.withTemporal(number, () => this.options.client.workflow.getHandle(ticketWorkflowId(number)).executeUpdate(syncUpdate, { updateId }));
  }

  /** The workflow's own view of the ticket (for ops tooling and tests; the API reads Postgres). */
  async state(number: number): Promise<TicketState> {
    annotateTicket(number);
    return this.withTemporal(number, () => this.options.client.workflow.getHandle(ticketWorkflowId(number)).query(stateQuery));
  }

  /**
   * Runs a call to Temporal within the desk's deadline, turns what Temporal says into the desk's
   * errors, and sends again a message the ticket could not take just then (isTicketBusy: nothing
   * was recorded; or NOT_FOUND while the ticket runs, see isRunning), as the same update id is
   * applied once whichever run it reaches.
   */
  private async withTemporal<T>(number: number, call: () => Promise<T>): Promise<T> {
    const { timeoutMs } = this.options;
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    // A ticket busy for this long is not busy any more but failing: say so instead of waiting on.
    const retryUntil = deadline ?? Date.now() + BUSY_RETRY_MS;
    const attempt = async (): Promise<T> => {
      for (let retry = 0; ; retry++) {
        try {
          return await (deadline === undefined ? call() : this.options.client.withDeadline(deadline, call));
        } catch (error) {
          const busy = isTicketBusy(error) || (error instanceof WorkflowNotFoundError && (await this.isRunning(number, deadline)));
          if (!busy || Date.now() > retryUntil) throw translateTicketError(error, number);
          await new Promise((resolve) => setTimeout(resolve, Math.min(25 * 2 ** retry, 500)));
        }
      }
    };
    if (timeoutMs === undefined) return attempt();
    let timer: NodeJS.Timeout | undefined;
    // The gRPC deadline ends each RPC; the timer also bounds the SDK's own retry and polling loops.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UnavailableError('temporal')), timeoutMs + 500);
    });
    try {
      return await Promise.race([attempt(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Whether the ticket's workflow has a run going. Under a storm of messages the server may answer
   * NOT_FOUND ("update … not found") for an Update that reached a run just as it continued as new;
   * the ticket is not Closed then, and the same update id sent again lands once (AppliedUpdates).
   */
  private async isRunning(number: number, deadline: number | undefined): Promise<boolean> {
    const describe = () => this.options.client.workflow.getHandle(ticketWorkflowId(number)).describe();
    try {
      const execution = await (deadline === undefined ? describe() : this.options.client.withDeadline(deadline, describe));
      return execution.status.name === 'RUNNING';
    } catch {
      return false;
    }
  }

  private async claimNumber(requesterId: string, requestId: string, content: string): Promise<number> {
    const { db } = this.options;
    const find = async () =>
      (
        await db
          .select({ number: ticketRequests.number, fingerprint: ticketRequests.fingerprint })
          .from(ticketRequests)
          .where(and(eq(ticketRequests.requesterId, requesterId), eq(ticketRequests.requestId, requestId)))
      )[0];
    const same = (found: { number: number; fingerprint: string | null }) => {
      // Claims made before fingerprints existed have none: they match whatever comes.
      if (found.fingerprint !== null && found.fingerprint !== content) throw new RequestReusedError(`ticket #${found.number}`);
      return found.number;
    };
    const existing = await find();
    if (existing) return same(existing);
    const [inserted] = await db
      .insert(ticketRequests)
      .values({ requesterId, requestId, fingerprint: content })
      .onConflictDoNothing()
      .returning({ number: ticketRequests.number });
    if (inserted) return inserted.number;
    // Lost a race with the same request: the winner's number is the ticket's.
    const raced = await find();
    if (!raced) throw new Error('ticket number claim vanished');
    return same(raced);
  }

  private async claimMessageRequest(request: MessageRequest, content: string): Promise<void> {
    const { db } = this.options;
    const [inserted] = await db
      .insert(messageRequests)
      .values({ userId: request.userId, requestId: request.requestId, fingerprint: content })
      .onConflictDoNothing()
      .returning({ fingerprint: messageRequests.fingerprint });
    if (inserted) return;
    const [found] = await db
      .select({ fingerprint: messageRequests.fingerprint })
      .from(messageRequests)
      .where(and(eq(messageRequests.userId, request.userId), eq(messageRequests.requestId, request.requestId)));
    if (found && found.fingerprint !== content) throw new RequestReusedError('another message');
  }
}

/** What makes two submissions the same request (trimmed as the lifecycle compares them). */
function creationContent(ticket: Omit<NewTicket, 'number' | 'policy' | 'sla'>) {
  return {
    type: ticket.type,
    subject: ticket.subject.trim(),
    description: ticket.description.trim(),
    ccs: ticket.ccs.map((p) => p.id).sort(),
    followUpOf: ticket.followUpOf,
    files: (ticket.descriptionAttachments ?? []).map((file) => file.id),
  };
}

function fingerprint(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}
