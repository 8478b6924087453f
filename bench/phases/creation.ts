// Ticket creation through the API (tRPC over HTTP, signed in as a requester) over a ladder of
// concurrencies, each step next to the bare-Temporal baseline at the same concurrency, in the same
// minute: a trivial workflow with one trivial activity, started and awaited by a Temporal client.
import { randomUUID } from 'node:crypto';
import type { baselineWorkflow } from '../baseline/workflows.js';
import type { BenchContext } from '../harness/context.js';
import { withCpu } from '../harness/cpu.js';
import { historyEvents } from '../harness/history.js';
import { runLoad, type LoadResult } from '../harness/load.js';
import { cores, ms, rate, type PhaseOutcome } from '../harness/report.js';
import { BASELINE_TASK_QUEUE } from '../harness/stack.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';

/** Issue 17's targets: a creation at concurrency 1 on the embedded default, and the peak against bare Temporal on the same server. */
export const MAX_CREATION_P50_MS = 40;
export const MIN_RATIO_TO_BASELINE = 0.95;

export function createViaApi(ctx: BenchContext, label = 'bench'): Promise<{ number: number }> {
  return ctx.people.requester.api.tickets.create.mutate({
    type: 'software_issue',
    subject: `Bench ${label}: the bike app will not unlock`,
    description: 'Tapping unlock does nothing; the bike stays locked.',
    requestId: randomUUID(),
  });
}

async function runBaseline(ctx: BenchContext): Promise<string> {
  const workflowId = `baseline-${randomUUID()}`;
  await ctx.baselineClient.workflow.execute<typeof baselineWorkflow>('baselineWorkflow', { taskQueue: BASELINE_TASK_QUEUE, workflowId, args: ['ping'] });
  return workflowId;
}

export async function creationPhase(ctx: BenchContext): Promise<PhaseOutcome> {
  const ladder = ctx.quick ? [1, 4, 16] : [1, 4, 16, 32, 64];
  const seconds = ctx.quick ? 2 : 10;
  // Warm both paths (workflow bundles loaded, JIT, pools open) so the first step is not a cold start.
  await runLoad({ concurrency: 4, seconds: 30, maxOperations: 40 }, () => createViaApi(ctx, 'warm-up').then(() => undefined));
  await runLoad({ concurrency: 4, seconds: 30, maxOperations: 40 }, () => runBaseline(ctx).then(() => undefined));

  const rows: (string | number)[][] = [];
  const steps: Array<{ concurrency: number; api: LoadResult; baseline: LoadResult; apiCores: Record<string, number>; baselineCores: Record<string, number> }> = [];
  let collapsedAt: number | undefined;
  for (const concurrency of ladder) {
    const baseline = await withCpu(ctx.stack.pids, () => runLoad({ concurrency, seconds }, () => runBaseline(ctx).then(() => undefined)));
    const api = await withCpu(ctx.stack.pids, () => runLoad({ concurrency, seconds }, () => createViaApi(ctx).then(() => undefined)));
    steps.push({ concurrency, api: api.result, baseline: baseline.result, apiCores: api.cores, baselineCores: baseline.cores });
    ctx.log(`creation c=${concurrency}: api ${rate(api.result.rate)}/s, baseline ${rate(baseline.result.rate)}/s`);
    for (const [name, r, shares] of [['API tickets.create', api.result, api.cores], ['bare Temporal', baseline.result, baseline.cores]] as const) {
      rows.push([name, concurrency, rate(r.rate), ms(r.p50), ms(r.p95), ms(r.p99), r.count, r.errors, cores(shares)]);
    }
    if (api.result.firstError) ctx.log(`  first API error: ${api.result.firstError}`);
    // Past saturation more loops only queue; once the rate has halved, higher steps tell nothing more.
    if (api.result.rate < 0.5 * Math.max(...steps.map((s) => s.api.rate))) {
      collapsedAt = concurrency;
      break;
    }
  }
  // The server-side cost of one of each, in persisted history events (a new ticket's history up to
  // the point its creation call returned, plus the timer it then arms).
  const describe = (events: string[]) => `${events.length} (${events.join(' ')})`;
  const ticketEvents = await createViaApi(ctx, 'history')
    .then(({ number }) => historyEvents(ctx.client, ticketWorkflowId(number)))
    .then(describe, (error: unknown) => `not read: ${String(error)}`);
  const baselineEvents = await runBaseline(ctx)
    .then((id) => historyEvents(ctx.client, id))
    .then(describe, (error: unknown) => `not read: ${String(error)}`);
  const bestApi = steps.reduce((a, b) => (b.api.rate > a.api.rate ? b : a));
  const bestBaseline = steps.reduce((a, b) => (b.baseline.rate > a.baseline.rate ? b : a));
  // Saturation: the lowest concurrency reaching 95% of the peak rate; more only adds queueing.
  const saturation = steps.find((s) => s.api.rate >= 0.95 * bestApi.api.rate)!.concurrency;
  ctx.saturation = saturation;
  const ratio = bestApi.api.rate / bestBaseline.baseline.rate;
  const atConcurrencyOne = steps[0];
  return {
    sections: [
      {
        title: `Ticket creation, closed loop, ${seconds} s per step (CPU in cores: share of one core per process)`,
        header: ['path', 'conc', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'ok', 'err', 'CPU cores'],
        rows,
        notes: [
          `peak API ${rate(bestApi.api.rate)}/s at c=${bestApi.concurrency}; peak baseline ${rate(bestBaseline.baseline.rate)}/s at c=${bestBaseline.concurrency}; ratio ${ratio.toFixed(2)}`,
          `saturation (lowest concurrency at >= 95% of the API peak): c=${saturation}`,
          `history events: ticket ${ticketEvents}`,
          `history events: baseline ${baselineEvents}`,
          ...(collapsedAt ? [`ladder stopped after c=${collapsedAt}: the API's rate fell under half its peak (overload, not a measurement)`] : []),
        ],
      },
    ],
    checks: [
      {
        target: `creation p50 <= ${MAX_CREATION_P50_MS} ms at c=1`,
        measured: `${ms(atConcurrencyOne.api.p50)} ms (bare Temporal ${ms(atConcurrencyOne.baseline.p50)} ms)`,
        pass: atConcurrencyOne.api.p50 <= MAX_CREATION_P50_MS && atConcurrencyOne.api.errors === 0,
      },
      { target: `creation peak >= ${MIN_RATIO_TO_BASELINE} x bare Temporal`, measured: `${ratio.toFixed(2)} x (${rate(bestApi.api.rate)}/s against ${rate(bestBaseline.baseline.rate)}/s)`, pass: ratio >= MIN_RATIO_TO_BASELINE },
    ],
  };
}
