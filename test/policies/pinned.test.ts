// What a ticket would pin now, read from Postgres: the current SLA version's targets for its type
// and the current versions of the calendars they count on; a later save moves no pinned value.
import { randomBytes } from 'node:crypto';
import { afterAll, expect, inject, it } from 'vitest';
import { createDatabase } from '../../src/db/client.js';
import { currentPinnedSla, currentSla, ensurePoliciesSeeded, saveCalendar, saveSlaPolicy } from '../../src/policies/store.js';
import { DEFAULT_POLICY } from '../../workflows/ticket/model.js';

const db = createDatabase(inject('databaseUrl'), { max: 2 });
afterAll(() => db.close());

const nineToFive = [{ from: '09:00', to: '17:00' }];
const calendar = { name: 'Workshop', timeZone: 'Europe/Paris', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, holidays: [], exceptions: [] };

it('pins the current SLA version and the calendar versions its targets name, and keeps them when they change', async () => {
  await ensurePoliciesSeeded(db, DEFAULT_POLICY);
  const id = `workshop-${randomBytes(3).toString('hex')}`;
  await saveCalendar(db, { calendarId: id, basedOn: null, calendar }, 'an-admin');
  const before = await currentSla(db);
  const targets = structuredClone(before.value);
  targets.hardware_issue.low.nextReply = { durationMs: 4 * 3_600_000, time: 'business', calendarId: id };
  const saved = await saveSlaPolicy(db, { basedOn: before.version, targets }, 'an-admin');

  const pinned = await currentPinnedSla(db, 'hardware_issue', DEFAULT_POLICY);
  expect(pinned.slaVersion).toBe(saved.version);
  expect(pinned.targets.low.nextReply.calendarId).toBe(id);
  const workshop = pinned.calendars.find((c) => c.calendarId === id);
  expect(workshop).toMatchObject({ version: 1, calendar: { kind: 'business', timeZone: 'Europe/Paris', holidays: [] } });

  await saveCalendar(db, { calendarId: id, basedOn: 1, calendar: { ...calendar, holidays: [{ date: '2026-05-01', name: 'Fête du Travail' }] } }, 'an-admin');
  expect(workshop?.version).toBe(1);
  expect((await currentPinnedSla(db, 'hardware_issue', DEFAULT_POLICY)).calendars.find((c) => c.calendarId === id)?.version).toBe(2);
  // A Critical / SEV ticket counts calendar time by default: no calendar of this one for it.
  expect((await currentPinnedSla(db, 'critical', DEFAULT_POLICY)).calendars.some((c) => c.calendarId === id)).toBe(false);
});
