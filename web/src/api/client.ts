// The one tRPC client. Queries and mutations go over batched HTTP; the live feed is a subscription
// over server-sent events. The session cookie travels by itself: the portal is served on the API's origin.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { TicketStatus, TicketType } from '../../../workflows/ticket/model';
import type { CommentView, EventView, ListQuery, Me, PersonView, TicketDetail, TicketList, TicketSummary, TicketView } from './views';

// Until the API's router type is published, procedures are reached by name (the names are fixed by the API's contract).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const trpc: Loose = createTRPCClient<Loose>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpBatchLink({ url: '/trpc' }),
    }),
  ],
});

export const PAGE_SIZE = 20;

function person(p: Loose): PersonView | null {
  if (!p) return null;
  return { id: String(p.id), email: String(p.email ?? ''), name: p.name ?? null };
}

function summary(row: Loose): TicketSummary {
  return {
    number: Number(row.number),
    type: row.type as TicketType,
    subject: String(row.subject),
    status: row.status as TicketStatus,
    requester: person(row.requester) ?? { id: row.requesterId, email: row.requesterEmail, name: row.requesterName },
    assignee: person(row.assignee) ?? (row.assigneeId ? { id: row.assigneeId, email: row.assigneeEmail, name: row.assigneeName } : null),
    updatedAt: row.updatedAt,
    createdAt: row.createdAt,
    firstReplyDueAt: row.firstReplyDueAt,
    firstRepliedAt: row.firstRepliedAt,
    slaBreachedAt: row.slaBreachedAt,
    autoCloseAt: row.autoCloseAt,
  };
}

function ticketView(row: Loose): TicketView {
  return {
    ...summary(row),
    description: String(row.description ?? ''),
    ccs: ((row.ccs ?? []) as Loose[]).map((p) => person(p)!),
    followUpOf: row.followUpOf ?? null,
    version: Number(row.version ?? 0),
  };
}

function commentView(c: Loose): CommentView {
  return {
    seq: c.seq,
    author: c.author ?? { id: c.authorId, kind: c.authorKind, name: c.authorName ?? null },
    body: String(c.body),
    internal: Boolean(c.internal),
    at: c.at ?? c.createdAt,
  };
}

function eventView(e: Loose): EventView {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor ?? { id: e.actorId, kind: e.actorKind, name: e.actorName ?? null },
    kind: e.kind,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    data: e.data ?? {},
  };
}

export const api = {
  auth: {
    async me(): Promise<Me | null> {
      const out: Loose = await trpc.auth.me.query();
      const user = out?.user ?? out;
      if (!user) return null;
      return {
        id: user.id,
        email: user.email,
        name: user.name ?? null,
        role: user.role,
        organizationId: user.organizationId ?? null,
        temporalUiUrl: out?.temporalUiUrl ?? user.temporalUiUrl ?? null,
      };
    },
    signIn: (email: string, password: string): Promise<unknown> => trpc.auth.signIn.mutate({ email, password }),
    signOut: (): Promise<unknown> => trpc.auth.signOut.mutate(),
    requestAccess: (email: string): Promise<unknown> => trpc.auth.requestAccess.mutate({ email }),
    requestPasswordReset: (email: string): Promise<unknown> => trpc.auth.requestPasswordReset.mutate({ email }),
    setPassword: (token: string, password: string): Promise<unknown> => trpc.auth.setPassword.mutate({ token, password }),
  },
  tickets: {
    async create(input: { type: TicketType; subject: string; description: string; ccs: string[]; requestId: string }): Promise<number> {
      const out: Loose = await trpc.tickets.create.mutate(input);
      return Number(out?.number ?? out);
    },
    async get(number: number): Promise<TicketDetail> {
      const out: Loose = await trpc.tickets.get.query({ number });
      return {
        ticket: ticketView(out.ticket ?? out),
        comments: ((out.comments ?? out.conversation ?? []) as Loose[]).map(commentView),
        events: ((out.events ?? out.audit ?? []) as Loose[]).map(eventView),
      };
    },
    async list(query: ListQuery): Promise<TicketList> {
      const out: Loose = await trpc.tickets.list.query({ ...query, pageSize: PAGE_SIZE });
      const items = ((out.items ?? out.tickets ?? []) as Loose[]).map(summary);
      const total = typeof out.total === 'number' ? out.total : null;
      return {
        items,
        page: query.page,
        pageSize: PAGE_SIZE,
        total,
        hasMore: total !== null ? query.page * PAGE_SIZE < total : Boolean(out.nextCursor ?? out.hasMore),
      };
    },
    reply: (number: number, body: string, options: { internal?: boolean; status?: TicketStatus } = {}): Promise<unknown> =>
      trpc.tickets.reply.mutate({ number, body, ...options }),
    setPending: (number: number): Promise<unknown> => trpc.tickets.setPending.mutate({ number }),
    putOnHold: (number: number): Promise<unknown> => trpc.tickets.putOnHold.mutate({ number }),
    solve: (number: number): Promise<unknown> => trpc.tickets.solve.mutate({ number }),
    reopen: (number: number): Promise<unknown> => trpc.tickets.reopen.mutate({ number }),
    assign: (number: number, assignee: { email: string } | { me: true } | null): Promise<unknown> =>
      trpc.tickets.assign.mutate({ number, assignee }),
    addCc: (number: number, email: string): Promise<unknown> => trpc.tickets.addCc.mutate({ number, email }),
    removeCc: (number: number, personId: string): Promise<unknown> => trpc.tickets.removeCc.mutate({ number, personId }),
    async followUp(number: number, description: string, requestId: string): Promise<number> {
      const out: Loose = await trpc.tickets.followUp.mutate({ number, description, requestId });
      return Number(out?.number ?? out);
    },
  },
  live: {
    /** Calls onChange with the numbers of tickets (visible to the caller) that changed. */
    changes(filter: { number?: number }, onChange: (numbers: number[]) => void): () => void {
      const subscription = trpc.live.changes.subscribe(filter, {
        onData: (event: Loose) => onChange(((event?.data ?? event)?.numbers ?? []) as number[]),
        // The feed is a convenience: when it drops, httpSubscriptionLink reconnects by itself.
        onError: () => {},
      });
      return () => subscription.unsubscribe();
    },
  },
};
