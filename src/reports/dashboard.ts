// The Support Ops lead's numbers, computed in Postgres from the projection: the tickets table, the
// audit trail (ticket_events) and the moves counted from it per hour and per month
// (report_status_hours, report_status_months), which the projection writes with every change, so
// a report is never behind the desk. Days are the team's (TIME_ZONE); a range is [from, to) in
// whole days. Each report is its own query, so one report (a CSV) costs only itself, and the
// dashboard runs them side by side.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { TICKET_STATUSES, type TicketPriority, type TicketStatus, type TicketType } from '../../workflows/ticket/model.js';
import type { SlaTargetName } from '../../workflows/sla/policy.js';

export interface ReportFilters {
  /** First day (YYYY-MM-DD), included. */
  from: string;
  /** Last day (YYYY-MM-DD), included. */
  to: string;
  type?: TicketType;
  priority?: TicketPriority;
  organizationId?: string;
  assigneeId?: string;
}

type Backlog = { day: string } & Record<TicketStatus, number>;
type CreatedSolved = { created: number; solved: number };

export interface Dashboard {
  timeZone: string;
  /** Tickets created (as they are now), and solves (as the ticket was when solved; solved, reopened and solved again counts twice), per day. */
  createdSolved: Array<{ day: string } & CreatedSolved>;
  /** The same per ISO week (its Monday), within the range: a week the range cuts counts only its days in the range. */
  createdSolvedByWeek: Array<{ week: string } & CreatedSolved>;
  /** How many tickets were in each status at the end of each day, as they were then (priority, assignee). */
  backlog: Backlog[];
  /** Per ISO week (its Monday): first-reply time of tickets created that week, resolution time of the solves that week; hours. */
  times: Array<{ week: string; firstReplyMedian: number | null; firstReplyP90: number | null; resolutionMedian: number | null; resolutionP90: number | null }>;
  /**
   * Each SLA target by type and priority, for the tickets created in the range whose target is over
   * (met or missed): first reply for every ticket; next reply and resolution for those that pinned
   * an SLA policy (tickets.sla_version). A next-reply target is met by a ticket whose requester
   * wrote after the first reply, which waits for nothing now and was never late; resolution by a
   * ticket Solved or Closed that was never late.
   */
  sla: Array<{ target: SlaTargetName; type: TicketType; priority: TicketPriority; met: number; missed: number; metShare: number | null }>;
  /** Per agent: tickets assigned and not Solved or Closed now; solves they made in the range. */
  workload: Array<{ agentId: string; name: string; openAssigned: number; solved: number }>;
  /**
   * Per ISO week (its Monday): the satisfaction ratings given in the range (by when they were
   * given), good and bad, and the share of good (percent; null without ratings), for the tickets
   * as they are now.
   */
  satisfaction: Array<{ week: string; good: number; bad: number; goodShare: number | null }>;
}

export type ReportName = Exclude<keyof Dashboard, 'timeZone'>;

const HOUR_MS = 3_600_000;

/** What every report of one request shares: the filters, and the range's bounds in the team's zone. */
interface Range {
  filters: ReportFilters;
  timeZone: string;
  /** Midnight of the first day, as an instant. */
  start: SQL;
  /** Midnight after the last day, as an instant. */
  end: SQL;
  /** The range's days, one row each (column `day`). */
  days: SQL;
  dayOf(column: SQL): SQL;
}

function rangeOf(filters: ReportFilters, timeZone: string): Range {
  return {
    filters,
    timeZone,
    start: sql`(${filters.from}::date::timestamp at time zone ${timeZone})`,
    end: sql`((${filters.to}::date + 1)::timestamp at time zone ${timeZone})`,
    days: sql`(select g::date as day from generate_series(${filters.from}::date, ${filters.to}::date, interval '1 day') as g)`,
    dayOf: (column) => sql`(${column} at time zone ${timeZone})::date`,
  };
}

/** The conditions on the ticket (alias t) as it is now. */
function ticketConditions(filters: ReportFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.type) parts.push(sql`t.type = ${filters.type}`);
  if (filters.priority) parts.push(sql`t.priority = ${filters.priority}`);
  if (filters.organizationId) parts.push(sql`t.organization_id = ${filters.organizationId}`);
  if (filters.assigneeId) parts.push(sql`t.assignee_id = ${filters.assigneeId}`);
  return sql.join(parts, sql` and `);
}

