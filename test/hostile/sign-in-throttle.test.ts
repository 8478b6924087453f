// Guessing passwords over HTTP: one account guessed from many addresses is locked after the
// production limit of failures, and then even the right password gets TOO_MANY_REQUESTS (and no
// session), so a lucky guess during the lockout learns nothing; one address trying many accounts
// is locked out too, without locking anyone out from elsewhere.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../src/accounts/rate-limit.js';
import { startApi, TEST_PASSWORD, type TestApi } from '../helpers/api.js';
import { callApi, type ApiAnswer } from '../helpers/http-api.js';

const PER_ADDRESS = { max: 8, windowMs: 60_000 };
let api: TestApi;

beforeAll(async () => {
  // Per account: the production limit. Per address: a small one, so the spray stays short.
  api = await startApi({ limits: { signInPerAccount: DEFAULT_RATE_LIMITS.signInPerAccount, signInPerAddress: PER_ADDRESS } });
});
afterAll(async () => api?.close());

/** A client address of its own (documentation range: it only travels in X-Forwarded-For). */
const address = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

const signIn = (email: string, password: string, from: string): Promise<ApiAnswer> =>
  callApi(api.url, 'auth.signIn', { email, password }, { headers: { 'x-forwarded-for': from } });

function expectThrottled(answer: ApiAnswer): void {
  expect(answer.status).toBe(429);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.error?.code).toBe('TOO_MANY_REQUESTS');
  expect(answer.error?.message).toMatch(/too many attempts; try again in \d+ minute/i);
  // No session for a throttled attempt, whatever the password.
  expect(answer.setCookies).toEqual([]);
  // And when to come back, as a client library would read it.
  expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
}

describe('sign-in brute force', () => {
  it(`locks an account after ${DEFAULT_RATE_LIMITS.signInPerAccount.max} failures from any addresses, the right password included`, async () => {
    const { user } = await api.signedIn({ label: 'victim' });
    for (let i = 0; i < DEFAULT_RATE_LIMITS.signInPerAccount.max; i++) {
      const guess = await signIn(user.email, `guess number ${i}`, address());
      expect(guess.status).toBe(401);
      expect(guess.error?.code).toBe('UNAUTHORIZED');
      expect(guess.setCookies).toEqual([]);
    }
    const wrong = await signIn(user.email, 'one more guess', address());
    expectThrottled(wrong);
    const right = await signIn(user.email, TEST_PASSWORD, address());
    expectThrottled(right);
    // The answer to the right password is the wrong one's, word for word: nothing to learn.
    expect(right.error?.message).toBe(wrong.error?.message);
    // Other accounts are not affected.
    const { user: bystander } = await api.signedIn({ label: 'bystander' });
    expect((await signIn(bystander.email, TEST_PASSWORD, address())).status).toBe(200);
  });

  it('gives no extra guesses to an attacker who sends them all at once', async () => {
    const { user } = await api.signedIn({ label: 'stormed' });
    const max = DEFAULT_RATE_LIMITS.signInPerAccount.max;
    const answers = await Promise.all(Array.from({ length: max * 4 }, (_, i) => signIn(user.email, `parallel guess ${i}`, address())));
    const judged = answers.filter((a) => a.status === 401).length;
    const throttled = answers.filter((a) => a.status === 429).length;
    console.log(`${answers.length} guesses at once: ${judged} judged, ${throttled} throttled`);
    expect(judged).toBeLessThanOrEqual(max);
    expect(judged + throttled).toBe(answers.length);
    expectThrottled(await signIn(user.email, TEST_PASSWORD, address()));
  });

  it(`locks an address after ${PER_ADDRESS.max} failures on any accounts, and only that address`, async () => {
    const { user } = await api.signedIn({ label: 'sprayed' });
    const attacker = address();
    for (let i = 0; i < PER_ADDRESS.max; i++) {
      expect((await signIn(`nobody-${randomBytes(4).toString('hex')}@example.test`, 'Winter2026!', attacker)).status).toBe(401);
    }
    expectThrottled(await signIn(user.email, TEST_PASSWORD, attacker));
    const elsewhere = await signIn(user.email, TEST_PASSWORD, address());
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.setCookies.join(';')).toMatch(/support_desk_session=/);
  });
});
