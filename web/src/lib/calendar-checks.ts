// A calendar as the form holds it, and what the server would refuse in it (src/policies/inputs.ts),
// found here first so that each problem is said at its field, in the reader's language, before
// anything is sent.
import { WEEKDAYS, type Weekday } from '../../../workflows/calendar/model';
import type { CalendarInput, CalendarVersion, OpeningHours } from './policy-types';

export interface ExceptionDraft {
  date: string;
  name: string;
  /** Closed all day, or open at `hours` instead of the weekday's. */
  closed: boolean;
  hours: OpeningHours[];
}

export interface CalendarDraft {
  calendarId: string;
  name: string;
  timeZone: string;
  week: Record<Weekday, OpeningHours[]>;
  holidays: Array<{ date: string; name: string }>;
  exceptions: ExceptionDraft[];
}

export type CalendarProblem =
  | 'badId'
  | 'idTaken'
  | 'needName'
  | 'badTime'
  | 'closeBeforeOpen'
  | 'overlap'
  | 'tooManyHours'
  | 'neverOpen'
  | 'needHours'
  | 'badDate'
  | 'dateTwice';

/** Problems by the field they are in: "name", "week.mon.0.to", "holidays.2.date"… */
export type CalendarProblems = Record<string, CalendarProblem>;

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
/** The server's limit on intervals in a day. */
export const MAX_HOURS_A_DAY = 6;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toISOString().startsWith(value);
}

export const newCalendarDraft = (timeZone: string): CalendarDraft => {
  const office = () => [{ from: '09:00', to: '18:00' }];
  return { calendarId: '', name: '', timeZone, week: { mon: office(), tue: office(), wed: office(), thu: office(), fri: office(), sat: [], sun: [] }, holidays: [], exceptions: [] };
};

export const draftOf = (calendar: CalendarVersion): CalendarDraft => ({
  calendarId: calendar.calendarId,
  name: calendar.name,
  timeZone: calendar.value.timeZone,
  week: structuredClone(calendar.value.week),
  holidays: structuredClone(calendar.value.holidays),
  exceptions: calendar.value.exceptions.map((e) => ({ date: e.date, name: e.name ?? '', closed: e.hours.length === 0, hours: structuredClone(e.hours) })),
});

/** What is sent: an exception closed all day has no hours; its name only when it has one. */
export const inputOf = (draft: CalendarDraft): CalendarInput => ({
  name: draft.name.trim(),
  timeZone: draft.timeZone,
  week: draft.week,
  holidays: draft.holidays.map((h) => ({ date: h.date, name: h.name.trim() })),
  exceptions: draft.exceptions.map((e) => ({ date: e.date, hours: e.closed ? [] : e.hours, ...(e.name.trim() ? { name: e.name.trim() } : {}) })),
});

function checkDay(hours: OpeningHours[], path: string, problems: CalendarProblems) {
  if (hours.length > MAX_HOURS_A_DAY) problems[path] = 'tooManyHours';
  hours.forEach((h, i) => {
    if (!TIME.test(h.from)) problems[`${path}.${i}.from`] = 'badTime';
    if (!TIME.test(h.to)) problems[`${path}.${i}.to`] = 'badTime';
    else if (TIME.test(h.from) && minutesOf(h.to) <= minutesOf(h.from)) problems[`${path}.${i}.to`] = 'closeBeforeOpen';
  });
  if (hours.every((h) => TIME.test(h.from) && TIME.test(h.to))) {
    const sorted = [...hours].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
    if (sorted.some((h, i) => i > 0 && minutesOf(h.from) < minutesOf(sorted[i - 1].to))) problems[path] ??= 'overlap';
  }
}

function checkDates(list: Array<{ date: string }>, prefix: string, problems: CalendarProblems) {
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (!isDate(entry.date)) problems[`${prefix}.${i}.date`] = 'badDate';
    else if (seen.has(entry.date)) problems[`${prefix}.${i}.date`] = 'dateTwice';
    seen.add(entry.date);
  });
}

export function calendarProblems(draft: CalendarDraft, isNew: boolean): CalendarProblems {
  const problems: CalendarProblems = {};
  if (isNew && !ID.test(draft.calendarId)) problems.calendarId = 'badId';
  if (!draft.name.trim()) problems.name = 'needName';
  for (const day of WEEKDAYS) checkDay(draft.week[day], `week.${day}`, problems);
  if (WEEKDAYS.every((day) => draft.week[day].length === 0)) problems.week = 'neverOpen';
  checkDates(draft.holidays, 'holidays', problems);
  draft.holidays.forEach((h, i) => {
    if (!h.name.trim()) problems[`holidays.${i}.name`] = 'needName';
  });
  checkDates(draft.exceptions, 'exceptions', problems);
  draft.exceptions.forEach((e, i) => {
    if (e.closed) return;
    if (e.hours.length === 0) problems[`exceptions.${i}.hours`] = 'needHours';
    else checkDay(e.hours, `exceptions.${i}.hours`, problems);
  });
  return problems;
}
