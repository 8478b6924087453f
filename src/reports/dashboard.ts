// The Support Ops lead's numbers, computed in Postgres from the projection: the tickets table and
// the audit trail (ticket_events), which the projection writes with every change, so a report is
// never behind the desk. Days are the team's (TIME_ZONE); a range is [from, to) in whole days.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { TICKET_STATUSES, type TicketStatus, type TicketType } from '../../workflows/ticket/model.js';

export interface ReportFilters {
  /** First day (YYYY-MM-DD), included. */
  from: string;
  /** Last day (YYYY-MM-DD), included. */
  to: string;
  type?: TicketType;
  organizationId?: string;
  assigneeId?: string;
}

export interface DayCount {
  day: string;
  count: number;
}

export interface Dashboard {
  timeZone: string;
  /** Tickets created, and solves (a ticket solved, reopened and solved again counts twice), per day. */
  createdSolved: Array<{ day: string; created: number; solved: number }>;
  /** How many tickets were in each status at the end of each day. */
  backlog: Array<{ day: string } & Record<TicketStatus, number>>;
  /** Per ISO week (its Monday): first-reply time of tickets created that week, resolution time of the solves that week; hours. */
  times: Array<{ week: string; firstReplyMedian: number | null; firstReplyP90: number | null; resolutionMedian: number | null; resolutionP90: number | null }>;
  /** First-reply target, for tickets created in the range whose target has passed or that were answered. */
  sla: Array<{ type: TicketType; met: number; missed: number; metShare: number | null }>;
  /** Per agent: tickets assigned and not Solved or Closed now; solves they made in the range. */
  workload: Array<{ agentId: string; name: string; openAssigned: number; solved: number }>;
}

const HOUR_MS = 3_600_000;

/** The conditions on the ticket (alias t) a report's filters ask for. */
function ticketConditions(filters: ReportFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.type) parts.push(sql`t.type = ${filters.type}`);
  if (filters.organizationId) parts.push(sql`t.organization_id = ${filters.organizationId}`);
  if (filters.assigneeId) parts.push(sql`t.assignee_id = ${filters.assigneeId}`);
  return sql.join(parts, sql` and `);
}

/** The same filters on report_status_hours (alias m). */
function hourlyConditions(filters: ReportFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.type) parts.push(sql`m.type = ${filters.type}`);
  if (filters.organizationId) parts.push(sql`m.organization_id = ${filters.organizationId}`);
  return sql.join(parts, sql` and `);
}

