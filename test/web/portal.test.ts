// The portal in a real browser, as its people use it: a new requester gets access through the
// e-mailed link and submits a Critical / SEV ticket; an agent works it; the ticket goes Pending,
// Open, Solved, Open, Solved and Closed; colleagues find it in their tabs; an outsider cannot open
// it; HTML in it stays text; the language follows the browser until the person chooses one, which
// their account keeps; a list longer than the API counts still pages on. Screenshots of the main
// pages go to test-artifacts/screenshots/ (every-page.test.ts walks each page in both languages).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_BEYOND_PAGE } from '../../src/api/ticket-list.js';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema.js';
import type { TicketPolicy } from '../../workflows/ticket/model.js';
import { insertProjectionTickets } from '../helpers/projection.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { DESKTOP, PHONE, launchBrowser, openAs, screenshot as takeScreenshot, type Person } from './helpers/browser.js';
import { startPortal, TEMPORAL_UI_URL, type Portal } from './helpers/portal.js';
import { linkIn } from './helpers/smtp-inbox.js';
import { ensureWebBuild } from './helpers/web-build.js';

/**
 * Short enough to watch the timers act within the test, long enough for a person in a browser:
 * Pending waits two minutes, Solved closes after 12 seconds, and the Critical first-reply target
 * is missed before the agent gets to it.
 */
const POLICY: TicketPolicy = {
  pendingReminderMs: 60_000,
  pendingAutoCloseMs: 120_000,
  solvedAutoCloseMs: 12_000,
  firstReplyTargetMs: { critical: 2_000, software_issue: 600_000, hardware_issue: 600_000, feature_request: 600_000 },
};

const HOSTILE_SUBJECT = 'Bikes <img src=x onerror="window.__xss=1"> cannot be rented';
const HOSTILE_BODY = 'Since 9:00 no station rents bikes.\n<script>window.__xss=2</script>\n<b>bold?</b>';

let portal: Portal;
let browser: Browser;
const people: Person[] = [];
let requester: Person;
let agent: Person;
let number = 0;
let accounts: {
  requesterEmail: string;
  agent: { email: string; password: string };
  frenchAgent: { email: string; password: string; id: string };
  colleague: { email: string; password: string };
  cc: { email: string; password: string };
  outsider: { email: string; password: string };
};

async function person(options: Parameters<typeof openAs>[2] = {}): Promise<Person> {
  const p = await openAs(browser, portal.url, options);
  people.push(p);
  return p;
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'How can we help?' }).waitFor();
}

const badge = (page: Page) => page.getByTestId('status-badge');

/** The language an account keeps (it also decides the language of the person's e-mails). */
async function languageOf(userId: string) {
  const [row] = await portal.stack.db.select({ language: users.language }).from(users).where(eq(users.id, userId));
  return row?.language ?? null;
}

/** Every main page is kept as a picture and checked for accessibility where it is taken. */
async function screenshot(page: Page, name: string) {
  await takeScreenshot(page, name);
  expect(await accessibilityProblems(page), `accessibility of ${name}`).toEqual([]);
}

