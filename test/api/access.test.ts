// The access flow of the portal guide, end to end: the link arrives by real SMTP, sets the
// password once, and the person can then sign in and submit tickets.
import { randomUUID } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/accounts/secrets.js';
import { startMailDelivery, type MailDelivery } from '../../src/mail/delivery.js';
import { accountTokens, notifications, rateLimits, sessions, users } from '../../src/db/schema.js';
import { eventually } from '../helpers/wait.js';
import { errorCode, failure, requestId, startApi, TEST_PASSWORD, type TestApi } from '../helpers/api.js';
import { linkIn, recipients, sendBacklogNowhere, startSmtpInbox, type SmtpInbox } from '../helpers/smtp.js';

let api: TestApi;
let inbox: SmtpInbox;
let mail: MailDelivery;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  api = await startApi({ smtpUrl: inbox.url });
  await sendBacklogNowhere(api.stack.db, api.config);
  mail = startMailDelivery({ db: api.stack.db, config: api.config, logger: console, intervalMs: 100 });
});
afterAll(async () => {
  await mail?.stop();
  await api?.close();
  await inbox?.close();
});

const newEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;
const tokenOf = (url: URL) => url.searchParams.get('token') as string;
const mailTo = (address: string, subject: RegExp) => inbox.waitFor((m) => recipients(m).includes(address) && subject.test(m.subject ?? ''));

