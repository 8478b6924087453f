// Erasing a person (users.erase): their account goes (they can never sign in again, their sessions
// and links end, their address is free for a new account), and in the projection their name,
// address and words become placeholders (src/accounts/erased.ts): the tickets they requested
// (subject and description), their messages and the files they sent, their CC entries, assignments
// and changes in the audit trail, the e-mails to them and from them, their reply tokens, presence
// and every search word of theirs. Tickets stay, with an erased requester, and keep their history
// of statuses (who changed a status is the placeholder, when and to what is kept).
//
// Why the projection, not the ticket workflows, keeps the erasure: a running ticket's workflow
// still holds the person's words in its state, and may hold changes it has not written yet (a
// batch queued, or carried over a continue-as-new). Rather than send every such workflow a
// message that rewrites its state (a new command in every history, a new input revision, and
// nothing to tell a Closed ticket, which has no workflow left), each projection write looks the
// people it names up in erased_people and writes placeholders for them (activities/projection.ts).
// That covers runs of every revision, Closed tickets, and writes queued before the erasure, at
// the cost of one indexed read per write. What the workflows and Temporal's histories still hold
// is said in the README (Personal data), with how ops remove it.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import {
  accountTokens,
  adminActions,
  attachments,
  erasedPeople,
  inboundMessages,
  messageRequests,
  notifications,
  replyTokens,
  satisfactionLinks,
  ticketComments,
  ticketEvents,
  ticketRequests,
  tickets,
  users,
} from '../db/schema.js';
import { rebuildSearchRow } from '../db/search.js';
import { ERASED, ERASED_ADDRESS, erasedPerson, scrubEvent } from './erased.js';
import { lockOutProjectionWrites } from './erased-people.js';
import type { Person } from '../../workflows/ticket/model.js';
import { containing } from '../db/like.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface ErasureResult {
  /** The tickets that named the person; they stay, with placeholders. */
  ticketNumbers: number[];
}

/**
 * Erases the person, or returns null when there is no such account (nor an erased person of that
 * id). Two transactions. The first ends the account and enters the person in erased_people, under
 * the lock every projection write takes shared (erased-people.ts): it waits for the writes under
 * way, and every write after it writes placeholders. It is short, so tickets are held up for a
 * moment only. The second replaces what the projection already holds, however much that is,
 * while tickets go on; should it fail, erasing the same id again runs it again.
 */
export async function erasePerson(db: Database, userId: string, erasedBy: string): Promise<ErasureResult | null> {
  const ended = await db.transaction(async (tx) => {
    await lockOutProjectionWrites(tx);
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return (await tx.select().from(erasedPeople).where(eq(erasedPeople.userId, userId))).length > 0;
    await tx.insert(erasedPeople).values({ userId, erasedBy }).onConflictDoNothing();
    await endAccount(tx, user);
    return true;
  });
  if (!ended) return null;
  return { ticketNumbers: await db.transaction((tx) => scrubProjection(tx, userId)) };
}

/** The account and what hangs on it: e-mails to and from them, links, tokens, the admin log's mentions. */
async function endAccount(tx: Transaction, user: { id: string; email: string; name: string | null }): Promise<void> {
  await tx.delete(notifications).where(or(eq(notifications.recipientId, user.id), eq(notifications.recipient, user.email)));
  await tx
    .update(inboundMessages)
    .set({ fromAddress: ERASED_ADDRESS, subject: ERASED, body: '', raw: null, userId: null })
    .where(or(eq(inboundMessages.userId, user.id), eq(inboundMessages.fromAddress, user.email)));
  await tx.delete(replyTokens).where(eq(replyTokens.userId, user.id));
  await tx.delete(satisfactionLinks).where(eq(satisfactionLinks.requesterId, user.id));
  await tx.delete(accountTokens).where(eq(accountTokens.email, user.email));
  await tx.delete(messageRequests).where(eq(messageRequests.userId, user.id));
  // A digest of what they asked: of no use without their account, and derived from their words.
  await tx.update(ticketRequests).set({ fingerprint: null }).where(eq(ticketRequests.requesterId, user.id));
  await scrubAdminLog(tx, user);
  // Sessions, memberships and presence go with the account (foreign keys cascade).
  await tx.delete(users).where(eq(users.id, user.id));
}

