CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"person_id" uuid NOT NULL,
	"reading_id" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"temp_tenths" smallint NOT NULL,
	"band" text NOT NULL,
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"steps" jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_reason" text,
	CONSTRAINT "alerts_status_ck" CHECK ("alerts"."status" in ('open','closed'))
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"person_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"start_day" date NOT NULL,
	"planned_end" date NOT NULL,
	"ended_at" timestamp with time zone,
	"outcome" text,
	"negative_test_on" date,
	"note" text,
	"alert_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reading_days" (
	"person_id" uuid NOT NULL,
	"day" date NOT NULL,
	"site_id" uuid NOT NULL,
	"checks" smallint NOT NULL,
	"max_tenths" smallint NOT NULL,
	"abnormal" boolean NOT NULL,
	CONSTRAINT "reading_days_person_id_day_pk" PRIMARY KEY("person_id","day")
);
--> statement-breakpoint
CREATE TABLE "readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"day" date NOT NULL,
	"measured_at" timestamp with time zone NOT NULL,
	"temp_tenths" smallint NOT NULL,
	"band" text NOT NULL,
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"abnormal" boolean NOT NULL,
	"recorded_by" uuid,
	"note" text,
	"client_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"capacity" smallint NOT NULL,
	"single_room" boolean DEFAULT false NOT NULL,
	"away_from_crowds" boolean DEFAULT false NOT NULL,
	"ventilated" boolean DEFAULT false NOT NULL,
	"own_toilet" boolean DEFAULT false NOT NULL,
	"note" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_kind_ck" CHECK ("rooms"."kind" in ('observation','isolation')),
	CONSTRAINT "rooms_capacity_ck" CHECK ("rooms"."capacity" between 1 and 50)
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_reading_id_readings_id_fk" FOREIGN KEY ("reading_id") REFERENCES "public"."readings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_days" ADD CONSTRAINT "reading_days_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_days" ADD CONSTRAINT "reading_days_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_person_uq" ON "alerts" USING btree ("person_id") WHERE "alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "alerts_site_status_idx" ON "alerts" USING btree ("site_id","status","opened_at");--> statement-breakpoint
CREATE INDEX "alerts_org_path_idx" ON "alerts" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "placements_active_person_uq" ON "placements" USING btree ("person_id") WHERE "placements"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "placements_room_active_idx" ON "placements" USING btree ("room_id") WHERE "placements"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "placements_site_idx" ON "placements" USING btree ("site_id","start_at");--> statement-breakpoint
CREATE INDEX "reading_days_site_day_idx" ON "reading_days" USING btree ("site_id","day");--> statement-breakpoint
CREATE INDEX "readings_site_day_idx" ON "readings" USING btree ("site_id","day");--> statement-breakpoint
CREATE INDEX "readings_person_day_idx" ON "readings" USING btree ("person_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "readings_client_uq" ON "readings" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_site_name_uq" ON "rooms" USING btree ("site_id","name");