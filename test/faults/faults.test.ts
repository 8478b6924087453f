// The short fault run inside `npm test`: 60 tickets through the HTTP API while the worker, the API
// and the Temporal dev server are each killed with SIGKILL and restarted. `npm run test:faults`
// runs the full one (500 tickets, Postgres killed too).
import { describe, expect, it } from 'vitest';
import { runFaultScenario } from './scenario.js';

describe('kill -9 under load', () => {
  it('keeps every acknowledged creation and transition exactly once, and the projection equal to every workflow', async () => {
    const report = await runFaultScenario({
      tickets: 60,
      concurrency: 8,
      kills: ['worker', 'api', 'temporal'],
      downMs: 1000,
      loadBudgetMs: 4 * 60_000,
      log: (line) => console.log(`[faults] ${line}`),
    });
    expect(report.problems).toEqual([]);
    // Every ticket walked its whole journey: the load really ran through the kills.
    expect(report.journeys.every((j) => j.acked === 6)).toBe(true);
    expect(report.verdict.counted.statesCompared).toBe(60);
  }, 420_000);
});
