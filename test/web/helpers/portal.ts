// The product as a browser meets it: the API from createApp and the built web client on one
// origin, a ticket worker, mail delivered to a local SMTP receiver, on the suite's shared
// Postgres and Temporal. People are made the way an admin would make them.
import { createServer } from 'node:http';
import { pino } from 'pino';
import { setPassword } from '../../../src/accounts/access.js';
import { DEFAULT_RATE_LIMITS } from '../../../src/accounts/rate-limit.js';
import { issueLink } from '../../../src/accounts/links.js';
import { addMembership, createUser, findOrCreateOrganization } from '../../../src/accounts/users.js';
import { createApp } from '../../../src/api/app.js';
import { readConfig } from '../../../src/env.js';
import { startMailDelivery } from '../../../src/mail/delivery.js';
import { freePort } from '../../../src/net.js';
import type { TicketPolicy } from '../../../workflows/ticket/model.js';
import { sendBacklogNowhere } from '../../helpers/smtp.js';
import { startStack, type Stack } from '../../helpers/stack.js';
import { startSmtpInbox, type SmtpInbox } from './smtp-inbox.js';

export const TEMPORAL_UI_URL = 'http://127.0.0.1:8233';

export interface Portal {
  url: string;
  stack: Stack;
  inbox: SmtpInbox;
  /** An account with a password, ready to sign in. */
  makeUser(input: { label: string; role?: 'requester' | 'agent'; organization?: string; password?: string }): Promise<{ email: string; password: string; id: string }>;
  /** An account without a password (an admin added them); they request access themselves. */
  provision(input: { label: string; organization?: string }): Promise<{ email: string; id: string }>;
  close(): Promise<void>;
}

let counter = 0;
const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}${(counter++).toString(36)}@bikes.example`;

export async function startPortal(options: { policy: TicketPolicy }): Promise<Portal> {
  const stack = await startStack({ policy: options.policy });
  const inbox = await startSmtpInbox();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = readConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: url,
    SMTP_URL: inbox.url,
    TEMPORAL_UI_URL,
    LOG_LEVEL: 'silent',
  });
  const logger = pino({ level: 'silent' });
  // Every browser here is 127.0.0.1, shared with the other suites: per-address limits are not under test.
  const limits = { signInPerAddress: { max: 10_000, windowMs: 60_000 }, linksPerAddress: { max: 10_000, windowMs: 60_000 } };
  // createApp serves the built web client too, on the same origin as the API.
  const app = createApp({ config, db: stack.db, desk: stack.desk, logger, limits });
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  await sendBacklogNowhere(stack.db, config);
  const mail = startMailDelivery({ db: stack.db, config, logger, intervalMs: 250 });

  async function provision(input: { label: string; organization?: string }) {
    const user = await createUser(stack.db, { email: uniqueEmail(input.label), name: null });
    if (input.organization) await addMembership(stack.db, user.id, (await findOrCreateOrganization(stack.db, input.organization)).id);
    return { email: user.email, id: user.id };
  }

  return {
    url,
    stack,
    inbox,
    provision,
    async makeUser({ label, role = 'requester', organization, password = `Correct-horse-${label}-battery-42` }) {
      const email = uniqueEmail(label);
      const user = await createUser(stack.db, { email, role, name: label.charAt(0).toUpperCase() + label.slice(1) });
      if (organization) await addMembership(stack.db, user.id, (await findOrCreateOrganization(stack.db, organization)).id);
      const link = await issueLink(stack.db, url, 'access', email);
      const token = new URL(link).searchParams.get('token')!;
      await setPassword({ db: stack.db, publicUrl: url, limits: DEFAULT_RATE_LIMITS }, { token, password }, { address: '127.0.0.1' });
      return { email, password, id: user.id };
    },
    async close() {
      await mail.stop();
      // Live feeds hold their connections open: end them rather than wait.
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await inbox.close();
      await stack.close();
    },
  };
}
