// Bulk actions in the agent queue, in a real browser against the real server: an agent ticks
// several tickets, one of them Closed, and sets their priority; the open ones change (read back
// through the API), the Closed one is listed as refused with why and stays selected, nothing else
// moves. Select-all on the page, the confirmation a change to many asks for, a resend after a lost
// answer (the same request id: nothing applied twice) and new actions with new ones (to me, to a
// colleague, a tag suggested from those in use); axe on the queue with a selection and on the
// results, in English and in French at a phone's width, where the toolbar must not stick out.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../src/db/schema.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { SLOW_POLICY } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { PHONE, screenshot } from './helpers/browser.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';
import { englishIn } from './helpers/catalogue-words.js';
import { portalWordsOn, sidewaysOverflow } from './helpers/page-checks.js';

let desk: BrowserDesk;
let requester: Someone;
let agent: Someone;
let agentFr: Someone;
let colleague: Someone;
/** A tag of this test's own, so that the queue filtered by it lists only the tickets a test made. */
const marker = () => `zb${randomUUID().replaceAll('-', '').slice(0, 8)}`;

beforeAll(async () => {
  desk = await startBrowserDesk();
  requester = await desk.someone('Rita');
  agent = await desk.someone('Agnes', { role: 'agent' });
  agentFr = await desk.someone('Amelie', { role: 'agent', language: 'fr' });
  colleague = await desk.someone('Colin', { role: 'agent' });
}, 120_000);

afterAll(async () => {
  await desk?.close();
});

/** Open tickets carrying `tag`. */
async function openTickets(tag: string, count: number): Promise<number[]> {
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) {
    const { number } = await requester.api.tickets.create.mutate({ type: 'software_issue', subject: `Dock ${i} refuses bikes`, description: 'Every bike is refused.', ccEmails: [], requestId: randomUUID() });
    await agent.api.tickets.changeTags.mutate({ number, add: [tag] });
    numbers.push(number);
  }
  return numbers;
}

/** A Closed ticket carrying `tag`: solved on a desk whose Solved period is half a second, as the page checks make theirs. */
async function closedTicket(tag: string): Promise<number> {
  const quickDesk = new TicketDesk({ client: desk.api.stack.client, db: desk.api.stack.db, taskQueue: desk.api.stack.taskQueue, policy: { ...SLOW_POLICY, solvedAutoCloseMs: 500 } });
  const { number } = await quickDesk.create({
    requestId: randomUUID(),
    type: 'hardware_issue',
    subject: 'Broken lock on bike 1042',
    description: 'The lock does not open.',
    requester: { id: requester.id, email: requester.email, name: requester.name },
    organizationId: null,
    ccs: [],
    followUpOf: null,
  });
  await agent.api.tickets.changeTags.mutate({ number, add: [tag] });
  await agent.api.tickets.solve.mutate({ number });
  await eventually(async () => {
    const [row] = await desk.api.stack.db.select({ status: tickets.status }).from(tickets).where(eq(tickets.number, number));
    expect(row?.status).toBe('closed');
  });
  return number;
}

/** What a bulk change may move on a ticket, and its version (which any change moves). */
const stateOf = async (number: number) => {
  const { ticket } = await agent.api.tickets.get.query({ number });
  return { status: ticket.status, priority: ticket.priority, tags: ticket.tags, assignee: ticket.assignee?.id ?? null, version: ticket.version };
};

const rows = (page: Page) => page.locator('.ticket-table tbody tr');
const tick = (page: Page, number: number, select: (n: number) => string) => page.getByRole('checkbox', { name: select(number), exact: true });

async function openQueue(page: Page, tag: string, count: number) {
  await page.goto(`/agent?tag=${tag}`);
  await expect.poll(() => rows(page).count()).toBe(count);
}

