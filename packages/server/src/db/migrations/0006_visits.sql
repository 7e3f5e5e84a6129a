CREATE TABLE "rate_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_tokens" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text DEFAULT 'visitor' NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"name" text NOT NULL,
	"phone_enc" text,
	"phone_last4" text,
	"id_enc" text,
	"id_last4" text,
	"id_unknown" boolean DEFAULT false NOT NULL,
	"visiting" text NOT NULL,
	"health_code_declared" text,
	"health_code_seen" text,
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"risk_area_travel" boolean DEFAULT false NOT NULL,
	"travel_record" text,
	"source" text NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"temp_tenths" smallint,
	"mask" boolean,
	"refusal_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"screened_at" timestamp with time zone,
	"screened_by" uuid,
	"admitted_at" timestamp with time zone,
	"stay_ends_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"isolation_reason" text,
	CONSTRAINT "visits_status_ck" CHECK ("visits"."status" in ('pending','admitted','refused','left','expired')),
	CONSTRAINT "visits_kind_ck" CHECK ("visits"."kind" in ('visitor','intake'))
);
--> statement-breakpoint
ALTER TABLE "site_tokens" ADD CONSTRAINT "site_tokens_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_tokens" ADD CONSTRAINT "site_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_screened_by_users_id_fk" FOREIGN KEY ("screened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rate_events_key_at_idx" ON "rate_events" USING btree ("key","at");--> statement-breakpoint
CREATE UNIQUE INDEX "site_tokens_token_uq" ON "site_tokens" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_live_code_uq" ON "visits" USING btree ("site_id","code") WHERE "visits"."status" in ('pending', 'admitted');--> statement-breakpoint
CREATE INDEX "visits_site_registered_idx" ON "visits" USING btree ("site_id","registered_at");--> statement-breakpoint
CREATE INDEX "visits_site_status_idx" ON "visits" USING btree ("site_id","status");--> statement-breakpoint
CREATE INDEX "visits_org_path_idx" ON "visits" USING btree ("org_path" text_pattern_ops);