// The satisfaction survey as its page shows it (read from the projection) and the requester's
// answer (sent to the ticket as the `rate` Update, which has the last word: a link used already, a
// solve since reopened or a Closed ticket is refused there, and nothing changes).
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { ticketEvents, tickets } from '../db/schema.js';
import type { TicketDesk } from '../tickets/desk.js';
import type { SatisfactionRating } from '../../workflows/ticket/model.js';
import { markLinkUsed, surveyOfLink, type SurveyLink } from './links.js';

/**
 * `open`: waiting for the answer; `answered`: rated already (once is all); `reopened`: the ticket
 * left Solved since it was asked, so the answer would be about a solve that did not hold;
 * `closed`: the ticket is Closed, and the link with it.
 */
export type SurveyState = 'open' | 'answered' | 'reopened' | 'closed';

export interface SurveyView {
  number: number;
  subject: string;
  state: SurveyState;
  rating: SatisfactionRating | null;
}

/** The link is no survey's link (mistyped, cut short, or never made). */
export class UnknownSurveyLinkError extends Error {
  constructor() {
    super('This satisfaction link is not valid: open the link from the e-mail again, in full.');
    this.name = 'UnknownSurveyLinkError';
  }
}

async function linkOf(db: Database, secret: string): Promise<SurveyLink> {
  const link = await surveyOfLink(db, secret);
  if (!link) throw new UnknownSurveyLinkError();
  return link;
}

/** Where the survey of `secret` stands, as the projection has it. */
export async function surveyView(db: Database, secret: string): Promise<SurveyView> {
  const link = await linkOf(db, secret);
  const [ticket] = await db.select({ subject: tickets.subject, status: tickets.status }).from(tickets).where(eq(tickets.number, link.ticketNumber));
  const later = await db
    .select({ kind: ticketEvents.kind, data: ticketEvents.data, toStatus: ticketEvents.toStatus })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketNumber, link.ticketNumber), gt(ticketEvents.seq, link.survey), sql`${ticketEvents.kind} in ('satisfaction_rated', 'status_changed')`));
  const answer = later.find((e) => e.kind === 'satisfaction_rated' && e.data.survey === link.survey);
  const rating = (answer?.data.rating as SatisfactionRating | undefined) ?? null;
  const left = later.some((e) => e.kind === 'status_changed' && e.toStatus !== 'closed');
  const state: SurveyState = answer ? 'answered' : ticket?.status === 'closed' || !ticket ? 'closed' : left ? 'reopened' : 'open';
  return { number: link.ticketNumber, subject: ticket?.subject ?? '', state, rating };
}

/** Sends the requester's answer to their ticket; resolves once the projection holds it. */
export async function answerSurvey(deps: { db: Database; desk: TicketDesk }, secret: string, answer: { rating: SatisfactionRating; comment: string }): Promise<SurveyView> {
  const link = await linkOf(deps.db, secret);
  const [ticket] = await deps.db.select({ requesterName: tickets.requesterName }).from(tickets).where(eq(tickets.number, link.ticketNumber));
  const actor = { kind: 'requester' as const, id: link.requesterId, ...(ticket?.requesterName ? { name: ticket.requesterName } : {}) };
  await deps.desk.send(link.ticketNumber, 'rate', { actor, survey: link.survey, rating: answer.rating, ...(answer.comment ? { comment: answer.comment } : {}) });
  await markLinkUsed(deps.db, secret);
  return surveyView(deps.db, secret);
}
