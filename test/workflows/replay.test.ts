// Replays recorded ticket histories against today's workflow code: a change that would make a
// running ticket non-deterministic fails here. The histories in test/fixtures/histories were
// recorded by this file (`npm run test:record-histories`) and are replayed alongside fresh ones.
// Those named revisionN-* were recorded by runs of that input revision (workflows/ticket/input.ts)
// and are kept as they are; the unprefixed ones are today's, with a pinned SLA counted in seconds
// and the satisfaction survey asked a second and a half after Solved.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { signals } from '../../workflows/ticket/messages.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { agentActor, FAST_POLICY, person, requesterActor, startStack, type Stack } from '../helpers/stack.js';
import { secondsSla } from '../helpers/sla.js';
import { eventually } from '../helpers/wait.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/histories', import.meta.url));
// Set by `npm run test:record-histories` to refresh the committed fixtures.
const RECORD = process.env.RECORD_HISTORIES === '1';

let stack: Stack;
beforeAll(async () => {
  // Plain payloads, so that recorded fixtures stay readable JSON for review (and need no key).
  // Critical / SEV tickets page the on-call at their breaches, by both channels; the satisfaction
  // survey is asked a second and a half after Solved.
  stack = await startStack({
    policy: { ...FAST_POLICY, satisfaction: { delayMs: 1_500, badRatingNotifiesOps: true } },
    sla: secondsSla({ firstReply: 2, nextReply: 3, resolution: 60 }),
    encrypted: false,
    onCallPage: ['webhook', 'email'],
  });
});
afterAll(async () => stack?.close());

const agent = agentActor();

/** Drives tickets through representative lives and returns every run's history. */
async function recordScenarios(): Promise<Record<string, HistoryAndWorkflowId>> {
  const scenarios: Record<string, () => Promise<number>> = {
    'pending-reminded-and-closed': async () => {
      const { number } = await newTicket(stack);
      await stack.desk.send(number, 'reply', { actor: agent, body: 'Which station?', status: 'pending' });
      return number;
    },
    'worked-solved-reopened-closed': async () => {
      const { number, requester } = await newTicket(stack, { type: 'critical' });
      const handle = stack.client.workflow.getHandle(ticketWorkflowId(number));
      await stack.desk.send(number, 'assign', { actor: agent, assignee: { id: 'a-2', email: 'two@ops.test' } });
      await stack.desk.send(number, 'setPriority', { actor: agent, priority: 'high' });
      await stack.desk.send(number, 'changeTags', { actor: agent, add: ['payments', 'outage'] });
      await handle.signal(signals.changeTags, { actor: agent, remove: ['outage'] });
      await stack.desk.send(number, 'addCc', { actor: requesterActor(requester), person: person('cc') });
      await stack.desk.send(number, 'reply', { actor: agent, body: 'Escalated', internal: true, status: 'on-hold' });
      await handle.signal(signals.reopen, { actor: agent });
      await handle.signal(signals.reopen, { actor: agent }); // refused, ignored
      await stack.desk.send(number, 'solve', { actor: agent }).catch(() => undefined);
      await stack.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'Not fixed' });
      await stack.desk.send(number, 'solve', { actor: requesterActor(requester) });
      return number;
    },
    'sla-warned-and-breached': async () => {
      const { number, requester } = await newTicket(stack);
      const breaches = async () => (await projection(stack, number)).events.filter((e) => e.kind === 'sla_breached').length;
      // The first-reply warning and breach, then a next-reply target's.
      await eventually(async () => expect(await breaches()).toBe(1), { timeoutMs: 10_000 });
      await stack.desk.send(number, 'reply', { actor: agent, body: 'Sorry for the wait' });
      await stack.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'Still stuck' });
      await eventually(async () => expect(await breaches()).toBe(2), { timeoutMs: 10_000 });
      await stack.desk.send(number, 'reply', { actor: agent, body: 'Fixed', status: 'solved' });
      return number;
    },
    'critical-breached-and-paged': async () => {
      // The page is part of the breach's own change (state.ts, pageOnCall): this history has the
      // commands of an unpaged breach, and replays like the ones recorded before pages existed.
      const { number } = await newTicket(stack, { type: 'critical' });
      await eventually(async () => expect((await projection(stack, number)).events.map((e) => e.kind)).toContain('sla_paged'), { timeoutMs: 10_000 });
      await stack.desk.send(number, 'reply', { actor: agent, body: 'Payments are back', status: 'solved' });
      return number;
    },
    'solved-asked-rated': async () => {
      const { number, requester } = await newTicket(stack);
      await stack.desk.send(number, 'reply', { actor: agent, body: 'Reset the dock', status: 'solved' });
      const asked = async () => (await projection(stack, number)).events.find((e) => e.kind === 'satisfaction_requested');
      const survey = await eventually(async () => {
        const event = await asked();
        expect(event).toBeDefined();
        return event!.seq;
      }, { timeoutMs: 10_000 });
      await stack.desk.send(number, 'rate', { actor: requesterActor(requester), survey, rating: 'bad', comment: 'Slow' });
      await stack.desk.send(number, 'rate', { actor: requesterActor(requester), survey, rating: 'good' }).catch(() => undefined); // refused
      return number;
    },
    'continued-as-new': async () => {
      const { number, requester } = await newTicket(stack);
      for (let i = 0; i < 24; i++) await stack.desk.send(number, 'reply', { actor: i % 2 ? agent : requesterActor(requester), body: `turn ${i}` });
      await stack.desk.send(number, 'solve', { actor: agent });
      return number;
    },
  };
  const numbers = await Promise.all(Object.values(scenarios).map((run) => run()));
  const histories: Record<string, HistoryAndWorkflowId> = {};
  await Promise.all(
    Object.keys(scenarios).map(async (name, i) => {
      const workflowId = ticketWorkflowId(numbers[i]);
      await stack.client.workflow.getHandle(workflowId).result();
      // Every run of the chain, oldest first.
      const runs: string[] = [];
      for await (const wf of stack.client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runs.push(wf.runId);
      runs.reverse();
      for (const [index, runId] of runs.entries()) {
        const history = await stack.client.workflow.getHandle(workflowId, runId).fetchHistory();
        histories[runs.length > 1 ? `${name}-run${index + 1}` : name] = { workflowId, history };
      }
    }),
  );
  return histories;
}

describe('replay', () => {
  it('recorded and fresh histories replay cleanly against the current workflow code', async () => {
    // Closing needs every run listed in visibility, which can lag a moment behind the close.
    let fresh: Record<string, HistoryAndWorkflowId> = {};
    await eventually(async () => {
      fresh = Object.keys(fresh).length ? fresh : await recordScenarios();
      expect(Object.keys(fresh).some((name) => name.startsWith('continued-as-new-run2'))).toBe(true);
    }, { timeoutMs: 60_000, intervalMs: 1_000 });

    if (RECORD) {
      for (const [name, { workflowId, history }] of Object.entries(fresh)) {
        writeFileSync(join(FIXTURES, `${name}.json`), JSON.stringify({ workflowId, history }, null, 1));
      }
    }
    const committed = readdirSync(FIXTURES)
      .filter((file) => file.endsWith('.json'))
      .map((file) => {
        const { workflowId, history } = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
        return { workflowId: `${file}:${workflowId}`, history: temporal.api.history.v1.History.fromObject(history) };
      });
    expect(committed.length).toBeGreaterThanOrEqual(4);

    const all = [...committed, ...Object.entries(fresh).map(([name, h]) => ({ ...h, workflowId: `fresh ${name}:${h.workflowId}` }))];
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') } }, all)) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(all.length);
  });
});
