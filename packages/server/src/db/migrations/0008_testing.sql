CREATE TABLE "lab_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_hash" text NOT NULL,
	"filename" text,
	"status" text DEFAULT 'preview' NOT NULL,
	"rows" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	"summary" jsonb,
	CONSTRAINT "lab_imports_status_ck" CHECK ("lab_imports"."status" in ('preview','committed'))
);
--> statement-breakpoint
CREATE TABLE "test_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"sample_day" date NOT NULL,
	"sample_type" text NOT NULL,
	"collection_point" text,
	"lab" text,
	"result" text NOT NULL,
	"result_at" timestamp with time zone,
	"lab_ref" text,
	"session_id" uuid,
	"import_id" uuid,
	"source" text NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "test_records_result_ck" CHECK ("test_records"."result" in ('pending','negative','positive','invalid')),
	CONSTRAINT "test_records_source_ck" CHECK ("test_records"."source" in ('manual','batch','session','import')),
	CONSTRAINT "test_records_result_time_ck" CHECK ("test_records"."result_at" is null or "test_records"."result_at" >= "test_records"."sampled_at")
);
--> statement-breakpoint
CREATE TABLE "test_session_people" (
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"due_status" text NOT NULL,
	"days_overdue" integer DEFAULT 0 NOT NULL,
	"attended" boolean,
	"test_id" uuid,
	CONSTRAINT "test_session_people_session_id_person_id_pk" PRIMARY KEY("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "test_session_sites" (
	"session_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	CONSTRAINT "test_session_sites_session_id_site_id_pk" PRIMARY KEY("session_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "test_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"town_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"date" date NOT NULL,
	"start_time" text,
	"collection_point" text NOT NULL,
	"lab" text,
	"sample_type" text NOT NULL,
	"selection" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "reading_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "temp_tenths" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "band" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "source" text DEFAULT 'reading' NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "test_id" uuid;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "intake_since" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "status_since" date;--> statement-breakpoint
ALTER TABLE "lab_imports" ADD CONSTRAINT "lab_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_records" ADD CONSTRAINT "test_records_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_records" ADD CONSTRAINT "test_records_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_records" ADD CONSTRAINT "test_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_session_people" ADD CONSTRAINT "test_session_people_session_id_test_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."test_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_session_people" ADD CONSTRAINT "test_session_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_session_people" ADD CONSTRAINT "test_session_people_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_session_people" ADD CONSTRAINT "test_session_people_test_id_test_records_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."test_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_session_sites" ADD CONSTRAINT "test_session_sites_session_id_test_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."test_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_session_sites" ADD CONSTRAINT "test_session_sites_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_sessions" ADD CONSTRAINT "test_sessions_town_id_org_nodes_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_sessions" ADD CONSTRAINT "test_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lab_imports_committed_hash_uq" ON "lab_imports" USING btree ("file_hash") WHERE "lab_imports"."status" = 'committed';--> statement-breakpoint
CREATE INDEX "lab_imports_creator_idx" ON "lab_imports" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "test_records_person_sample_uq" ON "test_records" USING btree ("person_id","sampled_at");--> statement-breakpoint
CREATE INDEX "test_records_site_day_idx" ON "test_records" USING btree ("site_id","sample_day");--> statement-breakpoint
CREATE INDEX "test_records_org_path_idx" ON "test_records" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "test_records_pending_idx" ON "test_records" USING btree ("sampled_at") WHERE "test_records"."result" = 'pending';--> statement-breakpoint
CREATE INDEX "test_records_session_idx" ON "test_records" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "test_sessions_town_date_idx" ON "test_sessions" USING btree ("town_id","date");--> statement-breakpoint
CREATE INDEX "test_sessions_org_path_idx" ON "test_sessions" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_source_ck" CHECK ("alerts"."source" in ('reading','test'));--> statement-breakpoint
-- Existing people: their current status began when they joined, or when they were registered.
UPDATE "people" SET "status_since" = coalesce("joined_on", ("created_at" at time zone 'Asia/Shanghai')::date);
