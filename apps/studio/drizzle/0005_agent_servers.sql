CREATE TABLE "agent_server_registration_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"agent_server_id" uuid
);
--> statement-breakpoint
CREATE TABLE "agent_servers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"origin" text NOT NULL,
	"master_token_secret" text NOT NULL,
	"key_id" text NOT NULL,
	"node_token_hash" text,
	"status" text DEFAULT 'UNKNOWN' NOT NULL,
	"maintenance" boolean DEFAULT false NOT NULL,
	"reported_status" text,
	"heartbeat_interval_ms" integer,
	"last_heartbeat_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"version" text,
	"figures" jsonb,
	"status_changed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_server_registration_tokens" ADD CONSTRAINT "agent_server_registration_tokens_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_servers" ADD CONSTRAINT "agent_servers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_server_registration_tokens_hash_key" ON "agent_server_registration_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_servers_org_name_key" ON "agent_servers" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_servers_node_token_key" ON "agent_servers" USING btree ("node_token_hash");