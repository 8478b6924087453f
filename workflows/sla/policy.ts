// SLA policies and lifecycle durations as admins keep them (versioned in Postgres, src/policies),
// and what a ticket pins of them when it starts (TicketPolicy).
import { initialPriority, TICKET_PRIORITIES, TICKET_TYPES, type TicketPolicy, type TicketPriority, type TicketType } from '../ticket/model.js';

/** The clocks an SLA policy sets for a ticket. */
export const SLA_TARGETS = ['firstReply', 'nextReply', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];

/** The calendar a fresh install starts with (DEFAULT_BUSINESS_CALENDAR). */
export const DEFAULT_CALENDAR_ID = 'office';

export interface SlaTarget {
  durationMs: number;
  /** Business time counts only the calendar's opening hours; calendar time counts every second, 24/7. */
  time: 'business' | 'calendar';
  /** The calendar of business time (ignored for calendar time, kept so that switching back keeps it). */
  calendarId: string;
}

export type SlaTargets = Record<TicketType, Record<TicketPriority, Record<SlaTargetName, SlaTarget>>>;

/**
 * Pending reminder and close, Solved close: calendar time, as the portal guide counts days. With
 * them, the satisfaction survey: its delay after Solved, and whether a bad rating tells Support Ops.
 */
export interface LifecycleDurations {
  pendingReminderMs: number;
  pendingAutoCloseMs: number;
  solvedAutoCloseMs: number;
  satisfactionDelayMs: number;
  badRatingNotifiesOps: boolean;
}

const HOUR = 60 * 60 * 1000;

/**
 * How an SLA policy version's targets escalate, pinned with them: the warning comes when this share
 * of a target has counted, and whether time On-hold counts toward resolution (Pending never does).
 */
export interface Escalation {
  warningShare: number;
  onHoldCountsTowardResolution: boolean;
}

/** What a fresh install's policy says (and the columns' defaults, src/db/schema.ts). */
export const DEFAULT_ESCALATION: Escalation = { warningShare: 0.75, onHoldCountsTowardResolution: true };

/** Next reply and resolution, as first seeded: first reply comes from the seed (POLICY_FIRST_REPLY_*). */
const SEED_LATER_TARGETS: Record<TicketType, { nextReplyMs: number; resolutionMs: number }> = {
  critical: { nextReplyMs: 1 * HOUR, resolutionMs: 8 * HOUR },
  software_issue: { nextReplyMs: 8 * HOUR, resolutionMs: 40 * HOUR },
  hardware_issue: { nextReplyMs: 8 * HOUR, resolutionMs: 40 * HOUR },
  feature_request: { nextReplyMs: 24 * HOUR, resolutionMs: 160 * HOUR },
};

/**
 * The targets of a fresh install: the first replies of the seed for every priority, Critical / SEV
 * in calendar time (24/7), the other types in business time on the office calendar.
 */
export function seedSlaTargets(firstReplyTargetMs: Record<TicketType, number>): SlaTargets {
  const byType = (type: TicketType) => {
    const target = (durationMs: number): SlaTarget => ({ durationMs, time: type === 'critical' ? 'calendar' : 'business', calendarId: DEFAULT_CALENDAR_ID });
    const later = SEED_LATER_TARGETS[type];
    const targets = () => ({ firstReply: target(firstReplyTargetMs[type]), nextReply: target(later.nextReplyMs), resolution: target(later.resolutionMs) });
    return Object.fromEntries(TICKET_PRIORITIES.map((priority) => [priority, targets()])) as Record<TicketPriority, Record<SlaTargetName, SlaTarget>>;
  };
  return Object.fromEntries(TICKET_TYPES.map((type) => [type, byType(type)])) as SlaTargets;
}

/**
 * What a new ticket pins today: the lifecycle durations, and per type the first-reply target of the
 * priority a ticket of that type starts with. (Business time and the other targets are not yet
 * counted by the lifecycle: it arms the first-reply duration in calendar time.)
 */
export function ticketPolicyOf(targets: SlaTargets, lifecycle: LifecycleDurations): TicketPolicy {
  return {
    pendingReminderMs: lifecycle.pendingReminderMs,
    pendingAutoCloseMs: lifecycle.pendingAutoCloseMs,
    solvedAutoCloseMs: lifecycle.solvedAutoCloseMs,
    satisfaction: { delayMs: lifecycle.satisfactionDelayMs, badRatingNotifiesOps: lifecycle.badRatingNotifiesOps },
    firstReplyTargetMs: Object.fromEntries(TICKET_TYPES.map((type) => [type, targets[type][initialPriority(type)].firstReply.durationMs])) as Record<TicketType, number>,
  };
}
