// Files in the portal, in a real browser against the real server: a request submitted with a
// picture and a PDF (thumbnail and download link); a reply bringing a dropped log and a pasted
// screenshot; an agent's internal note with a file the requester cannot fetch; the console's list
// of the ticket's files and the audit trail's record of them; and files over the limits refused
// with a clear message in English and in French, the portal's own limit before a byte is sent,
// the server's (set small here) on its 413, with nothing sent while a refused file is in the list.
import { randomUUID } from 'node:crypto';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { startApi, type ApiClient, type TestApi } from '../helpers/api.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { launchBrowser, openAs, screenshot, type Person } from './helpers/browser.js';
import { dropFiles, pasteFiles, PDF, png, type FileToSend } from './helpers/files.js';
import { sidewaysOverflow } from './helpers/page-checks.js';
import { servePortal, type WebServer } from './helpers/web-server.js';

/** The server's limit per file here: far below the portal's default, to see the server refuse. */
const SERVER_MAX_FILE = 256 * 1024;

let api: TestApi;
let web: WebServer;
let browser: Browser;
type Someone = { api: ApiClient; id: string; cookie: string };
let requester: Someone;
let agent: Someone;
const opened: Person[] = [];
let number = 0;

beforeAll(async () => {
  api = await startApi();
  web = await servePortal(api, { ATTACHMENT_MAX_FILE_SIZE: String(SERVER_MAX_FILE) });
  browser = await launchBrowser();
  const someone = async (options: { label: string; role?: 'agent' }): Promise<Someone> => {
    const { api: client, user } = await api.signedIn(options);
    await client.auth.setLanguage.mutate({ language: 'en' });
    return { api: client, id: user.id, cookie: client.cookies.get(SESSION_COOKIE)! };
  };
  requester = await someone({ label: 'Rita' });
  agent = await someone({ label: 'Agnes', role: 'agent' });
}, 120_000);

afterAll(async () => {
  for (const person of opened) await person.context.close().catch(() => {});
  await browser?.close();
  await web?.close();
  await api?.close();
});

async function as(who: Someone, options: { viewport?: { width: number; height: number } } = {}): Promise<Person> {
  const person = await openAs(browser, web.url, options);
  await person.context.addCookies([{ name: SESSION_COOKIE, value: who.cookie, url: web.url }]);
  opened.push(person);
  return person;
}

const DOCK_PHOTO: FileToSend = { name: 'dock-4.png', mimeType: 'image/png', buffer: png(160, 120) };
const RECEIPT: FileToSend = { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF };
const TERMINAL_LOG: FileToSend = { name: 'terminal.log', mimeType: 'text/plain', buffer: Buffer.from('2026-12-01 07:01 ERR dock 4 bike 1042 unknown\n'.repeat(40)) };
const SCREENSHOT: FileToSend = { name: 'image.png', mimeType: 'image/png', buffer: png(320, 200, [200, 40, 40]) };
const VENDOR_TRACE: FileToSend = { name: 'vendor-trace.log', mimeType: 'text/plain', buffer: Buffer.from('trace 0x42 firmware 3.1.4\n') };

const pendingFile = (page: Page, name: string) => page.locator('.pending-file').filter({ hasText: name });
const message = (page: Page, index: number) => page.locator('.messages > li').nth(index);

/** The picture shown for a file: its address, and whether the browser could draw it. */
const thumbnail = (page: Page, scope: string, name: string) =>
  page.locator(scope).locator('.message-file--image').filter({ hasText: name }).locator('img').evaluate((img: HTMLImageElement) =>
    img.decode().then(
      () => ({ src: img.getAttribute('src'), width: img.naturalWidth }),
      () => ({ src: img.getAttribute('src'), width: 0 }),
    ),
  );

/** Every upload the page sends. */
function uploadsFrom(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/attachments') sent.push(request);
  });
  return sent;
}

