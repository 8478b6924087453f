// Priority and tags in a real browser against the real server: an agent sets a ticket's priority
// and adds a tag (suggested from the tags in use) on the ticket page, removes one, sees both in the
// audit trail, and the queue's
// priority and tag filters find the ticket, its priority and tags in their columns; in French at a
// phone's width too. A requester sees neither the controls nor the marks.
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
const marker = () => `zq${randomUUID().replaceAll('-', '').slice(0, 8)}`;

beforeAll(async () => {
  desk = await startBrowserDesk();
  requester = await desk.someone('Rita');
  agent = await desk.someone('Agnes', { role: 'agent' });
  agentFr = await desk.someone('Amelie', { role: 'agent', language: 'fr' });
}, 120_000);

afterAll(async () => {
  await desk?.close();
});

const as = (who: Someone, options?: Parameters<BrowserDesk['as']>[1]) => desk.as(who, options);

const submit = async (subject: string) =>
  (await requester.api.tickets.create.mutate({ type: 'software_issue', subject, description: 'The app freezes at checkout.', ccEmails: [], requestId: randomUUID() })).number;
/** A queue filter, by the words its label starts with (the label holds its choices too). */
const filter = (page: Page, label: string) => page.locator('label.filter', { hasText: new RegExp(`^${label}`) });
const row = (page: Page, number: number) => page.locator('.ticket-table tbody tr', { hasText: `#${number}` });

describe('priority and tags', () => {
  it('an agent sets the priority and a tag, and the queue filters find the ticket', async () => {
    const tag = marker();
    const number = await submit(`Checkout ${tag} freezes`);
    // A tag in use on another ticket is suggested.
    const other = await submit(`Other ${tag}`);
    await agent.api.tickets.changeTags.mutate({ number: other, add: [`${tag}-known`] });

    const { page, incidents } = await as(agent);
    await page.goto(`/tickets/${number}`);
    const marks = page.getByRole('region', { name: en.marks.title });
    await marks.waitFor();
    await expect(marks.getByLabel(en.marks.priority, { exact: true }).inputValue()).resolves.toBe('normal');
    await marks.getByLabel(en.marks.priority, { exact: true }).selectOption('urgent');
    await expect.poll(async () => (await agent.api.tickets.get.query({ number })).ticket.priority).toBe('urgent');

    const input = marks.getByLabel(en.marks.addTag);
    await input.fill(tag);
    await expect.poll(() => marks.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toContain(`${tag}-known`);
    await marks.getByRole('button', { name: en.marks.add, exact: true }).click();
    await marks.getByRole('list', { name: en.marks.tags }).getByText(tag, { exact: true }).waitFor();
    await input.fill('extra');
    await marks.getByRole('button', { name: en.marks.add, exact: true }).click();
    await marks.getByRole('button', { name: en.marks.removeTag('extra') }).click();
    await expect.poll(async () => (await agent.api.tickets.get.query({ number })).ticket.tags).toEqual([tag]);
    await expect(input.inputValue()).resolves.toBe('');
    // Both changes are in the audit trail, in order.
    await expect.poll(() => page.locator('.audit-list').textContent()).toContain(en.workEvent.tags_changed('', 'extra'));
    const trail = (await page.locator('.audit-list').textContent()) ?? '';
    expect(trail).toContain(en.workEvent.priority_changed(en.priorityName.normal, en.priorityName.urgent));
    expect(trail.indexOf(en.workEvent.priority_changed(en.priorityName.normal, en.priorityName.urgent))).toBeLessThan(trail.indexOf(en.workEvent.tags_changed(tag, '')));
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'marks.agent.en.desktop');

    // The queue: the tag filter and the priority filter find it, with its marks in their columns.
    await page.goto('/agent');
    await filter(page, en.marks.tag).locator('input').fill(tag);
    await filter(page, en.marks.tag).locator('input').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('tag') === tag);
    // The row is in the list before the filter too: wait for the filtered list, which holds it alone.
    await expect.poll(() => page.locator('.ticket-table tbody tr').count()).toBe(1);
    await row(page, number).waitFor();
    await expect(row(page, number).locator('.priority').textContent()).resolves.toContain(en.priorityName.urgent);
    await row(page, number).locator('.tag', { hasText: tag }).waitFor();
    await filter(page, en.marks.priority).locator('select').selectOption('low');
    await page.getByText(en.activities.empty).waitFor();
    await filter(page, en.marks.priority).locator('select').selectOption('urgent');
    await row(page, number).waitFor();
    await filter(page, en.queue.sort).locator('select').selectOption('priority');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'priority');
    await row(page, number).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(incidents).toEqual([]);
  }, 180_000);

  it('in French at a phone’s width', async () => {
    const tag = marker();
    const number = await submit(`Paiement ${tag} refusé`);
    const { page, incidents } = await as(agentFr, { viewport: PHONE });
    await page.goto(`/tickets/${number}`);
    const marks = page.getByRole('region', { name: fr.marks.title });
    await marks.waitFor();
    await marks.getByLabel(fr.marks.priority, { exact: true }).selectOption('high');
    await marks.getByLabel(fr.marks.addTag).fill(tag);
    await marks.getByRole('button', { name: fr.marks.add, exact: true }).click();
    await marks.getByRole('list', { name: fr.marks.tags }).getByText(tag, { exact: true }).waitFor();
    await expect.poll(async () => (await agentFr.api.tickets.get.query({ number })).ticket.priority).toBe('high');
    expect(englishIn(await portalWordsOn(page))).toEqual([]);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    await screenshot(page, 'marks.agent.fr.phone');

    await page.goto(`/agent?tag=${tag}&priority=high`);
    await row(page, number).waitFor();
    await expect(row(page, number).locator('.priority').textContent()).resolves.toContain(fr.priorityName.high);
    expect(englishIn(await portalWordsOn(page))).toEqual([]);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'marks.queue.fr.phone');
    expect(incidents).toEqual([]);
  }, 180_000);

  it('a requester sees no priority or tag, nor any control for them', async () => {
    const tag = marker();
    const number = await submit(`Login ${marker()} loops`);
    await agent.api.tickets.setPriority.mutate({ number, priority: 'urgent' });
    await agent.api.tickets.changeTags.mutate({ number, add: [tag] });
    const { page, incidents } = await as(requester);
    await page.goto(`/tickets/${number}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('The app freezes at checkout.').waitFor();
    await expect(page.getByRole('region', { name: en.marks.title }).count()).resolves.toBe(0);
    await expect(page.getByLabel(en.marks.priority, { exact: true }).count()).resolves.toBe(0);
    await expect(page.getByText(tag).count()).resolves.toBe(0);
    await expect(page.getByText(en.priorityName.urgent).count()).resolves.toBe(0);
    await page.goto('/requests');
    await page.locator('.ticket-table tbody tr', { hasText: `#${number}` }).waitFor();
    await expect(page.locator('.priority, .tag').count()).resolves.toBe(0);
    expect(incidents).toEqual([]);
  }, 120_000);
});
