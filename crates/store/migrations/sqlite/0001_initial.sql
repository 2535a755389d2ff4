-- mumstrong schema, SQLite flavour. Timestamps are unix seconds (INTEGER); dates are ISO text.
-- Keep in step with ../postgres/0001_initial.sql: same tables, columns and names.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'coach')),
    display_name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    last_used_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    profile_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, version)
);

CREATE TABLE screenings (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    profile_version INTEGER NOT NULL,
    screened_on TEXT NOT NULL,
    outcome TEXT NOT NULL,
    screening_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, profile_version, screened_on)
);

CREATE TABLE programmes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    profile_version INTEGER NOT NULL,
    library_version TEXT NOT NULL,
    start_on TEXT NOT NULL,
    weeks INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ready', 'urgent')),
    reason TEXT NOT NULL,
    plan_json TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX programmes_user ON programmes (user_id, id);

CREATE TABLE programme_days (
    programme_id INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('session', 'run', 'rest')),
    day_json TEXT NOT NULL,
    PRIMARY KEY (programme_id, day_on)
);

CREATE TABLE logged_sets (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    done_on TEXT NOT NULL,
    exercise TEXT NOT NULL,
    set_number INTEGER,
    reps INTEGER NOT NULL,
    target_reps INTEGER,
    load_kg REAL,
    rpe INTEGER,
    symptoms TEXT NOT NULL,
    red_flags TEXT NOT NULL,
    client_ref TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX logged_sets_user_day ON logged_sets (user_id, done_on);
CREATE UNIQUE INDEX logged_sets_client_ref ON logged_sets (user_id, client_ref) WHERE client_ref IS NOT NULL;

CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    done_on TEXT NOT NULL,
    symptoms TEXT NOT NULL,
    red_flags TEXT NOT NULL,
    rpe INTEGER,
    mood INTEGER,
    sleep_hours REAL,
    notes TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX checkins_user_day ON checkins (user_id, done_on);

CREATE TABLE pelvic_floor_ticks (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    done_on TEXT NOT NULL,
    set_number INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, done_on, set_number)
);

CREATE TABLE baby_weights (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    measured_on TEXT NOT NULL,
    weight_kg REAL NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX baby_weights_user ON baby_weights (user_id, measured_on);

CREATE TABLE invitations (
    code_hash TEXT PRIMARY KEY,
    coach_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    used_at INTEGER
);

CREATE TABLE grants (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    coach_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE UNIQUE INDEX grants_active ON grants (member_id, coach_id) WHERE revoked_at IS NULL;
CREATE INDEX grants_coach ON grants (coach_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER,
    actor_email TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_id, at);
