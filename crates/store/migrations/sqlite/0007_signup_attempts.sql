-- Sign-ups per client address, for the sign-up rate limit shared by every server on this
-- database. Only sign-ups that reach the password hash are counted; rows older than a day go.
CREATE TABLE signup_attempts (
    id INTEGER PRIMARY KEY,
    ip TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX signup_attempts_ip ON signup_attempts (ip, at);
