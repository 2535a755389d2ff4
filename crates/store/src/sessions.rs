//! Sign-in sessions and API tokens: stored as hashes, looked up per request.

use super::*;

impl Store {
    /// Records a login session by the hash of its cookie token.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Who a session token belongs to, with its expiry, whether or not it has expired (the
    /// caller tells "expired" from "unknown").
    pub async fn session_user(&self, token_hash: &str) -> Result<Option<(AuthUser, i64)>> {
        let row: Option<SessionRow> = read!(self, |p| sqlx::query_as(
            "SELECT u.id, u.email, u.role, u.display_name, s.expires_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
        )
        .bind(token_hash)
        .fetch_optional(p)
        .await?);
        Ok(row.map(|r| (r.user, r.expires_at)))
    }

    /// A session's account and expiry together with today in her current programme (and the
    /// next day with something to do): "today's session" in one round trip, the app's most
    /// frequent request. `None` when the session is unknown.
    pub async fn session_today(
        &self,
        token_hash: &str,
        today: Date,
    ) -> Result<Option<(AuthUser, i64, Vec<ProgrammeDay>)>> {
        let rows: Vec<SessionDayRow> = read!(self, |p| {
            sqlx::query_as(
            "SELECT u.id, u.email, u.role, u.display_name, s.expires_at, d.day_on, d.kind, d.day_json \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             LEFT JOIN programme_days d \
               ON d.programme_id = (SELECT MAX(id) FROM programmes WHERE user_id = s.user_id) \
              AND d.day_on >= $2 AND (d.day_on = $2 OR d.kind <> 'rest') \
             WHERE s.token_hash = $1 ORDER BY d.day_on LIMIT 2"
        )
        .bind(token_hash)
        .bind(today)
        .fetch_all(p)
        .await?
        });
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let user = AuthUser {
            id: first.id,
            email: first.email.clone(),
            role: Role::parse(&first.role),
            display_name: first.display_name.clone(),
        };
        let expires_at = first.expires_at;
        let days = rows
            .into_iter()
            .filter_map(|r| {
                Some(ProgrammeDay {
                    day_on: r.day_on?,
                    kind: r.kind?,
                    day_json: r.day_json?,
                })
            })
            .collect();
        Ok(Some((user, expires_at, days)))
    }

    /// Pushes a session's expiry forward (sliding sessions).
    pub async fn extend_session(&self, token_hash: &str, expires_at: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "UPDATE sessions SET expires_at = $1 WHERE token_hash = $2"
        )
        .bind(expires_at)
        .bind(token_hash)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Ends one session (logout).
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        write!(self, |p| sqlx::query(
            "DELETE FROM sessions WHERE token_hash = $1"
        )
        .bind(token_hash)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Ends every session of an account (logout everywhere); returns how many ended.
    pub async fn delete_sessions_of(&self, user_id: i64) -> Result<u64> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM sessions WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected()))
    }

    /// Forgets sessions that expired before `now` (returns how many), login failures, sign-up
    /// attempts, failed code redeems and unconfirmed import uploads older than a day.
    pub async fn purge_expired(&self, now: i64) -> Result<u64> {
        write!(self, |p| {
            let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                .bind(now)
                .execute(p)
                .await?
                .rows_affected();
            sqlx::query("DELETE FROM login_failures WHERE at < $1")
                .bind(now - 86_400)
                .execute(p)
                .await?;
            sqlx::query("DELETE FROM signup_attempts WHERE at < $1")
                .bind(now - 86_400)
                .execute(p)
                .await?;
            sqlx::query("DELETE FROM redeem_failures WHERE at < $1")
                .bind(now - 86_400)
                .execute(p)
                .await?;
            // An upload she never confirmed or cancelled is dropped after a day.
            sqlx::query("DELETE FROM pending_imports WHERE created_at < $1")
                .bind(now - 86_400)
                .execute(p)
                .await?;
            Ok(sessions)
        })
    }

    /// Adds a personal API token (by hash) and returns its record.
    pub async fn create_token(
        &self,
        user_id: i64,
        name: &str,
        token_hash: &str,
        now: i64,
        expires_at: Option<i64>,
    ) -> Result<ApiToken> {
        Ok(write!(self, |p| sqlx::query_as::<_, ApiToken>(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) \
             RETURNING id, name, created_at, expires_at, last_used_at"
        )
        .bind(user_id)
        .bind(name)
        .bind(token_hash)
        .bind(now)
        .bind(expires_at)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?))
    }

    /// Who an API token belongs to, if it exists and has not expired.
    pub async fn token_user(&self, token_hash: &str, now: i64) -> Result<Option<AuthUser>> {
        Ok(read!(self, |p| sqlx::query_as::<_, AuthUser>(
            "SELECT u.id, u.email, u.role, u.display_name \
             FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND (t.expires_at IS NULL OR t.expires_at > $2)"
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(p)
        .await?))
    }

    /// Notes when a token was last used, at most once an hour per token (no write per request).
    pub async fn touch_token(&self, token_hash: &str, now: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 \
             AND (last_used_at IS NULL OR last_used_at < $3)"
        )
        .bind(now)
        .bind(token_hash)
        .bind(now - 3600)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// An account's API tokens (never the secrets).
    pub async fn tokens_of(&self, user_id: i64) -> Result<Vec<ApiToken>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ApiToken>(
            "SELECT id, name, created_at, expires_at, last_used_at FROM api_tokens \
             WHERE user_id = $1 ORDER BY id"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?))
    }

    /// Deletes one of her tokens; false when she has no token with that id.
    pub async fn delete_token(&self, user_id: i64, token_id: i64) -> Result<bool> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM api_tokens WHERE id = $1 AND user_id = $2"
        )
        .bind(token_id)
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected())
            > 0)
    }
}
