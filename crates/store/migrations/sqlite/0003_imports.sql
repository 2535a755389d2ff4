-- Imports from other apps (Strong, Hevy, FitNotes, our own export): one row per import, so an
-- import can be undone; imported sets keep their set type and the exercise name as written.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    format TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    sets_added INTEGER NOT NULL,
    sets_skipped INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    undone_at INTEGER
);
CREATE INDEX imports_user ON imports (user_id, id);

ALTER TABLE logged_sets ADD COLUMN import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL;
ALTER TABLE logged_sets ADD COLUMN set_type TEXT;
ALTER TABLE logged_sets ADD COLUMN exercise_name TEXT;
CREATE INDEX logged_sets_import ON logged_sets (import_id) WHERE import_id IS NOT NULL;
