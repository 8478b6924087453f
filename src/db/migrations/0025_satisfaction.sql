CREATE TABLE "satisfaction_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"ticket_number" bigint NOT NULL,
	"survey" integer NOT NULL,
	"requester_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "lifecycle_duration_versions" ADD COLUMN "satisfaction_delay_ms" bigint DEFAULT 86400000 NOT NULL;--> statement-breakpoint
ALTER TABLE "lifecycle_duration_versions" ADD COLUMN "bad_rating_notifies_ops" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_links_survey_idx" ON "satisfaction_links" USING btree ("ticket_number","survey");--> statement-breakpoint
CREATE INDEX "ticket_events_ratings_idx" ON "ticket_events" USING btree ("at") WHERE "ticket_events"."kind" = 'satisfaction_rated';