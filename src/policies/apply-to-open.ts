// An admin applies the SLA policy in force to the open tickets, deliberately: each ticket pinned
// the version it started with (workflows/ticket/input.ts), and gets this one only through an
// Update of its own (applySla), which its audit trail shows. A few tickets at a time; each has a
// result of its own, and the same request sent again changes each ticket once.
import { ne } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { tickets } from '../db/schema.js';
import type { TicketDesk } from '../tickets/desk.js';
import { TicketGoneError, TicketRefusedError } from '../tickets/errors.js';
import type { PinnedSla } from '../../workflows/sla/pinned.js';
import type { Actor, TicketPolicy, TicketType } from '../../workflows/ticket/model.js';
import { PolicyChangedError } from './errors.js';
import { currentPinnedSla, currentSla } from './store.js';

/** How many tickets get their Update at once. */
const CONCURRENCY = 8;

export interface AppliedToOpen {
  version: number;
  /** Tickets that count the version from now on. */
  applied: number[];
  /** Tickets that counted it already, or closed meanwhile (`why`, for the console to say in its reader's words). */
  unchanged: Array<{ number: number; why: 'already' | 'closed'; message: string }>;
  /** Tickets that could not be reached or refused for another reason: send the request again. */
  failed: Array<{ number: number; message: string }>;
}

export async function applySlaToOpenTickets(
  deps: { db: Database; desk: TicketDesk; seed: TicketPolicy },
  input: { version: number; actor: Actor; userId: string },
): Promise<AppliedToOpen> {
  const { db, desk } = deps;
  const current = (await currentSla(db)).version;
  // The admin applies the version they read: one saved since is applied only once they have seen it.
  if (current !== input.version) throw new PolicyChangedError('SLA policy', current);
  const open = await db.select({ number: tickets.number, type: tickets.type }).from(tickets).where(ne(tickets.status, 'closed')).orderBy(tickets.number);
  const pins = new Map<TicketType, Promise<PinnedSla>>();
  const pinOf = (type: TicketType) => {
    let pin = pins.get(type);
    if (!pin) pins.set(type, (pin = currentPinnedSla(db, type, deps.seed)));
    return pin;
  };
  const result: AppliedToOpen = { version: current, applied: [], unchanged: [], failed: [] };
  const applyOne = async ({ number, type }: { number: number; type: TicketType }) => {
    try {
      const sla = await pinOf(type);
      await desk.send(number, 'applySla', { actor: input.actor, sla }, { userId: input.userId, requestId: `apply-sla-${current}:${number}` });
      result.applied.push(number);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof TicketGoneError || (error instanceof TicketRefusedError && error.reason === 'transition' && error.status === 'closed')) result.unchanged.push({ number, why: 'closed', message });
      else if (error instanceof TicketRefusedError && error.reason === 'transition') result.unchanged.push({ number, why: 'already', message });
      else result.failed.push({ number, message });
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, open.length) }, async () => {
      for (let index = next++; index < open.length; index = next++) await applyOne(open[index]);
    }),
  );
  // In ticket order, whichever finished first.
  const byNumber = (a: { number: number }, b: { number: number }) => a.number - b.number;
  result.applied.sort((a, b) => a - b);
  result.unchanged.sort(byNumber);
  result.failed.sort(byNumber);
  return result;
}
