// Suspended e-mails in the agent console, in a real browser against the real server. The e-mails
// come in through the desk's own door (receiveMail, as the mailbox reader hands them over) from
// people it must not trust by itself: a customer who is not on the ticket they answer, a stranger,
// a requester answering none of the desk's e-mails. Support Ops read who, when, why and what,
// release one onto the ticket it seems to answer (refused, in their words, until the sender is in
// CC) or onto another ticket, discard one after confirming, in English and in French, with the
// keyboard taken to what happened; an e-mail handled meanwhile is said so; the empty list says so.
// Requesters see neither the page nor its entry; they are told they may answer by e-mail.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundMessages } from '../../src/db/schema.js';
import { receiveMail } from '../../src/mail/inbound/receive.js';
import { addressOf, ticketThreadId } from '../../src/mail/threading.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { type TestApi } from '../helpers/api.js';
import { type WebServer } from '../hostile/helpers/web-server.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { screenshot } from './helpers/browser.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';
import { englishIn } from './helpers/catalogue-words.js';
import { portalWordsOn, sidewaysOverflow } from './helpers/page-checks.js';

const PATH = '/agent/suspended-emails';

let desk: BrowserDesk;
let api: TestApi;
let web: WebServer;
let requester: Someone;
let agent: Someone;
let neighbour: Someone;

beforeAll(async () => {
  desk = await startBrowserDesk();
  ({ api, web } = desk);
  requester = await desk.someone('Rita');
  agent = await desk.someone('Agnes', { role: 'agent' });
  neighbour = await desk.someone('Colin');
}, 120_000);

afterAll(async () => {
  await desk?.close();
});

const as = (who: Someone, options?: Parameters<BrowserDesk['as']>[1]) => desk.as(who, options);

const newTicket = async (subject: string) =>
  (await requester.api.tickets.create.mutate({ type: 'hardware_issue', subject, description: 'Dock 4 refuses every bike.', ccEmails: [], requestId: randomUUID() })).number;

/** An e-mail as a mail app sends it, read by the desk as its mailbox reader would hand it over: suspended. */
async function suspend(fields: { from: string; subject: string; text: string; answers?: number }): Promise<{ id: number; reason: string }> {
  const thread = fields.answers === undefined ? {} : { inReplyTo: ticketThreadId(fields.answers, { from: web.config.MAIL_FROM, publicUrl: web.config.publicUrl }) };
  const raw = await new MailComposer({ from: fields.from, to: addressOf(web.config.MAIL_FROM), subject: fields.subject, text: fields.text, messageId: `<${randomUUID()}@phone.example>`, ...thread })
    .compile()
    .build();
  const received = await receiveMail({ db: api.stack.db, desk: api.stack.desk, config: web.config }, raw);
  expect(received.outcome).toBe('suspended');
  const [row] = await api.stack.db.select({ id: inboundMessages.id, reason: inboundMessages.reason }).from(inboundMessages).where(eq(inboundMessages.subject, fields.subject));
  return { id: row.id, reason: row.reason ?? '' };
}

