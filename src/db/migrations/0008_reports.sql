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
-- Each creation or status change moves one ticket: into its new status, out of its old one.
CREATE FUNCTION report_count_status_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ticket_type text;
  organization text;
BEGIN
  IF NEW.kind NOT IN ('created', 'status_changed') THEN
    RETURN NULL;
  END IF;
  -- The projection writes the tickets row before its events, in the same transaction.
  SELECT t.type, coalesce(t.organization_id, '') INTO ticket_type, organization FROM tickets t WHERE t.number = NEW.ticket_number;
  IF ticket_type IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO report_status_hours (hour, status, type, organization_id, entered)
    VALUES (date_trunc('hour', NEW.at), NEW.to_status, ticket_type, organization, 1)
    ON CONFLICT (hour, status, type, organization_id) DO UPDATE SET entered = report_status_hours.entered + 1;
  IF NEW.kind = 'status_changed' AND NEW.from_status IS NOT NULL THEN
    INSERT INTO report_status_hours (hour, status, type, organization_id, "left")
      VALUES (date_trunc('hour', NEW.at), NEW.from_status, ticket_type, organization, 1)
      ON CONFLICT (hour, status, type, organization_id) DO UPDATE SET "left" = report_status_hours."left" + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ticket_events_report_status_hours AFTER INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION report_count_status_move();
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
