// What an admin may send for SLA policies, lifecycle durations and calendars, checked in full before
// anything is written: a bad value is refused with the field it is in, and nothing changes.
import { z } from 'zod';
import { WEEKDAYS } from '../../workflows/calendar/model.js';
import { isTimeZone, minutesOf } from '../../workflows/calendar/zone.js';
import { SLA_TARGETS } from '../../workflows/sla/policy.js';
import { TICKET_PRIORITIES, TICKET_TYPES } from '../../workflows/ticket/model.js';
import { isStorableText, NOT_TEXT } from '../../workflows/ticket/text.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest target or duration an admin may set: a year. */
export const MAX_DURATION_MS = 366 * DAY_MS;

export const durationMs = z
  .number()
  .int()
  .min(1000, 'At least one second.')
  .max(MAX_DURATION_MS, 'At most 366 days.')
  .refine((ms) => ms % 1000 === 0, 'A whole number of seconds.');

export const calendarId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Lower-case letters, digits and dashes, such as paris-office.');

const slaTarget = z.object({ durationMs, time: z.enum(['business', 'calendar']), calendarId });

const strictRecord = <T extends z.ZodType>(keys: readonly string[], value: T) => z.object(Object.fromEntries(keys.map((key) => [key, value])) as Record<string, T>).strict();

export const slaTargetsInput = strictRecord(TICKET_TYPES, strictRecord(TICKET_PRIORITIES, strictRecord(SLA_TARGETS, slaTarget)));

/** The warning's share of each target (strictly between none and all of it) and whether On-hold counts toward resolution. */
export const escalationInput = z
  .object({
    warningShare: z.number().gt(0, 'More than 0 %.').lt(1, 'Less than 100 %.'),
    onHoldCountsTowardResolution: z.boolean(),
  })
  .strict();

/** The satisfaction survey's settings are optional: absent, they stay as they are (src/policies/store.ts). */
export const lifecycleInput = z
  .object({ pendingReminderMs: durationMs, pendingAutoCloseMs: durationMs, solvedAutoCloseMs: durationMs, satisfactionDelayMs: durationMs.optional(), badRatingNotifiesOps: z.boolean().optional() })
  .strict()
  .refine((d) => d.pendingAutoCloseMs > d.pendingReminderMs, { path: ['pendingAutoCloseMs'], message: 'The Pending close must come after the Pending reminder.' });

/** A calendar's, holiday's or exception's name: text Postgres can store, or it would be a failed write rather than a refusal. */
const label = (min: number) => z.string().trim().min(min, 'A name is required.').max(100).refine(isStorableText, NOT_TEXT);

const time = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A time such as 09:00 (24:00 for the end of the day).');

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date such as 2026-12-25.')
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d)).toISOString().startsWith(value);
  }, 'Not a date of the calendar.');

const hours = z.object({ from: time, to: time }).strict().refine((h) => minutesOf(h.to) > minutesOf(h.from), { path: ['to'], message: 'Closing comes after opening.' });

const dayHours = z
  .array(hours)
  .max(6)
  .refine((list) => {
    const sorted = [...list].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
    return sorted.every((h, i) => i === 0 || minutesOf(h.from) >= minutesOf(sorted[i - 1].to));
  }, 'Opening hours of one day may not overlap.');

const uniqueDates = (list: Array<{ date: string }>) => new Set(list.map((d) => d.date)).size === list.length;

export const calendarInput = z
  .object({
    name: label(1),
    timeZone: z.string().refine(isTimeZone, 'Not a time zone (examples: Europe/Paris, UTC, America/Montreal).'),
    week: strictRecord(WEEKDAYS, dayHours),
    holidays: z.array(z.object({ date, name: label(1) }).strict()).max(500).refine(uniqueDates, 'A date may be a holiday only once.'),
    exceptions: z.array(z.object({ date, hours: dayHours, name: label(0).optional() }).strict()).max(500).refine(uniqueDates, 'A date may have only one exception.'),
  })
  .strict()
  .refine((c) => WEEKDAYS.some((day) => c.week[day].length > 0), { path: ['week'], message: 'Open at least one day of the week, or business time never passes.' });

export type CalendarInput = z.output<typeof calendarInput>;
