// The one tRPC client. Queries and mutations go over batched HTTP; the live feed is a subscription
// over server-sent events. The session cookie travels by itself: the portal is served on the API's origin.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
// Types only: nothing of the server's code reaches the browser bundle.
import type { AppRouter } from '../../../src/api/router';
import type { SettableStatus, TicketType } from '../../../workflows/ticket/model';
import type { CommentView, EventView, ListQuery, Me, PersonView, TicketDetail, TicketList, TicketSummary, TicketView } from './views';

type Outputs = inferRouterOutputs<AppRouter>;
type ServerTicket = Outputs['tickets']['get']['ticket'];
type ServerComment = Outputs['tickets']['get']['conversation'][number];
type ServerEvent = Outputs['tickets']['get']['audit'][number];

const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpBatchLink({ url: '/trpc' }),
    }),
  ],
});

export const PAGE_SIZE = 20;

function person(p: { id: string; email: string; name?: string | null } | null): PersonView | null {
  return p ? { id: p.id, email: p.email, name: p.name ?? null } : null;
}

function summary(row: ServerTicket): TicketSummary {
  return {
    number: row.number,
    type: row.type,
    subject: row.subject,
    status: row.status,
    requester: person(row.requester)!,
    assignee: person(row.assignee),
    updatedAt: row.updatedAt,
    createdAt: row.createdAt,
    firstReplyDueAt: row.firstReplyDueAt,
    firstRepliedAt: row.firstRepliedAt,
    slaBreachedAt: row.slaBreachedAt,
    autoCloseAt: row.autoCloseAt,
  };
}

function ticketView(row: ServerTicket): TicketView {
  return {
    ...summary(row),
    description: row.description,
    ccs: row.ccs.map((p) => person(p)!),
    followUpOf: row.followUpOf,
    version: row.version,
  };
}

const commentView = (c: ServerComment): CommentView => ({ seq: c.seq, author: c.author, body: c.body, internal: c.internal, at: c.createdAt });

const eventView = (e: ServerEvent): EventView => ({
  seq: e.seq,
  at: e.at,
  actor: e.actor,
  kind: e.kind,
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  data: e.data,
});

export const api = {
  auth: {
    async me(): Promise<Me | null> {
      const user = await trpc.auth.me.query();
      if (!user) return null;
      const staff = user.role === 'agent' || user.role === 'admin';
      // Where the Temporal UI is matters to Support Ops only, and only they are told.
      const config = staff ? await trpc.portalConfig.get.query().catch(() => null) : null;
      return {
        id: user.id,
        email: user.email,
        name: user.name ?? null,
        role: user.role,
        organizationId: user.organizations[0]?.id ?? null,
        temporalUiUrl: config?.temporalUiUrl ?? null,
        temporalNamespace: config?.temporalNamespace ?? 'default',
      };
    },
    signIn: (email: string, password: string) => trpc.auth.signIn.mutate({ email, password }),
    signOut: () => trpc.auth.signOut.mutate(),
    requestAccess: (email: string) => trpc.auth.requestAccess.mutate({ email }),
    requestPasswordReset: (email: string) => trpc.auth.requestPasswordReset.mutate({ email }),
    setPassword: (token: string, password: string, name?: string) => trpc.auth.setPassword.mutate({ token, password, ...(name && { name }) }),
  },
  tickets: {
    async create(input: { type: TicketType; subject: string; description: string; ccEmails: string[]; requestId: string }): Promise<number> {
      return (await trpc.tickets.create.mutate(input)).number;
    },
    async get(number: number): Promise<TicketDetail> {
      const out = await trpc.tickets.get.query({ number });
      return {
        standing: out.standing,
        followUps: out.followUps,
        ticket: ticketView(out.ticket),
        comments: out.conversation.map(commentView),
        events: out.audit.map(eventView),
      };
    },
    async list(query: ListQuery): Promise<TicketList> {
      const out = await trpc.tickets.list.query({
        view: query.view,
        page: query.page,
        pageSize: PAGE_SIZE,
        ...(query.status && { status: [query.status] }),
        ...(query.type && { type: [query.type] }),
        ...(query.assigneeId && { assigneeId: query.assigneeId }),
        ...(query.unassigned && { unassigned: true }),
        ...(query.slaBreached && { slaBreached: true }),
        // Support Ops see Critical / SEV first; everyone else, the latest change first.
        sort: query.view === 'queue' ? 'criticalFirst' : 'updated',
      });
      return {
        items: out.items.map(summary),
        page: out.page,
        pageSize: out.pageSize,
        total: out.total,
        totalIsExact: out.totalIsExact,
        hasMore: out.hasMore,
      };
    },
    reply: (number: number, body: string, options: { internal?: boolean; status?: SettableStatus } = {}) =>
      trpc.tickets.reply.mutate({ number, body, ...options }),
    setPending: (number: number) => trpc.tickets.setPending.mutate({ number }),
    putOnHold: (number: number) => trpc.tickets.putOnHold.mutate({ number }),
    solve: (number: number) => trpc.tickets.solve.mutate({ number }),
    reopen: (number: number) => trpc.tickets.reopen.mutate({ number }),
    /** null unassigns. */
    assign: (number: number, assigneeId: string | null) => trpc.tickets.assign.mutate({ number, assigneeId }),
    addCc: (number: number, email: string) => trpc.tickets.addCc.mutate({ number, email }),
    removeCc: (number: number, userId: string) => trpc.tickets.removeCc.mutate({ number, userId }),
    async followUp(number: number, description: string, requestId: string): Promise<number> {
      return (await trpc.tickets.followUp.mutate({ number, description, requestId })).number;
    },
  },
  users: {
    /** Support Ops members a ticket can be assigned to. */
    agents: (): Promise<PersonView[]> => trpc.users.agents.query(),
  },
  live: {
    /** Calls onChange with the numbers of tickets (visible to the caller) that changed. */
    changes(filter: { number?: number }, onChange: (numbers: number[]) => void): () => void {
      const subscription = trpc.live.changes.subscribe(filter, {
        onData: (event) => onChange(event.numbers),
        // The feed is a convenience: when it drops, httpSubscriptionLink reconnects by itself.
        onError: () => {},
      });
      return () => subscription.unsubscribe();
    },
  },
};
