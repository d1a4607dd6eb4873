CREATE TABLE "mcp_server_catalog" (
	"server_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"definition" json NOT NULL,
	"previous" json,
	"changed" boolean DEFAULT false NOT NULL,
	"changed_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mcp_server_catalog_server_id_kind_name_pk" PRIMARY KEY("server_id","kind","name")
);
--> statement-breakpoint
CREATE TABLE "mcp_server_health_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"server_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"latency_ms" integer,
	"status" text NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD COLUMN "disabled_tools" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD COLUMN "consecutive_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD COLUMN "catalog_refreshed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mcp_server_catalog" ADD CONSTRAINT "mcp_server_catalog_server_id_mcp_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_server_catalog" ADD CONSTRAINT "mcp_server_catalog_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_server_health_checks" ADD CONSTRAINT "mcp_server_health_checks_server_id_mcp_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_server_health_checks" ADD CONSTRAINT "mcp_server_health_checks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mcp_server_health_checks_server_idx" ON "mcp_server_health_checks" USING btree ("server_id","checked_at");