// A refusal in the browser. The page says it in the reader's language from the server's typed error
// data (error.data.refusal: the reason and the ticket's status), never from the English message,
// which here is even rewritten on its way to name another status. After a refused submit the
// keyboard is taken to the first field in error, or to the error when no field is to blame.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { startApi, type ApiClient, type TestApi } from '../helpers/api.js';
import { serveWithWebClient, type WebServer } from '../hostile/helpers/web-server.js';
import { launchBrowser, openAs, type Person } from './helpers/browser.js';

const CATALOGUES = { en, fr } as const;
const LOCALES = { en: 'en-GB', fr: 'fr-FR' } as const;

let api: TestApi;
let web: WebServer;
let browser: Browser;
let requester: { api: ApiClient; email: string; cookie: string };
let agent: ApiClient;
const opened: Person[] = [];

beforeAll(async () => {
  api = await startApi();
  web = await serveWithWebClient(api);
  browser = await launchBrowser();
  const signedIn = await api.signedIn({ label: 'Rita' });
  requester = { api: signedIn.api, email: signedIn.user.email, cookie: signedIn.api.cookies.get(SESSION_COOKIE)! };
  agent = (await api.signedIn({ role: 'agent', label: 'Agnes' })).api;
}, 120_000);

afterAll(async () => {
  for (const person of opened) await person.context.close().catch(() => {});
  await browser?.close();
  await web?.close();
  await api?.close();
});

async function open(lang: keyof typeof CATALOGUES, options: { signedIn: boolean }): Promise<Page> {
  await requester.api.auth.setLanguage.mutate({ language: lang });
  const person = await openAs(browser, web.url, { locale: LOCALES[lang] });
  opened.push(person);
  if (options.signedIn) await person.context.addCookies([{ name: SESSION_COOKIE, value: requester.cookie, url: web.url }]);
  return person.page;
}

const newTicket = async () =>
  (await requester.api.tickets.create.mutate({ type: 'software_issue', subject: 'The app will not unlock bike 12', description: 'Tapping unlock does nothing.', ccEmails: [], requestId: randomUUID() })).number;

/** What has the keyboard focus: its tag, name or role, and whether it is marked invalid. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return { tag: element?.tagName.toLowerCase(), name: element?.getAttribute('name') ?? null, role: element?.getAttribute('role') ?? null, invalid: element?.getAttribute('aria-invalid') ?? null };
  });

describe('a refused change', () => {
  it.each(['en', 'fr'] as const)('names the ticket\u2019s status in %s from the refusal\u2019s data, whatever its message says', async (lang) => {
    const t = CATALOGUES[lang];
    const number = await newTicket();
    const page = await open(lang, { signedIn: true });
    // The page must not hear of the change below before the person acts on it.
    await page.route('**/trpc/live.changes**', (route) => route.abort());
    const answers: unknown[] = [];
    await page.route('**/trpc/tickets.solve**', async (route) => {
      const response = await route.fetch();
      const batch = (await response.json()) as { error?: { message: string } }[];
      answers.push(...batch);
      // A page that read the message would now say Pending.
      const rewritten = batch.map((item) => (item.error ? { ...item, error: { ...item.error, message: `Ticket #${number} is Pending.` } } : item));
      await route.fulfill({ response, json: rewritten });
    });
    await page.goto(`/tickets/${number}`);
    const markSolved = page.getByRole('button', { name: t.ticket.markSolved });
    await markSolved.waitFor();

    // Meanwhile Support Ops solve it; the requester, who still sees it Open, marks it Solved.
    await agent.tickets.solve.mutate({ number });
    await markSolved.click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(answers).toMatchObject([{ error: { data: { code: 'CONFLICT', refusal: { reason: 'transition', status: 'solved' } } } }]);
    // The page now shows the ticket as it is, and the refusal stays there to read.
    await page.getByTestId('status-badge').getByText(t.status.solved, { exact: true }).waitFor();
    await expect(alert.textContent()).resolves.toBe(t.errors.refused(t.status.solved));
  });
});

describe('after a refused submit, the keyboard', () => {
  it('goes to the message when no field is to blame (a wrong password)', async () => {
    const page = await open('en', { signedIn: false });
    await page.goto('/sign-in');
    await page.getByLabel(en.common.email).fill(requester.email);
    await page.getByLabel(en.common.password).fill('not the password at all');
    await page.getByRole('button', { name: en.auth.signIn }).click();
    await page.getByRole('alert').getByText(en.errors.badCredentials).waitFor();
    await expect(focused(page)).resolves.toMatchObject({ tag: 'p', role: 'alert' });
  });

  it('goes to the field the server refused (no e-mail address)', async () => {
    const page = await open('fr', { signedIn: false });
    await page.goto('/sign-in');
    await page.getByLabel(fr.common.password).fill('whatever it is');
    await page.getByRole('button', { name: fr.auth.signIn }).click();
    await page.getByText(fr.common.badEmail).waitFor();
    await expect(focused(page)).resolves.toEqual({ tag: 'input', name: 'email', role: null, invalid: 'true' });
  });

  it('goes to the first field the form found wrong (a request sent empty, a reply without text)', async () => {
    const page = await open('en', { signedIn: true });
    await page.goto('/requests/new');
    await page.getByRole('button', { name: en.submit.send }).click();
    await page.getByText(en.submit.chooseType).waitFor();
    await expect(focused(page)).resolves.toEqual({ tag: 'input', name: 'type', role: null, invalid: 'true' });

    await page.goto(`/tickets/${await newTicket()}`);
    await page.getByRole('button', { name: en.ticket.reply }).click();
    await page.getByText(en.ticket.emptyReply).waitFor();
    await expect(focused(page)).resolves.toEqual({ tag: 'textarea', name: 'body', role: null, invalid: 'true' });
  });
});
