CREATE TABLE "site_summaries" (
	"site_id" uuid NOT NULL,
	"part" text NOT NULL,
	"org_path" text NOT NULL,
	"day" date,
	"epoch" integer,
	"generation" integer DEFAULT 0 NOT NULL,
	"body" jsonb,
	"computed_at" timestamp with time zone,
	CONSTRAINT "site_summaries_site_id_part_pk" PRIMARY KEY("site_id","part")
);
--> statement-breakpoint
CREATE TABLE "summary_changes" (
	"site_id" uuid NOT NULL,
	"part" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summary_epochs" (
	"part" text PRIMARY KEY NOT NULL,
	"epoch" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "site_summaries" ADD CONSTRAINT "site_summaries_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "site_summaries_org_path_idx" ON "site_summaries" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "summary_changes_part_site_idx" ON "summary_changes" USING btree ("part","site_id");