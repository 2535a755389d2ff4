//! Calendar feeds: the secret token and its reminder time.

use super::*;

impl Store {
    /// Makes (or replaces, revoking the old URL) her calendar feed: the token's hash and the
    /// pelvic-floor reminder times (a JSON array of `"HH:MM"`).
    pub async fn set_calendar_feed(
        &self,
        user_id: i64,
        token_hash: &str,
        reminders: &str,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO calendar_feeds (user_id, token_hash, reminders, created_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(user_id)
            .bind(token_hash)
            .bind(reminders)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Whose feed a token opens, with her reminder times (JSON) and when it was made.
    pub async fn calendar_feed_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<(i64, String, i64)>> {
        Ok(read!(self, |p| sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT user_id, reminders, created_at FROM calendar_feeds WHERE token_hash = $1"
        )
        .bind(token_hash)
        .fetch_optional(p)
        .await?))
    }

    /// Her feed's reminder times (JSON) and when it was made, if she has one.
    pub async fn calendar_feed_of(&self, user_id: i64) -> Result<Option<(String, i64)>> {
        Ok(read!(self, |p| sqlx::query_as::<_, (String, i64)>(
            "SELECT reminders, created_at FROM calendar_feeds WHERE user_id = $1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?))
    }

    /// Revokes her calendar feed; false when she had none.
    pub async fn delete_calendar_feed(&self, user_id: i64) -> Result<bool> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM calendar_feeds WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected())
            > 0)
    }

    // ---- web settings and onboarding drafts ---------------------------------------------------
}
