// What the browser tests of one page start with: the API, the portal served with its web client,
// a browser, people signed in through the API in the language they read, and a way to open the
// portal as one of them (their session cookie in a fresh browser context). close() ends all of it.
import type { Browser } from 'playwright-core';
import { SESSION_COOKIE } from '../../../src/accounts/sessions.js';
import type { UserRole } from '../../../src/db/schema.js';
import { startApi, type ApiClient, type TestApi } from '../../helpers/api.js';
import { serveWithWebClient, type WebServer } from '../../hostile/helpers/web-server.js';
import { launchBrowser, openAs, type Person } from './browser.js';

export interface Someone {
  api: ApiClient;
  id: string;
  email: string;
  /** The label they were made with, which is also their name. */
  name: string;
  cookie: string;
}

export interface BrowserDesk {
  api: TestApi;
  web: WebServer;
  browser: Browser;
  /** A person signed in through the API, reading the portal in `language` (English unless said). */
  someone(label: string, options?: { role?: UserRole; language?: 'en' | 'fr' }): Promise<Someone>;
  /** The portal in a browser context of its own, signed in as `who`. */
  as(who: Someone, options?: { viewport?: { width: number; height: number }; locale?: string }): Promise<Person>;
  close(): Promise<void>;
}

/** `settings`: for the served portal, as src/env.ts reads them; `apiOptions`: for the API (a database of its own, say). */
export async function startBrowserDesk(settings: Record<string, string> = {}, apiOptions: Parameters<typeof startApi>[0] = {}): Promise<BrowserDesk> {
  const api = await startApi(apiOptions);
  const web = await serveWithWebClient(api, settings);
  const browser = await launchBrowser();
  const opened: Person[] = [];
  return {
    api,
    web,
    browser,
    async someone(label, options = {}) {
      const { api: client, user } = await api.signedIn({ label, role: options.role });
      await client.auth.setLanguage.mutate({ language: options.language ?? 'en' });
      return { api: client, id: user.id, email: user.email, name: label, cookie: client.cookies.get(SESSION_COOKIE)! };
    },
    async as(who, options = {}) {
      const person = await openAs(browser, web.url, options);
      await person.context.addCookies([{ name: SESSION_COOKIE, value: who.cookie, url: web.url }]);
      opened.push(person);
      return person;
    },
    async close() {
      for (const person of opened) await person.context.close().catch(() => {});
      await browser.close();
      await web.close();
      await api.close();
    },
  };
}
