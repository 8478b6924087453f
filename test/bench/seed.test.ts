// The read benchmark's synthetic projection: seeded in one statement, then topped up to a larger
// size (--large) without touching the rows already there, with every view's owner among the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, gte, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { tickets } from '../../src/db/schema.js';
import { SEEDED_NUMBER_BASE } from '../../bench/harness/context.js';
import { seedProjection } from '../../bench/phases/seed.js';
import { freshDatabase } from '../helpers/fresh-database.js';

const owners = { requesterId: 'bench-requester', requesterEmail: 'requester@bench.test', organizationId: 'bench-organization' };
let db: Database;

beforeAll(async () => {
  ({ db } = await freshDatabase('bench_seed', { firstTicketNumberAbove: 0 }));
});
afterAll(async () => {
  await db?.close();
});

const seeded = async () => {
  const [{ rows }] = await db.select({ rows: count() }).from(tickets).where(gte(tickets.number, SEEDED_NUMBER_BASE));
  return rows;
};

describe('the read benchmark seed', () => {
  it('tops the projection up to a larger size and leaves the first rows as they were', async () => {
    await seedProjection(db, 2_000, owners);
    expect(await seeded()).toBe(2_000);
    const [before] = await db.select({ createdAt: tickets.createdAt }).from(tickets).where(eq(tickets.number, SEEDED_NUMBER_BASE + 1));

    await seedProjection(db, 5_000, owners);
    expect(await seeded()).toBe(5_000);
    const [after] = await db.select({ createdAt: tickets.createdAt }).from(tickets).where(eq(tickets.number, SEEDED_NUMBER_BASE + 1));
    expect(after.createdAt).toEqual(before.createdAt);
    // Every 997th ticket is the requester's, every 19th the organization's: 5 and 263 of 5,000.
    const [{ mine }] = await db.select({ mine: count() }).from(tickets).where(eq(tickets.requesterId, owners.requesterId));
    const [{ theirs }] = await db.select({ theirs: count() }).from(tickets).where(eq(tickets.organizationId, owners.organizationId));
    expect([mine, theirs]).toEqual([5, 263]);
    const [{ highest }] = await db.select({ highest: sql<number>`max(${tickets.number})::int` }).from(tickets);
    expect(highest).toBe(SEEDED_NUMBER_BASE + 5_000);
  });
});
