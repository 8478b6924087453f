// What a browser is told on every answer: the portal's page, the API, the development mailbox.
// A Content-Security-Policy that allows the portal's own scripts and styles only and no framing,
// a Referrer-Policy, no MIME sniffing; over https also HSTS and a Secure session cookie.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { readConfig } from '../../src/env.js';
import { listen, type Listening } from '../../src/runtime/http.js';
import { ROOMY_LIMITS, startApi, TEST_PASSWORD, type TestApi } from '../helpers/api.js';
import { callApi } from '../helpers/http-api.js';
import { serveWithWebClient, type WebServer } from './helpers/web-server.js';

let api: TestApi;
let web: WebServer;
let secure: Listening;

beforeAll(async () => {
  api = await startApi();
  web = await serveWithWebClient(api);
  // The same app as reached through an https proxy (PUBLIC_URL says how people reach it).
  const config = readConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://desk.example.test', LOG_LEVEL: 'silent', TRUST_PROXY: 'true' });
  secure = await listen(createApp({ config, db: api.stack.db, desk: api.stack.desk, logger: pino({ level: 'silent' }), limits: ROOMY_LIMITS, webClient: false }), '127.0.0.1', 0);
});
afterAll(async () => {
  await secure?.close();
  await web?.close();
  await api?.close();
});

function directives(csp: string | null): Record<string, string> {
  return Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name, ...values]) => [name, values.join(' ')]));
}

describe('security headers', () => {
  it('the portal page, a hashed asset, the API and the mailbox all carry the policy', async () => {
    const page = await fetch(`${web.url}/tickets/1`);
    const html = await page.text();
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeTruthy();
    const answers = [page, await fetch(`${web.url}${asset}`), await fetch(`${web.url}/trpc/auth.me`), await fetch(`${web.url}/dev/mailbox`)];
    for (const answer of answers) {
      const csp = directives(answer.headers.get('content-security-policy'));
      expect(csp['frame-ancestors'], answer.url).toBe("'none'");
      // No plugins: said outright, or by a default of nothing at all (the mailbox).
      expect(csp['object-src'] ?? csp['default-src'], answer.url).toBe("'none'");
      expect(csp['base-uri'], answer.url).toBe("'none'");
      expect(answer.headers.get('x-frame-options'), answer.url).toBe('DENY');
      expect(answer.headers.get('referrer-policy'), answer.url).toBe('strict-origin-when-cross-origin');
      expect(answer.headers.get('x-content-type-options'), answer.url).toBe('nosniff');
      // Over http (a laptop), no HSTS: it would pin localhost to https.
      expect(answer.headers.get('strict-transport-security'), answer.url).toBeNull();
    }
    const pageCsp = directives(page.headers.get('content-security-policy'));
    expect(pageCsp['default-src']).toBe("'self'");
    expect(pageCsp['object-src']).toBe("'none'");
    expect(pageCsp['script-src']).toBe("'self'");
    expect(pageCsp['style-src']).toBe("'self'");
    // The mailbox allows exactly its own style block, nothing else inline.
    expect(directives(answers[3].headers.get('content-security-policy'))['style-src']).toMatch(/^'sha256-[A-Za-z0-9+/=]+'$/);
  });

  it('served as https, every answer pins https (HSTS) and the session cookie is Secure', async () => {
    const { user } = await api.signedIn();
    const signIn = await callApi(`http://127.0.0.1:${new URL(secure.url).port}`, 'auth.signIn', { email: user.email, password: TEST_PASSWORD }, {
      headers: { origin: 'https://desk.example.test', 'x-forwarded-proto': 'https' },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect(signIn.setCookies.join(';')).toMatch(/;\s*Secure/i);
    expect(signIn.setCookies.join(';')).toMatch(/;\s*HttpOnly/i);
    expect(directives(signIn.headers['content-security-policy'])['upgrade-insecure-requests']).toBe('');
  });
});
