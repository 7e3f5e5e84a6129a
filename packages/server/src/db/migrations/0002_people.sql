CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"grid_node_id" uuid,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_initials" text NOT NULL,
	"sex" text,
	"birth_date" date,
	"id_enc" text,
	"id_hash" text,
	"id_last4" text,
	"id_unknown" boolean DEFAULT false NOT NULL,
	"phone_enc" text,
	"post" text,
	"room" text,
	"bed" text,
	"status" text DEFAULT 'present' NOT NULL,
	"joined_on" date,
	"left_on" date,
	"emergency_contact_name" text,
	"emergency_phone_enc" text,
	"notes" text,
	"sex_mismatch" boolean DEFAULT false NOT NULL,
	"birth_date_mismatch" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_kind_ck" CHECK ("people"."kind" in ('resident','child','client','staff','community_resident')),
	CONSTRAINT "people_status_ck" CHECK ("people"."status" in ('present','on_leave','left')),
	CONSTRAINT "people_sex_ck" CHECK ("people"."sex" is null or "people"."sex" in ('male','female'))
);
--> statement-breakpoint
CREATE TABLE "person_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"from_site_id" uuid,
	"to_site_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user" uuid,
	"reason" text
);
--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_grid_node_id_org_nodes_id_fk" FOREIGN KEY ("grid_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_from_site_id_org_nodes_id_fk" FOREIGN KEY ("from_site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_to_site_id_org_nodes_id_fk" FOREIGN KEY ("to_site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "people_active_id_uq" ON "people" USING btree ("id_hash") WHERE "people"."status" <> 'left' and "people"."id_hash" is not null;--> statement-breakpoint
CREATE INDEX "people_org_path_idx" ON "people" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_site_idx" ON "people" USING btree ("site_id","name");--> statement-breakpoint
CREATE INDEX "people_id_last4_idx" ON "people" USING btree ("id_last4");--> statement-breakpoint
CREATE INDEX "people_initials_idx" ON "people" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "person_moves_person_idx" ON "person_moves" USING btree ("person_id","at");