// The business-hours SLA timers phase's own arithmetic (not its figures): the calendar with one
// closed stretch, the expected warning and breach instants, and the comparison with what the
// workflow recorded.
import { describe, expect, it } from 'vitest';
import { busiestWindow, calendarClosedBetween, compareSteps, expectedFirstReplySteps, nextWholeMinute, type RecordedEvent } from '../../bench/phases/sla-timers-expected.js';
import { businessTimeBetween, isOpenAt } from '../../workflows/calendar/business-time.js';

const MINUTE = 60_000;
const PARIS = 'Europe/Paris';
const at = (iso: string) => Date.parse(iso);

describe('the bench calendar', () => {
  it('is closed only between the two instants, in the local hours of its zone', () => {
    // 15:30–15:32 UTC is 16:30–16:32 in Paris in winter.
    const calendar = calendarClosedBetween(PARIS, at('2026-12-01T15:30:00Z'), at('2026-12-01T15:32:00Z'));
    expect(calendar.exceptions).toEqual([{ date: '2026-12-01', hours: [{ from: '00:00', to: '16:30' }, { from: '16:32', to: '24:00' }], name: 'Bench closed stretch' }]);
    expect(isOpenAt(calendar, at('2026-12-01T15:29:59.999Z'))).toBe(true);
    expect(isOpenAt(calendar, at('2026-12-01T15:30:00Z'))).toBe(false);
    expect(isOpenAt(calendar, at('2026-12-01T15:31:59.999Z'))).toBe(false);
    expect(isOpenAt(calendar, at('2026-12-01T15:32:00Z'))).toBe(true);
    expect(businessTimeBetween(calendar, at('2026-12-01T00:00:00Z'), at('2026-12-02T00:00:00Z'))).toBe(24 * 60 * MINUTE - 2 * MINUTE);
  });

  it('splits a closed stretch across local midnight into two exceptions', () => {
    // 22:59–23:01 UTC is 23:59–00:01 in Paris.
    const calendar = calendarClosedBetween(PARIS, at('2026-12-01T22:59:00Z'), at('2026-12-01T23:01:00Z'));
    expect(calendar.exceptions.map((e) => [e.date, e.hours])).toEqual([
      ['2026-12-01', [{ from: '00:00', to: '23:59' }]],
      ['2026-12-02', [{ from: '00:01', to: '24:00' }]],
    ]);
    expect(businessTimeBetween(calendar, at('2026-12-01T22:00:00Z'), at('2026-12-02T00:00:00Z'))).toBe(118 * MINUTE);
  });

  it('closes on whole minutes', () => {
    expect(nextWholeMinute(at('2026-12-01T15:29:00.001Z'))).toBe(at('2026-12-01T15:30:00Z'));
    expect(nextWholeMinute(at('2026-12-01T15:30:00Z'))).toBe(at('2026-12-01T15:30:00Z'));
  });
});

describe('expected first-reply steps', () => {
  const closed = { from: at('2026-12-01T15:30:00Z'), to: at('2026-12-01T15:31:00Z') };
  const calendar = calendarClosedBetween(PARIS, closed.from, closed.to);
  const target = { durationMs: 2 * MINUTE, warningShare: 0.75 };

  it('moves the steps of a ticket created before the closed stretch by its length', () => {
    const [warning, breach] = expectedFirstReplySteps(calendar, closed, 7, at('2026-12-01T15:29:00Z'), target);
    // 60 s counted before the stretch, then 30 s (warning) or 60 s (breach) after it.
    expect(warning).toEqual({ ticket: 7, kind: 'sla_warning', at: at('2026-12-01T15:31:30Z'), dueAt: at('2026-12-01T15:32:00Z'), straddles: true });
    expect(breach).toEqual({ ticket: 7, kind: 'sla_breached', at: at('2026-12-01T15:32:00Z'), dueAt: at('2026-12-01T15:32:00Z'), straddles: true });
  });

  it('leaves the steps of a ticket created after it in plain time, and those due before it', () => {
    const [warning, breach] = expectedFirstReplySteps(calendar, closed, 8, at('2026-12-01T15:31:00.250Z'), target);
    expect([warning.at, breach.at, warning.straddles]).toEqual([at('2026-12-01T15:32:30.250Z'), at('2026-12-01T15:33:00.250Z'), false]);
    const [early] = expectedFirstReplySteps(calendar, closed, 9, at('2026-12-01T15:27:00Z'), target);
    expect([early.at, early.straddles]).toEqual([at('2026-12-01T15:28:30Z'), false]);
  });
});

describe('comparing recorded steps with the expected ones', () => {
  const step = (ticket: number, kind: 'sla_warning' | 'sla_breached', atMs: number) => ({ ticket, kind, at: atMs, dueAt: 5_000, straddles: false });
  const event = (ticket: number, kind: 'sla_warning' | 'sla_breached', atMs: number, stepAt: number): RecordedEvent => ({ ticket, kind, at: atMs, stepAt, dueAt: 5_000 });

  it('counts lateness, early, missing past the margin, other instants and unexpected events', () => {
    const expected = [step(1, 'sla_warning', 1_000), step(1, 'sla_breached', 5_000), step(2, 'sla_warning', 2_000), step(3, 'sla_warning', 9_000), step(4, 'sla_warning', 1_000)];
    const recorded = [
      event(1, 'sla_warning', 1_250, 1_000),
      event(1, 'sla_breached', 5_900, 5_000),
      // Early, and the workflow's own instant is not the bench's.
      event(2, 'sla_warning', 1_990, 1_999),
      event(4, 'sla_warning', 1_010, 1_000),
      event(4, 'sla_warning', 1_020, 1_000),
      event(5, 'sla_breached', 3_000, 3_000),
    ];
    // At 10 s with a 2 s margin: ticket 3's warning (9 s) is not missing yet.
    const result = compareSteps(expected, recorded, 10_000, 2_000);
    expect(result).toEqual({ expected: 5, fired: 4, missing: 0, early: 1, mismatched: 1, unexpected: 2, lateP50: 10, lateP99: 900, lateMax: 900 });
    expect(compareSteps(expected, recorded, 11_001, 2_000).missing).toBe(1);
  });

  it('says nothing fired when nothing was recorded', () => {
    const result = compareSteps([step(1, 'sla_warning', 1_000)], [], 500, 0);
    expect(result.fired).toBe(0);
    expect(result.missing).toBe(0);
    expect(Number.isNaN(result.lateP99)).toBe(true);
  });
});

describe('how fast the steps fall due', () => {
  it('counts the most instants in any window of the given length', () => {
    const instants = [0, 100, 999, 1000, 1500, 5000];
    // [0, 1000) holds 0, 100, 999; [999, 1999) holds 999, 1000, 1500: three at most either way.
    expect(busiestWindow(instants, 1000)).toBe(3);
    expect(busiestWindow(instants, 1)).toBe(1);
    expect(busiestWindow(instants, 10_000)).toBe(6);
    expect(busiestWindow([], 1000)).toBe(0);
  });

  it('does not depend on the order the instants come in', () => {
    expect(busiestWindow([1500, 0, 999, 5000, 100, 1000], 1000)).toBe(3);
  });
});
