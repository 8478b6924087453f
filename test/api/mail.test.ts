// The notification outbox: printed and readable in the development mailbox without SMTP; over
// real SMTP, retried after a refusal and never delivered twice, even by two delivery loops.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLink } from '../../src/accounts/links.js';
import { notifications } from '../../src/db/schema.js';
import { retryDelayMs, startMailDelivery, type MailDelivery } from '../../src/mail/delivery.js';
import { renderMail, ticketUrl } from '../../src/mail/templates.js';
import { requestId, startApi, TEST_PASSWORD, type TestApi } from '../helpers/api.js';
import { recipients, sendBacklogNowhere, startSmtpInbox, type SmtpInbox } from '../helpers/smtp.js';

let api: TestApi;
let inbox: SmtpInbox;
const deliveries: MailDelivery[] = [];
const printed: string[] = [];
const HOUR = 3_600_000;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  [api, inbox] = await Promise.all([startApi(), startSmtpInbox()]);
  await sendBacklogNowhere(api.stack.db, api.config);
});
afterAll(async () => {
  for (const delivery of deliveries) await delivery.stop();
  await api?.close();
  await inbox?.close();
});

const email = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;

function delivery(smtp: boolean): MailDelivery {
  const logger = smtp ? quiet : { ...quiet, info: (_fields: unknown, message: string) => void printed.push(message) };
  // Passes are run by the test itself: the timer is set far out of the way.
  const started = startMailDelivery({ db: api.stack.db, config: { ...api.config, SMTP_URL: smtp ? inbox.url : undefined }, logger: logger as never, intervalMs: HOUR });
  deliveries.push(started);
  return started;
}

describe('without SMTP', () => {
  it('prints each e-mail and keeps it readable in the development mailbox, links included', async () => {
    const printer = delivery(false);
    const { api: requester } = await api.signedIn();
    const { number } = await requester.tickets.create.mutate({ type: 'critical', subject: 'Rentals blocked', description: 'No bike unlocks', requestId: requestId() });
    const newcomer = email('newcomer');
    await api.client().auth.requestAccess.mutate({ email: newcomer });
    await printer.deliverDue();

    expect(printed.some((text) => text.includes(`${api.url}/tickets/${number}`))).toBe(true);
    const rows = await api.stack.db.select().from(notifications).where(eq(notifications.ticketNumber, number));
    expect(rows.map((r) => r.kind).sort()).toEqual(['critical_created', 'ticket_created']);
    expect(rows.every((r) => r.sentAt !== null && r.attempts === 1)).toBe(true);

    const page = await (await fetch(`${api.url}/dev/mailbox`)).text();
    expect(page).toContain(`[#${number}] Request received: Rentals blocked`);
    expect(page).toContain(`[#${number}] Critical / SEV ticket opened: Rentals blocked`);
    expect(page).toContain(`${api.url}/tickets/${number}`);
    // The newcomer can get in with the link shown there.
    const token = new RegExp(`${api.url}/set-password\\?token=([\\w-]+)`).exec(page)?.[1];
    expect(token).toBeDefined();
    const visitor = api.client();
    await visitor.auth.setPassword.mutate({ token: token!, password: TEST_PASSWORD });
    expect((await visitor.auth.me.query())?.email).toBe(newcomer);
  });
});

