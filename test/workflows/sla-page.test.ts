// The escalation ladder's last step: a Critical / SEV ticket whose SLA target is breached pages the
// on-call, in the breach's own change (an audit event for Support Ops and one outbox row per page
// channel), on the time-skipping test server. Other types page nobody, nor does a desk with no page
// configured; and a page adds no command to the ticket's history, so running tickets replay.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, ticketEvents } from '../../src/db/schema.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import type { TicketCommand } from '../../workflows/ticket/commands.js';
import { ON_CALL } from '../../workflows/ticket/effects.js';
import { DEFAULT_POLICY, type NewTicket, type PageChannel, type TicketType } from '../../workflows/ticket/model.js';
import { newTicketProblem } from '../../workflows/ticket/parse.js';
import { apply, createTicket } from '../../workflows/ticket/state.js';
import { officeSla, secondsSla } from '../helpers/sla.js';
import { SLOW_POLICY, person } from '../helpers/stack.js';
import { skippingDesksOfFile, type SkippingDesk } from '../helpers/time-skipping.js';
import { eventually } from '../helpers/wait.js';

const at = (local: string) => Date.parse(local);
const iso = (instant: number) => new Date(instant).toISOString();
const MINUTE = 60_000;

const desks = skippingDesksOfFile('sla_page', 5_000_000_000);

async function deskAt(start: string, onCallPage: PageChannel[]): Promise<SkippingDesk> {
  const skipping = await desks.start({ policy: SLOW_POLICY, sla: officeSla, onCallPage });
  await skipping.skipTo(at(start));
  return skipping;
}

async function create(desk: TicketDesk, type: TicketType): Promise<number> {
  const { number } = await desk.create({ requestId: randomUUID(), type, subject: 'Payments refused at every station', description: 'Since 18:00.', requester: person('requester'), organizationId: null, ccs: [], followUpOf: null });
  return number;
}

async function eventsOf(desk: SkippingDesk, number: number, kind: 'sla_breached' | 'sla_paged') {
  await desk.desk.sync(number);
  return desk.db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketNumber, number), eq(ticketEvents.kind, kind))).orderBy(asc(ticketEvents.seq));
}

async function pagesOf(desk: SkippingDesk, number: number) {
  const rows = await desk.db.select().from(notifications).where(eq(notifications.ticketNumber, number)).orderBy(asc(notifications.id));
  return rows.filter((row) => row.kind.startsWith('page_'));
}

/** What the ticket's workflow asked the server to do, in order: the commands replay compares. */
async function commandsOf(desk: SkippingDesk, number: number): Promise<string[]> {
  const history = await desk.env.client.workflow.getHandle(ticketWorkflowId(number)).fetchHistory();
  const commands: string[] = [];
  for (const event of history.events ?? []) {
    if (event.activityTaskScheduledEventAttributes) commands.push(`activity ${event.activityTaskScheduledEventAttributes.activityType?.name}`);
    if (event.timerStartedEventAttributes) commands.push(`timer ${JSON.parse(Buffer.from(event.userMetadata?.summary?.data ?? new Uint8Array()).toString('utf8') || '""')}`);
    if (event.upsertWorkflowSearchAttributesEventAttributes) commands.push('search attributes');
    if (event.markerRecordedEventAttributes) commands.push(`marker ${event.markerRecordedEventAttributes.markerName}`);
  }
  return commands;
}

