-- The writes that make a site's overview summaries out of date append the site to
-- summary_changes in their own transaction (see site_summaries in schema.ts). Statement-level
-- triggers with transition tables: a 10,000-row import appends one row per site, not per row.
-- Appending takes no lock another writer waits for, so these triggers cannot deadlock anything.
CREATE FUNCTION fk_summary_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
  parts text[] := TG_ARGV[1:TG_NARGS - 1];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('INSERT INTO summary_changes (site_id, part) SELECT DISTINCT r.%I, p.part FROM new_rows r CROSS JOIN unnest($1::text[]) AS p(part) WHERE r.%I IS NOT NULL', col, col) USING parts;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE format('INSERT INTO summary_changes (site_id, part) SELECT DISTINCT r.%I, p.part FROM old_rows r CROSS JOIN unnest($1::text[]) AS p(part) WHERE r.%I IS NOT NULL', col, col) USING parts;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The tree itself: only sites have summaries (a site's type or capacity changes its figures).
CREATE FUNCTION fk_summary_site_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO summary_changes (site_id, part) SELECT r.id, p.part FROM new_rows r CROSS JOIN unnest(TG_ARGV) AS p(part) WHERE r.kind = 'site';
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO summary_changes (site_id, part) SELECT r.id, p.part FROM old_rows r CROSS JOIN unnest(TG_ARGV) AS p(part) WHERE r.kind = 'site';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Changes that concern every site of a part: a policy version, the supplies catalogue.
CREATE FUNCTION fk_summary_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO summary_epochs (part, epoch) SELECT p, 1 FROM unnest(TG_ARGV) AS p
  ON CONFLICT (part) DO UPDATE SET epoch = summary_epochs.epoch + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Three triggers per table (a trigger with transition tables has one event).
CREATE PROCEDURE fk_summary_triggers(tab text, fn text, args text[]) LANGUAGE plpgsql AS $$
DECLARE list text := (SELECT string_agg(format('%L', a), ', ') FROM unnest(args) AS a);
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%s)', tab || '_summary_ins', tab, fn, list);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%s)', tab || '_summary_upd', tab, fn, list);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%s)', tab || '_summary_del', tab, fn, list);
END $$;
--> statement-breakpoint
CALL fk_summary_triggers('people', 'fk_summary_changed', ARRAY['site_id', 'coverage', 'compliance', 'supplies']);
--> statement-breakpoint
CALL fk_summary_triggers('test_records', 'fk_summary_changed', ARRAY['site_id', 'compliance']);
--> statement-breakpoint
CALL fk_summary_triggers('supply_batches', 'fk_summary_changed', ARRAY['site_id', 'supplies']);
--> statement-breakpoint
CALL fk_summary_triggers('supply_ledger', 'fk_summary_changed', ARRAY['site_id', 'supplies']);
--> statement-breakpoint
CALL fk_summary_triggers('supply_peaks', 'fk_summary_changed', ARRAY['site_id', 'supplies']);
--> statement-breakpoint
CALL fk_summary_triggers('reading_days', 'fk_summary_changed', ARRAY['site_id', 'coverage']);
--> statement-breakpoint
CALL fk_summary_triggers('alerts', 'fk_summary_changed', ARRAY['site_id', 'coverage']);
--> statement-breakpoint
CALL fk_summary_triggers('rooms', 'fk_summary_changed', ARRAY['site_id', 'coverage']);
--> statement-breakpoint
CALL fk_summary_triggers('placements', 'fk_summary_changed', ARRAY['site_id', 'coverage']);
--> statement-breakpoint
CALL fk_summary_triggers('org_nodes', 'fk_summary_site_changed', ARRAY['coverage', 'compliance', 'supplies']);
--> statement-breakpoint
DROP PROCEDURE fk_summary_triggers(text, text, text[]);
--> statement-breakpoint
CREATE TRIGGER policies_summary_epoch AFTER INSERT OR UPDATE OR DELETE ON policies FOR EACH STATEMENT EXECUTE FUNCTION fk_summary_epoch('coverage', 'compliance', 'supplies');
--> statement-breakpoint
CREATE TRIGGER supply_items_summary_epoch AFTER INSERT OR UPDATE OR DELETE ON supply_items FOR EACH STATEMENT EXECUTE FUNCTION fk_summary_epoch('supplies');
