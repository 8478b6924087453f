// The administration pages, in a real browser against the real server, as an admin uses them:
// an invitation (its set-password e-mail is queued), a change of role, a deactivation (the
// person's session ends at once: their next call is UNAUTHORIZED; their tickets stay) and its
// reactivation, a link sent again, the export of a person's data (a JSON download with their
// e-mail), and organizations (create, rename, add a member by e-mail, remove one); in French at a
// phone's width, axe-clean. Agents and requesters neither see the entry nor reach the pages.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, notifications, organizations, users } from '../../src/db/schema.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { errorCode, type TestApi } from '../helpers/api.js';
import { eventually } from '../helpers/wait.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { PHONE, screenshot } from './helpers/browser.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';
import { englishIn } from './helpers/catalogue-words.js';
import { portalWordsOn, sidewaysOverflow } from './helpers/page-checks.js';

const PEOPLE = '/admin/people';
const ORGANIZATIONS = '/admin/organizations';

let desk: BrowserDesk;
let api: TestApi;
let admin: Someone;
let agent: Someone;
let requester: Someone;
/** Deactivated in a test: their session ends. */
let leaver: Someone;

beforeAll(async () => {
  desk = await startBrowserDesk();
  ({ api } = desk);
  admin = await desk.someone('Ada', { role: 'admin' });
  agent = await desk.someone('Agnes', { role: 'agent' });
  requester = await desk.someone(`Rita-${randomUUID().slice(0, 6)}`);
  leaver = await desk.someone(`Leo-${randomUUID().slice(0, 6)}`);
}, 180_000);

afterAll(async () => {
  await desk?.close();
});

const as = (who: Someone, options?: Parameters<BrowserDesk['as']>[1]) => desk.as(who, options);

const card = (page: Page, email: string) => page.locator(`[data-testid="person"][data-email="${email}"]`);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const mailsTo = (email: string, kind: (typeof notifications.$inferSelect)['kind']) =>
  api.stack.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.recipient, email), eq(notifications.kind, kind)));

