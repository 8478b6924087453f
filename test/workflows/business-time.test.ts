// Business-time arithmetic over a year of Paris office hours: weekends, holidays, dated exceptions,
// both DST changes, opening hours across the changes, zero and very large durations. Every expected
// instant is computed by hand and written with the offset Paris shows then.
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isOpenAt, NeverOpenError, nextOpening } from '../../workflows/calendar/business-time.js';
import { dueAt, elapsedTime, pauseClock, resumeClock, startClock } from '../../workflows/calendar/clock.js';
import { ALWAYS_OPEN, type BusinessCalendar, type OpeningHours } from '../../workflows/calendar/model.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const MINUTE = 60_000;

const day: OpeningHours[] = [
  { from: '09:00', to: '12:30' },
  { from: '13:30', to: '18:00' },
];

/** 8 hours a weekday with a lunch break, the French public holidays of 2026 that fall on weekdays and a few more. */
const office: BusinessCalendar = {
  kind: 'business',
  timeZone: 'Europe/Paris',
  week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  holidays: [
    { date: '2026-01-01', name: "Jour de l'an" },
    { date: '2026-04-06', name: 'Lundi de Pâques' },
    { date: '2026-05-01', name: 'Fête du Travail' },
    { date: '2026-05-08', name: 'Victoire 1945' },
    { date: '2026-05-14', name: 'Ascension' },
    { date: '2026-05-25', name: 'Lundi de Pentecôte' },
    { date: '2026-07-14', name: 'Fête nationale' },
    { date: '2026-08-15', name: 'Assomption' },
    { date: '2026-11-01', name: 'Toussaint' },
    { date: '2026-11-11', name: 'Armistice' },
    { date: '2026-12-25', name: 'Noël' },
    { date: '2027-01-01', name: "Jour de l'an" },
  ],
  exceptions: [
    { date: '2026-06-13', hours: [{ from: '10:00', to: '14:00' }], name: 'Inventory Saturday' },
    { date: '2026-12-24', hours: [{ from: '09:00', to: '12:00' }] },
    { date: '2026-12-31', hours: [] },
  ],
};

/** Open on Sundays only, through the night when the clocks change. */
const sundayNights: BusinessCalendar = {
  kind: 'business',
  timeZone: 'Europe/Paris',
  week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ from: '01:00', to: '04:00' }] },
  holidays: [],
  exceptions: [],
};

/** Opens at a time the spring change skips. */
const opensInTheGap: BusinessCalendar = { ...sundayNights, week: { ...sundayNights.week, sun: [{ from: '02:30', to: '05:00' }] } };

const nineToFive: OpeningHours[] = [{ from: '09:00', to: '17:00' }];
const plainWeek: BusinessCalendar = {
  kind: 'business',
  timeZone: 'Europe/Paris',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: [],
  exceptions: [],
};

const iso = (instant: number) => new Date(instant).toISOString();

