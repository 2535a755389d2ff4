//! Accounts: create, find, change role or password, delete (with every row of hers).

use super::*;

impl Store {
    /// Adds an account. The email must be new (compared as given: callers lower-case it).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the email is taken.
    pub async fn create_user(&self, new: &NewUser<'_>, now: i64) -> Result<User> {
        Ok(write!(self, |p| sqlx::query_as::<_, User>(
            "INSERT INTO users (email, password_hash, role, display_name, created_at) \
             VALUES ($1, $2, $3, $4, $5) \
             RETURNING id, email, role, display_name, created_at"
        )
        .bind(new.email)
        .bind(new.password_hash)
        .bind(new.role.as_str())
        .bind(new.display_name)
        .bind(now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?))
    }

    /// The account with this email, with its password hash, if any.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<(User, String)>> {
        let row: Option<UserWithHash> = read!(self, |p| sqlx::query_as(
            "SELECT id, email, role, display_name, created_at, password_hash \
             FROM users WHERE email = $1"
        )
        .bind(email)
        .fetch_optional(p)
        .await?);
        Ok(row.map(|r| (r.user, r.password_hash)))
    }

    /// The account with this id, with its password hash, if any.
    pub async fn user_by_id(&self, id: i64) -> Result<Option<(User, String)>> {
        let row: Option<UserWithHash> = read!(self, |p| sqlx::query_as(
            "SELECT id, email, role, display_name, created_at, password_hash \
             FROM users WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(p)
        .await?);
        Ok(row.map(|r| (r.user, r.password_hash)))
    }

    /// Changes an account's role (an admin making a member a coach).
    pub async fn set_role(&self, user_id: i64, role: Role) -> Result<()> {
        write!(self, |p| sqlx::query(
            "UPDATE users SET role = $1 WHERE id = $2"
        )
        .bind(role.as_str())
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Deletes an account and everything about her: profile versions, plans, logs, grants,
    /// sessions, tokens, pending uploads and the audit entries about her data. Returns whether
    /// she existed.
    ///
    /// On SQLite the deleted content is zeroed in the file (`secure_delete`) and the WAL, which
    /// still holds the pages as they were, is checkpointed into the file and truncated, so
    /// nothing of hers can be read from the `.db`, `-wal` or `-shm` files afterwards.
    /// PostgreSQL keeps dead rows in its files until `VACUUM` reuses the space (see the README).
    pub async fn delete_user(&self, user_id: i64) -> Result<bool> {
        let gone = self.delete_user_rows(user_id).await?;
        if gone {
            // Were a reader to hold the WAL for seconds, the next checkpoint finishes this.
            self.checkpoint_truncate().await?;
        }
        Ok(gone)
    }

    /// Copies SQLite's WAL into the database file and truncates it to nothing, retrying while a
    /// reader still uses an old snapshot; returns whether it finished (true on PostgreSQL, which
    /// has nothing to do).
    ///
    /// # Errors
    /// A database error.
    pub async fn checkpoint_truncate(&self) -> Result<bool> {
        let Pools::Sqlite { write, .. } = &self.pools else {
            return Ok(true);
        };
        for attempt in 0u64..50 {
            // (busy, frames in the WAL, frames checkpointed)
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(write)
                .await?;
            if busy == 0 {
                return Ok(true);
            }
            tokio::time::sleep(Duration::from_millis(20 * (attempt + 1).min(10))).await;
        }
        Ok(false)
    }

    async fn delete_user_rows(&self, user_id: i64) -> Result<bool> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            sqlx::query("DELETE FROM audit_log WHERE subject_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE audit_log SET actor_id = NULL WHERE actor_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "DELETE FROM login_failures WHERE email = (SELECT email FROM users WHERE id = $1)",
            )
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            let gone = sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(gone > 0)
        })
    }

    /// Sets an account's password hash and, in the same transaction, ends every session of hers
    /// but `keep_session` (the one that changed it, by its hash; `None` ends all) and deletes
    /// every API token of hers. Returns (sessions ended, tokens deleted), or `None` when there is
    /// no such account.
    pub async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        keep_session: Option<&str>,
    ) -> Result<Option<(u64, u64)>> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let found = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if found == 0 {
                return Ok(None);
            }
            let sessions = sqlx::query(
                "DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR token_hash <> $2)",
            )
            .bind(user_id)
            .bind(keep_session)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let tokens = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(Some((sessions, tokens)))
        })
    }

    // ---- sessions and tokens -----------------------------------------------------------------
}
