// Markup typed into any text field stays text in a real browser (Debian's Chromium): on the ticket
// page for Support Ops, the requester and the CC'd user, in the lists, and in the development
// mailbox. Nothing runs (no dialog, no page error, window.__xss unset) and no element arrives
// from people's text, while the text itself is on the screen, as typed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { launchBrowser, openAs, type Person } from '../web/helpers/browser.js';
import { markedTicket, MARKUP, type MarkedTicket, type Participant } from './helpers/markup.js';
import { serveWithWebClient, type WebServer } from './helpers/web-server.js';

let api: TestApi;
let web: WebServer;
let browser: Browser;
let ticket: MarkedTicket;
const opened: Person[] = [];

beforeAll(async () => {
  api = await startApi();
  web = await serveWithWebClient(api);
  browser = await launchBrowser();
  ticket = await markedTicket(api);
});
afterAll(async () => {
  for (const person of opened) await person.context.close().catch(() => {});
  await browser?.close();
  await web?.close();
  await api?.close();
});

async function openSignedIn(who: Participant | null): Promise<Person> {
  const person = await openAs(browser, web.url);
  opened.push(person);
  if (who) {
    const [name, value] = who.cookie.split('=');
    expect(name).toBe(SESSION_COOKIE);
    await person.context.addCookies([{ name, value, url: web.url }]);
  }
  return person;
}

/** Waits until every text is on the screen as text (which also means the page has rendered). */
async function showsAsText(page: Page, texts: readonly string[]): Promise<void> {
  // Whitespace is collapsed by layout; compare on single spaces.
  const flat = texts.map((t) => t.replace(/\s+/g, ' ').trim());
  await page.waitForFunction((wanted) => {
    const shown = document.body.innerText.replace(/\s+/g, ' ');
    return wanted.every((text) => shown.includes(text));
  }, flat, { timeout: 20_000 });
}

/** Nothing from people's text became markup or ran. */
async function expectInert(person: Person): Promise<void> {
  const found = await person.page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
    marked: document.querySelectorAll('[data-xss]').length,
    handlers: document.querySelectorAll('[onerror], [onload], [onmouseover]').length,
    scriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
    frames: document.querySelectorAll('iframe').length,
    hiddenBody: getComputedStyle(document.body).display === 'none',
  }));
  expect(found).toEqual({ xss: null, marked: 0, handlers: 0, scriptLinks: 0, frames: 0, hiddenBody: false });
  expect(person.incidents).toEqual([]);
}

describe('markup in the browser', () => {
  it('stays text on the ticket page for Support Ops, with the internal note, names and CCs', async () => {
    const agent = await openSignedIn(ticket.agent);
    await agent.page.goto(`/tickets/${ticket.number}`);
    await showsAsText(agent.page, [MARKUP.subject, MARKUP.description, MARKUP.reply, MARKUP.note, MARKUP.requesterReply, MARKUP.requesterName, MARKUP.ccName]);
    // Hovering the requester's name would fire a handler if one had been made from it.
    await agent.page.getByText(MARKUP.requesterName).first().hover();
    await expectInert(agent);
  });

  it('stays text for the requester and the CC\u2019d user, who never see the internal note', async () => {
    for (const who of [ticket.requester, ticket.cc]) {
      const person = await openSignedIn(who);
      await person.page.goto(`/tickets/${ticket.number}`);
      await showsAsText(person.page, [MARKUP.subject, MARKUP.description, MARKUP.reply, MARKUP.requesterReply]);
      expect(await person.page.evaluate(() => document.body.innerText)).not.toContain("parent.__xss='note'");
      await expectInert(person);
    }
  });

  it('stays text in the Support Ops queue and in My activities', async () => {
    const agent = await openSignedIn(ticket.agent);
    await agent.page.goto('/agent');
    await showsAsText(agent.page, [MARKUP.subject]);
    await expectInert(agent);
    const requester = await openSignedIn(ticket.requester);
    await requester.page.goto('/requests');
    await showsAsText(requester.page, [MARKUP.subject]);
    await expectInert(requester);
  });

  it('stays text in the development mailbox, whose links stay plain web links', async () => {
    const person = await openSignedIn(null);
    await person.page.goto('/dev/mailbox');
    await showsAsText(person.page, [`Request received: ${MARKUP.subject}`]);
    await expectInert(person);
    const hrefs = await person.page.$$eval('a', (links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  });

  it('the page shell never reflects the address it was asked for', async () => {
    const path = `/tickets/${encodeURIComponent('<script>window.__xss=1;alert(1)</script>')}`;
    const response = await fetch(`${web.url}${path}`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).not.toContain('window.__xss');
    const person = await openSignedIn(ticket.requester);
    await person.page.goto(path);
    await person.page.waitForLoadState('networkidle');
    await expectInert(person);
  });
});
