// Paging the on-call (issue 14's escalation ladder): a Critical / SEV ticket that misses its
// first-reply target pages the on-call through the outbox, by a signed webhook to a real HTTP
// receiver (retried while it fails or is busy, given up at once when it refuses the page) and by
// e-mail to the on-call address over real SMTP, in the language set for pages. The page is in the
// audit trail Support Ops read, never in what the requester sees.
import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { MAX_ATTEMPTS, startMailDelivery, type MailConfig, type MailDelivery } from '../../src/mail/delivery.js';
import { registerPageMetrics } from '../../src/observability/page-metrics.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { recipients, startSmtpInbox, type SmtpInbox } from '../helpers/smtp.js';
import { FAST_POLICY } from '../helpers/stack.js';
import { requestId, startApi, type TestApi } from '../helpers/api.js';
import { signedBy, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { eventually } from '../helpers/wait.js';

const SECRET = randomBytes(32).toString('hex');
const ON_CALL_EMAIL = 'on-call@ops.example.test';
const HOUR = 3_600_000;

let api: TestApi;
let inbox: SmtpInbox;
let receiver: WebhookReceiver;
let closeDatabase: () => Promise<void>;
const deliveries: MailDelivery[] = [];

beforeAll(async () => {
  // A database of its own: the suite's other delivery loops must not take these pages.
  const fresh = await freshDatabase('pages', { firstTicketNumberAbove: 6_000_000_000 });
  closeDatabase = () => fresh.db.close();
  [inbox, receiver] = await Promise.all([startSmtpInbox(), startWebhookReceiver(SECRET)]);
  // Critical / SEV tickets get their first reply within 2 seconds (FAST_POLICY), or page.
  api = await startApi({ databaseUrl: fresh.url, policy: FAST_POLICY, settings: { PAGE_WEBHOOK_URL: receiver.url, PAGE_WEBHOOK_SECRET: SECRET, PAGE_EMAIL: ON_CALL_EMAIL } });
});
afterAll(async () => {
  for (const delivery of deliveries) await delivery.stop();
  await api?.close();
  await Promise.all([inbox?.close(), receiver?.close()]);
  await closeDatabase?.();
});

type Logged = { level: 'info' | 'warn' | 'error'; fields: Record<string, unknown>; message: string };

/** A delivery loop whose passes the test runs itself, over real SMTP, keeping what it logs. */
function delivery(settings: Partial<MailConfig> = {}): { loop: MailDelivery; logged: Logged[] } {
  const logged: Logged[] = [];
  const keep = (level: Logged['level']) => (fields: Record<string, unknown>, message: string) => void logged.push({ level, fields, message });
  const loop = startMailDelivery({ db: api.stack.db, config: { ...api.config, SMTP_URL: inbox.url, ...settings }, logger: { info: keep('info'), warn: keep('warn'), error: keep('error') } as never, intervalMs: HOUR });
  deliveries.push(loop);
  return { loop, logged };
}

async function pageRow(number: number, kind: 'page_webhook' | 'page_email') {
  const [row] = await api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, number), eq(notifications.kind, kind))).orderBy(asc(notifications.id));
  return row;
}

/** What support_desk_pages_undelivered says now, by "channel state". */
async function undeliveredPages(): Promise<Record<string, number>> {
  const registry = new Registry();
  registerPageMetrics(registry, api.stack.db);
  const metric = await registry.getSingleMetric('support_desk_pages_undelivered')!.get();
  return Object.fromEntries(metric.values.map((value) => [`${value.labels.channel} ${value.labels.state}`, value.value]));
}

/** Makes a row due now, as if its retry delay had passed. */
const dueNow = (id: number) => api.stack.db.update(notifications).set({ nextAttemptAt: new Date() }).where(eq(notifications.id, id));

/** A Critical / SEV ticket left without a first reply until its target passes: paged by both channels. */
async function breachedCriticalTicket(subject = 'Payments refused at every station') {
  const { api: requester } = await api.signedIn({ label: 'shop' });
  const { number } = await requester.tickets.create.mutate({ type: 'critical', subject, description: 'No subscription payment goes through.', requestId: requestId() });
  await eventually(async () => {
    expect(await pageRow(number, 'page_webhook')).toBeDefined();
    expect(await pageRow(number, 'page_email')).toBeDefined();
  }, { timeoutMs: 15_000, intervalMs: 100 });
  return { number, requester };
}

