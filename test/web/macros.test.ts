// Canned replies in a real browser against the real server: an agent makes one on its page (a
// placeholder put in by its button, actions chosen; the server's refusals said beside the field),
// applies it on a ticket (found by a word of its title typed without its accent), edits the text
// and sends it: the text and every action land in one change, counted once. One whose action the
// ticket refuses changes nothing and says so; taking a canned reply out gives a plain reply back.
// In French at a phone's width too; axe on each state.
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
let agent: Someone;
let agentFr: Someone;
const marker = () => randomUUID().replaceAll('-', '').slice(0, 8);

beforeAll(async () => {
  desk = await startBrowserDesk();
  requester = await desk.someone('Rita');
  agent = await desk.someone('Agnes', { role: 'agent' });
  agentFr = await desk.someone('Amelie', { role: 'agent', language: 'fr' });
}, 120_000);

afterAll(async () => {
  await desk?.close();
});

const submit = async (subject: string) =>
  (await requester.api.tickets.create.mutate({ type: 'hardware_issue', subject, description: 'The payment terminal is stuck.', ccEmails: [], requestId: randomUUID() })).number;

const card = (page: Page, title: string) => page.getByTestId('macro').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** Opens the ticket's canned replies, finds one by `words` and applies it. */
async function apply(page: Page, t: typeof en, words: string, title: string) {
  if ((await page.locator('details.macro-picker[open]').count()) === 0) await page.locator('summary', { hasText: t.macros.picker }).click();
  await page.getByLabel(t.macros.find).fill(words);
  await page.getByRole('list', { name: t.macros.picker }).getByRole('button', { name: title, exact: true }).click();
  await page.getByTestId('macro-applied').waitFor();
}

