-- A secret, revocable calendar feed per member: the URL's token is stored only as its SHA-256.
CREATE TABLE calendar_feeds (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    reminders TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
