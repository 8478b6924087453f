// Transitions through the API, at saturation and at half of it. Each ticket of a pool goes round
// Open → Pending (agent) → Open (requester reply) → Solved (agent) → Open (requester reply), one
// step at a time. Every call returns the ticket read back from the projection (read-your-writes),
// and the bench checks it shows the new status: a stale read is an error.
//
// First a closed loop, one loop per ticket, finds the saturation rate (what the stack completes
// when it is never idle). Then an open loop sends transitions at half that rate, as independent
// people would, whatever the stack does: the latencies there are the ones the target is about.
import type { BenchContext } from '../harness/context.js';
import { withCpu } from '../harness/cpu.js';
import { runLoad, type LoadResult } from '../harness/load.js';
import { runOpenLoad } from '../harness/open-load.js';
import { cores, ms, rate, type PhaseOutcome } from '../harness/report.js';
import { createViaApi } from './creation.js';

/** Issue 17's targets, read on the open loop at half saturation. */
export const MAX_TRANSITION_P50_MS = 30;
export const MAX_TRANSITION_P99_MS = 100;

function expect(status: string, ticket: { status: string } | null | undefined): void {
  if (ticket?.status !== status) throw new Error(`read-your-writes: expected ${status}, read ${ticket?.status ?? 'nothing'}`);
}

/** Tickets that take one transition at a time: an arrival waits for an idle one. */
class TicketPool {
  private readonly idle: number[];
  private readonly waiting: ((index: number) => void)[] = [];
  /** Where each ticket is in its round. */
  readonly position: number[];

  constructor(readonly numbers: number[]) {
    this.idle = numbers.map((_, i) => i);
    this.position = numbers.map(() => 0);
  }

  acquire(): Promise<number> {
    const index = this.idle.pop();
    return index !== undefined ? Promise.resolve(index) : new Promise((resolve) => this.waiting.push(resolve));
  }

  release(index: number): void {
    const next = this.waiting.shift();
    if (next) next(index);
    else this.idle.push(index);
  }
}

export async function transitionsPhase(ctx: BenchContext): Promise<PhaseOutcome> {
  const concurrency = Math.max(ctx.quick ? 8 : 16, ctx.saturation ?? 0);
  const saturationSeconds = ctx.quick ? 2 : 10;
  const seconds = ctx.quick ? 3 : 20;
  const pool = new TicketPool(await Promise.all(Array.from({ length: concurrency }, () => createViaApi(ctx, 'transitions').then((t) => t.number))));
  const { agent, requester } = ctx.people;

  const step = async (index: number): Promise<string> => {
    const number = pool.numbers[index];
    switch (pool.position[index]++ % 4) {
      case 0:
        expect('pending', (await agent.api.tickets.setPending.mutate({ number })).ticket);
        return 'setPending';
      case 1:
        expect('open', (await requester.api.tickets.reply.mutate({ number, body: 'Here is the serial number: B-1042.' })).ticket);
        return 'reply';
      case 2:
        expect('solved', (await agent.api.tickets.solve.mutate({ number })).ticket);
        return 'solve';
      default:
        expect('open', (await requester.api.tickets.reply.mutate({ number, body: 'It happened again this morning.' })).ticket);
        return 'reply';
    }
  };
  const onIdleTicket = async (): Promise<string> => {
    const index = await pool.acquire();
    try {
      return await step(index);
    } finally {
      pool.release(index);
    }
  };

  const saturated = await withCpu(ctx.stack.pids, () => runLoad({ concurrency, seconds: saturationSeconds }, (loop) => step(loop)));
  const halfRate = saturated.result.rate / 2;
  ctx.log(`transitions saturation c=${concurrency}: ${rate(saturated.result.rate)}/s, p99 ${ms(saturated.result.p99)} ms`);
  const half = await withCpu(ctx.stack.pids, () => runOpenLoad({ rate: halfRate, seconds, maxOperations: 20_000 }, onIdleTicket));
  ctx.log(`transitions at ${rate(halfRate)}/s: p99 ${ms(half.result.p99)} ms`);
  for (const { result } of [saturated, half]) if (result.firstError) ctx.log(`transitions: first error: ${result.firstError}`);

  const row = (label: string, load: string, s: LoadResult | LoadResult['byLabel'][string], errors: number | string) => [
    label,
    load,
    rate(s.rate),
    ms(s.p50),
    ms(s.p95),
    ms(s.p99),
    s.count,
    errors,
  ];
  const openLoad = `${rate(halfRate)}/s`;
  const rows = [
    row('all, saturated', `c=${concurrency}`, saturated.result, saturated.result.errors),
    ...Object.entries(half.result.byLabel).map(([label, s]) => row(label, openLoad, s, '')),
    row('all, half saturation', openLoad, half.result, half.result.errors),
  ];
  const errors = saturated.result.errors + half.result.errors;
  return {
    sections: [
      {
        title: `Transitions through the API with read-your-writes: closed loop ${saturationSeconds} s, then open loop ${seconds} s at half that rate`,
        header: ['transition', 'load', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'ok', 'err'],
        rows,
        notes: [
          `saturation: ${concurrency} tickets, one transition each at a time (creation saturated at ${ctx.saturation ? `c=${ctx.saturation}` : 'an unmeasured concurrency: creation not run'})`,
          `half saturation: arrivals every ${ms(1000 / halfRate)} ms whatever the stack does; latency from the arrival; at most ${half.result.concurrency} in flight`,
          `CPU cores, saturated: ${cores(saturated.cores)}`,
          `CPU cores, half saturation: ${cores(half.cores)}`,
        ],
      },
    ],
    checks: [
      {
        target: `transition p50 <= ${MAX_TRANSITION_P50_MS} ms, p99 <= ${MAX_TRANSITION_P99_MS} ms at half saturation`,
        measured: `p50 ${ms(half.result.p50)} ms, p99 ${ms(half.result.p99)} ms at ${openLoad} (saturation ${rate(saturated.result.rate)}/s), ${errors} errors`,
        pass: half.result.p50 <= MAX_TRANSITION_P50_MS && half.result.p99 <= MAX_TRANSITION_P99_MS && errors === 0,
      },
    ],
  };
}