/**
 * The same filters on the counted moves (alias m), as the ticket was when it moved. With one filter
 * or none, the rollup rows ('*' for every other filter, migration 0018) hold the sums; with more,
 * the full rows of the values asked for.
 */
function moveConditions(filters: ReportFilters): SQL {
  const asked: Array<[SQL, string | undefined]> = [
    [sql`m.type`, filters.type],
    [sql`m.organization_id`, filters.organizationId],
    [sql`m.priority`, filters.priority],
    [sql`m.assignee_id`, filters.assigneeId],
  ];
  const rollup = asked.filter(([, value]) => value !== undefined).length <= 1;
  return sql.join(
    asked.map(([column, value]) => (value !== undefined ? sql`${column} = ${value}` : rollup ? sql`${column} = '*'` : sql`${column} <> '*'`)),
    sql` and `,
  );
}

/** The filters on the solves (alias s), as the ticket was when solved. */
function solveConditions(filters: ReportFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.type) parts.push(sql`s.type = ${filters.type}`);
  if (filters.priority) parts.push(sql`s.priority = ${filters.priority}`);
  if (filters.organizationId) parts.push(sql`s.organization_id = ${filters.organizationId}`);
  if (filters.assigneeId) parts.push(sql`s.assignee_id = ${filters.assigneeId}`);
  return sql.join(parts, sql` and `);
}

async function createdSolved(db: Database, r: Range): Promise<Dashboard['createdSolved']> {
  const rows = await db.execute<{ day: string; created: number; solved: number }>(sql`
    with created as (
      select ${r.dayOf(sql`t.created_at`)} as day, count(*)::int as n from tickets t
      where t.created_at >= ${r.start} and t.created_at < ${r.end} and ${ticketConditions(r.filters)} group by 1
    ), solved as (
      select ${r.dayOf(sql`m.hour`)} as day, sum(m.entered)::int as n from report_status_hours m
      where m.status = 'solved' and m.hour >= ${r.start} and m.hour < ${r.end} and ${moveConditions(r.filters)} group by 1
    )
    select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(c.n, 0) as created, coalesce(s.n, 0) as solved
    from ${r.days} as d left join created c on c.day = d.day left join solved s on s.day = d.day order by d.day`);
  return [...rows];
}

/** ISO weeks from days: the Monday of each, in order. */
function byWeek(days: Dashboard['createdSolved']): Dashboard['createdSolvedByWeek'] {
  const weeks = new Map<string, { week: string } & CreatedSolved>();
  for (const { day, created, solved } of days) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    const week = date.toISOString().slice(0, 10);
    const entry = weeks.get(week) ?? { week, created: 0, solved: 0 };
    entry.created += created;
    entry.solved += solved;
    weeks.set(week, entry);
  }
  return [...weeks.values()];
}

async function backlog(db: Database, r: Range): Promise<Backlog[]> {
  const where = moveConditions(r.filters);
  // Where the range starts, from whole months before it and the hours of the month it starts in;
  // then each day's moves, summed up to its end.
  const monthStart = sql`date_trunc('month', ${r.start}, 'UTC')`;
  const rows = await db.execute<{ day: string; status: TicketStatus; count: number }>(sql`
    with at_start as (
      select status, sum(n)::int as n from (
        select m.status, m.net as n from report_status_months m where m.month < ${monthStart} and ${where}
        union all
        select m.status, m.net from report_status_hours m where m.hour >= ${monthStart} and m.hour < ${r.start} and ${where}
      ) moves group by 1
    ), per_day as (
      select ${r.dayOf(sql`m.hour`)} as day, m.status, sum(m.net)::int as n from report_status_hours m
      where m.hour >= ${r.start} and m.hour < ${r.end} and ${where} group by 1, 2
    )
    select to_char(d.day, 'YYYY-MM-DD') as day, s.status,
      (coalesce(a.n, 0) + coalesce(sum(p.n) over (partition by s.status order by d.day), 0))::int as count
    from ${r.days} as d cross join unnest(${sql.raw(`array[${TICKET_STATUSES.map((status) => `'${status}'`).join(',')}]`)}::text[]) as s(status)
    left join at_start a on a.status = s.status
    left join per_day p on p.status = s.status and p.day = d.day
    order by d.day, s.status`);
  const byDay = new Map<string, Backlog>();
  for (const row of rows) {
    const entry = byDay.get(row.day) ?? ({ day: row.day, ...Object.fromEntries(TICKET_STATUSES.map((status) => [status, 0])) } as Backlog);
    entry[row.status] = row.count;
    byDay.set(row.day, entry);
  }
  return [...byDay.values()];
}