export async function dashboard(db: Database, filters: ReportFilters, timeZone: string): Promise<Dashboard> {
  const where = ticketConditions(filters);
  // The hourly counts know each ticket's type and organization, not who holds it.
  const fromHourlyCounts = filters.assigneeId === undefined;
  const hourlyWhere = hourlyConditions(filters);
  // The range's bounds as instants: midnight of the first day, midnight after the last, in the team's zone.
  const start = sql`(${filters.from}::date::timestamp at time zone ${timeZone})`;
  const end = sql`((${filters.to}::date + 1)::timestamp at time zone ${timeZone})`;
  const dayOf = (column: SQL) => sql`(${column} at time zone ${timeZone})::date`;
  const days = sql`(select g::date as day from generate_series(${filters.from}::date, ${filters.to}::date, interval '1 day') as g)`;

  const [createdSolved, backlog, times, sla, workload] = await Promise.all([
    db.execute<{ day: string; created: number; solved: number }>(sql`
      with created as (
        select ${dayOf(sql`t.created_at`)} as day, count(*)::int as n from tickets t
        where t.created_at >= ${start} and t.created_at < ${end} and ${where} group by 1
      ), solved as (${
        fromHourlyCounts
          ? sql`select ${dayOf(sql`m.hour`)} as day, sum(m.entered)::int as n from report_status_hours m
              where m.status = 'solved' and m.hour >= ${start} and m.hour < ${end} and ${hourlyWhere} group by 1`
          : sql`select ${dayOf(sql`e.at`)} as day, count(*)::int as n from ticket_events e join tickets t on t.number = e.ticket_number
              where e.kind = 'status_changed' and e.to_status = 'solved' and e.at >= ${start} and e.at < ${end} and ${where} group by 1`
      })
      select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(c.n, 0) as created, coalesce(s.n, 0) as solved
      from ${days} as d left join created c on c.day = d.day left join solved s on s.day = d.day order by d.day`),
    // Each creation and status change moves one ticket between statuses: summed up to each day's
    // end, the moves give the backlog, whatever happened before the range. By type and
    // organization the hourly counts (report_status_hours) hold them; by agent, the audit trail.
    db.execute<{ day: string; status: TicketStatus; count: number }>(sql`
      with per_day as (${
        fromHourlyCounts
          ? sql`select greatest(${dayOf(sql`m.hour`)}, ${filters.from}::date) as day, m.status, sum(m.entered - m."left")::int as delta
              from report_status_hours m where m.hour < ${end} and ${hourlyWhere} group by 1, 2`
          : sql`select greatest(${dayOf(sql`moves.at`)}, ${filters.from}::date) as day, moves.status, sum(moves.delta)::int as delta from (
              select e.at, e.to_status as status, 1 as delta from ticket_events e join tickets t on t.number = e.ticket_number
                where e.kind in ('created', 'status_changed') and e.at < ${end} and ${where}
              union all
              select e.at, e.from_status, -1 from ticket_events e join tickets t on t.number = e.ticket_number
                where e.kind = 'status_changed' and e.at < ${end} and ${where}
            ) moves group by 1, 2`
      })
      select to_char(d.day, 'YYYY-MM-DD') as day, s.status, (coalesce(sum(p.delta), 0))::int as count
      from ${days} as d cross join unnest(${sql.raw(`array[${TICKET_STATUSES.map((status) => `'${status}'`).join(',')}]`)}::text[]) as s(status)
      left join per_day p on p.status = s.status and p.day <= d.day
      group by d.day, s.status order by d.day, s.status`),
    db.execute<{ week: string; first_median: number | null; first_p90: number | null; resolution_median: number | null; resolution_p90: number | null }>(sql`
      with first_reply as (
        select date_trunc('week', t.created_at at time zone ${timeZone})::date as week,
          percentile_cont(0.5) within group (order by t.first_replied_at - t.created_at) as median,
          percentile_cont(0.9) within group (order by t.first_replied_at - t.created_at) as p90
        from tickets t where t.created_at >= ${start} and t.created_at < ${end} and t.first_replied_at is not null and ${where} group by 1
      ), resolution as (
        select date_trunc('week', e.at at time zone ${timeZone})::date as week,
          percentile_cont(0.5) within group (order by e.at - t.created_at) as median,
          percentile_cont(0.9) within group (order by e.at - t.created_at) as p90
        from ticket_events e join tickets t on t.number = e.ticket_number
        where e.kind = 'status_changed' and e.to_status = 'solved' and e.at >= ${start} and e.at < ${end} and ${where} group by 1
      )
      select to_char(coalesce(f.week, r.week), 'YYYY-MM-DD') as week,
        extract(epoch from f.median) * 1000 as first_median, extract(epoch from f.p90) * 1000 as first_p90,
        extract(epoch from r.median) * 1000 as resolution_median, extract(epoch from r.p90) * 1000 as resolution_p90
      from first_reply f full join resolution r on r.week = f.week order by 1`),
    db.execute<{ type: TicketType; met: number; missed: number }>(sql`
      select t.type,
        count(*) filter (where t.first_replied_at is not null and t.first_replied_at <= t.first_reply_due_at)::int as met,
        count(*) filter (where t.first_replied_at > t.first_reply_due_at or (t.first_replied_at is null and t.first_reply_due_at <= now()))::int as missed
      from tickets t where t.created_at >= ${start} and t.created_at < ${end} and ${where}
      group by t.type order by t.type`),
    db.execute<{ agent_id: string; name: string; open_assigned: number; solved: number }>(sql`
      with agents as (select id, coalesce(name, email) as name from users where role in ('agent', 'admin')),
      open_assigned as (
        select t.assignee_id as id, count(*)::int as n from tickets t where t.status not in ('solved', 'closed') and t.assignee_id is not null and ${where} group by 1
      ), solved as (
        select e.actor_id as id, count(*)::int as n from ticket_events e join tickets t on t.number = e.ticket_number
        where e.kind = 'status_changed' and e.to_status = 'solved' and e.actor_kind = 'agent' and e.at >= ${start} and e.at < ${end} and ${where} group by 1
      )
      select a.id as agent_id, a.name, coalesce(o.n, 0) as open_assigned, coalesce(s.n, 0) as solved
      from agents a left join open_assigned o on o.id = a.id left join solved s on s.id = a.id
      where coalesce(o.n, 0) + coalesce(s.n, 0) > 0 ${filters.assigneeId ? sql`and a.id = ${filters.assigneeId}` : sql``}
      order by open_assigned desc, solved desc, a.name`),
  ]);

  const hours = (ms: number | null) => (ms === null ? null : Math.round((Number(ms) / HOUR_MS) * 100) / 100);
  const backlogByDay = new Map<string, { day: string } & Record<TicketStatus, number>>();
  for (const row of backlog) {
    const entry = backlogByDay.get(row.day) ?? ({ day: row.day, open: 0, pending: 0, 'on-hold': 0, solved: 0, closed: 0 } as { day: string } & Record<TicketStatus, number>);
    entry[row.status] = row.count;
    backlogByDay.set(row.day, entry);
  }
  return {
    timeZone,
    createdSolved: [...createdSolved],
    backlog: [...backlogByDay.values()],
    times: times.map((row) => ({
      week: row.week,
      firstReplyMedian: hours(row.first_median),
      firstReplyP90: hours(row.first_p90),
      resolutionMedian: hours(row.resolution_median),
      resolutionP90: hours(row.resolution_p90),
    })),
    sla: sla.map((row) => ({ ...row, metShare: row.met + row.missed > 0 ? Math.round((row.met / (row.met + row.missed)) * 1000) / 10 : null })),
    workload: workload.map((row) => ({ agentId: row.agent_id, name: row.name, openAssigned: row.open_assigned, solved: row.solved })),
  };
}
