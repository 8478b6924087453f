// A desk with the people around a ticket and one ticket in each status, made through the real API
// as those people would (a Closed ticket through a desk whose Solved period is half a second), an
// e-mail from a stranger answering the open one (suspended, for Support Ops to decide), and the
// built portal served over it. For the browser checks that walk every page.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { findOrCreateOrganization } from '../../../src/accounts/users.js';
import { SESSION_COOKIE } from '../../../src/accounts/sessions.js';
import { tickets } from '../../../src/db/schema.js';
import { receiveMail } from '../../../src/mail/inbound/receive.js';
import { addressOf, ticketThreadId } from '../../../src/mail/threading.js';
import { TicketDesk } from '../../../src/tickets/desk.js';
import { SLOW_POLICY } from '../../helpers/stack.js';
import { startApi, type ApiClient, type TestApi } from '../../helpers/api.js';
import { eventually } from '../../helpers/wait.js';
import { png, uploadAs } from './files.js';
import { serveWithWebClient, type WebServer } from '../../hostile/helpers/web-server.js';
import type { TicketStatus } from '../../../workflows/ticket/model.js';

export type Role = 'requester' | 'cc' | 'colleague' | 'agent' | 'admin';

export interface Someone {
  api: ApiClient;
  id: string;
  email: string;
  /** The session cookie, for a browser context. */
  cookie: { name: string; value: string };
}

export interface DeskFixture {
  api: TestApi;
  web: WebServer;
  people: Record<Role, Someone>;
  /**
   * A ticket of the requester's in each status: CC'd, assigned, answered, with an internal note;
   * the open one with files (a picture, a log with a long unbroken name, a file on the note).
   */
  tickets: Record<Exclude<TicketStatus, 'on-hold'>, number>;
  close(): Promise<void>;
}

// Long, unbroken words and names, as people write them: the pages must wrap them, not widen.
const SUBJECT = 'Station-Gare-de-Lyon-Nord: dock-4 refuses every returned bike since 07:00';
const LONG_NAME = 'Bartholomew-Featherstonehaugh-Worthington';
const LONG_FILE_NAME = 'Station-Gare-de-Lyon-Nord_dock-4_controller-log_2026-12-01T07-00-00.txt';

