// The production shape: `npm run worker` and `npm run server` as separate processes against one
// Postgres and one Temporal. A ticket made through the API is run by the worker; the worker's
// /metrics shows it by status, with the Temporal SDK's metrics; SIGTERM stops both cleanly.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { freePort } from '../../src/net.js';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../src/runtime/demo.js';
import { call, signIn } from './api-client.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { answers, type Launched } from '../helpers/launch.js';
import { runEntryPoint } from './product-process.js';

const running: Launched[] = [];
let db: Database;
let databaseUrl: string;

beforeAll(async () => {
  // A database of its own: this worker delivers the outbox, which other tests' rows must not meet.
  ({ url: databaseUrl, db } = await freshDatabase('ops', { firstTicketNumberAbove: 1_000_000_000 }));
  await ensureDemoAccounts(db);
});

afterAll(async () => {
  for (const process of running) process.kill();
  await db?.close();
});

describe('npm run worker and npm run server', () => {
  it('serve a ticket together, expose metrics, and stop on SIGTERM', { timeout: 180_000 }, async () => {
    const [port, metricsPort, apiMetricsPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: `ops-${randomUUID()}`,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PAYLOAD_KEYS: inject('payloadKeys'),
    };
    const [worker, server] = await Promise.all([
      runEntryPoint('worker.ts', env, () => answers(`http://127.0.0.1:${metricsPort}/healthz`)),
      runEntryPoint('server.ts', { ...env, METRICS_PORT: String(apiMetricsPort) }, () => answers(`http://127.0.0.1:${port}/readyz`)),
    ]);
    running.push(worker, server);

    const baseUrl = `http://127.0.0.1:${port}`;
    const cookie = await signIn(baseUrl, 'bob@example.com', DEMO_PASSWORD);
    const created = await call<{ number: number; ticket: { status: string } }>(
      baseUrl,
      'tickets.create',
      { type: 'feature_request', subject: 'Export rentals as CSV', description: 'For the monthly report.', requestId: randomUUID() },
      { cookie },
    );
    expect(created.data.ticket.status).toBe('open');

    const workerMetrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(workerMetrics).toMatch(/support_desk_tickets\{status="open"[^}]*\} 1/);
    expect(workerMetrics).toMatch(/^temporal_workflow_task_execution_latency/m);
    const apiMetrics = await (await fetch(`http://127.0.0.1:${apiMetricsPort}/metrics`)).text();
    expect(apiMetrics).toMatch(/support_desk_api_requests_total\{[^}]*procedure="tickets\.create"[^}]*outcome="ok"[^}]*\} 1$/m);
    // Not on the public port: per-procedure counts are for the scraper.
    const publicMetrics = await fetch(`${baseUrl}/metrics`);
    expect(publicMetrics.headers.get('content-type') ?? '').not.toMatch(/text\/plain.*version=0\.0\.4|openmetrics/);
    expect(await publicMetrics.text()).not.toContain('support_desk_api_requests_total');

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(await worker.stop('SIGTERM')).toBe(0);
  });
});
