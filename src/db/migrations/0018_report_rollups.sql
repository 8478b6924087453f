CREATE INDEX "report_status_hours_filters_idx" ON "report_status_hours" USING btree ("type","organization_id","priority","assignee_id","hour");--> statement-breakpoint
CREATE INDEX "report_status_months_filters_idx" ON "report_status_months" USING btree ("type","organization_id","priority","assignee_id","month");--> statement-breakpoint
-- Beside each move's full row, rollups: the same move counted with every filter but one (or all)
-- as '*'. A report with no filter, or one, reads only its rollup's rows (a few per hour); with
-- several filters, the full rows of those values. '*' is never a type, priority or id.
CREATE OR REPLACE FUNCTION report_count_moves_of(ticket_numbers bigint[], seqs integer[]) RETURNS void LANGUAGE sql AS $$
  WITH moves AS (
    SELECT m.*, date_trunc('hour', m.at, 'UTC') AS hour, date_trunc('month', m.at, 'UTC') AS month FROM report_moves(ARRAY(SELECT DISTINCT unnest(ticket_numbers))) m
    JOIN unnest(ticket_numbers, seqs) AS e(ticket_number, seq) ON e.ticket_number = m.ticket_number AND e.seq = m.seq
  ), rolled AS (
    SELECT m.hour, m.month, m.status,
      CASE WHEN grouping(m.type) = 1 THEN '*' ELSE m.type END AS type,
      CASE WHEN grouping(m.organization_id) = 1 THEN '*' ELSE m.organization_id END AS organization_id,
      CASE WHEN grouping(m.priority) = 1 THEN '*' ELSE m.priority END AS priority,
      CASE WHEN grouping(m.assignee_id) = 1 THEN '*' ELSE m.assignee_id END AS assignee_id,
      sum(m.entered)::int AS entered, sum(m.net)::int AS net
    FROM moves m
    GROUP BY GROUPING SETS (
      (m.hour, m.month, m.status, m.type, m.organization_id, m.priority, m.assignee_id),
      (m.hour, m.month, m.status, m.type), (m.hour, m.month, m.status, m.organization_id),
      (m.hour, m.month, m.status, m.priority), (m.hour, m.month, m.status, m.assignee_id),
      (m.hour, m.month, m.status)
    )
  ), hours AS (
    INSERT INTO report_status_hours AS r (hour, status, type, organization_id, priority, assignee_id, entered, net)
    SELECT hour, status, type, organization_id, priority, assignee_id, entered, net FROM rolled ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (hour, status, type, organization_id, priority, assignee_id) DO UPDATE SET entered = r.entered + excluded.entered, net = r.net + excluded.net
  )
  INSERT INTO report_status_months AS r (month, status, type, organization_id, priority, assignee_id, entered, net)
  SELECT month, status, type, organization_id, priority, assignee_id, sum(entered)::int, sum(net)::int FROM rolled GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (month, status, type, organization_id, priority, assignee_id) DO UPDATE SET entered = r.entered + excluded.entered, net = r.net + excluded.net
$$;
--> statement-breakpoint
-- Everything counted again, with the rollups.
TRUNCATE report_status_hours, report_status_months;
--> statement-breakpoint
SELECT report_count_moves_of(ARRAY(SELECT e.ticket_number FROM ticket_events e ORDER BY 1, e.seq), ARRAY(SELECT e.seq FROM ticket_events e ORDER BY e.ticket_number, e.seq));
