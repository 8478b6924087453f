CREATE TABLE "message_requests" (
	"user_id" text NOT NULL,
	"request_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_requests_user_id_request_id_pk" PRIMARY KEY("user_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "projection_faults" (
	"ticket_number" bigint PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"message" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticket_requests" ADD COLUMN "fingerprint" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "public_comment_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "message_requests_created_idx" ON "message_requests" USING btree ("created_at");--> statement-breakpoint
-- Existing tickets: the requesters' count, from the comments already there.
UPDATE "tickets" SET "public_comment_count" = (
	SELECT count(*) FROM "ticket_comments" c WHERE c."ticket_number" = "tickets"."number" AND NOT c."internal"
);
