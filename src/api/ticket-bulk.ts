// One change to many tickets (the queue's selection): each ticket gets its own Update, as if the
// agent had made the change on its page, a few at a time, and a result of its own: done, with the
// ticket as it now is, or refused, with why (in the same typed words as a single change: code,
// message, data.refusal). Nothing is half-applied to a ticket: each Update lands whole or not at
// all. The request id names the whole; each ticket's message gets `<requestId>:<number>`, so the
// same request sent again changes each ticket once.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { refusalOf, type RefusalData } from '../tickets/errors.js';
import { STATUS_OF_MESSAGE, type StatusMessage } from '../../workflows/ticket/commands.js';
import { SETTABLE_STATUSES, TICKET_PRIORITIES, type Person, type SettableStatus } from '../../workflows/ticket/model.js';
import { toTRPCError } from './errors.js';
import { id, tagList, ticketNumber } from './inputs.js';
import { assigneeNamed, send, ticketToAct } from './ticket-actions.js';
import type { TicketView } from './ticket-views.js';
import type { SignedInContext } from './trpc.js';

/** The most tickets one request changes. */
export const MAX_BULK_TICKETS = 100;
/** How many tickets are changed at once. */
export const BULK_CONCURRENCY = 8;

export const bulkChangeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), status: z.enum(SETTABLE_STATUSES) }),
  z.object({ kind: z.literal('assign'), assigneeId: id.nullable() }),
  z.object({ kind: z.literal('priority'), priority: z.enum(TICKET_PRIORITIES) }),
  z
    .object({ kind: z.literal('tags'), add: tagList.default([]), remove: tagList.default([]) })
    .refine((change) => change.add.length > 0 || change.remove.length > 0, { path: ['add'], message: 'Name a tag to add or to remove.' }),
]);

export const bulkInput = z.object({
  numbers: z.array(ticketNumber).min(1).max(MAX_BULK_TICKETS),
  change: bulkChangeInput,
  /** Shorter than a single message's, to leave room for `:<number>`. */
  requestId: z.string().trim().min(8).max(80).regex(/^[\w.:-]+$/, 'Use letters, digits and - _ . : only.'),
});
export type BulkInput = z.infer<typeof bulkInput>;

export type BulkResult =
  | { number: number; outcome: 'done'; ticket: TicketView }
  | {
      number: number;
      /** refused: the ticket said no (or may not be changed by the caller); failed: it could not be reached, send again. */
      outcome: 'refused' | 'failed';
      code: TRPCError['code'];
      message: string;
      refusal: RefusalData | null;
    };

const MESSAGE_OF_STATUS = Object.fromEntries(Object.entries(STATUS_OF_MESSAGE).map(([message, status]) => [status, message])) as Record<SettableStatus, StatusMessage>;

const RETRYABLE: ReadonlySet<TRPCError['code']> = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'TIMEOUT', 'TOO_MANY_REQUESTS']);

export async function bulkChange(ctx: SignedInContext, input: BulkInput): Promise<{ results: BulkResult[]; done: number; refused: number; failed: number }> {
  const numbers = [...new Set(input.numbers)];
  const { change } = input;
  // Whom to assign to is looked up once; one who cannot take tickets refuses the whole request.
  const assignee: Person | null = change.kind === 'assign' ? await assigneeNamed(ctx, change.assigneeId) : null;
  const changeOne = async (number: number): Promise<BulkResult> => {
    const requestId = `${input.requestId}:${number}`;
    try {
      switch (change.kind) {
        case 'status': {
          const name = MESSAGE_OF_STATUS[change.status];
          await ticketToAct(ctx, number, { type: name });
          return { number, outcome: 'done', ...(await send(ctx, number, name, {}, requestId)) };
        }
        case 'assign':
          await ticketToAct(ctx, number, { type: 'assign' });
          return { number, outcome: 'done', ...(await send(ctx, number, 'assign', { assignee }, requestId)) };
        case 'priority':
          await ticketToAct(ctx, number, { type: 'setPriority' });
          return { number, outcome: 'done', ...(await send(ctx, number, 'setPriority', { priority: change.priority }, requestId)) };
        case 'tags': {
          await ticketToAct(ctx, number, { type: 'changeTags' });
          const tags = { ...(change.add.length ? { add: change.add } : {}), ...(change.remove.length ? { remove: change.remove } : {}) };
          return { number, outcome: 'done', ...(await send(ctx, number, 'changeTags', tags, requestId)) };
        }
      }
    } catch (error) {
      const refused = toTRPCError(error);
      if (refused.code === 'INTERNAL_SERVER_ERROR') ctx.deps.logger.error({ err: error, ticketNumber: number }, 'bulk change failed for one ticket');
      return { number, outcome: RETRYABLE.has(refused.code) ? 'failed' : 'refused', code: refused.code, message: refused.message, refusal: refusalOf(refused.cause ?? error) };
    }
  };
  const results = new Array<BulkResult>(numbers.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(BULK_CONCURRENCY, numbers.length) }, async () => {
      for (let index = next++; index < numbers.length; index = next++) results[index] = await changeOne(numbers[index]);
    }),
  );
  const counted = (outcome: BulkResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return { results, done: counted('done'), refused: counted('refused'), failed: counted('failed') };
}
