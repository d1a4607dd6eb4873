CREATE TABLE "mcp_servers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"transport" text NOT NULL,
	"command" text,
	"args" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"env" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_env" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cwd" text,
	"url" text,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"auth" jsonb NOT NULL,
	"owned_credential_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"timeout_ms" integer NOT NULL,
	"max_concurrency" integer NOT NULL,
	"manifest" jsonb,
	"status" text DEFAULT 'unknown' NOT NULL,
	"latency_ms" integer,
	"last_checked_at" timestamp with time zone,
	"last_error" text,
	"tool_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD CONSTRAINT "mcp_servers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mcp_servers_org_slug_key" ON "mcp_servers" USING btree ("org_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "mcp_servers_org_name_key" ON "mcp_servers" USING btree ("org_id","name");