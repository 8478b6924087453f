// The life every ticket of the fault run goes through, over the HTTP API, and what each step
// must leave in the projection once (and only once). The steps keep every ticket away from its
// timers (the production policy's days), so the expected end state follows from the steps alone.
import type { TicketEventKind } from '../../workflows/ticket/effects.js';
import type { TicketStatus } from '../../workflows/ticket/model.js';

export interface Cast {
  requester: { id: string; cookie: string };
  agent: { id: string; cookie: string };
  ccEmail: string;
}

export interface JourneyContext extends Cast {
  runId: string;
  index: number;
  /** Known once the creation is acknowledged. */
  number: number;
}

export interface Step {
  name: string;
  /** tRPC procedure, called as a mutation. */
  path: string;
  by: 'requester' | 'agent';
  input(ctx: JourneyContext, requestId: string): Record<string, unknown>;
  /** What the step adds to the ticket once accepted, notifications (outbox rows) included. */
  effect(ctx: JourneyContext): { status?: TicketStatus; comment?: string; events: Partial<Record<TicketEventKind, number>>; notifications: number };
}

export const subjectOf = (ctx: Pick<JourneyContext, 'runId' | 'index'>) => `Fault run ${ctx.runId} ticket ${ctx.index}`;
const descriptionOf = (ctx: JourneyContext) => `The dock at station ${ctx.index} rejects every bike (${ctx.runId}).`;
const agentReplyOf = (ctx: JourneyContext) => `Which dock number is it? (${ctx.runId}/${ctx.index})`;
const requesterReplyOf = (ctx: JourneyContext) => `Dock 7, the one by the door. (${ctx.runId}/${ctx.index})`;

export const STEPS: Step[] = [
  {
    name: 'create',
    path: 'tickets.create',
    by: 'requester',
    input: (ctx, requestId) => ({ type: 'hardware_issue', subject: subjectOf(ctx), description: descriptionOf(ctx), requestId }),
    // The auto-reply to the requester.
    effect: (ctx) => ({ status: 'open', comment: descriptionOf(ctx), events: { created: 1 }, notifications: 1 }),
  },
  {
    name: 'assign',
    path: 'tickets.assign',
    by: 'agent',
    input: (ctx, requestId) => ({ number: ctx.number, assigneeId: ctx.agent.id, requestId }),
    effect: () => ({ events: { assigned: 1 }, notifications: 0 }),
  },
  {
    name: 'reply as Pending',
    path: 'tickets.reply',
    by: 'agent',
    input: (ctx, requestId) => ({ number: ctx.number, body: agentReplyOf(ctx), status: 'pending', requestId }),
    // To the requester (nobody is CC'd yet).
    effect: (ctx) => ({ status: 'pending', comment: agentReplyOf(ctx), events: { commented: 1, status_changed: 1 }, notifications: 1 }),
  },
  {
    name: 'requester reply',
    path: 'tickets.reply',
    by: 'requester',
    input: (ctx, requestId) => ({ number: ctx.number, body: requesterReplyOf(ctx), requestId }),
    // To the assignee.
    effect: (ctx) => ({ status: 'open', comment: requesterReplyOf(ctx), events: { commented: 1, status_changed: 1 }, notifications: 1 }),
  },
  {
    name: 'add CC',
    path: 'tickets.addCc',
    by: 'requester',
    input: (ctx, requestId) => ({ number: ctx.number, email: ctx.ccEmail, requestId }),
    effect: () => ({ events: { cc_added: 1 }, notifications: 0 }),
  },
  {
    name: 'solve',
    path: 'tickets.solve',
    by: 'agent',
    input: (ctx, requestId) => ({ number: ctx.number, requestId }),
    // To the requester and the CC'd person.
    effect: () => ({ status: 'solved', events: { status_changed: 1 }, notifications: 2 }),
  },
];

export interface Expected {
  version: number;
  status: TicketStatus;
  comments: string[];
  events: Partial<Record<TicketEventKind, number>>;
  cc: boolean;
  assigned: boolean;
  notifications: number;
}

/** The ticket after the first `count` steps were each applied exactly once. */
export function expectedAfter(ctx: JourneyContext, count: number): Expected {
  const expected: Expected = { version: 0, status: 'open', comments: [], events: {}, cc: false, assigned: false, notifications: 0 };
  for (const step of STEPS.slice(0, count)) {
    const effect = step.effect(ctx);
    expected.version += 1;
    expected.notifications += effect.notifications;
    if (effect.status) expected.status = effect.status;
    if (effect.comment) expected.comments.push(effect.comment);
    for (const [kind, n] of Object.entries(effect.events) as [TicketEventKind, number][]) expected.events[kind] = (expected.events[kind] ?? 0) + n;
    if (step.name === 'add CC') expected.cc = true;
    if (step.name === 'assign') expected.assigned = true;
  }
  return expected;
}
