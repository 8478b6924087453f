// The pure parts of how a ticket reaches its projection: the queue of accepted changes, the update
// ids recognised across runs, and the text refused at the doors.
import { describe, expect, it } from 'vitest';
import { AppliedUpdates, APPLIED_UPDATES_KEPT } from '../../workflows/ticket/applied-updates.js';
import type { TicketEffects } from '../../workflows/ticket/effects.js';
import { DEFAULT_POLICY, type TicketState } from '../../workflows/ticket/model.js';
import { BATCH_LIMIT, ProjectionQueue } from '../../workflows/ticket/projection-queue.js';
import { createTicket } from '../../workflows/ticket/state.js';
import { isStorableText, toStorableText, withStorableText } from '../../workflows/ticket/text.js';

const base = createTicket(
  { number: 3, type: 'software_issue', subject: 's', description: 'd', requester: { id: 'r', email: 'r@x.test' }, organizationId: null, ccs: [], followUpOf: null, policy: DEFAULT_POLICY },
  0,
).state;

function change(version: number, body = `reply ${version}`): { state: TicketState; effects: TicketEffects } {
  const actor = { kind: 'agent' as const, id: 'a' };
  return {
    state: { ...base, version },
    effects: {
      events: [{ seq: version, at: version, actor, kind: 'commented', fromStatus: null, toStatus: null, data: {} }],
      comments: [{ seq: version, at: version, author: actor, body, internal: false }],
      notifications: [],
    },
  };
}

describe('projection queue', () => {
  it('batches changes in order, never into the batch being written, and moves the projected version only when a batch is written', () => {
    const queue = new ProjectionQueue(1);
    queue.add(change(2));
    const first = queue.take();
    queue.add(change(3));
    queue.add(change(4));
    expect(first.state.version).toBe(2);
    expect(queue.projectedVersion).toBe(1);
    queue.written();
    expect(queue.projectedVersion).toBe(2);
    const second = queue.take();
    expect(second.state.version).toBe(4);
    expect(second.effects.comments.map((c) => c.seq)).toEqual([3, 4]);
    queue.written();
    expect(queue.projectedVersion).toBe(4);
    expect(queue.hasWaiting).toBe(false);
  });

  it('a batch that could not be written is the next one again, with later changes after it', () => {
    const queue = new ProjectionQueue(1);
    queue.add(change(2));
    queue.take();
    queue.add(change(3));
    queue.notWritten();
    expect(queue.unwritten().map((b) => b.state.version)).toEqual([2, 3]);
    expect(queue.oldestWaiting()?.effects.comments.map((c) => c.seq)).toEqual([2]);
    expect(queue.projectedVersion).toBe(1);
  });

  it('starts a new batch once one is full, so that no activity input grows without bound', () => {
    const queue = new ProjectionQueue(1);
    const long = 'x'.repeat(30_000);
    for (let version = 2; version < 40; version++) queue.add(change(version, long));
    const batches = queue.unwritten();
    expect(batches.length).toBeGreaterThan(3);
    expect(Math.max(...batches.map((b) => b.size))).toBeLessThanOrEqual(BATCH_LIMIT);
    expect(batches.flatMap((b) => b.effects.comments.map((c) => c.seq))).toEqual(Array.from({ length: 38 }, (_, i) => i + 2));
    expect(queue.waitingSize).toBe(batches.reduce((total, b) => total + b.size, 0));
  });
});

describe('applied updates', () => {
  it('recognises an update id across runs and keeps only the newest', () => {
    const applied = new AppliedUpdates();
    applied.record('u-1', 5);
    const nextRun = new AppliedUpdates(applied.carry());
    expect(nextRun.versionOf('u-1')).toBe(5);
    expect(nextRun.versionOf('u-2')).toBeUndefined();
    for (let i = 0; i < APPLIED_UPDATES_KEPT; i++) nextRun.record(`later-${i}`, 6 + i);
    expect(nextRun.versionOf('u-1')).toBeUndefined();
    expect(nextRun.carry()).toHaveLength(APPLIED_UPDATES_KEPT);
  });
});

describe('storable text', () => {
  it('refuses what Postgres or mail cannot carry, and mends what got in before the checks', () => {
    expect(isStorableText('Réponse à #12 🚲\n\tok')).toBe(true);
    expect(isStorableText('\uD800')).toBe(false);
    expect(isStorableText('a\u0000')).toBe(false);
    expect(toStorableText('a\uD800b\u0000')).toBe('a\uFFFDb\uFFFD');
    expect(withStorableText({ list: ['\uDFFF'], nested: { n: 1, s: 'ok' } })).toEqual({ list: ['\uFFFD'], nested: { n: 1, s: 'ok' } });
  });
});
