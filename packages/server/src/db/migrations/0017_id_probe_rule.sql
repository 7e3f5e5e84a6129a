-- An account stopped for running into too many ID numbers registered outside its jurisdiction
-- is told to the bureau admin's bell by default (issue 15 item 7). The bureau edits the rule.
INSERT INTO "notification_rules" ("node_path", "event", "channel", "role") VALUES
  ('/', 'id_probe_stopped', 'in_app', 'bureau_admin');
