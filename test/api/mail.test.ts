// The notification outbox: printed and readable in the development mailbox without SMTP; over
// real SMTP, retried after a refusal and never delivered twice, even by two delivery loops.
import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
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

describe('templates', () => {
  it('every ticket notice names the ticket number in its subject and links to the ticket', () => {
    const payload = { subject: 'Dock 4 offline', status: 'pending', type: 'hardware_issue' };
    const expected: Record<string, RegExp> = {
      ticket_created: /Request received/,
      critical_created: /Critical/,
      agent_replied: /Support Ops replied/,
      requester_replied: /reply from the requester/,
      pending_reminder: /Reminder/,
      ticket_solved: /Solved/,
      ticket_closed: /Closed/,
      sla_breached: /target missed/,
    };
    for (const [kind, subject] of Object.entries(expected)) {
      const mail = renderMail({ kind, ticketNumber: 42, payload }, 'https://desk.example');
      expect(mail.subject).toMatch(/^\[#42\] /);
      expect(mail.subject).toMatch(subject);
      expect(mail.subject).toContain('Dock 4 offline');
      expect(mail.text).toContain(ticketUrl('https://desk.example', 42));
    }
    const closed = renderMail({ kind: 'ticket_closed', ticketNumber: 42, payload }, 'https://desk.example');
    expect(closed.text).toMatch(/follow-up/);
    const reset = renderMail({ kind: 'reset_password', ticketNumber: null, payload: { url: 'https://desk.example/reset-password?token=abc', expiresAt: new Date().toISOString() } }, 'https://desk.example');
    expect(reset.subject).toMatch(/Reset/);
    expect(reset.text).toContain('https://desk.example/reset-password?token=abc');
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