export async function startDeskFixture(): Promise<DeskFixture> {
  const api = await startApi();
  const web = await serveWithWebClient(api);
  const organization = `Shop ${randomUUID().slice(0, 8)}`;
  const someone = async (label: string, options: { role?: 'agent' | 'admin'; org?: string } = {}): Promise<Someone> => {
    const { api: client, user } = await api.signedIn({ label, ...options });
    const value = client.cookies.get(SESSION_COOKIE);
    if (!value) throw new Error(`no session cookie for ${label}`);
    return { api: client, id: user.id, email: user.email, cookie: { name: SESSION_COOKIE, value } };
  };
  const people: Record<Role, Someone> = {
    requester: await someone('Rita', { org: organization }),
    cc: await someone('Camille'),
    colleague: await someone('Colin', { org: organization }),
    agent: await someone('Agnes', { role: 'agent' }),
    admin: await someone('Ada', { role: 'admin' }),
  };
  // Two namesakes with long names: the "Assign to" list has to tell them apart and still fit.
  const longNamed = await someone(LONG_NAME, { role: 'agent' });
  await someone(LONG_NAME, { role: 'agent' });

  const { requester, agent, cc } = people;
  const create = async (subject: string, type: 'critical' | 'software_issue' = 'software_issue', attachmentIds: string[] = []) =>
    (
      await requester.api.tickets.create.mutate({
        type,
        subject,
        description: 'Every bike returned to dock 4 is refused; the screen says "unknown bike".\nThe other docks work.',
        ccEmails: [cc.email],
        requestId: randomUUID(),
        attachmentIds,
      })
    ).number;
  const files = [
    await uploadAs(api.url, requester.cookie, { name: 'dock-4-screen.png', mimeType: 'image/png', buffer: png(640, 360) }),
    await uploadAs(api.url, requester.cookie, { name: LONG_FILE_NAME, mimeType: 'text/plain', buffer: Buffer.from('07:00:01 dock 4 refused bike 1042\n'.repeat(200)) }),
  ];
  const open = await create(SUBJECT, 'critical', files);
  await agent.api.tickets.assign.mutate({ number: open, assigneeId: agent.id });
  const trace = await uploadAs(api.url, agent.cookie, { name: 'firmware-trace.log', mimeType: 'text/plain', buffer: Buffer.from('fw 3.1.4 dock 4 panic\n') });
  await agent.api.tickets.reply.mutate({ number: open, body: 'Probably the dock firmware again.', internal: true, attachmentIds: [trace] });
  const pending = await create('The app shows no bikes at Bastille');
  await agent.api.tickets.reply.mutate({ number: pending, body: 'Which version of the app do you use?', status: 'pending' });
  const solved = await create('Payment refused for a monthly subscription');
  await agent.api.tickets.reply.mutate({ number: solved, body: 'The payment provider fixed it.', status: 'solved' });

  // A Closed ticket needs its Solved period to pass: this one's policy makes it half a second.
  const quickDesk = new TicketDesk({ client: api.stack.client, db: api.stack.db, taskQueue: api.stack.taskQueue, policy: { ...SLOW_POLICY, solvedAutoCloseMs: 500 } });
  const { number: closed } = await quickDesk.create({
    requestId: randomUUID(),
    type: 'hardware_issue',
    subject: 'Broken lock on bike 1042',
    description: 'The lock does not open.',
    requester: { id: requester.id, email: requester.email, name: 'Rita' },
    organizationId: (await findOrCreateOrganization(api.stack.db, organization)).id,
    ccs: [],
    followUpOf: null,
  });
  await agent.api.tickets.solve.mutate({ number: closed });
  await eventually(async () => {
    const [row] = await api.stack.db.select({ status: tickets.status }).from(tickets).where(eq(tickets.number, closed));
    if (row?.status !== 'closed') throw new Error(`ticket #${closed} is ${row?.status}, not closed yet`);
  });

  // Someone without an account answers the open ticket's e-mails from a long, unbroken address.
  const settings = { from: web.config.MAIL_FROM, publicUrl: web.config.publicUrl };
  const stranger = await new MailComposer({
    from: `${LONG_NAME.toLowerCase()}@station-gare-de-lyon-nord.example`,
    to: addressOf(web.config.MAIL_FROM),
    subject: `Re: [#${open}] ${SUBJECT}`,
    inReplyTo: ticketThreadId(open, settings),
    messageId: `<${randomUUID()}@phone.example>`,
    text: 'Same at our station: dock 4 refuses bikes.\nhttps://station-gare-de-lyon-nord.example/status/dock-4/controller-log-2026-12-01',
  })
    .compile()
    .build();
  const { outcome } = await receiveMail({ db: api.stack.db, desk: api.stack.desk, config: web.config }, stranger);
  if (outcome !== 'suspended') throw new Error(`the stranger's e-mail was ${outcome}, not suspended`);

  // A canned reply doing every kind of action, one of them naming the agent with the long name.
  await agent.api.macros.create.mutate({
    title: 'Ask for the dock’s serial number and the firmware version shown on its screen',
    body: { en: 'Hello {{requester.firstName}}, could you send the serial number of the dock?', fr: 'Bonjour {{requester.firstName}}, pourriez-vous envoyer le numéro de série de la borne ?' },
    actions: { status: 'pending', priority: 'high', addTags: ['dock-4', 'firmware'], removeTags: ['new'], assignee: longNamed.id },
  });

  return {
    api,
    web,
    people,
    tickets: { open, pending, solved, closed },
    async close() {
      await web.close();
      await api.close();
    },
  };
}
