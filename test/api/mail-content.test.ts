// What people find in their inbox, end to end over real SMTP: each e-mail in its reader's
// language, the public reply's text (never an internal note's), what to do and by when, one
// e-mail for a reply "submitted as" a new status, and a ticket's e-mails threaded together.
import { and, eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, users } from '../../src/db/schema.js';
import { startMailDelivery, type MailDelivery } from '../../src/mail/delivery.js';
import { requestId, startApi, type TestApi } from '../helpers/api.js';
import { sendBacklogNowhere, startSmtpInbox, type SmtpInbox } from '../helpers/smtp.js';

let api: TestApi;
let inbox: SmtpInbox;
let mailer: MailDelivery;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  [api, inbox] = await Promise.all([startApi({ settings: { MAIL_FROM: 'Support Ops <support@desk.example>', TIME_ZONE: 'Europe/Paris' } }), startSmtpInbox()]);
  await sendBacklogNowhere(api.stack.db, api.config);
  mailer = startMailDelivery({ db: api.stack.db, config: { ...api.config, SMTP_URL: inbox.url }, logger: quiet as never, intervalMs: 3_600_000 });
});
afterAll(async () => {
  await mailer?.stop();
  await api?.close();
  await inbox?.close();
});

/** Delivers what the ticket has caused so far; the projection writes the rows before the call returns. */
async function deliver(): Promise<void> {
  while ((await mailer.deliverDue()) > 0);
}

const ofTicket = (address: string, number: number) => inbox.to(address).filter((m) => m.subject?.startsWith(`[#${number}]`));
const header = (mail: ParsedMail, name: string) => String(mail.headers.get(name) ?? '');

describe('ticket e-mails', () => {
  it('speak each reader\u2019s language, carry the public reply and what to do by when, and never an internal note', async () => {
    const requester = await api.signedIn({ label: 'requester' });
    const colleague = await api.signedIn({ label: 'colleague' });
    const agent = await api.signedIn({ role: 'agent', label: 'agent' });
    await requester.api.auth.setLanguage.mutate({ language: 'fr' });
    const { number } = await requester.api.tickets.create.mutate({
      type: 'hardware_issue',
      subject: 'Borne 4 hors service',
      description: 'La borne ne s’allume plus.',
      ccEmails: [colleague.user.email],
      requestId: requestId(),
    });
    await agent.api.tickets.reply.mutate({ number, body: 'Secret: the dock firmware is known bad.', internal: true, requestId: requestId() });
    await agent.api.tickets.reply.mutate({ number, body: 'Could you send a photo of the dock?', status: 'pending', requestId: requestId() });
    await deliver();

    // The requester reads French: the confirmation quotes their request, the reply says by when.
    const [created, replied, ...more] = ofTicket(requester.user.email, number);
    expect(more).toHaveLength(0);
    expect(created.subject).toBe(`[#${number}] Demande reçue : Borne 4 hors service`);
    expect(created.text).toContain('La borne ne s’allume plus.');
    expect(replied.subject).toBe(`[#${number}] Réponse de Support Ops : Borne 4 hors service`);
    expect(replied.text).toContain('Could you send a photo of the dock?');
    const [row] = await api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, number), eq(notifications.kind, 'agent_replied'), eq(notifications.recipient, requester.user.email)));
    expect(row.payload.autoCloseAt).toEqual(expect.any(String));
    expect(replied.text).toMatch(/Répondez pour garder le ticket ouvert : sans réponse, il sera clos le \p{L}+ \d{1,2} \p{L}+ 20\d\d à \d\d:\d\d/u);

    // The CC'd colleague has chosen no language: the desk's default, English.
    const [colleagueMail, ...others] = ofTicket(colleague.user.email, number);
    expect(others).toHaveLength(0);
    expect(colleagueMail).toBeDefined();
    expect(colleagueMail.subject).toBe(`[#${number}] Support Ops replied: Borne 4 hors service`);
    expect(colleagueMail.text).toMatch(/without an answer it closes on \w+, \d{1,2} \w+ 20\d\d at \d\d:\d\d/);

    // The internal note is in nobody's e-mail, nor in any outbox row.
    for (const mail of inbox.messages) expect(mail.text).not.toContain('firmware is known bad');
    const rows = await api.stack.db.select().from(notifications).where(eq(notifications.ticketNumber, number));
    expect(JSON.stringify(rows.map((r) => r.payload))).not.toContain('firmware is known bad');
  });

  it('a reply submitted as Solved is one e-mail, not two; the language is read when the e-mail is sent', async () => {
    const requester = await api.signedIn({ label: 'solved' });
    const agent = await api.signedIn({ role: 'agent', label: 'solver' });
    const { number } = await requester.api.tickets.create.mutate({ type: 'software_issue', subject: 'App crash', description: 'It crashes.', requestId: requestId() });
    await deliver();
    await api.stack.db.update(users).set({ language: 'fr' }).where(eq(users.id, requester.user.id));
    await agent.api.tickets.reply.mutate({ number, body: 'Fixed in 2.4.1.', status: 'solved', requestId: requestId() });
    await deliver();
    const mails = ofTicket(requester.user.email, number);
    expect(mails.map((m) => m.subject)).toEqual([`[#${number}] Request received: App crash`, `[#${number}] Réponse de Support Ops : App crash`]);
    expect(mails[1].text).toContain('Fixed in 2.4.1.');
    expect(mails[1].text).toMatch(/répondez pour rouvrir le ticket ; sinon il sera clos le/);
  });

  it('an access link asked from the French portal comes in French to an address without an account', async () => {
    const address = `nouveau-${Date.now()}@example.test`;
    await api.client().auth.requestAccess.mutate({ email: address, language: 'fr' });
    await deliver();
    const [mail] = inbox.to(address);
    expect(mail.subject).toBe('Votre accès au support : choisissez votre mot de passe');
    expect(mail.text).toMatch(/Le lien ne sert qu’une fois et expire le \p{L}+ \d{1,2} \p{L}+ 20\d\d/u);
  });

  it('a ticket\u2019s e-mails thread together: one root referenced by all, a Message-ID of their own, from the sender\u2019s domain', async () => {
    const requester = await api.signedIn({ label: 'thread' });
    const agent = await api.signedIn({ role: 'agent', label: 'threader' });
    const { number } = await requester.api.tickets.create.mutate({ type: 'feature_request', subject: 'Dark mode', description: 'Please.', requestId: requestId() });
    await agent.api.tickets.reply.mutate({ number, body: 'Noted.', requestId: requestId() });
    await agent.api.tickets.solve.mutate({ number, requestId: requestId() });
    await deliver();
    const mails = ofTicket(requester.user.email, number);
    expect(mails).toHaveLength(3);
    const roots = new Set(mails.map((m) => header(m, 'in-reply-to')));
    expect(roots.size).toBe(1);
    const [root] = roots;
    expect(root).toMatch(new RegExp(`^<ticket-${number}\\.[0-9a-f]+@desk\\.example>$`));
    for (const mail of mails) expect(mail.references).toEqual(root);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(3);
    for (const mail of mails) expect(mail.messageId).toMatch(/@desk\.example>$/);
    expect(header(mails[0], 'auto-submitted')).toBe('auto-generated');
  });
});
