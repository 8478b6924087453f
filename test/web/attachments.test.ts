// Files in the portal, in a real browser against the real server: a request submitted with a
// picture and a PDF (thumbnail and download link); a reply bringing a dropped log and a pasted
// screenshot; an agent's internal note with a file the requester cannot fetch; the console's list
// of the ticket's files and the audit trail's record of them; and files over the limits refused
// with a clear message in English and in French: the server's limits (set small here), which the
// portal says and checks before a byte is sent; and, on a page that still believes older limits,
// the server's own refusals (413 for a file, data.problem for a message's files, or for a file
// removed since it was added), with nothing sent while a refused file is in the list.
import { randomUUID } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { removeUnattachedUploads, UNATTACHED_TTL_MS } from '../../src/attachments/housekeeping.js';
import { attachments } from '../../src/db/schema.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { type TestApi } from '../helpers/api.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { screenshot } from './helpers/browser.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';
import { dropFiles, pasteFiles, PDF, png, type FileToSend } from './helpers/files.js';
import { sidewaysOverflow } from './helpers/page-checks.js';
import { type WebServer } from '../hostile/helpers/web-server.js';

/** The server's limits here: far below its defaults (20 MB a file, 50 MB a message), which the portal must not say. */
const SERVER_MAX_FILE = 256 * 1024;
const SERVER_MAX_MESSAGE = 512 * 1024;

let desk: BrowserDesk;
let api: TestApi;
let web: WebServer;
let requester: Someone;
let agent: Someone;
let number = 0;

beforeAll(async () => {
  desk = await startBrowserDesk({ ATTACHMENT_MAX_FILE_SIZE: String(SERVER_MAX_FILE), ATTACHMENT_MAX_MESSAGE_SIZE: String(SERVER_MAX_MESSAGE) });
  ({ api, web } = desk);
  requester = await desk.someone('Rita');
  agent = await desk.someone('Agnes', { role: 'agent' });
}, 120_000);

afterAll(async () => {
  await desk?.close();
});

const as = (who: Someone, options?: Parameters<BrowserDesk['as']>[1]) => desk.as(who, options);

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

/**
 * Makes the page believe other limits than the server's (portalConfig.get, asked in one batch with
 * auth.me): a page opened before the server's were lowered.
 */
async function believeLimits(page: Page, limits: { maxFileBytes?: number; maxMessageBytes?: number }) {
  await page.route(/\/trpc\/[^?]*portalConfig\.get/, async (route) => {
    const response = await route.fetch();
    const procedures = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/trpc\//, '')).split(',');
    const batch = (await response.json()) as { result?: { data?: { attachmentLimits: object } } }[];
    const json = batch.map((item, index) =>
      procedures[index] === 'portalConfig.get' && item.result?.data
        ? { ...item, result: { ...item.result, data: { ...item.result.data, attachmentLimits: { ...item.result.data.attachmentLimits, ...limits } } } }
        : item,
    );
    await route.fulfill({ response, json });
  });
}

