CREATE TABLE "usage_daily" (
	"day" date NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"server_id" uuid NOT NULL,
	"method" text NOT NULL,
	"tool" text NOT NULL,
	"status" text NOT NULL,
	"calls" integer NOT NULL,
	"latency_ms_total" bigint NOT NULL,
	"bytes_in" bigint NOT NULL,
	"bytes_out" bigint NOT NULL,
	"tokens_in" bigint NOT NULL,
	"tokens_out" bigint NOT NULL,
	CONSTRAINT "usage_daily_day_org_id_user_id_server_id_method_tool_status_pk" PRIMARY KEY("day","org_id","user_id","server_id","method","tool","status")
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_id" uuid,
	"workspace_id" uuid,
	"server_id" uuid,
	"method" text NOT NULL,
	"tool" text NOT NULL,
	"status" text NOT NULL,
	"error_code" text,
	"latency_ms" integer NOT NULL,
	"bytes_in" integer NOT NULL,
	"bytes_out" integer NOT NULL,
	"tokens_in" integer NOT NULL,
	"tokens_out" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_quota_counters" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"org_id" uuid NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "usage_quota_counters_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_quota_counters" ADD CONSTRAINT "usage_quota_counters_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_daily_org_day_idx" ON "usage_daily" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "usage_events_org_at_idx" ON "usage_events" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "usage_events_at_idx" ON "usage_events" USING btree ("at");