// The reports page, in a real browser against the real server: a few tickets made through the
// API (created, answered, solved, assigned); every table shows the numbers reports.dashboard
// gives for the same range and filters, written in the reader's language (fr: 1 020, 12,5 %);
// each CSV download is the same as its table; the 7-day range and the type filter ask again;
// it reads at a phone's width in French, passes axe, and loads its chart library only there. The
// solved ticket's requester rates it from the satisfaction survey, which the score counts.
// Agents and admins reach it from the menu; requesters neither see it nor get its numbers.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { notifications } from '../../src/db/schema.js';
import { errorCode, type ApiClient } from '../helpers/api.js';
import { SLOW_POLICY } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { PHONE, screenshot } from './helpers/browser.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';
import { englishIn } from './helpers/catalogue-words.js';
import { portalWordsOn, sidewaysOverflow } from './helpers/page-checks.js';

const PATH = '/reports';
const REPORTS = ['createdSolved', 'backlog', 'times', 'sla', 'workload', 'satisfaction'] as const;

let desk: BrowserDesk;
let requester: Someone;
let agent: Someone;
let admin: Someone;

beforeAll(async () => {
  // The satisfaction survey a second after Solved, so that the solved ticket is rated within the test.
  desk = await startBrowserDesk({}, { policy: { ...SLOW_POLICY, satisfaction: { delayMs: 1_000, badRatingNotifiesOps: false } } });
  requester = await desk.someone('Rita');
  agent = await desk.someone(`Agnes-${randomUUID().slice(0, 6)}`, { role: 'agent' });
  admin = await desk.someone('Ada', { role: 'admin' });

  // Three tickets: a critical one answered at once and assigned; a software issue solved; one untouched.
  const create = async (type: 'critical' | 'software_issue', subject: string) =>
    (await requester.api.tickets.create.mutate({ type, subject, description: 'Dock 4 refuses every bike.', ccEmails: [], requestId: randomUUID() })).number;
  const critical = await create('critical', 'Nobody can rent a bike');
  await agent.api.tickets.assign.mutate({ number: critical, assigneeId: agent.id });
  await agent.api.tickets.reply.mutate({ number: critical, body: 'Looking into it now.' });
  const solved = await create('software_issue', 'The app crashes at login');
  await agent.api.tickets.reply.mutate({ number: solved, body: 'Fixed in version 3.2.', status: 'solved' });
  await create('software_issue', 'The map is empty');
  const token = await eventually(async () => {
    const [row] = await desk.api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, solved), eq(notifications.kind, 'satisfaction_survey')));
    expect(row?.payload.token).toEqual(expect.any(String));
    return String(row.payload.token);
  }, { timeoutMs: 10_000 });
  await desk.api.client().satisfaction.rate.mutate({ token, rating: 'good' });
}, 180_000);

afterAll(async () => {
  await desk?.close();
});

const as = (who: Someone, options?: Parameters<BrowserDesk['as']>[1]) => desk.as(who, options);

/** The filters the page asked with: its range, as its fields show it. */
async function rangeOn(page: Page) {
  return { from: await page.locator('#report-from').inputValue(), to: await page.locator('#report-to').inputValue() };
}

/** A report's table as its reader sees it: one array of cell texts per row (the row's header first). */
async function tableOf(page: Page, report: string): Promise<string[][]> {
  return page.locator(`section[data-report="${report}"] tbody tr`).evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim())));
}

const normal = (text: string) => text.replace(/\s/g, ' ');

/** What each row of a report says, from the API's numbers, in the reader's language (after the first cell: a day, a type or a name; the SLA's priority, then numbers). */
function expectedNumbers(report: (typeof REPORTS)[number], data: Awaited<ReturnType<ApiClient['reports']['dashboard']['query']>>, locale: string): string[][] {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const hours = new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 });
  const maybe = (value: number | null, format: Intl.NumberFormat, scale = 1) => (value === null ? '—' : format.format(value / scale));
  switch (report) {
    case 'createdSolved':
      return data.createdSolved.map((row) => [row.created, row.solved].map((n) => count.format(n)));
    case 'backlog':
      return data.backlog.map((row) => [row.open, row.pending, row['on-hold'], row.solved, row.closed].map((n) => count.format(n)));
    case 'times':
      return data.times.map((row) => [row.firstReplyMedian, row.firstReplyP90, row.resolutionMedian, row.resolutionP90].map((n) => maybe(n, hours)));
    case 'sla':
      return data.sla.map((row) => {
        const words = locale.startsWith('fr') ? fr : en;
        return [words.typeName[row.type], words.priorityName[row.priority], count.format(row.met), count.format(row.missed), maybe(row.metShare, percent, 100)];
      });
    case 'workload':
      return data.workload.map((row) => [row.openAssigned, row.solved].map((n) => count.format(n)));
    case 'satisfaction':
      return data.satisfaction.map((row) => [count.format(row.good), count.format(row.bad), maybe(row.goodShare, percent, 100)]);
  }
}

async function waitForReports(page: Page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="reports"]') && !document.querySelector('[aria-busy="true"]'));
}