describe('the on-call page', () => {
  it('a Critical / SEV ticket breaching its first-reply target pages the on-call, by each channel, in the breach\u2019s change; a Software issue does not', { timeout: 120_000 }, async () => {
    const desk = await deskAt('2026-12-04T18:30:00+01:00', ['webhook', 'email']);
    const critical = await create(desk.desk, 'critical');
    const software = await create(desk.desk, 'software_issue');
    const created = (await desk.desk.state(critical)).createdAt;
    const breachAt = created + 60 * MINUTE;

    await desk.skipTo(breachAt - 1000);
    expect(await eventsOf(desk, critical, 'sla_paged')).toEqual([]);
    await desk.skipTo(breachAt);
    const [page] = await eventually(async () => {
      const paged = await eventsOf(desk, critical, 'sla_paged');
      expect(paged).toHaveLength(1);
      return paged;
    }, { timeoutMs: 10_000, intervalMs: 50 });
    const [breach] = await eventsOf(desk, critical, 'sla_breached');
    // Right after the breach it pages, at the breach's own instant.
    expect(page.seq).toBe(breach.seq + 1);
    expect(page.actorKind).toBe('system');
    expect(page.data).toEqual({ target: 'firstReply', dueAt: breachAt, channels: ['webhook', 'email'] });
    const rows = await pagesOf(desk, critical);
    expect(rows.map((row) => [row.kind, row.recipient])).toEqual([
      ['page_webhook', ON_CALL],
      ['page_email', ON_CALL],
    ]);
    expect(rows[0].payload).toMatchObject({ type: 'critical', priority: 'urgent', page: { target: 'firstReply', breachedAt: iso(breachAt) } });
    // The timer that fired was the breach's: its summary names the step, the page with it.
    expect(await commandsOf(desk, critical)).toContain('timer First-reply SLA target: breach and on-call page');

    // The Software issue's first reply is due on Monday at 17:00 (8 business hours): breached, nobody paged.
    await desk.skipTo(at('2026-12-07T17:00:01+01:00'));
    await eventually(async () => expect(await eventsOf(desk, software, 'sla_breached')).toHaveLength(1), { timeoutMs: 10_000, intervalMs: 50 });
    expect(await eventsOf(desk, software, 'sla_paged')).toEqual([]);
    expect(await pagesOf(desk, software)).toEqual([]);
  });

  it('with no page configured nothing changes, and a page adds no command to the history: a paged ticket asks the server for what an unpaged one does', { timeout: 120_000 }, async () => {
    const desk = await deskAt('2026-12-06T03:00:00+01:00', ['webhook']);
    // The same server and worker, through a desk of a process with no page settings.
    const unconfigured = new TicketDesk({ client: desk.env.client, db: desk.db, taskQueue: desk.taskQueue, policy: SLOW_POLICY, sla: async (type) => officeSla(type) });
    const [paged, unpaged] = await Promise.all([create(desk.desk, 'critical'), create(unconfigured, 'critical')]);
    const breachAt = Math.max((await desk.desk.state(paged)).createdAt, (await desk.desk.state(unpaged)).createdAt) + 60 * MINUTE;
    await desk.skipTo(breachAt + 1000);
    await eventually(async () => {
      expect(await eventsOf(desk, paged, 'sla_paged')).toHaveLength(1);
      expect(await eventsOf(desk, unpaged, 'sla_breached')).toHaveLength(1);
    }, { timeoutMs: 10_000, intervalMs: 50 });
    expect(await eventsOf(desk, unpaged, 'sla_paged')).toEqual([]);
    expect(await pagesOf(desk, unpaged)).toEqual([]);
    expect((await pagesOf(desk, paged)).map((row) => row.kind)).toEqual(['page_webhook']);

    // The same commands in the same order; only the breach timer's summary (not compared on replay) says it pages.
    const [pagedCommands, unpagedCommands] = [await commandsOf(desk, paged), await commandsOf(desk, unpaged)];
    expect(pagedCommands).toContain('timer First-reply SLA target: breach and on-call page');
    expect(unpagedCommands).toContain('timer First-reply SLA target: breach');
    expect(pagedCommands.map((command) => command.replace(' and on-call page', ''))).toEqual(unpagedCommands);
  });
});

describe('the page in the lifecycle', () => {
  const started = (type: TicketType, onCallPage: unknown): NewTicket => ({ number: 7, type, subject: 'Dock 4 offline', description: 'No bike unlocks', requester: person('requester'), organizationId: null, ccs: [], followUpOf: null, policy: DEFAULT_POLICY, onCallPage: onCallPage as PageChannel[] });

  it('pages only for Critical / SEV, even when another ticket was started by hand with a page pinned', () => {
    for (const [type, paged] of [['critical', true], ['hardware_issue', false]] as const) {
      const { state } = createTicket(started(type, ['email']), 0);
      const breached = apply(state, { type: 'breachSla' }, state.firstReplyDueAt);
      if (!breached.ok) throw new Error(breached.message);
      expect(breached.effects.events.map((e) => e.kind)).toEqual(paged ? ['sla_breached', 'sla_paged'] : ['sla_breached']);
      expect(breached.effects.notifications.filter((n) => n.recipient === ON_CALL).map((n) => n.kind)).toEqual(paged ? ['page_email'] : []);
    }
  });

  it('pages at every target’s breach, the next reply’s and the resolution’s too, naming the target', () => {
    const sla = secondsSla({ firstReply: 60, nextReply: 120, resolution: 600 })('critical');
    let { state } = createTicket({ ...started('critical', ['webhook']), sla }, 0);
    const agent = { kind: 'agent' as const, id: 'a-1', name: 'Agent' };
    const step = (command: TicketCommand, now: number) => {
      const outcome = apply(state, command, now);
      if (!outcome.ok) throw new Error(outcome.message);
      state = outcome.state;
      return outcome.effects.events.filter((e) => e.kind === 'sla_paged').map((e) => e.data);
    };
    step({ type: 'reply', actor: agent, body: 'Looking into it' }, 10_000);
    step({ type: 'reply', actor: { kind: 'requester', id: state.requester.id }, body: 'Still down' }, 20_000);
    expect(step({ type: 'breachSla', target: 'nextReply' }, 140_000)).toEqual([{ target: 'nextReply', dueAt: 140_000, channels: ['webhook'] }]);
    expect(step({ type: 'breachSla', target: 'resolution' }, 600_000)).toEqual([{ target: 'resolution', dueAt: 600_000, channels: ['webhook'] }]);
  });

  it('a ticket started by hand with a channel nothing delivers is refused before it starts', () => {
    expect(newTicketProblem(started('critical', ['sms']))).toEqual({ field: 'onCallPage', message: 'The on-call is paged by webhook or email.' });
    expect(newTicketProblem(started('critical', 'webhook'))?.field).toBe('onCallPage');
    expect(newTicketProblem(started('critical', ['webhook', 'email']))).toBeNull();
  });
});
