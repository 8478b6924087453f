// The service levels page (issue 14), in a real browser against the real server: an admin creates a
// business-hours calendar with a holiday and an exception, puts a target on business time on it,
// changes a lifecycle duration and finds each save in the history under their name; the API then
// holds exactly what was typed. A save based on a version someone else has replaced meanwhile says
// so and offers to reload; a value the form or the server refuses is said at its field. Agents read
// the page without a control to change it; requesters are refused it. Axe-clean; in French at
// 390 px nothing scrolls sideways and no English word of the portal is left.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { PHONE, screenshot } from './helpers/browser.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';
import { englishIn } from './helpers/catalogue-words.js';
import { portalWordsOn, sidewaysOverflow } from './helpers/page-checks.js';

const PAGE = '/admin/service-levels';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const s = en.serviceLevels;

let desk: BrowserDesk;
let admin: Someone;
let otherAdmin: Someone;
let agent: Someone;
let requester: Someone;

beforeAll(async () => {
  desk = await startBrowserDesk();
  admin = await desk.someone('Ada', { role: 'admin' });
  otherAdmin = await desk.someone('Grace', { role: 'admin' });
  agent = await desk.someone('Agnes', { role: 'agent' });
  requester = await desk.someone('Rita');
}, 180_000);

afterAll(async () => {
  await desk?.close();
});

const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
const calendarRow = (page: Page, id: string) => page.locator(`[data-testid="calendar"][data-id="${id}"]`);
const targetCell = (page: Page, key: string) => page.locator(`[data-target="${key}"]`);

/** Types a duration into its days, hours, minutes and seconds fields (empty ones count as zero). */
async function typeDuration(group: Locator, parts: { days?: number; hours?: number; minutes?: number; seconds?: number }, t = en) {
  for (const unit of ['days', 'hours', 'minutes', 'seconds'] as const) {
    await group.getByLabel(t.serviceLevels.duration[unit], { exact: true }).fill(parts[unit] === undefined ? '' : String(parts[unit]));
  }
}

async function openAsAdmin() {
  const person = await desk.as(admin);
  await person.page.goto('/admin/people');
  await person.page.getByRole('navigation', { name: en.admin.sections }).getByRole('link', { name: s.title }).click();
  await person.page.getByRole('heading', { name: s.sla.title, level: 2 }).waitFor();
  await settled(person.page);
  return person;
}

