-- The hourly counts gain the ticket's priority and assignee at the time (0016): the old trigger and
-- table go first, and 0016 counts everything again from the audit trail.
DROP TRIGGER "ticket_events_report_status_hours" ON "ticket_events";--> statement-breakpoint
DROP FUNCTION report_count_status_moves();--> statement-breakpoint
DROP TABLE "report_status_hours" CASCADE;
