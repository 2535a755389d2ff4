-- Invitation codes a coach can read out and see again: the short code itself is kept (next to
-- its hash, still what a redeem looks up) until it is used or revoked, and a coach may revoke
-- an open code. Codes made before this have no stored code and are simply not listed.
ALTER TABLE invitations ADD COLUMN code TEXT;
ALTER TABLE invitations ADD COLUMN revoked_at INTEGER;
CREATE INDEX invitations_coach ON invitations (coach_id, expires_at);

-- A member's redeems of codes that do not exist, for the limit on guessing codes.
CREATE TABLE redeem_failures (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at INTEGER NOT NULL
);
CREATE INDEX redeem_failures_member ON redeem_failures (member_id, at);