describe('the development mailbox', () => {
  it('answers an e-mail as its recipient would, through the e-mail door: the answer becomes their reply', async () => {
    const { api: requester, user } = await api.signedIn({ label: 'answerer' });
    const { api: agent } = await api.signedIn({ role: 'agent', label: 'helper' });
    const { number } = await requester.tickets.create.mutate({ type: 'software_issue', subject: 'Map is blank', description: 'No map.', requestId: requestId() });
    await agent.tickets.reply.mutate({ number, body: 'Which phone do you use?', status: 'pending', requestId: requestId() });
    const [row] = await api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, number), eq(notifications.kind, 'agent_replied')));

    const page = await (await fetch(`${api.url}/dev/mailbox`)).text();
    expect(page).toContain('##- Please type your reply above this line -##');
    expect(page).toContain(`name="notification" value="${row.id}"`);
    const answered = await fetch(`${api.url}/dev/mailbox/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: api.url },
      body: new URLSearchParams({ notification: String(row.id), text: 'A Pixel 8, Android 16.' }),
      redirect: 'manual',
    });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe('/dev/mailbox?answered=added');
    const { ticket, conversation } = await requester.tickets.get.query({ number });
    expect(conversation.at(-1)).toMatchObject({ body: 'A Pixel 8, Android 16.', author: { id: user.id } });
    expect(ticket.status).toBe('open');

    // From another site, the form is refused.
    const forged = await fetch(`${api.url}/dev/mailbox/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://elsewhere.example' },
      body: new URLSearchParams({ notification: String(row.id), text: 'forged' }),
    });
    expect(forged.status).toBe(403);
  });
});

