// The satisfaction survey's e-mails over real SMTP: the requester's, in their language, with the
// one-time link that opens their survey (its secret forgotten by the outbox once mailed); Support
// Ops', for a bad rating, with the requester's comment.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { startMailDelivery, type MailDelivery } from '../../src/mail/delivery.js';
import { SLOW_POLICY } from '../helpers/stack.js';
import { requestId, startApi, type TestApi } from '../helpers/api.js';
import { sendBacklogNowhere, startSmtpInbox, type SmtpInbox } from '../helpers/smtp.js';
import { eventually } from '../helpers/wait.js';

let api: TestApi;
let inbox: SmtpInbox;
let mailer: MailDelivery;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  [api, inbox] = await Promise.all([
    startApi({ policy: { ...SLOW_POLICY, satisfaction: { delayMs: 1_000, badRatingNotifiesOps: true } }, settings: { SUPPORT_OPS_EMAIL: 'ops@desk.example', TIME_ZONE: 'Europe/Paris' } }),
    startSmtpInbox(),
  ]);
  await sendBacklogNowhere(api.stack.db, api.config);
  mailer = startMailDelivery({ db: api.stack.db, config: { ...api.config, SMTP_URL: inbox.url }, logger: quiet as never, intervalMs: 3_600_000 });
});
afterAll(async () => {
  await mailer?.stop();
  await api?.close();
  await inbox?.close();
});

async function deliver(): Promise<void> {
  while ((await mailer.deliverDue()) > 0);
}

describe('satisfaction e-mails', () => {
  it('ask the requester in their language with a link that opens their survey; a bad rating reaches Support Ops with its comment', async () => {
    const requester = await api.signedIn({ label: 'requester' });
    const agent = await api.signedIn({ role: 'agent' });
    await requester.api.auth.setLanguage.mutate({ language: 'fr' });
    const { number } = await requester.api.tickets.create.mutate({ type: 'hardware_issue', subject: 'Borne 4 hors service', description: 'Elle ne s’allume plus.', ccEmails: [], requestId: requestId() });
    await agent.api.tickets.reply.mutate({ number, body: 'La borne est réparée.', status: 'solved' });

    const survey = await eventually(async () => {
      await deliver();
      const mail = inbox.to(requester.user.email).find((m) => m.subject === `[#${number}] Votre avis sur notre aide : Borne 4 hors service`);
      expect(mail).toBeDefined();
      return mail!;
    }, { timeoutMs: 10_000 });
    expect(survey.text).toContain('Donnez votre avis ici');
    expect(survey.text).toMatch(/jusqu’à la clôture du ticket, le \p{L}+ \d{1,2} \p{L}+ 20\d\d à \d\d:\d\d/u);
    const link = [...(survey.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0])).find((url) => url.pathname === '/satisfaction');
    expect(link?.origin).toBe(new URL(api.url).origin);
    expect(link!.searchParams.get('lang')).toBe('fr');
    const token = link!.searchParams.get('token')!;
    expect(await api.client().satisfaction.survey.query({ token })).toMatchObject({ number, state: 'open' });
    // Mailed: the outbox keeps no copy of the secret.
    const [row] = await api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, number), eq(notifications.kind, 'satisfaction_survey')));
    expect(row.sentAt).not.toBeNull();
    expect(row.payload.token).toBeUndefined();

    await api.client().satisfaction.rate.mutate({ token, rating: 'bad', comment: 'Trois jours sans vélo.' });
    const alert = await eventually(async () => {
      await deliver();
      const mail = inbox.to('ops@desk.example').find((m) => m.subject === `[#${number}] Bad satisfaction rating: Borne 4 hors service`);
      expect(mail).toBeDefined();
      return mail!;
    }, { timeoutMs: 10_000 });
    expect(alert.text).toContain('Trois jours sans vélo.');
    expect(alert.text).toContain('rated how it was handled as bad');
  });
});
