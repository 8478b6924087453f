CREATE TABLE "report_status_hours" (
	"hour" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"type" text NOT NULL,
	"organization_id" text NOT NULL,
	"priority" text NOT NULL,
	"assignee_id" text NOT NULL,
	"entered" integer DEFAULT 0 NOT NULL,
	"net" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_status_hours_hour_status_type_organization_id_priority_assignee_id_pk" PRIMARY KEY("hour","status","type","organization_id","priority","assignee_id")
);
--> statement-breakpoint
CREATE TABLE "report_status_months" (
	"month" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"type" text NOT NULL,
	"organization_id" text NOT NULL,
	"priority" text NOT NULL,
	"assignee_id" text NOT NULL,
	"entered" integer DEFAULT 0 NOT NULL,
	"net" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_status_months_month_status_type_organization_id_priority_assignee_id_pk" PRIMARY KEY("month","status","type","organization_id","priority","assignee_id")
);--> statement-breakpoint
-- Every move of the given tickets' events, each with the ticket as it was at that event: a creation
-- puts the ticket in (status Open); a status change, a new priority or a new assignee takes it out
-- of one (status, priority, assignee) and into another. The priority and assignee at an event are
-- the last change's before it, or before any change the first change's "from", or with no change
-- at all the ticket's own: read from the audit trail alone, so it does not matter what the tickets
-- row says when the trigger runs.
CREATE FUNCTION report_moves(numbers bigint[]) RETURNS TABLE (
  ticket_number bigint, seq integer, at timestamptz, status text, type text, organization_id text, priority text, assignee_id text, entered integer, net integer
) LANGUAGE sql STABLE AS $$
  WITH numbered AS (
    SELECT e.ticket_number, e.seq, e.at, e.kind, e.from_status, e.to_status, e.data,
      count(e.to_status) OVER w AS status_group,
      count(*) FILTER (WHERE e.kind = 'priority_changed') OVER w AS priority_group,
      count(*) FILTER (WHERE e.kind = 'assigned') OVER w AS assignee_group,
      count(*) FILTER (WHERE e.kind = 'priority_changed') OVER ticket AS priority_changes,
      count(*) FILTER (WHERE e.kind = 'assigned') OVER ticket AS assignee_changes,
      first_value(e.data->>'from') OVER (PARTITION BY e.ticket_number ORDER BY e.kind <> 'priority_changed', e.seq) AS first_priority,
      first_value(e.data->'from'->>'id') OVER (PARTITION BY e.ticket_number ORDER BY e.kind <> 'assigned', e.seq) AS first_assignee
    FROM ticket_events e
    WHERE e.ticket_number = ANY(numbers)
    WINDOW w AS (PARTITION BY e.ticket_number ORDER BY e.seq), ticket AS (PARTITION BY e.ticket_number)
  ), at_event AS (
    SELECT n.*, t.type, coalesce(t.organization_id, '') AS organization_id,
      first_value(n.to_status) OVER (PARTITION BY n.ticket_number, n.status_group ORDER BY n.seq) AS status_now,
      CASE WHEN n.priority_group > 0 THEN first_value(n.data->>'to') OVER (PARTITION BY n.ticket_number, n.priority_group ORDER BY n.seq)
           WHEN n.priority_changes > 0 THEN n.first_priority ELSE t.priority END AS priority_now,
      coalesce(CASE WHEN n.assignee_group > 0 THEN first_value(n.data->'to'->>'id') OVER (PARTITION BY n.ticket_number, n.assignee_group ORDER BY n.seq)
           WHEN n.assignee_changes > 0 THEN n.first_assignee ELSE t.assignee_id END, '') AS assignee_now
    FROM numbered n JOIN tickets t ON t.number = n.ticket_number
  )
  -- Into the row the event leaves the ticket in.
  SELECT a.ticket_number, a.seq, a.at, a.status_now, a.type, a.organization_id, a.priority_now, a.assignee_now,
    (a.kind = 'status_changed')::int, 1
  FROM at_event a WHERE a.kind IN ('created', 'status_changed', 'priority_changed', 'assigned') AND a.status_now IS NOT NULL
  UNION ALL
  -- Out of the row it was in.
  SELECT a.ticket_number, a.seq, a.at,
    CASE WHEN a.kind = 'status_changed' THEN a.from_status ELSE a.status_now END, a.type, a.organization_id,
    CASE WHEN a.kind = 'priority_changed' THEN a.data->>'from' ELSE a.priority_now END,
    CASE WHEN a.kind = 'assigned' THEN coalesce(a.data->'from'->>'id', '') ELSE a.assignee_now END,
    0, -1
  FROM at_event a
  WHERE (a.kind = 'status_changed' AND a.from_status IS NOT NULL) OR (a.kind IN ('priority_changed', 'assigned') AND a.status_now IS NOT NULL)
$$;
--> statement-breakpoint
-- Counts the moves of the given events (ticket_numbers[i], seqs[i]) in both tables, summed per row
-- and written in one fixed order: two writes that touch the same rows wait for each other, never
-- deadlock.
CREATE FUNCTION report_count_moves_of(ticket_numbers bigint[], seqs integer[]) RETURNS void LANGUAGE sql AS $$
  WITH moves AS (
    SELECT m.* FROM report_moves(ARRAY(SELECT DISTINCT unnest(ticket_numbers))) m
    JOIN unnest(ticket_numbers, seqs) AS e(ticket_number, seq) ON e.ticket_number = m.ticket_number AND e.seq = m.seq
  ), hours AS (
    INSERT INTO report_status_hours AS r (hour, status, type, organization_id, priority, assignee_id, entered, net)
    SELECT date_trunc('hour', m.at, 'UTC'), m.status, m.type, m.organization_id, m.priority, m.assignee_id, sum(m.entered)::int, sum(m.net)::int
    FROM moves m GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (hour, status, type, organization_id, priority, assignee_id) DO UPDATE SET entered = r.entered + excluded.entered, net = r.net + excluded.net
  )
  INSERT INTO report_status_months AS r (month, status, type, organization_id, priority, assignee_id, entered, net)
  SELECT date_trunc('month', m.at, 'UTC'), m.status, m.type, m.organization_id, m.priority, m.assignee_id, sum(m.entered)::int, sum(m.net)::int
  FROM moves m GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (month, status, type, organization_id, priority, assignee_id) DO UPDATE SET entered = r.entered + excluded.entered, net = r.net + excluded.net
$$;
--> statement-breakpoint
-- Once per statement (a projection write inserts its events in one), after the tickets row.
CREATE FUNCTION report_count_new_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_count_moves_of(ARRAY(SELECT n.ticket_number FROM new_events n ORDER BY 1, n.seq), ARRAY(SELECT n.seq FROM new_events n ORDER BY n.ticket_number, n.seq));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ticket_events_report_moves AFTER INSERT ON ticket_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION report_count_new_events();
--> statement-breakpoint
-- What happened before this migration, counted once.
SELECT report_count_moves_of(ARRAY(SELECT e.ticket_number FROM ticket_events e ORDER BY 1, e.seq), ARRAY(SELECT e.seq FROM ticket_events e ORDER BY e.ticket_number, e.seq));
