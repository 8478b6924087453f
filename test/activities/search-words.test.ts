// The words search finds are written with the projection: a write applied twice, or out of order,
// adds a comment's words once; internal notes go apart from what requesters may find; a
// conversation past what a tsvector can hold stops growing instead of failing its write.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeProjection } from '../../activities/projection.js';
import { createDatabase, type Database } from '../../src/db/client.js';
import { ticketSearch } from '../../src/db/schema.js';
import { MAX_VECTOR_BYTES } from '../../src/db/search.js';
import { DEFAULT_POLICY } from '../../workflows/ticket/model.js';
import { apply, createTicket, type Accepted } from '../../workflows/ticket/state.js';

let db: Database;
beforeAll(() => {
  db = createDatabase(inject('databaseUrl'));
});
afterAll(async () => db?.close());

let nextNumber = 800_000 + Math.floor(Math.random() * 50_000) * 10;

function history() {
  const number = nextNumber++;
  const requester = { id: `r-${number}`, email: `r-${number}@example.test` };
  const agent = { kind: 'agent' as const, id: 'a-1' };
  const steps: Accepted[] = [
    createTicket({ number, type: 'hardware_issue', subject: 'Vélo cassé', description: 'La roue avant est voilée.', requester, organizationId: null, ccs: [], followUpOf: null, policy: DEFAULT_POLICY }, 1_000),
  ];
  const next = (command: Parameters<typeof apply>[1], at: number) => {
    const outcome = apply(steps.at(-1)!.state, command, at);
    if (!outcome.ok) throw new Error(outcome.message);
    steps.push(outcome);
  };
  next({ type: 'reply', actor: agent, body: 'Supplier invoice pending', internal: true }, 2_000);
  next({ type: 'reply', actor: { kind: 'requester', id: requester.id }, body: 'Photo attached', attachments: [{ id: 'f-1', name: 'spokes.jpg', type: 'image/jpeg', size: 1 }] }, 3_000);
  return { number, steps };
}

async function words(number: number) {
  const [row] = await db
    .select({ public: sql<string>`${ticketSearch.public}::text`, internal: sql<string>`${ticketSearch.internal}::text` })
    .from(ticketSearch)
    .where(eq(ticketSearch.ticketNumber, number));
  return row;
}

describe('search words', () => {
  it('are written once, however often and in whatever order the writes come', async () => {
    const { number, steps } = history();
    for (const step of steps) await writeProjection(db, step.state, step.effects);
    const once = await words(number);
    // Subject (A) and description (B), in both languages; the reply and its file's name.
    expect(once.public).toContain("'velo':1A");
    expect(once.public).toMatch(/'roue':\d+B/);
    expect(once.public).toContain("'photo'");
    expect(once.public).toContain("'spokes.jpg'");
    // The note is apart, and the description's comment is not counted twice.
    expect(once.public).not.toContain('invoic');
    expect(once.internal).toContain("'invoic'");
    expect(once.public).toMatch(/'avant':\d+B,\d+B /);

    for (const step of [...steps].reverse()) await writeProjection(db, step.state, step.effects);
    expect(await words(number)).toEqual(once);
  });

  it('the first write to arrive makes the row, whichever it is', async () => {
    const { number, steps } = history();
    for (const step of [steps[2], steps[0], steps[1]]) await writeProjection(db, step.state, step.effects);
    const { public: found, internal } = await words(number);
    expect(found).toContain("'velo':1A");
    expect(found).toContain("'photo'");
    expect(internal).toContain("'invoic'");
  });

  it('a conversation too large to index stops growing, and its writes still succeed', async () => {
    const { number, steps } = history();
    await writeProjection(db, steps[0].state, steps[0].effects);
    // Distinct words fill a vector fastest: some 3,500 of them per reply, 60 KB of vector.
    let state = steps[0].state;
    const rounds = 20;
    for (let round = 0; round < rounds; round++) {
      const body = Array.from({ length: 3_600 }, (_, i) => `w${round}x${i.toString(36)}`).join(' ').slice(0, 32_000);
      const outcome = apply(state, { type: 'reply', actor: { kind: 'agent', id: 'a-1' }, body }, 10_000 + round);
      if (!outcome.ok) throw new Error(outcome.message);
      state = outcome.state;
      await writeProjection(db, state, outcome.effects);
    }
    const [row] = await db
      .select({ size: sql<number>`pg_column_size(${ticketSearch.public})`, first: sql<boolean>`${ticketSearch.public} @@ 'w0x1'::tsquery`, last: sql<boolean>`${ticketSearch.public} @@ ${`w${rounds - 1}x1`}::tsquery` })
      .from(ticketSearch)
      .where(eq(ticketSearch.ticketNumber, number));
    expect(row.size).toBeLessThan(MAX_VECTOR_BYTES);
    expect(row.size).toBeGreaterThan(MAX_VECTOR_BYTES / 2);
    expect(row).toMatchObject({ first: true, last: false });
  });
});