describe('bulk actions in the queue', () => {
  it('sets the priority of the open tickets ticked, refuses the Closed one with why, and changes nothing else', async () => {
    const tag = marker();
    const [first, second, untouched] = await openTickets(tag, 3);
    const closed = await closedTicket(tag);
    const before = { untouched: await stateOf(untouched), closed: await stateOf(closed) };

    const { page, incidents } = await desk.as(agent);
    await openQueue(page, tag, 4);
    const bar = page.getByRole('region', { name: en.bulk.title });
    const selectPage = bar.getByRole('checkbox', { name: en.bulk.selectPage });
    // Nothing ticked: no actions yet.
    await expect(bar.getByLabel(en.bulk.priority).count()).resolves.toBe(0);

    for (const number of [first, second, closed]) await tick(page, number, en.bulk.select).check();
    await bar.getByText(en.bulk.selected(3)).waitFor();
    // Some of the page, not all: the select-all box is mixed.
    await expect(selectPage.evaluate((box) => (box as HTMLInputElement).indeterminate)).resolves.toBe(true);
    await expect(selectPage.isChecked()).resolves.toBe(false);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'bulk.selection.en.desktop');

    // Three tickets: applied without a confirmation.
    await bar.getByLabel(en.bulk.priority).selectOption('high');
    await bar.getByRole('button', { name: en.bulk.setPriority }).click();
    const results = page.getByRole('region', { name: en.bulk.results });
    await results.getByText(en.bulk.isClosed(closed)).waitFor();
    await expect(results.textContent()).resolves.toContain(`${en.bulk.changedCount(2)}, ${en.bulk.refusedCount(1)}`);
    for (const number of [first, second]) await results.getByText(en.bulk.nowPriority(number, en.priorityName.high)).waitFor();
    // The focus is on the results, for the reader to hear them.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(en.bulk.results);

    // Through the API: the open ones changed, the Closed one and the one not ticked did not move at all.
    for (const number of [first, second]) expect((await stateOf(number)).priority).toBe('high');
    expect(await stateOf(untouched)).toEqual(before.untouched);
    expect(await stateOf(closed)).toEqual(before.closed);

    // The queue shows the change; the refused one stays selected, to act on again.
    await expect.poll(() => rows(page).filter({ hasText: en.priorityName.high }).count()).toBe(2);
    await expect(tick(page, closed, en.bulk.select).isChecked()).resolves.toBe(true);
    for (const number of [first, second, untouched]) await expect(tick(page, number, en.bulk.select).isChecked()).resolves.toBe(false);
    await bar.getByText(en.bulk.selected(1)).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'bulk.results.en.desktop');

    // Shift held, a click ticks every row from the last one ticked (the rows are in the list's order).
    const listed = (await rows(page).locator('td:nth-child(2)').allTextContents()).map((text) => Number(text.replace('#', '')));
    await tick(page, closed, en.bulk.select).uncheck();
    await tick(page, listed[0], en.bulk.select).check();
    await tick(page, listed[2], en.bulk.select).click({ modifiers: ['Shift'] });
    await bar.getByText(en.bulk.selected(3)).waitFor();
    for (const number of listed.slice(0, 3)) await expect(tick(page, number, en.bulk.select).isChecked()).resolves.toBe(true);
    await expect(tick(page, listed[3], en.bulk.select).isChecked()).resolves.toBe(false);
    await bar.getByRole('button', { name: en.bulk.clear }).click();
    await expect(page.getByRole('checkbox', { checked: true }).count()).resolves.toBe(0);

    // Select-all, from the keyboard, ticks the whole page, and unticks it.
    await selectPage.focus();
    await page.keyboard.press('Space');
    for (const number of [first, second, untouched, closed]) await expect(tick(page, number, en.bulk.select).isChecked()).resolves.toBe(true);
    await bar.getByText(en.bulk.selected(4)).waitFor();
    await expect(selectPage.evaluate((box) => (box as HTMLInputElement).indeterminate)).resolves.toBe(false);
    await selectPage.uncheck();
    await expect(page.getByRole('checkbox', { checked: true }).count()).resolves.toBe(0);
    await expect(bar.getByLabel(en.bulk.priority).count()).resolves.toBe(0);
    // The results stay until hidden.
    await results.getByRole('button', { name: en.bulk.dismiss }).click();
    await expect(results.count()).resolves.toBe(0);
    expect(incidents).toEqual([]);
  }, 180_000);

  it('asks before changing many, resends after a lost answer changing nothing twice, and assigns and tags as new requests', async () => {
    const tag = marker();
    const numbers = await openTickets(tag, 5);
    const { page, incidents } = await desk.as(agent);
    await openQueue(page, tag, 5);
    const bar = page.getByRole('region', { name: en.bulk.title });
    const sent: Request[] = [];
    page.on('request', (request) => {
      if (request.url().includes('tickets.bulk')) sent.push(request);
    });
    const requestIdOf = (request: Request) => (Object.values(request.postDataJSON() as Record<string, { requestId: string }>)[0] ?? { requestId: '' }).requestId;

    await bar.getByRole('checkbox', { name: en.bulk.selectPage }).check();
    await bar.getByText(en.bulk.selected(5)).waitFor();
    await bar.getByLabel(en.bulk.status).selectOption('on-hold');
    const setStatus = bar.getByRole('button', { name: en.bulk.setStatus });
    await setStatus.click();
    const confirm = bar.getByRole('group', { name: en.bulk.confirm(en.bulk.toStatus(en.status['on-hold']), 5) });
    await confirm.waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    // Escape keeps everything as it was, and gives the focus back.
    await page.keyboard.press('Escape');
    await expect(confirm.count()).resolves.toBe(0);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(en.bulk.setStatus);
    expect(sent).toHaveLength(0);
    for (const number of numbers) expect((await stateOf(number)).status).toBe('open');

    // The answer to the confirmed change is lost on the way back: the server did change them.
    await page.route('**/trpc/tickets.bulk*', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await setStatus.click();
    await confirm.getByRole('button', { name: en.bulk.apply(5) }).click();
    const results = page.getByRole('region', { name: en.bulk.results });
    await results.getByText(en.errors.network).waitFor();
    for (const number of numbers) await expect.poll(async () => (await stateOf(number)).status).toBe('on-hold');
    const versions = await Promise.all(numbers.map(async (number) => (await stateOf(number)).version));
    await page.unroute('**/trpc/tickets.bulk*');

    // Tried again: the same request id, and each ticket answers done without changing again.
    await results.getByRole('button', { name: en.bulk.retry }).click();
    await results.getByText(en.bulk.changedCount(5)).waitFor();
    for (const number of numbers) await results.getByText(en.bulk.nowStatus(number, en.status['on-hold'])).waitFor();
    expect(sent).toHaveLength(2);
    expect(requestIdOf(sent[1])).toBe(requestIdOf(sent[0]));
    expect(await Promise.all(numbers.map(async (number) => (await stateOf(number)).version))).toEqual(versions);

    // A new action is a new request, with an id of its own.
    await expect(page.getByRole('checkbox', { checked: true }).count()).resolves.toBe(0);
    await tick(page, numbers[0], en.bulk.select).check();
    await bar.getByRole('button', { name: en.bulk.assignToMe }).click();
    await results.getByText(en.bulk.nowAssigned(numbers[0], agent.name)).waitFor();
    expect(sent).toHaveLength(3);
    expect(requestIdOf(sent[2])).not.toBe(requestIdOf(sent[0]));
    expect((await stateOf(numbers[0])).assignee).toBe(agent.id);
    expect((await stateOf(numbers[1])).assignee).toBe(null);

    // To a colleague chosen from Support Ops, and a tag suggested from those in use.
    await tick(page, numbers[0], en.bulk.select).check();
    await tick(page, numbers[1], en.bulk.select).check();
    await bar.getByRole('combobox', { name: en.ticket.assignTo }).selectOption({ label: colleague.name });
    await bar.getByRole('button', { name: en.ticket.assign, exact: true }).click();
    await results.getByText(en.bulk.nowAssigned(numbers[1], colleague.name)).waitFor();
    for (const number of numbers.slice(0, 2)) expect((await stateOf(number)).assignee).toBe(colleague.id);
    expect((await stateOf(numbers[2])).assignee).toBe(null);
    for (const number of numbers.slice(0, 2)) await tick(page, number, en.bulk.select).check();
    const tagField = bar.getByLabel(en.bulk.tag, { exact: true });
    await tagField.fill(tag.slice(0, 5));
    await expect.poll(() => bar.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toContain(tag);
    await tagField.fill('dock-4');
    await bar.getByRole('button', { name: en.bulk.addTag }).click();
    await results.getByText(en.bulk.tagAdded(numbers[0], 'dock-4')).waitFor();
    for (const number of numbers.slice(0, 2)) expect((await stateOf(number)).tags).toEqual([tag, 'dock-4']);
    expect((await stateOf(numbers[2])).tags).toEqual([tag]);
    expect(requestIdOf(sent[4])).not.toBe(requestIdOf(sent[3]));
    expect(incidents).toEqual([]);
  }, 180_000);

  it('in French at a phone’s width: the toolbar fits, the results say why in French', async () => {
    const tag = marker();
    const [first, second] = await openTickets(tag, 2);
    const closed = await closedTicket(tag);
    const { page, incidents } = await desk.as(agentFr, { viewport: PHONE });
    await openQueue(page, tag, 3);
    const bar = page.getByRole('region', { name: fr.bulk.title });
    for (const number of [first, second, closed]) await tick(page, number, fr.bulk.select).check();
    await bar.getByText(fr.bulk.selected(3)).waitFor();
    await bar.getByLabel(fr.bulk.tag, { exact: true }).fill(tag.slice(0, 4));
    expect((await sidewaysOverflow(page)).culprits).toEqual([]);
    expect(englishIn(await portalWordsOn(page))).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'bulk.selection.fr.phone');

    await bar.getByLabel(fr.bulk.tag, { exact: true }).fill('');
    await bar.getByLabel(fr.bulk.priority).selectOption('urgent');
    await bar.getByRole('button', { name: fr.bulk.setPriority }).click();
    const results = page.getByRole('region', { name: fr.bulk.results });
    await results.getByText(fr.bulk.isClosed(closed)).waitFor();
    await results.getByText(fr.bulk.nowPriority(first, fr.priorityName.urgent)).waitFor();
    await expect(results.textContent()).resolves.toContain(`${fr.bulk.changedCount(2)}, ${fr.bulk.refusedCount(1)}`);
    expect((await stateOf(second)).priority).toBe('urgent');
    expect((await stateOf(closed)).status).toBe('closed');
    await bar.getByText(fr.bulk.selected(1)).waitFor();
    expect((await sidewaysOverflow(page)).culprits).toEqual([]);
    expect(englishIn(await portalWordsOn(page))).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'bulk.results.fr.phone');
    expect(incidents).toEqual([]);
  }, 180_000);
});