describe('the webhook page', () => {
  it('arrives once, signed, after a retry when the receiver failed first; it is in Support Ops\u2019 audit trail and not the requester\u2019s', async () => {
    const { number, requester } = await breachedCriticalTicket();
    const { loop, logged } = delivery();
    receiver.answer(500, 200);

    await loop.deliverDue();
    let row = await pageRow(number, 'page_webhook');
    expect(receiver.received).toHaveLength(1);
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('HTTP 500');
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(logged).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ kind: 'page_webhook', ticketNumber: number, attempts: 1 }) }));
    // Not due yet: nothing is sent.
    await loop.deliverDue();
    expect(receiver.received).toHaveLength(1);

    await dueNow(row.id);
    await loop.deliverDue();
    await loop.deliverDue();
    row = await pageRow(number, 'page_webhook');
    expect(row.sentAt).not.toBeNull();
    expect(row.attempts).toBe(2);
    expect(receiver.received.map((page) => page.status)).toEqual([500, 200]);
    expect(receiver.received.every((page) => page.signed)).toBe(true);
    expect(logged).toContainEqual(expect.objectContaining({ level: 'info', message: 'on-call paged', fields: expect.objectContaining({ ticketNumber: number, attempts: 2 }) }));

    // Support Ops see the page in the audit trail, with the breach's instant the page names.
    const { api: agent } = await api.signedIn({ role: 'agent' });
    const { workEvents } = await agent.tickets.get.query({ number });
    const paged = workEvents.find((event) => event.kind === 'sla_paged');
    expect(paged?.data).toMatchObject({ target: 'firstReply', channels: ['webhook', 'email'] });
    const [first, second] = receiver.received;
    // Each attempt signs its own timestamp; the page is the same one, and says so.
    expect(second.headers['x-support-desk-page']).toBe(first.headers['x-support-desk-page']);
    expect(second.body).toBe(first.body);
    expect(JSON.parse(second.body)).toEqual({
      id: first.headers['x-support-desk-page'],
      event: 'sla.breached',
      ticket: { number, subject: 'Payments refused at every station', type: 'critical', priority: 'urgent', status: 'open', url: `${api.url}/tickets/${number}` },
      target: 'firstReply',
      breachedAt: new Date(Number(paged?.data.dueAt)).toISOString(),
    });
    // A body changed on the way no longer matches its signature.
    expect(signedBy(SECRET, second.headers, second.body.replace('firstReply', 'resolution'))).toBe(false);

    const seen = await requester.tickets.get.query({ number });
    expect([...seen.audit, ...seen.workEvents].map((event) => event.kind)).not.toContain('sla_paged');
    expect(seen.audit.map((event) => event.kind)).toContain('sla_breached');
  });

  it('a receiver that refuses the page (400) is not asked again, and the row and the log say why; one busy (429) is asked again', async () => {
    const { number } = await breachedCriticalTicket('Bikes cannot be rented');
    const { loop, logged } = delivery();
    const before = receiver.received.length;
    receiver.answer(429, 400);

    await loop.deliverDue();
    let row = await pageRow(number, 'page_webhook');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('HTTP 429');
    await dueNow(row.id);
    await loop.deliverDue();
    row = await pageRow(number, 'page_webhook');
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.lastError).toMatch(/HTTP 400: unknown service key \(not retried/);
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', fields: expect.objectContaining({ kind: 'page_webhook', ticketNumber: number, error: row.lastError }) }));

    await dueNow(row.id);
    await loop.deliverDue();
    expect(receiver.received.slice(before).map((page) => page.status)).toEqual([429, 400]);
  });

  it('a page with nowhere to go (no webhook, no address on the delivering process) is given up at once, saying which setting is missing, and counted so for ops', async () => {
    const { number } = await breachedCriticalTicket('Station screens are black');
    const { loop } = delivery({ PAGE_WEBHOOK_URL: undefined, PAGE_WEBHOOK_SECRET: undefined, PAGE_EMAIL: undefined });
    const before = receiver.received.length;
    const waiting = await undeliveredPages();
    expect(waiting['webhook pending']).toBe(1);
    expect(waiting['email pending']).toBe(1);
    await loop.deliverDue();
    // Ops' metric counts them given up, nothing waiting any more.
    expect(await undeliveredPages()).toEqual({
      'webhook pending': 0,
      'email pending': 0,
      'webhook given_up': waiting['webhook given_up'] + 1,
      'email given_up': waiting['email given_up'] + 1,
    });
    const [webhook, email] = [await pageRow(number, 'page_webhook'), await pageRow(number, 'page_email')];
    expect(webhook.attempts).toBe(MAX_ATTEMPTS);
    expect(webhook.lastError).toContain('PAGE_WEBHOOK_URL');
    expect(email.attempts).toBe(MAX_ATTEMPTS);
    expect(email.lastError).toContain('PAGE_EMAIL');
    expect(receiver.received.length).toBe(before);
  });
});

describe('the e-mail page', () => {
  const pagesTo = (number: number) => inbox.to(ON_CALL_EMAIL).filter((mail) => mail.subject?.startsWith(`[#${number}] `));

  it('goes to the on-call address in the language set for pages, French or English, whatever the default', async () => {
    const french = await breachedCriticalTicket('Paiements refusés');
    await delivery({ PAGE_LANGUAGE: 'fr', DEFAULT_LANGUAGE: 'en' }).loop.deliverDue();
    const english = await breachedCriticalTicket('Payments refused');
    await delivery({ PAGE_LANGUAGE: 'en', DEFAULT_LANGUAGE: 'fr' }).loop.deliverDue();

    const [inFrench] = pagesTo(french.number);
    expect(recipients(inFrench)).toEqual([ON_CALL_EMAIL]);
    expect(inFrench.subject).toBe(`[#${french.number}] Astreinte : objectif de première réponse dépassé sur un ticket Critique / SEV : Paiements refusés`);
    expect(inFrench.text).toMatch(/Alerte d’astreinte : le ticket #\d+ « Paiements refusés » \(Critique \/ SEV\) a dépassé son objectif de première réponse le \S+ \d+ \S+ 2026 à \d\d:\d\d/);
    expect(inFrench.text).toContain(`${api.url}/tickets/${french.number}`);
    expect(inFrench.text).not.toMatch(/\b(the|paged|target)\b/);

    const [inEnglish] = pagesTo(english.number);
    expect(inEnglish.subject).toBe(`[#${english.number}] Page: first-reply target missed on a Critical / SEV ticket: Payments refused`);
    expect(inEnglish.text).toMatch(/You are paged as the on-call: ticket #\d+ "Payments refused" \(Critical \/ SEV\) missed its first-reply target on \w+, \d+ \w+ 2026 at \d\d:\d\d/);
    expect(inEnglish.text).toContain(`${api.url}/tickets/${english.number}`);
    for (const { number } of [french, english]) {
      expect(pagesTo(number)).toHaveLength(1);
      expect((await pageRow(number, 'page_email')).sentAt).not.toBeNull();
    }
  });
});
