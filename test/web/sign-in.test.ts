// Sign in and back: a page that needs a signed-in person sends a visitor to Sign in with the way
// back (its address and query), and signing in takes them there; a "next" that would lead to
// another site, or round to Sign in again, leads Home instead, for the signed-in too.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
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

async function visitor(): Promise<Person> {
  const person = await openAs(browser, web.url);
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
