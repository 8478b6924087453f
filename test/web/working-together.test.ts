// Two agents on one ticket, each in a browser of their own, against the real server: each sees
// the other there, and sees when the other is writing a reply; the one who sends second, after
// the first has answered, is told the ticket changed (not sent, the draft kept, the new message
// linked) and sends once they have looked. Leaving the page is seen too. In French as well; axe
// on each state. A requester's reply is sent as before, and they see nobody's presence.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { PHONE, screenshot } from './helpers/browser.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';
import { englishIn } from './helpers/catalogue-words.js';
import { portalWordsOn, sidewaysOverflow } from './helpers/page-checks.js';

let desk: BrowserDesk;
let requester: Someone;
let agnes: Someone;
let bruno: Someone;
let chloe: Someone;

beforeAll(async () => {
  desk = await startBrowserDesk();
  requester = await desk.someone('Rita');
  agnes = await desk.someone('Agnes', { role: 'agent' });
  bruno = await desk.someone('Bruno', { role: 'agent' });
  chloe = await desk.someone('Chloe', { role: 'agent', language: 'fr' });
}, 120_000);

afterAll(async () => {
  await desk?.close();
});

const submit = async () =>
  (await requester.api.tickets.create.mutate({ type: 'software_issue', subject: `Checkout ${randomUUID().slice(0, 8)} fails`, description: 'Payments fail at the checkout.', ccEmails: [], requestId: randomUUID() }))
    .number;

/** What the page says of the others on the ticket (heartbeats come every 10 s: waited for that long and a little more). */
const presence = (page: Page) => page.getByTestId('presence');
const says = (page: Page, text: string) => expect.poll(() => presence(page).textContent(), { timeout: 15_000 }).toContain(text);

