// Every main page of the portal, in English and in French, as each kind of reader sees it, at 320,
// 390 and 1,280 px: no page scrolls sideways; the French pages show no English word of the portal's
// own; every moment is written one way, in the reader's locale and time zone; every page passes
// axe. The language comes from the account (auth.setLanguage), whatever the browser prefers.
// Screenshots of each page at 390 and 1,280 px go to test-artifacts/screenshots/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { launchBrowser, openAs, screenshot, type Person } from './helpers/browser.js';
import { englishIn } from './helpers/catalogue-words.js';
import { startDeskFixture, type DeskFixture, type Role } from './helpers/desk-fixture.js';
import { momentsOn, portalWordsOn, sidewaysOverflow } from './helpers/page-checks.js';

const WIDTHS = [320, 390, 480, 641, 700, 768, 901, 1024, 1280] as const;
/** Where pictures are kept and axe runs: a phone and a desktop. */
const PICTURED = new Set<number>([390, 1280]);

/** Each language in a browser that prefers the other one's variant of time: the account decides the words. */
const READERS = {
  en: { locale: 'en-US', timezoneId: 'America/New_York', t: en },
  fr: { locale: 'fr-FR', timezoneId: 'Europe/Paris', t: fr },
} as const;
type Lang = keyof typeof READERS;

interface Visit {
  name: string;
  who: Role | null;
  path(f: DeskFixture): string;
  /** What shows the page is complete, besides its heading and the end of "Loading…". */
  ready?: string;
}

const VISITS: Visit[] = [
  { name: 'sign-in', who: null, path: () => '/sign-in' },
  { name: 'request-access', who: null, path: () => '/request-access' },
  { name: 'set-password', who: null, path: () => '/set-password?token=an-expired-or-unknown-token' },
  { name: 'home', who: 'requester', path: () => '/', ready: '.home-list table' },
  { name: 'home', who: 'agent', path: () => '/', ready: '.home-list table' },
  { name: 'submit', who: 'requester', path: () => '/requests/new' },
  { name: 'activities-mine', who: 'requester', path: () => '/requests', ready: 'table' },
  { name: 'activities-ccd', who: 'cc', path: () => '/requests?view=ccd', ready: 'table' },
  { name: 'activities-organization', who: 'colleague', path: () => '/requests?view=organization', ready: 'table' },
  { name: 'agent-queue', who: 'agent', path: () => '/agent', ready: 'table' },
  { name: 'search', who: 'agent', path: () => '/search?q=bike', ready: '.search-hit mark' },
  { name: 'search', who: 'requester', path: () => '/search?q=bike', ready: '.search-hit mark' },
  { name: 'search-empty', who: 'requester', path: () => '/search?q=trottinette', ready: '.empty' },
  { name: 'suspended-emails', who: 'agent', path: () => '/agent/suspended-emails', ready: '.suspended' },
  { name: 'reports', who: 'agent', path: () => '/reports', ready: '[data-report="workload"] canvas' },
  { name: 'reports', who: 'requester', path: () => '/reports', ready: '[data-testid="not-open"]' },
  { name: 'canned-replies', who: 'agent', path: () => '/agent/canned-replies', ready: '[data-testid="macro"]' },
  { name: 'canned-replies', who: 'requester', path: () => '/agent/canned-replies', ready: '[data-testid="not-open"]' },
  { name: 'admin-people', who: 'admin', path: () => '/admin/people', ready: '[data-testid="person"]' },
  { name: 'admin-people', who: 'agent', path: () => '/admin/people', ready: '[data-testid="not-open"]' },
  { name: 'admin-organizations', who: 'admin', path: () => '/admin/organizations', ready: '[data-testid="organization"]' },
  { name: 'service-levels', who: 'admin', path: () => '/admin/service-levels', ready: '[data-testid="calendar"]' },
  { name: 'service-levels', who: 'agent', path: () => '/admin/service-levels', ready: '[data-testid="calendar"]' },
  { name: 'service-levels', who: 'requester', path: () => '/admin/service-levels', ready: '[data-testid="not-open"]' },
  { name: 'admin-log', who: 'admin', path: () => '/admin/log', ready: 'main [role="status"]' },
  { name: 'admin-access', who: 'admin', path: () => '/admin/access', ready: '[data-testid="access-now"]' },
  { name: 'ticket-open', who: 'requester', path: (f) => `/tickets/${f.tickets.open}`, ready: '.message-file--image img' },
  { name: 'ticket-open', who: 'cc', path: (f) => `/tickets/${f.tickets.open}` },
  { name: 'ticket-open', who: 'colleague', path: (f) => `/tickets/${f.tickets.open}` },
  { name: 'ticket-open', who: 'agent', path: (f) => `/tickets/${f.tickets.open}`, ready: '.ticket__side:has(.inline-form select) .ticket-files li' },
  { name: 'ticket-pending', who: 'requester', path: (f) => `/tickets/${f.tickets.pending}` },
  { name: 'ticket-pending', who: 'cc', path: (f) => `/tickets/${f.tickets.pending}` },
  { name: 'ticket-solved', who: 'requester', path: (f) => `/tickets/${f.tickets.solved}` },
  { name: 'ticket-closed', who: 'requester', path: (f) => `/tickets/${f.tickets.closed}` },
  { name: 'not-found', who: 'requester', path: () => '/no-such-page' },
];