describe('web portal and agent console', () => {
  beforeAll(async () => {
    ensureWebBuild();
    portal = await startPortal({ policy: POLICY });
    browser = await launchBrowser();
    const organization = `Shop ${Date.now()}`;
    const provisioned = await portal.provision({ label: 'requester', organization });
    accounts = {
      requesterEmail: provisioned.email,
      agent: await portal.makeUser({ label: 'agent', role: 'agent' }),
      frenchAgent: await portal.makeUser({ label: 'agnes', role: 'agent' }),
      colleague: await portal.makeUser({ label: 'colleague', organization }),
      cc: await portal.makeUser({ label: 'cc' }),
      outsider: await portal.makeUser({ label: 'outsider' }),
    };
  }, 180_000);

  // A failure leaves a picture of every open page and the alerts they show, to see what a person saw.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [index, p] of people.entries()) {
      await takeScreenshot(p.page, `failure-${index}`).catch(() => {});
      const alerts = await p.page.locator('[role=alert]').allTextContents().catch(() => []);
      if (alerts.length) console.error(`page ${index} (${p.page.url()}) shows: ${alerts.join(' | ')}`);
    }
  });

  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
  });

  it('gives access through the e-mailed link and takes a Critical / SEV request', async () => {
    requester = await person();
    const { page } = requester;
    await page.goto('/');
    // Not signed in: the portal sends people to Sign in.
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in.en.desktop');
    await page.getByRole('link', { name: 'Request access' }).click();
    await page.getByLabel('E-mail').fill(accounts.requesterEmail);
    await screenshot(page, 'request-access.en.desktop');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').filter({ hasText: 'an e-mail with a link' }).waitFor();

    const mail = await portal.inbox.waitFor(accounts.requesterEmail, /\/set-password/);
    const link = linkIn(mail, '/set-password');
    expect(new URL(link).origin).toBe(portal.url);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    await page.getByLabel('Your name (optional)').fill('Rita Requester');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await page.getByRole('button', { name: 'Set password' }).click();
    // Too short: said beside the field, before anything is sent.
    await expect(page.getByText('too short or too common').first().isVisible()).resolves.toBe(true);
    await page.getByLabel('New password', { exact: true }).fill('Seven-gears-and-a-bell-42');
    await page.getByLabel('Repeat the password').fill('Seven-gears-and-a-bell-42');
    await screenshot(page, 'set-password.en.desktop');
    await page.getByRole('button', { name: 'Set password' }).click();

    // Home/Overview, as the guide names it.
    await page.getByRole('heading', { name: 'How can we help?' }).waitFor();
    await expect(page.getByRole('link', { name: /Submit a request/ }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: /Check your existing requests/ }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'home.en.desktop');

    await page.getByRole('link', { name: /Submit a request/ }).last().click();
    await page.getByRole('heading', { name: 'Submit a request' }).waitFor();
    for (const type of ['Critical / SEV', 'Feature request', 'Hardware issue', 'Software issue']) {
      await expect(page.getByRole('radio', { name: new RegExp(type) }).count()).resolves.toBe(1);
    }
    // Sent empty: every missing field says so where it is.
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Choose the type of request.').waitFor();
    await expect(page.getByLabel('Subject').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'submit-errors.en.desktop');

    await page.getByRole('radio', { name: /Critical \/ SEV/ }).check();
    await page.getByLabel('Subject').fill(HOSTILE_SUBJECT);
    await page.getByLabel('Description', { exact: true }).fill(HOSTILE_BODY);
    await page.getByLabel('CC (optional)').fill(accounts.cc.email);
    await screenshot(page, 'submit.en.desktop');
    await page.getByRole('button', { name: 'Submit' }).click();
    const confirmation = await page.getByTestId('ticket-number').textContent();
    number = Number(confirmation?.match(/#(\d+)/)?.[1]);
    expect(number).toBeGreaterThan(0);
    await screenshot(page, 'submit-done.en.desktop');

    await page.getByRole('link', { name: 'Open the ticket' }).click();
    await page.getByTestId('ticket-title').waitFor();
    // HTML in the subject and body is shown as text, and none of it ran.
    await expect(page.getByTestId('ticket-title').textContent()).resolves.toBe(`#${number} ${HOSTILE_SUBJECT}`);
    await expect(page.getByTestId('ticket-description').textContent()).resolves.toBe(HOSTILE_BODY);
    await expect(page.evaluate(() => (window as { __xss?: number }).__xss)).resolves.toBeUndefined();
    await expect(page.locator('main img, main script, main b').count()).resolves.toBe(0);
    await expect(badge(page).textContent()).resolves.toContain('In the hands of the Support Ops team');
    // This desk sends e-mail over SMTP but reads no support mailbox: nobody is told to answer by e-mail.
    await page.getByRole('button', { name: 'Send reply' }).waitFor();
    await expect(page.getByTestId('answer-by-mail').count()).resolves.toBe(0);
  });

  it('lets an agent ask a question; the requester sees it waits for them and answers', async () => {
    agent = await person();
    const { page } = agent;
    await signIn(page, accounts.agent.email, accounts.agent.password);
    await page.getByRole('link', { name: 'Agent console' }).first().click();
    await page.getByRole('heading', { name: 'Agent console' }).waitFor();
    // Critical / SEV first, and its first-reply target already missed.
    await page.getByRole('button', { name: 'SLA breached' }).click();
    await page.getByRole('link', { name: HOSTILE_SUBJECT, exact: true }).waitFor({ timeout: 15_000 });
    await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('Critical / SEV');
    await screenshot(page, 'agent-queue.en.desktop');

    await page.getByRole('link', { name: HOSTILE_SUBJECT, exact: true }).click();
    await page.getByTestId('ticket-title').waitFor();
    await expect(page.getByTestId('sla').textContent()).resolves.toContain('Breached on');
    const temporalLink = page.getByRole('link', { name: 'Open the workflow in the Temporal UI' });
    await expect(temporalLink.getAttribute('href')).resolves.toBe(`${TEMPORAL_UI_URL}/namespaces/default/workflows/ticket-${number}`);
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => page.getByTestId('assignee').textContent()).toBe('Agent');

    // An internal note first: marked as such, and never shown to the requester.
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await page.getByLabel('Your internal note').fill('Probably the payment gateway again.');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.locator('.message--internal').getByText('Probably the payment gateway again.').waitFor();

    // Then a public question, submitted as Pending.
    await page.getByRole('radio', { name: 'Public reply' }).check();
    await page.getByLabel('Your reply').fill('Which stations are affected?');
    await page.getByLabel('Submit as').selectOption('pending');
    await page.getByRole('button', { name: 'Submit as Pending' }).click();
    await badge(page).getByText('Waiting for the requester').waitFor();
    // Confirmed like any reply, with the status it now has.
    await page.getByRole('status').getByText('Reply sent. The ticket is now Pending.').waitFor();
    await page.locator('.audit summary').click();
    await screenshot(page, 'agent-ticket.en.desktop');

    // The requester's open page follows without a reload.
    const r = requester.page;
    await badge(r).getByText('Waiting for your answer: closes automatically on').waitFor({ timeout: 15_000 });
    await r.getByText('Which stations are affected?').waitFor();
    await expect(r.getByText('Probably the payment gateway again.').count()).resolves.toBe(0);
    await screenshot(r, 'ticket-pending.en.desktop');
    await r.getByLabel('Your reply').fill('All stations in the north.');
    await r.getByRole('button', { name: 'Send reply' }).click();
    await badge(r).getByText('In the hands of the Support Ops team').waitFor();
    await badge(page).getByText('In the hands of Support Ops').waitFor({ timeout: 15_000 });
  });

  it('reopens a Solved ticket on a reply, after saying so, and closes it on time', async () => {
    const a = agent.page;
    const r = requester.page;
    await a.getByRole('button', { name: 'Solve', exact: true }).click();
    await badge(a).getByText('Solved').first().waitFor();

    await badge(r).getByText('Solved: closes automatically on').waitFor({ timeout: 15_000 });
    // Said before sending: a reply reopens it.
    await r.getByText('This ticket is Solved. Replying to it will reopen it.').waitFor();
    await screenshot(r, 'ticket-solved.en.desktop');
    await r.getByLabel('Your reply').fill('It is back: the north is down again.');
    await r.getByRole('button', { name: 'Reply and reopen' }).click();
    await badge(r).getByText('In the hands of the Support Ops team').waitFor();

    await badge(a).getByText('In the hands of Support Ops').waitFor({ timeout: 15_000 });
    await a.getByRole('button', { name: 'Solve', exact: true }).click();
    await badge(a).getByText('Solved').first().waitFor();

    // Closed by its timer; the requester's page shows it and offers only a follow-up.
    await badge(r).getByText('Closed').first().waitFor({ timeout: 40_000 });
    await expect(r.getByLabel('Your reply').count()).resolves.toBe(0);
    await screenshot(r, 'ticket-closed.en.desktop');
    await r.getByRole('button', { name: 'Make a follow-up' }).click();
    await r.getByLabel('What should the follow-up say?').fill('Same problem today in the south.');
    await r.getByRole('button', { name: 'Make a follow-up' }).click();
    await r.getByRole('link', { name: `Follow-up of #${number}` }).waitFor();
    await expect(badge(r).textContent()).resolves.toContain('In the hands of the Support Ops team');
  }, 120_000);

  it("shows the ticket in the CC'd and organization tabs, and to nobody else", async () => {
    const cc = await person();
    await signIn(cc.page, accounts.cc.email, accounts.cc.password);
    await cc.page.getByRole('link', { name: 'My activities' }).click();
    await cc.page.getByRole('link', { name: 'Requests I\u2019m CC\u2019d on' }).click();
    await cc.page.getByRole('link', { name: HOSTILE_SUBJECT, exact: true }).waitFor();
    await screenshot(cc.page, 'activities-ccd.en.desktop');

    const colleague = await person();
    await signIn(colleague.page, accounts.colleague.email, accounts.colleague.password);
    await colleague.page.goto('/requests?view=organization');
    await colleague.page.getByRole('link', { name: HOSTILE_SUBJECT, exact: true }).waitFor();
    await colleague.page.getByLabel('Status').selectOption('closed');
    await colleague.page.getByRole('link', { name: HOSTILE_SUBJECT, exact: true }).waitFor();
    await colleague.page.getByLabel('Status').selectOption('pending');
    await colleague.page.getByText('No requests here.').waitFor();
    // A colleague reads it but does not take part in it.
    await colleague.page.goto(`/tickets/${number}`);
    await colleague.page.getByTestId('ticket-title').waitFor();
    await expect(colleague.page.getByRole('button', { name: 'Make a follow-up' }).count()).resolves.toBe(1);

    const outsider = await person();
    await signIn(outsider.page, accounts.outsider.email, accounts.outsider.password);
    await outsider.page.goto(`/tickets/${number}`);
    await outsider.page.getByRole('heading', { name: 'This ticket does not exist, or you do not have access to it.' }).waitFor();
    await outsider.page.goto('/requests?view=organization');
    await outsider.page.getByText('No requests here.').waitFor();

    await requester.page.goto('/requests');
    await requester.page.getByRole('link', { name: HOSTILE_SUBJECT, exact: true }).waitFor();
    await screenshot(requester.page, 'activities-mine.en.desktop');

    for (const p of people) expect(p.incidents).toEqual([]);
  });

  it('speaks French from the browser until the account has a language, which the person\u2019s menu changes', async () => {
    const fr = await person({ locale: 'fr-FR', viewport: PHONE });
    const { page } = fr;
    // Forgotten password: the same answer whether or not the address has an account.
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByLabel('Adresse e-mail').fill(accounts.colleague.email);
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByRole('status').getByText('un e-mail avec un lien pour choisir un nouveau mot de passe').waitFor();
    await screenshot(page, 'forgot-password.fr.phone');
    expect(linkIn(await portal.inbox.waitFor(accounts.colleague.email, /\/reset-password/), '/reset-password')).toContain('token=');
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await screenshot(page, 'sign-in.fr.phone');
    // An agent who has never signed in: their account has no language yet, so the browser's applies.
    await page.getByLabel('Adresse e-mail').fill(accounts.frenchAgent.email);
    await page.getByLabel('Mot de passe').fill(accounts.frenchAgent.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Comment pouvons-nous vous aider ?' }).waitFor();
    await screenshot(page, 'home.fr.phone');
    // ...and the account keeps it, for the portal elsewhere and for the e-mails.
    await expect.poll(() => languageOf(accounts.frenchAgent.id)).toBe('fr');
    await page.goto('/requests/new');
    await page.getByText('Ticket pour tout problème critique nécessitant une résolution immédiate', { exact: false }).waitFor();
    await page.getByRole('radio', { name: /Critique \/ SEV/ }).waitFor();
    await screenshot(page, 'submit.fr.phone');
    await page.goto('/agent');
    await page.getByRole('link', { name: HOSTILE_SUBJECT, exact: true }).first().waitFor();
    await screenshot(page, 'agent-queue.fr.phone');
    await page.goto(`/tickets/${number}`);
    await badge(page).getByText('Clos').first().waitFor();
    await screenshot(page, 'agent-ticket.fr.phone');
    // Nothing wider than the screen.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);

    // The language is chosen in the menu under the person's name, and kept on the account.
    await page.getByRole('button', { name: /menu du compte/ }).click();
    await page.getByRole('button', { name: 'Show in English' }).click();
    await badge(page).getByText('Closed: final.').waitFor();
    await expect.poll(() => languageOf(accounts.frenchAgent.id)).toBe('en');

    const r = requester.page;
    await r.setViewportSize(PHONE);
    await r.goto('/requests');
    await screenshot(r, 'activities-mine.en.phone');
    await r.goto(`/tickets/${number}`);
    await screenshot(r, 'ticket-closed.en.phone');
    await r.setViewportSize(DESKTOP);
    await r.getByRole('button', { name: /account menu/ }).click();
    await r.getByRole('button', { name: 'Afficher en français' }).click();
    await r.getByText('Clos : ce ticket ne peut plus être modifié.', { exact: false }).waitFor();
    await screenshot(r, 'ticket-closed.fr.desktop');
    // The account's language wins over the browser's (English here), page after page.
    await r.reload();
    await r.getByText('Clos : ce ticket ne peut plus être modifié.', { exact: false }).waitFor();
  });

  it('says "at least" of a list longer than the API counts, and pages on without a last page number', async () => {
    // The portal's pages hold 20 tickets: page 1 counts up to 1,020, page 2 up to 1,040.
    const count = 20 + COUNT_BEYOND_PAGE + 10;
    const busy = await portal.makeUser({ label: 'busy' });
    const inserted = await insertProjectionTickets(portal.stack.db, { count, requester: busy, organizationId: null });
    try {
      const { page, incidents } = await person();
      await signIn(page, busy.email, busy.password);
      await page.goto('/requests');
      await page.getByText('1,020+ requests').waitFor();
      await page.getByRole('navigation', { name: 'Page 1', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByText('1,030 requests').waitFor();
      await page.getByRole('navigation', { name: 'Page 2 of 52', exact: true }).waitFor();
      expect(incidents).toEqual([]);
    } finally {
      await inserted.remove();
    }
  });
});
