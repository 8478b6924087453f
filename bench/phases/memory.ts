// Memory with many open tickets: tops the real (workflow-backed) open tickets up to 10,000, each
// waiting on its first-reply timer (production policy), then reads the resident memory of the
// worker and API processes (process.memoryUsage in each) and of the Temporal server (/proc).
import { randomUUID } from 'node:crypto';
import { and, count, lt, ne } from 'drizzle-orm';
import { tickets } from '../../src/db/schema.js';
import type { BenchContext } from '../harness/context.js';
import { SEEDED_NUMBER_BASE } from '../harness/context.js';
import { rssBytes } from '../harness/cpu.js';
import { runLoad } from '../harness/load.js';
import { mib, rate, type PhaseOutcome } from '../harness/report.js';
import { TASK_QUEUE } from '../harness/stack.js';

export const MAX_WORKER_RSS_BYTES = 1024 ** 3;

async function openTickets(ctx: BenchContext): Promise<number> {
  const [{ open }] = await ctx.db
    .select({ open: count() })
    .from(tickets)
    .where(and(lt(tickets.number, SEEDED_NUMBER_BASE), ne(tickets.status, 'closed')));
  return open;
}

export async function memoryPhase(ctx: BenchContext): Promise<PhaseOutcome> {
  const wanted = ctx.quick ? 300 : 10_000;
  const requester = { id: ctx.people.requester.user.id, email: ctx.people.requester.user.email };
  const before = await ctx.stack.worker.memory();
  const missing = Math.max(0, wanted - (await openTickets(ctx)));
  const topUp = await runLoad({ concurrency: 32, seconds: 900, maxOperations: missing }, async () => {
    await ctx.desk.create({
      requestId: randomUUID(),
      type: 'software_issue',
      subject: 'Bench memory: the app shows the wrong station',
      description: 'The map centres on the wrong station.',
      requester,
      organizationId: ctx.people.organizationId,
      ccs: [],
      followUpOf: null,
    });
  });
  if (topUp.firstError) ctx.log(`memory: first error: ${topUp.firstError}`);
  ctx.log(`memory: ${topUp.count} tickets created (${rate(topUp.rate)}/s)`);
  // Let the last tasks finish and the heaps settle before reading them.
  await new Promise((r) => setTimeout(r, 5_000));
  const open = await openTickets(ctx);
  const running = await ctx.client.workflow.count(`TaskQueue = '${TASK_QUEUE}' AND ExecutionStatus = 'Running'`);
  const [worker, api] = await Promise.all([ctx.stack.worker.memory(), ctx.stack.api.memory()]);
  const temporal = rssBytes(ctx.stack.pids.temporal);
  return {
    sections: [
      {
        title: `Memory with ${open} open tickets (${running.count} running ticket workflows)`,
        header: ['process', 'RSS', 'JS heap used', 'RSS before top-up'],
        rows: [
          ['ticket worker', mib(worker.rss), mib(worker.heapUsed), mib(before.rss)],
          ['API', mib(api.rss), mib(api.heapUsed), ''],
          ['Temporal dev server', mib(temporal), '', ''],
        ],
        notes: [`top-up: ${topUp.count} tickets through the desk at c=32, ${rate(topUp.rate)}/s, ${topUp.errors} errors`],
      },
    ],
    checks: [
      {
        target: `worker RSS <= 1 GiB at ${wanted} open tickets`,
        measured: `${mib(worker.rss)} with ${open} open`,
        pass: worker.rss <= MAX_WORKER_RSS_BYTES && open >= wanted,
      },
    ],
  };
}
