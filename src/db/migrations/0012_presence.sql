CREATE TABLE "ticket_presence" (
	"ticket_number" bigint NOT NULL,
	"user_id" text NOT NULL,
	"activity" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_presence_ticket_number_user_id_pk" PRIMARY KEY("ticket_number","user_id")
);
--> statement-breakpoint
ALTER TABLE "ticket_presence" ADD CONSTRAINT "ticket_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_presence_seen_idx" ON "ticket_presence" USING btree ("seen_at");--> statement-breakpoint
-- Heartbeats every few seconds, worthless after a crash: not worth the write-ahead log.
ALTER TABLE "ticket_presence" SET UNLOGGED;
