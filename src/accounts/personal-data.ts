// Everything the desk holds about one person, as one document: their account and organizations,
// the tickets they requested or are CC'd on, every message they wrote and every change they made,
// the files they sent, the e-mails the desk sent them and the e-mails it read from them. What
// Temporal keeps is said in the README (Personal data): the ticket histories, encrypted.
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { attachments, inboundMessages, memberships, notifications, organizations, ticketComments, ticketEvents, tickets, users } from '../db/schema.js';

export async function personalData(db: Database, userId: string, publicUrl: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const [orgs, involved, messages, changes, files, mailsOut, mailsIn] = await Promise.all([
    db.select({ id: organizations.id, name: organizations.name }).from(memberships).innerJoin(organizations, eq(organizations.id, memberships.organizationId)).where(eq(memberships.userId, userId)),
    db
      .select({ number: tickets.number, subject: tickets.subject, type: tickets.type, status: tickets.status, requesterId: tickets.requesterId, createdAt: tickets.createdAt })
      .from(tickets)
      .where(or(eq(tickets.requesterId, userId), sql`${userId} = any(${tickets.ccIds})`))
      .orderBy(asc(tickets.number)),
    db
      .select({ ticketNumber: ticketComments.ticketNumber, seq: ticketComments.seq, at: ticketComments.createdAt, internal: ticketComments.internal, body: ticketComments.body })
      .from(ticketComments)
      .where(eq(ticketComments.authorId, userId))
      .orderBy(asc(ticketComments.ticketNumber), asc(ticketComments.seq)),
    db
      .select({ ticketNumber: ticketEvents.ticketNumber, seq: ticketEvents.seq, at: ticketEvents.at, kind: ticketEvents.kind, fromStatus: ticketEvents.fromStatus, toStatus: ticketEvents.toStatus, data: ticketEvents.data })
      .from(ticketEvents)
      .where(eq(ticketEvents.actorId, userId))
      .orderBy(asc(ticketEvents.ticketNumber), asc(ticketEvents.seq)),
    db
      .select({ id: attachments.id, name: attachments.name, type: attachments.type, size: attachments.size, ticketNumber: attachments.ticketNumber, createdAt: attachments.createdAt })
      .from(attachments)
      .where(and(eq(attachments.uploaderId, userId), eq(attachments.complete, true)))
      .orderBy(asc(attachments.createdAt)),
    db
      .select({ kind: notifications.kind, ticketNumber: notifications.ticketNumber, createdAt: notifications.createdAt, sentAt: notifications.sentAt })
      .from(notifications)
      .where(or(eq(notifications.recipientId, userId), eq(notifications.recipient, user.email)))
      .orderBy(asc(notifications.id)),
    db
      .select({ receivedAt: inboundMessages.receivedAt, subject: inboundMessages.subject, outcome: inboundMessages.outcome, ticketNumber: inboundMessages.ticketNumber, body: inboundMessages.body })
      .from(inboundMessages)
      .where(eq(inboundMessages.fromAddress, user.email))
      .orderBy(asc(inboundMessages.id)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      language: user.language,
      hasPassword: user.passwordHash !== null,
      disabledAt: user.disabledAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
    },
    organizations: orgs,
    tickets: involved.map((t) => ({ ...t, as: t.requesterId === userId ? 'requester' : 'cc', createdAt: t.createdAt.toISOString(), requesterId: undefined })),
    messages: messages.map((m) => ({ ...m, at: m.at.toISOString() })),
    // A satisfaction rating is a change with their words in it: the rating and the comment come with it.
    changes: changes.map(({ data, ...c }) => ({ ...c, at: c.at.toISOString(), ...(c.kind === 'satisfaction_rated' ? { rating: data.rating, comment: data.comment } : {}) })),
    files: files.map((f) => ({ ...f, createdAt: f.createdAt.toISOString(), url: `${publicUrl}/attachments/${f.id}` })),
    emailsSent: mailsOut.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null })),
    emailsReceived: mailsIn.map((m) => ({ ...m, receivedAt: m.receivedAt.toISOString() })),
  };
}
