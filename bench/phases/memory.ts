// Memory with many open tickets: tops the real (workflow-backed) open tickets up to 10,000, each
// waiting on its first-reply timer (production policy), then reads the resident memory of the
// worker and API processes (process.memoryUsage in each) and of the Temporal server (/proc).
// With --large it goes on to 50,000 and reads them again: the worker's cache holds a fixed number
// of workflows, so its memory must stay flat however many tickets wait.
import { randomUUID } from 'node:crypto';
import { and, count, lt, ne } from 'drizzle-orm';
import { tickets } from '../../src/db/schema.js';
import type { BenchContext } from '../harness/context.js';
import { SEEDED_NUMBER_BASE } from '../harness/context.js';
import { rssBytes } from '../harness/cpu.js';
import { runLoad } from '../harness/load.js';
import { mib, rate, type PhaseOutcome } from '../harness/report.js';
import { TASK_QUEUE } from '../harness/stack.js';

/** Issue 17's target for the worker at 10,000 open tickets. */
export const MAX_WORKER_RSS_BYTES = 512 * 1024 ** 2;
/** "Flat" from 10,000 to 50,000 open tickets: the worker grows by at most this share. */
export const MAX_WORKER_GROWTH = 0.1;

async function openTickets(ctx: BenchContext): Promise<number> {
  const [{ open }] = await ctx.db
    .select({ open: count() })
    .from(tickets)
    .where(and(lt(tickets.number, SEEDED_NUMBER_BASE), ne(tickets.status, 'closed')));
  return open;
}

interface Reading {
  open: number;
  running: number;
  worker: { rss: number; heapUsed: number };
  api: { rss: number; heapUsed: number };
  temporal: number;
  topUp: { count: number; rate: number; errors: number };
}

async function topUpTo(ctx: BenchContext, wanted: number): Promise<Reading> {
  const requester = { id: ctx.people.requester.user.id, email: ctx.people.requester.user.email };
  const missing = Math.max(0, wanted - (await openTickets(ctx)));
  const topUp = await runLoad({ concurrency: 32, seconds: 3600, maxOperations: missing }, async () => {
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
  return { open, running: running.count, worker, api, temporal: rssBytes(ctx.stack.pids.temporal), topUp };
}

export async function memoryPhase(ctx: BenchContext): Promise<PhaseOutcome> {
  const levels = ctx.quick ? [300] : ctx.large ? [10_000, 50_000] : [10_000];
  const before = await ctx.stack.worker.memory();
  const readings: Reading[] = [];
  for (const wanted of levels) readings.push(await topUpTo(ctx, wanted));
  const [first] = readings;
  const last = readings[readings.length - 1];
  const growth = last.worker.rss / first.worker.rss - 1;
  return {
    sections: [
      {
        title: `Memory with ${readings.map((r) => r.open).join(', then ')} open tickets`,
        header: ['open tickets', 'running workflows', 'worker RSS', 'worker JS heap', 'API RSS', 'API JS heap', 'Temporal dev server RSS'],
        rows: readings.map((r) => [r.open, r.running, mib(r.worker.rss), mib(r.worker.heapUsed), mib(r.api.rss), mib(r.api.heapUsed), mib(r.temporal)]),
        notes: [
          `worker RSS before the top-up: ${mib(before.rss)}`,
          ...readings.map((r) => `top-up to ${r.open}: ${r.topUp.count} tickets through the desk at c=32, ${rate(r.topUp.rate)}/s, ${r.topUp.errors} errors`),
        ],
      },
    ],
    checks: [
      {
        target: `worker RSS <= ${mib(MAX_WORKER_RSS_BYTES)} at ${levels[0]} open tickets`,
        measured: `${mib(first.worker.rss)} with ${first.open} open`,
        pass: first.worker.rss <= MAX_WORKER_RSS_BYTES && first.open >= levels[0],
      },
      ...(readings.length > 1
        ? [
            {
              target: `worker RSS flat (<= +${MAX_WORKER_GROWTH * 100} %) from ${levels[0]} to ${levels[levels.length - 1]} open tickets`,
              measured: `${mib(first.worker.rss)} → ${mib(last.worker.rss)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %) with ${last.open} open`,
              pass: growth <= MAX_WORKER_GROWTH && last.open >= levels[levels.length - 1],
            },
          ]
        : []),
    ],
  };
}