describe('the reports page', () => {
  it('shows in each table the numbers reports.dashboard gives, and each CSV is its table', async () => {
    const { page, incidents } = await as(agent, { locale: 'en-GB' });
    await page.goto('/');
    await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.nav.reports }).click();
    await page.getByRole('heading', { name: en.reports.title, level: 1 }).waitFor();
    await waitForReports(page);

    // The last 30 days by default.
    const range = await rangeOn(page);
    expect((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000).toBe(29);
    await expect(page.getByRole('button', { name: en.reports.lastDays(30) }).getAttribute('aria-pressed')).resolves.toBe('true');
    const day = (iso: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
    await expect(page.getByTestId('report-range').textContent()).resolves.toBe(en.reports.showing(day(range.from), day(range.to)));
    const data = await agent.api.reports.dashboard.query(range);
    // The fixture is there: three created today, one solved, the critical one answered within its target.
    expect(data.createdSolved.reduce((sum, row) => sum + row.created, 0)).toBeGreaterThanOrEqual(3);

    for (const report of REPORTS) {
      const table = await tableOf(page, report);
      expect(table.map((row) => row.slice(1).map(normal)), `${report}: the table's numbers`).toEqual(expectedNumbers(report, data, 'en-GB').map((row) => row.map(normal)));
      // Each chart is drawn, and each table is named by its caption.
      await expect(page.locator(`section[data-report="${report}"] canvas`).count()).resolves.toBeGreaterThan(0);
      await expect(page.locator(`section[data-report="${report}"] table caption`).textContent()).resolves.toBe(en.reports[report].caption);
    }
    // The agent's row in the workload, by name; the critical type in the SLA table, in the guide's words.
    const workload = await tableOf(page, 'workload');
    expect(workload.find((row) => row[0] === agent.name)?.slice(1)).toEqual(['1', '1']);
    expect((await tableOf(page, 'sla')).map((row) => row.slice(0, 2))).toContainEqual([en.reports.sla.targets.firstReply, en.typeName.critical]);

    // The score of the whole range above its chart: the rating given today is in it.
    const ratings = data.satisfaction.reduce((sum, row) => sum + row.good + row.bad, 0);
    const good = data.satisfaction.reduce((sum, row) => sum + row.good, 0);
    expect(good).toBeGreaterThanOrEqual(1);
    const share = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(Math.round((good / ratings) * 1000) / 1000);
    await expect(page.getByTestId('satisfaction-score').textContent()).resolves.toBe(en.reports.satisfaction.overall(share, ratings, String(ratings)));

    // Each CSV download is the server's CSV, and says what its table says.
    for (const report of ['createdSolved', 'workload', 'satisfaction'] as const) {
      const section = page.locator(`section[data-report="${report}"]`);
      const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: new RegExp(en.reports.download) }).click()]);
      expect(download.suggestedFilename()).toBe(`${report}-${range.from}-${range.to}.csv`);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toBe((await agent.api.reports.csv.query({ report, filters: range })).csv);
      const [, ...lines] = csv.trim().split('\r\n').map((line) => line.split(','));
      const table = await tableOf(page, report);
      if (report === 'createdSolved') expect(lines.map((line) => line.slice(1))).toEqual(table.map((row) => row.slice(1)));
      else if (report === 'satisfaction') expect(lines.map((line) => [line[1], line[2], `${line[3]}%`])).toEqual(table.map((row) => row.slice(1)));
      else expect(lines.map((line) => [line[1], line[2], line[3]])).toEqual(table.map((row) => row));
    }

    // Seven days, in one click: the table has seven days and the numbers the API gives for them.
    await page.getByRole('button', { name: en.reports.lastDays(7) }).click();
    await page.waitForFunction(() => document.querySelectorAll('section[data-report="createdSolved"] tbody tr').length === 7);
    await waitForReports(page);
    const week = await rangeOn(page);
    const weekData = await agent.api.reports.dashboard.query(week);
    expect((await tableOf(page, 'createdSolved')).map((row) => row.slice(1))).toEqual(expectedNumbers('createdSolved', weekData, 'en-GB'));

    // Critical / SEV only.
    await page.getByLabel(en.reports.type, { exact: true }).selectOption('critical');
    await page.getByRole('button', { name: en.reports.show }).click();
    // Other suites share the database: the filter shows when every row is of its type, not by a count.
    const slaRowsAre = (type: string, priority?: string) =>
      expect.poll(async () => (await tableOf(page, 'sla')).every((row) => row[1] === type && (priority === undefined || row[2] === priority)), { timeout: 30_000 }).toBe(true);
    await slaRowsAre(en.typeName.critical);
    await waitForReports(page);
    const critical = await agent.api.reports.dashboard.query({ ...week, type: 'critical' });
    const slaTable = (data: typeof critical) => expectedNumbers('sla', data, 'en-GB').map((numbers, i) => [en.reports.sla.targets[data.sla[i].target], ...numbers]);
    expect(await tableOf(page, 'sla')).toEqual(slaTable(critical));
    expect(critical.sla.length).toBeGreaterThan(0);
    expect((await tableOf(page, 'createdSolved')).map((row) => row.slice(1))).toEqual(expectedNumbers('createdSolved', critical, 'en-GB'));

    // Per week: the same range counted Monday to Sunday, and its CSV is the weekly one.
    const createdSolved = page.locator('section[data-report="createdSolved"]');
    await createdSolved.getByRole('button', { name: en.reports.createdSolved.perWeek }).click();
    await expect(createdSolved.locator('table caption').textContent()).resolves.toBe(en.reports.createdSolved.captionByWeek);
    const count = new Intl.NumberFormat('en-GB');
    expect((await tableOf(page, 'createdSolved')).map((row) => row.slice(1))).toEqual(critical.createdSolvedByWeek.map((row) => [count.format(row.created), count.format(row.solved)]));
    const [weekly] = await Promise.all([page.waitForEvent('download'), createdSolved.getByRole('button', { name: new RegExp(en.reports.download) }).click()]);
    expect(weekly.suggestedFilename()).toBe(`createdSolvedByWeek-${week.from}-${week.to}.csv`);
    await createdSolved.getByRole('button', { name: en.reports.createdSolved.perDay }).click();

    // Urgent only, with the type: the critical ticket starts Urgent.
    await page.getByLabel(en.reports.priority, { exact: true }).selectOption('urgent');
    await page.getByRole('button', { name: en.reports.show }).click();
    await slaRowsAre(en.typeName.critical, en.priorityName.urgent);
    await waitForReports(page);
    const urgent = await agent.api.reports.dashboard.query({ ...week, type: 'critical', priority: 'urgent' });
    expect(await tableOf(page, 'sla')).toEqual(slaTable(urgent));
    expect(urgent.sla.some((row) => row.target === 'firstReply')).toBe(true);
    await page.getByLabel(en.reports.priority, { exact: true }).selectOption('low');
    await page.getByRole('button', { name: en.reports.show }).click();
    await slaRowsAre(en.typeName.critical, en.priorityName.low);

    // A range that ends before it starts is said, at the field.
    await page.locator('#report-to').fill('2020-01-01');
    await page.getByRole('button', { name: en.reports.show }).click();
    await page.getByText(en.reports.badRange).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('report-to');

    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'reports.agent.en.desktop');
    expect(incidents).toEqual([]);
  });

  it('in French at a phone’s width: numbers and days as French writes them, nothing wider than the screen, axe-clean', async () => {
    await admin.api.auth.setLanguage.mutate({ language: 'fr' });
    try {
      const { page, incidents } = await as(admin, { viewport: PHONE, locale: 'fr-FR' });
      await page.goto(PATH);
      await page.getByRole('heading', { name: fr.reports.title, level: 1 }).waitFor();
      await waitForReports(page);
      const range = await rangeOn(page);
      const data = await admin.api.reports.dashboard.query(range);
      for (const report of REPORTS) {
        expect((await tableOf(page, report)).map((row) => row.slice(1).map(normal)), report).toEqual(expectedNumbers(report, data, 'fr-FR').map((row) => row.map(normal)));
      }
      // A share is written "100 %" (a space before the sign), a day "1 déc. 2026".
      const sla = await tableOf(page, 'sla');
      expect(sla.every((row) => /^(—|\d+(,\d)?\s%)$/u.test(row[5]))).toBe(true);
      const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${range.to}T12:00:00Z`));
      expect((await tableOf(page, 'createdSolved')).at(-1)?.[0]).toBe(day);

      for (const width of [320, 390]) {
        await page.setViewportSize({ width, height: 844 });
        await page.evaluate(() => new Promise(requestAnimationFrame));
        expect(await sidewaysOverflow(page), `at ${width}px`).toEqual({ excess: 0, culprits: [] });
      }
      expect(englishIn(await portalWordsOn(page))).toEqual([]);
      expect(await accessibilityProblems(page)).toEqual([]);
      await screenshot(page, 'reports.admin.fr.phone');
      expect(incidents).toEqual([]);
    } finally {
      await admin.api.auth.setLanguage.mutate({ language: 'en' });
    }
  });

  it('loads its chart library only when the page is opened', async () => {
    const { page } = await as(agent);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto('/agent');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(scripts.filter((path) => /Reports/.test(path))).toEqual([]);
    await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.nav.reports }).click();
    await waitForReports(page);
    expect(scripts.filter((path) => /Reports/.test(path))).toHaveLength(1);
  });

  it('is not open to requesters: no menu entry, the page says so, and the API refuses them its numbers', async () => {
    const { page } = await as(requester);
    await page.goto('/');
    await page.getByRole('navigation', { name: en.nav.main }).waitFor();
    await expect(page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: en.nav.reports }).count()).resolves.toBe(0);
    await page.goto(PATH);
    await page.getByRole('heading', { name: en.notOpenPage, level: 1 }).waitFor();
    const range = { from: '2026-01-01', to: '2026-01-31' };
    await expect(errorCode(requester.api.reports.dashboard.query(range))).resolves.toBe('FORBIDDEN');
    await expect(errorCode(requester.api.reports.csv.query({ report: 'sla', filters: range }))).resolves.toBe('FORBIDDEN');
  });
});
