// The bench's own arithmetic and bounds (not its figures): percentiles, the closed-loop runner
// stopping where it must, and the command-line options.
import { describe, expect, it } from 'vitest';
import { parseArgs, PHASES } from '../../bench/harness/args.js';
import { runLoad } from '../../bench/harness/load.js';
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

describe('bench options', () => {
  it('runs every phase by default and the chosen ones with --only', () => {
    expect(parseArgs([]).phases).toEqual([...PHASES]);
    expect(parseArgs(['--quick', '--only', 'reads,creation'])).toMatchObject({ quick: true, phases: ['creation', 'reads'] });
    expect(parseArgs(['--only=timers']).phases).toEqual(['timers']);
  });

  it('refuses unknown phases and options', () => {
    expect(() => parseArgs(['--only', 'everything'])).toThrow(/unknown phase/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/);
  });
});