describe('working together on one ticket', () => {
  it('two agents see each other, see the other writing, and the second reply is held until its writer has seen the first', async () => {
    const number = await submit();
    const a = await desk.as(agnes);
    const b = await desk.as(bruno);
    await a.page.goto(`/tickets/${number}`);
    await b.page.goto(`/tickets/${number}`);
    await expect(presence(a.page).getAttribute('aria-live')).resolves.toBe('polite');
    await says(a.page, en.presence.viewing('Bruno'));
    await says(b.page, en.presence.viewing('Agnes'));

    // Bruno starts writing: Agnes sees it.
    const brunoReply = b.page.getByLabel(en.ticket.yourReply, { exact: true });
    await brunoReply.fill('Could you try another card?');
    await says(a.page, en.presence.replying('Bruno'));
    expect(await accessibilityProblems(a.page)).toEqual([]);
    await screenshot(a.page, 'together.presence.en.desktop');

    // Agnes answers first.
    await a.page.getByLabel(en.ticket.yourReply, { exact: true }).fill('We are rolling back the payment update.');
    await a.page.getByRole('button', { name: en.ticket.reply, exact: true }).click();
    await a.page.getByText(en.ticket.replySent).waitFor();
    // Bruno's page shows her reply (the live feed), but he has not sent his against it.
    await b.page.getByText('We are rolling back the payment update.').waitFor();
    const before = await agnes.api.tickets.get.query({ number });

    await b.page.getByRole('button', { name: en.ticket.reply, exact: true }).click();
    const notice = b.page.getByTestId('stale-notice');
    await notice.getByText(en.stale.notSent).waitFor();
    await notice.getByRole('link', { name: en.stale.newMessage('Agnes') }).waitFor();
    await expect(brunoReply.inputValue()).resolves.toBe('Could you try another card?');
    const held = await bruno.api.tickets.get.query({ number });
    expect({ version: held.ticket.version, messages: held.conversation.length }).toEqual({ version: before.ticket.version, messages: before.conversation.length });
    // The link leads to her message.
    const anchor = await notice.getByRole('link', { name: en.stale.newMessage('Agnes') }).getAttribute('href');
    await expect(b.page.locator(`${anchor} .message__body`).textContent()).resolves.toBe('We are rolling back the payment update.');
    expect(await accessibilityProblems(b.page)).toEqual([]);
    await screenshot(b.page, 'together.stale.en.desktop');

    // Having looked, he sends it again: written against the ticket as it now is, it goes.
    await b.page.getByRole('button', { name: en.ticket.reply, exact: true }).click();
    await b.page.getByText(en.ticket.replySent).waitFor();
    await expect(notice.count()).resolves.toBe(0);
    const after = await bruno.api.tickets.get.query({ number });
    expect(after.conversation.slice(-2).map((c) => [c.author.id, c.body])).toEqual([
      [agnes.id, 'We are rolling back the payment update.'],
      [bruno.id, 'Could you try another card?'],
    ]);

    // Bruno's box is empty again: he is viewing. Once he goes to another page, or closes the tab,
    // Agnes no longer sees him, well before his last heartbeat would have run out (30 s).
    await says(a.page, en.presence.viewing('Bruno'));
    await b.page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.nav.queue }).click();
    await expect.poll(() => presence(a.page).textContent(), { timeout: 15_000 }).not.toContain('Bruno');
    await b.page.goto(`/tickets/${number}`);
    await says(a.page, en.presence.viewing('Bruno'));
    await b.page.close();
    await expect.poll(() => presence(a.page).textContent(), { timeout: 15_000 }).not.toContain('Bruno');
    expect(a.incidents).toEqual([]);
    expect(b.incidents).toEqual([]);
  }, 180_000);

  it('a canned reply sent after a colleague changed the ticket is held the same way, in French at a phone’s width', async () => {
    const number = await submit();
    const title = `Carte refusée ${randomUUID().slice(0, 6)}`;
    await chloe.api.macros.create.mutate({ title, body: { en: 'Hello {{requester.firstName}}, please try again.' }, actions: { priority: 'high' } });
    const c = await desk.as(chloe, { viewport: PHONE });
    await c.page.goto(`/tickets/${number}`);
    await c.page.locator('summary', { hasText: fr.macros.picker }).click();
    await c.page.getByLabel(fr.macros.find).fill('carte');
    await c.page.getByRole('list', { name: fr.macros.picker }).getByRole('button', { name: title }).click();
    await c.page.getByTestId('macro-applied').waitFor();
    // Meanwhile Agnes sets the ticket Pending.
    await agnes.api.tickets.setPending.mutate({ number });
    await c.page.getByRole('button', { name: fr.macros.send, exact: true }).click();
    const notice = c.page.getByTestId('stale-notice');
    await notice.getByText(fr.stale.statusNow(fr.status.pending)).waitFor();
    expect((await chloe.api.tickets.get.query({ number })).ticket.priority).toBe('normal');
    expect(englishIn(await portalWordsOn(c.page))).toEqual([]);
    expect((await sidewaysOverflow(c.page)).excess).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(c.page)).toEqual([]);
    await screenshot(c.page, 'together.stale.fr.phone');

    await c.page.getByRole('button', { name: fr.macros.send, exact: true }).click();
    await c.page.getByText(fr.macros.sent(title)).waitFor();
    const after = await chloe.api.tickets.get.query({ number });
    expect(after.ticket).toMatchObject({ status: 'pending', priority: 'high' });
    expect(after.conversation.at(-1)).toMatchObject({ body: 'Hello Rita, please try again.', author: { id: chloe.id } });
    expect(c.incidents).toEqual([]);
  }, 120_000);

  it('a requester replies as before and sees no one’s presence', async () => {
    const number = await submit();
    const a = await desk.as(agnes);
    await a.page.goto(`/tickets/${number}`);
    await a.page.getByTestId('presence').waitFor({ state: 'attached' });
    const r = await desk.as(requester);
    await r.page.goto(`/tickets/${number}`);
    await r.page.getByLabel(en.ticket.yourReply, { exact: true }).fill('It fails with every card.');
    // An internal note meanwhile is nothing the requester could read first: their reply goes.
    await agnes.api.tickets.reply.mutate({ number, body: 'Checking the gateway logs.', internal: true });
    await r.page.getByRole('button', { name: en.ticket.reply, exact: true }).click();
    await r.page.getByText(en.ticket.replySent).waitFor();
    await expect(r.page.getByTestId('presence').count()).resolves.toBe(0);
    await expect(r.page.getByText(en.presence.viewing('Agnes')).count()).resolves.toBe(0);
    expect((await requester.api.tickets.get.query({ number })).conversation.at(-1)?.body).toBe('It fails with every card.');
  }, 60_000);
});