describe('templates', () => {
  const context = (language: 'en' | 'fr') => ({ publicUrl: 'https://desk.example', language, timeZone: 'Europe/Paris', repliesByMail: false });
  const payload = { subject: 'Dock 4 offline', status: 'pending', type: 'hardware_issue', autoCloseAt: '2026-12-05T13:03:00.000Z' };
  const kinds: Record<string, { en: RegExp; fr: RegExp }> = {
    ticket_created: { en: /Request received/, fr: /Demande reçue/ },
    critical_created: { en: /Critical/, fr: /Critique/ },
    agent_replied: { en: /Support Ops replied/, fr: /Réponse de Support Ops/ },
    requester_replied: { en: /reply from the requester/, fr: /réponse du demandeur/ },
    pending_reminder: { en: /Reminder/, fr: /Rappel/ },
    ticket_solved: { en: /Solved/, fr: /Résolu/ },
    ticket_closed: { en: /Closed/, fr: /Clos/ },
    sla_breached: { en: /target missed/, fr: /Objectif de première réponse dépassé/ },
    first_reply_warning: { en: /First-reply target soon/, fr: /Échéance de première réponse proche/ },
    next_reply_warning: { en: /Next-reply target soon/, fr: /Échéance de prochaine réponse proche/ },
    resolution_warning: { en: /Resolution target soon/, fr: /Échéance de résolution proche/ },
    next_reply_breached: { en: /Next-reply target missed/, fr: /Objectif de prochaine réponse dépassé/ },
    resolution_breached: { en: /Resolution target missed/, fr: /Objectif de résolution dépassé/ },
    page_email: { en: /Page: first-reply target missed/, fr: /Astreinte : objectif de première réponse dépassé/ },
  };

  it('every ticket notice names the ticket number in its subject and links to the ticket, in English and in French', () => {
    for (const [kind, subjects] of Object.entries(kinds)) {
      for (const language of ['en', 'fr'] as const) {
        const mail = renderMail({ kind, ticketNumber: 42, payload }, context(language));
        expect(mail.subject).toMatch(/^\[#42\] /);
        expect(mail.subject).toMatch(subjects[language]);
        expect(mail.subject).toContain('Dock 4 offline');
        expect(mail.text).toContain(ticketUrl('https://desk.example', 42));
      }
    }
    const closed = renderMail({ kind: 'ticket_closed', ticketNumber: 42, payload }, context('en'));
    expect(closed.text).toMatch(/follow-up/);
    expect(renderMail({ kind: 'ticket_closed', ticketNumber: 42, payload }, context('fr')).text).toMatch(/demande de suivi/);
  });

  it('a Pending ticket says to answer and by when, in the reader\u2019s language and the team\u2019s time zone', () => {
    const english = renderMail({ kind: 'agent_replied', ticketNumber: 42, payload }, context('en'));
    expect(english.text).toContain('Answer to keep the ticket open: without an answer it closes on Saturday, 5 December 2026 at 14:03 CET.');
    const french = renderMail({ kind: 'pending_reminder', ticketNumber: 42, payload }, context('fr'));
    expect(french.text).toContain('sans réponse, il sera clos le samedi 5 décembre 2026 à 14:03 UTC+1.');
    expect(french.text).not.toMatch(/\b(the|ticket is|answer)\b/);
  });

  it('quotes the public message that caused the e-mail, and asks for an answer by e-mail only when the mailbox is read', () => {
    const message = { author: 'Ada', body: 'Please send a photo of the dock.', files: ['dock.jpg'] };
    const byPortal = renderMail({ kind: 'agent_replied', ticketNumber: 42, payload: { ...payload, message } }, context('en'));
    expect(byPortal.text).toContain('Ada wrote:\n\nPlease send a photo of the dock.');
    expect(byPortal.text).toContain('dock.jpg');
    expect(byPortal.text).not.toContain('above this line');
    const byMail = renderMail({ kind: 'agent_replied', ticketNumber: 42, payload: { ...payload, message } }, { ...context('fr'), repliesByMail: true });
    expect(byMail.text.split('\n')[0]).toBe('##- Veuillez écrire votre réponse au-dessus de cette ligne -##');
    expect(byMail.text).toContain('Répondez à cet e-mail');
  });

  it('account e-mails carry their link, in both languages', () => {
    const link = { url: 'https://desk.example/reset-password?token=abc', expiresAt: new Date().toISOString() };
    const reset = renderMail({ kind: 'reset_password', ticketNumber: null, payload: link }, context('en'));
    expect(reset.subject).toMatch(/Reset/);
    expect(reset.text).toContain(link.url);
    const french = renderMail({ kind: 'set_password', ticketNumber: null, payload: link }, context('fr'));
    expect(french.subject).toMatch(/mot de passe/);
    expect(french.text).toContain(link.url);
  });
});

describe('over SMTP', () => {
  it('a refused delivery is retried later, with a growing delay, and arrives once', async () => {
    const mailer = delivery(true);
    const address = email('retry');
    inbox.refuseNext(address, 1);
    await issueLink(api.stack.db, api.config.publicUrl, 'access', address);
    const before = Date.now();
    await mailer.deliverDue();
    let [row] = await api.stack.db.select().from(notifications).where(eq(notifications.recipient, address));
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/busy/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + retryDelayMs(1) - 1000);
    expect(inbox.to(address)).toHaveLength(0);
    // Not due yet: nothing happens.
    await mailer.deliverDue();
    expect(inbox.to(address)).toHaveLength(0);

    await api.stack.db.update(notifications).set({ nextAttemptAt: new Date() }).where(eq(notifications.id, row.id));
    await mailer.deliverDue();
    [row] = await api.stack.db.select().from(notifications).where(eq(notifications.id, row.id));
    expect(row.sentAt).not.toBeNull();
    expect(row.attempts).toBe(2);
    expect(inbox.to(address)).toHaveLength(1);
    await mailer.deliverDue();
    expect(inbox.to(address)).toHaveLength(1);
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
  });

  it('two delivery loops at once never send the same row twice', async () => {
    const [a, b] = [delivery(true), delivery(true)];
    const addresses = Array.from({ length: 6 }, () => email('once'));
    for (const address of addresses) await issueLink(api.stack.db, api.config.publicUrl, 'reset', address);
    await Promise.all([a.deliverDue(), b.deliverDue(), a.deliverDue(), b.deliverDue()]);
    for (const address of addresses) expect(inbox.to(address)).toHaveLength(1);
    const rows = await api.stack.db.select().from(notifications).where(inArray(notifications.recipient, addresses));
    expect(rows.every((r) => r.sentAt !== null && r.attempts === 1)).toBe(true);
    // Each message carries an id derived from its row, so a resend after a crash is recognisable.
    const ids = inbox.messages.filter((m) => addresses.includes(recipients(m)[0] ?? '')).map((m) => m.messageId);
    expect(new Set(ids).size).toBe(addresses.length);
  });
});
