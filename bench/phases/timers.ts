// Timer precision: tickets whose first-reply target is a few seconds (policy through the desk, as
// configuration would set it), so that each ticket's SLA timer fires. Lateness of a firing is the
// time of its `sla_breached` audit event (the workflow's clock when it handled the fired timer,
// so it also counts the workflow task's dispatch) minus the deadline the workflow computed.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { TicketDesk } from '../../src/tickets/desk.js';
import { DEFAULT_POLICY, type TicketPolicy } from '../../workflows/ticket/model.js';
import type { BenchContext } from '../harness/context.js';
import { withCpu } from '../harness/cpu.js';
import { runLoad } from '../harness/load.js';
import { cores, ms, rate, type PhaseOutcome } from '../harness/report.js';
import { TASK_QUEUE } from '../harness/stack.js';
import { percentile } from '../harness/stats.js';

/** Issue 17's target for 1,000 timers due in the same few seconds. */
export const MAX_TIMER_P99_LATE_MS = 250;

export async function timersPhase(ctx: BenchContext): Promise<PhaseOutcome> {
  const count = ctx.quick ? 50 : 1000;
  // Long enough that most tickets exist before the first timer fires, so firing and creating
  // overlap only at the edges.
  const targetMs = ctx.quick ? 5_000 : 30_000;
  const policy: TicketPolicy = {
    ...DEFAULT_POLICY,
    firstReplyTargetMs: { critical: targetMs, software_issue: targetMs, hardware_issue: targetMs, feature_request: targetMs },
  };
  const desk = new TicketDesk({ client: ctx.client, db: ctx.db, taskQueue: TASK_QUEUE, policy });
  const requester = { id: ctx.people.requester.user.id, email: ctx.people.requester.user.email };
  const numbers: number[] = [];
  const created = await runLoad({ concurrency: 16, seconds: 600, maxOperations: count }, async () => {
    const { number } = await desk.create({
      requestId: randomUUID(),
      type: 'hardware_issue',
      subject: 'Bench timer: dock 7 does not charge',
      description: 'The dock light stays off.',
      requester,
      organizationId: ctx.people.organizationId,
      ccs: [],
      followUpOf: null,
    });
    numbers.push(number);
  });
  ctx.log(`timers: ${numbers.length} tickets created in ${created.seconds.toFixed(1)} s (${rate(created.rate)}/s); waiting for their timers`);

  const lateness = async () =>
    (
      await ctx.db.execute<{ late_ms: string }>(sql`
        select extract(epoch from at) * 1000 - (data->>'dueAt')::numeric as late_ms
        from ticket_events where kind = 'sla_breached' and ticket_number = any(${`{${numbers.join(',')}}`}::bigint[])`)
    ).map((row) => Number(row.late_ms));
  const waitLimit = Date.now() + targetMs + 120_000;
  const { cores: shares } = await withCpu(ctx.stack.pids, async () => {
    while (Date.now() < waitLimit && (await lateness()).length < numbers.length) await new Promise((r) => setTimeout(r, 1000));
  });
  const late = (await lateness()).sort((a, b) => a - b);
  const early = late.filter((value) => value < 0).length;
  const p50 = percentile(late, 50);
  const p99 = percentile(late, 99);
  const max = late[late.length - 1] ?? NaN;
  return {
    sections: [
      {
        title: `Timer precision: ${numbers.length} tickets with a ${targetMs / 1000} s first-reply target`,
        header: ['fired', 'missing', 'early', 'late p50 ms', 'late p99 ms', 'late max ms'],
        rows: [[late.length, numbers.length - late.length, early, ms(p50), ms(p99), ms(max)]],
        notes: [`creation ${rate(created.rate)}/s through the desk at c=16; CPU cores while firing: ${cores(shares)}`],
      },
    ],
    checks: [
      {
        target: `timers p99 <= ${MAX_TIMER_P99_LATE_MS} ms late, none early, none missing`,
        measured: `p99 ${ms(p99)} ms, max ${ms(max)} ms, ${early} early, ${numbers.length - late.length} missing of ${numbers.length}`,
        pass: p99 <= MAX_TIMER_P99_LATE_MS && early === 0 && late.length === numbers.length && numbers.length === count,
      },
    ],
  };
}
