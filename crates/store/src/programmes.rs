//! Programmes: the stored plan and its days.

use super::*;

impl Store {
    /// Stores a generated programme with its day-by-day view, in one transaction; returns its id.
    pub async fn insert_programme(
        &self,
        user_id: i64,
        programme: &NewProgramme<'_>,
        days: &[ProgrammeDay],
        now: i64,
    ) -> Result<i64> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO programmes (user_id, profile_version, library_version, start_on, weeks, \
                 status, reason, plan_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 RETURNING id",
            )
            .bind(user_id)
            .bind(programme.profile_version)
            .bind(programme.library_version)
            .bind(programme.start_on)
            .bind(programme.weeks)
            .bind(programme.status)
            .bind(programme.reason)
            .bind(programme.plan_json)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for day in days {
                sqlx::query(
                    "INSERT INTO programme_days (programme_id, user_id, day_on, kind, day_json) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(user_id)
                .bind(day.day_on)
                .bind(&day.kind)
                .bind(&day.day_json)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Her current (latest) programme.
    pub async fn latest_programme(&self, user_id: i64) -> Result<Option<ProgrammeRow>> {
        Ok(read!(self, |p| {
            sqlx::query_as::<_, ProgrammeRow>(
            "SELECT id, profile_version, library_version, start_on, weeks, status, reason, plan_json, created_at \
             FROM programmes WHERE user_id = $1 ORDER BY id DESC LIMIT 1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?
        }))
    }

    /// Her programmes without their plans, newest first: the history of adaptations.
    pub async fn programme_history(&self, user_id: i64) -> Result<Vec<ProgrammeSummary>> {
        Ok(read!(self, |p| {
            sqlx::query_as::<_, ProgrammeSummary>(
            "SELECT id, profile_version, library_version, start_on, weeks, status, reason, created_at \
             FROM programmes WHERE user_id = $1 ORDER BY id DESC"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?
        }))
    }

    /// Today in her current programme, and the next day with something to do when today is a
    /// rest day: at most two days, from `today` on.
    pub async fn programme_days_from(
        &self,
        user_id: i64,
        today: Date,
    ) -> Result<Vec<ProgrammeDay>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ProgrammeDay>(
            "SELECT day_on, kind, day_json FROM programme_days \
             WHERE programme_id = (SELECT MAX(id) FROM programmes WHERE user_id = $1) \
             AND day_on >= $2 AND (day_on = $2 OR kind <> 'rest') ORDER BY day_on LIMIT 2"
        )
        .bind(user_id)
        .bind(today)
        .fetch_all(p)
        .await?))
    }

    /// How many days of her latest ready programme from `from` to `to` (inclusive) hold a
    /// session or a run: what a week's adherence is measured against. `None` when she has no
    /// programme at all (one query, so a caseload of 500 does not also read every plan).
    pub async fn planned_days_between(
        &self,
        user_id: i64,
        from: Date,
        to: Date,
    ) -> Result<Option<i64>> {
        Ok(read!(self, |p| {
            sqlx::query_scalar::<_, Option<i64>>(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM programmes WHERE user_id = $1) THEN \
                 (SELECT COUNT(*) FROM programme_days \
                  WHERE programme_id = (SELECT MAX(id) FROM programmes WHERE user_id = $1 AND status = 'ready') \
                  AND day_on >= $2 AND day_on <= $3 AND kind <> 'rest') END",
            )
            .bind(user_id)
            .bind(from)
            .bind(to)
            .fetch_one(p)
            .await?
        }))
    }

    // ---- logs --------------------------------------------------------------------------------
}