describe('access', () => {
  it('request access → e-mailed link → set password → signed in → submit a ticket → sign out → sign in', async () => {
    const email = newEmail('newcomer');
    const visitor = api.client();
    const answer = await visitor.auth.requestAccess.mutate({ email: email.toUpperCase() });
    expect(answer.ok).toBe(true);

    const message = await mailTo(email, /set your password/i);
    const link = linkIn(message);
    expect(link.origin + link.pathname).toBe(`${api.url}/set-password`);
    const token = tokenOf(link);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    // Only the hash is stored, and the link left the outbox once mailed.
    const [stored] = await api.stack.db.select().from(accountTokens).where(eq(accountTokens.tokenHash, hashSecret(token)));
    expect(stored.email).toBe(email);
    expect(JSON.stringify(await api.stack.db.select().from(accountTokens))).not.toContain(token);
    // The row is marked sent in the transaction that held it while the SMTP server took the message.
    const [outboxRow] = await eventually(async () => {
      const rows = await api.stack.db.select().from(notifications).where(eq(notifications.dedupeKey, `account:access:${hashSecret(token)}`));
      expect(rows[0]?.sentAt).not.toBeNull();
      return rows;
    });
    expect(outboxRow.attempts).toBe(1);
    expect(JSON.stringify(outboxRow.payload)).not.toContain(token);

    // A weak password is refused with a field error, and the link still works afterwards.
    const weak = await failure(visitor.auth.setPassword.mutate({ token, password: 'Password2024!' }));
    expect(weak.data?.code).toBe('BAD_REQUEST');
    expect(weak.data?.fieldErrors).toHaveProperty('password');
    const short = await failure(visitor.auth.setPassword.mutate({ token, password: 'x7#kQ' }));
    expect(short.message).toMatch(/at least 10/);
    expect(await visitor.auth.me.query()).toBeNull();

    const { user } = await visitor.auth.setPassword.mutate({ token, password: TEST_PASSWORD, name: 'Newcomer' });
    expect(user).toMatchObject({ email, role: 'requester', name: 'Newcomer' });
    expect(visitor.cookies.size).toBe(1);
    expect((await visitor.auth.me.query())?.email).toBe(email);
    const [row] = await api.stack.db.select().from(users).where(eq(users.email, email));
    expect(row.passwordHash).toMatch(/^scrypt\$/);

    // Single use.
    const reused = await failure(api.client().auth.setPassword.mutate({ token, password: 'another long passphrase' }));
    expect(reused.data?.code).toBe('BAD_REQUEST');
    expect(reused.message).toMatch(/already used or it expired/);

    const created = await visitor.tickets.create.mutate({ type: 'software_issue', subject: 'Till freezes', description: 'Since this morning', requestId: requestId() });
    expect(created.number).toBeGreaterThan(0);
    const autoReply = await mailTo(email, new RegExp(`\\[#${created.number}\\] Request received`));
    expect(autoReply.text).toContain(`${api.url}/tickets/${created.number}`);

    await visitor.auth.signOut.mutate();
    expect(await visitor.auth.me.query()).toBeNull();
    expect(await errorCode(visitor.tickets.list.query({ view: 'mine' }))).toBe('UNAUTHORIZED');

    const again = api.client();
    const wrong = await failure(again.auth.signIn.mutate({ email, password: 'not the password at all' }));
    expect(wrong.data?.code).toBe('UNAUTHORIZED');
    const unknown = await failure(again.auth.signIn.mutate({ email: newEmail('nobody'), password: 'not the password at all' }));
    expect(unknown.message).toBe(wrong.message);
    await again.auth.signIn.mutate({ email, password: TEST_PASSWORD });
    const mine = await again.tickets.list.query({ view: 'mine' });
    expect(mine.items.map((t) => t.number)).toEqual([created.number]);
  });

  it('a password is its exact characters: one with a NUL or another control character neither signs in nor can be set', async () => {
    const { user } = await api.signedIn();
    for (const variant of [`${TEST_PASSWORD}\u0000`, `${TEST_PASSWORD}\u0000\u0000`, `${TEST_PASSWORD}\t`, `${TEST_PASSWORD}\u0085`]) {
      const refused = await failure(api.client().auth.signIn.mutate({ email: user.email, password: variant }));
      expect(refused.data?.code).toBe('BAD_REQUEST');
      expect(refused.data?.fieldErrors?.password).toEqual([expect.stringContaining('control characters')]);
    }
    expect(await errorCode(api.client().auth.signIn.mutate({ email: user.email, password: `${TEST_PASSWORD} ` }))).toBe('UNAUTHORIZED');
    // The one normalization: the same characters typed another way (a ligature) are the same password.
    const email = newEmail('ligature');
    await api.client().auth.requestAccess.mutate({ email });
    const link = linkIn(await mailTo(email, /access/i));
    await api.client().auth.setPassword.mutate({ token: tokenOf(link), password: 'ﬁeld bikes at dock ﬁve' });
    expect((await api.client().auth.signIn.mutate({ email, password: 'field bikes at dock five' })).user.email).toBe(email);
    const other = newEmail('nul');
    await api.client().auth.requestAccess.mutate({ email: other });
    const access = linkIn(await mailTo(other, /access/i));
    const nul = await failure(api.client().auth.setPassword.mutate({ token: tokenOf(access), password: 'a long enough password\u0000' }));
    expect(nul.data?.fieldErrors?.password).toEqual([expect.stringContaining('control characters')]);
  });

  it('a signed-out cookie is dead on the server, not just forgotten by the browser', async () => {
    const { api: client } = await api.signedIn();
    const cookie = [...client.cookies.values()][0];
    await client.auth.signOut.mutate();
    const replay = api.client();
    replay.cookies.set('support_desk_session', cookie);
    expect(await replay.auth.me.query()).toBeNull();
  });

  it('signing out everywhere ends every session of the account, and only its own', async () => {
    const { api: laptop, user } = await api.signedIn();
    const phone = api.client();
    await phone.auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD });
    const { api: someoneElse } = await api.signedIn();
    const { ended } = await phone.auth.signOutEverywhere.mutate();
    expect(ended).toBe(2);
    expect(await laptop.auth.me.query()).toBeNull();
    expect(await phone.auth.me.query()).toBeNull();
    expect(await someoneElse.auth.me.query()).not.toBeNull();
  });

  it('forgotten password: the same answer for any address; a reset link for accounts only, valid once', async () => {
    const { user, api: oldSession } = await api.signedIn({ label: 'forgetful' });
    const stranger = newEmail('stranger');
    const visitor = api.client();
    const forAccount = await visitor.auth.requestPasswordReset.mutate({ email: user.email });
    const forStranger = await visitor.auth.requestPasswordReset.mutate({ email: stranger });
    expect(forStranger).toEqual(forAccount);
    // requestAccess answers the same too, whether or not the address has an account.
    expect(await visitor.auth.requestAccess.mutate({ email: newEmail('other') })).toEqual(forAccount);

    const reset = await mailTo(user.email, /reset your/i);
    const link = linkIn(reset);
    expect(link.pathname).toBe('/reset-password');
    const [token] = await api.stack.db.select().from(accountTokens).where(eq(accountTokens.tokenHash, hashSecret(tokenOf(link))));
    const ttl = token.expiresAt.getTime() - token.createdAt.getTime();
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 1000);

    await visitor.auth.setPassword.mutate({ token: tokenOf(link), password: 'a brand new passphrase' });
    // The old password and every older session are gone.
    expect(await oldSession.auth.me.query()).toBeNull();
    expect(await errorCode(api.client().auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD }))).toBe('UNAUTHORIZED');
    await api.client().auth.signIn.mutate({ email: user.email, password: 'a brand new passphrase' });
    expect(await errorCode(api.client().auth.setPassword.mutate({ token: tokenOf(link), password: 'yet another passphrase' }))).toBe('BAD_REQUEST');

    // Nothing was sent to the stranger.
    await mail.deliverDue();
    expect(inbox.to(stranger)).toHaveLength(0);
  });

  it('an expired link is refused and sets nothing', async () => {
    const email = newEmail('late');
    await api.client().auth.requestAccess.mutate({ email });
    const token = tokenOf(linkIn(await mailTo(email, /set your password/i)));
    await api.stack.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.tokenHash, hashSecret(token)));
    expect(await errorCode(api.client().auth.setPassword.mutate({ token, password: TEST_PASSWORD }))).toBe('BAD_REQUEST');
    expect(await api.stack.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('a person CC\u2019d by e-mail gets an account without a password, and in through request access', async () => {
    const { api: requester } = await api.signedIn();
    const colleague = newEmail('ccd');
    const { number } = await requester.tickets.create.mutate({
      type: 'hardware_issue', subject: 'Dock broken', description: 'Bikes do not lock', ccEmails: [colleague], requestId: requestId(),
    });
    const [account] = await api.stack.db.select().from(users).where(eq(users.email, colleague));
    expect(account.passwordHash).toBeNull();
    expect(await errorCode(api.client().auth.signIn.mutate({ email: colleague, password: TEST_PASSWORD }))).toBe('UNAUTHORIZED');

    const visitor = api.client();
    await visitor.auth.requestPasswordReset.mutate({ email: colleague });
    const token = tokenOf(linkIn(await mailTo(colleague, /set your password/i)));
    const { user } = await visitor.auth.setPassword.mutate({ token, password: TEST_PASSWORD });
    expect(user.id).toBe(account.id);
    const ccd = await visitor.tickets.list.query({ view: 'ccd' });
    expect(ccd.items.map((t) => t.number)).toContain(number);
  });

  it('a disabled account cannot sign in and its sessions end', async () => {
    const { api: admin } = await api.signedIn({ role: 'admin' });
    const { api: client, user } = await api.signedIn();
    await admin.users.update.mutate({ id: user.id, disabled: true });
    expect(await client.auth.me.query()).toBeNull();
    expect(await api.stack.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await errorCode(api.client().auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD }))).toBe('UNAUTHORIZED');
  });

  it('the development mailbox is not served when SMTP is configured', async () => {
    const response = await fetch(`${api.url}/dev/mailbox`);
    expect(response.status).toBe(404);
  });
});

