CREATE TABLE "alert_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"receiver" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"how" text,
	"contact" text,
	"note" text,
	"late_flagged_at" timestamp with time zone,
	CONSTRAINT "alert_reports_receiver_ck" CHECK ("alert_reports"."receiver" in ('site_manager','town','bureau','health_department'))
);
--> statement-breakpoint
ALTER TABLE "alert_reports" ADD CONSTRAINT "alert_reports_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_reports" ADD CONSTRAINT "alert_reports_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_reports_receiver_uq" ON "alert_reports" USING btree ("alert_id","receiver");--> statement-breakpoint
CREATE INDEX "alert_reports_due_idx" ON "alert_reports" USING btree ("due_at") WHERE "alert_reports"."done_at" is null and "alert_reports"."late_flagged_at" is null;--> statement-breakpoint
-- A fever reaches the town at once and its report reaches the town and the bureau (R2.4): the
-- default rules, city-wide, for every town and the bureau. The bureau edits them.
INSERT INTO "notification_rules" ("node_path", "event", "channel", "role") VALUES
  ('/', 'fever_alert', 'in_app', 'town_officer'),
  ('/', 'fever_reported', 'in_app', 'town_officer'),
  ('/', 'fever_reported', 'in_app', 'bureau_officer'),
  ('/', 'fever_reported', 'in_app', 'bureau_admin'),
  ('/', 'fever_reported', 'email', 'town_officer'),
  ('/', 'fever_reported', 'email', 'bureau_officer');
--> statement-breakpoint
-- The alerts open at upgrade get their report rows with the default deadlines. A report ticked on
-- the old checklist counts as made then; a deadline already past is marked as flagged, so that the
-- upgrade does not send a burst of late messages about alerts older than the rule.
INSERT INTO "alert_reports" ("alert_id", "receiver", "due_at", "done_at", "how", "late_flagged_at")
SELECT a.id, r.receiver, a.opened_at + make_interval(mins => r.minutes), d.done_at, CASE WHEN d.done_at IS NOT NULL THEN 'checklist' END,
  CASE WHEN d.done_at IS NULL AND a.opened_at + make_interval(mins => r.minutes) < now() THEN now() END
FROM "alerts" a
CROSS JOIN (VALUES ('site_manager', 15), ('town', 60), ('bureau', 120), ('health_department', 120)) AS r(receiver, minutes)
CROSS JOIN LATERAL (
  SELECT CASE
    WHEN r.receiver = 'site_manager' THEN a.opened_at
    WHEN r.receiver IN ('town', 'bureau') THEN (SELECT (s->>'doneAt')::timestamptz FROM jsonb_array_elements(a.steps) s WHERE s->>'step' = 'report_superiors')
  END AS done_at
) d
WHERE a.status = 'open';
