// Every word of the e-mails the desk sends, in English. fr.ts says the same in French; both follow
// the shape declared here, so a sentence missing from one language does not compile.
import type { MailNotificationKind } from '../../../workflows/ticket/effects.js';
import type { SlaTargetName } from '../../../workflows/sla/policy.js';
import type { TicketStatus, TicketType } from '../../../workflows/ticket/model.js';

/** What a ticket e-mail may say: the facts the projection wrote with the notification. */
export interface TicketFacts {
  number: number;
  subject: string;
  type: TicketType;
  status: TicketStatus;
  url: string;
  /** Already written in the reader's language and time zone. */
  autoCloseAt: string | null;
  firstReplyDueAt: string | null;
  /** For a page: the target missed and when (already written in the reader's language). */
  page: { target: SlaTargetName; breachedAt: string | null } | null;
  /** The one-time link of the satisfaction survey (its e-mail only); null once mailed and forgotten. */
  ratingUrl: string | null;
}

export interface TicketMailWords {
  subject(t: TicketFacts): string;
  /** What happened, in a sentence or two. */
  lead(t: TicketFacts): string;
  /** What the reader needs to do, and by when. */
  action(t: TicketFacts): string;
}

export interface MailWords {
  /** For Intl: how dates are written. */
  locale: string;
  statuses: Record<TicketStatus, string>;
  types: Record<TicketType, string>;
  ticket: Record<MailNotificationKind, TicketMailWords>;
  /** The SLA targets inside a sentence ("the first-reply target"). */
  targets: Record<SlaTargetName, string>;
  /** Introduces the message that caused the e-mail (a public reply, the request itself). */
  quoted(author: string): string;
  files(names: string[]): string;
  /** The line above which a reply by e-mail is read; everything below it is left out. */
  replyAbove: string;
  /** Said when the reader can answer by e-mail. */
  replyByMail(url: string): string;
  /** Said when they cannot (no support mailbox is read). */
  replyOnline(url: string): string;
  signature: string;
  setPassword: { subject: string; text(url: string, until: string): string };
  resetPassword: { subject: string; text(url: string, until: string): string };
  linkGone: string;
  /** The answer to an e-mail the desk could not take as a reply. */
  refusedReply: {
    subject(original: string): string;
    closed(number: number, url: string): string;
    tooLarge(limit: string): string;
    notAllowed(number: number): string;
  };
}

const STATUSES: Record<TicketStatus, string> = { open: 'Open', pending: 'Pending', 'on-hold': 'On-hold', solved: 'Solved', closed: 'Closed' };

