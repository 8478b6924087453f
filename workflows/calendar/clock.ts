// A target's clock that can stop and start again (resolution time does not count while a ticket is
// Pending): the stretches it ran, as segments, and the deadline they leave on a calendar.
import { addBusinessTime, businessTimeBetween } from './business-time.js';
import type { Calendar } from './model.js';

/** A stretch of time the clock ran; `to` is null while it still runs. */
export interface Segment {
  from: number;
  to: number | null;
}

export function startClock(at: number): Segment[] {
  return [{ from: at, to: null }];
}

export function isRunning(segments: readonly Segment[]): boolean {
  return segments.length > 0 && segments[segments.length - 1].to === null;
}

/** Stops the clock at `at`; a stopped clock stays as it is. */
export function pauseClock(segments: readonly Segment[], at: number): Segment[] {
  if (!isRunning(segments)) return [...segments];
  const last = segments[segments.length - 1];
  return [...segments.slice(0, -1), { from: last.from, to: Math.max(at, last.from) }];
}

/** Starts the clock again at `at`; a running clock stays as it is. */
export function resumeClock(segments: readonly Segment[], at: number): Segment[] {
  return isRunning(segments) ? [...segments] : [...segments, { from: at, to: null }];
}

/** The calendar's open time the clock has counted by `now`. */
export function elapsedTime(calendar: Calendar, segments: readonly Segment[], now: number): number {
  return segments.reduce((sum, s) => sum + businessTimeBetween(calendar, s.from, Math.min(s.to ?? now, now)), 0);
}

/** When the clock reaches `targetMs`: null while it is stopped (no deadline to arm). */
export function dueAt(calendar: Calendar, segments: readonly Segment[], targetMs: number): number | null {
  if (!isRunning(segments)) return null;
  const running = segments[segments.length - 1];
  const counted = elapsedTime(calendar, segments.slice(0, -1), Infinity);
  return addBusinessTime(calendar, running.from, Math.max(0, targetMs - counted));
}