async function findPerson(page: Page, email: string, t: typeof en) {
  await page.getByLabel(t.admin.search).fill(email);
  await page.getByRole('button', { name: t.admin.find, exact: true }).click();
  await card(page, email).waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

describe('administration, people', () => {
  it('invites someone: the set-password e-mail is queued, and they are listed as invited', async () => {
    const { page, incidents } = await as(admin);
    const shop = `Shop ${randomUUID().slice(0, 6)}`;
    await admin.api.organizations.create.mutate({ name: shop });
    await page.goto('/');
    await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.nav.admin }).click();
    await page.getByRole('heading', { name: en.admin.title, level: 1 }).waitFor();
    await page.getByRole('heading', { name: en.admin.invite.title }).waitFor();

    const email = `newcomer-${randomUUID().slice(0, 8)}@bikes.example`;
    const invite = page.getByRole('region', { name: en.admin.invite.title });
    // A missing name is said at its field, which takes the keyboard.
    await invite.getByLabel(en.admin.invite.email, { exact: true }).fill(email);
    await page.getByRole('button', { name: en.admin.invite.send }).click();
    await page.getByText(en.admin.invite.needName).waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('name');

    await invite.getByLabel(en.admin.invite.name, { exact: true }).fill('Noor');
    await invite.getByLabel(en.admin.invite.role, { exact: true }).selectOption('agent');
    await invite.getByLabel(en.admin.invite.organization, { exact: true }).selectOption({ label: shop });
    await page.getByRole('button', { name: en.admin.invite.send }).click();
    await page.getByTestId('invite-sent').getByText(en.admin.invite.sent).waitFor();
    await expect(focusedText(page)).resolves.toBe(en.admin.invite.sent);
    await eventually(async () => expect(await mailsTo(email, 'set_password')).toHaveLength(1));
    const [made] = await api.stack.db.select().from(users).where(eq(users.email, email));
    expect(made).toMatchObject({ name: 'Noor', role: 'agent', passwordHash: null });
    const [organization] = await api.stack.db.select().from(organizations).where(eq(organizations.name, shop));
    await expect(api.stack.db.select().from(memberships).where(eq(memberships.userId, made.id))).resolves.toMatchObject([{ organizationId: organization.id }]);

    await findPerson(page, email, en);
    await card(page, email).getByTestId('person-state').getByText(en.admin.invited, { exact: true }).waitFor();
    // The same address again: said at the field.
    await invite.getByLabel(en.admin.invite.name, { exact: true }).fill('Noor again');
    await invite.getByLabel(en.admin.invite.email, { exact: true }).fill(email);
    await page.getByRole('button', { name: en.admin.invite.send }).click();
    await page.getByText(en.admin.invite.exists).waitFor();

    // Sent again: a second access e-mail.
    await card(page, email).getByRole('button', { name: new RegExp(`^${en.admin.resend}`) }).click();
    await card(page, email).getByTestId('person-done').getByText(en.admin.resent).waitFor();
    await eventually(async () => expect(await mailsTo(email, 'set_password')).toHaveLength(2));

    // Filtered by role: the agent is an agent; the requester is not.
    const search = page.getByRole('search');
    await search.getByLabel(en.admin.search, { exact: true }).fill(agent.email);
    await search.getByLabel(en.admin.role, { exact: true }).selectOption('agent');
    await card(page, agent.email).waitFor();
    await search.getByLabel(en.admin.search, { exact: true }).fill(requester.email);
    await search.getByRole('button', { name: en.admin.find, exact: true }).click();
    await page.getByRole('status').getByText(en.admin.count(0), { exact: true }).waitFor();
    await expect(card(page, requester.email).count()).resolves.toBe(0);

    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'admin.people.en.desktop');
    expect(incidents).toEqual([]);
  });

  it('changes a role, deactivates (their session ends at once, their tickets stay) and reactivates, and exports their data', async () => {
    const number = (await leaver.api.tickets.create.mutate({ type: 'hardware_issue', subject: 'Broken lock on bike 7', description: 'It does not open.', ccEmails: [], requestId: randomUUID() })).number;
    await expect(leaver.api.tickets.get.query({ number })).resolves.toBeTruthy();
    const { page, incidents } = await as(admin);
    await page.goto(PEOPLE);
    await findPerson(page, leaver.email, en);
    const person = card(page, leaver.email);

    // Export: the download is their data as JSON, with their e-mail and their ticket.
    const [download] = await Promise.all([page.waitForEvent('download'), person.getByRole('button', { name: new RegExp(`^${en.admin.export}`) }).click()]);
    expect(download.suggestedFilename()).toBe(`personal-data-${leaver.email}.json`);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.account.email).toBe(leaver.email);
    expect(JSON.stringify(data)).toContain('Broken lock on bike 7');
    await person.getByTestId('person-done').getByText(en.admin.exported).waitFor();

    // A new role.
    await person.getByLabel(en.admin.changeRole, { exact: true }).selectOption('agent');
    await person.getByRole('button', { name: new RegExp(`^${en.admin.saveRole}`) }).click();
    await person.getByTestId('person-done').getByText(en.admin.roleChanged).waitFor();
    await eventually(async () => expect((await api.stack.db.select().from(users).where(eq(users.id, leaver.id)))[0].role).toBe('agent'));
    await person.getByLabel(en.admin.changeRole, { exact: true }).selectOption('requester');
    await person.getByRole('button', { name: new RegExp(`^${en.admin.saveRole}`) }).click();
    await eventually(async () => expect((await api.stack.db.select().from(users).where(eq(users.id, leaver.id)))[0].role).toBe('requester'));

    // Deactivation asks first, and says what it does; Keep leaves all as it was.
    await person.getByRole('button', { name: new RegExp(`^${en.admin.deactivate}`) }).click();
    await person.getByText(en.admin.confirmDeactivate).waitFor();
    await expect(focusedText(page)).resolves.toBe(en.admin.keepActive);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect(person.getByText(en.admin.confirmDeactivate).count()).resolves.toBe(0);
    await expect(leaver.api.tickets.list.query({})).resolves.toBeTruthy();

    await person.getByRole('button', { name: new RegExp(`^${en.admin.deactivate}`) }).click();
    await person.getByRole('button', { name: en.admin.deactivateForGood }).click();
    await person.getByTestId('person-done').getByText(en.admin.deactivated).waitFor();
    await person.getByTestId('person-state').getByText(en.admin.deactivatedState, { exact: true }).waitFor();
    // Their session has ended: their next call is refused.
    await expect(errorCode(leaver.api.tickets.list.query({}))).resolves.toBe('UNAUTHORIZED');
    // Their ticket stays.
    await expect(agent.api.tickets.get.query({ number })).resolves.toMatchObject({ ticket: { number } });
    // A deactivated account is sent no link.
    await expect(person.getByRole('button', { name: new RegExp(`^${en.admin.resend}`) }).count()).resolves.toBe(0);

    await person.getByRole('button', { name: new RegExp(`^${en.admin.reactivate}`) }).click();
    await person.getByTestId('person-done').getByText(en.admin.reactivated).waitFor();
    await person.getByTestId('person-state').getByText(en.admin.active, { exact: true }).waitFor();
    await screenshot(page, 'admin.person.en.desktop');
    expect(incidents).toEqual([]);
  });

  it('in French at a phone’s width: every word French, nothing wider than the screen, axe-clean', async () => {
    await admin.api.auth.setLanguage.mutate({ language: 'fr' });
    try {
      const { page, incidents } = await as(admin, { viewport: PHONE, locale: 'fr-FR' });
      for (const [path, heading] of [
        [PEOPLE, fr.admin.invite.title],
        [ORGANIZATIONS, fr.admin.newOrganization],
        ['/admin/log', fr.admin.title],
        ['/admin/access', fr.admin.title],
      ] as const) {
        await page.goto(path);
        await page.getByRole('heading', { name: heading }).waitFor();
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
        for (const width of [320, 390]) {
          await page.setViewportSize({ width, height: 844 });
          await page.evaluate(() => new Promise(requestAnimationFrame));
          expect(await sidewaysOverflow(page), `${path} at ${width}px`).toEqual({ excess: 0, culprits: [] });
        }
        expect(englishIn(await portalWordsOn(page)), path).toEqual([]);
        expect(await accessibilityProblems(page), path).toEqual([]);
        await screenshot(page, `admin${path.replace(/\//g, '.')}.fr.phone`);
      }
      expect(incidents).toEqual([]);
    } finally {
      await admin.api.auth.setLanguage.mutate({ language: 'en' });
    }
  });
});