async function times(db: Database, r: Range): Promise<Dashboard['times']> {
  const where = ticketConditions(r.filters);
  const rows = await db.execute<{ week: string; first_median: number | null; first_p90: number | null; resolution_median: number | null; resolution_p90: number | null }>(sql`
    with first_reply as (
      select date_trunc('week', t.created_at at time zone ${r.timeZone})::date as week,
        percentile_cont(0.5) within group (order by t.first_replied_at - t.created_at) as median,
        percentile_cont(0.9) within group (order by t.first_replied_at - t.created_at) as p90
      from tickets t where t.created_at >= ${r.start} and t.created_at < ${r.end} and t.first_replied_at is not null and ${where} group by 1
    ), resolution as (
      select date_trunc('week', s.at at time zone ${r.timeZone})::date as week,
        percentile_cont(0.5) within group (order by s.resolution_seconds) as median,
        percentile_cont(0.9) within group (order by s.resolution_seconds) as p90
      from report_solves s where s.at >= ${r.start} and s.at < ${r.end} and ${solveConditions(r.filters)} group by 1
    )
    select to_char(coalesce(f.week, r.week), 'YYYY-MM-DD') as week,
      extract(epoch from f.median) * 1000 as first_median, extract(epoch from f.p90) * 1000 as first_p90,
      r.median * 1000 as resolution_median, r.p90 * 1000 as resolution_p90
    from first_reply f full join resolution r on r.week = f.week order by 1`);
  const hours = (ms: number | null) => (ms === null ? null : Math.round((Number(ms) / HOUR_MS) * 100) / 100);
  return rows.map((row) => ({
    week: row.week,
    firstReplyMedian: hours(row.first_median),
    firstReplyP90: hours(row.first_p90),
    resolutionMedian: hours(row.resolution_median),
    resolutionP90: hours(row.resolution_p90),
  }));
}

async function sla(db: Database, r: Range): Promise<Dashboard['sla']> {
  const rows = await db.execute<{ target: SlaTargetName; type: TicketType; priority: TicketPriority; met: number; missed: number }>(sql`
    with created as (
      select t.number, t.type, t.priority, t.status, t.sla_version, t.first_reply_due_at, t.first_replied_at, t.next_reply_due_at
      from tickets t where t.created_at >= ${r.start} and t.created_at < ${r.end} and ${ticketConditions(r.filters)}
    ), breaches as (
      select b.ticket_number, bool_or(b.data->>'target' = 'nextReply') as next_reply, bool_or(b.data->>'target' = 'resolution') as resolution
      from ticket_events b where b.kind = 'sla_breached' and b.ticket_number in (select number from created where sla_version is not null) group by 1
    ), pinned as (
      select t.*, coalesce(b.next_reply, false) as next_reply_late, coalesce(b.resolution, false) as resolution_late
      from created t left join breaches b on b.ticket_number = t.number where t.sla_version is not null
    ), outcomes as (
      select 'firstReply' as target, t.type, t.priority,
        t.first_replied_at is not null and t.first_replied_at <= t.first_reply_due_at as met,
        t.first_replied_at > t.first_reply_due_at or (t.first_replied_at is null and t.first_reply_due_at <= now()) as missed
      from created t
      union all
      select 'nextReply', t.type, t.priority,
        not t.next_reply_late and t.next_reply_due_at is null
          and exists (select 1 from ticket_events m where m.ticket_number = t.number and m.kind = 'commented' and m.actor_kind = 'requester' and m.at > t.first_replied_at),
        t.next_reply_late
      from pinned t where t.first_replied_at is not null
      union all
      select 'resolution', t.type, t.priority, not t.resolution_late and t.status in ('solved', 'closed'), t.resolution_late
      from pinned t
    )
    select target, type, priority, count(*) filter (where met)::int as met, count(*) filter (where missed)::int as missed
    from outcomes group by 1, 2, 3 having count(*) filter (where met or missed) > 0
    order by case target when 'firstReply' then 0 when 'nextReply' then 1 else 2 end, type, case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`);
  return rows.map((row) => ({ ...row, metShare: row.met + row.missed > 0 ? Math.round((row.met / (row.met + row.missed)) * 1000) / 10 : null }));
}

