// What a business-hours calendar is: weekly opening hours in a time zone, holidays, and dated
// exceptions. Plain data (stored in Postgres, pinned into tickets), read by business-time.ts.

/** Days of the week, Monday first (ISO 8601), as the keys of a calendar's week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Open from `from` until `to`, local wall-clock times "HH:MM" ("24:00" for midnight at the end of the day). */
export interface OpeningHours {
  from: string;
  to: string;
}

/** A whole day closed, e.g. a public holiday. */
export interface Holiday {
  /** The local date, YYYY-MM-DD. */
  date: string;
  name: string;
}

/** A date that keeps other hours than its weekday's; no hours at all: closed that day. */
export interface CalendarException {
  date: string;
  hours: OpeningHours[];
  name?: string;
}

export interface BusinessCalendar {
  kind: 'business';
  /** An IANA time zone: the opening hours are wall-clock times there. */
  timeZone: string;
  week: Record<Weekday, OpeningHours[]>;
  holidays: Holiday[];
  exceptions: CalendarException[];
}

/** Calendar time: every second counts (Critical / SEV targets, by default). */
export interface AlwaysOpen {
  kind: 'always';
}

export type Calendar = BusinessCalendar | AlwaysOpen;

export const ALWAYS_OPEN: AlwaysOpen = { kind: 'always' };

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const OFFICE_DAY: OpeningHours[] = [{ from: '09:00', to: '18:00' }];

/** What a fresh install starts with: Monday to Friday, 9:00 to 18:00 in Paris, no holidays yet. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  kind: 'business',
  timeZone: DEFAULT_TIME_ZONE,
  week: { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY, sat: [], sun: [] },
  holidays: [],
  exceptions: [],
};
