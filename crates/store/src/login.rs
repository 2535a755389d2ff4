//! Sign-up and sign-in attempts: the counters behind the rate limits and the lock-out.

use super::*;

impl Store {
    /// Counts a sign-up from a client address if it has made fewer than `limit` since `since`
    /// (one statement, so parallel sign-ups cannot all slip under the limit on SQLite; on
    /// PostgreSQL at most the requests in flight at once can). Returns `Ok(())` when counted,
    /// or `Err(oldest)`, the time of the oldest sign-up in the window, when the limit is reached
    /// (then nothing is written, so a flood adds no rows).
    pub async fn record_signup_attempt(
        &self,
        ip: &str,
        now: i64,
        since: i64,
        limit: i64,
    ) -> Result<std::result::Result<(), i64>> {
        let counted = write!(self, |p| sqlx::query(
            "INSERT INTO signup_attempts (ip, at) SELECT $1, $2 \
             WHERE (SELECT COUNT(*) FROM signup_attempts WHERE ip = $1 AND at >= $3) < $4"
        )
        .bind(ip)
        .bind(now)
        .bind(since)
        .bind(limit)
        .execute(p)
        .await?
        .rows_affected());
        if counted > 0 {
            return Ok(Ok(()));
        }
        let oldest: Option<i64> = read!(self, |p| sqlx::query_scalar(
            "SELECT MIN(at) FROM signup_attempts WHERE ip = $1 AND at >= $2"
        )
        .bind(ip)
        .bind(since)
        .fetch_one(p)
        .await?);
        Ok(Err(oldest.unwrap_or(now)))
    }

    /// Records a failed login, for rate limiting across every server sharing the database.
    pub async fn record_login_failure(&self, email: &str, ip: &str, now: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3)"
        )
        .bind(email)
        .bind(ip)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Failed logins since `since`: (for this email, from this address).
    pub async fn login_failures(&self, email: &str, ip: &str, since: i64) -> Result<(i64, i64)> {
        let row: (i64, i64) = read!(self, |p| sqlx::query_as(
            "SELECT \
               (SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at >= $3), \
               (SELECT COUNT(*) FROM login_failures WHERE ip = $2 AND at >= $3)"
        )
        .bind(email)
        .bind(ip)
        .bind(since)
        .fetch_one(p)
        .await?);
        Ok(row)
    }

    /// Counts a sign-in attempt against the limits before its password is checked, so parallel
    /// guesses cannot all slip under them: at most `max_email` attempts for one email and
    /// `max_ip` from one address within `window` seconds before `now`.
    ///
    /// A refused attempt writes nothing (so a flood of refused logins adds no rows), and each
    /// attempt first forgets that email's and address's attempts older than the window: the
    /// table holds at most about `max_email` rows per email and `max_ip` per address.
    pub async fn begin_login_attempt(
        &self,
        email: &str,
        ip: &str,
        now: i64,
        limits: LoginLimits,
    ) -> Result<LoginGate> {
        let since = now - limits.window_secs;
        write!(self, |p| {
            sqlx::query("DELETE FROM login_failures WHERE email = $1 AND at < $2")
                .bind(email)
                .bind(since)
                .execute(p)
                .await?;
            sqlx::query("DELETE FROM login_failures WHERE ip = $1 AND at < $2")
                .bind(ip)
                .bind(since)
                .execute(p)
                .await?;
            Ok::<_, StoreError>(())
        })?;
        let (by_email, by_ip) = self.login_failures(email, ip, since).await?;
        if by_email >= limits.max_email || by_ip >= limits.max_ip {
            return self
                .login_locked(email, ip, now, (by_email, by_ip), limits)
                .await;
        }
        self.record_login_failure(email, ip, now).await?;
        let counts = self.login_failures(email, ip, since).await?;
        if counts.0 > limits.max_email || counts.1 > limits.max_ip {
            // Others got in first: this one is over the limit after all.
            return self.login_locked(email, ip, now, counts, limits).await;
        }
        Ok(LoginGate::Open)
    }

    /// When enough of the counted attempts will have left the window for one more to be
    /// allowed (the first second it is).
    async fn login_locked(
        &self,
        email: &str,
        ip: &str,
        now: i64,
        (by_email, by_ip): (i64, i64),
        limits: LoginLimits,
    ) -> Result<LoginGate> {
        let since = now - limits.window_secs;
        let mut until = now + 1;
        for (by_email_limit, key, count, max) in [
            (true, email, by_email, limits.max_email),
            (false, ip, by_ip, limits.max_ip),
        ] {
            if count < max {
                continue;
            }
            // Of `count` attempts, `count - max + 1` must leave the window first; the last of
            // them to leave is the one at offset `count - max` in time order.
            let sql = if by_email_limit {
                "SELECT at FROM login_failures WHERE email = $1 AND at >= $2 \
                 ORDER BY at LIMIT 1 OFFSET $3"
            } else {
                "SELECT at FROM login_failures WHERE ip = $1 AND at >= $2 \
                 ORDER BY at LIMIT 1 OFFSET $3"
            };
            let at: Option<(i64,)> = read!(self, |p| sqlx::query_as(sql)
                .bind(key)
                .bind(since)
                .bind(count - max)
                .fetch_optional(p)
                .await?);
            let at = at.map_or(now, |(at,)| at);
            until = until.max(at + limits.window_secs + 1);
        }
        Ok(LoginGate::Locked { until })
    }

    /// Forgets an email's failed logins after a successful one.
    pub async fn clear_login_failures(&self, email: &str) -> Result<()> {
        write!(self, |p| sqlx::query(
            "DELETE FROM login_failures WHERE email = $1"
        )
        .bind(email)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    // ---- profiles, screenings, programmes ----------------------------------------------------
}