describe('addBusinessTime', () => {
  const cases: Array<[string, BusinessCalendar | typeof ALWAYS_OPEN, string, number, string]> = [
    ['within the morning', office, '2026-01-12T09:15:00+01:00', 1 * HOUR, '2026-01-12T10:15:00+01:00'],
    ['across lunch', office, '2026-01-12T12:00:00+01:00', 1 * HOUR, '2026-01-12T14:00:00+01:00'],
    ['ending exactly at the lunch break', office, '2026-01-12T09:00:00+01:00', 3.5 * HOUR, '2026-01-12T12:30:00+01:00'],
    ['ending exactly at closing time', office, '2026-01-12T09:00:00+01:00', 8 * HOUR, '2026-01-12T18:00:00+01:00'],
    ['one second past a full day', office, '2026-01-12T09:00:00+01:00', 8 * HOUR + 1000, '2026-01-13T09:00:01+01:00'],
    ['started before opening', office, '2026-01-12T07:00:00+01:00', 30 * MINUTE, '2026-01-12T09:30:00+01:00'],
    ['Friday evening, a full day', office, '2026-01-09T19:00:00+01:00', 8 * HOUR, '2026-01-12T18:00:00+01:00'],
    ['Friday evening, half a day', office, '2026-01-09T19:00:00+01:00', 4 * HOUR, '2026-01-12T14:00:00+01:00'],
    ['Friday afternoon into Monday', office, '2026-01-09T17:00:00+01:00', 2 * HOUR, '2026-01-12T10:00:00+01:00'],
    ['Saturday', office, '2026-01-10T10:00:00+01:00', 1 * HOUR, '2026-01-12T10:00:00+01:00'],
    ['New Year’s Day (a Thursday)', office, '2025-12-31T20:00:00+01:00', 1 * HOUR, '2026-01-02T10:00:00+01:00'],
    ['over Easter Monday', office, '2026-04-02T17:00:00+02:00', 16 * HOUR, '2026-04-07T17:00:00+02:00'],
    ['over the 8 May long weekend', office, '2026-05-07T16:00:00+02:00', 8 * HOUR, '2026-05-11T16:00:00+02:00'],
    ['into an open Saturday (exception)', office, '2026-06-12T17:30:00+02:00', 2 * HOUR, '2026-06-13T11:30:00+02:00'],
    ['Christmas Eve’s short hours, then Christmas and the weekend', office, '2026-12-24T11:00:00+01:00', 2 * HOUR, '2026-12-28T10:00:00+01:00'],
    ['closed New Year’s Eve (exception) and New Year’s Day', office, '2026-12-30T17:00:00+01:00', 2 * HOUR, '2027-01-04T10:00:00+01:00'],
    ['over the spring change (Friday to Monday)', office, '2026-03-27T17:00:00+01:00', 2 * HOUR, '2026-03-30T10:00:00+02:00'],
    ['over the autumn change (Friday to Monday)', office, '2026-10-23T17:30:00+02:00', 1 * HOUR, '2026-10-26T09:30:00+01:00'],
    ['hours across the spring gap count 2 real hours', sundayNights, '2026-03-29T00:00:00+01:00', 2.5 * HOUR, '2026-04-05T01:30:00+02:00'],
    ['hours across the autumn repeat count 4 real hours', sundayNights, '2026-10-25T00:00:00+02:00', 3.5 * HOUR, '2026-10-25T03:30:00+01:00'],
    ['opening at a skipped time opens after the skip', opensInTheGap, '2026-03-29T00:00:00+01:00', 30 * MINUTE, '2026-03-29T04:00:00+02:00'],
    ['calendar time over the spring change', ALWAYS_OPEN, '2026-03-29T01:30:00+01:00', 1 * HOUR, '2026-03-29T03:30:00+02:00'],
    ['calendar time over the autumn change', ALWAYS_OPEN, '2026-10-25T02:30:00+02:00', 1 * HOUR, '2026-10-25T02:30:00+01:00'],
    ['calendar time from Friday evening', ALWAYS_OPEN, '2026-01-09T19:00:00+01:00', 1 * HOUR, '2026-01-09T20:00:00+01:00'],
    ['zero on a Saturday is the start itself', office, '2026-01-10T10:00:00+01:00', 0, '2026-01-10T10:00:00+01:00'],
    ['zero while open', office, '2026-01-12T10:00:00+01:00', 0, '2026-01-12T10:00:00+01:00'],
    ['2,000 hours: fifty weeks of 40', plainWeek, '2026-01-05T09:00:00+01:00', 2000 * HOUR, '2026-12-18T17:00:00+01:00'],
    // 2026 to 2035: ten years, 2028 and 2032 leap years.
    ['ten years of calendar time', ALWAYS_OPEN, '2026-01-01T00:00:00+01:00', 3652 * 24 * HOUR, '2036-01-01T00:00:00+01:00'],
  ];
  for (const [name, calendar, start, duration, expected] of cases) {
    it(name, () => expect(iso(addBusinessTime(calendar, at(start), duration))).toBe(iso(at(expected))));
  }

  it('refuses a negative duration', () => expect(() => addBusinessTime(office, at('2026-01-12T10:00:00+01:00'), -1)).toThrow(RangeError));
});