export const en: MailWords = {
  locale: 'en-GB',
  statuses: STATUSES,
  types: { critical: 'Critical / SEV', feature_request: 'Feature request', hardware_issue: 'Hardware issue', software_issue: 'Software issue' },
  ticket: {
    ticket_created: {
      subject: (t) => `[#${t.number}] Request received: ${t.subject}`,
      lead: (t) => `We have received your request #${t.number} "${t.subject}" (${en.types[t.type]}). It is assigned to Support Ops, who will look into it.`,
      action: (t) => `Nothing to do for now: you will get an e-mail as soon as Support Ops answers. Quote #${t.number} in any question about it.`,
    },
    critical_created: {
      subject: (t) => `[#${t.number}] Critical / SEV ticket opened: ${t.subject}`,
      lead: (t) => `A Critical / SEV ticket needs immediate attention: #${t.number} "${t.subject}".`,
      action: (t) => (t.firstReplyDueAt ? `Answer it before ${t.firstReplyDueAt}, its first-reply target.` : 'Answer it now.'),
    },
    agent_replied: {
      subject: (t) => `[#${t.number}] Support Ops replied: ${t.subject}`,
      lead: (t) => `Support Ops replied on your ticket #${t.number} "${t.subject}", which is now ${STATUSES[t.status]}.`,
      action: (t) => statusAction(t),
    },
    requester_replied: {
      subject: (t) => `[#${t.number}] New reply from the requester: ${t.subject}`,
      lead: (t) => `The requester replied on ticket #${t.number} "${t.subject}", which is now ${STATUSES[t.status]}.`,
      action: () => 'The ticket is back in Support Ops\u2019 hands: answer it.',
    },
    pending_reminder: {
      subject: (t) => `[#${t.number}] Reminder: we are waiting for your answer: ${t.subject}`,
      lead: (t) => `Support Ops still needs more information from you on ticket #${t.number} "${t.subject}".`,
      action: (t) => (t.autoCloseAt ? `Answer to keep it open: without an answer it closes on ${t.autoCloseAt}.` : 'Answer to keep it open: without an answer it closes automatically.'),
    },
    ticket_solved: {
      subject: (t) => `[#${t.number}] Solved: ${t.subject}`,
      lead: (t) => `Ticket #${t.number} "${t.subject}" is now Solved.`,
      action: (t) =>
        t.autoCloseAt ? `If the problem is not solved, reply to reopen it; otherwise it closes on ${t.autoCloseAt}.` : 'If the problem is not solved, reply to reopen it; otherwise it closes automatically.',
    },
    ticket_closed: {
      subject: (t) => `[#${t.number}] Closed: ${t.subject}`,
      lead: (t) => `Ticket #${t.number} "${t.subject}" is now Closed and accepts no more replies.`,
      action: () => 'If you need more help on this subject, open a follow-up request from the ticket.',
    },
    sla_breached: {
      subject: (t) => `[#${t.number}] First-reply target missed: ${t.subject}`,
      lead: (t) => `Ticket #${t.number} "${t.subject}" (${en.types[t.type]}) has had no first reply within its target.`,
      action: () => 'Answer it now.',
    },
    first_reply_warning: {
      subject: (t) => `[#${t.number}] First-reply target soon: ${t.subject}`,
      lead: (t) => `Ticket #${t.number} "${t.subject}" (${en.types[t.type]}) has had no first reply yet, and its target is near.`,
      action: (t) => (t.firstReplyDueAt ? `Answer it before ${t.firstReplyDueAt}.` : 'Answer it soon.'),
    },
    next_reply_warning: {
      subject: (t) => `[#${t.number}] Next-reply target soon: ${t.subject}`,
      lead: (t) => `The requester of ticket #${t.number} "${t.subject}" (${en.types[t.type]}) is waiting for an answer, and its next-reply target is near.`,
      action: () => 'Answer them soon.',
    },
    resolution_warning: {
      subject: (t) => `[#${t.number}] Resolution target soon: ${t.subject}`,
      lead: (t) => `Ticket #${t.number} "${t.subject}" (${en.types[t.type]}) is not solved yet, and its resolution target is near.`,
      action: () => 'Solve it, or set it to Pending if you need more from the requester.',
    },
    next_reply_breached: {
      subject: (t) => `[#${t.number}] Next-reply target missed: ${t.subject}`,
      lead: (t) => `The requester of ticket #${t.number} "${t.subject}" (${en.types[t.type]}) has waited for an answer beyond its next-reply target.`,
      action: () => 'Answer them now.',
    },
    resolution_breached: {
      subject: (t) => `[#${t.number}] Resolution target missed: ${t.subject}`,
      lead: (t) => `Ticket #${t.number} "${t.subject}" (${en.types[t.type]}) has not been solved within its resolution target.`,
      action: () => 'Solve it, or tell the requester where it stands.',
    },
    page_email: {
      subject: (t) => `[#${t.number}] Page: ${en.targets[t.page?.target ?? 'firstReply']} target missed on a ${en.types[t.type]} ticket: ${t.subject}`,
      lead: (t) =>
        `You are paged as the on-call: ticket #${t.number} "${t.subject}" (${en.types[t.type]}) missed its ${en.targets[t.page?.target ?? 'firstReply']} target${t.page?.breachedAt ? ` on ${t.page.breachedAt}` : ''}.`,
      action: () => 'Take it now: answer the requester, or hand it to someone who can.',
    },
    satisfaction_survey: {
      subject: (t) => `[#${t.number}] How did we do? ${t.subject}`,
      lead: (t) => `Your ticket #${t.number} "${t.subject}" is Solved. Tell us how it went: it takes a click, and no sign-in.`,
      action: (t) =>
        `Rate it here (good or bad, with a comment if you like):\n${t.ratingUrl ?? en.linkGone}\n\nThe link works once, until the ticket closes${t.autoCloseAt ? ` on ${t.autoCloseAt}` : ''}. If the problem is not solved, reply on the ticket instead to reopen it.`,
    },
    satisfaction_bad: {
      subject: (t) => `[#${t.number}] Bad satisfaction rating: ${t.subject}`,
      lead: (t) => `The requester of ticket #${t.number} "${t.subject}" (${en.types[t.type]}) rated how it was handled as bad.`,
      action: () => 'Read their comment, then reopen the ticket or get in touch with them if it needs more.',
    },
  },
  targets: { firstReply: 'first-reply', nextReply: 'next-reply', resolution: 'resolution' },
  quoted: (author) => `${author} wrote:`,
  files: (names) => `Attached: ${names.join(', ')} (in the portal).`,
  replyAbove: '##- Please type your reply above this line -##',
  replyByMail: (url) => `Answer by replying to this e-mail, or on the ticket: ${url}`,
  replyOnline: (url) => `Open the ticket: ${url}`,
  signature: '\u2014 Support Ops',
  setPassword: {
    subject: 'Your Support desk access: set your password',
    text: (url, until) => `You asked for access to the Support desk. Follow this link to set your password:\n${url}\n\nThe link works once and expires on ${until}.`,
  },
  resetPassword: {
    subject: 'Reset your Support desk password',
    text: (url, until) =>
      `Someone (hopefully you) asked to reset your Support desk password. Follow this link to choose a new one:\n${url}\n\nThe link works once and expires on ${until}. If you did not ask, ignore this e-mail.`,
  },
  linkGone: '(this link has been used or removed)',
  refusedReply: {
    subject: (original) => `Not added to a ticket: ${original}`,
    closed: (number, url) => `Ticket #${number} is Closed and accepts no more replies, so your e-mail was not added to it. If you need more help, open a follow-up request from the ticket: ${url}`,
    tooLarge: (limit) => `Your e-mail was not added: it brings more than ${limit} of files. Send fewer or smaller files, or add them on the ticket in the portal.`,
    notAllowed: (number) => `Your e-mail was not added to ticket #${number}: the address it came from does not take part in it.`,
  },
};

/** A public reply's e-mail says what the new status asks of the requester, and by when. */
function statusAction(t: TicketFacts): string {
  switch (t.status) {
    case 'pending':
      return t.autoCloseAt
        ? `Support Ops needs your answer to go on. Answer to keep the ticket open: without an answer it closes on ${t.autoCloseAt}.`
        : 'Support Ops needs your answer to go on. Answer to keep the ticket open.';
    case 'solved':
      return t.autoCloseAt ? `If the problem is not solved, reply to reopen it; otherwise it closes on ${t.autoCloseAt}.` : 'If the problem is not solved, reply to reopen it.';
    case 'on-hold':
      return 'Another team is investigating: nothing to do on your side for now.';
    default:
      return 'Reply if you have anything to add.';
  }
}
