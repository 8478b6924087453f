// policies.*: Support Ops read the SLA targets, lifecycle durations and calendars in force; admins
// save new versions, each a new row with who saved it, in the admin log; a bad value or a stale
// base is refused with a clear error and nothing changes.
import { randomBytes } from 'node:crypto';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/api/router.js';
import { errorCode, startApi, type ApiClient, type TestApi } from '../helpers/api.js';

let api: TestApi;
let admin: ApiClient;
let adminEmail: string;
let agent: ApiClient;
let requester: ApiClient;

beforeAll(async () => {
  api = await startApi();
  const signed = await api.signedIn({ role: 'admin', label: 'policy-admin' });
  admin = signed.api;
  adminEmail = signed.user.email;
  agent = (await api.signedIn({ role: 'agent' })).api;
  requester = (await api.signedIn({ role: 'requester' })).api;
});
afterAll(() => api?.close());

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The error of a call expected to fail, with its field errors. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCClientError);
    const e = error as TRPCClientError<AppRouter>;
    return { code: e.data?.code, message: e.message, fieldErrors: e.data?.fieldErrors ?? {} };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

const officeWeek = (hours: Array<{ from: string; to: string }>) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] });

describe('reading', () => {
  it('gives Support Ops the versions in force, seeded on a fresh install: Critical / SEV in calendar time, the rest in business time on office hours in Paris', async () => {
    const { sla, lifecycle, calendars } = await agent.policies.current.query();
    expect(sla.version).toBeGreaterThanOrEqual(1);
    expect(lifecycle.value.pendingAutoCloseMs).toBeGreaterThan(lifecycle.value.pendingReminderMs);
    const office = calendars.find((c) => c.calendarId === 'office');
    expect(office?.value).toMatchObject({ kind: 'business', timeZone: 'Europe/Paris' });
    const seeded = (await agent.policies.history.query({})).sla.at(-1)!;
    expect(seeded.version).toBe(1);
    expect(seeded.createdBy).toBeNull();
    expect(seeded.value.critical.urgent.firstReply).toMatchObject({ time: 'calendar' });
    expect(seeded.value.software_issue.normal.resolution).toMatchObject({ time: 'business', calendarId: 'office' });
  });

  it('is refused to requesters, and saving is refused to agents', async () => {
    expect(await errorCode(requester.policies.current.query())).toBe('FORBIDDEN');
    expect(await errorCode(requester.policies.history.query({}))).toBe('FORBIDDEN');
    const { lifecycle } = await agent.policies.current.query();
    expect(await errorCode(agent.policies.setLifecycle.mutate({ basedOn: lifecycle.version, durations: lifecycle.value }))).toBe('FORBIDDEN');
    expect((await agent.policies.current.query()).lifecycle.version).toBe(lifecycle.version);
  });
});