describe('administration, organizations', () => {
  it('creates one, renames it, adds a member by e-mail and removes them', async () => {
    const { page, incidents } = await as(admin);
    await page.goto(ORGANIZATIONS);
    const name = `Shop Bastille ${randomUUID().slice(0, 6)}`;
    await page.getByLabel(en.admin.organizationName, { exact: true }).fill(name);
    await page.getByRole('button', { name: en.admin.create }).click();
    await page.getByText(en.admin.created).waitFor();
    const organization = page.getByTestId('organization').filter({ has: page.getByRole('heading', { name: new RegExp(name) }) });
    await organization.waitFor();

    // The same name again is refused, in the reader's words.
    await page.getByLabel(en.admin.organizationName, { exact: true }).fill(name);
    await page.getByRole('button', { name: en.admin.create }).click();
    await page.getByText(en.admin.nameTaken).waitFor();

    const renamed = `${name} Nord`;
    await organization.getByLabel(en.admin.rename, { exact: true }).fill(renamed);
    await organization.getByRole('button', { name: en.admin.saveName }).click();
    await organization.getByText(en.admin.renamed).waitFor();
    await eventually(async () => expect(await api.stack.db.select().from(organizations).where(eq(organizations.name, renamed))).toHaveLength(1));

    await organization.getByRole('button', { name: new RegExp(`^${en.admin.showMembers}`) }).click();
    await organization.getByText(en.admin.noMembers).waitFor();
    await organization.getByLabel(en.admin.addMember, { exact: true }).fill(requester.email);
    await organization.getByRole('button', { name: en.admin.add, exact: true }).click();
    await organization.getByText(en.admin.added).waitFor();
    await organization.getByRole('list', { name: en.admin.memberList }).getByText(requester.email).waitFor();
    const [row] = await api.stack.db.select().from(organizations).where(eq(organizations.name, renamed));
    await expect(admin.api.organizations.members.query({ organizationId: row.id })).resolves.toMatchObject([{ email: requester.email }]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'admin.organizations.en.desktop');

    await organization.getByRole('button', { name: new RegExp(`^${en.admin.remove}`) }).click();
    await organization.getByText(en.admin.removed).waitFor();
    await organization.getByText(en.admin.noMembers).waitFor();
    await expect(admin.api.organizations.members.query({ organizationId: row.id })).resolves.toEqual([]);
    expect(incidents).toEqual([]);
  });
});

describe('who reaches administration', () => {
  it.each([
    ['an agent', () => agent],
    ['a requester', () => requester],
  ] as const)('is not open to %s: no menu entry, the pages say so, the API refuses', async (_who, whom) => {
    const who = whom();
    const { page } = await as(who);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: en.nav.main });
    await nav.waitFor();
    await expect(nav.getByRole('link', { name: en.nav.admin }).count()).resolves.toBe(0);
    for (const path of [PEOPLE, ORGANIZATIONS]) {
      await page.goto(path);
      await page.getByRole('heading', { name: en.notOpenPage, level: 1 }).waitFor();
    }
    await expect(errorCode(who.api.users.list.query({}))).resolves.toBe('FORBIDDEN');
    await expect(errorCode(who.api.users.exportPersonalData.query({ id: admin.id }))).resolves.toBe('FORBIDDEN');
    await expect(errorCode(who.api.organizations.create.mutate({ name: `Nope ${randomUUID().slice(0, 4)}` }))).resolves.toBe('FORBIDDEN');
  });
});