describe('an admin on the service levels page', () => {
  it('creates a calendar with split hours, a holiday and an exception; each problem is said at its field; the API holds what was typed', async () => {
    const { page, incidents } = await openAsAdmin();
    const c = s.calendars;
    await page.getByRole('button', { name: c.create }).click();
    const form = page.getByTestId('calendar-form');
    await form.getByLabel(c.name, { exact: true }).fill('Lyon shop');
    await form.getByLabel(c.id, { exact: true }).fill('lyon-shop');
    await form.getByLabel(c.timeZone).selectOption('Europe/Brussels');

    // Monday: 09:00–12:00 and 14:00–18:00, first typed with the afternoon closing before it opens.
    const monday = form.getByRole('group', { name: c.days.mon, exact: true });
    await monday.getByLabel(c.closes).first().fill('12:00');
    await monday.getByRole('button', { name: c.addHours(c.days.mon) }).click();
    await monday.getByLabel(c.opens).nth(1).fill('14:00');
    await monday.getByLabel(c.closes).nth(1).fill('13:00');
    // Sunday stays closed; Saturday gets the morning.
    const saturday = form.getByRole('group', { name: c.days.sat, exact: true });
    await saturday.getByRole('button', { name: c.addHours(c.days.sat) }).click();
    await saturday.getByLabel(c.opens).fill('10:00');
    await saturday.getByLabel(c.closes).fill('24:00');

    await form.getByRole('button', { name: c.addHoliday }).click();
    const holiday = form.getByTestId('holiday');
    await holiday.getByLabel(c.date, { exact: true }).fill('2026-12-25');
    await holiday.getByLabel(c.holidayName, { exact: true }).fill('Christmas');

    await form.getByRole('button', { name: c.addException }).click();
    const exception = form.getByTestId('exception');
    await exception.getByLabel(c.date, { exact: true }).fill('2026-12-24');
    await exception.getByLabel(c.exceptionName).fill('Christmas Eve');
    await exception.getByLabel(c.otherHours).check();
    await exception.getByLabel(c.closes).fill('13:30');

    await form.getByRole('button', { name: c.createSave }).click();
    const afternoonClose = monday.getByLabel(c.closes).nth(1);
    await expect(afternoonClose.getAttribute('aria-invalid')).resolves.toBe('true');
    await monday.getByText(c.problems.closeBeforeOpen).waitFor();
    // The keyboard is taken to the field to fix.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).resolves.toBe('true');
    await expect(afternoonClose.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    expect((await admin.api.policies.history.query({ calendarId: 'lyon-shop' })).calendars).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'service-levels.calendar-form.en.desktop');

    await afternoonClose.fill('18:00');
    await form.getByRole('button', { name: c.createSave }).click();
    await page.getByRole('status').getByText(c.created).waitFor();
    const row = calendarRow(page, 'lyon-shop');
    await row.getByText('Mon 09:00–12:00, 14:00–18:00').waitFor();
    await expect(row.getByText('Sun Closed').count()).resolves.toBe(1);

    const { calendars } = await admin.api.policies.current.query();
    const office = [{ from: '09:00', to: '18:00' }];
    expect(calendars.find((cal) => cal.calendarId === 'lyon-shop')).toMatchObject({
      version: 1,
      name: 'Lyon shop',
      createdBy: { email: admin.email, name: admin.name },
      value: {
        kind: 'business',
        timeZone: 'Europe/Brussels',
        week: { mon: [{ from: '09:00', to: '12:00' }, { from: '14:00', to: '18:00' }], tue: office, wed: office, thu: office, fri: office, sat: [{ from: '10:00', to: '24:00' }], sun: [] },
        holidays: [{ date: '2026-12-25', name: 'Christmas' }],
        exceptions: [{ date: '2026-12-24', name: 'Christmas Eve', hours: [{ from: '09:00', to: '13:30' }] }],
      },
    });

    // An identifier already taken is refused by the server, and said at the identifier.
    await page.getByRole('button', { name: c.create }).click();
    await form.getByLabel(c.name, { exact: true }).fill('Lyon again');
    await form.getByLabel(c.id, { exact: true }).fill('lyon-shop');
    await form.getByRole('button', { name: c.createSave }).click();
    await form.getByText(c.problems.idTaken).waitFor();
    await expect(form.getByLabel(c.id, { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await form.getByRole('button', { name: s.cancel }).click();
    expect((await admin.api.policies.history.query({ calendarId: 'lyon-shop' })).calendars).toHaveLength(1);

    // A change is a second version; the history names who saved each.
    await row.getByRole('button', { name: `${c.edit} Lyon shop` }).click();
    await form.getByRole('button', { name: c.addHoliday }).click();
    await form.getByTestId('holiday').nth(1).getByLabel(c.date, { exact: true }).fill('2027-01-01');
    await form.getByTestId('holiday').nth(1).getByLabel(c.holidayName, { exact: true }).fill('New Year');
    await form.getByRole('button', { name: s.saveVersion }).click();
    await page.getByRole('status').getByText(s.saved(2)).waitFor();
    const history = page.getByTestId('history-calendar-lyon-shop');
    await history.locator('summary').click();
    await expect(history.getByTestId('version').allTextContents()).resolves.toEqual([expect.stringContaining('2'), expect.stringContaining('1')]);
    await history.locator('[data-version="2"]').getByText(admin.name).waitFor();
    const saved = (await admin.api.policies.current.query()).calendars.find((cal) => cal.calendarId === 'lyon-shop');
    expect(saved?.value.holidays).toEqual([
      { date: '2026-12-25', name: 'Christmas' },
      { date: '2027-01-01', name: 'New Year' },
    ]);
    expect(incidents).toEqual([]);
  });

  it('puts a target on business time on that calendar and changes a lifecycle duration typed in days; the rest stays as it was', async () => {
    const before = await admin.api.policies.current.query();
    const { page, incidents } = await openAsAdmin();

    await page.getByRole('button', { name: s.sla.edit }).click();
    const cell = targetCell(page, 'software_issue.high.firstReply');
    const label = s.sla.target(s.sla.targets.firstReply, en.priorityName.high, en.typeName.software_issue);
    await typeDuration(cell.getByRole('group', { name: label }), { hours: 4, minutes: 30 });
    await cell.getByLabel(`${s.sla.clock} · ${label}`).selectOption('business');
    await cell.getByLabel(`${s.sla.calendarOf} · ${label}`).selectOption({ label: 'Lyon shop' });
    // A critical target left at zero is said at its own cell.
    const critical = targetCell(page, 'critical.urgent.resolution');
    const criticalLabel = s.sla.target(s.sla.targets.resolution, en.priorityName.urgent, en.typeName.critical);
    await typeDuration(critical.getByRole('group', { name: criticalLabel }), {});
    // The warning at the whole target would be no warning: said at its field.
    const slaForm = page.getByTestId('sla-targets');
    expect(before.sla.escalation).toEqual({ warningShare: 0.75, onHoldCountsTowardResolution: true });
    await expect(slaForm.getByLabel(s.sla.warningShare).inputValue()).resolves.toBe('75');
    await slaForm.getByLabel(s.sla.warningShare).fill('100');
    await slaForm.getByLabel(s.sla.onHoldLabel).uncheck();
    await slaForm.getByRole('button', { name: s.saveVersion }).click();
    await critical.getByText(s.duration.tooShort).waitFor();
    await slaForm.getByTestId('escalation').getByText(s.sla.badShare).waitFor();
    await slaForm.getByLabel(s.sla.warningShare).fill('80');
    expect(await accessibilityProblems(page)).toEqual([]);
    await typeDuration(critical.getByRole('group', { name: criticalLabel }), { hours: 8 });
    await slaForm.getByRole('button', { name: s.saveVersion }).click();
    await page.getByTestId('sla-targets').getByRole('status').getByText(s.saved(before.sla.version + 1)).waitFor();
    await cell.getByText('4 hours and 30 minutes').waitFor();
    await cell.getByText(s.sla.businessOn('Lyon shop')).waitFor();

    const after = await admin.api.policies.current.query();
    const expected = structuredClone(before.sla.value);
    expected.software_issue.high.firstReply = { durationMs: 4.5 * HOUR, time: 'business', calendarId: 'lyon-shop' };
    expected.critical.urgent.resolution = { ...expected.critical.urgent.resolution, durationMs: 8 * HOUR };
    expect(after.sla).toMatchObject({ version: before.sla.version + 1, value: expected, createdBy: { email: admin.email, name: admin.name } });
    expect(after.sla.escalation).toEqual({ warningShare: 0.8, onHoldCountsTowardResolution: false });
    await slaForm.getByTestId('escalation').getByText(s.sla.warningAt('80%')).waitFor();
    await slaForm.getByTestId('escalation').getByText(s.sla.onHoldPaused).waitFor();

    // Lifecycle: a reminder after 6 days would come after the close (5 days): said at the close.
    const lifecycle = page.getByTestId('lifecycle');
    const l = s.lifecycle;
    expect(before.lifecycle.value.pendingAutoCloseMs).toBe(5 * DAY);
    await typeDuration(lifecycle.getByRole('group', { name: l.pendingReminderMs }), { days: 6 });
    await lifecycle.getByRole('button', { name: s.saveVersion }).click();
    await lifecycle.getByRole('group', { name: l.pendingAutoCloseMs }).getByText(l.closeBeforeReminder).waitFor();
    await expect(lifecycle.getByRole('group', { name: l.pendingAutoCloseMs }).getByLabel(s.duration.days, { exact: true }).evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    await typeDuration(lifecycle.getByRole('group', { name: l.pendingAutoCloseMs }), { days: 7, hours: 12 });
    await lifecycle.getByRole('button', { name: s.saveVersion }).click();
    await lifecycle.getByRole('status').getByText(s.saved(before.lifecycle.version + 1)).waitFor();
    expect((await admin.api.policies.current.query()).lifecycle).toMatchObject({
      version: before.lifecycle.version + 1,
      value: { pendingReminderMs: 6 * DAY, pendingAutoCloseMs: 7.5 * DAY, solvedAutoCloseMs: before.lifecycle.value.solvedAutoCloseMs },
      createdBy: { email: admin.email },
    });

    // The history, newest first, with their name.
    for (const [id, version] of [
      ['history-sla', before.sla.version + 1],
      ['history-lifecycle', before.lifecycle.version + 1],
    ] as const) {
      const history = page.getByTestId(id);
      await history.locator('summary').click();
      const rows = history.getByTestId('version');
      await expect(rows.first().getAttribute('data-version')).resolves.toBe(String(version));
      await rows.first().getByText(admin.name).waitFor();
      await rows.last().getByText(s.history.seeded).waitFor();
    }
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'service-levels.en.desktop');
    expect(incidents).toEqual([]);
  });

  it('sets the satisfaction survey\u2019s delay after Solved and whether a bad rating notifies Support Ops; a survey after the close is refused beside its field', async () => {
    const { page, incidents } = await openAsAdmin();
    const before = (await admin.api.policies.current.query()).lifecycle;
    const lifecycle = page.getByTestId('lifecycle');
    const l = s.lifecycle;
    const survey = lifecycle.getByRole('group', { name: l.satisfactionDelayMs });
    await typeDuration(survey, { days: 30 });
    await lifecycle.getByRole('button', { name: s.saveVersion }).click();
    await survey.getByText(l.surveyBeforeClose).waitFor();
    expect((await admin.api.policies.current.query()).lifecycle.version).toBe(before.version);
    expect(await accessibilityProblems(page)).toEqual([]);

    await typeDuration(survey, { hours: 36 });
    await lifecycle.getByLabel(l.badRatingLabel).uncheck();
    await lifecycle.getByRole('button', { name: s.saveVersion }).click();
    await lifecycle.getByRole('status').getByText(s.saved(before.version + 1)).waitFor();
    expect((await admin.api.policies.current.query()).lifecycle).toMatchObject({ version: before.version + 1, value: { ...before.value, satisfactionDelayMs: 36 * 3_600_000, badRatingNotifiesOps: false } });
    expect(incidents).toEqual([]);

    // Agents read them.
    const { page: agentPage } = await desk.as(agent);
    await agentPage.goto('/admin/service-levels');
    const shown = agentPage.getByTestId('lifecycle');
    await shown.getByText(l.badRatingQuiet).waitFor();
    await shown.getByText(l.satisfactionDelayMs).waitFor();
  });

  it('says a save based on a version another admin replaced was not saved, and reloads theirs', async () => {
    const { page, incidents } = await openAsAdmin();
    const current = (await otherAdmin.api.policies.current.query()).lifecycle;
    const theirs = { ...current.value, solvedAutoCloseMs: 6 * DAY };
    await otherAdmin.api.policies.setLifecycle.mutate({ basedOn: current.version, durations: theirs });

    const lifecycle = page.getByTestId('lifecycle');
    // Two days: one would be refused before it is sent, as the satisfaction survey comes a day after Solved.
    await typeDuration(lifecycle.getByRole('group', { name: s.lifecycle.solvedAutoCloseMs }), { days: 2 });
    await lifecycle.getByRole('button', { name: s.saveVersion }).click();
    const stale = page.getByTestId('stale-save');
    await stale.getByText(s.stale).waitFor();
    expect((await admin.api.policies.current.query()).lifecycle).toMatchObject({ version: current.version + 1, value: theirs, createdBy: { name: otherAdmin.name } });
    expect(await accessibilityProblems(page)).toEqual([]);

    await stale.getByRole('button', { name: s.reload }).click();
    await stale.waitFor({ state: 'detached' });
    await expect(lifecycle.getByRole('group', { name: s.lifecycle.solvedAutoCloseMs }).getByLabel(s.duration.days, { exact: true }).inputValue()).resolves.toBe('6');
    await page.getByRole('region', { name: s.lifecycle.title }).getByText(s.version(current.version + 1)).waitFor();
    expect(incidents).toEqual([]);
  });
});

describe('the others', () => {
  it('agents read the page from their menu, with no control to change anything', async () => {
    const { page, incidents } = await desk.as(agent);
    await page.goto('/agent');
    await page.getByRole('navigation', { name: en.nav.main }).getByRole('link', { name: s.title }).click();
    await page.getByRole('heading', { name: s.title, level: 1 }).waitFor();
    await settled(page);
    await page.getByTestId('read-only').getByText(s.readOnly).waitFor();
    await targetCell(page, 'critical.urgent.firstReply').getByText(s.sla.calendarTime).waitFor();
    await calendarRow(page, 'office').waitFor();
    await expect(page.locator('main input, main select, main textarea').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: s.sla.edit }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: s.calendars.create }).count()).resolves.toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(incidents).toEqual([]);
  });

  it('requesters are refused the page', async () => {
    const { page } = await desk.as(requester);
    await page.goto(PAGE);
    await page.getByTestId('not-open').getByText(en.notOpenPage).waitFor();
    await expect(page.getByRole('heading', { name: s.sla.title }).count()).resolves.toBe(0);
  });
});

