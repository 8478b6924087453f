// The ticket's vocabulary: statuses, types, people, policy and state.
// Pure data: no Temporal imports, so the API, the web client and tests can share it.
import type { PinnedSla } from '../sla/pinned.js';
import type { SlaClocks } from './sla-clocks.js';

export const TICKET_STATUSES = ['open', 'pending', 'on-hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The words people know from the portal guide. */
export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  pending: 'Pending',
  'on-hold': 'On-hold',
  solved: 'Solved',
  closed: 'Closed',
};

export const TICKET_TYPES = ['critical', 'feature_request', 'hardware_issue', 'software_issue'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TYPE_LABELS: Record<TicketType, string> = {
  critical: 'Critical / SEV',
  feature_request: 'Feature request',
  hardware_issue: 'Hardware issue',
  software_issue: 'Software issue',
};

/** How much a ticket matters to Support Ops, lowest first. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const PRIORITY_LABELS: Record<TicketPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

/** What a ticket starts with: a Critical / SEV ticket is urgent from the start. */
export function initialPriority(type: TicketType): TicketPriority {
  return type === 'critical' ? 'urgent' : 'normal';
}

/** At most this many tags on one ticket; each at most MAX_TAG_LENGTH characters (tags.ts). */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/** Statuses an agent may set by hand (Closed is reached only through the timers). */
export const SETTABLE_STATUSES = ['open', 'pending', 'on-hold', 'solved'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export interface Person {
  id: string;
  email: string;
  name?: string;
}

/**
 * Who sends a message. `agent` is a Support Ops member (or an admin acting as one);
 * `requester` is the ticket's requester or a CC'd user; `system` is the ticket's own timers.
 */
export interface Actor {
  kind: 'agent' | 'requester' | 'system';
  id: string;
  name?: string;
}

/** Durations in milliseconds, fixed into each ticket when it starts. */
export interface TicketPolicy {
  pendingReminderMs: number;
  pendingAutoCloseMs: number;
  solvedAutoCloseMs: number;
  firstReplyTargetMs: Record<TicketType, number>;
  /**
   * The satisfaction survey after Solved (revision 6, input.ts). Absent in older runs: they never
   * ask.
   */
  satisfaction?: SatisfactionPolicy;
}

/** When the requester is asked how it went, and what a bad answer does. */
export interface SatisfactionPolicy {
  /** From Solved to the survey e-mail (calendar time, as the Solved close). */
  delayMs: number;
  /** Whether a bad rating notifies Support Ops. */
  badRatingNotifiesOps: boolean;
}

export const SATISFACTION_RATINGS = ['good', 'bad'] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

/** The longest comment a rating may bring, in characters. */
export const MAX_SATISFACTION_COMMENT_LENGTH = 2_000;

/**
 * The survey of the ticket's current solve: made when it becomes Solved (with a satisfaction
 * policy), gone when it leaves Solved, so a reopen and a new Solved ask again and an old link
 * finds its solve gone.
 */
export interface SatisfactionSurvey {
  solvedAt: number;
  /** The seq of the `satisfaction_requested` event: what the requester's link names. Null until asked. */
  askedSeq: number | null;
  rating: SatisfactionRating | null;
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** What a fresh install asks (POLICY_SATISFACTION_DELAY), a day after Solved. */
export const DEFAULT_SATISFACTION: SatisfactionPolicy = { delayMs: 24 * HOUR, badRatingNotifiesOps: true };

export const DEFAULT_POLICY: TicketPolicy = {
  pendingReminderMs: 3 * DAY,
  pendingAutoCloseMs: 5 * DAY,
  solvedAutoCloseMs: 4 * DAY,
  firstReplyTargetMs: {
    critical: 1 * HOUR,
    software_issue: 8 * HOUR,
    hardware_issue: 8 * HOUR,
    feature_request: 24 * HOUR,
  },
};

/**
 * How the on-call is paged when an SLA target of a Critical / SEV ticket is breached: a signed
 * webhook (src/on-call/webhook.ts), an e-mail to the on-call address, or both.
 */
export const PAGE_CHANNELS = ['webhook', 'email'] as const;
export type PageChannel = (typeof PAGE_CHANNELS)[number];

/** A file that came with a message: what the ticket keeps of it (the bytes stay in Postgres). */
export interface AttachmentRef {
  id: string;
  name: string;
  /** The type its bytes say it is. */
  type: string;
  size: number;
}

/**
 * The only files shown inline (as thumbnails in the conversation): raster images a browser renders
 * as pictures and nothing else. Everything else, HTML and SVG above all, is a download.
 */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp'];

/** At most this many files come with one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/** The longest subject and the longest message body (description, reply, note), in characters. */
export const MAX_SUBJECT_LENGTH = 200;
export const MAX_BODY_LENGTH = 32_000;

export interface NewTicket {
  number: number;
  type: TicketType;
  subject: string;
  description: string;
  requester: Person;
  organizationId: string | null;
  ccs: Person[];
  followUpOf: number | null;
  policy: TicketPolicy;
  /**
   * The SLA policy's targets the ticket counts, with their calendars, pinned when it starts
   * (revision 5, input.ts). Absent in older runs and where the desk pins none: those count only
   * the first-reply target of `policy`, in calendar time.
   */
  sla?: PinnedSla;
  /** Files that came with the description. */
  descriptionAttachments?: AttachmentRef[];
  /**
   * How the on-call is paged at each SLA breach of this Critical / SEV ticket, fixed when it starts
   * from the page settings (PAGE_WEBHOOK_URL, PAGE_EMAIL) of the process that creates it. Absent:
   * nobody is paged (another type, no page configured, a ticket from before pages existed). Only
   * the channel is pinned: the address and the secret stay in the delivering worker's settings.
   */
  onCallPage?: PageChannel[];
}

/** Everything the workflow knows about a ticket: what it was opened with, and where it is now. Times are epoch milliseconds. */
export interface TicketState extends NewTicket {
  assignee: Person | null;
  /**
   * Set by Support Ops (setPriority). Runs of revision 3 and before started without it: their
   * state gets initialPriority on its way into a run of today (input.ts, upgradeState).
   */
  priority: TicketPriority;
  /** Support Ops' words for the ticket, normalised (tags.ts), in the order they were added. */
  tags: string[];
  /**
   * The last change someone made that a person answering must know of: a reply or note, a status
   * they set, an assignment. A reply sent with an older `seenVersion` by someone else is refused
   * (state.ts). Absent in runs from before it existed: nothing is refused for it.
   */
  lastConversationChange?: { version: number; actorId: string; actorName?: string } | null;

  status: TicketStatus;
  /** Bumped by every accepted command; the projection only moves forward by it. */
  version: number;
  /** Sequence number of the last audit event. */
  lastEventSeq: number;
  commentCount: number;

  createdAt: number;
  updatedAt: number;
  statusChangedAt: number;
  pendingReminderSentAt: number | null;
  /** The first-reply deadline; with a pinned SLA, that of the ticket's priority over its calendar. */
  firstReplyDueAt: number;
  firstRepliedAt: number | null;
  /** Where the pinned SLA's clocks stand (sla-clocks.ts); present exactly when `sla` is. */
  slaClocks?: SlaClocks;
  slaBreachedAt: number | null;
  /** The current solve's satisfaction survey; absent or null when there is none. */
  survey?: SatisfactionSurvey | null;
  solvedAt: number | null;
  closedAt: number | null;
}
