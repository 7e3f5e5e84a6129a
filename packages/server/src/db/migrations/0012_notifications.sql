CREATE TABLE "incident_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_attachments_type_ck" CHECK ("incident_attachments"."content_type" in ('application/pdf','image/png','image/jpeg'))
);
--> statement-breakpoint
CREATE TABLE "notification_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"node_id" uuid,
	"node_path" text NOT NULL,
	"event" text NOT NULL,
	"channel" text NOT NULL,
	"role" text,
	"target" text,
	"incident_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_rules_channel_ck" CHECK ("notification_rules"."channel" in ('in_app','email','wecom','dingtalk','webhook')),
	CONSTRAINT "notification_rules_recipient_ck" CHECK ("notification_rules"."role" is not null or "notification_rules"."target" is not null)
);
--> statement-breakpoint
CREATE TABLE "user_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"title_en" text NOT NULL,
	"text_en" text NOT NULL,
	"url" text,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "org_path" text DEFAULT '/' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "incident_attachments" ADD CONSTRAINT "incident_attachments_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_attachments" ADD CONSTRAINT "incident_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_rules" ADD CONSTRAINT "notification_rules_node_id_org_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."org_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_rules" ADD CONSTRAINT "notification_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_notifications" ADD CONSTRAINT "user_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_attachments_incident_idx" ON "incident_attachments" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "notification_rules_event_idx" ON "notification_rules" USING btree ("event");--> statement-breakpoint
CREATE UNIQUE INDEX "user_notifications_dedupe_uq" ON "user_notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "user_notifications_user_idx" ON "user_notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "user_notifications_unread_idx" ON "user_notifications" USING btree ("user_id") WHERE "user_notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_org_path_idx" ON "outbox" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
-- Default rules, city-wide: the bell of those who must act on each event, and e-mail for incidents
-- to the levels they climb to (for users who give an address). The bureau edits them.
INSERT INTO "notification_rules" ("node_path", "event", "channel", "role") VALUES
  ('/', 'incident_opened', 'in_app', 'site_manager'),
  ('/', 'incident_opened', 'in_app', 'town_officer'),
  ('/', 'incident_opened', 'in_app', 'bureau_officer'),
  ('/', 'incident_opened', 'in_app', 'bureau_admin'),
  ('/', 'incident_opened', 'email', 'town_officer'),
  ('/', 'incident_opened', 'email', 'bureau_officer'),
  ('/', 'step_late', 'in_app', 'town_officer'),
  ('/', 'step_late', 'in_app', 'bureau_officer'),
  ('/', 'step_late', 'in_app', 'bureau_admin'),
  ('/', 'step_late', 'email', 'bureau_officer'),
  ('/', 'fever_alert', 'in_app', 'site_manager'),
  ('/', 'positive_test', 'in_app', 'site_manager'),
  ('/', 'positive_test', 'in_app', 'town_officer'),
  ('/', 'supply_below_floor', 'in_app', 'site_manager'),
  ('/', 'supply_below_floor', 'in_app', 'town_officer'),
  ('/', 'replenishment_due', 'in_app', 'site_manager');