let desk: DeskFixture;
let browser: Browser;

beforeAll(async () => {
  desk = await startDeskFixture();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

describe.each(['en', 'fr'] as const)('every page in %s', (lang: Lang) => {
  const reader = READERS[lang];
  const browsers = new Map<Role | 'anonymous', Person>();

  beforeAll(async () => {
    for (const someone of Object.values(desk.people)) await someone.api.auth.setLanguage.mutate({ language: lang });
    for (const who of ['anonymous', ...Object.keys(desk.people)] as const) {
      const person = await openAs(browser, desk.web.url, { locale: reader.locale, timezoneId: reader.timezoneId, viewport: { width: 1280, height: 900 } });
      if (who !== 'anonymous') await person.context.addCookies([{ ...desk.people[who as Role].cookie, url: desk.web.url }]);
      browsers.set(who as Role | 'anonymous', person);
    }
  });

  afterAll(async () => {
    for (const person of browsers.values()) await person.context.close().catch(() => {});
  });

  it.each(VISITS.map((visit) => [`${visit.name} (${visit.who ?? 'signed out'})`, visit] as const))('%s', async (_title, visit) => {
    const { page, incidents } = browsers.get(visit.who ?? 'anonymous')!;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(visit.path(desk));
    await page.waitForFunction(() => document.querySelector('main h1') && !document.querySelector('[aria-busy="true"]'));
    if (visit.ready) await page.locator(visit.ready).first().waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);

    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => new Promise(requestAnimationFrame));
      const where = `${visit.name} for the ${visit.who ?? 'visitor'} at ${width}px`;
      expect.soft(await sidewaysOverflow(page), `${where}: nothing wider than the screen`).toEqual({ excess: 0, culprits: [] });
      if (!PICTURED.has(width)) continue;
      await screenshot(page, `page.${visit.name}.${visit.who ?? 'visitor'}.${lang}.${width}`);
      expect(await accessibilityProblems(page), `${where}: accessibility`).toEqual([]);
    }

    if (lang === 'fr') expect(englishIn(await portalWordsOn(page)), `${visit.name}: English words on a French page`).toEqual([]);

    // One way to write a moment: the viewer's locale and time zone, the month in words, the year.
    const format = new Intl.DateTimeFormat(reader.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: reader.timezoneId });
    const normal = (text: string) => text.replace(/\s/g, ' ');
    for (const { iso, text } of await momentsOn(page)) expect(normal(text)).toBe(normal(format.format(new Date(iso))));

    expect(incidents).toEqual([]);
  });

  it("opens the person's menu with the keyboard, and it fits a 320 px screen", async () => {
    const { page } = browsers.get('requester')!;
    const t = reader.t;
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto('/');
    const button = page.getByRole('button', { name: new RegExp(t.nav.accountMenu) });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(t.nav.activities);
    expect(await sidewaysOverflow(page), 'the open menu at 320px').toEqual({ excess: 0, culprits: [] });
    await screenshot(page, `page.user-menu.${lang}.320`);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.keyboard.press('End');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(t.nav.signOut);
    await page.keyboard.press('Escape');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).resolves.toBe('false');
    // Down arrow on the closed button opens it and enters it; Enter on an item follows it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t.activities.title, level: 1 }).waitFor();
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
  });
});
