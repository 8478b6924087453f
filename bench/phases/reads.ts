// Reads through the API with 100,000 tickets in the projection: the list views people use (my
// requests, my organization's, the Support Ops queue, with filters) and one ticket with its
// conversation, next to a bare express JSON endpoint in the same API process as the baseline.
import { count, lt } from 'drizzle-orm';
import { tickets } from '../../src/db/schema.js';
import type { BenchContext } from '../harness/context.js';
import { SEEDED_NUMBER_BASE } from '../harness/context.js';
import { withCpu } from '../harness/cpu.js';
import { runLoad } from '../harness/load.js';
import { cores, ms, rate, type PhaseOutcome } from '../harness/report.js';
import { createViaApi } from './creation.js';
import { seedProjection } from './seed.js';

export const MAX_LIST_P99_MS = 20;
const SEEDED = 100_000;

export async function readsPhase(ctx: BenchContext): Promise<PhaseOutcome> {
  const { requester, agent, organizationId } = ctx.people;
  // A few hundred real tickets (made by the workflow) beside the seeded ones.
  const realWanted = ctx.quick ? 20 : 300;
  const [{ real }] = await ctx.db.select({ real: count() }).from(tickets).where(lt(tickets.number, SEEDED_NUMBER_BASE));
  if (real < realWanted) await runLoad({ concurrency: 8, seconds: 300, maxOperations: realWanted - real }, () => createViaApi(ctx, 'reads').then(() => undefined));
  const seedStart = Date.now();
  await seedProjection(ctx.db, SEEDED, { requesterId: requester.user.id, requesterEmail: requester.user.email, organizationId });
  const [{ total }] = await ctx.db.select({ total: count() }).from(tickets);
  ctx.log(`seeded ${SEEDED} rows in ${((Date.now() - seedStart) / 1000).toFixed(1)} s; ${total} tickets in the projection`);
  const [{ number: sample }] = await requester.api.tickets.list.query({ view: 'mine', sort: 'created' }).then((page) => page.items);

  const bareUrl = ctx.stack.api.urls.bare;
  // The queries the web client sends: people's lists sorted by last change, the Support Ops queue
  // Critical / SEV first, each with and without the filters its pages offer.
  const reads: Array<{ name: string; list: boolean; call: () => Promise<unknown> }> = [
    { name: 'list mine', list: true, call: () => requester.api.tickets.list.query({ view: 'mine' }) },
    { name: 'list mine, open', list: true, call: () => requester.api.tickets.list.query({ view: 'mine', status: ['open'] }) },
    { name: 'list organization', list: true, call: () => requester.api.tickets.list.query({ view: 'organization' }) },
    { name: 'list organization, open', list: true, call: () => requester.api.tickets.list.query({ view: 'organization', status: ['open'] }) },
    { name: 'list queue (all, critical first)', list: true, call: () => agent.api.tickets.list.query({ view: 'queue', sort: 'criticalFirst' }) },
    { name: 'list queue, open', list: true, call: () => agent.api.tickets.list.query({ view: 'queue', status: ['open'], sort: 'criticalFirst' }) },
    { name: 'list queue, unassigned', list: true, call: () => agent.api.tickets.list.query({ view: 'queue', unassigned: true, sort: 'criticalFirst' }) },
    { name: 'list queue, page 40', list: true, call: () => agent.api.tickets.list.query({ view: 'queue', sort: 'criticalFirst', page: 40 }) },
    { name: 'get (agent)', list: false, call: () => agent.api.tickets.get.query({ number: sample }) },
    {
      name: 'bare express JSON',
      list: false,
      call: async () => {
        const response = await fetch(bareUrl);
        if (!response.ok) throw new Error(`bare endpoint: ${response.status}`);
        await response.json();
      },
    },
  ];
  const seconds = ctx.quick ? 1 : 5;
  const ladder = [1, 8];
  const rows: (string | number)[][] = [];
  let worstListP99 = 0;
  let worstList = '';
  let bareRate = NaN;
  const cpuNotes: string[] = [];
  for (const read of reads) {
    await runLoad({ concurrency: 2, seconds: 1, maxOperations: 20 }, () => read.call().then(() => undefined));
    for (const concurrency of ladder) {
      const { result, cores: shares } = await withCpu(ctx.stack.pids, () => runLoad({ concurrency, seconds }, () => read.call().then(() => undefined)));
      if (result.firstError) ctx.log(`${read.name}: first error: ${result.firstError}`);
      rows.push([read.name, concurrency, rate(result.rate), ms(result.p50), ms(result.p95), ms(result.p99), result.count, result.errors]);
      if (concurrency === 1 && read.list && result.p99 > worstListP99) [worstListP99, worstList] = [result.p99, read.name];
      if (concurrency === 1 && read.list && result.errors > 0) worstListP99 = Infinity;
      if (read.name === 'bare express JSON' && concurrency === 8) bareRate = result.rate;
      if (concurrency === 8) cpuNotes.push(`${read.name} c=8 CPU cores: ${cores(shares)}`);
    }
  }
  return {
    sections: [
      {
        title: `Reads through the API, ${total} tickets in the projection (${SEEDED} seeded with generate_series), ${seconds} s per step`,
        header: ['read', 'conc', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'ok', 'err'],
        rows,
        notes: [`bare express JSON at c=8: ${rate(bareRate)}/s (the ceiling of one Node HTTP process here)`, ...cpuNotes],
      },
    ],
    checks: [
      {
        target: `list p99 <= ${MAX_LIST_P99_MS} ms at 100k tickets (c=1, worst view)`,
        measured: `${ms(worstListP99)} ms (${worstList})`,
        pass: worstListP99 <= MAX_LIST_P99_MS,
      },
    ],
  };
}