describe('housekeeping', () => {
  it('prunes expired sessions, long-expired links and closed rate windows, and nothing live', async () => {
    const { pruneAccounts } = await import('../../src/accounts/housekeeping.js');
    const { user } = await api.signedIn();
    const { db } = api.stack;
    const day = 24 * 60 * 60 * 1000;
    const key = randomUUID();
    await db.insert(sessions).values([
      { tokenHash: `${key}-old`, userId: user.id, expiresAt: new Date(Date.now() - 1000) },
      { tokenHash: `${key}-live`, userId: user.id, expiresAt: new Date(Date.now() + day) },
    ]);
    await db.insert(accountTokens).values([
      { tokenHash: `${key}-old`, purpose: 'reset', email: user.email, expiresAt: new Date(Date.now() - 8 * day) },
      { tokenHash: `${key}-recent`, purpose: 'reset', email: user.email, expiresAt: new Date(Date.now() - 1000) },
    ]);
    await db.insert(rateLimits).values([
      { key: `${key}-old`, windowStart: new Date(Date.now() - 2 * day), count: 3 },
      { key: `${key}-live`, windowStart: new Date(), count: 3 },
    ]);
    await pruneAccounts(db);
    const left = [
      ...(await db.select({ k: sessions.tokenHash }).from(sessions).where(like(sessions.tokenHash, `${key}%`))),
      ...(await db.select({ k: accountTokens.tokenHash }).from(accountTokens).where(like(accountTokens.tokenHash, `${key}%`))),
      ...(await db.select({ k: rateLimits.key }).from(rateLimits).where(like(rateLimits.key, `${key}%`))),
    ].map((r) => r.k.slice(key.length + 1));
    expect(left.sort()).toEqual(['live', 'live', 'recent']);
  });
});
