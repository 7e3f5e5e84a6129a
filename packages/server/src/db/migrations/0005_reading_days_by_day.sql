-- The day's coverage reads one day of the rollup: this index finds that day's rows (about one per
-- person) without touching the rest of the year, and carries what the count needs, so the rows
-- themselves are not read (an index-only scan). Declared here rather than in schema.ts because
-- the schema builder has no INCLUDE.
CREATE INDEX "reading_days_day_idx" ON "reading_days" USING btree ("day") INCLUDE ("person_id", "checks", "abnormal");
