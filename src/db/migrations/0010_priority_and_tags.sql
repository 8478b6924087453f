CREATE TABLE "tags" (
	"name" text PRIMARY KEY NOT NULL,
	"tickets" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "priority" text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "tags_popular_idx" ON "tags" USING btree ("tickets" DESC NULLS LAST,"name");--> statement-breakpoint
CREATE INDEX "tickets_priority_first_idx" ON "tickets" USING btree ((case "priority" when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end),"updated_at" DESC NULLS FIRST,"number" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_tags_idx" ON "tickets" USING gin ("tags");--> statement-breakpoint
-- Tickets there already start as a new one would: Critical / SEV urgent, the rest normal (their
-- workflows agree: workflows/ticket/state.ts, upgradeState).
UPDATE "tickets" SET "priority" = 'urgent' WHERE "type" = 'critical';