/** The person's name, address, words and files in the tickets' projection and search words. Runs again harmlessly. */
async function scrubProjection(tx: Transaction, userId: string): Promise<number[]> {
  const ticketNumbers = await ticketsNaming(tx, userId);
  const erased = new Set([userId]);
  const placeholder = erasedPerson(userId);

  // Tickets they requested: subject and description were theirs.
  await tx
    .update(tickets)
    .set({ subject: ERASED, description: ERASED, requesterEmail: ERASED_ADDRESS, requesterName: ERASED })
    .where(eq(tickets.requesterId, userId));
  await tx.update(tickets).set({ assigneeEmail: ERASED_ADDRESS, assigneeName: ERASED }).where(eq(tickets.assigneeId, userId));
  const cced = await tx.select({ number: tickets.number, ccs: tickets.ccs }).from(tickets).where(sql`${userId} = any(${tickets.ccIds})`);
  for (const row of cced) {
    const ccs: Person[] = row.ccs.map((p) => (p.id === userId ? placeholder : p));
    await tx.update(tickets).set({ ccs }).where(eq(tickets.number, row.number));
  }

  // Their messages, and the files they sent (the bytes go with the rows: attachment_chunks cascade).
  await tx.update(ticketComments).set({ body: ERASED, authorName: ERASED, attachments: [] }).where(eq(ticketComments.authorId, userId));
  await tx.delete(attachments).where(eq(attachments.uploaderId, userId));

  // The audit trail: their changes keep their kind, statuses and times, under the placeholder.
  const events = await tx
    .select()
    .from(ticketEvents)
    .where(or(eq(ticketEvents.actorId, userId), sql`${ticketEvents.data}::text like ${`%"${userId}"%`}`));
  for (const event of events) {
    const scrubbed = scrubEvent({ actor: { kind: event.actorKind, id: event.actorId, name: event.actorName ?? undefined }, data: event.data }, erased);
    await tx
      .update(ticketEvents)
      .set({ actorName: scrubbed.actor.name ?? null, data: scrubbed.data })
      .where(and(eq(ticketEvents.ticketNumber, event.ticketNumber), eq(ticketEvents.seq, event.seq)));
  }

  await scrubQuotes(tx, userId, ticketNumbers);
  for (const number of ticketNumbers) await rebuildSearchRow(tx, number);
  return ticketNumbers;
}

/** Every ticket whose projection names the person: requested, CC'd, assigned, written on, changed. */
export async function ticketsNaming(tx: Pick<Database, 'execute'>, userId: string): Promise<number[]> {
  const rows = await tx.execute<{ number: string | number }>(sql`
    select number from ${tickets} where requester_id = ${userId} or assignee_id = ${userId} or ${userId} = any(cc_ids)
    union select ticket_number from ${ticketComments} where author_id = ${userId}
    union select ticket_number from ${ticketEvents} where actor_id = ${userId} or data::text like ${`%"${userId}"%`}
    order by 1`);
  return rows.map((r) => Number(r.number));
}

/**
 * E-mails to others about their tickets keep being sent, without the person's words: the subject
 * of a ticket they requested, a message of theirs that an e-mail quotes.
 */
async function scrubQuotes(tx: Transaction, userId: string, ticketNumbers: number[]): Promise<void> {
  if (ticketNumbers.length === 0) return;
  const requested = new Set(
    (await tx.select({ number: tickets.number }).from(tickets).where(and(eq(tickets.requesterId, userId), inArray(tickets.number, ticketNumbers)))).map((r) => r.number),
  );
  // What they wrote: their comments, and their satisfaction ratings (a bad one's e-mail quotes it).
  const comments = await tx.select({ number: ticketComments.ticketNumber, seq: ticketComments.seq }).from(ticketComments).where(eq(ticketComments.authorId, userId));
  const ratings = await tx
    .select({ number: ticketEvents.ticketNumber, seq: ticketEvents.seq })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.actorId, userId), eq(ticketEvents.kind, 'satisfaction_rated')));
  const written = new Set([...comments, ...ratings].map((r) => `${r.number}:${r.seq}`));
  const rows = await tx.select().from(notifications).where(inArray(notifications.ticketNumber, ticketNumbers));
  for (const row of rows) {
    const payload = { ...row.payload };
    // dedupeKey is ticket:<number>:<seq>:<kind>:<recipient> (activities/projection.ts): the seq names the message it quotes.
    const seq = row.dedupeKey.split(':')[2];
    if (requested.has(row.ticketNumber!)) payload.subject = ERASED;
    if (payload.message && written.has(`${row.ticketNumber}:${seq}`)) payload.message = { author: ERASED, body: ERASED, files: [] };
    if (JSON.stringify(payload) !== JSON.stringify(row.payload)) await tx.update(notifications).set({ payload }).where(eq(notifications.id, row.id));
  }
}

/**
 * The admin log keeps what was done and when, without the person: their address and name in what
 * an admin gave (an invitation names both) and, for an admin, their address as the one who acted.
 */
async function scrubAdminLog(tx: Transaction, user: { id: string; email: string; name: string | null }): Promise<void> {
  await tx.update(adminActions).set({ actorEmail: ERASED_ADDRESS }).where(eq(adminActions.actorId, user.id));
  const words = [user.email, user.name].filter((w): w is string => !!w).map((w) => w.toLowerCase());
  const rows = await tx
    .select()
    .from(adminActions)
    .where(or(...words.map((w) => sql`lower(${adminActions.details}::text) like ${containing(w)}`)));
  for (const row of rows) {
    const details = replaceWords(row.details, words) as Record<string, unknown>;
    await tx.update(adminActions).set({ details }).where(eq(adminActions.id, row.id));
  }
}

function replaceWords(value: unknown, words: string[]): unknown {
  if (typeof value === 'string') return words.includes(value.trim().toLowerCase()) ? ERASED : value;
  if (Array.isArray(value)) return value.map((item) => replaceWords(item, words));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceWords(item, words)]));
  return value;
}