/** A file of `bytes` bytes that the server takes as a text file. */
const textFile = (name: string, bytes: number): FileToSend => ({ name, mimeType: 'text/plain', buffer: Buffer.alloc(bytes, 'dock 4 log line\n') });

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
    // The server's limits are said before anything is chosen (not its defaults: it runs with its own).
    await page.getByText(en.files.limits(10, '256\u00a0KB', '512\u00a0KB')).waitFor();
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
  ] as const)("refuses files over the server's limits in %s before a byte is sent, says why, and sends nothing while one is in the list", async (lang, t) => {
    await requester.api.auth.setLanguage.mutate({ language: lang });
    const { page, incidents } = await as(requester, { viewport: { width: 390, height: 844 } });
    const sent = uploadsFrom(page);
    await page.goto(`/tickets/${number}`);
    const reply = page.locator('form.reply');
    const before = (await requester.api.tickets.get.query({ number })).conversation.length;
    const kb = (n: number) => (lang === 'en' ? `${n}\u00a0KB` : `${n}\u00a0Ko`);
    await reply.getByText(t.files.limits(10, kb(256), kb(512))).waitFor();

    // One byte over the server's limit per file: refused at once, never sent.
    const huge: FileToSend = { name: 'station-map.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(SERVER_MAX_FILE + 1 - PDF.length)]) };
    await reply.getByLabel(t.files.choose).setInputFiles([huge]);
    await pendingFile(page, huge.name).getByText(t.files.problem.tooLarge(kb(256))).waitFor();
    expect(sent).toEqual([]);

    // Two files fit in one message; a third would take it over the server's limit per message.
    const logs = [textFile('dock-1.log', 200 * 1024), textFile('dock-2.log', 200 * 1024), textFile('dock-3.log', 200 * 1024)];
    await reply.getByLabel(t.files.choose).setInputFiles(logs);
    for (const log of logs.slice(0, 2)) await pendingFile(page, log.name).getByText(t.files.ready).waitFor();
    await pendingFile(page, 'dock-3.log').getByText(t.files.problem.tooMuch(kb(512))).waitFor();
    expect(sent.map((request) => decodeURIComponent(request.headers()['x-file-name']))).toEqual(['dock-1.log', 'dock-2.log']);

    // Nothing goes while they are listed: the keyboard is taken to the files, which say what to do.
    await reply.getByLabel(t.ticket.yourReply).fill('Here is the map.');
    await reply.getByRole('button', { name: t.ticket.reply }).click();
    await reply.getByText(t.files.notReady.problem).waitFor();
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('file');
    expect(await sidewaysOverflow(page)).toEqual({ excess: 0, culprits: [] });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, `files.refused.${lang}.phone`);
    expect((await requester.api.tickets.get.query({ number })).conversation).toHaveLength(before);

    // Removed, they are gone and the keyboard is back on the picker; the reply then goes with the two that fit.
    for (const name of [huge.name, 'dock-3.log']) await pendingFile(page, name).getByRole('button', { name: `${t.files.remove} ${name}` }).click();
    await expect(reply.locator('.pending-file').count()).resolves.toBe(2);
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('file');
    await reply.getByRole('button', { name: t.ticket.reply }).click();
    await reply.getByRole('status').getByText(t.ticket.replySent).waitFor();
    const after = (await requester.api.tickets.get.query({ number })).conversation;
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.attachments.map((file) => file.name)).toEqual(['dock-1.log', 'dock-2.log']);
    expect(incidents).toEqual([]);
  });

  it('says the server refused a file (413) that a page with older limits thought small enough', async () => {
    await requester.api.auth.setLanguage.mutate({ language: 'en' });
    const { page, incidents } = await as(requester);
    await believeLimits(page, { maxFileBytes: 20 * 1024 * 1024 });
    const sent = uploadsFrom(page);
    await page.goto(`/tickets/${number}`);
    const reply = page.locator('form.reply');
    // The page says what it was told.
    await reply.getByText(en.files.limits(10, '20\u00a0MB', '512\u00a0KB')).waitFor();
    const large = textFile('controller-dump.log', SERVER_MAX_FILE + 1024);
    await reply.getByLabel(en.files.choose).setInputFiles([large]);
    await pendingFile(page, large.name).getByText(en.files.problem.refusedSize).waitFor();
    expect(sent).toHaveLength(1);
    expect((await sent[0].response())?.status()).toBe(413);
    expect(incidents).toEqual([]);
  });

  it("says in French, beside the files, that together they are over the server's limit per message (data.problem filesTooLarge)", async () => {
    await requester.api.auth.setLanguage.mutate({ language: 'fr' });
    const { page, incidents } = await as(requester);
    await believeLimits(page, { maxMessageBytes: 50 * 1024 * 1024 });
    await page.goto(`/tickets/${number}`);
    const reply = page.locator('form.reply');
    const before = (await requester.api.tickets.get.query({ number })).conversation.length;
    // Each one is under the limit per file, so each one is stored; together they are over the message's.
    const logs = [textFile('borne-1.log', 200 * 1024), textFile('borne-2.log', 200 * 1024), textFile('borne-3.log', 200 * 1024)];
    await reply.getByLabel(fr.files.choose).setInputFiles(logs);
    for (const log of logs) await pendingFile(page, log.name).getByText(fr.files.ready).waitFor();
    await reply.getByLabel(fr.ticket.yourReply).fill('Les journaux des trois bornes.');
    await reply.getByRole('button', { name: fr.ticket.reply }).click();
    await reply.locator('.attach .field-error').getByText(fr.files.refusedTooMuch, { exact: true }).waitFor();
    // The keyboard is taken to the files, which say why.
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('file');
    await expect(reply.getByLabel(fr.files.choose).getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await requester.api.tickets.get.query({ number })).conversation).toHaveLength(before);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(incidents).toEqual([]);
    await requester.api.auth.setLanguage.mutate({ language: 'en' });
  });

  it('says a file is no longer there when it was removed after it was added (data.problem filesGone), and takes it added again', async () => {
    await requester.api.auth.setLanguage.mutate({ language: 'en' });
    const { page, incidents } = await as(requester);
    const sent = uploadsFrom(page);
    await page.goto(`/tickets/${number}`);
    const reply = page.locator('form.reply');
    const before = (await requester.api.tickets.get.query({ number })).conversation.length;
    const photo: FileToSend = { name: 'dock-5.png', mimeType: 'image/png', buffer: png(64, 48) };
    await reply.getByLabel(en.files.choose).setInputFiles([photo]);
    await pendingFile(page, photo.name).getByText(en.files.ready).waitFor();
    // The form was left open longer than uploads are kept: the housekeeping removes the file.
    const { id } = (await (await sent[0].response())!.json()) as { id: string };
    await api.stack.db.update(attachments).set({ createdAt: new Date(Date.now() - UNATTACHED_TTL_MS - 60_000) }).where(eq(attachments.id, id));
    expect(await removeUnattachedUploads(api.stack.db)).toBeGreaterThanOrEqual(1);

    await reply.getByLabel(en.ticket.yourReply).fill('Dock 5 has the same crack.');
    await reply.getByRole('button', { name: en.ticket.reply }).click();
    await reply.locator('.attach .field-error').getByText(en.files.refusedGone, { exact: true }).waitFor();
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('file');
    expect((await requester.api.tickets.get.query({ number })).conversation).toHaveLength(before);

    // Removed and added again, it goes.
    await pendingFile(page, photo.name).getByRole('button', { name: `${en.files.remove} ${photo.name}` }).click();
    await reply.getByLabel(en.files.choose).setInputFiles([photo]);
    await pendingFile(page, photo.name).getByText(en.files.ready).waitFor();
    await reply.getByRole('button', { name: en.ticket.reply }).click();
    await reply.getByRole('status').getByText(en.ticket.replySent).waitFor();
    const after = (await requester.api.tickets.get.query({ number })).conversation;
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.attachments.map((file) => file.name)).toEqual([photo.name]);
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
    await pendingFile(page, 'lock.pdf').getByText(en.files.problem.tooLarge('256\u00a0KB')).waitFor();
    await page.getByRole('button', { name: en.submit.send }).click();
    await page.getByText(en.files.notReady.problem).waitFor();
    await expect(page.getByTestId('ticket-number').count()).resolves.toBe(0);
    const mine = await requester.api.tickets.list.query({ view: 'mine', page: 1, pageSize: 50 });
    expect(mine.items.map((ticket) => ticket.subject)).not.toContain(subject);
  });
});
