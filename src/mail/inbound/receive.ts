// The e-mail door: an answer read from the support mailbox becomes a reply on its ticket, from
// the person it comes from, through the same Update as a reply in the portal (same permissions,
// same refusals). Whether it may is decided in this order:
//   - read once: the Message-ID is recorded, so a re-read or a second reader changes nothing;
//   - machines get no answer: out-of-office replies, bounces and lists are ignored (no mail loop);
//   - who and which ticket: the reply token in the address it was sent to (the Reply-To of the
//     desk's e-mails), checked against From; or, without a token, a reference to one of the
//     ticket's e-mails from an address that takes part in it. Anything else is suspended for an
//     agent to release or discard, never guessed;
//   - what the ticket says: a Closed ticket, too many megabytes of files or a sender the ticket
//     refuses get an e-mail back saying why, and nothing is added.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { findUserByEmail, findUserById, type UserRow } from '../../accounts/users.js';
import { claimUploads } from '../../attachments/claim.js';
import { cleanFileName } from '../../attachments/names.js';
import { storeUpload } from '../../attachments/store.js';
import type { Database } from '../../db/client.js';
import { inboundMessages, notifications, tickets, type InboundOutcome } from '../../db/schema.js';
import { actorOf, maySee } from '../../tickets/access.js';
import type { TicketDesk } from '../../tickets/desk.js';
import { TicketGoneError, TicketRefusedError } from '../../tickets/errors.js';
import { isStorableText } from '../../../workflows/ticket/text.js';
import { MAX_BODY_LENGTH } from '../../../workflows/ticket/model.js';
import { ownerOfToken } from '../reply-tokens.js';
import { ticketOfReference, tokenOfAddress } from '../threading.js';
import { parseIncoming, type IncomingMail } from './parse.js';

export interface InboundDeps {
  db: Database;
  desk: TicketDesk;
  config: { MAIL_FROM: string; publicUrl: string; ATTACHMENT_MAX_FILE_SIZE: number; ATTACHMENT_MAX_MESSAGE_SIZE: number };
}

export interface Received {
  outcome: InboundOutcome;
  ticketNumber: number | null;
  reason: string | null;
}

type Attribution = { ok: true; number: number; user: UserRow } | { ok: false; number: number | null; reason: string };

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Takes one e-mail from the support mailbox; throws only when it should be tried again later (a dependency is down). */
export async function receiveMail(deps: InboundDeps, raw: Buffer): Promise<Received> {
  let mail: IncomingMail;
  try {
    mail = await parseIncoming(raw);
  } catch (error) {
    const messageId = `<${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@unreadable>`;
    return record(deps.db, { messageId, from: '', subject: '', body: '' }, { outcome: 'suspended', ticketNumber: null, reason: `could not be read: ${String(error)}` }, raw);
  }
  const [seen] = await deps.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, mail.messageId));
  if (seen) return { outcome: seen.outcome, ticketNumber: seen.ticketNumber, reason: seen.reason };
  if (mail.automatic) return record(deps.db, mail, { outcome: 'ignored', ticketNumber: null, reason: `an automatic message (${mail.automatic})` });

  const who = await attribute(deps, mail);
  if (!who.ok) return record(deps.db, mail, { outcome: 'suspended', ticketNumber: who.number, reason: who.reason }, raw);
  return addReply(deps, mail, who.number, who.user, raw);
}

