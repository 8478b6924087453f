// The shapes the pages work with. api/client.ts maps the API's outputs onto them, so a change in
// the API's shapes is absorbed in one place.
import type { TicketStatus, TicketType } from '../../../workflows/ticket/model';
import type { Standing } from '../../../workflows/ticket/permissions';
import type { Instant } from '../lib/format';

export type Role = 'requester' | 'agent' | 'admin';

export interface Me {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  organizationId: string | null;
  /** Where the Temporal Web UI is, for the agent console's workflow links. */
  temporalUiUrl: string | null;
  temporalNamespace: string;
}

export interface PersonView {
  id: string;
  email: string;
  name?: string | null;
}

export interface TicketSummary {
  number: number;
  type: TicketType;
  subject: string;
  status: TicketStatus;
  requester: PersonView;
  assignee: PersonView | null;
  updatedAt: Instant;
  createdAt: Instant;
  firstReplyDueAt: Instant;
  firstRepliedAt: Instant;
  slaBreachedAt: Instant;
  autoCloseAt: Instant;
}

export interface TicketView extends TicketSummary {
  description: string;
  ccs: PersonView[];
  followUpOf: number | null;
  version: number;
}

export interface CommentView {
  seq: number;
  author: { id: string; kind: string; name: string | null };
  body: string;
  internal: boolean;
  at: Instant;
}

export interface EventView {
  seq: number;
  at: Instant;
  actor: { id: string; kind: string; name: string | null };
  kind: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  data: Record<string, unknown>;
}

export interface TicketDetail {
  /** How the caller stands to the ticket: what they may do. */
  standing: Standing | null;
  /** Tickets opened as follow-ups of this one. */
  followUps: number[];
  ticket: TicketView;
  comments: CommentView[];
  events: EventView[];
}

export interface TicketList {
  items: TicketSummary[];
  page: number;
  pageSize: number;
  /** How many tickets match: all of them when totalIsExact, otherwise at least this many. */
  total: number;
  totalIsExact: boolean;
  hasMore: boolean;
}

export type ListView = 'mine' | 'ccd' | 'organization' | 'queue';

export interface ListQuery {
  view: ListView;
  status?: TicketStatus;
  type?: TicketType;
  assigneeId?: string;
  unassigned?: boolean;
  slaBreached?: boolean;
  page: number;
}
