// Markup typed into any text field comes back from the API as plain data: JSON, byte for byte as
// typed, never sniffable as a page; and the one HTML page built from people's text on the server,
// the development mailbox, escapes it. The page shell never reflects the address it was asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers/api.js';
import { callApi } from '../helpers/http-api.js';
import { markedTicket, MARKUP, type MarkedTicket } from './helpers/markup.js';

let api: TestApi;
let ticket: MarkedTicket;

beforeAll(async () => {
  api = await startApi();
  ticket = await markedTicket(api);
});
afterAll(async () => api?.close());

interface TicketAnswer {
  ticket: { subject: string; description: string; requester: { name?: string }; assignee: { name?: string } | null; ccs: { name?: string }[] };
  conversation: { body: string; author: { name: string | null } }[];
}

describe('markup in the API output', () => {
  it('comes back as JSON data, exactly as typed, to Support Ops and to the requester', async () => {
    for (const [who, seesNote] of [
      [ticket.agent, true],
      [ticket.requester, false],
    ] as const) {
      const answer = await callApi(api.url, 'tickets.get', { number: ticket.number }, { method: 'GET', cookie: who.cookie });
      expect(answer.status).toBe(200);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.text.trimStart().startsWith('{')).toBe(true);
      const data = answer.data as TicketAnswer;
      expect(data.ticket.subject).toBe(MARKUP.subject);
      expect(data.ticket.description).toBe(MARKUP.description);
      expect(data.ticket.requester.name).toBe(MARKUP.requesterName);
      expect(data.ticket.assignee?.name).toBe(MARKUP.agentName);
      expect(data.ticket.ccs.map((p) => p.name)).toEqual([MARKUP.ccName]);
      const bodies = data.conversation.map((c) => c.body);
      expect(bodies).toEqual(seesNote ? [MARKUP.description, MARKUP.reply, MARKUP.note, MARKUP.requesterReply] : [MARKUP.description, MARKUP.reply, MARKUP.requesterReply]);
      expect(data.conversation.map((c) => c.author.name)).toContain(MARKUP.agentName);
    }
  });

  it('lists, the signed-in person and refusals are JSON too', async () => {
    const list = await callApi(api.url, 'tickets.list', { view: 'queue', pageSize: 100 }, { method: 'GET', cookie: ticket.agent.cookie });
    expect(list.contentType).toMatch(/^application\/json/);
    expect((list.data as { items: { subject: string }[] }).items.map((t) => t.subject)).toContain(MARKUP.subject);

    const me = await callApi(api.url, 'auth.me', undefined, { method: 'GET', cookie: ticket.cc.cookie });
    expect(me.contentType).toMatch(/^application\/json/);
    expect((me.data as { name: string }).name).toBe(MARKUP.ccName);

    // Markup in a refused input is not echoed into an HTML error page.
    const refused = await callApi(api.url, 'tickets.get', { number: MARKUP.subject }, { method: 'GET', cookie: ticket.agent.cookie });
    expect(refused.status).toBe(400);
    expect(refused.contentType).toMatch(/^application\/json/);
  });

  it('tells browsers never to sniff an API answer into a page', async () => {
    const answer = await callApi(api.url, 'tickets.get', { number: ticket.number }, { method: 'GET', cookie: ticket.agent.cookie });
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('markup in server-made pages', () => {
  it('the development mailbox shows it escaped, as text', async () => {
    const response = await fetch(`${api.url}/dev/mailbox`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    // The ticket's e-mails carry the subject: it must be there, and only in escaped form.
    expect(html).toContain('&lt;script&gt;window.__xss=&#39;subject&#39;');
    for (const raw of [MARKUP.subject, MARKUP.description, MARKUP.reply, MARKUP.requesterName, MARKUP.ccName, MARKUP.agentName]) {
      expect(html).not.toContain(raw);
    }
    expect(html).not.toMatch(/<script\b/i);
    // Inside a tag only: escaped text may say "onerror=" (other test files' e-mails are listed too).
    expect(html).not.toMatch(/<[^>]*(\sonerror=|\sonload=|data-xss)/i);
  });
});
