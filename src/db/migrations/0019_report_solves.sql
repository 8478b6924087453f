CREATE TABLE "report_solves" (
	"ticket_number" bigint NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"solver_id" text NOT NULL,
	"type" text NOT NULL,
	"organization_id" text NOT NULL,
	"priority" text NOT NULL,
	"assignee_id" text NOT NULL,
	"resolution_seconds" integer NOT NULL,
	CONSTRAINT "report_solves_ticket_number_seq_pk" PRIMARY KEY("ticket_number","seq")
);
--> statement-breakpoint
CREATE INDEX "report_solves_at_idx" ON "report_solves" USING btree ("at");--> statement-breakpoint
-- The solves among the given events, each with the ticket as it was then (report_moves).
CREATE FUNCTION report_count_solves_of(ticket_numbers bigint[], seqs integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_solves (ticket_number, seq, at, solver_id, type, organization_id, priority, assignee_id, resolution_seconds)
  SELECT m.ticket_number, m.seq, m.at, CASE WHEN e.actor_kind = 'agent' THEN e.actor_id ELSE '' END, m.type, m.organization_id, m.priority, m.assignee_id,
    round(extract(epoch from m.at - t.created_at))::int
  FROM report_moves(ARRAY(SELECT DISTINCT unnest(ticket_numbers))) m
  JOIN unnest(ticket_numbers, seqs) AS n(ticket_number, seq) ON n.ticket_number = m.ticket_number AND n.seq = m.seq
  JOIN ticket_events e ON e.ticket_number = m.ticket_number AND e.seq = m.seq
  JOIN tickets t ON t.number = m.ticket_number
  WHERE e.kind = 'status_changed' AND m.status = 'solved' AND m.entered = 1
  ORDER BY 1, 2
  ON CONFLICT DO NOTHING
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_count_new_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_count_moves_of(ARRAY(SELECT n.ticket_number FROM new_events n ORDER BY 1, n.seq), ARRAY(SELECT n.seq FROM new_events n ORDER BY n.ticket_number, n.seq));
  IF EXISTS (SELECT 1 FROM new_events n WHERE n.kind = 'status_changed' AND n.to_status = 'solved') THEN
    PERFORM report_count_solves_of(
      ARRAY(SELECT n.ticket_number FROM new_events n WHERE n.kind = 'status_changed' AND n.to_status = 'solved' ORDER BY 1, n.seq),
      ARRAY(SELECT n.seq FROM new_events n WHERE n.kind = 'status_changed' AND n.to_status = 'solved' ORDER BY n.ticket_number, n.seq));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The solves made before this migration.
SELECT report_count_solves_of(
  ARRAY(SELECT e.ticket_number FROM ticket_events e WHERE e.kind = 'status_changed' AND e.to_status = 'solved' ORDER BY 1, e.seq),
  ARRAY(SELECT e.seq FROM ticket_events e WHERE e.kind = 'status_changed' AND e.to_status = 'solved' ORDER BY e.ticket_number, e.seq));