describe('in French on a phone', () => {
  it('fits 390 px with no English word, reading and editing, for an admin and an agent', async () => {
    for (const who of [admin, agent]) await who.api.auth.setLanguage.mutate({ language: 'fr' });
    try {
      const f = fr.serviceLevels;
      for (const who of [admin, agent]) {
        const { page, incidents } = await desk.as(who, { viewport: PHONE, locale: 'fr-FR' });
        await page.goto(PAGE);
        await page.getByRole('heading', { name: f.sla.title, level: 2 }).waitFor();
        await settled(page);
        if (who === admin) {
          await page.getByRole('button', { name: f.sla.edit }).click();
          await page.getByRole('button', { name: f.calendars.create }).click();
          const form = page.getByTestId('calendar-form');
          await form.getByRole('button', { name: f.calendars.addHoliday }).click();
          await form.getByRole('button', { name: f.calendars.addException }).click();
          await form.getByTestId('exception').getByLabel(f.calendars.otherHours).check();
        }
        for (const details of await page.locator('details').all()) await details.locator('summary').click();
        await page.evaluate(() => new Promise(requestAnimationFrame));
        expect(await sidewaysOverflow(page), who.name).toEqual({ excess: 0, culprits: [] });
        expect(englishIn(await portalWordsOn(page)), who.name).toEqual([]);
        expect(await accessibilityProblems(page), who.name).toEqual([]);
        await screenshot(page, `service-levels.${who === admin ? 'admin' : 'agent'}.fr.phone`);
        expect(incidents).toEqual([]);
      }
    } finally {
      for (const who of [admin, agent]) await who.api.auth.setLanguage.mutate({ language: 'en' });
    }
  });
});
