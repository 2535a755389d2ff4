-- Invitation codes a coach can read out and see again: the short code itself is kept (next to
-- its hash, still what a redeem looks up) until it is used or revoked, and a coach may revoke
-- an open code. Codes made before this have no stored code and are simply not listed.
ALTER TABLE invitations ADD COLUMN code TEXT;
ALTER TABLE invitations ADD COLUMN revoked_at BIGINT;
CREATE INDEX invitations_coach ON invitations (coach_id, expires_at);
