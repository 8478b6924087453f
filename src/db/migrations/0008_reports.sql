CREATE TABLE "report_status_hours" (
	"hour" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"type" text NOT NULL,
	"organization_id" text NOT NULL,
	"entered" integer DEFAULT 0 NOT NULL,
	"left" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_status_hours_hour_status_type_organization_id_pk" PRIMARY KEY("hour","status","type","organization_id")
);
--> statement-breakpoint
CREATE INDEX "ticket_events_solved_idx" ON "ticket_events" USING btree ("at","actor_id") WHERE "ticket_events"."kind" = 'status_changed' and "ticket_events"."to_status" = 'solved';--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tickets_open_assignee_idx" ON "tickets" USING btree ("assignee_id") WHERE "tickets"."status" not in ('solved', 'closed') and "tickets"."assignee_id" is not null;--> statement-breakpoint
-- Each creation or status change moves one ticket: into its new status, out of its old one. Once
-- per statement (a projection write inserts its events in one), summed per row and written in one
-- fixed order: two writes that touch the same rows wait for each other, never deadlock.
CREATE FUNCTION report_count_status_moves() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_status_hours AS r (hour, status, type, organization_id, entered, "left")
  SELECT hour, status, type, organization_id, sum(entered)::int, sum("left")::int FROM (
    -- The projection writes the tickets row before its events, in the same transaction.
    SELECT date_trunc('hour', n.at) AS hour, n.to_status AS status, t.type, coalesce(t.organization_id, '') AS organization_id, 1 AS entered, 0 AS "left"
      FROM new_events n JOIN tickets t ON t.number = n.ticket_number WHERE n.kind IN ('created', 'status_changed')
    UNION ALL
    SELECT date_trunc('hour', n.at), n.from_status, t.type, coalesce(t.organization_id, ''), 0, 1
      FROM new_events n JOIN tickets t ON t.number = n.ticket_number WHERE n.kind = 'status_changed' AND n.from_status IS NOT NULL
  ) moves
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (hour, status, type, organization_id) DO UPDATE SET entered = r.entered + excluded.entered, "left" = r."left" + excluded."left";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ticket_events_report_status_hours AFTER INSERT ON ticket_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION report_count_status_moves();
--> statement-breakpoint
-- What happened before this migration, counted once.
INSERT INTO report_status_hours (hour, status, type, organization_id, entered, "left")
SELECT hour, status, type, organization_id, sum(entered)::int, sum("left")::int FROM (
  SELECT date_trunc('hour', e.at) AS hour, e.to_status AS status, t.type, coalesce(t.organization_id, '') AS organization_id, 1 AS entered, 0 AS "left"
    FROM ticket_events e JOIN tickets t ON t.number = e.ticket_number WHERE e.kind IN ('created', 'status_changed')
  UNION ALL
  SELECT date_trunc('hour', e.at), e.from_status, t.type, coalesce(t.organization_id, ''), 0, 1
    FROM ticket_events e JOIN tickets t ON t.number = e.ticket_number WHERE e.kind = 'status_changed' AND e.from_status IS NOT NULL
) moves GROUP BY 1, 2, 3, 4;
