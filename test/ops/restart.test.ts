// `npm start` keeps everything across a restart: a Pending ticket made through the API is still
// Pending after Ctrl-C and a new start, its reminder timer is still armed, and it fires on time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, localPostgresUrl, type Database } from '../../src/db/client.js';
import { tickets } from '../../src/db/schema.js';
import { freePort } from '../../src/net.js';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../src/runtime/demo.js';
import { EncryptionCodec } from '../../src/temporal/codec.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { embeddedKeyFile, loadPayloadKeys } from '../../src/temporal/payload-keys.js';
import { call, signIn } from './api-client.js';
import type { Launched } from '../helpers/launch.js';
import { startProductProcess } from './product-process.js';

/** Long enough for a stop and a start to happen first (each takes seconds), short enough to wait for. */
const REMINDER_MS = 45_000;

const dataDir = mkdtempSync(join(tmpdir(), 'support-desk-ops-'));
let product: Launched | undefined;
let db: Database | undefined;

afterAll(async () => {
  product?.kill();
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function pendingTimerSummaries(temporalAddress: string, number: number): Promise<string[]> {
  const codec = new EncryptionCodec(loadPayloadKeys({}, embeddedKeyFile(dataDir)));
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const history = await new Client({ connection }).workflow.getHandle(ticketWorkflowId(number)).fetchHistory();
    const started = new Map<string, string>();
    for (const event of history.events ?? []) {
      if (event.timerStartedEventAttributes) {
        const summary = event.userMetadata?.summary;
        // Encrypted like every payload: read with the key npm start made in DATA_DIR.
        const [decoded] = summary ? await codec.decode([summary as Payload]) : [];
        started.set(event.timerStartedEventAttributes.timerId!, decoded?.data ? JSON.parse(Buffer.from(decoded.data).toString()) : '');
      }
      const ended = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId;
      if (ended) started.delete(ended);
    }
    return [...started.values()];
  } finally {
    await connection.close();
  }
}

describe('npm start', () => {
  it('finds a Pending ticket and its timer after Ctrl-C and a restart, and the timer fires', { timeout: 240_000 }, async () => {
    const [port, metricsPort, pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_DEV_UI_PORT: String(uiPort),
      POLICY_PENDING_REMINDER: `${REMINDER_MS}ms`,
      POLICY_PENDING_AUTO_CLOSE: '1h',
    };
    const baseUrl = `http://127.0.0.1:${port}`;
    const temporalAddress = `127.0.0.1:${temporalPort}`;

    product = await startProductProcess(env);
    // The dev server's UI, served to agents on the portal's own origin.
    expect(product.output()).toContain(`Temporal UI       http://localhost:${port}/temporal`);
    expect(product.output()).toContain(`/dev/mailbox`);
    db = createDatabase(localPostgresUrl(pgPort), { max: 2 });
    await ensureDemoAccounts(db);

    // Through the API, as people do: the requester submits, Support Ops sets it Pending.
    const requester = await signIn(baseUrl, 'alice@example.com', DEMO_PASSWORD);
    const agent = await signIn(baseUrl, 'agent@example.com', DEMO_PASSWORD);
    const created = await call<{ number: number }>(
      baseUrl,
      'tickets.create',
      { type: 'hardware_issue', subject: 'Dock 4 does not release bikes', description: 'Since the storm.', requestId: 'ops-restart-1' },
      { cookie: requester },
    );
    const number = created.data.number;
    await call(baseUrl, 'tickets.setPending', { number }, { cookie: agent });
    const [pending] = await db.select().from(tickets).where(eq(tickets.number, number));
    expect(pending.status).toBe('pending');
    const reminderDue = pending.statusChangedAt.getTime() + REMINDER_MS;
    expect(await pendingTimerSummaries(temporalAddress, number)).toContain('Remind the requester: Pending without an answer');

    // Ctrl-C: everything stops cleanly, before the reminder is due.
    await db.close();
    db = undefined;
    expect(await product.stop('SIGINT')).toBe(0);
    const stoppedAt = Date.now();
    expect(stoppedAt).toBeLessThan(reminderDue);

    product = await startProductProcess(env);
    db = createDatabase(localPostgresUrl(pgPort), { max: 2 });
    // The same session still works (sessions live in Postgres), and the ticket is where it was.
    const again = await call<{ ticket: { status: string } }>(baseUrl, 'tickets.get', { number }, { cookie: requester, query: true });
    expect(again.data.ticket.status).toBe('pending');
    if (Date.now() < reminderDue) {
      expect(await pendingTimerSummaries(temporalAddress, number)).toContain('Remind the requester: Pending without an answer');
    }

    // The timer fires after the restart, on time, and the ticket stays Pending until it closes.
    let reminded: Date | null = null;
    while (!reminded && Date.now() < reminderDue + 60_000) {
      const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
      reminded = row.pendingReminderSentAt;
      if (!reminded) await new Promise((r) => setTimeout(r, 500));
    }
    expect(reminded).not.toBeNull();
    expect(reminded!.getTime()).toBeGreaterThan(stoppedAt);
    expect(reminded!.getTime()).toBeGreaterThanOrEqual(reminderDue - 1000);
    const [after] = await db.select().from(tickets).where(eq(tickets.number, number));
    expect(after.status).toBe('pending');

    await db.close();
    db = undefined;
    expect(await product.stop('SIGINT')).toBe(0);
    product = undefined;
  });
});
