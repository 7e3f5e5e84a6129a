ALTER TABLE "incident_events" ADD COLUMN "receiver" text;--> statement-breakpoint
ALTER TABLE "incident_events" ADD COLUMN "escalated_to" text;--> statement-breakpoint
ALTER TABLE "incident_events" ADD COLUMN "how" text;