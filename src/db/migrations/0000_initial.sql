CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"ticket_number" bigint,
	"recipient" text NOT NULL,
	"recipient_id" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "ticket_comments" (
	"ticket_number" bigint NOT NULL,
	"seq" integer NOT NULL,
	"author_id" text NOT NULL,
	"author_kind" text NOT NULL,
	"author_name" text,
	"body" text NOT NULL,
	"internal" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_comments_ticket_number_seq_pk" PRIMARY KEY("ticket_number","seq")
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"ticket_number" bigint NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_name" text,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"data" jsonb NOT NULL,
	CONSTRAINT "ticket_events_ticket_number_seq_pk" PRIMARY KEY("ticket_number","seq")
);
--> statement-breakpoint
CREATE TABLE "ticket_requests" (
	"requester_id" text NOT NULL,
	"request_id" text NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ticket_requests_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_requests_requester_id_request_id_pk" PRIMARY KEY("requester_id","request_id"),
	CONSTRAINT "ticket_requests_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"number" bigint PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"type" text NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"requester_id" text NOT NULL,
	"requester_email" text NOT NULL,
	"requester_name" text,
	"organization_id" text,
	"assignee_id" text,
	"assignee_email" text,
	"assignee_name" text,
	"ccs" jsonb NOT NULL,
	"cc_ids" text[] NOT NULL,
	"follow_up_of" bigint,
	"comment_count" integer NOT NULL,
	"policy" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"pending_reminder_sent_at" timestamp with time zone,
	"auto_close_at" timestamp with time zone,
	"first_reply_due_at" timestamp with time zone NOT NULL,
	"first_replied_at" timestamp with time zone,
	"sla_breached_at" timestamp with time zone,
	"solved_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_idx" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("next_attempt_at") WHERE "notifications"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_ticket_idx" ON "notifications" USING btree ("ticket_number");--> statement-breakpoint
CREATE INDEX "tickets_requester_idx" ON "tickets" USING btree ("requester_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_organization_idx" ON "tickets" USING btree ("organization_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("status","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("assignee_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_sla_breached_idx" ON "tickets" USING btree ("sla_breached_at") WHERE "tickets"."sla_breached_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_cc_ids_idx" ON "tickets" USING gin ("cc_ids");