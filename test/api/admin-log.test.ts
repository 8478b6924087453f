// The admin log records every admin action once it has succeeded; the access policy decides who
// may ask for access; the people list says when each person last signed in.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { errorCode, startApi, type ApiClient, type TestApi } from '../helpers/api.js';

let api: TestApi;
let admin: ApiClient;
let adminEmail: string;
beforeAll(async () => {
  api = await startApi();
  const signed = await api.signedIn({ role: 'admin', label: 'logged-admin' });
  admin = signed.api;
  adminEmail = signed.user.email;
});
afterAll(async () => {
  // The database is shared by the suite's files: leave the desk open to anyone, as it was.
  await admin?.admin.setAccessPolicy.mutate({ mode: 'anyone' });
  await api?.close();
});

const email = (label: string, domain = 'example.test') => `${label}-${randomBytes(4).toString('hex')}@${domain}`;
const linksTo = async (address: string) => (await api.stack.db.select().from(notifications).where(eq(notifications.recipient, address))).map((row) => row.kind);

describe('the admin log', () => {
  it('records each admin action that succeeded, who did it and with what, newest first; not a refused one, not a read', async () => {
    const invited = email('invited');
    const { user } = await admin.users.create.mutate({ email: invited, role: 'agent', name: 'Invited Agent' });
    expect(await errorCode(admin.users.create.mutate({ email: invited, role: 'agent' }))).toBe('CONFLICT');
    await admin.users.update.mutate({ id: user.id, disabled: true });
    await admin.users.exportPersonalData.query({ id: user.id });
    await admin.users.list.query({});

    const { items } = await admin.admin.log.query({ pageSize: 10 });
    const mine = items.filter((entry) => entry.actorEmail === adminEmail);
    expect(mine.slice(0, 3).map((entry) => entry.action)).toEqual(['users.exportPersonalData', 'users.update', 'users.create']);
    expect(mine[1].details).toEqual({ id: user.id, disabled: true });
    expect(mine[2].details).toMatchObject({ email: invited, role: 'agent' });
    expect(mine.filter((entry) => entry.action === 'users.create')).toHaveLength(1);
    expect(mine.some((entry) => entry.action === 'users.list')).toBe(false);
  });

  it('is for admins only, like the access policy', async () => {
    for (const role of ['requester', 'agent'] as const) {
      const { api: who } = await api.signedIn({ role });
      expect(await errorCode(who.admin.log.query({}))).toBe('FORBIDDEN');
      expect(await errorCode(who.admin.accessPolicy.query())).toBe('FORBIDDEN');
      expect(await errorCode(who.admin.setAccessPolicy.mutate({ mode: 'anyone' }))).toBe('FORBIDDEN');
    }
  });
});

describe('the access policy', () => {
  it('limited to known domains, gives new people of other domains no link (with the same answer); accounts keep theirs', async () => {
    expect(await admin.admin.accessPolicy.query()).toEqual({ mode: 'anyone' });
    expect(await admin.admin.setAccessPolicy.mutate({ mode: 'domains', domains: ['@Velo-Shop.example', 'velo-shop.example'] })).toEqual({ mode: 'domains', domains: ['velo-shop.example'] });
    expect(await errorCode(admin.admin.setAccessPolicy.mutate({ mode: 'domains', domains: ['not a domain'] }))).toBe('BAD_REQUEST');

    const visitor = api.client();
    const [outsider, insider, branch] = [email('outsider', 'elsewhere.example'), email('insider', 'velo-shop.example'), email('branch', 'lyon.velo-shop.example')];
    for (const address of [outsider, insider, branch]) expect(await visitor.auth.requestAccess.mutate({ email: address })).toMatchObject({ ok: true });
    expect(await linksTo(outsider)).toEqual([]);
    expect(await linksTo(insider)).toEqual(['set_password']);
    expect(await linksTo(branch)).toEqual(['set_password']);

    // Someone who already has an account, from any domain, still gets a link.
    const { user } = await api.signedIn({ label: 'member' });
    await visitor.auth.requestAccess.mutate({ email: user.email });
    expect(await linksTo(user.email)).toEqual(['reset_password']);

    await admin.admin.setAccessPolicy.mutate({ mode: 'anyone' });
    await visitor.auth.requestAccess.mutate({ email: outsider });
    expect(await linksTo(outsider)).toEqual(['set_password']);
  });
});

describe('the people list', () => {
  it('says when each person last signed in', async () => {
    const { user } = await api.signedIn({ label: 'recent' });
    const { items } = await admin.users.list.query({ search: user.email });
    expect(Date.now() - Date.parse(items[0].lastSignedInAt ?? '')).toBeLessThan(60_000);
    const { user: never } = await admin.users.create.mutate({ email: email('never'), role: 'requester' });
    expect((await admin.users.list.query({ search: never.email })).items[0].lastSignedInAt).toBeNull();
  });
});
