// Answers by e-mail, end to end: the desk's e-mail goes out over real SMTP with a Reply-To that
// carries the reader's token; the answer is put in a real IMAP mailbox (Dovecot) as a mail
// server would; the desk reads it and it becomes the reply, with its files. What it must not take
// is kept aside, ignored or answered, and changes no ticket.
import { eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundMessages } from '../../src/db/schema.js';
import { startMailDelivery, type MailDelivery } from '../../src/mail/delivery.js';
import { startMailboxReader, type MailboxReader } from '../../src/mail/inbound/mailbox.js';
import { personOf } from '../../src/accounts/users.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import { errorCode, failure, requestId, startApi, type TestApi } from '../helpers/api.js';
import { startImapMailbox, type ImapMailbox } from '../helpers/imap.js';
import { sendBacklogNowhere, startSmtpInbox, type SmtpInbox } from '../helpers/smtp.js';
import { SLOW_POLICY } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';

let api: TestApi;
let smtp: SmtpInbox;
let mailbox: ImapMailbox;
let mailer: MailDelivery;
let reader: MailboxReader;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b30000000049454e44ae426082', 'hex');

beforeAll(async () => {
  [mailbox, smtp] = await Promise.all([startImapMailbox(), startSmtpInbox()]);
  api = await startApi({ settings: { MAIL_FROM: 'Support Ops <support@desk.example>', IMAP_URL: mailbox.url } });
  await sendBacklogNowhere(api.stack.db, api.config);
  mailer = startMailDelivery({ db: api.stack.db, config: { ...api.config, SMTP_URL: smtp.url }, logger: quiet as never, intervalMs: 3_600_000 });
  reader = startMailboxReader({ db: api.stack.db, desk: api.stack.desk, config: api.config, settings: { IMAP_URL: mailbox.url, IMAP_POLL_INTERVAL: 3_600_000 }, logger: quiet });
}, 60_000);
afterAll(async () => {
  await reader?.stop();
  await mailer?.stop();
  await api?.close();
  await smtp?.close();
  await mailbox?.close();
});

async function deliver(): Promise<void> {
  while ((await mailer.deliverDue()) > 0);
}

/** An e-mail as a mail client writes it. */
function compose(fields: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(fields).compile().build();
}

/** What a mail client puts in an answer: the new text, then the quoted e-mail. */
function answerTo(mail: ParsedMail, from: string, text: string, extra: Record<string, unknown> = {}) {
  const quoted = (mail.text ?? '').split('\n').map((line) => `> ${line}`).join('\n');
  return compose({
    from,
    to: String((mail.replyTo?.value[0]?.address ?? '')),
    subject: `Re: ${mail.subject}`,
    inReplyTo: mail.messageId,
    references: mail.messageId,
    text: `${text}\n\nOn Tue, 1 Dec 2026 at 12:00, Support Ops <support@desk.example> wrote:\n${quoted}\n`,
    ...extra,
  });
}

async function ticketWithAgentReply() {
  const requester = await api.signedIn({ label: 'rider' });
  const agent = await api.signedIn({ role: 'agent', label: 'ada' });
  const { number } = await requester.api.tickets.create.mutate({ type: 'hardware_issue', subject: 'Dock 4 broken', description: 'It beeps.', requestId: requestId() });
  await agent.api.tickets.reply.mutate({ number, body: 'Could you send a photo?', status: 'pending', requestId: requestId() });
  await deliver();
  const mail = smtp.to(requester.user.email).find((m) => m.subject === `[#${number}] Support Ops replied: Dock 4 broken`);
  expect(mail).toBeDefined();
  return { requester, agent, number, mail: mail! };
}

