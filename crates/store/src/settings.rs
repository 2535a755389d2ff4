//! Her settings and her onboarding draft.

use super::*;

impl Store {
    /// Her unit of weight for the pages (`kg` or `lb`); `kg` until she picks one. Everything is
    /// stored in kg; the unit only changes what the pages show and read.
    pub async fn unit_of(&self, user_id: i64) -> Result<String> {
        Ok(read!(self, |p| sqlx::query_scalar::<_, String>(
            "SELECT unit FROM user_settings WHERE user_id = $1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?)
        .unwrap_or_else(|| "kg".to_owned()))
    }

    /// Saves her unit of weight.
    pub async fn set_unit(&self, user_id: i64, unit: &str, now: i64) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO user_settings (user_id, unit, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET unit = excluded.unit, updated_at = excluded.updated_at"
        )
        .bind(user_id)
        .bind(unit)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Her onboarding answers so far (a partial profile as JSON) and the step she reached.
    pub async fn onboarding_draft(&self, user_id: i64) -> Result<Option<(String, String)>> {
        Ok(read!(self, |p| sqlx::query_as::<_, (String, String)>(
            "SELECT draft_json, step FROM onboarding_drafts WHERE user_id = $1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?))
    }

    /// Saves her onboarding answers so far, so she can stop and come back.
    pub async fn save_onboarding_draft(
        &self,
        user_id: i64,
        draft_json: &str,
        step: &str,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO onboarding_drafts (user_id, draft_json, step, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id) DO UPDATE SET draft_json = excluded.draft_json, step = excluded.step, \
             updated_at = excluded.updated_at"
        )
        .bind(user_id)
        .bind(draft_json)
        .bind(step)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Forgets her onboarding draft (once the profile is saved).
    pub async fn delete_onboarding_draft(&self, user_id: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "DELETE FROM onboarding_drafts WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }
}