/** Posts the e-mail on the ticket as its sender (also what releasing a suspended one does). */
export async function addReply(deps: InboundDeps, mail: IncomingMail, number: number, user: UserRow, raw: Buffer | null, decidedBy?: string): Promise<Received> {
  const added: InboundOutcome = decidedBy ? 'released' : 'added';
  const refuse = async (reason: 'closed' | 'tooLarge' | 'notAllowed', why: string, limit?: string) => {
    await answer(deps.db, mail, number, reason, limit);
    return record(deps.db, mail, { outcome: 'refused', ticketNumber: number, reason: why }, null, decidedBy);
  };
  const [row] = await deps.db.select({ status: tickets.status }).from(tickets).where(eq(tickets.number, number));
  if (!row || row.status === 'closed') return refuse('closed', `ticket #${number} is Closed`);
  if (!isStorableText(mail.body) || !isStorableText(mail.subject)) {
    return record(deps.db, mail, { outcome: 'suspended', ticketNumber: number, reason: 'contains characters that are not text' }, raw);
  }
  const body = mail.body.slice(0, MAX_BODY_LENGTH);
  const total = mail.files.reduce((sum, file) => sum + file.content.length, 0);
  const largest = Math.max(0, ...mail.files.map((file) => file.content.length));
  if (largest > deps.config.ATTACHMENT_MAX_FILE_SIZE) return refuse('tooLarge', 'a file is over the limit', megabytes(deps.config.ATTACHMENT_MAX_FILE_SIZE));
  if (total > deps.config.ATTACHMENT_MAX_MESSAGE_SIZE) return refuse('tooLarge', 'its files are over the limit', megabytes(deps.config.ATTACHMENT_MAX_MESSAGE_SIZE));
  if (body.length === 0 && mail.files.length === 0) return record(deps.db, mail, { outcome: 'suspended', ticketNumber: number, reason: 'no new text and no file' }, raw);

  const uploads = [];
  for (const file of mail.files) {
    const stored = await storeUpload(deps.db, { uploaderId: user.id, name: cleanFileName(file.name), source: Readable.from([file.content]), maxBytes: deps.config.ATTACHMENT_MAX_FILE_SIZE });
    uploads.push(stored.id);
  }
  const attachments = await claimUploads(deps.db, user.id, uploads, deps.config.ATTACHMENT_MAX_MESSAGE_SIZE);
  try {
    // The request id comes from the Message-ID: the same e-mail read twice is one reply.
    const requestId = `mail-${createHash('sha256').update(mail.messageId).digest('hex').slice(0, 32)}`;
    await deps.desk.send(number, 'reply', { actor: actorOf(user), body, ...(attachments.length ? { attachments } : {}) }, { userId: user.id, requestId });
  } catch (error) {
    if (error instanceof TicketGoneError || (error instanceof TicketRefusedError && error.reason === 'transition' && error.status === 'closed')) {
      return refuse('closed', `ticket #${number} is Closed`);
    }
    if (error instanceof TicketRefusedError) return refuse('notAllowed', error.message);
    throw error;
  }
  return record(deps.db, mail, { outcome: added, ticketNumber: number, reason: null }, null, decidedBy, user.id);
}

async function attribute(deps: InboundDeps, mail: IncomingMail): Promise<Attribution> {
  const token = mail.recipients.map(tokenOfAddress).find((found) => found !== null);
  if (token) {
    const owner = await ownerOfToken(deps.db, token);
    if (!owner) return { ok: false, number: null, reason: 'its reply address names no ticket' };
    const user = await findUserById(deps.db, owner.userId);
    if (!user || user.disabledAt) return { ok: false, number: owner.ticketNumber, reason: 'its reply address belongs to an account that is closed' };
    // A forwarded e-mail answered by someone else: the token is not theirs to use.
    if (user.email !== mail.from) return { ok: false, number: owner.ticketNumber, reason: `its reply address is ${user.email}'s, but it came from ${mail.from}` };
    return { ok: true, number: owner.ticketNumber, user };
  }
  const number = ticketOfReference(mail.references, { from: deps.config.MAIL_FROM, publicUrl: deps.config.publicUrl });
  if (number === null) return { ok: false, number: null, reason: 'it answers none of the desk\u2019s e-mails' };
  const user = await findUserByEmail(deps.db, mail.from);
  if (!user || user.disabledAt) return { ok: false, number, reason: `${mail.from} has no account` };
  if (!(await maySee(deps.db, user, number))) return { ok: false, number, reason: `${mail.from} does not take part in ticket #${number}` };
  return { ok: true, number, user };
}

/** The e-mail back that says why nothing was added, through the outbox like every other e-mail. */
async function answer(db: Database, mail: IncomingMail, number: number, reason: string, limit?: string): Promise<void> {
  if (!mail.from) return;
  const user = await findUserByEmail(db, mail.from);
  await db
    .insert(notifications)
    .values({
      dedupeKey: `inbound:${mail.messageId}:refused`,
      kind: 'reply_refused',
      ticketNumber: number,
      recipient: mail.from,
      recipientId: user?.id ?? null,
      payload: { reason, originalSubject: mail.subject, ...(limit ? { limit } : {}) },
    })
    .onConflictDoNothing();
}

async function record(
  db: Database,
  mail: Pick<IncomingMail, 'messageId' | 'from' | 'subject' | 'body'>,
  result: Received,
  raw: Buffer | null = null,
  decidedBy?: string,
  userId?: string,
): Promise<Received> {
  const values = {
    messageId: mail.messageId,
    fromAddress: mail.from,
    // What cannot be stored is said in the reason, not kept.
    subject: isStorableText(mail.subject) ? mail.subject.slice(0, 500) : '',
    body: isStorableText(mail.body) ? mail.body.slice(0, MAX_BODY_LENGTH) : '',
    outcome: result.outcome,
    reason: result.reason,
    ticketNumber: result.ticketNumber,
    raw,
    ...(userId ? { userId } : {}),
    ...(decidedBy ? { decidedBy, decidedAt: new Date() } : {}),
  };
  if (decidedBy) await db.update(inboundMessages).set(values).where(eq(inboundMessages.messageId, mail.messageId));
  else await db.insert(inboundMessages).values(values).onConflictDoNothing();
  return result;
}
