// /readyz tells a stopped Postgres (and says which dependency is down); /healthz stays up, since
// restarting a healthy process would not bring Postgres back. Also: request ids and /metrics.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { readConfig } from '../../src/env.js';
import { freePort } from '../../src/net.js';
import { createLogger } from '../../src/observability/logger.js';
import { createMetricsRegistry } from '../../src/observability/metrics.js';
import { buildHttpApp, buildMetricsApp, listen, type Listening } from '../../src/runtime/http.js';
import { connectServices, type Services } from '../../src/runtime/services.js';
import { suiteKeys } from '../helpers/stack.js';

const dir = mkdtempSync(join(tmpdir(), 'support-desk-readyz-'));
let postgres: EmbeddedDatabase | undefined;
let services: Services;
let http: Listening;
let metrics: Listening;
let pgPort: number;

beforeAll(async () => {
  pgPort = await freePort();
  postgres = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: pgPort });
  const config = readConfig({ NODE_ENV: 'test', DATABASE_URL: postgres.url, TEMPORAL_ADDRESS: inject('temporalAddress') });
  services = await connectServices(config, { databaseUrl: postgres.url, temporalAddress: inject('temporalAddress'), payloadKeys: suiteKeys() });
  const registry = createMetricsRegistry('test');
  http = await listen(buildHttpApp({ services, logger: createLogger({ level: 'silent', service: 'test' }), registry }), '127.0.0.1', 0);
  metrics = await listen(buildMetricsApp(registry), '127.0.0.1', 0);
});

afterAll(async () => {
  await http?.close();
  await metrics?.close();
  await services?.close();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${http.url}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, headers: response.headers, body: await response.text() };
};

describe('health probes', () => {
  it('is ready while Postgres and Temporal answer, and echoes the request id', async () => {
    const ready = await get('/readyz', { 'x-request-id': 'probe-1' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ready', checks: { postgres: { ok: true }, temporal: { ok: true } } });
    expect(ready.headers.get('x-request-id')).toBe('probe-1');
  });

  it('reports a stopped Postgres on /readyz while /healthz stays up', async () => {
    await postgres!.stop();
    const started = Date.now();
    const ready = await get('/readyz');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ready.status).toBe(503);
    const body = JSON.parse(ready.body);
    expect(body).toMatchObject({ status: 'unavailable', down: ['postgres'], message: 'postgres is down' });
    expect(body.checks.temporal.ok).toBe(true);
    expect((await get('/healthz')).status).toBe(200);

    // Back up on the same data: ready again, without a restart of the API.
    postgres = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: pgPort });
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await get('/readyz')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });

  it('counts requests by procedure in /metrics, on the metrics port only', async () => {
    await get('/trpc/auth.me');
    const scraped = await (await fetch(`${metrics.url}/metrics`)).text();
    expect(scraped).toMatch(/support_desk_api_requests_total\{[^}]*procedure="\/readyz"[^}]*outcome="server_error"/);
    expect(scraped).toMatch(/support_desk_api_requests_total\{[^}]*procedure="auth\.me"[^}]*outcome="ok"/);
    expect(scraped).toContain('support_desk_api_request_duration_seconds_bucket');
    expect((await get('/metrics')).body).not.toContain('support_desk_api_requests_total');
  });
});
