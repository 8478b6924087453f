// A worker killed with SIGKILL in the middle of tickets' lives: once a worker is back, the timers
// still fire, in-flight Updates complete, Signals sent meanwhile are applied, and nothing is lost
// or written twice.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { signals } from '../../workflows/ticket/messages.js';
import { launch, type Launched } from '../helpers/launch.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { agentActor, FAST_POLICY, startStack, type Stack } from '../helpers/stack.js';
import { pause } from '../helpers/wait.js';

let stack: Stack;
const workers = new Set<Launched>();

beforeAll(async () => {
  stack = await startStack({ policy: FAST_POLICY, worker: false });
});
afterEach(() => {
  for (const worker of workers) worker.kill();
});
afterAll(async () => stack?.close());

async function startWorkerProcess(): Promise<Launched> {
  const worker = await launch({
    script: 'test/helpers/worker-process.ts',
    args: [inject('databaseUrl'), inject('temporalAddress'), stack.taskQueue, inject('workflowBundlePath'), inject('payloadKeys')],
    ready: (output) => output.includes('worker ready'),
  });
  workers.add(worker);
  void worker.exited.then(() => workers.delete(worker));
  return worker;
}

async function kill(worker: Launched): Promise<void> {
  worker.kill();
  await worker.exited;
}

describe('a worker killed and restarted', () => {
  it('loses nothing: timers fire late but fire, in-flight Updates finish, Signals are applied', async () => {
    const agent = agentActor();
    let worker = await startWorkerProcess();
    const pendingTicket = await newTicket(stack);
    const busyTicket = await newTicket(stack);
    await stack.desk.send(pendingTicket.number, 'setPending', { actor: agent });

    // Updates in flight when the worker dies (agent replies: they keep the status, in any order).
    const inFlight = Array.from({ length: 6 }, (_, i) => stack.desk.send(busyTicket.number, 'reply', { actor: agent, body: `in flight ${i}` }));
    await pause(30);
    await kill(worker);

    // While no worker runs: a Signal arrives and both Pending deadlines pass.
    await stack.client.workflow.getHandle(ticketWorkflowId(busyTicket.number)).signal(signals.putOnHold, { actor: agent });
    await pause(FAST_POLICY.pendingAutoCloseMs + 500);
    expect((await projection(stack, pendingTicket.number)).row.status).toBe('pending');

    worker = await startWorkerProcess();
    const closed = await stack.client.workflow.getHandle(ticketWorkflowId(pendingTicket.number)).result();
    expect(closed.status).toBe('closed');
    const results = await Promise.all(inFlight);
    expect(results).toHaveLength(6);

    const pendingView = await projection(stack, pendingTicket.number);
    expect(pendingView.row.status).toBe('closed');
    // Both deadlines passed while no worker ran: the requester hears that the ticket is closed,
    // not "we need more information" a moment before it.
    expect(pendingView.events.filter((e) => e.kind === 'pending_reminder_sent')).toHaveLength(0);
    expect(pendingView.mail.filter((m) => m.kind === 'pending_reminder')).toHaveLength(0);
    expect(pendingView.mail.filter((m) => m.kind === 'ticket_closed')).toHaveLength(1);

    // sync, not state: the Signal's change reaches the projection after it reaches the workflow, and
    // sync answers once the projection holds every change the workflow has.
    const busyState = await stack.desk.sync(busyTicket.number);
    const busyView = await projection(stack, busyTicket.number);
    expect(busyState.status).toBe('on-hold');
    expect(busyView.row.version).toBe(busyState.version);
    expect(busyView.row.version).toBe(1 + 6 + 1);
    expect(busyView.comments.map((c) => c.body).sort()).toEqual(['Tapping unlock does nothing.', ...Array.from({ length: 6 }, (_, i) => `in flight ${i}`)].sort());
    expect(busyView.events.map((e) => e.seq)).toEqual(Array.from({ length: busyState.lastEventSeq }, (_, i) => i + 1));
    await kill(worker);
  });
});
