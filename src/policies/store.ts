// SLA policies, lifecycle durations and calendars in Postgres, read by every process (API, CLI) so
// that a ticket gets the same durations whichever door it came in by. Each change is a new version
// row, never an update. The environment's POLICY_* only seed version 1 on a fresh install.
import { and, desc, eq, max } from 'drizzle-orm';
import { isUniqueViolation } from '../api/errors.js';
import { InvalidFieldError } from '../accounts/errors.js';
import type { Database } from '../db/client.js';
import { calendarVersions, lifecycleDurationVersions, slaPolicyVersions, users } from '../db/schema.js';
import { DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from '../../workflows/calendar/model.js';
import { DEFAULT_CALENDAR_ID, SLA_TARGETS, seedSlaTargets, ticketPolicyOf, type Escalation, type LifecycleDurations, type SlaTargets } from '../../workflows/sla/policy.js';
import { pinSla, type PinnedSla } from '../../workflows/sla/pinned.js';
import { DEFAULT_SATISFACTION, TICKET_PRIORITIES, TICKET_TYPES, type TicketPolicy, type TicketType } from '../../workflows/ticket/model.js';
import { PolicyChangedError } from './errors.js';
import type { CalendarInput } from './inputs.js';

export interface Version<T> {
  version: number;
  value: T;
  createdAt: string;
  /** Who saved it (their name, when they gave one, for the console's history); null for what the install seeded. */
  createdBy: { id: string; email: string; name: string | null } | null;
}

/** An SLA policy version: its targets, and how they escalate. */
export interface SlaVersion extends Version<SlaTargets> {
  escalation: Escalation;
}

export interface CalendarVersion extends Version<BusinessCalendar> {
  calendarId: string;
  name: string;
}

const seeded = new WeakMap<Database, Promise<void>>();

/**
 * Writes version 1 of each from the environment's seed when there is none yet (a fresh install),
 * once per process; a concurrent seeding by another process is harmless (the first one wins).
 */
export function ensurePoliciesSeeded(db: Database, seed: TicketPolicy): Promise<void> {
  let done = seeded.get(db);
  if (!done) {
    done = (async () => {
      await db
        .insert(calendarVersions)
        .values({ calendarId: DEFAULT_CALENDAR_ID, version: 1, name: 'Office hours', definition: DEFAULT_BUSINESS_CALENDAR })
        .onConflictDoNothing();
      await db.insert(slaPolicyVersions).values({ version: 1, targets: seedSlaTargets(seed.firstReplyTargetMs) }).onConflictDoNothing();
      const { pendingReminderMs, pendingAutoCloseMs, solvedAutoCloseMs } = seed;
      const { delayMs: satisfactionDelayMs, badRatingNotifiesOps } = seed.satisfaction ?? DEFAULT_SATISFACTION;
      await db.insert(lifecycleDurationVersions).values({ version: 1, pendingReminderMs, pendingAutoCloseMs, solvedAutoCloseMs, satisfactionDelayMs, badRatingNotifiesOps }).onConflictDoNothing();
    })();
    // A failure (Postgres away) is tried again by the next reader.
    done.catch(() => seeded.delete(db));
    seeded.set(db, done);
  }
  return done;
}

const authorOf = (row: { createdBy: string | null; authorEmail: string | null; authorName: string | null }) =>
  row.createdBy ? { id: row.createdBy, email: row.authorEmail ?? '', name: row.authorName } : null;

/** SLA policy versions, newest first. */
export async function slaHistory(db: Database, limit = 50): Promise<SlaVersion[]> {
  const t = slaPolicyVersions;
  const rows = await db
    .select({ version: t.version, value: t.targets, warningShare: t.warningShare, onHoldCountsTowardResolution: t.onHoldCountsTowardResolution, createdAt: t.createdAt, createdBy: t.createdBy, authorEmail: users.email, authorName: users.name })
    .from(t)
    .leftJoin(users, eq(users.id, t.createdBy))
    .orderBy(desc(t.version))
    .limit(limit);
  return rows.map((row) => ({
    version: row.version,
    value: row.value,
    escalation: { warningShare: row.warningShare, onHoldCountsTowardResolution: row.onHoldCountsTowardResolution },
    createdAt: row.createdAt.toISOString(),
    createdBy: authorOf(row),
  }));
}

/** Lifecycle duration versions, newest first. */
export async function lifecycleHistory(db: Database, limit = 50): Promise<Array<Version<LifecycleDurations>>> {
  const t = lifecycleDurationVersions;
  const rows = await db
    .select({
      version: t.version,
      pendingReminderMs: t.pendingReminderMs,
      pendingAutoCloseMs: t.pendingAutoCloseMs,
      solvedAutoCloseMs: t.solvedAutoCloseMs,
      satisfactionDelayMs: t.satisfactionDelayMs,
      badRatingNotifiesOps: t.badRatingNotifiesOps,
      createdAt: t.createdAt,
      createdBy: t.createdBy,
      authorEmail: users.email,
      authorName: users.name,
    })
    .from(t)
    .leftJoin(users, eq(users.id, t.createdBy))
    .orderBy(desc(t.version))
    .limit(limit);
  return rows.map(({ version, pendingReminderMs, pendingAutoCloseMs, solvedAutoCloseMs, satisfactionDelayMs, badRatingNotifiesOps, createdAt, ...row }) => ({
    version,
    value: { pendingReminderMs, pendingAutoCloseMs, solvedAutoCloseMs, satisfactionDelayMs, badRatingNotifiesOps },
    createdAt: createdAt.toISOString(),
    createdBy: authorOf(row),
  }));
}

/** A calendar's versions, newest first; every calendar's when none is named. */
export async function calendarHistory(db: Database, calendarId?: string, limit = 200): Promise<CalendarVersion[]> {
  const t = calendarVersions;
  const rows = await db
    .select({ calendarId: t.calendarId, version: t.version, name: t.name, value: t.definition, createdAt: t.createdAt, createdBy: t.createdBy, authorEmail: users.email, authorName: users.name })
    .from(t)
    .leftJoin(users, eq(users.id, t.createdBy))
    .where(calendarId === undefined ? undefined : eq(t.calendarId, calendarId))
    .orderBy(t.calendarId, desc(t.version))
    .limit(limit);
  return rows.map((row) => ({ calendarId: row.calendarId, version: row.version, name: row.name, value: row.value, createdAt: row.createdAt.toISOString(), createdBy: authorOf(row) }));
}

/** The current version of every calendar. */
export async function currentCalendars(db: Database): Promise<CalendarVersion[]> {
  const t = calendarVersions;
  const latest = db.select({ calendarId: t.calendarId, version: max(t.version).as('latest') }).from(t).groupBy(t.calendarId).as('latest');
  const rows = await db
    .select({ calendarId: t.calendarId, version: t.version, name: t.name, value: t.definition, createdAt: t.createdAt, createdBy: t.createdBy, authorEmail: users.email, authorName: users.name })
    .from(t)
    .innerJoin(latest, and(eq(latest.calendarId, t.calendarId), eq(latest.version, t.version)))
    .leftJoin(users, eq(users.id, t.createdBy))
    .orderBy(t.calendarId);
  return rows.map((row) => ({ calendarId: row.calendarId, version: row.version, name: row.name, value: row.value, createdAt: row.createdAt.toISOString(), createdBy: authorOf(row) }));
}

function latestOf<T>(versions: T[], what: string): T {
  if (versions.length === 0) throw new Error(`No ${what} in the database: it is seeded on first use (ensurePoliciesSeeded).`);
  return versions[0];
}

export const currentSla = async (db: Database) => latestOf(await slaHistory(db, 1), 'SLA policy');
export const currentLifecycle = async (db: Database) => latestOf(await lifecycleHistory(db, 1), 'lifecycle durations');

/** What a ticket created now pins: the current versions, seeded from `seed` on a fresh install. */
export async function currentTicketPolicy(db: Database, seed: TicketPolicy): Promise<TicketPolicy> {
  await ensurePoliciesSeeded(db, seed);
  const [sla, lifecycle] = await Promise.all([currentSla(db), currentLifecycle(db)]);
  return ticketPolicyOf(sla.value, lifecycle.value);
}

/** Writes `basedOn + 1`, or says someone else already did (a concurrent save loses on the key). */
async function insertNextVersion(what: string, current: number, basedOn: number, insert: () => Promise<unknown>): Promise<number> {
  if (current !== basedOn) throw new PolicyChangedError(what, current);
  try {
    await insert();
  } catch (error) {
    if (isUniqueViolation(error)) throw new PolicyChangedError(what, basedOn + 1);
    throw error;
  }
  return basedOn + 1;
}

/** A new version of the targets; its escalation as given, or as the version it is based on says. */
export async function saveSlaPolicy(db: Database, input: { basedOn: number; targets: SlaTargets; escalation?: Escalation }, by: string): Promise<SlaVersion> {
  const known = new Set((await currentCalendars(db)).map((c) => c.calendarId));
  for (const type of TICKET_TYPES) {
    for (const priority of TICKET_PRIORITIES) {
      for (const name of SLA_TARGETS) {
        const { calendarId } = input.targets[type][priority][name];
        if (!known.has(calendarId)) throw new InvalidFieldError(`targets.${type}.${priority}.${name}.calendarId`, `No calendar "${calendarId}".`);
      }
    }
  }
  const current = await currentSla(db);
  const escalation = input.escalation ?? current.escalation;
  await insertNextVersion('SLA policy', current.version, input.basedOn, () => db.insert(slaPolicyVersions).values({ version: input.basedOn + 1, targets: input.targets, ...escalation, createdBy: by }));
  return currentSla(db);
}

/**
 * A new version of the lifecycle durations. The satisfaction survey's settings stay as the version
 * it is based on says unless given (clients from before the survey send only the durations). The
 * survey must come before the Solved close, or it would never be sent.
 */
export async function saveLifecycleDurations(
  db: Database,
  input: { basedOn: number } & Omit<LifecycleDurations, 'satisfactionDelayMs' | 'badRatingNotifiesOps'> & Partial<LifecycleDurations>,
  by: string,
): Promise<Version<LifecycleDurations>> {
  const { basedOn, ...given } = input;
  const current = await currentLifecycle(db);
  // A stale base is said first: the admin reads the other version before anything else.
  if (current.version !== basedOn) throw new PolicyChangedError('lifecycle durations', current.version);
  const durations: LifecycleDurations = { ...current.value, ...given };
  if (durations.satisfactionDelayMs >= durations.solvedAutoCloseMs) {
    const field = given.satisfactionDelayMs === undefined ? 'solvedAutoCloseMs' : 'satisfactionDelayMs';
    throw new InvalidFieldError(field, 'The satisfaction survey must come before the Solved close.');
  }
  await insertNextVersion('lifecycle durations', current.version, basedOn, () => db.insert(lifecycleDurationVersions).values({ version: basedOn + 1, ...durations, createdBy: by }));
  return currentLifecycle(db);
}

/** A new calendar (basedOn null) or a new version of one. */
export async function saveCalendar(db: Database, input: { calendarId: string; basedOn: number | null; calendar: CalendarInput }, by: string): Promise<CalendarVersion> {
  const { name, ...rest } = input.calendar;
  // The input's schema checked every weekday is there (inputs.ts).
  const definition = { kind: 'business', ...rest } as BusinessCalendar;
  const [latest] = await calendarHistory(db, input.calendarId, 1);
  if (latest && input.basedOn === null) throw new InvalidFieldError('calendarId', `A calendar "${input.calendarId}" exists already.`);
  const what = `calendar "${input.calendarId}"`;
  await insertNextVersion(what, latest?.version ?? 0, input.basedOn ?? 0, () =>
    db.insert(calendarVersions).values({ calendarId: input.calendarId, version: (input.basedOn ?? 0) + 1, name, definition, createdBy: by }),
  );
  return (await calendarHistory(db, input.calendarId, 1))[0];
}

/** What a ticket of this type would pin now: the current SLA version's targets and the current versions of their calendars. */
export async function currentPinnedSla(db: Database, type: TicketType, seed: TicketPolicy): Promise<PinnedSla> {
  await ensurePoliciesSeeded(db, seed);
  const [sla, calendars, lifecycle] = await Promise.all([currentSla(db), currentCalendars(db), currentLifecycle(db)]);
  const pinned = pinSla({ version: sla.version, targets: sla.value, escalation: sla.escalation }, type, calendars.map((c) => ({ calendarId: c.calendarId, version: c.version, calendar: c.value })));
  return { ...pinned, lifecycleVersion: lifecycle.version };
}
