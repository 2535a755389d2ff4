-- mumstrong's own JSON export brings back more than sets: check-ins, pelvic-floor ticks, baby
-- weights and profile versions. Each remembers the import that added it, so an undo removes it.
ALTER TABLE checkins ADD COLUMN import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL;
ALTER TABLE pelvic_floor_ticks ADD COLUMN import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL;
ALTER TABLE baby_weights ADD COLUMN import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL;
ALTER TABLE profiles ADD COLUMN import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL;
ALTER TABLE imports ADD COLUMN others_added INTEGER NOT NULL DEFAULT 0;
