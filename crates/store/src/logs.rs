//! Her training log: sets, check-ins, pelvic-floor ticks and baby weights.

use super::*;

impl Store {
    /// Logs one set. With a `client_ref` the call is idempotent: a retry returns the set already
    /// stored instead of a second copy. The flag says whether this call stored it.
    pub async fn insert_set(&self, user_id: i64, set: &NewSet, now: i64) -> Result<(SetRow, bool)> {
        let inserted: Option<SetRow> = write!(self, |p| {
            bind_set!(sqlx::query_as::<_, SetRow>(
            "INSERT INTO logged_sets (user_id, done_on, exercise, set_number, reps, target_reps, \
             load_kg, rpe, symptoms, red_flags, client_ref, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (user_id, client_ref) WHERE client_ref IS NOT NULL DO NOTHING \
             RETURNING id, done_on, exercise, set_number, reps, target_reps, load_kg, rpe, symptoms, \
             red_flags, client_ref, created_at"
        ), user_id, set, now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        });
        if let Some(row) = inserted {
            return Ok((row, true));
        }
        // Only a repeated client_ref gets here.
        Ok((
            write!(self, |p| {
                sqlx::query_as::<_, SetRow>(
            "SELECT id, done_on, exercise, set_number, reps, target_reps, load_kg, rpe, symptoms, \
             red_flags, client_ref, created_at FROM logged_sets WHERE user_id = $1 AND client_ref = $2"
        )
        .bind(user_id)
        .bind(&set.client_ref)
        .fetch_one(p)
        .await?
            }),
            false,
        ))
    }

    /// Logs one set for whoever holds a live member session, in one statement: the check and the
    /// write together, for the app's most frequent write. `None` when the session is unknown,
    /// expired or not a member's, or the `client_ref` was stored before: the caller then takes the
    /// slow path, which says which.
    pub async fn insert_set_for_session(
        &self,
        token_hash: &str,
        set: &NewSet,
        now: i64,
        slide: Slide,
    ) -> Result<Option<SetRow>> {
        match &self.pools {
            Pools::Sqlite { sets, .. } => {
                let (reply, answer) = tokio::sync::oneshot::channel();
                let job = SetJob {
                    token_hash: token_hash.to_owned(),
                    set: set.clone(),
                    now,
                    slide,
                    reply,
                };
                let gone = || StoreError::Refused("the store is closing; try again".to_owned());
                sets.send(job).await.map_err(|_| gone())?;
                answer.await.map_err(|_| gone())?
            }
            Pools::Postgres(pool) => {
                let row = bind_set!(
                    sqlx::query_as::<_, SetRow>(INSERT_SET_FOR_SESSION),
                    token_hash,
                    set,
                    now
                )
                .fetch_all(pool)
                .await?
                .into_iter()
                .next();
                if row.is_some() {
                    sqlx::query(SLIDE_SESSION)
                        .bind(slide.expires_at)
                        .bind(token_hash)
                        .bind(slide.if_before)
                        .execute(pool)
                        .await?;
                }
                Ok(row)
            }
        }
    }

    /// Her sets between two dates (inclusive), oldest first, at most `limit`.
    pub async fn sets_between(
        &self,
        user_id: i64,
        from: Date,
        to: Date,
        limit: i64,
    ) -> Result<Vec<SetRow>> {
        Ok(read!(self, |p| sqlx::query_as::<_, SetRow>(
            "SELECT id, done_on, exercise, set_number, reps, target_reps, load_kg, rpe, symptoms, \
             red_flags, client_ref, created_at FROM logged_sets \
             WHERE user_id = $1 AND done_on >= $2 AND done_on <= $3 ORDER BY done_on, id LIMIT $4"
        )
        .bind(user_id)
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }

    /// Deletes one of her sets (a mistake); false when she has no set with that id.
    pub async fn delete_set(&self, user_id: i64, set_id: i64) -> Result<bool> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM logged_sets WHERE id = $1 AND user_id = $2"
        )
        .bind(set_id)
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected())
            > 0)
    }

    /// Deletes one of her check-ins (a mistake); false when she has no check-in with that id.
    pub async fn delete_checkin(&self, user_id: i64, checkin_id: i64) -> Result<bool> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM checkins WHERE id = $1 AND user_id = $2"
        )
        .bind(checkin_id)
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected())
            > 0)
    }

    /// Logs a check-in.
    pub async fn insert_checkin(
        &self,
        user_id: i64,
        c: &NewCheckIn,
        now: i64,
    ) -> Result<CheckInRow> {
        Ok(write!(self, |p| {
            sqlx::query_as::<_, CheckInRow>(
            "INSERT INTO checkins (user_id, done_on, symptoms, red_flags, rpe, mood, sleep_hours, notes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id, done_on, symptoms, red_flags, rpe, mood, sleep_hours, notes, created_at"
        )
        .bind(user_id)
        .bind(c.done_on)
        .bind(&c.symptoms)
        .bind(&c.red_flags)
        .bind(c.rpe)
        .bind(c.mood)
        .bind(c.sleep_hours)
        .bind(&c.notes)
        .bind(now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?
        }))
    }

    /// Her check-ins between two dates (inclusive), oldest first.
    pub async fn checkins_between(
        &self,
        user_id: i64,
        from: Date,
        to: Date,
        limit: i64,
    ) -> Result<Vec<CheckInRow>> {
        Ok(read!(self, |p| sqlx::query_as::<_, CheckInRow>(
            "SELECT id, done_on, symptoms, red_flags, rpe, mood, sleep_hours, notes, created_at \
             FROM checkins WHERE user_id = $1 AND done_on >= $2 AND done_on <= $3 \
             ORDER BY done_on, id LIMIT $4"
        )
        .bind(user_id)
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }

    /// Ticks one of the day's pelvic-floor sets (1-3); ticking it again changes nothing.
    pub async fn tick_pelvic_floor(
        &self,
        user_id: i64,
        done_on: Date,
        set_number: i64,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| sqlx::query(
            "INSERT INTO pelvic_floor_ticks (user_id, done_on, set_number, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, done_on, set_number) DO NOTHING"
        )
        .bind(user_id)
        .bind(done_on)
        .bind(set_number)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Her pelvic-floor ticks between two dates, oldest first.
    pub async fn pelvic_floor_between(
        &self,
        user_id: i64,
        from: Date,
        to: Date,
    ) -> Result<Vec<PelvicFloorTick>> {
        Ok(read!(self, |p| sqlx::query_as::<_, PelvicFloorTick>(
            "SELECT done_on, set_number, created_at FROM pelvic_floor_ticks \
             WHERE user_id = $1 AND done_on >= $2 AND done_on <= $3 ORDER BY done_on, set_number"
        )
        .bind(user_id)
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await?))
    }

    /// Records her baby's weight on a day.
    pub async fn insert_baby_weight(
        &self,
        user_id: i64,
        measured_on: Date,
        weight_kg: f64,
        now: i64,
    ) -> Result<BabyWeight> {
        Ok(write!(self, |p| sqlx::query_as::<_, BabyWeight>(
            "INSERT INTO baby_weights (user_id, measured_on, weight_kg, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id, measured_on, weight_kg, created_at"
        )
        .bind(user_id)
        .bind(measured_on)
        .bind(weight_kg)
        .bind(now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?))
    }

    /// Her baby's recorded weights, oldest first.
    pub async fn baby_weights(&self, user_id: i64) -> Result<Vec<BabyWeight>> {
        Ok(read!(self, |p| sqlx::query_as::<_, BabyWeight>(
            "SELECT id, measured_on, weight_kg, created_at FROM baby_weights \
             WHERE user_id = $1 ORDER BY measured_on, id"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?))
    }

    /// When she last logged anything (a set or a check-in), as a unix time.
    pub async fn last_activity(&self, user_id: i64) -> Result<Option<i64>> {
        Ok(read!(self, |p| sqlx::query_scalar::<_, Option<i64>>(
            "SELECT MAX(at) FROM (\
               SELECT MAX(created_at) AS at FROM logged_sets WHERE user_id = $1 \
               UNION ALL SELECT MAX(created_at) FROM checkins WHERE user_id = $1 \
               UNION ALL SELECT MAX(created_at) FROM pelvic_floor_ticks WHERE user_id = $1) AS a"
        )
        .bind(user_id)
        .fetch_one(p)
        .await?))
    }

    // ---- imports -------------------------------------------------------------------------------
}
