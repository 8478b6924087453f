// The administration pages added for personal data and oversight, in a real browser against the
// real server, as an admin uses them: erasing a person (a confirmation that names them, says what
// is kept and wants their address typed; afterwards their ticket shows "Erased person" and none of
// their words), the admin log (who, what, when; filtered by kind and by person; a page at a time)
// and who may request access (anyone, or listed domains). Axe-clean, with screenshots; the erase
// confirmation in French at a phone's width here, the other pages' in admin.test.ts.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { type TestApi } from '../helpers/api.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { PHONE, screenshot } from './helpers/browser.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { englishIn } from './helpers/catalogue-words.js';
import { portalWordsOn, sidewaysOverflow } from './helpers/page-checks.js';

let desk: BrowserDesk;
let api: TestApi;
let admin: Someone;
let agent: Someone;

let own: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  // A database of its own: the admin log and the access policy are the whole desk's, and other
  // suites invite people and change the policy at the same time.
  own = await freshDatabase('admin_console', { firstTicketNumberAbove: 60_000_000 });
  desk = await startBrowserDesk({}, { databaseUrl: own.url });
  ({ api } = desk);
  admin = await desk.someone('Ada', { role: 'admin' });
  agent = await desk.someone('Agnes', { role: 'agent' });
}, 180_000);

afterAll(async () => {
  await desk?.close();
  await own?.db.close();
});

const card = (page: Page, email: string) => page.locator(`[data-testid="person"][data-email="${email}"]`);
const focused = (page: Page) => page.evaluate(() => ({ text: document.activeElement?.textContent ?? '', name: document.activeElement?.getAttribute('name') ?? null }));
const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));

describe('erasing a person', () => {
  it('asks for their address, says what goes and what stays, and leaves their ticket with "Erased person"', async () => {
    const erin = await desk.someone(`Erin-${randomUUID().slice(0, 6)}`);
    const word = `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const { number } = await erin.api.tickets.create.mutate({ type: 'hardware_issue', subject: `Saddle ${word} torn`, description: `Torn since ${word} Monday.`, ccEmails: [], requestId: randomUUID() });
    await agent.api.tickets.reply.mutate({ number, body: 'A new saddle is on its way.', status: 'pending', requestId: randomUUID() });

    const { page, incidents } = await desk.as(admin);
    await page.goto('/admin/people');
    await page.getByLabel(en.admin.search).fill(erin.email);
    await page.getByRole('button', { name: en.admin.find, exact: true }).click();
    const person = card(page, erin.email);
    await person.waitFor();
    await settled(page);

    // The confirmation names them and says what is kept; the address field takes the keyboard.
    await person.getByRole('button', { name: new RegExp(`^${en.admin.erase}`) }).click();
    const confirm = person.getByTestId('erase-confirm');
    await confirm.getByRole('heading', { name: en.admin.eraseTitle }).waitFor();
    await confirm.getByText(erin.email, { exact: true }).waitFor();
    await confirm.getByText(erin.name, { exact: true }).waitFor();
    await confirm.getByText(en.admin.eraseKept).waitFor();
    await expect(focused(page)).resolves.toMatchObject({ name: 'confirm-address' });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'admin.erase-confirm.en.desktop');

    // A wrong address erases nothing and says so; Escape closes and gives the focus back.
    await page.keyboard.type('someone-else@example.test');
    await confirm.getByRole('button', { name: en.admin.eraseForGood }).click();
    await confirm.getByText(en.admin.eraseMismatch).waitFor();
    await expect(api.stack.db.select().from(users).where(eq(users.id, erin.id))).resolves.toHaveLength(1);
    await page.keyboard.press('Escape');
    await expect(confirm.count()).resolves.toBe(0);
    await expect(focused(page)).resolves.toMatchObject({ text: `${en.admin.erase} ${erin.name}` });

    await page.keyboard.press('Enter');
    await confirm.getByLabel(en.admin.eraseTypeAddress).fill(erin.email.toUpperCase());
    await confirm.getByRole('button', { name: en.admin.eraseForGood }).click();
    await page.getByTestId('person-erased').getByText(en.admin.erasedDone(1)).waitFor();
    await expect(focused(page)).resolves.toMatchObject({ text: `${erin.name}${en.admin.erasedDone(1)}` });
    await expect(person.count()).resolves.toBe(0);
    await expect(api.stack.db.select().from(users).where(eq(users.id, erin.id))).resolves.toHaveLength(0);
    expect(incidents).toEqual([]);

    // Their ticket stays, Pending, with the placeholder in the reader's language and none of their words.
    const { page: console, incidents: agentIncidents } = await desk.as(agent);
    await console.goto(`/tickets/${number}`);
    await console.getByText(en.erased.message).waitFor();
    await console.getByText('A new saddle is on its way.').waitFor();
    expect(await console.getByText(en.erased.person).count()).toBeGreaterThan(0);
    const text = await console.locator('body').innerText();
    for (const gone of [word, erin.email, erin.name]) expect(text, gone).not.toContain(gone);
    // The placeholder stored in the projection is never shown as such: the page says it in words.
    expect(text).not.toContain('[erased]');
    await expect(console.getByTestId('ticket-title').textContent()).resolves.toBe(`#${number} ${en.erased.subject}`);
    await console.getByText(en.ticket.requestedBy(en.erased.person, ''), { exact: false }).waitFor();
    await settled(console);
    expect(await accessibilityProblems(console)).toEqual([]);
    await screenshot(console, 'admin.erased-ticket.en.desktop');
    expect(agentIncidents).toEqual([]);
  });

  it('asks in French at a phone’s width, every word French and nothing wider than the screen', async () => {
    const staying = await desk.someone(`Sacha-${randomUUID().slice(0, 6)}`);
    await admin.api.auth.setLanguage.mutate({ language: 'fr' });
    try {
      const { page, incidents } = await desk.as(admin, { viewport: PHONE, locale: 'fr-FR' });
      await page.goto('/admin/people');
      await page.getByLabel(fr.admin.search).fill(staying.email);
      await page.getByRole('button', { name: fr.admin.find, exact: true }).click();
      const person = card(page, staying.email);
      await person.waitFor();
      await settled(page);
      await person.getByRole('button', { name: new RegExp(`^${fr.admin.erase}`) }).click();
      await person.getByTestId('erase-confirm').getByText(fr.admin.eraseKept).waitFor();
      for (const width of [320, 390]) {
        await page.setViewportSize({ width, height: 844 });
        await page.evaluate(() => new Promise(requestAnimationFrame));
        expect(await sidewaysOverflow(page), `${width}px`).toEqual({ excess: 0, culprits: [] });
      }
      expect(englishIn(await portalWordsOn(page))).toEqual([]);
      expect(await accessibilityProblems(page)).toEqual([]);
      await screenshot(page, 'admin.erase-confirm.fr.phone');
      await page.getByRole('button', { name: fr.admin.keepPerson }).click();
      await expect(api.stack.db.select().from(users).where(eq(users.id, staying.id))).resolves.toHaveLength(1);
      expect(incidents).toEqual([]);
    } finally {
      await admin.api.auth.setLanguage.mutate({ language: 'en' });
    }
  });
});

