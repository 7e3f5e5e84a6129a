DROP INDEX "people_org_path_idx";--> statement-breakpoint
CREATE INDEX "people_overview_idx" ON "people" USING btree ("org_path" text_pattern_ops,"site_id","kind","status","id","status_since","joined_on","intake_since","created_at");--> statement-breakpoint
CREATE INDEX "supply_ledger_issues_idx" ON "supply_ledger" USING btree ("site_id","day","item_id","quantity") WHERE "supply_ledger"."kind" = 'issue';--> statement-breakpoint
CREATE INDEX "supply_ledger_receipts_idx" ON "supply_ledger" USING btree ("site_id","day") WHERE "supply_ledger"."kind" in ('receipt', 'transfer_in');--> statement-breakpoint
CREATE INDEX "test_records_last_idx" ON "test_records" USING btree ("person_id","sampled_at","result") WHERE "test_records"."result" <> 'invalid';