describe('businessTimeBetween', () => {
  const cases: Array<[string, BusinessCalendar, string, string, number]> = [
    ['a working day', office, '2026-01-12T00:00:00+01:00', '2026-01-13T00:00:00+01:00', 8 * HOUR],
    ['Friday evening to Monday morning', office, '2026-01-09T18:00:00+01:00', '2026-01-12T09:00:00+01:00', 0],
    ['over the spring change', office, '2026-03-27T17:00:00+01:00', '2026-03-30T10:00:00+02:00', 2 * HOUR],
    ['the spring-change Sunday night', sundayNights, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 2 * HOUR],
    ['the autumn-change Sunday night', sundayNights, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 4 * HOUR],
    ['hours opening in the spring gap', opensInTheGap, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 1.5 * HOUR],
    // 261 weekdays in 2026, 9 of them holidays, 31 December closed, 24 December 3 h, 13 June 4 h.
    ['the whole of 2026 with holidays and exceptions', office, '2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00', (250 * 8 + 3 + 4) * HOUR],
    ['the whole of 2026, 40-hour weeks', plainWeek, '2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00', 261 * 8 * HOUR],
    ['backwards is nothing', office, '2026-01-13T00:00:00+01:00', '2026-01-12T00:00:00+01:00', 0],
  ];
  for (const [name, calendar, from, to, expected] of cases) {
    it(name, () => expect(businessTimeBetween(calendar, at(from), at(to))).toBe(expected));
  }

  it('is calendar time for ALWAYS_OPEN, DST or not', () => {
    expect(businessTimeBetween(ALWAYS_OPEN, at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(23 * HOUR);
    expect(businessTimeBetween(ALWAYS_OPEN, at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(25 * HOUR);
  });

  it('adding what lies between two instants leads back to the end (within the open hours)', () => {
    const from = at('2026-03-20T15:07:13+01:00');
    for (const to of ['2026-03-30T11:00:00+02:00', '2026-04-07T09:00:01+02:00', '2026-05-11T17:59:59+02:00']) {
      expect(iso(addBusinessTime(office, from, businessTimeBetween(office, from, at(to))))).toBe(iso(at(to)));
    }
  });
});

describe('isOpenAt and nextOpening', () => {
  const cases: Array<[string, BusinessCalendar, string, boolean, string | null]> = [
    ['at opening', office, '2026-01-12T09:00:00+01:00', true, '2026-01-12T09:00:00+01:00'],
    ['the last second of the morning', office, '2026-01-12T12:29:59+01:00', true, '2026-01-12T12:29:59+01:00'],
    ['at lunch', office, '2026-01-12T12:45:00+01:00', false, '2026-01-12T13:30:00+01:00'],
    ['at closing time (closed)', office, '2026-01-12T18:00:00+01:00', false, '2026-01-13T09:00:00+01:00'],
    ['on Saturday', office, '2026-01-10T10:00:00+01:00', false, '2026-01-12T09:00:00+01:00'],
    ['on the 14 July (a Tuesday)', office, '2026-07-14T10:00:00+02:00', false, '2026-07-15T09:00:00+02:00'],
    ['Christmas Eve afternoon', office, '2026-12-24T12:00:00+01:00', false, '2026-12-28T09:00:00+01:00'],
    ['Friday before the spring change', office, '2026-03-27T18:30:00+01:00', false, '2026-03-30T09:00:00+02:00'],
    ['in the hour the spring change skips to', opensInTheGap, '2026-03-29T03:15:00+02:00', false, '2026-03-29T03:30:00+02:00'],
    ['the repeated hour of the autumn change, second time', sundayNights, '2026-10-25T02:30:00+01:00', true, '2026-10-25T02:30:00+01:00'],
  ];
  for (const [name, calendar, instant, open, next] of cases) {
    it(name, () => {
      expect(isOpenAt(calendar, at(instant))).toBe(open);
      const opening = nextOpening(calendar, at(instant));
      expect(opening === null ? null : iso(opening)).toBe(next === null ? null : iso(at(next)));
    });
  }

  it('is always open in calendar time', () => {
    expect(isOpenAt(ALWAYS_OPEN, at('2026-01-10T03:00:00+01:00'))).toBe(true);
    expect(nextOpening(ALWAYS_OPEN, at('2026-01-10T03:00:00+01:00'))).toBe(at('2026-01-10T03:00:00+01:00'));
  });
});

describe('a calendar that never opens', () => {
  const never: BusinessCalendar = { ...plainWeek, week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, exceptions: [{ date: '2026-02-02', hours: nineToFive }] };
  it('has business time only on its open exception, then none', () => {
    expect(addBusinessTime(never, at('2026-01-01T00:00:00+01:00'), HOUR)).toBe(at('2026-02-02T10:00:00+01:00'));
    expect(() => addBusinessTime(never, at('2026-01-01T00:00:00+01:00'), 9 * HOUR)).toThrow(NeverOpenError);
    expect(nextOpening(never, at('2026-02-03T00:00:00+01:00'))).toBeNull();
    expect(businessTimeBetween(never, at('2026-01-01T00:00:00+01:00'), at('2027-01-01T00:00:00+01:00'))).toBe(8 * HOUR);
  });
});

describe('a clock that pauses (time in Pending does not count)', () => {
  const started = at('2026-01-12T09:00:00+01:00');
  const pending = at('2026-01-12T11:00:00+01:00');
  const answered = at('2026-01-14T15:00:00+01:00');
  const target = 16 * HOUR;

  it('has its deadline pushed by the open hours it spent paused', () => {
    const running = startClock(started);
    expect(iso(dueAt(office, running, target)!)).toBe(iso(at('2026-01-13T18:00:00+01:00')));
    const paused = pauseClock(running, pending);
    expect(dueAt(office, paused, target)).toBeNull();
    expect(elapsedTime(office, paused, answered)).toBe(2 * HOUR);
    const resumed = resumeClock(paused, answered);
    // 2 h counted; 14 h left from Wednesday 15:00: 3 h on Wednesday, 8 h on Thursday, 3 h on Friday morning.
    expect(iso(dueAt(office, resumed, target)!)).toBe(iso(at('2026-01-16T12:00:00+01:00')));
    expect(elapsedTime(office, resumed, at('2026-01-14T16:00:00+01:00'))).toBe(3 * HOUR);
  });

  it('pausing a paused clock or resuming a running one changes nothing', () => {
    const paused = pauseClock(startClock(started), pending);
    expect(pauseClock(paused, answered)).toEqual(paused);
    const resumed = resumeClock(paused, answered);
    expect(resumeClock(resumed, at('2026-01-15T09:00:00+01:00'))).toEqual(resumed);
  });

  it('counts calendar time in Pending out as well', () => {
    const resumed = resumeClock(pauseClock(startClock(started), pending), answered);
    // 2 h before Pending, 22 h left from Wednesday 15:00 Paris.
    expect(iso(dueAt(ALWAYS_OPEN, resumed, 24 * HOUR)!)).toBe(iso(at('2026-01-15T13:00:00+01:00')));
  });
});