describe('canned replies', () => {
  it('an agent makes one on its page, applies it on a ticket, edits it and sends it: text and actions land together', async () => {
    const title = `Numéro de série ${marker()}`;
    const tag = `serial-${marker()}`;
    const { page, incidents } = await desk.as(agent);
    await page.goto('/');
    await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.macros.nav }).click();
    await page.getByRole('heading', { level: 1, name: en.macros.title }).waitFor();
    await page.getByRole('button', { name: en.macros.newMacro }).click();

    const form = page.locator('form.macro-form');
    await form.getByLabel(en.macros.fieldTitle, { exact: true }).fill(title);
    const english = form.getByLabel(en.macros.bodyEn, { exact: true });
    await english.fill('Hello ');
    await form.getByRole('button', { name: `${en.macros.insert} {{requester.firstName}}` }).click();
    await expect.poll(() => english.inputValue()).toBe('Hello {{requester.firstName}}');
    await english.press('End');
    await english.pressSequentially(', please send the serial number of ticket #{{ticket.number}}. {{requester.nickname}}');
    await form.getByLabel(en.macros.bodyFr, { exact: true }).fill('Bonjour {{requester.firstName}}, envoyez le numéro de série svp.');
    await form.getByLabel(en.macros.status, { exact: true }).selectOption('pending');
    await form.getByLabel(en.macros.priority, { exact: true }).selectOption('high');
    await form.getByLabel(en.macros.addTags, { exact: true }).fill(`${tag}, terminal`);
    await form.getByLabel(en.macros.assignee, { exact: true }).selectOption('@me');
    // A placeholder that does not exist: said beside the English text, and nothing saved.
    await form.getByRole('button', { name: en.macros.create }).click();
    await form.getByText(en.macros.bodyUnknown('{{requester.nickname}}')).waitFor();
    await expect(english.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect((await agent.api.macros.list.query()).map((m) => m.title)).not.toContain(title);
    await english.fill('Hello {{requester.firstName}}, please send the serial number of ticket #{{ticket.number}}.');
    await form.getByRole('button', { name: en.macros.create }).click();
    await page.getByTestId('macro-outcome').getByText(en.macros.saved(title)).waitFor();
    const saved = (await agent.api.macros.list.query()).find((m) => m.title === title);
    expect(saved).toMatchObject({ actions: { status: 'pending', priority: 'high', addTags: [tag, 'terminal'], assignee: '@me' }, usageCount: 0, lastUsedAt: null });
    await expect(card(page, title).textContent()).resolves.toContain(en.macros.never);
    await expect(card(page, title).textContent()).resolves.toContain(en.macros.assignsToApplier);

    // A second one with the same title (case aside) is refused beside the title.
    await page.getByRole('button', { name: en.macros.newMacro }).click();
    await form.getByLabel(en.macros.fieldTitle, { exact: true }).fill(title.toUpperCase());
    await form.getByLabel(en.macros.bodyEn, { exact: true }).fill('Twice.');
    await form.getByRole('button', { name: en.macros.create }).click();
    await form.getByText(en.macros.titleTaken).waitFor();
    await expect(form.getByLabel(en.macros.fieldTitle, { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await form.getByRole('button', { name: en.common.cancel }).click();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'macros.page.en.desktop');

    // On a ticket: found by a word typed without its accent, filled in for the requester.
    const number = await submit(`Terminal ${marker()} frozen`);
    await page.goto(`/tickets/${number}`);
    await apply(page, en, 'numero serie', title);
    const reply = page.getByLabel(en.ticket.yourReply, { exact: true });
    await expect(reply.inputValue()).resolves.toBe(`Hello Rita, please send the serial number of ticket #${number}.`);
    // The keyboard is in the text, to review it.
    await expect.poll(() => reply.evaluate((area) => area === document.activeElement)).toBe(true);
    const applied = page.getByTestId('macro-applied');
    for (const line of [en.macros.setStatus(en.status.pending), en.macros.setPriority(en.priorityName.high), `${en.macros.addsTags} ${tag}, terminal`, `${en.macros.assignsTo} Agnes`]) {
      await applied.getByText(line, { exact: true }).waitFor();
    }
    // While a canned reply is in, its status is the one sent: no "Submit as".
    await expect(page.getByLabel(en.ticket.submitAs).count()).resolves.toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'macros.applied.en.desktop');

    await reply.press('End');
    await reply.pressSequentially(' Thank you!');
    await page.getByRole('button', { name: en.macros.send, exact: true }).click();
    await page.getByText(en.macros.sent(title)).waitFor();
    await expect(reply.inputValue()).resolves.toBe('');
    const after = await agent.api.tickets.get.query({ number });
    expect(after.ticket).toMatchObject({ status: 'pending', priority: 'high', tags: [tag, 'terminal'], assignee: { id: agent.id } });
    expect(after.conversation.at(-1)).toMatchObject({ body: `Hello Rita, please send the serial number of ticket #${number}. Thank you!`, internal: false, author: { id: agent.id } });
    // One change: the reply, then its actions, one after the other in the trail.
    const kinds = [...after.audit, ...after.workEvents].sort((a, b) => a.seq - b.seq).map((e) => e.kind);
    expect(kinds.slice(-5)).toEqual(['commented', 'status_changed', 'priority_changed', 'tags_changed', 'assigned']);
    expect((await agent.api.macros.list.query()).find((m) => m.id === saved!.id)).toMatchObject({ usageCount: 1 });

    // Edited on its page: the list says it was used once.
    await page.goto('/agent/canned-replies');
    await expect.poll(() => card(page, title).getByTestId('macro-uses').textContent()).toBe(en.macros.usedTimes('1'));
    await card(page, title).getByRole('button', { name: `${en.macros.edit} ${title}` }).click();
    await form.getByLabel(en.macros.priority, { exact: true }).selectOption('');
    await form.getByRole('button', { name: en.macros.save }).click();
    await page.getByTestId('macro-outcome').getByText(en.macros.saved(title)).waitFor();
    expect((await agent.api.macros.list.query()).find((m) => m.id === saved!.id)?.actions.priority).toBeUndefined();
    // Found in the list by a word of its title, accents aside; words in none say so.
    await page.getByLabel(en.macros.filter).fill('serie');
    await expect.poll(() => page.getByTestId('macro').count()).toBe(1);
    await card(page, title).waitFor();
    await page.getByLabel(en.macros.filter).fill('trottinette');
    await page.locator('.empty', { hasText: en.macros.noMatch }).waitFor();
    expect(incidents).toEqual([]);
  }, 180_000);

  it('a canned reply the ticket refuses changes nothing, says so, and taking it out gives a plain reply back', async () => {
    const title = `Too many tags ${marker()}`;
    await agent.api.macros.create.mutate({ title, body: { en: 'On it, {{requester.firstName}}.' }, actions: { status: 'on-hold', addTags: ['one', 'two'] } });
    const number = await submit(`Dock ${marker()} broken`);
    await agent.api.tickets.changeTags.mutate({ number, add: Array.from({ length: 19 }, (_, i) => `t${i}`) });
    const before = await agent.api.tickets.get.query({ number });

    const { page, incidents } = await desk.as(agent);
    await page.goto(`/tickets/${number}`);
    const reply = page.getByLabel(en.ticket.yourReply, { exact: true });
    await reply.fill('Draft before the canned reply');
    await apply(page, en, 'too many', title);
    await expect(reply.inputValue()).resolves.toBe('On it, Rita.');
    await page.getByRole('button', { name: en.macros.send, exact: true }).click();
    await page.getByRole('alert').getByText(en.macros.refusedInvalid).waitFor();
    const after = await agent.api.tickets.get.query({ number });
    expect({ version: after.ticket.version, status: after.ticket.status, messages: after.conversation.length, tags: after.ticket.tags.length }).toEqual({
      version: before.ticket.version,
      status: 'open',
      messages: before.conversation.length,
      tags: 19,
    });
    // The text is still there to change or take back.
    await expect(reply.inputValue()).resolves.toBe('On it, Rita.');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect((await agent.api.macros.list.query()).find((m) => m.title === title)?.usageCount).toBe(0);

    await page.getByRole('button', { name: en.macros.clear }).click();
    await expect(page.getByTestId('macro-applied').count()).resolves.toBe(0);
    await expect(reply.inputValue()).resolves.toBe('Draft before the canned reply');
    await page.getByLabel(en.ticket.submitAs).waitFor();
    await page.getByRole('button', { name: en.ticket.reply, exact: true }).click();
    await page.getByText(en.ticket.replySent).waitFor();
    const plain = await agent.api.tickets.get.query({ number });
    expect(plain.conversation.at(-1)?.body).toBe('Draft before the canned reply');
    expect(plain.ticket).toMatchObject({ status: 'open', tags: before.ticket.tags });
    expect(incidents).toEqual([]);
  }, 120_000);

  it('in French at a phone’s width: the page and a canned reply applied', async () => {
    const title = `Réinitialiser le terminal ${marker()}`;
    await agentFr.api.macros.create.mutate({ title, body: { en: 'Hello {{requester.firstName}}', fr: 'Bonjour {{requester.firstName}}, redémarrez le terminal.' }, actions: { priority: 'urgent', removeTags: ['vieux'] } });
    const { page, incidents } = await desk.as(agentFr, { viewport: PHONE });
    await page.goto('/agent/canned-replies');
    await card(page, title).waitFor();
    await page.getByRole('button', { name: fr.macros.newMacro }).click();
    await page.locator('form.macro-form').getByRole('button', { name: fr.macros.create }).click();
    await page.getByText(fr.macros.titleMissing).waitFor();
    await page.getByText(fr.macros.bodyMissing).waitFor();
    expect(englishIn(await portalWordsOn(page))).toEqual([]);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'macros.page.fr.phone');

    // The requester reads English: the canned reply comes in English, its actions said in French.
    const number = await submit(`Terminal ${marker()} bloqué`);
    await page.goto(`/tickets/${number}`);
    // The choices, narrowed by a word that matches nothing, then by one that does.
    await page.locator('summary', { hasText: fr.macros.picker }).click();
    await page.getByLabel(fr.macros.find).fill('trottinette');
    await page.getByText(fr.macros.noMatch).waitFor();
    await page.getByLabel(fr.macros.find).fill('réinit');
    await page.getByRole('list', { name: fr.macros.picker }).getByRole('button', { name: title }).waitFor();
    expect(englishIn(await portalWordsOn(page))).toEqual([]);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await apply(page, fr, 'reinitialiser', title);
    await expect(page.getByLabel(fr.ticket.yourReply, { exact: true }).inputValue()).resolves.toBe('Hello Rita');
    await page.getByTestId('macro-applied').getByText(fr.macros.setPriority(fr.priorityName.urgent)).waitFor();
    await page.getByTestId('macro-applied').getByText(`${fr.macros.removesTags} vieux`).waitFor();
    expect(englishIn(await portalWordsOn(page))).toEqual([]);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'macros.applied.fr.phone');
    expect(incidents).toEqual([]);
  }, 120_000);

  it('requesters neither see the page nor the canned replies on their ticket', async () => {
    const number = await submit(`Screen ${marker()} dark`);
    const { page } = await desk.as(requester);
    await page.goto('/agent/canned-replies');
    await page.getByTestId('not-open').waitFor();
    await expect(page.getByRole('link', { name: en.macros.nav }).count()).resolves.toBe(0);
    await page.goto(`/tickets/${number}`);
    await page.getByLabel(en.ticket.yourReply, { exact: true }).waitFor();
    await expect(page.locator('summary', { hasText: en.macros.picker }).count()).resolves.toBe(0);
  }, 60_000);
});
