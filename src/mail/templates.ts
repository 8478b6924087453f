// The words of every e-mail the desk sends: one template per outbox kind. Ticket mails name the
// ticket number in the subject and link to the ticket, so that a person can act from their inbox.
import { SUPPORT_OPS } from '../../workflows/ticket/effects.js';
import { STATUS_LABELS, TYPE_LABELS, type TicketStatus, type TicketType } from '../../workflows/ticket/model.js';

export interface OutboxRow {
  kind: string;
  ticketNumber: number | null;
  payload: Record<string, unknown>;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

export const ticketUrl = (publicUrl: string, number: number) => `${publicUrl}/tickets/${number}`;

const SIGNATURE = '\n\n— Support Ops';

type TicketTemplate = (t: { number: number; subject: string; type: string; status: string; url: string }) => RenderedMail;

const ticketTemplates: Record<string, TicketTemplate> = {
  ticket_created: (t) => ({
    subject: `[#${t.number}] Request received: ${t.subject}`,
    text:
      `Your request #${t.number} "${t.subject}" (${t.type}) has been created and assigned to Support Ops for investigation.\n` +
      `Keep this number: you can follow the ticket and answer at ${t.url}`,
  }),
  critical_created: (t) => ({
    subject: `[#${t.number}] Critical / SEV ticket opened: ${t.subject}`,
    text: `A Critical / SEV ticket needs immediate attention: #${t.number} "${t.subject}".\nOpen it: ${t.url}`,
  }),
  agent_replied: (t) => ({
    subject: `[#${t.number}] Support Ops replied: ${t.subject}`,
    text: `Support Ops replied on ticket #${t.number} "${t.subject}" (now ${t.status}).\nRead and answer: ${t.url}`,
  }),
  requester_replied: (t) => ({
    subject: `[#${t.number}] New reply from the requester: ${t.subject}`,
    text: `The requester replied on ticket #${t.number} "${t.subject}" (now ${t.status}).\nOpen it: ${t.url}`,
  }),
  pending_reminder: (t) => ({
    subject: `[#${t.number}] Reminder: we are waiting for your answer: ${t.subject}`,
    text:
      `Support Ops needs more information from you on ticket #${t.number} "${t.subject}".\n` +
      `Without an answer the ticket will be closed automatically. Answer here: ${t.url}`,
  }),
  ticket_solved: (t) => ({
    subject: `[#${t.number}] Solved: ${t.subject}`,
    text:
      `Ticket #${t.number} "${t.subject}" is now Solved.\n` +
      `If the problem is not solved, reply on the ticket to reopen it; otherwise it will be closed automatically.\n${t.url}`,
  }),
  ticket_closed: (t) => ({
    subject: `[#${t.number}] Closed: ${t.subject}`,
    text:
      `Ticket #${t.number} "${t.subject}" is now Closed and accepts no more replies.\n` +
      `If you need more help on this subject, open a follow-up request from the ticket: ${t.url}`,
  }),
  sla_breached: (t) => ({
    subject: `[#${t.number}] First-reply target missed: ${t.subject}`,
    text: `Ticket #${t.number} "${t.subject}" (${t.type}) has had no first reply within its target.\nOpen it: ${t.url}`,
  }),
};

const label = <K extends string>(labels: Record<K, string>, value: unknown) => labels[value as K] ?? String(value ?? '');

/** Where an outbox row's e-mail goes: Support Ops rows go to the configured team address. */
export function recipientAddress(recipient: string, supportOpsEmail: string): string {
  return recipient === SUPPORT_OPS ? supportOpsEmail : recipient;
}

export function renderMail(row: OutboxRow, publicUrl: string): RenderedMail {
  const payload = row.payload;
  if (row.kind === 'set_password' || row.kind === 'reset_password') {
    const url = typeof payload.url === 'string' ? payload.url : '(this link has been used or removed)';
    const until = typeof payload.expiresAt === 'string' ? new Date(payload.expiresAt).toUTCString() : 'soon';
    const mail =
      row.kind === 'set_password'
        ? {
            subject: 'Your Support desk access: set your password',
            text: `You asked for access to the Support desk. Follow this link to set your password:\n${url}\n\nThe link works once and expires ${until}.`,
          }
        : {
            subject: 'Reset your Support desk password',
            text: `Someone (hopefully you) asked to reset your Support desk password. Follow this link to choose a new one:\n${url}\n\nThe link works once and expires ${until}. If you did not ask, ignore this e-mail.`,
          };
    return { subject: mail.subject, text: mail.text + SIGNATURE };
  }
  if (row.ticketNumber !== null) {
    const template = ticketTemplates[row.kind];
    const facts = {
      number: row.ticketNumber,
      subject: String(payload.subject ?? ''),
      type: label<TicketType>(TYPE_LABELS, payload.type),
      status: label<TicketStatus>(STATUS_LABELS, payload.status),
      url: ticketUrl(publicUrl, row.ticketNumber),
    };
    const mail = template
      ? template(facts)
      : { subject: `[#${facts.number}] Update: ${facts.subject}`, text: `Ticket #${facts.number} "${facts.subject}" changed.\n${facts.url}` };
    return { subject: mail.subject, text: mail.text + SIGNATURE };
  }
  return { subject: 'Support desk notification', text: `${JSON.stringify(payload)}${SIGNATURE}` };
}
