// Sign in and back: a page that needs a signed-in person sends a visitor to Sign in with the way
// back (its address and query), and signing in takes them there; a "next" that would lead to
// another site, or round to Sign in again, leads Home instead, for the signed-in too. And the way
// in for those who cannot sign in yet: the e-mail with the link (access or a new password) is
// written in the language of the page it was asked from, read here in the development mailbox.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/users.js';
import { users } from '../../src/db/schema.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { serveWithWebClient, type WebServer } from '../hostile/helpers/web-server.js';
import { launchBrowser, openAs, type Person } from './helpers/browser.js';

let api: TestApi;
let web: WebServer;
let browser: Browser;
let account: { email: string; password: string };
const opened: Person[] = [];

beforeAll(async () => {
  api = await startApi();
  web = await serveWithWebClient(api);
  browser = await launchBrowser();
  const { user, password, api: client } = await api.signedIn({ label: 'Rita' });
  await client.auth.setLanguage.mutate({ language: 'en' });
  account = { email: user.email, password };
}, 120_000);

afterAll(async () => {
  for (const person of opened) await person.context.close().catch(() => {});
  await browser?.close();
  await web?.close();
  await api?.close();
});

async function visitor(options: { locale?: string } = {}): Promise<Person> {
  const person = await openAs(browser, web.url, options);
  opened.push(person);
  return person;
}

const pathOf = (url: string) => {
  const { pathname, search } = new URL(url);
  return pathname + search;
};

describe('signing in', () => {
  it('comes back to the page that asked for it, query included', async () => {
    const { page, incidents } = await visitor();
    await page.goto('/requests?view=ccd');
    await page.getByRole('heading', { name: en.auth.signInTitle }).waitFor();
    expect(pathOf(page.url())).toBe(`/sign-in?next=${encodeURIComponent('/requests?view=ccd')}`);

    await page.getByLabel(en.common.email).fill(account.email);
    await page.getByLabel(en.common.password).fill(account.password);
    await page.getByRole('button', { name: en.auth.signIn }).click();
    await page.getByRole('heading', { name: en.activities.title, level: 1 }).waitFor();
    expect(pathOf(page.url())).toBe('/requests?view=ccd');
    await expect(page.getByRole('link', { name: en.activities.ccd }).getAttribute('aria-current')).resolves.toBe('page');
    // Sign in took the place of the first address in the history: Back does not show it again.
    await page.goBack();
    expect(pathOf(page.url())).not.toMatch(/^\/sign-in/);

    // Someone already signed in who opens a sign-in link goes straight on.
    await page.goto(`/sign-in?next=${encodeURIComponent('/requests/new')}`);
    await page.getByRole('heading', { name: en.submit.title, level: 1 }).waitFor();
    expect(pathOf(page.url())).toBe('/requests/new');
    expect(incidents).toEqual([]);
  });

  it.each(['//evil.example/phish', '/\\evil.example/phish', 'https://evil.example/', '/sign-in?next=/sign-in'])('goes Home, on this site, for next=%s', async (next) => {
    const { page } = await visitor();
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel(en.common.email).fill(account.email);
    await page.getByLabel(en.common.password).fill(account.password);
    await page.getByRole('button', { name: en.auth.signIn }).click();
    await page.getByRole('heading', { name: en.home.title, level: 1 }).waitFor();
    expect(new URL(page.url()).origin).toBe(web.url);
    expect(pathOf(page.url())).toBe('/');
  });
});

/** The subject of the newest e-mail to `email` in the development mailbox, as its reader gets it. */
async function subjectOfMailTo(page: Page, email: string): Promise<string | null> {
  await page.goto('/dev/mailbox');
  return page.locator('article').filter({ has: page.locator('.meta', { hasText: `To ${email} ` }) }).first().locator('h2').textContent();
}

describe('asking for a link', () => {
  it('sends it in the language of the page it was asked from, for access and for a new password', async () => {
    // Neither address has a language of its own yet: the desk's default (English) would apply.
    const newcomer = await createUser(api.stack.db, { email: `newcomer-${randomUUID().slice(0, 8)}@example.test`, name: null });
    const { user: forgetful } = await api.signedIn({ label: 'Remi' });
    const [row] = await api.stack.db.select({ language: users.language }).from(users).where(eq(users.id, forgetful.id));
    expect([newcomer.language, row?.language]).toEqual([null, null]);

    const { page, incidents } = await visitor({ locale: 'fr-FR' });
    const asked: unknown[] = [];
    page.on('request', (request) => {
      if (/\/trpc\/auth\.request/.test(request.url())) asked.push(request.postDataJSON());
    });
    await page.goto('/request-access');
    await page.getByLabel(fr.common.email).fill(newcomer.email);
    await page.getByRole('button', { name: fr.common.send }).click();
    await page.getByRole('status').getByText(fr.auth.requestAccessDone).waitFor();
    await expect(subjectOfMailTo(page, newcomer.email)).resolves.toBe('Votre accès au support : choisissez votre mot de passe');

    await page.goto('/forgot-password');
    await page.getByLabel(fr.common.email).fill(forgetful.email);
    await page.getByRole('button', { name: fr.common.send }).click();
    await page.getByRole('status').getByText(fr.auth.forgotDone).waitFor();
    await expect(subjectOfMailTo(page, forgetful.email)).resolves.toBe('Réinitialisez votre mot de passe du support');
    expect(asked).toEqual([
      { 0: { email: newcomer.email, language: 'fr' } },
      { 0: { email: forgetful.email, language: 'fr' } },
    ]);

    // From an English page, the same address gets its link in English.
    const { page: english } = await visitor({ locale: 'en-GB' });
    await english.goto('/forgot-password');
    await english.getByLabel(en.common.email).fill(forgetful.email);
    await english.getByRole('button', { name: en.common.send }).click();
    await english.getByRole('status').getByText(en.auth.forgotDone).waitFor();
    await expect(subjectOfMailTo(english, forgetful.email)).resolves.toBe('Reset your Support desk password');
    expect(incidents).toEqual([]);
  });
});
