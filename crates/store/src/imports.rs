//! Imports: the sets of one import in one transaction, the file waiting between preview and confirm, undo.

use super::*;

impl Store {
    /// Stores an import in one transaction: the import's record and every set that is new.
    /// Each set's `client_ref` is derived from the file's content, so a set already stored (the
    /// same file imported twice, or overlapping exports) is skipped, not doubled. Returns the
    /// import's id, sets added and sets skipped.
    pub async fn import_sets(
        &self,
        user_id: i64,
        source: ImportSource<'_>,
        sets: &[ImportedSetRow],
        extras: &ImportExtras,
        now: i64,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<ImportCounts> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO imports (user_id, format, file_sha256, sets_added, sets_skipped, created_at) \
                 VALUES ($1, $2, $3, 0, 0, $4) RETURNING id",
            )
            .bind(user_id)
            .bind(source.format)
            .bind(source.file_sha256)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let mut added = 0u64;
            // Many rows per statement: one trip to the database per chunk, not per set.
            for (chunk_no, chunk) in sets.chunks(IMPORT_CHUNK).enumerate() {
                progress((chunk_no * IMPORT_CHUNK) as u64);
                let mut query = sqlx::query(sqlx::AssertSqlSafe(insert_sets_sql(chunk.len())));
                for row in chunk {
                    query = bind_set!(query, user_id, row.set, now)
                        .bind(id)
                        .bind(&row.set_type)
                        .bind(&row.exercise_name);
                }
                added += query.execute(&mut *tx).await?.rows_affected();
            }
            progress(sets.len() as u64);
            let skipped = sets.len() as u64 - added;
            let mut counts = ImportCounts {
                id,
                sets_added: added,
                sets_skipped: skipped,
                checkins_added: 0,
                pelvic_floor_added: 0,
                baby_weights_added: 0,
                profiles_added: 0,
            };
            for c in &extras.checkins {
                counts.checkins_added += sqlx::query(
                    "INSERT INTO checkins (user_id, done_on, symptoms, red_flags, rpe, mood, sleep_hours, notes, created_at, import_id) \
                     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 WHERE NOT EXISTS (SELECT 1 FROM checkins \
                     WHERE user_id = $1 AND done_on = $2 AND symptoms = $3 AND red_flags = $4 AND rpe IS NOT DISTINCT FROM $5 \
                     AND mood IS NOT DISTINCT FROM $6 AND sleep_hours IS NOT DISTINCT FROM $7 AND notes = $8)",
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
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            for (day, set_number) in &extras.pelvic_floor {
                counts.pelvic_floor_added += sqlx::query(
                    "INSERT INTO pelvic_floor_ticks (user_id, done_on, set_number, created_at, import_id) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, done_on, set_number) DO NOTHING",
                )
                .bind(user_id)
                .bind(*day)
                .bind(*set_number)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            for (day, kg) in &extras.baby_weights {
                counts.baby_weights_added += sqlx::query(
                    "INSERT INTO baby_weights (user_id, measured_on, weight_kg, created_at, import_id) \
                     SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM baby_weights \
                     WHERE user_id = $1 AND measured_on = $2 AND weight_kg = $3)",
                )
                .bind(user_id)
                .bind(*day)
                .bind(*kg)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            for json in &extras.profiles {
                counts.profiles_added += sqlx::query(
                    "INSERT INTO profiles (user_id, version, profile_json, created_at, import_id) \
                     SELECT $1, COALESCE((SELECT MAX(version) FROM profiles WHERE user_id = $1), 0) + 1, $2, $3, $4 \
                     WHERE NOT EXISTS (SELECT 1 FROM profiles WHERE user_id = $1 AND profile_json = $2)",
                )
                .bind(user_id)
                .bind(json)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            let others = counts.checkins_added
                + counts.pelvic_floor_added
                + counts.baby_weights_added
                + counts.profiles_added;
            if added == 0 && others == 0 {
                // Nothing new (the same file again): no import is recorded, so there is
                // nothing empty to undo. Id 0 says so.
                tx.rollback().await?;
                return Ok(ImportCounts { id: 0, ..counts });
            }
            sqlx::query(
                "UPDATE imports SET sets_added = $1, sets_skipped = $2, others_added = $3 WHERE id = $4",
            )
            .bind(i64::try_from(added).unwrap_or(i64::MAX))
            .bind(i64::try_from(skipped).unwrap_or(i64::MAX))
            .bind(i64::try_from(others).unwrap_or(i64::MAX))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(counts)
        })
    }

    /// Which of these client refs she already has (for an import's preview of duplicates).
    pub async fn known_client_refs(
        &self,
        user_id: i64,
        prefix: &str,
    ) -> Result<std::collections::HashSet<String>> {
        let pattern = format!("{prefix}%");
        let refs: Vec<String> = read!(self, |p| sqlx::query_scalar(
            "SELECT client_ref FROM logged_sets WHERE user_id = $1 AND client_ref LIKE $2"
        )
        .bind(user_id)
        .bind(&pattern)
        .fetch_all(p)
        .await?);
        Ok(refs.into_iter().collect())
    }

    /// Undoes an import: removes the sets it added. `None` when she has no such import, or it
    /// was undone already; else how many sets were removed.
    pub async fn undo_import(&self, user_id: i64, import_id: i64, now: i64) -> Result<Option<u64>> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let marked = sqlx::query(
                "UPDATE imports SET undone_at = $1 WHERE id = $2 AND user_id = $3 AND undone_at IS NULL",
            )
            .bind(now)
            .bind(import_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if marked == 0 {
                return Ok(None);
            }
            let removed =
                sqlx::query("DELETE FROM logged_sets WHERE import_id = $1 AND user_id = $2")
                    .bind(import_id)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            for table in ["checkins", "pelvic_floor_ticks", "baby_weights", "profiles"] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM {table} WHERE import_id = $1 AND user_id = $2"
                )))
                .bind(import_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(Some(removed))
        })
    }

    /// Her imports, newest first.
    pub async fn imports_of(&self, user_id: i64) -> Result<Vec<ImportRow>> {
        Ok(read!(self, |p| {
            sqlx::query_as::<_, ImportRow>(
            "SELECT id, format, file_sha256, sets_added, sets_skipped, others_added, created_at, undone_at \
             FROM imports WHERE user_id = $1 ORDER BY id DESC"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?
        }))
    }

    // ---- calendar feed ---------------------------------------------------------------------------
    /// Keeps an uploaded file until she confirms its preview (replacing any earlier one).
    pub async fn save_pending_import(
        &self,
        user_id: i64,
        file_name: &str,
        unit: Option<&str>,
        file: &[u8],
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO pending_imports (user_id, file_name, unit, file, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id) DO UPDATE SET file_name = excluded.file_name, unit = excluded.unit, \
             file = excluded.file, created_at = excluded.created_at"
        )
        .bind(user_id)
        .bind(file_name)
        .bind(unit)
        .bind(file)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Her uploaded file waiting for confirmation: name, unit given, bytes, when uploaded.
    pub async fn pending_import(
        &self,
        user_id: i64,
    ) -> Result<Option<(String, Option<String>, Vec<u8>, i64)>> {
        Ok(read!(self, |p| sqlx::query_as::<
            _,
            (String, Option<String>, Vec<u8>, i64),
        >(
            "SELECT file_name, unit, file, created_at FROM pending_imports WHERE user_id = $1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?))
    }

    /// Forgets her uploaded file (imported or cancelled).
    pub async fn delete_pending_import(&self, user_id: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "DELETE FROM pending_imports WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    // ---- coaches, grants, audit --------------------------------------------------------------
}

/// The statement that inserts `rows` imported sets at once (15 placeholders a row), skipping
/// those whose client ref she already has.
fn insert_sets_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO logged_sets (user_id, done_on, exercise, set_number, reps, target_reps, \
         load_kg, rpe, symptoms, red_flags, client_ref, created_at, import_id, set_type, exercise_name) VALUES ",
    );
    for n in 0..rows {
        let b = n * 15;
        if n > 0 {
            sql.push(',');
        }
        sql.push('(');
        for k in 1..=15 {
            if k > 1 {
                sql.push(',');
            }
            sql.push('$');
            sql.push_str(&(b + k).to_string());
        }
        sql.push(')');
    }
    sql.push_str(" ON CONFLICT (user_id, client_ref) WHERE client_ref IS NOT NULL DO NOTHING");
    sql
}
