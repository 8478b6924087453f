// The ticket page's next-reply and resolution deadlines, for Support Ops, against the real server
// with tickets that pin the SLA in force (a database of its own: other suites change the policy):
// a Critical / SEV ticket counts calendar time, 1 h to the next reply and 8 h to resolution as a
// fresh install seeds them, so the page says each deadline and the time left in the reader's
// language (the browsers read the page in Paris time); requesters see neither.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { accessibilityProblems } from './helpers/accessibility.js';
import { startBrowserDesk, type BrowserDesk, type Someone } from './helpers/browser-desk.js';

let own: Awaited<ReturnType<typeof freshDatabase>>;
let desk: BrowserDesk;
let requester: Someone;
let agent: Someone;
let agentFr: Someone;
let number: number;

beforeAll(async () => {
  own = await freshDatabase('sla_deadlines', { firstTicketNumberAbove: 70_000_000 });
  desk = await startBrowserDesk({}, { pinSla: true, databaseUrl: own.url });
  requester = await desk.someone('Rita');
  agent = await desk.someone('Agnes', { role: 'agent' });
  agentFr = await desk.someone('Amelie', { role: 'agent', language: 'fr' });
  ({ number } = await requester.api.tickets.create.mutate({ type: 'critical', subject: 'No bike unlocks at Bastille', description: 'Every dock refuses.', ccEmails: [], requestId: randomUUID() }));
  await agent.api.tickets.reply.mutate({ number, body: 'Which dock number?' });
  await requester.api.tickets.reply.mutate({ number, body: 'Dock 12.' });
}, 180_000);

afterAll(async () => {
  await desk?.close();
  await own?.db.close();
});

describe('the SLA deadlines on the ticket page', () => {
  it('tell Support Ops when the next reply and the resolution are due, and how long is left', async () => {
    const { ticket } = await agent.api.tickets.get.query({ number });
    expect(ticket.nextReplyDueAt).not.toBeNull();
    expect(ticket.resolutionDueAt).not.toBeNull();
    const { page, incidents } = await desk.as(agent, { locale: 'en-GB' });
    await page.goto(`/tickets/${number}`);
    const nextReply = page.getByTestId('sla-next-reply');
    await nextReply.waitFor();
    const day = (iso: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));
    await expect(nextReply.textContent()).resolves.toMatch(new RegExp(`^Next reply due by ${day(ticket.nextReplyDueAt!)} \\(in (59|60) minutes\\)\\.$`));
    await expect(page.getByTestId('sla-resolution').textContent()).resolves.toBe(en.ticket.resolutionDue(day(ticket.resolutionDueAt!), 'in 8 hours'));
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(incidents).toEqual([]);
  });

  it('say it in French', async () => {
    const { ticket } = await agentFr.api.tickets.get.query({ number });
    const { page } = await desk.as(agentFr, { locale: 'fr-FR' });
    await page.goto(`/tickets/${number}`);
    const day = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));
    await expect(page.getByTestId('sla-resolution').textContent()).resolves.toBe(fr.ticket.resolutionDue(day(ticket.resolutionDueAt!), 'dans 8 heures'));
  });

  it('are not the requester’s', async () => {
    const { ticket } = await requester.api.tickets.get.query({ number });
    expect(ticket.nextReplyDueAt).toBeNull();
    const { page } = await desk.as(requester);
    await page.goto(`/tickets/${number}`);
    await page.getByTestId('ticket-title').waitFor();
    await expect(page.getByTestId('sla-resolution').count()).resolves.toBe(0);
  });
});