async function workload(db: Database, r: Range): Promise<Dashboard['workload']> {
  const where = ticketConditions(r.filters);
  const rows = await db.execute<{ agent_id: string; name: string; open_assigned: number; solved: number }>(sql`
    with agents as (select id, coalesce(name, email) as name from users where role in ('agent', 'admin')),
    open_assigned as (
      select t.assignee_id as id, count(*)::int as n from tickets t where t.status not in ('solved', 'closed') and t.assignee_id is not null and ${where} group by 1
    ), solved as (
      select s.solver_id as id, count(*)::int as n from report_solves s
      where s.solver_id <> '' and s.at >= ${r.start} and s.at < ${r.end} and ${solveConditions(r.filters)} group by 1
    )
    select a.id as agent_id, a.name, coalesce(o.n, 0) as open_assigned, coalesce(s.n, 0) as solved
    from agents a left join open_assigned o on o.id = a.id left join solved s on s.id = a.id
    where coalesce(o.n, 0) + coalesce(s.n, 0) > 0 ${r.filters.assigneeId ? sql`and a.id = ${r.filters.assigneeId}` : sql``}
    order by open_assigned desc, solved desc, a.name`);
  return rows.map((row) => ({ agentId: row.agent_id, name: row.name, openAssigned: row.open_assigned, solved: row.solved }));
}

async function satisfaction(db: Database, r: Range): Promise<Dashboard['satisfaction']> {
  // The ratings of the range from their own index (ticket_events_ratings_idx), then their tickets.
  const rows = await db.execute<{ week: string; good: number; bad: number }>(sql`
    select to_char(date_trunc('week', e.at at time zone ${r.timeZone})::date, 'YYYY-MM-DD') as week,
      count(*) filter (where e.data->>'rating' = 'good')::int as good,
      count(*) filter (where e.data->>'rating' = 'bad')::int as bad
    from ticket_events e join tickets t on t.number = e.ticket_number
    where e.kind = 'satisfaction_rated' and e.at >= ${r.start} and e.at < ${r.end} and ${ticketConditions(r.filters)}
    group by 1 order by 1`);
  return rows.map((row) => ({ ...row, goodShare: row.good + row.bad > 0 ? Math.round((row.good / (row.good + row.bad)) * 1000) / 10 : null }));
}

/** Each report on its own: what a CSV of it, or the bench, asks for. */
export const REPORTS: { [Name in ReportName]: (db: Database, filters: ReportFilters, timeZone: string) => Promise<Dashboard[Name]> } = {
  createdSolved: (db, filters, timeZone) => createdSolved(db, rangeOf(filters, timeZone)),
  createdSolvedByWeek: async (db, filters, timeZone) => byWeek(await createdSolved(db, rangeOf(filters, timeZone))),
  backlog: (db, filters, timeZone) => backlog(db, rangeOf(filters, timeZone)),
  times: (db, filters, timeZone) => times(db, rangeOf(filters, timeZone)),
  sla: (db, filters, timeZone) => sla(db, rangeOf(filters, timeZone)),
  workload: (db, filters, timeZone) => workload(db, rangeOf(filters, timeZone)),
  satisfaction: (db, filters, timeZone) => satisfaction(db, rangeOf(filters, timeZone)),
};

/** Every report of the page at once, side by side on the pool. */
export async function dashboard(db: Database, filters: ReportFilters, timeZone: string): Promise<Dashboard> {
  const range = rangeOf(filters, timeZone);
  const [days, backlogRows, timeRows, slaRows, workloadRows, ratingRows] = await Promise.all([
    createdSolved(db, range),
    backlog(db, range),
    times(db, range),
    sla(db, range),
    workload(db, range),
    satisfaction(db, range),
  ]);
  return { timeZone, createdSolved: days, createdSolvedByWeek: byWeek(days), backlog: backlogRows, times: timeRows, sla: slaRows, workload: workloadRows, satisfaction: ratingRows };
}
