-- A mourning hall in use without the day's disinfections by the policy's hour is told to the
-- funeral site's manager in the app by default (issue 18, R8.2). The bureau edits the rule.
INSERT INTO "notification_rules" ("node_path", "event", "channel", "role") VALUES
  ('/', 'hall_disinfection_missed', 'in_app', 'site_manager');
