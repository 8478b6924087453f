// Debian's Chromium driven by playwright-core (no browser download), one context per person so
// each has their own session cookie, language and screen size.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'screenshots');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /**
   * Errors the page threw, dialogs it opened and anything its Content-Security-Policy blocked: a
   * script from a ticket, or a part of the portal the policy breaks, would show up here.
   */
  incidents: string[];
}

export async function openAs(browser: Browser, baseURL: string, options: { locale?: string; viewport?: { width: number; height: number }; timezoneId?: string } = {}): Promise<Person> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'en-GB',
    viewport: options.viewport ?? DESKTOP,
    timezoneId: options.timezoneId ?? 'Europe/Paris',
  });
  const page = await context.newPage();
  const incidents: string[] = [];
  page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) incidents.push(`blocked: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, incidents };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
