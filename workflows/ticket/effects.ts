// What an accepted command leaves behind: audit events, comments and notifications.
// The workflow hands these to the projection activity together with the new state.
import type { Actor, AttachmentRef, TicketStatus } from './model.js';

/** What the portal's audit trail names (each has its words in web/src/i18n). */
export type TicketEventKind =
  | 'created'
  | 'commented'
  | 'status_changed'
  | 'assigned'
  | 'cc_added'
  | 'cc_removed'
  | 'pending_reminder_sent'
  | 'sla_breached';

/**
 * Support Ops' own changes, the SLA warnings meant for them and the on-call's pages, which requesters never see: tickets.get gives them to Support Ops as
 * `workEvents`, beside `audit` (the same trail, by seq), until the portal's audit trail has words
 * for them.
 */
// The satisfaction survey's events are Support Ops' too: CC'd users never read the requester's rating.
export const WORK_EVENT_KINDS = ['priority_changed', 'tags_changed', 'sla_warning', 'sla_policy_applied', 'sla_paged', 'satisfaction_requested', 'satisfaction_rated'] as const;
export type WorkEventKind = (typeof WORK_EVENT_KINDS)[number];

export interface TicketEvent {
  seq: number;
  at: number;
  actor: Actor;
  kind: TicketEventKind | WorkEventKind;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  data: Record<string, unknown>;
}

export interface TicketComment {
  /** The seq of the `commented` event that carries it: unique per ticket. */
  seq: number;
  at: number;
  author: Actor;
  body: string;
  internal: boolean;
  attachments?: AttachmentRef[];
}

export type NotificationKind =
  | 'ticket_created'
  | 'critical_created'
  | 'agent_replied'
  | 'requester_replied'
  | 'pending_reminder'
  | 'ticket_solved'
  | 'ticket_closed'
  | 'sla_breached'
  // The pinned SLA's warnings (to the assignee, else Support Ops) and its later breaches (to Support Ops).
  | 'first_reply_warning'
  | 'next_reply_warning'
  | 'resolution_warning'
  | 'next_reply_breached'
  | 'resolution_breached'
  // The on-call paged at a Critical / SEV ticket's breach: by webhook (not an e-mail) or by e-mail.
  | 'page_webhook'
  | 'page_email'
  // The survey's link to the requester, and a bad rating to Support Ops.
  | 'satisfaction_survey'
  | 'satisfaction_bad';

/** The notification kinds that are not e-mails: delivered by src/on-call/webhook.ts. */
export const WEBHOOK_KINDS = ['page_webhook'] as const satisfies readonly NotificationKind[];
export type MailNotificationKind = Exclude<NotificationKind, (typeof WEBHOOK_KINDS)[number]>;
export const isWebhookKind = (kind: string): boolean => (WEBHOOK_KINDS as readonly string[]).includes(kind);

/** The Support Ops group, resolved to an address when the notification is delivered. */
export const SUPPORT_OPS = 'support-ops';

/** Whoever is on call, resolved to the page settings (PAGE_WEBHOOK_URL, PAGE_EMAIL) when the page is delivered. */
export const ON_CALL = 'on-call';

export interface TicketNotification {
  /** The event that caused it: with the kind and recipient, the notification's identity. */
  seq: number;
  kind: NotificationKind;
  /** An e-mail address, SUPPORT_OPS or ON_CALL. */
  recipient: string;
  recipientId: string | null;
}

export interface TicketEffects {
  events: TicketEvent[];
  comments: TicketComment[];
  notifications: TicketNotification[];
}
