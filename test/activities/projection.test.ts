// The projection is exact whatever the delivery: a write applied twice, or an older version
// applied after a newer one, leaves it as the newest write made it.
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProjection } from '../../activities/projection.js';
import { createDatabase, type Database } from '../../src/db/client.js';
import { DEFAULT_POLICY } from '../../workflows/ticket/model.js';
import { apply, createTicket } from '../../workflows/ticket/state.js';
import type { Accepted } from '../../workflows/ticket/state.js';
import type { Stack } from '../helpers/stack.js';
import { projection } from '../helpers/tickets.js';

let db: Database;
beforeAll(() => {
  db = createDatabase(inject('databaseUrl'));
});
afterAll(async () => db?.close());

// The projection helper only needs the database.
const view = (number: number) => projection({ db } as Stack, number);

let nextNumber = 900_000 + Math.floor(Math.random() * 50_000) * 10;

function history() {
  const number = nextNumber++;
  const requester = { id: `r-${number}`, email: `r-${number}@example.test` };
  const agent = { kind: 'agent' as const, id: 'a-1' };
  const steps: Accepted[] = [
    createTicket({ number, type: 'software_issue', subject: 'Dock offline', description: 'Dock 12 is dark', requester, organizationId: null, ccs: [], followUpOf: null, policy: DEFAULT_POLICY }, 1_000),
  ];
  const next = (command: Parameters<typeof apply>[1], at: number) => {
    const outcome = apply(steps.at(-1)!.state, command, at);
    if (!outcome.ok) throw new Error(outcome.message);
    steps.push(outcome);
  };
  next({ type: 'reply', actor: agent, body: 'Looking', status: 'pending' }, 2_000);
  next({ type: 'reply', actor: { kind: 'requester', id: requester.id }, body: 'Thanks' }, 3_000);
  next({ type: 'solve', actor: agent }, 4_000);
  return { number, steps };
}

describe('projection writes', () => {
  it('in order, each write once: the newest state, every event, every comment', async () => {
    const { number, steps } = history();
    for (const step of steps) await writeProjection(db, step.state, step.effects);
    const { row, events, comments, mail } = await view(number);
    expect(row).toMatchObject({ version: 4, status: 'solved', commentCount: 3 });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(comments.map((c) => c.body)).toEqual(['Dock 12 is dark', 'Looking', 'Thanks']);
    expect(mail.length).toBeGreaterThan(0);
  });

  it('every write applied twice leaves the same projection', async () => {
    const { number, steps } = history();
    for (const step of steps) await writeProjection(db, step.state, step.effects);
    const once = await view(number);
    for (const step of steps) await writeProjection(db, step.state, step.effects);
    expect(await view(number)).toEqual(once);
  });

  it('writes in reverse order leave the newest state, with nothing lost', async () => {
    const ordered = history();
    const reversed = history();
    for (const step of ordered.steps) await writeProjection(db, step.state, step.effects);
    for (const step of [...reversed.steps].reverse()) await writeProjection(db, step.state, step.effects);
    const a = await view(ordered.number);
    const b = await view(reversed.number);
    expect(b.row.version).toBe(4);
    expect(b.row.status).toBe('solved');
    const strip = (p: typeof a) => ({
      row: { ...p.row, number: 0, requesterId: '', requesterEmail: '' },
      events: p.events.map((e) => ({ ...e, ticketNumber: 0, actorId: e.actorKind === 'requester' ? '' : e.actorId })),
      comments: p.comments.map((c) => ({ ...c, ticketNumber: 0, authorId: c.authorKind === 'requester' ? '' : c.authorId })),
      mail: p.mail.map((m) => ({ kind: m.kind, recipient: m.recipient.replace(/\d+/g, '') })).sort((x, y) => (x.kind + x.recipient).localeCompare(y.kind + y.recipient)),
    });
    expect(strip(b)).toEqual(strip(a));
  });

  it('an older version arriving after a newer one changes nothing', async () => {
    const { number, steps } = history();
    await writeProjection(db, steps[0].state, steps[0].effects);
    await writeProjection(db, steps[3].state, steps[3].effects);
    await writeProjection(db, steps[1].state, steps[1].effects);
    const { row } = await view(number);
    expect(row).toMatchObject({ version: 4, status: 'solved' });
  });
});
