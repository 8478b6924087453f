// Checks a pinned SLA that comes with a message (applySla), from the API or from anyone with the
// Temporal CLI: a malformed one is refused cleanly instead of arming timers it cannot compute.
import { WEEKDAYS } from '../calendar/model.js';
import { TICKET_PRIORITIES } from '../ticket/model.js';
import type { PinnedSla } from './pinned.js';
import { SLA_TARGETS } from './policy.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isVersion = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 1;

/** What is wrong with `raw` as a pinned SLA, or null when nothing is. */
export function pinnedSlaProblem(raw: unknown): string | null {
  if (!isRecord(raw)) return '"sla" must be a pinned SLA: {"slaVersion", "targets", "calendars", "warningShare", "onHoldCountsTowardResolution"}';
  if (!isVersion(raw.slaVersion)) return '"sla.slaVersion" must be a version number';
  if (raw.lifecycleVersion !== undefined && !isVersion(raw.lifecycleVersion)) return '"sla.lifecycleVersion" must be a version number';
  if (typeof raw.warningShare !== 'number' || !(raw.warningShare > 0 && raw.warningShare < 1)) return '"sla.warningShare" must be a share between 0 and 1';
  if (typeof raw.onHoldCountsTowardResolution !== 'boolean') return '"sla.onHoldCountsTowardResolution" must be true or false';
  if (!Array.isArray(raw.calendars)) return '"sla.calendars" must be a list';
  for (const pinned of raw.calendars) {
    if (!isRecord(pinned) || typeof pinned.calendarId !== 'string' || !isVersion(pinned.version) || !isRecord(pinned.calendar)) return 'each of "sla.calendars" is {"calendarId", "version", "calendar"}';
    const { calendar } = pinned;
    if (calendar.kind !== 'business' || typeof calendar.timeZone !== 'string' || !isRecord(calendar.week) || !Array.isArray(calendar.holidays) || !Array.isArray(calendar.exceptions)) {
      return `"sla.calendars": calendar "${pinned.calendarId}" must be a business calendar (timeZone, week, holidays, exceptions)`;
    }
    if (!WEEKDAYS.every((day) => Array.isArray((calendar.week as Record<string, unknown>)[day]))) return `"sla.calendars": calendar "${pinned.calendarId}" must list every weekday`;
  }
  if (!isRecord(raw.targets)) return '"sla.targets" must give the targets of every priority';
  const known = new Set((raw.calendars as Array<{ calendarId: string }>).map((c) => c.calendarId));
  for (const priority of TICKET_PRIORITIES) {
    const byName = raw.targets[priority];
    if (!isRecord(byName)) return `"sla.targets.${priority}" is missing`;
    for (const name of SLA_TARGETS) {
      const target = byName[name];
      const field = `"sla.targets.${priority}.${name}"`;
      if (!isRecord(target) || !(Number.isSafeInteger(target.durationMs) && (target.durationMs as number) > 0)) return `${field} needs "durationMs", a positive whole number`;
      if (target.time !== 'business' && target.time !== 'calendar') return `${field}.time must be "business" or "calendar"`;
      if (target.time === 'business' && !known.has(target.calendarId as string)) return `${field} counts on a calendar the SLA does not pin`;
    }
  }
  return null;
}

export function isPinnedSla(raw: unknown): raw is PinnedSla {
  return pinnedSlaProblem(raw) === null;
}
