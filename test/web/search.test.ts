// Search in a real browser against the real server: an agent finds a French ticket by a word typed
// without its accent, the matching words marked (as text: the server's fragments, never HTML), the
// dates and the assignee narrowing it; a requester searches over their own requests, in French at a
// phone's width, with no priority or tag filter; `#123` goes straight to the ticket; words that
// match nothing say so, in both languages.
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
const marker = () => `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;

beforeAll(async () => {
  desk = await startBrowserDesk();
  requester = await desk.someone('Rita', { language: 'fr' });
  agent = await desk.someone('Agnes', { role: 'agent' });
}, 120_000);

afterAll(async () => {
  await desk?.close();
});

const as = (who: Someone, options?: Parameters<BrowserDesk['as']>[1]) => desk.as(who, options);

/** A list filter, by the words its label starts with (the label holds its choices too). */
const filter = (page: Page, label: string) => page.locator('label.filter', { hasText: new RegExp(`^${label}`) });

const submit = async (subject: string, description: string) =>
  (await requester.api.tickets.create.mutate({ type: 'hardware_issue', subject, description, ccEmails: [], requestId: randomUUID() })).number;

describe('search', () => {
  it('finds a French word typed without its accent, marks it, and jumps to #123', async () => {
    const word = marker();
    const number = await submit(`Les vélos ${word} ne démarrent plus`, 'Les réservations échouées depuis la mise à jour <b>du terminal</b>.');
    const { page, incidents } = await as(agent);
    await page.goto('/');
    await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.nav.search }).click();
    await page.getByRole('heading', { name: en.search.title, level: 1 }).waitFor();
    await page.getByLabel(en.search.labelStaff).fill(`velo ${word}`);
    await page.getByRole('button', { name: en.search.submit, exact: true }).click();
    await page.getByText(en.search.count(1, true), { exact: true }).waitFor();
    const hit = page.locator('.search-hit');
    await expect(hit.count()).resolves.toBe(1);
    await expect(hit.getByRole('link').getAttribute('href')).resolves.toBe(`/tickets/${number}`);
    // The matching words are marked, in the subject and the passage alike.
    const marked = await hit.locator('mark').allTextContents();
    expect(marked).toContain('vélos');
    expect(marked).toContain(word);
    // Staff see the priority and tag filters; the address keeps the words.
    await filter(page, en.marks.priority).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(`velo ${word}`);
    // Created until yesterday: nothing; until today: found again. Assigned to me: nothing.
    const [today, yesterday] = await page.evaluate(() =>
      [0, -1].map((days) => {
        const at = new Date();
        at.setDate(at.getDate() + days);
        return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
      }),
    );
    await filter(page, en.search.createdTo).locator('input').fill(yesterday);
    await page.getByText(en.search.empty).waitFor();
    await filter(page, en.search.createdTo).locator('input').fill(today);
    await page.getByText(en.search.count(1, true), { exact: true }).waitFor();
    await filter(page, en.search.assignee).locator('select').selectOption('me');
    await page.getByText(en.search.empty).waitFor();
    await filter(page, en.search.assignee).locator('select').selectOption('');
    await page.getByText(en.search.count(1, true), { exact: true }).waitFor();
    // Markup in what people wrote stays text.
    await page.getByLabel(en.search.labelStaff).fill(`terminal ${word}`);
    await page.getByRole('button', { name: en.search.submit, exact: true }).click();
    await page.getByText(en.search.inDescription).waitFor();
    await expect(hit.locator('b').count()).resolves.toBe(0);
    expect(await hit.locator('.search-hit__passage').textContent()).toContain('<b>');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'search.agent.en.desktop');

    // Nothing found says so.
    await page.getByLabel(en.search.labelStaff).fill(`${marker()} trottinette`);
    await page.getByRole('button', { name: en.search.submit, exact: true }).click();
    await page.getByText(en.search.empty).waitFor();

    // #123 opens the ticket, from the queue's search box too.
    await page.getByLabel(en.search.labelStaff).fill(`#${number}`);
    await page.getByRole('button', { name: en.search.submit, exact: true }).click();
    await page.waitForURL(`**/tickets/${number}`);
    await page.goto('/agent');
    await page.getByRole('search').getByLabel(en.search.labelStaff).fill(`velo ${word}`);
    await page.getByRole('search').getByRole('button', { name: en.search.submit, exact: true }).click();
    await page.getByText(en.search.count(1, true), { exact: true }).waitFor();
    await page.getByRole('search').getByLabel(en.search.labelStaff).fill(String(number));
    await page.getByRole('search').getByRole('button', { name: en.search.submit, exact: true }).click();
    await page.waitForURL(`**/tickets/${number}`);
    expect(incidents).toEqual([]);
  }, 120_000);

  it('lets a requester search their requests in French at a phone’s width, without priority or tags', async () => {
    const word = marker();
    const number = await submit(`Écran ${word} figé`, 'Le terminal affiche un écran figé depuis ce matin.');
    const { page, incidents } = await as(requester, { viewport: PHONE });
    await page.goto(`/search?q=${encodeURIComponent(`ecran ${word}`)}`);
    await page.getByRole('heading', { name: fr.search.title, level: 1 }).waitFor();
    await page.getByText(fr.search.count(1, true), { exact: true }).waitFor();
    await expect(page.locator('.search-hit').getByRole('link').getAttribute('href')).resolves.toBe(`/tickets/${number}`);
    expect(await page.locator('.search-hit mark').allTextContents()).toContain('Écran');
    await expect(filter(page, fr.marks.priority).count()).resolves.toBe(0);
    await expect(filter(page, fr.marks.tag).count()).resolves.toBe(0);
    await expect(page.getByRole('option', { name: fr.search.sortPriority }).count()).resolves.toBe(0);
    expect(englishIn(await portalWordsOn(page))).toEqual([]);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'search.requester.fr.phone');

    await page.getByLabel(fr.search.label).fill(`${marker()} trottinette`);
    await page.getByRole('button', { name: fr.search.submit, exact: true }).click();
    await page.getByText(fr.search.empty).waitFor();
    expect(incidents).toEqual([]);
  }, 120_000);
});
