CREATE TABLE "supply_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"item_id" uuid NOT NULL,
	"batch" text,
	"expires_on" date,
	"supplier" text,
	"quantity" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_batches_quantity_ck" CHECK ("supply_batches"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supply_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"unit" text NOT NULL,
	"pack_size" integer,
	"per_head_daily" double precision,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"item_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"counterpart_site_id" uuid,
	"transfer_id" uuid,
	"issued_to" text,
	"reason" text,
	"note" text,
	"day" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_ledger_kind_ck" CHECK ("supply_ledger"."kind" in ('receipt','issue','transfer_out','transfer_in','adjustment','stocktake'))
);
--> statement-breakpoint
CREATE TABLE "supply_peaks" (
	"site_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"consumption" integer NOT NULL,
	"note" text,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_peaks_site_id_item_id_pk" PRIMARY KEY("site_id","item_id")
);
--> statement-breakpoint
ALTER TABLE "org_nodes" ADD COLUMN "capacity" integer;--> statement-breakpoint
ALTER TABLE "supply_batches" ADD CONSTRAINT "supply_batches_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_batches" ADD CONSTRAINT "supply_batches_item_id_supply_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supply_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_ledger" ADD CONSTRAINT "supply_ledger_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_ledger" ADD CONSTRAINT "supply_ledger_item_id_supply_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supply_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_ledger" ADD CONSTRAINT "supply_ledger_batch_id_supply_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."supply_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_ledger" ADD CONSTRAINT "supply_ledger_counterpart_site_id_org_nodes_id_fk" FOREIGN KEY ("counterpart_site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_ledger" ADD CONSTRAINT "supply_ledger_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_peaks" ADD CONSTRAINT "supply_peaks_site_id_org_nodes_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_peaks" ADD CONSTRAINT "supply_peaks_item_id_supply_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supply_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_peaks" ADD CONSTRAINT "supply_peaks_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supply_batches_site_item_idx" ON "supply_batches" USING btree ("site_id","item_id");--> statement-breakpoint
CREATE INDEX "supply_batches_org_path_idx" ON "supply_batches" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "supply_items_name_uq" ON "supply_items" USING btree ("name");--> statement-breakpoint
CREATE INDEX "supply_ledger_site_item_day_idx" ON "supply_ledger" USING btree ("site_id","item_id","day");--> statement-breakpoint
CREATE INDEX "supply_ledger_batch_idx" ON "supply_ledger" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "supply_ledger_org_path_idx" ON "supply_ledger" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
-- The supply ledger is append-only like the audit log: stock is a replay of it, so an entry is
-- never changed; a mistake is answered by an adjustment.
CREATE FUNCTION supply_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'supply_ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER supply_ledger_no_update_delete BEFORE UPDATE OR DELETE ON supply_ledger
  FOR EACH ROW EXECUTE FUNCTION supply_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER supply_ledger_no_truncate BEFORE TRUNCATE ON supply_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION supply_ledger_refuse_change();
--> statement-breakpoint
-- The items the work plans name (R6.1); the bureau edits the catalogue from here.
INSERT INTO supply_items (name, category, unit, pack_size, per_head_daily) VALUES
  ('医用外科口罩', 'mask', '只', 50, 2),
  ('医用防护服', 'protective_suit', '套', NULL, NULL),
  ('含氯消毒剂', 'disinfectant', '瓶', 20, NULL),
  ('护目镜', 'goggles', '副', NULL, NULL),
  ('一次性工作帽', 'cap', '顶', 100, NULL),
  ('鞋套', 'shoe_cover', '双', 100, NULL),
  ('医用手套', 'gloves', '双', 100, NULL),
  ('体温计', 'thermometer', '支', NULL, NULL);
