CREATE INDEX "ticket_events_moves_idx" ON "ticket_events" USING btree ("ticket_number","seq") WHERE "ticket_events"."kind" in ('created', 'status_changed', 'priority_changed', 'assigned');--> statement-breakpoint
-- report_moves reads only the events that move a ticket: a projection write of a ticket with a long
-- conversation (hundreds of comments) no longer reads them all again to count one status change.
CREATE OR REPLACE FUNCTION report_moves(numbers bigint[]) RETURNS TABLE (
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
    WHERE e.ticket_number = ANY(numbers) AND e.kind IN ('created', 'status_changed', 'priority_changed', 'assigned')
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
