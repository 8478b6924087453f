// Admins manage people and organizations through the API; the users command makes the first
// admin on a fresh install and prints a set-password link that works.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memberships, notifications, organizations, users } from '../../src/db/schema.js';
import { errorCode, startApi, TEST_PASSWORD, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

const email = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;
const name = (label: string) => `${label} ${randomBytes(3).toString('hex')}`;

describe('admin', () => {
  it('creates organizations and users, adds members, changes roles and revokes sessions', async () => {
    const { api: admin } = await api.signedIn({ role: 'admin' });
    const org = await admin.organizations.create.mutate({ name: name('Lyon shop') });
    expect(await errorCode(admin.organizations.create.mutate({ name: org.name.toUpperCase() }))).toBe('CONFLICT');

    const agentEmail = email('agent');
    const { user: created } = await admin.users.create.mutate({ email: agentEmail, role: 'agent', name: 'New Agent', organizationId: org.id });
    expect(created).toMatchObject({ email: agentEmail, role: 'agent', hasPassword: false, organizationIds: [org.id] });
    expect(await errorCode(admin.users.create.mutate({ email: agentEmail.toUpperCase(), role: 'requester' }))).toBe('CONFLICT');

    const member = email('member');
    const { userId } = await admin.organizations.addMember.mutate({ organizationId: org.id, email: member });
    const people = await admin.organizations.members.query({ organizationId: org.id });
    expect(people.map((p) => p.email).sort()).toEqual([agentEmail, member].sort());

    expect(await errorCode(admin.users.list.query({ search: 'nul\u0000' }))).toBe('BAD_REQUEST');
    // Wildcards are searched for literally.
    expect((await admin.users.list.query({ search: '%' })).total).toBe(0);
    const listed = await admin.users.list.query({ search: member });
    expect(listed.items.map((u) => u.id)).toEqual([userId]);

    const { api: requester, user } = await api.signedIn();
    const promoted = await admin.users.update.mutate({ id: user.id, role: 'agent' });
    expect(promoted.user.role).toBe('agent');
    expect((await requester.auth.me.query())?.role).toBe('agent');
    expect((await requester.users.agents.query()).map((a) => a.id)).toContain(user.id);

    const { ended } = await admin.users.revokeSessions.mutate({ id: user.id });
    expect(ended).toBeGreaterThanOrEqual(1);
    expect(await requester.auth.me.query()).toBeNull();

    await admin.organizations.removeMember.mutate({ organizationId: org.id, userId });
    expect(await api.stack.db.select().from(memberships).where(eq(memberships.userId, userId))).toHaveLength(0);
    const renamed = await admin.organizations.rename.mutate({ id: org.id, name: name('Lyon workshop') });
    expect((await api.stack.db.select().from(organizations).where(eq(organizations.id, org.id)))[0].name).toBe(renamed.name);
  });

  it('an admin cannot lock themselves out', async () => {
    const { api: admin, user } = await api.signedIn({ role: 'admin' });
    expect(await errorCode(admin.users.update.mutate({ id: user.id, role: 'requester' }))).toBe('BAD_REQUEST');
    expect(await errorCode(admin.users.update.mutate({ id: user.id, disabled: true }))).toBe('BAD_REQUEST');
    expect((await api.stack.db.select().from(users).where(eq(users.id, user.id)))[0]).toMatchObject({ role: 'admin', disabledAt: null });
  });

  it('requesters and agents cannot manage people; members see only their own organization', async () => {
    const orgName = name('Depot');
    const { api: requester, user } = await api.signedIn({ org: orgName });
    const { api: agent } = await api.signedIn({ role: 'agent' });
    const [org] = await api.stack.db.select().from(organizations).where(eq(organizations.name, orgName));
    for (const who of [requester, agent]) {
      expect(await errorCode(who.users.list.query({}))).toBe('FORBIDDEN');
      expect(await errorCode(who.users.create.mutate({ email: email('x'), role: 'admin' }))).toBe('FORBIDDEN');
      expect(await errorCode(who.users.update.mutate({ id: user.id, role: 'admin' }))).toBe('FORBIDDEN');
      expect(await errorCode(who.users.revokeSessions.mutate({ id: user.id }))).toBe('FORBIDDEN');
      expect(await errorCode(who.organizations.create.mutate({ name: name('x') }))).toBe('FORBIDDEN');
      expect(await errorCode(who.organizations.addMember.mutate({ organizationId: org.id, email: email('x') }))).toBe('FORBIDDEN');
      expect(await errorCode(who.organizations.removeMember.mutate({ organizationId: org.id, userId: user.id }))).toBe('FORBIDDEN');
    }
    expect(await errorCode(requester.users.agents.query())).toBe('FORBIDDEN');
    expect((await requester.organizations.list.query()).map((o) => o.id)).toEqual([org.id]);
    expect((await requester.organizations.members.query({ organizationId: org.id })).map((m) => m.id)).toEqual([user.id]);
    expect(await errorCode(agent.organizations.members.query({ organizationId: org.id }))).toBe('NOT_FOUND');
    // Support Ops see every ticket, so they see every organization's name (to filter reports by it).
    expect((await agent.organizations.list.query()).map((o) => o.id)).toContain(org.id);
    expect((await api.stack.db.select().from(users).where(eq(users.id, user.id)))[0].role).toBe('requester');
  });
});

describe('personal data', () => {
  it('an admin exports everything the desk holds about a person as one document, and resends their link', async () => {
    const { api: admin } = await api.signedIn({ role: 'admin' });
    const { api: agent, user: agentUser } = await api.signedIn({ role: 'agent', label: 'exporting-agent' });
    const { api: person, user } = await api.signedIn({ label: 'exported', org: name('Export shop') });
    const { number } = await person.tickets.create.mutate({ type: 'software_issue', subject: 'Card reader', description: 'It does not read cards.', requestId: randomBytes(8).toString('hex') });
    const { number: ccd } = await agent.tickets.create.mutate({ type: 'hardware_issue', subject: 'Dock', description: 'Broken.', ccEmails: [user.email], requestId: randomBytes(8).toString('hex') });
    await agent.tickets.reply.mutate({ number, body: 'Which reader?', internal: false });
    await person.tickets.reply.mutate({ number, body: 'The blue one.' });

    const { filename, data } = await admin.users.exportPersonalData.query({ id: user.id });
    expect(filename).toBe(`personal-data-${user.email}.json`);
    expect(data.account).toMatchObject({ id: user.id, email: user.email, hasPassword: true });
    expect(data.organizations).toHaveLength(1);
    expect(data.tickets.map((t) => [t.number, t.as])).toEqual([[number, 'requester'], [ccd, 'cc']].sort((a, b) => Number(a[0]) - Number(b[0])));
    expect(data.messages.map((m) => m.body)).toEqual(['It does not read cards.', 'The blue one.']);
    expect(data.changes.map((c) => c.kind)).toEqual(['created', 'commented']);
    expect(data.emailsSent.some((m) => m.kind === 'ticket_created' && m.ticketNumber === number)).toBe(true);
    // Nothing of someone else: the agent's reply is theirs.
    expect(JSON.stringify(data)).not.toContain('Which reader?');
    expect(JSON.stringify(data)).not.toContain(agentUser.email);

    const before = await api.stack.db.select().from(notifications).where(eq(notifications.recipient, user.email));
    await admin.users.resendLink.mutate({ id: user.id });
    const after = await api.stack.db.select().from(notifications).where(eq(notifications.recipient, user.email));
    expect(after.filter((row) => !before.some((b) => b.id === row.id)).map((row) => row.kind)).toEqual(['reset_password']);
    expect(await errorCode(agent.users.exportPersonalData.query({ id: user.id }))).toBe('FORBIDDEN');
    expect(await errorCode(person.users.resendLink.mutate({ id: user.id }))).toBe('FORBIDDEN');
  });
});

describe('npm run users', () => {
  it('creates a user of any role in an organization and prints a set-password link that works', async () => {
    const address = email('first-admin');
    const org = name('Head office');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/users.ts', 'create', '--email', address, '--role', 'admin', '--org', org, '--name', 'First Admin'],
      { env: { ...process.env, DATABASE_URL: inject('databaseUrl'), PUBLIC_URL: api.url, LOG_LEVEL: 'silent' } },
    );
    const link = new RegExp(`${api.url}/set-password\\?token=([\\w-]+)`).exec(stdout);
    expect(link).not.toBeNull();
    const visitor = api.client();
    const { user } = await visitor.auth.setPassword.mutate({ token: link![1], password: TEST_PASSWORD });
    expect(user).toMatchObject({ email: address, role: 'admin', name: 'First Admin' });
    expect(user.organizations.map((o) => o.name)).toEqual([org]);
    expect((await visitor.users.list.query({ search: address })).total).toBe(1);

    const refused = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/users.ts', 'create', '--email', 'not-an-address', '--role', 'boss'], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/--email/);
  });
});
