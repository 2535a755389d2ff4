//! Her profile versions and the screenings made from them.

use super::*;

impl Store {
    /// Saves a new version of her profile (never overwriting the old) and returns it.
    pub async fn insert_profile(
        &self,
        user_id: i64,
        profile_json: &str,
        now: i64,
    ) -> Result<ProfileVersion> {
        Ok(write!(self, |p| {
            sqlx::query_as::<_, ProfileVersion>(
            "INSERT INTO profiles (user_id, version, profile_json, created_at) \
             VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM profiles WHERE user_id = $1), $2, $3) \
             RETURNING version, profile_json, created_at"
        )
        .bind(user_id)
        .bind(profile_json)
        .bind(now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?
        }))
    }

    /// Her latest profile version.
    pub async fn latest_profile(&self, user_id: i64) -> Result<Option<ProfileVersion>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ProfileVersion>(
            "SELECT version, profile_json, created_at FROM profiles \
             WHERE user_id = $1 ORDER BY version DESC LIMIT 1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?))
    }

    /// Every version of her profile, newest first.
    pub async fn profile_history(&self, user_id: i64) -> Result<Vec<ProfileVersion>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ProfileVersion>(
            "SELECT version, profile_json, created_at FROM profiles \
             WHERE user_id = $1 ORDER BY version DESC"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?))
    }

    /// Keeps a screening decision; one per profile version and day (a repeat is ignored).
    pub async fn record_screening(
        &self,
        user_id: i64,
        s: &NewScreening<'_>,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO screenings (user_id, profile_version, screened_on, outcome, screening_json, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (user_id, profile_version, screened_on) DO NOTHING"
        )
        .bind(user_id)
        .bind(s.profile_version)
        .bind(s.screened_on)
        .bind(s.outcome)
        .bind(s.screening_json)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Her screening decisions, newest first (at most `limit`).
    pub async fn screenings(&self, user_id: i64, limit: i64) -> Result<Vec<ScreeningRow>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ScreeningRow>(
            "SELECT profile_version, screened_on, outcome, screening_json, created_at \
             FROM screenings WHERE user_id = $1 ORDER BY id DESC LIMIT $2"
        )
        .bind(user_id)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }
}
