-- A file uploaded on the import page and waiting for her to confirm the preview: one per member,
-- replaced by a new upload, removed once imported or cancelled. Kept in the database (not in
-- memory) so the confirm may reach another server.
CREATE TABLE pending_imports (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    unit TEXT,
    file BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