const item = (page: Page, subject: string) => page.getByTestId('suspended-email').filter({ has: page.getByRole('heading', { name: subject, exact: true }) });
/** What has the keyboard: its text, or for a field its name and whether it is marked invalid. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return { text: element?.textContent ?? '', name: element?.getAttribute('name') ?? null, invalid: element?.getAttribute('aria-invalid') ?? null };
  });
const outcomeOf = async (id: number) => (await api.stack.db.select({ outcome: inboundMessages.outcome }).from(inboundMessages).where(eq(inboundMessages.id, id)))[0]?.outcome;

describe('suspended e-mails', () => {
  it('shows who sent one, when, why and what; releasing it is refused until its sender is in CC, then it is their reply', async () => {
    const number = await newTicket('Dock 4 is broken');
    const subject = `Re: [#${number}] Dock 4 is broken ${randomUUID().slice(0, 6)}`;
    const text = 'I run the shop next door: dock 4 refuses bikes here too since this morning.';
    const held = await suspend({ from: neighbour.email, subject, text, answers: number });
    expect(held.reason).toBe(`${neighbour.email} does not take part in ticket #${number}`);

    const { page, incidents } = await as(agent);
    await page.goto('/');
    // Support Ops reach it from the main menu.
    await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.nav.suspended }).click();
    await page.getByRole('heading', { name: en.suspended.title, level: 1 }).waitFor();
    await page.getByText(en.suspended.intro).waitFor();
    const mail = item(page, subject);
    await mail.waitFor();
    const facts = async (label: string) => (await mail.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd').textContent())?.trim();
    expect(await facts(en.suspended.from)).toBe(neighbour.email);
    // The reason is the server's, in English, under a label in the reader's language, and marked as English.
    expect(await facts(en.suspended.reason)).toBe(held.reason);
    await expect(mail.getByTestId('suspended-reason').getAttribute('lang')).resolves.toBe('en');
    expect(await facts(en.suspended.text)).toBe(text);
    const received = await mail.locator('time').getAttribute('datetime');
    expect(Math.abs(Date.parse(received ?? '') - Date.now())).toBeLessThan(120_000);
    await expect(mail.getByRole('link', { name: `#${number}`, exact: true }).getAttribute('href')).resolves.toBe(`/tickets/${number}`);
    await expect(mail.getByLabel(en.suspended.releaseTo).inputValue()).resolves.toBe(String(number));
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'suspended.agent.en.desktop');

    // Not on the ticket: refused, said in the reader's words, and the keyboard is taken there.
    const before = (await requester.api.tickets.get.query({ number })).conversation.length;
    await mail.getByRole('button', { name: en.suspended.release }).click();
    await mail.getByRole('alert').getByText(en.suspended.notOnTicket(number), { exact: true }).waitFor();
    await expect(focused(page)).resolves.toMatchObject({ text: en.suspended.notOnTicket(number) });
    expect((await requester.api.tickets.get.query({ number })).conversation).toHaveLength(before);
    expect(await outcomeOf(held.id)).toBe('suspended');

    // In CC now: released, it is the neighbour's reply on the ticket.
    await agent.api.tickets.addCc.mutate({ number, email: neighbour.email });
    await mail.getByRole('button', { name: en.suspended.release }).click();
    const outcome = page.getByTestId('suspended-outcome');
    await outcome.getByText(en.suspended.released(number)).waitFor();
    await expect(focused(page)).resolves.toMatchObject({ text: expect.stringContaining(en.suspended.released(number)) });
    await expect(item(page, subject).count()).resolves.toBe(0);
    expect(await outcomeOf(held.id)).toBe('released');
    const after = (await requester.api.tickets.get.query({ number })).conversation;
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ body: text, author: { id: neighbour.id }, internal: false });

    await outcome.getByRole('link', { name: en.suspended.openTicket(number) }).click();
    await page.getByTestId('ticket-title').waitFor();
    await page.locator('.messages').getByText(text).waitFor();
    // Agents answer in the console: they are not told to answer by e-mail.
    await expect(page.getByTestId('answer-by-mail').count()).resolves.toBe(0);
    expect(incidents).toEqual([]);

    // The requester, who gets the desk's e-mails, is told an answer by e-mail reaches the ticket.
    const { page: theirs } = await as(requester);
    await theirs.goto(`/tickets/${number}`);
    await theirs.locator('.messages').getByText(text).waitFor();
    await expect(theirs.getByTestId('answer-by-mail').textContent()).resolves.toBe(en.ticket.answerByMail);
  });

  it('in French: a stranger’s e-mail that answers no ticket needs a number to be released, and is discarded only once confirmed', async () => {
    await agent.api.auth.setLanguage.mutate({ language: 'fr' });
    try {
      const other = await newTicket('Borne 7 hors service');
      const subject = `Vous vendez des vélos ? ${randomUUID().slice(0, 6)}`;
      const held = await suspend({ from: 'inconnu@ailleurs.example', subject, text: 'Bonjour, vendez-vous aussi des vélos ?' });
      const before = (await requester.api.tickets.get.query({ number: other })).conversation.length;
      expect(held.reason).toBe('it answers none of the desk\u2019s e-mails');

      const { page, incidents } = await as(agent, { viewport: { width: 390, height: 844 } });
      await page.goto(PATH);
      await page.getByRole('heading', { name: fr.suspended.title, level: 1 }).waitFor();
      const mail = item(page, subject);
      await mail.getByText(fr.suspended.noTicket).waitFor();
      await expect(mail.getByLabel(fr.suspended.releaseTo).inputValue()).resolves.toBe('');

      // No ticket to go to: the number is asked for, where it goes.
      await mail.getByRole('button', { name: fr.suspended.release }).click();
      await mail.getByText(fr.suspended.needNumber).waitFor();
      await expect(focused(page)).resolves.toMatchObject({ name: 'number', invalid: 'true' });
      // A stranger has no account: no ticket takes their e-mail as a reply.
      await mail.getByLabel(fr.suspended.releaseTo).fill(`#${other}`);
      await mail.getByRole('button', { name: fr.suspended.release }).click();
      await mail.getByRole('alert').getByText(fr.suspended.noAccount, { exact: true }).waitFor();
      await expect(focused(page)).resolves.toMatchObject({ text: fr.suspended.noAccount });

      // Discard asks first; the keyboard goes to the way out, and Escape takes it back to Discard.
      await mail.getByRole('button', { name: fr.suspended.discard }).click();
      const question = mail.getByRole('group', { name: fr.suspended.confirmDiscard });
      await question.waitFor();
      await expect(focused(page)).resolves.toMatchObject({ text: fr.suspended.keep });
      expect(englishIn(await portalWordsOn(page)), 'English words on the French page').toEqual([]);
      expect(await sidewaysOverflow(page)).toEqual({ excess: 0, culprits: [] });
      expect(await accessibilityProblems(page)).toEqual([]);
      await screenshot(page, 'suspended.discard.fr.phone');
      await page.keyboard.press('Escape');
      await expect(question.count()).resolves.toBe(0);
      await expect(focused(page)).resolves.toMatchObject({ text: expect.stringContaining(fr.suspended.discard) });
      expect(await outcomeOf(held.id)).toBe('suspended');

      await mail.getByRole('button', { name: fr.suspended.discard }).click();
      await question.getByRole('button', { name: fr.suspended.discardForGood }).click();
      await page.getByTestId('suspended-outcome').getByText(fr.suspended.discarded).waitFor();
      await expect(focused(page)).resolves.toMatchObject({ text: fr.suspended.discarded });
      await expect(item(page, subject).count()).resolves.toBe(0);
      expect(await outcomeOf(held.id)).toBe('discarded');
      expect((await requester.api.tickets.get.query({ number: other })).conversation).toHaveLength(before);
      expect(incidents).toEqual([]);
    } finally {
      await agent.api.auth.setLanguage.mutate({ language: 'en' });
    }
  });

  it('releases an e-mail onto the ticket Support Ops name, another than the one it seems to answer', async () => {
    const first = await newTicket('Payment terminal frozen');
    // The neighbour's own request: the e-mail is about it, though it answers the thread of Rita's.
    const second = (
      await neighbour.api.tickets.create.mutate({ type: 'hardware_issue', subject: 'Bike 1042 lock broken', description: 'The lock does not open.', ccEmails: [], requestId: randomUUID() })
    ).number;
    const subject = `Re: [#${first}] About the lock ${randomUUID().slice(0, 6)}`;
    const text = 'The lock of bike 1042 opens again after a restart.';
    const held = await suspend({ from: neighbour.email, subject, text, answers: first });

    const { page, incidents } = await as(agent);
    await page.goto(PATH);
    const mail = item(page, subject);
    await mail.getByRole('link', { name: `#${first}`, exact: true }).waitFor();
    await mail.getByLabel(en.suspended.releaseTo).fill(String(second));
    await mail.getByRole('button', { name: en.suspended.release }).click();
    const outcome = page.getByTestId('suspended-outcome');
    await outcome.getByText(en.suspended.released(second)).waitFor();
    await expect(outcome.getByRole('link', { name: en.suspended.openTicket(second) }).getAttribute('href')).resolves.toBe(`/tickets/${second}`);
    expect(await outcomeOf(held.id)).toBe('released');
    expect((await neighbour.api.tickets.get.query({ number: second })).conversation.at(-1)).toMatchObject({ body: text, author: { id: neighbour.id } });
    expect((await requester.api.tickets.get.query({ number: first })).conversation.map((comment) => comment.body)).not.toContain(text);
    expect(incidents).toEqual([]);
  });

  it('says when an e-mail was handled meanwhile, and says so when none is left', async () => {
    const subject = `Out of the blue ${randomUUID().slice(0, 6)}`;
    const held = await suspend({ from: 'someone@elsewhere.example', subject, text: 'Hello?' });
    const { page, incidents } = await as(agent);
    await page.goto(PATH);
    const mail = item(page, subject);
    await mail.waitFor();
    // Another agent discards it while this page still shows it.
    await agent.api.inbound.discard.mutate({ id: held.id });
    await mail.getByLabel(en.suspended.releaseTo).fill('1');
    await mail.getByRole('button', { name: en.suspended.release }).click();
    const outcome = page.getByTestId('suspended-outcome');
    await outcome.getByText(en.suspended.gone).waitFor();
    await expect(outcome.getAttribute('role')).resolves.toBe('alert');
    await expect(focused(page)).resolves.toMatchObject({ text: en.suspended.gone });
    await expect(item(page, subject).count()).resolves.toBe(0);

    // Whatever other e-mails wait (left by other suites on this database), once decided, the list says none is left.
    for (const left of await agent.api.inbound.suspended.query()) await agent.api.inbound.discard.mutate({ id: left.id });
    await page.getByRole('button', { name: en.suspended.reload }).click();
    await page.getByText(en.suspended.empty).waitFor();
    await expect(page.getByTestId('suspended-email').count()).resolves.toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(incidents).toEqual([]);
  });

  it('is for Support Ops only: requesters see no entry, and the address tells them they may not', async () => {
    const { page } = await as(requester);
    await page.goto('/');
    await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.nav.home }).waitFor();
    await expect(page.getByRole('link', { name: en.nav.suspended }).count()).resolves.toBe(0);
    await page.goto(PATH);
    await page.getByRole('alert').getByText(en.errors.forbidden).waitFor();
    await expect(page.getByTestId('suspended-email').count()).resolves.toBe(0);
  });
});
