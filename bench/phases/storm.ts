// One ticket under a steady stream of messages, as an automated sender or an integration's loop
// would send them: four in five as Signals (the CLI's way), one in five as Updates through the desk
// with request ids (the API's way), at a fixed rate whatever the ticket does. A refused message
// (the signal limit of a run, a ticket moving to its next run) is sent again a second later, as
// such a sender would. Afterwards: every run of the ticket, its length, and whether every
// acknowledged message is in the projection exactly once. Production thresholds throughout.
import { randomUUID } from 'node:crypto';
import proto from '@temporalio/proto';
import { asc, eq } from 'drizzle-orm';
import { ticketComments } from '../../src/db/schema.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import { signals } from '../../workflows/ticket/messages.js';
import { DEFAULT_POLICY } from '../../workflows/ticket/model.js';
import type { BenchContext } from '../harness/context.js';
import { type PhaseOutcome } from '../harness/report.js';
import { TASK_QUEUE } from '../harness/stack.js';

/** Temporal's warning level for one run's history. */
export const MAX_RUN_EVENTS = 10_240;

export async function stormPhase(ctx: BenchContext): Promise<PhaseOutcome> {
  const seconds = ctx.quick ? 5 : 30;
  const perSecond = 150;
  // As the API calls it: a person hears back within seconds.
  const desk = new TicketDesk({ client: ctx.client, db: ctx.db, taskQueue: TASK_QUEUE, policy: DEFAULT_POLICY, timeoutMs: 10_000 });
  const requester = { id: ctx.people.requester.user.id, email: ctx.people.requester.user.email };
  const { number } = await desk.create({
    requestId: randomUUID(),
    type: 'software_issue',
    subject: 'Bench storm: the integration posts a status every few milliseconds',
    description: 'A loop in the fleet integration.',
    requester,
    organizationId: ctx.people.organizationId,
    ccs: [],
    followUpOf: null,
  });
  const handle = ctx.client.workflow.getHandle(ticketWorkflowId(number));
  const agent = { kind: 'agent' as const, id: ctx.people.agent.user.id, name: 'Bench integration' };

  const started = Date.now();
  const giveUpAt = started + (seconds + 10) * 1000;
  const acknowledged: string[] = [];
  let refusals = 0;
  let givenUp = 0;
  const sending: Array<Promise<void>> = [];
  const send = async (i: number) => {
    const body = `storm ${i}`;
    for (;;) {
      if (Date.now() > giveUpAt) {
        givenUp++;
        return;
      }
      try {
        if (i % 5 === 0) await desk.send(number, 'reply', { actor: agent, body }, { userId: agent.id, requestId: `storm-${number}-${i}` });
        else await handle.signal(signals.reply, { actor: agent, body });
        acknowledged.push(body);
        return;
      } catch {
        refusals++;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  for (let i = 0; Date.now() - started < seconds * 1000; ) {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
    while (i < due) sending.push(send(i++));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const sent = sending.length;
  await Promise.all(sending);
  const state = await desk.sync(number);

  const runs: Array<{ events: number; interrupted: number; timedOut: number; causes: string[] }> = [];
  for await (const execution of ctx.client.workflow.list({ query: `WorkflowId = "${ticketWorkflowId(number)}"` })) {
    const history = await ctx.client.workflow.getHandle(ticketWorkflowId(number), execution.runId).fetchHistory();
    const events = history.events ?? [];
    const failures = events.map((e) => e.workflowTaskFailedEventAttributes).filter((f) => f);
    runs.push({
      events: events.length,
      interrupted: failures.length,
      timedOut: events.filter((e) => e.workflowTaskTimedOutEventAttributes).length,
      causes: [...new Set(failures.map((f) => proto.temporal.api.enums.v1.WorkflowTaskFailedCause[f?.cause ?? 0]))],
    });
  }
  // Visibility lists the newest run first.
  runs.reverse();
  const comments = await ctx.db.select({ body: ticketComments.body }).from(ticketComments).where(eq(ticketComments.ticketNumber, number)).orderBy(asc(ticketComments.seq));
  const bodies = comments.map((c) => c.body).filter((b) => b.startsWith('storm '));
  const doubled = bodies.length - new Set(bodies).size;
  const lost = acknowledged.filter((body) => !bodies.includes(body)).length;
  const longest = Math.max(...runs.map((r) => r.events));
  ctx.log(`storm: ${sent} messages in ${seconds} s, ${runs.length} runs, longest ${longest} events`);
  return {
    sections: [
      {
        title: `Message storm: one ticket, ${perSecond} messages/s for ${seconds} s (4 in 5 Signals, 1 in 5 Updates)`,
        header: ['sent', 'acknowledged', 'refused (sent again)', 'given up', 'in projection', 'lost', 'doubled', 'runs', 'longest run', 'interrupted continue-as-new'],
        rows: [[sent, acknowledged.length, refusals, givenUp, bodies.length, lost, doubled, runs.length, longest, runs.reduce((total, r) => total + r.interrupted, 0)]],
        notes: [
          `run lengths in events, oldest first: ${runs.map((r) => r.events).join(' ')}`,
          `workflow tasks failed per run: ${runs.map((r) => r.interrupted).join(' ')}; timed out: ${runs.map((r) => r.timedOut).join(' ')}`,
          `why they failed: ${[...new Set(runs.flatMap((r) => r.causes))].join(', ') || 'none failed'}`,
          `final version ${state.version}, ${state.commentCount} comments`,
        ],
      },
    ],
    checks: [
      {
        target: `storm: no run over ${MAX_RUN_EVENTS} events, nothing acknowledged lost or doubled`,
        measured: `longest run ${longest} events over ${runs.length} runs; ${lost} lost, ${doubled} doubled of ${acknowledged.length}`,
        pass: longest <= MAX_RUN_EVENTS && lost === 0 && doubled === 0 && bodies.length === acknowledged.length,
      },
    ],
  };
}