describe('the admin log', () => {
  it('shows who did what and when, newest first, filtered by kind and by person, a page at a time', async () => {
    // Thirty changes of the same account, and an invitation: more than one page.
    const { user } = await admin.api.users.create.mutate({ email: `logged-${randomUUID().slice(0, 8)}@example.test`, role: 'requester', name: 'Lou' });
    for (let i = 0; i < 30; i++) await admin.api.users.update.mutate({ id: user.id, name: `Lou ${i}` });

    const { page, incidents } = await desk.as(admin);
    await page.goto('/admin/people');
    await page.getByRole('navigation', { name: en.admin.sections }).getByRole('link', { name: en.admin.log }).click();
    const log = page.getByTestId('admin-log');
    await log.waitFor();
    await settled(page);
    // Newest first: the last rename, by the admin.
    const first = log.locator('tbody tr').first();
    await first.getByText(en.admin.actions['users.update']).waitFor();
    await first.getByText(admin.email).waitFor();
    await first.getByText('Lou 29').waitFor();
    await expect(log.locator('tbody tr').count()).resolves.toBe(25);

    // The next page goes on where the first ended.
    await page.getByRole('button', { name: en.common.next }).click();
    await page.getByText('Lou 4', { exact: true }).waitFor();

    // Only invitations: the one above among them.
    await page.getByLabel(en.admin.logAction).selectOption('users.create');
    await page.getByRole('status').getByText(en.admin.logCount(1)).waitFor();
    await log.getByText(user.email).waitFor();
    const kinds = await log.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(new Set(kinds)).toEqual(new Set([en.admin.actions['users.create']]));

    // What names a person: their address or id, in what was done to them.
    await page.getByLabel(en.admin.logAction).selectOption('');
    await page.getByLabel(en.admin.logPerson).fill(user.id);
    await page.getByRole('button', { name: en.admin.logFilter }).click();
    await page.getByRole('status').getByText(en.admin.logCount(30)).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'admin.log.en.desktop');
    expect(incidents).toEqual([]);
  });
});

describe('who may request access', () => {
  it('switches to listed domains (a typo named at the field) and back to anyone', async () => {
    const { page, incidents } = await desk.as(admin);
    await page.goto('/admin/people');
    await page.getByRole('navigation', { name: en.admin.sections }).getByRole('link', { name: en.admin.access }).click();
    await page.getByTestId('access-now').getByText(en.admin.accessNow('anyone')).waitFor();

    await page.getByLabel(en.admin.accessDomains).check();
    await page.getByRole('button', { name: en.admin.accessSave }).click();
    await page.getByText(en.admin.accessNeedDomain).waitFor();
    const list = page.getByLabel(en.admin.accessDomainList);
    await list.fill('bikes.example.com\nnot a domain');
    await page.getByRole('button', { name: en.admin.accessSave }).click();
    await page.getByText(en.admin.accessBadDomain('not a domain')).waitFor();
    await expect(focused(page)).resolves.toMatchObject({ name: 'domains' });
    await expect(admin.api.admin.accessPolicy.query()).resolves.toEqual({ mode: 'anyone' });

    await list.fill('Bikes.Example.com\n@workshop.example.org\n');
    await page.getByRole('button', { name: en.admin.accessSave }).click();
    await page.getByTestId('access-saved').waitFor();
    await page.getByTestId('access-now').getByText(en.admin.accessNow('domains')).waitFor();
    await expect(admin.api.admin.accessPolicy.query()).resolves.toEqual({ mode: 'domains', domains: ['bikes.example.com', 'workshop.example.org'] });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'admin.access.en.desktop');

    await page.getByLabel(en.admin.accessAnyone).check();
    await page.getByRole('button', { name: en.admin.accessSave }).click();
    await page.getByTestId('access-now').getByText(en.admin.accessNow('anyone')).waitFor();
    await expect(admin.api.admin.accessPolicy.query()).resolves.toEqual({ mode: 'anyone' });
    expect(incidents).toEqual([]);
  });
});
