// The satisfaction survey's page, in a real browser, as the requester opens it from the e-mail:
// not signed in, good or bad and a comment, a mistake said beside its field, the thanks, and the
// survey over once answered; in French too; Support Ops read the rating in the ticket's audit trail.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { SLOW_POLICY } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { englishIn } from './helpers/catalogue-words.js';
import { portalWordsOn, sidewaysOverflow } from './helpers/page-checks.js';
import { openAs, PHONE, screenshot } from './helpers/browser.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';

let desk: BrowserDesk;
let requester: Someone;
let agent: Someone;

beforeAll(async () => {
  // The survey a second after Solved: asked within the test.
  desk = await startBrowserDesk({}, { policy: { ...SLOW_POLICY, satisfaction: { delayMs: 1_000, badRatingNotifiesOps: true } } });
  requester = await desk.someone('Rita');
  agent = await desk.someone('Agnes', { role: 'agent' });
}, 180_000);
afterAll(async () => desk?.close());

/** A ticket solved, and the path of its survey's link once the e-mail is queued. */
async function askedSurvey(subject: string): Promise<{ number: number; path: string }> {
  const { number } = await requester.api.tickets.create.mutate({ type: 'hardware_issue', subject, description: 'Dock 4 will not release bikes.', ccEmails: [], requestId: randomUUID() });
  await agent.api.tickets.reply.mutate({ number, body: 'The dock is reset.', status: 'solved' });
  const token = await eventually(async () => {
    const [row] = await desk.api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, number), eq(notifications.kind, 'satisfaction_survey')));
    expect(row?.payload.token).toEqual(expect.any(String));
    return String(row.payload.token);
  }, { timeoutMs: 10_000 });
  return { number, path: `/satisfaction?token=${encodeURIComponent(token)}` };
}

describe('the satisfaction page', () => {
  it('takes a rating and a comment without signing in, says what is missing or too long beside its field, then thanks', async () => {
    const { number, path } = await askedSurvey('Dock 4 stuck');
    const s = en.satisfaction;
    const { page, incidents, context } = await openAs(desk.browser, desk.web.url);
    await page.goto(path);
    await page.getByRole('heading', { name: s.title, level: 1 }).waitFor();
    await page.getByText(s.intro(number, 'Dock 4 stuck')).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'satisfaction-form.en.desktop');

    await page.getByRole('button', { name: s.send }).click();
    await page.getByText(s.chooseOne).waitFor();
    await page.getByRole('radio', { name: s.bad }).check();
    await page.getByLabel(s.comment).fill('x'.repeat(2_001));
    await page.getByRole('button', { name: s.send }).click();
    await page.getByText(s.commentTooLong('2,000')).waitFor();
    await expect(page.getByLabel(s.comment).evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    // Nothing reached the ticket.
    expect((await agent.api.tickets.get.query({ number })).workEvents.map((e) => e.kind)).not.toContain('satisfaction_rated');

    await page.getByLabel(s.comment).fill('Nobody told me it was fixed.');
    await page.getByRole('button', { name: s.send }).click();
    await page.getByRole('status').getByText(s.thanks(number)).waitFor();
    await screenshot(page, 'satisfaction.en.desktop');
    const rated = (await agent.api.tickets.get.query({ number })).workEvents.find((e) => e.kind === 'satisfaction_rated');
    expect(rated).toMatchObject({ actor: { id: requester.id }, data: { rating: 'bad', comment: 'Nobody told me it was fixed.' } });

    // The link works once.
    await page.reload();
    await page.getByText(s.answered(number, false)).waitFor();
    await expect(page.getByRole('button', { name: s.send }).count()).resolves.toBe(0);
    expect(incidents).toEqual([]);
    await context.close();

    // Support Ops read it beside the ticket, and in its audit trail.
    const { page: agentPage, incidents: agentIncidents } = await desk.as(agent);
    await agentPage.goto(`/tickets/${number}`);
    const note = agentPage.getByRole('region', { name: s.onTicket });
    await note.getByText(s.rated(false)).waitFor();
    await note.getByText('Nobody told me it was fixed.').waitFor();
    await agentPage.getByRole('heading', { name: en.ticket.audit }).click();
    await agentPage.getByText(en.workEvent.satisfaction_rated(false, 'Nobody told me it was fixed.')).waitFor();
    await agentPage.getByText(en.workEvent.satisfaction_requested()).waitFor();
    expect(await accessibilityProblems(agentPage)).toEqual([]);
    await screenshot(agentPage, 'satisfaction-on-ticket.en.desktop');
    expect(agentIncidents).toEqual([]);
    // The requester's own page shows no such note: it is Support Ops'.
    const { page: theirs } = await desk.as(requester);
    await theirs.goto(`/tickets/${number}`);
    await theirs.getByTestId('ticket-title').waitFor();
    await expect(theirs.getByTestId('satisfaction-note').count()).resolves.toBe(0);
  });

  it('speaks the e-mail\u2019s language (French here, in an English browser), and says a survey whose solve was reopened no longer asks', async () => {
    const { number, path } = await askedSurvey('Borne 7 bloquée');
    const s = fr.satisfaction;
    const { page, incidents, context } = await openAs(desk.browser, desk.web.url, { locale: 'en-GB', viewport: PHONE });
    await page.goto(`${path}&lang=fr`);
    await page.getByRole('heading', { name: s.title, level: 1 }).waitFor();
    // The form at the narrowest phone, all in French.
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await sidewaysOverflow(page)).toEqual({ excess: 0, culprits: [] });
    expect(englishIn(await portalWordsOn(page))).toEqual([]);
    await page.setViewportSize(PHONE);
    await page.getByRole('radio', { name: s.good }).check();
    await requester.api.tickets.reply.mutate({ number, body: 'Elle est de nouveau bloquée.' });
    await page.getByRole('button', { name: s.send }).click();
    await page.getByText(s.reopened(number)).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'satisfaction.fr.phone');
    expect((await agent.api.tickets.get.query({ number })).workEvents.map((e) => e.kind)).not.toContain('satisfaction_rated');
    expect(incidents).toEqual([]);
    await context.close();
  });

  it('says so for a link that is not one', async () => {
    const { page, context } = await openAs(desk.browser, desk.web.url);
    await page.goto('/satisfaction?token=not-a-link-from-any-e-mail-at-all');
    await page.getByText(en.satisfaction.unknownLink).waitFor();
    await context.close();
  });
});
