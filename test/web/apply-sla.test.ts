// An admin applies the SLA policy version in force to the open tickets from the service levels
// page, in a real browser against the real server (a database of its own: applying reaches every
// open ticket of the desk). The button names the version; a question comes first, Cancel changes
// nothing; the answer says how many tickets count it from now on and how many counted it already,
// in the reader's language, and each applied ticket's audit trail shows the change. Agents read
// the page without the button.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';

const PAGE = '/admin/service-levels';
const HOUR = 3_600_000;

let own: Awaited<ReturnType<typeof freshDatabase>>;
let desk: BrowserDesk;
let admin: Someone;
let adminFr: Someone;
let agent: Someone;
let requester: Someone;

beforeAll(async () => {
  own = await freshDatabase('apply_sla', { firstTicketNumberAbove: 80_000_000 });
  desk = await startBrowserDesk({}, { pinSla: true, databaseUrl: own.url });
  admin = await desk.someone('Ada', { role: 'admin' });
  adminFr = await desk.someone('Amandine', { role: 'admin', language: 'fr' });
  agent = await desk.someone('Agnes', { role: 'agent' });
  requester = await desk.someone('Rita');
}, 180_000);

afterAll(async () => {
  await desk?.close();
  await own?.db.close();
});

const hardwareTicket = async () =>
  (await requester.api.tickets.create.mutate({ type: 'hardware_issue', subject: 'Dock 4 will not release bikes', description: 'Since this morning.', ccEmails: [], requestId: randomUUID() })).number;

/** Saves a new SLA version in which a Normal hardware issue gets its first reply within `hours`, 24/7. */
async function saveFirstReplyWithin(hours: number): Promise<number> {
  const { sla } = await admin.api.policies.current.query();
  const targets = structuredClone(sla.value);
  targets.hardware_issue.normal.firstReply = { durationMs: hours * HOUR, time: 'calendar', calendarId: 'office' };
  return (await admin.api.policies.setSla.mutate({ basedOn: sla.version, targets })).version;
}

const slaVersionOf = async (number: number) => (await agent.api.tickets.get.query({ number })).workEvents.filter((e) => e.kind === 'sla_policy_applied').map((e) => e.data);

describe('applying the SLA policy in force to the open tickets', () => {
  it('asks first, then applies it to the tickets that pinned an older version and says what it did', async () => {
    const older = await hardwareTicket();
    const version = await saveFirstReplyWithin(1);
    const newer = await hardwareTicket();

    const { page, incidents } = await desk.as(admin);
    await page.goto(PAGE);
    const button = page.getByRole('button', { name: en.serviceLevels.sla.applyOpen.button(version) });
    await button.click();
    await page.getByText(en.serviceLevels.sla.applyOpen.question(version)).waitFor();
    // Cancel is the focused choice, and changes nothing.
    await page.keyboard.press('Enter');
    await button.waitFor();
    expect(await slaVersionOf(older)).toEqual([]);

    await button.click();
    await page.getByRole('button', { name: en.serviceLevels.sla.applyOpen.go }).click();
    const results = page.getByRole('region', { name: en.serviceLevels.sla.applyOpen.results(version) });
    await results.waitFor();
    await expect(results.getByRole('listitem').allTextContents()).resolves.toEqual([en.serviceLevels.sla.applyOpen.applied(1), en.serviceLevels.sla.applyOpen.already(1)]);
    expect(await slaVersionOf(older)).toEqual([{ from: version - 1, to: version }]);
    expect(await slaVersionOf(newer)).toEqual([]);
    const { ticket } = await agent.api.tickets.get.query({ number: older });
    expect(new Date(ticket.firstReplyDueAt!).getTime()).toBe(new Date(ticket.createdAt).getTime() + HOUR);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(incidents).toEqual([]);
  });

  it('says it in French', async () => {
    const version = await saveFirstReplyWithin(2);
    const { page } = await desk.as(adminFr, { locale: 'fr-FR' });
    await page.goto(PAGE);
    await page.getByRole('button', { name: fr.serviceLevels.sla.applyOpen.button(version) }).click();
    await page.getByText(fr.serviceLevels.sla.applyOpen.question(version)).waitFor();
    await page.getByRole('button', { name: fr.serviceLevels.sla.applyOpen.go }).click();
    const results = page.getByRole('region', { name: fr.serviceLevels.sla.applyOpen.results(version) });
    await results.waitFor();
    // Both tickets of the first test pinned an older version.
    await expect(results.getByRole('listitem').allTextContents()).resolves.toEqual([fr.serviceLevels.sla.applyOpen.applied(2)]);
  });

  it('is not offered to agents, who read the page', async () => {
    const { page } = await desk.as(agent);
    await page.goto(PAGE);
    await page.getByTestId('read-only').waitFor();
    await expect(page.getByTestId('apply-open').count()).resolves.toBe(0);
  });
});
