// The bench's own arithmetic and bounds (not its figures): percentiles, the closed- and open-loop
// runners stopping where they must, and the command-line options.
import { describe, expect, it } from 'vitest';
import { parseArgs, PHASES } from '../../bench/harness/args.js';
import { runLoad } from '../../bench/harness/load.js';
import { runOpenLoad } from '../../bench/harness/open-load.js';
import { percentile, summarize } from '../../bench/harness/stats.js';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('summarizes unsorted latencies and the rate over the step', () => {
    const summary = summarize([30, 10, 20], 1, 2);
    expect(summary).toMatchObject({ count: 3, errors: 1, rate: 1.5, p50: 20, max: 30 });
  });
});

describe('closed-loop load', () => {
  it('stops at the operation bound, counts failures and groups by label', async () => {
    let calls = 0;
    const result = await runLoad({ concurrency: 4, seconds: 10, maxOperations: 20 }, async (_loop, iteration) => {
      calls++;
      if (iteration === 0) throw new Error('first call fails');
      return iteration % 2 ? 'odd' : 'even';
    });
    expect(calls).toBe(20);
    expect(result.errors).toBe(4);
    expect(result.count).toBe(16);
    expect(result.firstError).toBe('first call fails');
    expect(result.byLabel.odd.count + result.byLabel.even.count).toBe(16);
  });

  it('stops at the time bound', async () => {
    const started = Date.now();
    const result = await runLoad({ concurrency: 2, seconds: 0.2 }, () => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.count).toBeGreaterThan(0);
  });
});

describe('open-loop load', () => {
  it('sends the arrivals its rate and time give, bounded by the operation count', async () => {
    const result = await runOpenLoad({ rate: 100, seconds: 0.2 }, async (arrival) => (arrival === 3 ? Promise.reject(new Error('fourth fails')) : 'ok'));
    expect(result.count + result.errors).toBe(20);
    expect(result.errors).toBe(1);
    expect(result.firstError).toBe('fourth fails');
    expect(result.byLabel.ok.count).toBe(19);
    const bounded = await runOpenLoad({ rate: 100, seconds: 10, maxOperations: 5 }, async () => undefined);
    expect(bounded.count).toBe(5);
  });

  it('counts the time an arrival waits behind slower ones, from its scheduled arrival', async () => {
    // Ten arrivals 10 ms apart, each holding one shared lock for 20 ms: the last one is scheduled
    // at 90 ms and cannot finish before 200 ms, so it is at least 110 ms late.
    let lock = Promise.resolve();
    const result = await runOpenLoad({ rate: 100, seconds: 0.1 }, async () => {
      const mine = lock.then(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
      lock = mine;
      await mine;
    });
    expect(result.count).toBe(10);
    expect(result.max).toBeGreaterThanOrEqual(105);
    expect(result.concurrency).toBeGreaterThan(1);
  });
});

describe('bench options', () => {
  it('runs every phase by default and the chosen ones with --only', () => {
    expect(parseArgs([]).phases).toEqual([...PHASES]);
    expect(parseArgs(['--quick', '--only', 'reads,creation'])).toMatchObject({ quick: true, phases: ['creation', 'reads'] });
    expect(parseArgs(['--only=timers']).phases).toEqual(['timers']);
  });

  it('takes --large for the memory phase at 50,000 open tickets, not with --quick', () => {
    expect(parseArgs(['--large', '--only', 'memory'])).toMatchObject({ large: true, quick: false, phases: ['memory'] });
    expect(parseArgs([]).large).toBe(false);
    expect(() => parseArgs(['--quick', '--large'])).toThrow(/one or the other/);
  });

  it('refuses unknown phases and options', () => {
    expect(() => parseArgs(['--only', 'everything'])).toThrow(/unknown phase/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/);
  });
});
