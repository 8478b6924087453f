CREATE TABLE "calendar_versions" (
	"calendar_id" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	CONSTRAINT "calendar_versions_calendar_id_version_pk" PRIMARY KEY("calendar_id","version")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_duration_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"pending_reminder_ms" bigint NOT NULL,
	"pending_auto_close_ms" bigint NOT NULL,
	"solved_auto_close_ms" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text
);
--> statement-breakpoint
CREATE TABLE "sla_policy_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"targets" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text
);
