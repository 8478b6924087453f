// Deadlines from what a ticket pins of the SLA policy: its type's targets and the versions of their
// calendars. Hand-computed instants, Paris office hours 9:00 to 18:00 on weekdays.
import { describe, expect, it } from 'vitest';
import { pauseClock, resumeClock, startClock } from '../../workflows/calendar/clock.js';
import { DEFAULT_BUSINESS_CALENDAR } from '../../workflows/calendar/model.js';
import { pinSla, targetDueAt, UnknownCalendarError, type PinnedCalendar } from '../../workflows/sla/pinned.js';
import { seedSlaTargets } from '../../workflows/sla/policy.js';
import { DEFAULT_POLICY } from '../../workflows/ticket/model.js';

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());
const HOUR = 3_600_000;

const officeV1: PinnedCalendar = { calendarId: 'office', version: 1, calendar: DEFAULT_BUSINESS_CALENDAR };
const officeV2: PinnedCalendar = { calendarId: 'office', version: 2, calendar: { ...DEFAULT_BUSINESS_CALENDAR, holidays: [{ date: '2026-01-12', name: 'Closed for the move' }] } };
const targets = seedSlaTargets(DEFAULT_POLICY.firstReplyTargetMs);
targets.software_issue.high.firstReply = { durationMs: 2 * HOUR, time: 'business', calendarId: 'office' };
const sla = { version: 3, targets };
const fridayEvening = at('2026-01-09T19:00:00+01:00');

describe('pinned SLA deadlines', () => {
  it('count business time for a Software issue from Friday evening: 8 h of first reply end on Monday at 17:00', () => {
    const pinned = pinSla(sla, 'software_issue', [officeV1]);
    expect(pinned.slaVersion).toBe(3);
    expect(pinned.calendars).toEqual([officeV1]);
    expect(iso(targetDueAt(pinned, 'normal', 'firstReply', startClock(fridayEvening)))).toBe(iso(at('2026-01-12T17:00:00+01:00')));
    // At High priority (set by Support Ops), the pinned 2 h.
    expect(iso(targetDueAt(pinned, 'high', 'firstReply', startClock(fridayEvening)))).toBe(iso(at('2026-01-12T11:00:00+01:00')));
  });

  it('count calendar time for Critical / SEV, and pin no calendar for it', () => {
    const pinned = pinSla(sla, 'critical', [officeV1]);
    expect(pinned.calendars).toEqual([]);
    expect(iso(targetDueAt(pinned, 'urgent', 'firstReply', startClock(fridayEvening)))).toBe(iso(at('2026-01-09T20:00:00+01:00')));
  });

  it('leave out time in Pending from resolution, and have none while Pending', () => {
    const pinned = pinSla(sla, 'hardware_issue', [officeV1]);
    // 40 h: Monday 9:00 to 11:00 counted (2 h), Pending until Wednesday 15:00, then 38 h: 3 on Wednesday,
    // 9 each on Thursday, Friday and Monday (27), 8 on Tuesday: Tuesday 20 January at 17:00.
    const pending = pauseClock(startClock(at('2026-01-12T09:00:00+01:00')), at('2026-01-12T11:00:00+01:00'));
    expect(targetDueAt(pinned, 'normal', 'resolution', pending)).toBeNull();
    const answered = resumeClock(pending, at('2026-01-14T15:00:00+01:00'));
    expect(iso(targetDueAt(pinned, 'normal', 'resolution', answered))).toBe(iso(at('2026-01-20T17:00:00+01:00')));
  });

  it('keep the calendar version pinned at start when a later one closes a day', () => {
    const before = pinSla(sla, 'software_issue', [officeV1]);
    const after = pinSla(sla, 'software_issue', [officeV2]);
    expect(iso(targetDueAt(before, 'normal', 'firstReply', startClock(fridayEvening)))).toBe(iso(at('2026-01-12T17:00:00+01:00')));
    expect(iso(targetDueAt(after, 'normal', 'firstReply', startClock(fridayEvening)))).toBe(iso(at('2026-01-13T17:00:00+01:00')));
  });

  it('refuse to pin targets that name a calendar that is not there', () => {
    expect(() => pinSla(sla, 'software_issue', [])).toThrow(UnknownCalendarError);
  });
});
