// Transitions through the API at half of the creation saturation concurrency: each loop works its
// own ticket round Open → Pending (agent) → Open (requester reply) → Solved (agent) → Open
// (requester reply). Every call returns the ticket read back from the projection
// (read-your-writes), and the bench checks it shows the new status: a stale read is an error.
import type { BenchContext } from '../harness/context.js';
import { withCpu } from '../harness/cpu.js';
import { runLoad } from '../harness/load.js';
import { cores, ms, rate, type PhaseOutcome } from '../harness/report.js';
import { createViaApi } from './creation.js';

export const MAX_TRANSITION_P99_MS = 150;

function expect(status: string, ticket: { status: string } | null | undefined): void {
  if (ticket?.status !== status) throw new Error(`read-your-writes: expected ${status}, read ${ticket?.status ?? 'nothing'}`);
}

export async function transitionsPhase(ctx: BenchContext): Promise<PhaseOutcome> {
  const fallback = ctx.quick ? 2 : 8;
  const concurrency = ctx.saturation ? Math.max(1, Math.floor(ctx.saturation / 2)) : fallback;
  const seconds = ctx.quick ? 3 : 20;
  const numbers = await Promise.all(Array.from({ length: concurrency }, () => createViaApi(ctx, 'transitions').then((t) => t.number)));
  const { agent, requester } = ctx.people;

  const step = async (loop: number, iteration: number): Promise<string> => {
    const number = numbers[loop];
    switch (iteration % 4) {
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
  const { result, cores: shares } = await withCpu(ctx.stack.pids, () => runLoad({ concurrency, seconds }, step));
  if (result.firstError) ctx.log(`transitions: first error: ${result.firstError}`);
  ctx.log(`transitions c=${concurrency}: ${rate(result.rate)}/s, p99 ${ms(result.p99)} ms`);

  const rows = [
    ...Object.entries(result.byLabel).map(([label, s]) => [label, concurrency, rate(s.rate), ms(s.p50), ms(s.p95), ms(s.p99), s.count, '']),
    ['all', concurrency, rate(result.rate), ms(result.p50), ms(result.p95), ms(result.p99), result.count, result.errors],
  ];
  return {
    sections: [
      {
        title: `Transitions through the API with read-your-writes, ${seconds} s at half saturation`,
        header: ['transition', 'conc', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'ok', 'err'],
        rows,
        notes: [
          ctx.saturation ? `half of the measured creation saturation (c=${ctx.saturation})` : `creation not run: c=${fallback} assumed`,
          `CPU cores: ${cores(shares)}`,
        ],
      },
    ],
    checks: [
      {
        target: `transition p99 <= ${MAX_TRANSITION_P99_MS} ms at half saturation`,
        measured: `${ms(result.p99)} ms at c=${concurrency}, ${result.errors} errors`,
        pass: result.p99 <= MAX_TRANSITION_P99_MS && result.errors === 0,
      },
    ],
  };
}
