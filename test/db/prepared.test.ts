// Queries built once per pool and per shape (src/db/prepared.ts): a second request of a shape gets
// the query the first one built, another shape or another pool its own.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { MAX_SHAPES, onePerPool, onePerShape } from '../../src/db/prepared.js';

const pool = (name: string) => ({ name }) as unknown as Database;

describe('prepared queries', () => {
  it('builds one query per pool and shape, and never one per value', () => {
    const built: string[] = [];
    const byShape = onePerShape(
      (db: Database, shape: { view: string; statuses: string[] }) => {
        built.push(`${(db as unknown as { name: string }).name} ${shape.view} ${shape.statuses.length}`);
        return { built: built.length };
      },
      (shape) => `${shape.view} ${shape.statuses.length}`,
    );
    const [a, b] = [pool('a'), pool('b')];
    const first = byShape(a, { view: 'mine', statuses: ['open'] });
    expect(byShape(a, { view: 'mine', statuses: ['pending'] })).toBe(first);
    expect(byShape(a, { view: 'mine', statuses: ['open', 'pending'] })).not.toBe(first);
    expect(byShape(b, { view: 'mine', statuses: ['open'] })).not.toBe(first);
    expect(built).toEqual(['a mine 1', 'a mine 2', 'b mine 1']);

    let calls = 0;
    const single = onePerPool(() => ({ call: ++calls }));
    expect(single(a)).toBe(single(a));
    expect(single(b)).toEqual({ call: 2 });
  });

  it('keeps at most MAX_SHAPES shapes per pool: past them a shape is built for each call and not kept', () => {
    const kept: boolean[] = [];
    const byShape = onePerShape(
      (_db: Database, shape: number, keep: boolean) => {
        kept.push(keep);
        return { shape };
      },
      String,
    );
    const db = pool('bounded');
    for (let shape = 0; shape < MAX_SHAPES; shape++) byShape(db, shape);
    expect(kept.every(Boolean)).toBe(true);
    const first = byShape(db, MAX_SHAPES);
    expect(byShape(db, MAX_SHAPES)).not.toBe(first);
    expect(kept.slice(MAX_SHAPES)).toEqual([false, false]);
    // The shapes kept are still served as built.
    expect(byShape(db, 0)).toBe(byShape(db, 0));
    expect(kept).toHaveLength(MAX_SHAPES + 2);
  });
});