describe('files in the portal', () => {
  it('submits a request with a picture and a PDF: a thumbnail and a download link, byte for byte', async () => {
    const { page, incidents } = await as(requester);
    await page.goto('/requests/new');
    await page.getByRole('radio', { name: /Hardware issue/ }).check();
    await page.getByLabel(en.submit.subject).fill('Dock 4 is cracked');
    await page.getByLabel(en.submit.description, { exact: true }).fill('Photo and receipt attached.');
    // The limits are said before anything is chosen.
    await page.getByText(en.files.limits(10, '20\u00a0MB', '50\u00a0MB')).waitFor();
    await page.getByLabel(en.files.choose).setInputFiles([DOCK_PHOTO, RECEIPT]);
    for (const file of [DOCK_PHOTO, RECEIPT]) await pendingFile(page, file.name).getByText(en.files.ready).waitFor();
    await expect(pendingFile(page, RECEIPT.name).textContent()).resolves.toContain(`${PDF.length}\u00a0bytes`);
    // The picture is shown before it is sent.
    await expect(pendingFile(page, DOCK_PHOTO.name).locator('img').count()).resolves.toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: en.submit.send }).click();
    const done = await page.getByTestId('ticket-number').textContent();
    number = Number(/#(\d+)/.exec(done ?? '')?.[1]);
    expect(number).toBeGreaterThan(0);

    await page.getByRole('link', { name: en.submit.open }).click();
    const opening = message(page, 0);
    await opening.getByText('Photo and receipt attached.').waitFor();
    const shown = await thumbnail(page, '.messages > li:first-child', DOCK_PHOTO.name);
    expect(shown.width).toBe(160);
    // The picture links to the file itself, full size.
    const photoLink = opening.getByRole('link', { name: DOCK_PHOTO.name });
    await expect(photoLink.getAttribute('href')).resolves.toBe(shown.src);
    const receiptLink = opening.getByRole('link', { name: RECEIPT.name });
    await expect(receiptLink.getAttribute('href')).resolves.toMatch(/^\/attachments\/[0-9a-f-]{36}\?download$/);
    await expect(opening.locator('.message-file').filter({ hasText: RECEIPT.name }).textContent()).resolves.toContain(`${PDF.length}\u00a0bytes`);
    // What the requester fetches is what they sent.
    const receipt = await page.request.get(`${web.url}${await receiptLink.getAttribute('href')}`);
    expect(receipt.headers()['content-disposition']).toMatch(/^attachment/);
    expect(Buffer.from(await receipt.body()).equals(PDF)).toBe(true);
    const photo = await page.request.get(`${web.url}${shown.src}`);
    expect(Buffer.from(await photo.body()).equals(DOCK_PHOTO.buffer)).toBe(true);
    await screenshot(page, 'files.ticket.requester.en.desktop');
    expect(incidents).toEqual([]);
  });

  it('replies with a dropped log and a pasted screenshot; the thumbnail shows in the conversation', async () => {
    const { page, incidents } = await as(requester);
    const sent = uploadsFrom(page);
    await page.goto(`/tickets/${number}`);
    const reply = page.locator('form.reply');
    await dropFiles(reply.getByLabel(en.ticket.yourReply), [TERMINAL_LOG]);
    await pasteFiles(reply.getByLabel(en.ticket.yourReply), [SCREENSHOT]);
    for (const file of [TERMINAL_LOG, SCREENSHOT]) await pendingFile(page, file.name).getByText(en.files.ready).waitFor();
    expect(sent.map((request) => decodeURIComponent(request.headers()['x-file-name']))).toEqual([TERMINAL_LOG.name, SCREENSHOT.name]);
    await reply.getByLabel(en.ticket.yourReply).fill('The terminal says this, and the screen looks like that.');
    // From the text, the keyboard goes on to the picker, which its label names and shows focused.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('file');
    await expect(reply.locator('.attach__button').evaluate((label) => getComputedStyle(label).outlineStyle)).resolves.toBe('solid');
    await reply.getByRole('button', { name: en.ticket.reply }).click();
    await reply.getByRole('status').getByText(en.ticket.replySent).waitFor();
    // Sent files leave the box.
    await expect(reply.locator('.pending-file').count()).resolves.toBe(0);

    const answer = message(page, 1);
    await answer.getByText('The terminal says this').waitFor();
    expect((await thumbnail(page, '.messages > li:nth-child(2)', SCREENSHOT.name)).width).toBe(320);
    await expect(answer.getByRole('link', { name: TERMINAL_LOG.name }).getAttribute('download')).resolves.toBe(TERMINAL_LOG.name);
    expect(incidents).toEqual([]);
  });

  it("lets an agent add a file to an internal note; the console lists the ticket's files and the audit trail records them", async () => {
    const { page, incidents } = await as(agent);
    await page.goto(`/tickets/${number}`);
    const reply = page.locator('form.reply');
    await reply.getByRole('radio', { name: en.ticket.internalNote }).check();
    // A note may be a file alone.
    await reply.getByLabel(en.files.choose).setInputFiles([VENDOR_TRACE]);
    await pendingFile(page, VENDOR_TRACE.name).getByText(en.files.ready).waitFor();
    await reply.getByRole('button', { name: en.ticket.addNote }).click();
    await reply.getByRole('status').getByText(en.ticket.noteAdded).waitFor();

    const files = page.getByTestId('ticket-files');
    await files.getByRole('link', { name: VENDOR_TRACE.name }).waitFor();
    const rows = await files.locator('li').allTextContents();
    expect(rows.map((row) => row.split(/\s/)[0])).toEqual([DOCK_PHOTO.name, RECEIPT.name, TERMINAL_LOG.name, SCREENSHOT.name, VENDOR_TRACE.name]);
    // Only the note's file says it is internal.
    expect(rows.map((row) => row.includes(en.ticket.internalNote))).toEqual([false, false, false, false, true]);
    // Each file leads to the message it came with.
    const toMessage = files.locator('li').filter({ hasText: VENDOR_TRACE.name }).locator('.ticket-files__message');
    const anchor = await toMessage.getAttribute('href');
    await toMessage.click();
    expect(new URL(page.url()).hash).toBe(anchor);
    await expect(page.locator(`.messages > li${anchor}`).getByRole('link', { name: VENDOR_TRACE.name }).count()).resolves.toBe(1);

    await page.locator('.audit summary').click();
    const audit = page.locator('.audit-list');
    await audit.getByText(`${en.event.created()} ${en.eventFiles(2)} ${DOCK_PHOTO.name}, ${RECEIPT.name}`).waitFor();
    await audit.getByText(`${en.event.commented(true)} ${en.eventFiles(1)} ${VENDOR_TRACE.name}`).waitFor();
    await screenshot(page, 'files.ticket.agent.en.desktop');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(incidents).toEqual([]);

    // The requester sees neither the note nor its file, and cannot fetch it.
    const { page: theirs } = await as(requester);
    await theirs.goto(`/tickets/${number}`);
    await message(theirs, 1).getByText('The terminal says this').waitFor();
    await expect(theirs.getByText(VENDOR_TRACE.name).count()).resolves.toBe(0);
    const href = await files.getByRole('link', { name: VENDOR_TRACE.name }).getAttribute('href');
    expect((await theirs.request.get(`${web.url}${href}`)).status()).toBe(404);
    expect((await page.request.get(`${web.url}${href}`)).status()).toBe(200);
  });

  it.each([
    ['en', en],
    ['fr', fr],
  ] as const)('refuses files over the limits in %s, says why, and sends nothing while one is in the list', async (lang, t) => {
    await requester.api.auth.setLanguage.mutate({ language: lang });
    const { page, incidents } = await as(requester, { viewport: { width: 390, height: 844 } });
    const sent = uploadsFrom(page);
    await page.goto(`/tickets/${number}`);
    const reply = page.locator('form.reply');
    const before = (await requester.api.tickets.get.query({ number })).conversation.length;
    const size = (mb: number) => (lang === 'en' ? `${mb}\u00a0MB` : `${mb}\u00a0Mo`);

    // Over the portal's limit: refused at once, before a byte is sent.
    const huge: FileToSend = { name: 'dashcam.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(20 * 1024 * 1024 + 1) };
    await reply.getByLabel(t.files.choose).setInputFiles([huge]);
    await pendingFile(page, huge.name).getByText(t.files.problem.tooLarge(size(20))).waitFor();
    expect(sent).toEqual([]);

    // Over the server's limit (smaller here): sent, refused with 413, and said so.
    const large: FileToSend = { name: 'station-map.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(SERVER_MAX_FILE)]) };
    await reply.getByLabel(t.files.choose).setInputFiles([large]);
    await pendingFile(page, large.name).getByText(t.files.problem.refusedSize).waitFor();
    expect(sent).toHaveLength(1);
    expect((await sent[0].response())?.status()).toBe(413);

    // Nothing goes while they are listed: the keyboard is taken to the files, which say what to do.
    await reply.getByLabel(t.ticket.yourReply).fill('Here is the video.');
    await reply.getByRole('button', { name: t.ticket.reply }).click();
    await reply.getByText(t.files.notReady.problem).waitFor();
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('file');
    expect(await sidewaysOverflow(page)).toEqual({ excess: 0, culprits: [] });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, `files.refused.${lang}.phone`);
    expect((await requester.api.tickets.get.query({ number })).conversation).toHaveLength(before);

    // Removed, they are gone and the keyboard is back on the picker; the reply then goes.
    for (const name of [huge.name, large.name]) await pendingFile(page, name).getByRole('button', { name: `${t.files.remove} ${name}` }).click();
    await expect(reply.locator('.pending-file').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('file');
    await reply.getByRole('button', { name: t.ticket.reply }).click();
    await reply.getByRole('status').getByText(t.ticket.replySent).waitFor();
    expect((await requester.api.tickets.get.query({ number })).conversation).toHaveLength(before + 1);
    expect(incidents).toEqual([]);
  });

  it('takes ten files in one message, and says so of the eleventh', async () => {
    await requester.api.auth.setLanguage.mutate({ language: 'en' });
    const { page } = await as(requester);
    await page.goto(`/tickets/${number}`);
    const notes = Array.from({ length: 11 }, (_, i) => ({ name: `note-${i + 1}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`note ${i + 1}\n`) }));
    await page.getByLabel(en.files.choose).setInputFiles(notes);
    await pendingFile(page, 'note-11.txt').getByText(en.files.problem.tooMany(10)).waitFor();
    for (const note of notes.slice(0, 10)) await pendingFile(page, note.name).getByText(en.files.ready).waitFor();
  });

  it('creates no request while a file over the limit is listed', async () => {
    await requester.api.auth.setLanguage.mutate({ language: 'en' });
    const { page } = await as(requester);
    const subject = `Broken lock ${randomUUID().slice(0, 6)}`;
    await page.goto('/requests/new');
    await page.getByRole('radio', { name: /Hardware issue/ }).check();
    await page.getByLabel(en.submit.subject).fill(subject);
    await page.getByLabel(en.submit.description, { exact: true }).fill('The lock does not open.');
    await page.getByLabel(en.files.choose).setInputFiles([{ name: 'lock.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(SERVER_MAX_FILE)]) }]);
    await pendingFile(page, 'lock.pdf').getByText(en.files.problem.refusedSize).waitFor();
    await page.getByRole('button', { name: en.submit.send }).click();
    await page.getByText(en.files.notReady.problem).waitFor();
    await expect(page.getByTestId('ticket-number').count()).resolves.toBe(0);
    const mine = await requester.api.tickets.list.query({ view: 'mine', page: 1, pageSize: 50 });
    expect(mine.items.map((ticket) => ticket.subject)).not.toContain(subject);
  });
});