describe('an answer by e-mail', () => {
  it('becomes the requester\u2019s reply, with its files and without the quoted e-mail; read twice, it is added once', async () => {
    const { requester, number, mail } = await ticketWithAgentReply();
    expect(mail.replyTo?.value[0]?.address).toMatch(/^support\+[a-z2-7]{26}@desk\.example$/);
    expect(mail.text).toMatch(/^##- Please type your reply above this line -##/);

    const raw = await answerTo(mail, requester.user.email, 'Here it is: the screen is black.', { attachments: [{ filename: 'dock.png', content: PNG }] });
    await mailbox.deliver(raw);
    expect(await reader.readNow()).toBe(1);
    expect(await mailbox.unread()).toBe(0);

    const { ticket, conversation } = await requester.api.tickets.get.query({ number });
    const last = conversation.at(-1)!;
    expect(last.body).toBe('Here it is: the screen is black.');
    expect(last.author.id).toBe(requester.user.id);
    expect(last.attachments.map((file) => [file.name, file.type])).toEqual([['dock.png', 'image/png']]);
    // A requester's answer puts the Pending ticket back in Support Ops' hands, as in the portal.
    expect(ticket.status).toBe('open');

    // The same e-mail again (a second reader, a re-delivery): nothing more.
    await mailbox.deliver(raw);
    await reader.readNow();
    expect((await requester.api.tickets.get.query({ number })).conversation).toHaveLength(conversation.length);
  });

  it('from a phone mail app (HTML only, Latin-1, a signature, an inline logo and a photo) lands as the text and the photo', async () => {
    const { requester, number, mail } = await ticketWithAgentReply();
    // Written out as such an app sends it: Latin-1 quoted-printable HTML, the logo embedded by cid.
    const html =
      `<div>Voil\xe0 la photo du v\xe9lo, l'\xe9cran reste noir.</div><div><img src="cid:logo@phone"></div><div>--<br>Envoy\xe9 de mon iPhone</div>` +
      `<div>Le mar. 1 d\xe9c. 2026 \xe0 12:00, Support Ops &lt;support@desk.example&gt; a \xe9crit :</div><blockquote>${(mail.text ?? '').replace(/\n/g, '<br>')}</blockquote>`;
    const qp = Buffer.from(html, 'latin1').toString('latin1').replace(/[=\x80-\xff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).replace(/(.{70})/g, '$1=\r\n');
    const raw = [
      `From: ${requester.user.email}`,
      `To: ${mail.replyTo?.value[0]?.address}`,
      `Subject: RE: ${mail.subject}`,
      `In-Reply-To: ${mail.messageId}`,
      `Message-ID: <phone-${Date.now()}@phone.example>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/related; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/html; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      qp,
      '--inner',
      'Content-Type: image/png; name="logo.png"',
      'Content-Transfer-Encoding: base64',
      'Content-ID: <logo@phone>',
      'Content-Disposition: inline; filename="logo.png"',
      '',
      PNG.toString('base64'),
      '--inner--',
      '--outer',
      'Content-Type: image/png; name="IMG_0042.png"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="IMG_0042.png"',
      '',
      PNG.toString('base64'),
      '--outer--',
      '',
    ].join('\r\n');
    await mailbox.deliver(raw);
    await reader.readNow();
    const last = (await requester.api.tickets.get.query({ number })).conversation.at(-1)!;
    expect(last.body).toBe("Voilà la photo du vélo, l'écran reste noir.");
    expect(last.attachments.map((file) => file.name)).toEqual(['IMG_0042.png']);
  });

  it('that meets the desk unable to take it stays unread in the mailbox, and lands once it can', async () => {
    const { requester, number, mail } = await ticketWithAgentReply();
    const before = (await requester.api.tickets.get.query({ number })).conversation.length;
    // The ticket's worker is down and the desk gives up quickly: the e-mail's outcome cannot be stored.
    const impatient = new TicketDesk({ client: api.stack.client, db: api.stack.db, taskQueue: api.stack.taskQueue, policy: SLOW_POLICY, timeoutMs: 1_500 });
    const hurried = startMailboxReader({ db: api.stack.db, desk: impatient, config: api.config, settings: { IMAP_URL: mailbox.url, IMAP_POLL_INTERVAL: 3_600_000 }, logger: quiet });
    await api.stack.stopWorker();
    try {
      await mailbox.deliver(await answerTo(mail, requester.user.email, 'Still broken this morning.'));
      await expect(hurried.readNow()).rejects.toThrow();
      expect(await mailbox.unread()).toBe(1);
      expect(await api.stack.db.select().from(inboundMessages).where(eq(inboundMessages.body, 'Still broken this morning.'))).toEqual([]);
    } finally {
      await hurried.stop();
      await api.stack.startWorker();
    }
    await reader.readNow();
    expect(await mailbox.unread()).toBe(0);
    const after = (await requester.api.tickets.get.query({ number })).conversation;
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.body).toBe('Still broken this morning.');
  });

  it('from someone else than the token\u2019s owner is suspended; Support Ops release it once the sender is on the ticket, or discard it', async () => {
    const { requester, agent, number, mail } = await ticketWithAgentReply();
    const colleague = await api.signedIn({ label: 'colleague' });
    await mailbox.deliver(await answerTo(mail, colleague.user.email, 'I am the shop manager: same here.'));
    await reader.readNow();
    expect((await requester.api.tickets.get.query({ number })).conversation.map((c) => c.body)).not.toContain('I am the shop manager: same here.');

    const [held] = (await agent.api.inbound.suspended.query()).filter((m) => m.ticketNumber === number);
    expect(held).toMatchObject({ from: colleague.user.email, reason: expect.stringContaining(`is ${requester.user.email}'s`) });
    expect(await errorCode(requester.api.inbound.suspended.query())).toBe('FORBIDDEN');
    // Not on the ticket: releasing says so and adds nothing.
    const refused = await failure(agent.api.inbound.release.mutate({ id: held.id }));
    expect([refused.data?.code, refused.data?.problem]).toEqual(['BAD_REQUEST', 'notOnTicket']);
    await agent.api.tickets.addCc.mutate({ number, email: colleague.user.email, requestId: requestId() });
    await agent.api.inbound.release.mutate({ id: held.id });
    const after = await requester.api.tickets.get.query({ number });
    expect(after.conversation.at(-1)).toMatchObject({ body: 'I am the shop manager: same here.', author: { id: colleague.user.id } });
    expect(await errorCode(agent.api.inbound.release.mutate({ id: held.id }))).toBe('NOT_FOUND');

    await mailbox.deliver(await compose({ from: 'stranger@elsewhere.example', to: 'support@desk.example', subject: 'Hello', text: 'Do you sell bikes?' }));
    await reader.readNow();
    const stranger = (await agent.api.inbound.suspended.query()).find((m) => m.from === 'stranger@elsewhere.example');
    expect(stranger?.reason).toMatch(/answers none of the desk/);
    await agent.api.inbound.discard.mutate({ id: stranger!.id });
    expect((await agent.api.inbound.suspended.query()).some((m) => m.id === stranger!.id)).toBe(false);
  });

  it('an out-of-office reply is ignored and gets no answer; an answer to a Closed ticket gets one, in the sender\u2019s language', async () => {
    const { requester, agent, number, mail } = await ticketWithAgentReply();
    const before = smtp.messages.length;
    await mailbox.deliver(await answerTo(mail, requester.user.email, 'I am away until Monday.', { headers: { 'Auto-Submitted': 'auto-replied' } }));
    await reader.readNow();
    const [ignored] = await api.stack.db.select().from(inboundMessages).where(eq(inboundMessages.body, 'I am away until Monday.'));
    expect(ignored).toMatchObject({ outcome: 'ignored', raw: null });
    await deliver();
    expect(smtp.messages.length).toBe(before);
    expect((await requester.api.tickets.get.query({ number })).ticket.status).toBe('pending');

    // Closed: a ticket of a desk whose Solved period is half a second, then an answer to its e-mail.
    await requester.api.auth.setLanguage.mutate({ language: 'fr' });
    const quickDesk = new TicketDesk({ client: api.stack.client, db: api.stack.db, taskQueue: api.stack.taskQueue, policy: { ...SLOW_POLICY, solvedAutoCloseMs: 500 } });
    const { number: closed } = await quickDesk.create({
      requestId: requestId(),
      type: 'software_issue',
      subject: 'App frozen',
      description: 'It froze.',
      requester: personOf(requester.user),
      organizationId: null,
      ccs: [],
      followUpOf: null,
    });
    await agent.api.tickets.reply.mutate({ number: closed, body: 'Fixed.', status: 'solved', requestId: requestId() });
    await deliver();
    const solvedMail = smtp.to(requester.user.email).find((m) => m.subject?.startsWith(`[#${closed}] Réponse de Support Ops`));
    expect(solvedMail?.replyTo).toBeDefined();
    await eventually(async () => expect((await requester.api.tickets.get.query({ number: closed })).ticket.status).toBe('closed'));
    await mailbox.deliver(await answerTo(solvedMail!, requester.user.email, 'Toujours en panne.'));
    await reader.readNow();
    await deliver();
    const refused = await smtp.waitFor((m) => m.subject === `Non ajouté à un ticket : Re: ${solvedMail!.subject}`);
    expect(refused.text).toContain(`Le ticket #${closed} est au statut « Clos »`);
    expect(refused.text).toContain('demande de suivi');
  });

  it('text that Postgres cannot store is refused at this door too: suspended, the ticket unchanged', async () => {
    const { requester, number, mail } = await ticketWithAgentReply();
    const count = (await requester.api.tickets.get.query({ number })).conversation.length;
    await mailbox.deliver(await answerTo(mail, requester.user.email, 'broken \u0000 text'));
    await reader.readNow();
    expect((await requester.api.tickets.get.query({ number })).conversation).toHaveLength(count);
    const [held] = await api.stack.db.select().from(inboundMessages).where(eq(inboundMessages.ticketNumber, number));
    expect(held).toMatchObject({ outcome: 'suspended', reason: 'contains characters that are not text' });
  });
});
