// Markup and script where a person can type text, and the ticket that carries all of it: made
// through the real HTTP API, names included (set from the access link, as a person would).
import { randomUUID } from 'node:crypto';
import { issueLink } from '../../../src/accounts/links.js';
import { createUser, ensureUser } from '../../../src/accounts/users.js';
import { callApi, type ApiAnswer } from '../../helpers/http-api.js';
import type { TestApi } from '../../helpers/api.js';

/** Each one, if it ran, would set window.__xss, open a dialog or leave an element marked data-xss. */
export const MARKUP = {
  // A link in it too: the development mailbox turns addresses into links.
  subject: `<script>window.__xss='subject';alert('subject')</script> Dock 4 offline, see http://status.example/"onmouseover="alert('link')`,
  description: `<img src=x onerror="window.__xss='description';alert('description')" data-xss="description"> bikes stuck`,
  reply: `"><svg onload="window.__xss='reply';alert('reply')" data-xss="reply"></svg><a href="javascript:alert('link')" data-xss="link">details</a>`,
  note: `<iframe srcdoc="<script>parent.__xss='note'</script>" data-xss="note"></iframe> internal`,
  requesterReply: `</textarea><script>window.__xss='requester reply'</script><style>*{display:none}</style>`,
  requesterName: `<b data-xss="name" onmouseover="alert('name')">Eve</b>`,
  ccName: `<img src=x onerror="alert('cc')" data-xss="cc">`,
  agentName: `<script>alert('agent')</script>Ann`,
} as const;

export const PASSWORD = 'Hostile-suite-battery-staple-42';

export interface Participant {
  id: string;
  email: string;
  cookie: string;
}

const address = (label: string) => `${label}-${randomUUID().slice(0, 8)}@hostile.example`;

/** Follows an access link through the API, choosing a name there, and keeps the session. */
async function takeAccess(api: TestApi, email: string, name?: string): Promise<string> {
  const token = new URL(await issueLink(api.stack.db, api.url, 'access', email)).searchParams.get('token')!;
  const answer = await callApi(api.url, 'auth.setPassword', { token, password: PASSWORD, ...(name ? { name } : {}) });
  if (answer.status !== 200) throw new Error(`setPassword refused: ${answer.text}`);
  return answer.setCookies[0].split(';')[0];
}

export async function personNamed(api: TestApi, label: string, name: string): Promise<Participant> {
  const user = await ensureUser(api.stack.db, address(label));
  return { id: user.id, email: user.email, cookie: await takeAccess(api, user.email, name) };
}

/** An agent whose name an admin typed (the users command takes it as is). */
export async function agentNamed(api: TestApi, name: string): Promise<Participant> {
  const user = await createUser(api.stack.db, { email: address('agent'), role: 'agent', name });
  return { id: user.id, email: user.email, cookie: await takeAccess(api, user.email) };
}

export interface MarkedTicket {
  number: number;
  requester: Participant;
  agent: Participant;
  cc: Participant;
}

async function ok(call: Promise<ApiAnswer>): Promise<ApiAnswer> {
  const answer = await call;
  if (answer.status !== 200) throw new Error(`call refused: ${answer.status} ${answer.text}`);
  return answer;
}

/** A ticket with markup in its subject, description, replies, internal note, and people's names. */
export async function markedTicket(api: TestApi): Promise<MarkedTicket> {
  const requester = await personNamed(api, 'requester', MARKUP.requesterName);
  const cc = await personNamed(api, 'cc', MARKUP.ccName);
  const agent = await agentNamed(api, MARKUP.agentName);
  const created = await ok(
    callApi(
      api.url,
      'tickets.create',
      { type: 'software_issue', subject: MARKUP.subject, description: MARKUP.description, ccEmails: [cc.email], requestId: randomUUID() },
      { cookie: requester.cookie },
    ),
  );
  const { number } = created.data as { number: number };
  await ok(callApi(api.url, 'tickets.assign', { number, assigneeId: agent.id }, { cookie: agent.cookie }));
  await ok(callApi(api.url, 'tickets.reply', { number, body: MARKUP.reply }, { cookie: agent.cookie }));
  await ok(callApi(api.url, 'tickets.reply', { number, body: MARKUP.note, internal: true }, { cookie: agent.cookie }));
  await ok(callApi(api.url, 'tickets.reply', { number, body: MARKUP.requesterReply }, { cookie: requester.cookie }));
  return { number, requester, agent, cc };
}