describe('lifecycle durations', () => {
  it('are saved as a new version with who saved it, kept in the history and the admin log', async () => {
    const before = (await admin.policies.current.query()).lifecycle;
    const durations = { pendingReminderMs: 2 * DAY, pendingAutoCloseMs: 6 * DAY, solvedAutoCloseMs: 3 * DAY };
    const saved = await admin.policies.setLifecycle.mutate({ basedOn: before.version, durations });
    expect(saved).toMatchObject({ version: before.version + 1, value: durations, createdBy: { email: adminEmail } });
    expect((await agent.policies.current.query()).lifecycle).toEqual(saved);
    const history = (await agent.policies.history.query({})).lifecycle;
    expect(history.slice(0, 2).map((v) => v.version)).toEqual([saved.version, before.version]);
    expect(history[1].value).toEqual(before.value);
    const { items } = await admin.admin.log.query({ pageSize: 5 });
    expect(items.find((entry) => entry.actorEmail === adminEmail)).toMatchObject({ action: 'policies.setLifecycle', details: { basedOn: before.version, durations } });
  });

  it('refuse a close before the reminder, a fraction of a second, a stale base; nothing changes', async () => {
    const before = (await admin.policies.current.query()).lifecycle;
    const early = await refusal(admin.policies.setLifecycle.mutate({ basedOn: before.version, durations: { ...before.value, pendingAutoCloseMs: before.value.pendingReminderMs } }));
    expect(early.code).toBe('BAD_REQUEST');
    expect(early.message).toContain('The Pending close must come after the Pending reminder.');
    const fraction = await refusal(admin.policies.setLifecycle.mutate({ basedOn: before.version, durations: { ...before.value, solvedAutoCloseMs: 1500 } }));
    expect(fraction.code).toBe('BAD_REQUEST');
    expect(fraction.message).toContain('A whole number of seconds.');
    const stale = await refusal(admin.policies.setLifecycle.mutate({ basedOn: before.version - 1, durations: before.value }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain(`now version ${before.version}`);
    expect((await admin.policies.current.query()).lifecycle).toEqual(before);
  });
});

describe('the satisfaction survey', () => {
  it('keeps its delay and whether a bad rating tells Support Ops with the lifecycle durations, as they were unless given', async () => {
    const before = (await admin.policies.current.query()).lifecycle;
    expect(before.value).toMatchObject({ satisfactionDelayMs: expect.any(Number), badRatingNotifiesOps: expect.any(Boolean) });
    const changed = await admin.policies.setLifecycle.mutate({ basedOn: before.version, durations: { ...before.value, satisfactionDelayMs: 2 * HOUR, badRatingNotifiesOps: false } });
    expect(changed.value).toEqual({ ...before.value, satisfactionDelayMs: 2 * HOUR, badRatingNotifiesOps: false });
    // A client that sends only the durations keeps the survey's settings.
    const { satisfactionDelayMs: _delay, badRatingNotifiesOps: _notify, ...durations } = changed.value;
    const kept = await admin.policies.setLifecycle.mutate({ basedOn: changed.version, durations: { ...durations, pendingReminderMs: durations.pendingReminderMs + HOUR } });
    expect(kept.value).toMatchObject({ satisfactionDelayMs: 2 * HOUR, badRatingNotifiesOps: false });
  });

  it('refuses a survey that would come after the Solved close; nothing changes', async () => {
    const before = (await admin.policies.current.query()).lifecycle;
    const late = await refusal(admin.policies.setLifecycle.mutate({ basedOn: before.version, durations: { ...before.value, satisfactionDelayMs: before.value.solvedAutoCloseMs } }));
    expect(late.code).toBe('BAD_REQUEST');
    expect(late.message).toContain('The satisfaction survey must come before the Solved close.');
    expect((await admin.policies.current.query()).lifecycle).toEqual(before);
  });
});

describe('SLA targets', () => {
  it('are saved per type and priority as a new version', async () => {
    const before = (await admin.policies.current.query()).sla;
    const targets = structuredClone(before.value);
    targets.hardware_issue.high.firstReply = { durationMs: 2 * HOUR, time: 'business', calendarId: 'office' };
    targets.critical.urgent.resolution = { durationMs: 4 * HOUR, time: 'calendar', calendarId: 'office' };
    const saved = await admin.policies.setSla.mutate({ basedOn: before.version, targets });
    expect(saved.version).toBe(before.version + 1);
    expect(saved.value.hardware_issue.high.firstReply.durationMs).toBe(2 * HOUR);
    expect(saved.createdBy?.email).toBe(adminEmail);
  });

  it('refuse an unknown calendar, a missing target, a zero duration; nothing changes', async () => {
    const before = (await admin.policies.current.query()).sla;
    const unknown = structuredClone(before.value);
    unknown.software_issue.low.nextReply.calendarId = 'nowhere';
    const refused = await refusal(admin.policies.setSla.mutate({ basedOn: before.version, targets: unknown }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', message: 'No calendar "nowhere".', fieldErrors: { 'targets.software_issue.low.nextReply.calendarId': ['No calendar "nowhere".'] } });

    const missing = structuredClone(before.value) as Record<string, Record<string, unknown>>;
    delete missing.feature_request.urgent;
    expect((await refusal(admin.policies.setSla.mutate({ basedOn: before.version, targets: missing as typeof before.value }))).code).toBe('BAD_REQUEST');

    const zero = structuredClone(before.value);
    zero.critical.urgent.firstReply.durationMs = 0;
    expect((await refusal(admin.policies.setSla.mutate({ basedOn: before.version, targets: zero }))).message).toContain('At least one second.');
    expect((await admin.policies.current.query()).sla).toEqual(before);
  });
});

describe('calendars', () => {
  const id = `shop-${randomBytes(3).toString('hex')}`;
  const calendar = {
    name: 'Shops',
    timeZone: 'Europe/Paris',
    week: { ...officeWeek([{ from: '08:30', to: '12:00' }, { from: '14:00', to: '19:00' }]), sat: [{ from: '09:00', to: '13:00' }] },
    holidays: [{ date: '2026-12-25', name: 'Noël' }],
    exceptions: [{ date: '2026-12-24', hours: [{ from: '08:30', to: '12:00' }] }],
  };

  it('are created, then changed as new versions; the old version stays', async () => {
    const created = await admin.policies.setCalendar.mutate({ calendarId: id, basedOn: null, calendar });
    const { name: _name, ...definition } = calendar;
    expect(created).toMatchObject({ calendarId: id, version: 1, name: 'Shops', value: { kind: 'business', ...definition }, createdBy: { email: adminEmail } });
    const changed = await admin.policies.setCalendar.mutate({ calendarId: id, basedOn: 1, calendar: { ...calendar, holidays: [...calendar.holidays, { date: '2027-01-01', name: "Jour de l'an" }] } });
    expect(changed.version).toBe(2);
    expect((await agent.policies.current.query()).calendars.find((c) => c.calendarId === id)?.version).toBe(2);
    const history = (await agent.policies.history.query({ calendarId: id })).calendars;
    expect(history.map((v) => [v.version, v.value.holidays.length])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });

  it('refuse a zone that does not exist, overlapping or reversed hours, a date that is not one, a week never open, text that is not text, an id taken; nothing changes', async () => {
    const before = (await admin.policies.history.query({ calendarId: id })).calendars;
    const bad: Array<[string, unknown]> = [
      ['Not a time zone', { ...calendar, timeZone: 'Europe/Atlantis' }],
      ['Opening hours of one day may not overlap.', { ...calendar, week: { ...calendar.week, mon: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '13:00' }] } }],
      ['Closing comes after opening.', { ...calendar, week: { ...calendar.week, tue: [{ from: '18:00', to: '09:00' }] } }],
      ['A time such as 09:00', { ...calendar, week: { ...calendar.week, wed: [{ from: '9h', to: '18:00' }] } }],
      ['Not a date of the calendar.', { ...calendar, holidays: [{ date: '2026-02-30', name: 'Nope' }] }],
      ['A date may be a holiday only once.', { ...calendar, holidays: [...calendar.holidays, { date: '2026-12-25', name: 'Again' }] }],
      ['Open at least one day of the week', { ...calendar, week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }],
      // Text Postgres cannot store (a lone surrogate, a NUL) is refused like any bad value, not a failed write.
      ['Contains characters that are not text', { ...calendar, name: 'Shops \ud800' }],
      ['Contains characters that are not text', { ...calendar, holidays: [{ date: '2026-12-25', name: 'No\u0000el' }] }],
      ['Contains characters that are not text', { ...calendar, exceptions: [{ date: '2026-12-24', hours: [], name: 'Eve \udfff' }] }],
    ];
    for (const [message, value] of bad) {
      const refused = await refusal(admin.policies.setCalendar.mutate({ calendarId: id, basedOn: 2, calendar: value as typeof calendar }));
      expect(refused.code, message).toBe('BAD_REQUEST');
      expect(refused.message).toContain(message);
    }
    const taken = await refusal(admin.policies.setCalendar.mutate({ calendarId: id, basedOn: null, calendar }));
    expect(taken).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { calendarId: [`A calendar "${id}" exists already.`] } });
    expect((await refusal(admin.policies.setCalendar.mutate({ calendarId: id, basedOn: 1, calendar }))).code).toBe('CONFLICT');
    expect((await admin.policies.history.query({ calendarId: id })).calendars).toEqual(before);
  });

  it('can then be named by SLA targets', async () => {
    const before = (await admin.policies.current.query()).sla;
    const targets = structuredClone(before.value);
    targets.hardware_issue.normal.firstReply.calendarId = id;
    expect((await admin.policies.setSla.mutate({ basedOn: before.version, targets })).value.hardware_issue.normal.firstReply.calendarId).toBe(id);
  });
});
