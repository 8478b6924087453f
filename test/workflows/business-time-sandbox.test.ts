// The calendar module inside Temporal's workflow sandbox: the zone arithmetic relies on Intl's time
// zones, so this runs it in a real bundled workflow on the suite's Temporal server and compares the
// answers across both DST changes with the hand-computed ones.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { expect, inject, it } from 'vitest';
import type { BusinessTimeQuestion, businessTimeWorkflow } from '../fixtures/workflows/business-time-workflow.js';
import type { BusinessCalendar } from '../../workflows/calendar/model.js';
import { installQuietRuntime } from '../helpers/stack.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const day = [{ from: '09:00', to: '18:00' }];
const paris: BusinessCalendar = {
  kind: 'business',
  timeZone: 'Europe/Paris',
  week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [{ from: '01:00', to: '04:00' }] },
  holidays: [{ date: '2026-04-06', name: 'Lundi de Pâques' }],
  exceptions: [],
};

it('computes business time with Paris DST inside the workflow sandbox', async () => {
  const questions: BusinessTimeQuestion[] = [
    // Friday 17:00 CET, 1 h on Friday, 2 h on the Sunday night that loses an hour, 1 h on Monday in CEST.
    { calendar: paris, start: at('2026-03-27T17:00:00+01:00'), durationMs: 4 * HOUR, until: at('2026-03-30T12:00:00+02:00') },
    // Friday 17:00 CEST, 1 h on Friday, 4 h on the Sunday night that gains one, 1 h on Monday in CET.
    { calendar: paris, start: at('2026-10-23T17:00:00+02:00'), durationMs: 6 * HOUR, until: at('2026-10-26T12:00:00+01:00') },
    // Easter Monday closed: Friday 3 April 17:00 + 1 h + the Sunday night's 3 h + 1 h → Tuesday 10:00.
    { calendar: paris, start: at('2026-04-03T17:00:00+02:00'), durationMs: 5 * HOUR, until: at('2026-04-07T10:00:00+02:00') },
  ];
  installQuietRuntime();
  const bundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../fixtures/workflows/business-time-workflow.ts', import.meta.url)),
    logger: { log: () => {}, trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: (message: string) => console.error(message) },
  });
  const taskQueue = `business-time-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await Worker.create({ connection: nativeConnection, namespace: 'default', taskQueue, workflowBundle: bundle });
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    const answers = await worker.runUntil(
      new Client({ connection }).workflow.execute<typeof businessTimeWorkflow>('businessTimeWorkflow', { taskQueue, workflowId: `business-time-${randomUUID()}`, args: [questions] }),
    );
    expect(answers.map((a) => new Date(a.due).toISOString())).toEqual(
      ['2026-03-30T10:00:00+02:00', '2026-10-26T10:00:00+01:00', '2026-04-07T10:00:00+02:00'].map((iso) => new Date(at(iso)).toISOString()),
    );
    // Monday to noon: 1 + 2 + 3 h in spring, 1 + 4 + 3 h in autumn, 1 + 3 + 1 h at Easter.
    expect(answers.map((a) => a.between / HOUR)).toEqual([6, 8, 5]);
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
});
