CREATE TABLE "covid_case_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"step" text NOT NULL,
	"seq" smallint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_name" text NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"due_at" timestamp with time zone,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "covid_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"deceased_name" text NOT NULL,
	"deceased_id_enc" text,
	"deceased_id_last4" text,
	"deceased_id_hash" text,
	"cause" text NOT NULL,
	"date_of_death" date NOT NULL,
	"hospital" text NOT NULL,
	"incident_id" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "covid_cases_cause_ck" CHECK ("covid_cases"."cause" in ('covid_confirmed','covid_suspected'))
);
--> statement-breakpoint
CREATE TABLE "funeral_halls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funeral_halls_capacity_ck" CHECK ("funeral_halls"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "hall_disinfections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"event_id" uuid,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"agent" text NOT NULL,
	"place" text NOT NULL,
	"by_name" text NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hall_disinfections_kind_ck" CHECK ("hall_disinfections"."kind" in ('routine','final')),
	CONSTRAINT "hall_disinfections_final_event_ck" CHECK ("hall_disinfections"."kind" <> 'final' or "hall_disinfections"."event_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "mourners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"phone_enc" text,
	"phone_last4" text,
	"phone_hash" text,
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"temp_tenths" smallint,
	"source" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"registered_by" uuid,
	CONSTRAINT "mourners_source_ck" CHECK ("mourners"."source" in ('qr','helper'))
);
--> statement-breakpoint
CREATE TABLE "mourning_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"hall_id" uuid NOT NULL,
	"deceased_name" text NOT NULL,
	"deceased_id_enc" text,
	"deceased_id_last4" text,
	"deceased_id_hash" text,
	"date_of_death" date NOT NULL,
	"cause" text NOT NULL,
	"family_contact_name" text NOT NULL,
	"family_phone_enc" text NOT NULL,
	"family_phone_last4" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"attendee_cap" integer NOT NULL,
	"register_token" text NOT NULL,
	"ended_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mourning_events_time_ck" CHECK ("mourning_events"."ends_at" > "mourning_events"."starts_at"),
	CONSTRAINT "mourning_events_cause_ck" CHECK ("mourning_events"."cause" in ('ordinary','covid_confirmed','covid_suspected'))
);
--> statement-breakpoint
ALTER TABLE "covid_case_steps" ADD CONSTRAINT "covid_case_steps_case_id_covid_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."covid_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "covid_case_steps" ADD CONSTRAINT "covid_case_steps_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "covid_cases" ADD CONSTRAINT "covid_cases_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "covid_cases" ADD CONSTRAINT "covid_cases_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "covid_cases" ADD CONSTRAINT "covid_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funeral_halls" ADD CONSTRAINT "funeral_halls_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_disinfections" ADD CONSTRAINT "hall_disinfections_hall_id_funeral_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."funeral_halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_disinfections" ADD CONSTRAINT "hall_disinfections_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_disinfections" ADD CONSTRAINT "hall_disinfections_event_id_mourning_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."mourning_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_disinfections" ADD CONSTRAINT "hall_disinfections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mourners" ADD CONSTRAINT "mourners_event_id_mourning_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."mourning_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mourners" ADD CONSTRAINT "mourners_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mourning_events" ADD CONSTRAINT "mourning_events_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mourning_events" ADD CONSTRAINT "mourning_events_hall_id_funeral_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."funeral_halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mourning_events" ADD CONSTRAINT "mourning_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "covid_case_steps_uq" ON "covid_case_steps" USING btree ("case_id","step");--> statement-breakpoint
CREATE UNIQUE INDEX "covid_case_steps_seq_uq" ON "covid_case_steps" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "covid_cases_site_idx" ON "covid_cases" USING btree ("site_id","opened_at");--> statement-breakpoint
CREATE INDEX "covid_cases_id_hash_idx" ON "covid_cases" USING btree ("deceased_id_hash");--> statement-breakpoint
CREATE INDEX "covid_cases_org_path_idx" ON "covid_cases" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "funeral_halls_site_name_uq" ON "funeral_halls" USING btree ("site_id","name");--> statement-breakpoint
CREATE INDEX "funeral_halls_org_path_idx" ON "funeral_halls" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "hall_disinfections_hall_at_idx" ON "hall_disinfections" USING btree ("hall_id","at");--> statement-breakpoint
CREATE INDEX "hall_disinfections_site_at_idx" ON "hall_disinfections" USING btree ("site_id","at");--> statement-breakpoint
CREATE INDEX "hall_disinfections_org_path_idx" ON "hall_disinfections" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "hall_disinfections_final_uq" ON "hall_disinfections" USING btree ("event_id") WHERE "hall_disinfections"."kind" = 'final';--> statement-breakpoint
CREATE INDEX "mourners_event_idx" ON "mourners" USING btree ("event_id","registered_at");--> statement-breakpoint
CREATE INDEX "mourners_phone_idx" ON "mourners" USING btree ("phone_hash","registered_at");--> statement-breakpoint
CREATE INDEX "mourners_org_path_idx" ON "mourners" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "mourning_events_token_uq" ON "mourning_events" USING btree ("register_token");--> statement-breakpoint
CREATE INDEX "mourning_events_hall_time_idx" ON "mourning_events" USING btree ("hall_id","starts_at");--> statement-breakpoint
CREATE INDEX "mourning_events_site_time_idx" ON "mourning_events" USING btree ("site_id","starts_at");--> statement-breakpoint
CREATE INDEX "mourning_events_org_path_idx" ON "mourning_events" USING btree ("org_path" text_pattern_ops);