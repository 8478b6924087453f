// A worker killed with SIGKILL in the middle of tickets' lives: once a worker is back, the timers
// still fire, in-flight Updates complete, Signals sent meanwhile are applied, and nothing is lost
// or written twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { signals } from '../../workflows/ticket/messages.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { agentActor, FAST_POLICY, startStack, type Stack } from '../helpers/stack.js';
import { pause } from '../helpers/wait.js';

let stack: Stack;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  stack = await startStack({ policy: FAST_POLICY, worker: false });
});
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});
afterAll(async () => stack?.close());

async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/worker-process.ts', inject('databaseUrl'), inject('temporalAddress'), stack.taskQueue, inject('workflowBundlePath')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  while (!output.includes('worker ready')) {
    if (child.exitCode !== null) throw new Error('worker process exited before it was ready');
    await pause(50);
  }
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
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

    const busyState = await stack.desk.state(busyTicket.number);
    const busyView = await projection(stack, busyTicket.number);
    expect(busyState.status).toBe('on-hold');
    expect(busyView.row.version).toBe(busyState.version);
    expect(busyView.row.version).toBe(1 + 6 + 1);
    expect(busyView.comments.map((c) => c.body).sort()).toEqual(['Tapping unlock does nothing.', ...Array.from({ length: 6 }, (_, i) => `in flight ${i}`)].sort());
    expect(busyView.events.map((e) => e.seq)).toEqual(Array.from({ length: busyState.lastEventSeq }, (_, i) => i + 1));
    await kill(worker);
  });
});
