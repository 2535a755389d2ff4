//! Coaching: invitations, grants and the audit of every read of a client.

use super::*;

impl Store {
    /// Stores an invitation code a coach hands to a member: its hash, which a redeem looks up,
    /// and the code itself, so she can see it again until it is used or revoked.
    pub async fn create_invitation(
        &self,
        coach_id: i64,
        code_hash: &str,
        code: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
                "INSERT INTO invitations (code_hash, coach_id, code, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(code_hash)
            .bind(coach_id)
            .bind(code)
            .bind(now)
            .bind(expires_at)
            .execute(p)
            .await?
            .rows_affected()
        });
        Ok(())
    }

    /// A member redeems a coach's invitation: the code is used up and the coach gains access.
    /// Returns the coach, or why not.
    pub async fn redeem_invitation(
        &self,
        member_id: i64,
        code_hash: &str,
        now: i64,
    ) -> Result<Result<User, RedeemError>> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let invitation: Option<(i64, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
                "SELECT coach_id, expires_at, used_at, revoked_at FROM invitations \
                 WHERE code_hash = $1",
            )
            .bind(code_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((coach_id, expires_at, used_at, revoked_at)) = invitation else {
                return Ok(Err(RedeemError::Unknown));
            };
            if revoked_at.is_some() {
                return Ok(Err(RedeemError::Revoked));
            }
            if used_at.is_some() {
                return Ok(Err(RedeemError::Used));
            }
            if expires_at <= now {
                return Ok(Err(RedeemError::Expired));
            }
            if coach_id == member_id {
                return Ok(Err(RedeemError::Own));
            }
            // A used code is no longer kept: only its hash stays, to say it was used.
            sqlx::query(
                "UPDATE invitations SET used_by = $1, used_at = $2, code = NULL \
                 WHERE code_hash = $3",
            )
            .bind(member_id)
            .bind(now)
            .bind(code_hash)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO grants (member_id, coach_id, created_at) SELECT $1, $2, $3 \
                 WHERE NOT EXISTS (SELECT 1 FROM grants WHERE member_id = $1 AND coach_id = $2 \
                 AND revoked_at IS NULL)",
            )
            .bind(member_id)
            .bind(coach_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let coach: User = sqlx::query_as(
                "SELECT id, email, role, display_name, created_at FROM users WHERE id = $1",
            )
            .bind(coach_id)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Ok(coach))
        })
    }

    /// A coach's open invitations (not used, not expired, not revoked), the soonest to expire
    /// first; codes made before codes were kept are left out.
    pub async fn open_invitations(&self, coach_id: i64, now: i64) -> Result<Vec<InvitationRow>> {
        Ok(read!(self, |p| sqlx::query_as::<_, InvitationRow>(
            "SELECT code, created_at, expires_at FROM invitations \
             WHERE coach_id = $1 AND code IS NOT NULL AND used_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $2 ORDER BY expires_at, code"
        )
        .bind(coach_id)
        .bind(now)
        .fetch_all(p)
        .await?))
    }

    /// A coach revokes one of her own open invitations: it stops working at once and is no
    /// longer kept. False when she has no such open code (another coach's, used or revoked).
    pub async fn revoke_invitation(
        &self,
        coach_id: i64,
        code_hash: &str,
        now: i64,
    ) -> Result<bool> {
        Ok(write!(self, |p| {
            sqlx::query(
                "UPDATE invitations SET revoked_at = $1, code = NULL \
                 WHERE code_hash = $2 AND coach_id = $3 AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(code_hash)
            .bind(coach_id)
            .execute(p)
            .await?
            .rows_affected()
        }) > 0)
    }

    /// Counts a member's redeem of a code that does not exist, for the limit on guessing.
    pub async fn record_redeem_failure(&self, member_id: i64, now: i64) -> Result<()> {
        write!(self, |p| {
            sqlx::query("INSERT INTO redeem_failures (member_id, at) VALUES ($1, $2)")
                .bind(member_id)
                .bind(now)
                .execute(p)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// A member's redeems of unknown codes since `since`: how many, and the oldest (for when
    /// she may try again).
    pub async fn redeem_failures_since(
        &self,
        member_id: i64,
        since: i64,
    ) -> Result<(i64, Option<i64>)> {
        Ok(read!(self, |p| sqlx::query_as::<_, (i64, Option<i64>)>(
            "SELECT COUNT(*), MIN(at) FROM redeem_failures WHERE member_id = $1 AND at >= $2"
        )
        .bind(member_id)
        .bind(since)
        .fetch_one(p)
        .await?))
    }

    /// Whether a member has granted a coach access (and not revoked it).
    pub async fn has_grant(&self, coach_id: i64, member_id: i64) -> Result<bool> {
        let n: i64 = read!(self, |p| {
            sqlx::query_scalar(
            "SELECT COUNT(*) FROM grants WHERE coach_id = $1 AND member_id = $2 AND revoked_at IS NULL"
        )
        .bind(coach_id)
        .bind(member_id)
        .fetch_one(p)
        .await?
        });
        Ok(n > 0)
    }

    /// The coaches a member has granted access, current and revoked, newest first.
    pub async fn grants_of_member(&self, member_id: i64) -> Result<Vec<GrantRow>> {
        Ok(read!(self, |p| {
            sqlx::query_as::<_, GrantRow>(
            "SELECT u.id, u.email, u.display_name, g.created_at, g.revoked_at \
             FROM grants g JOIN users u ON u.id = g.coach_id WHERE g.member_id = $1 ORDER BY g.id DESC"
        )
        .bind(member_id)
        .fetch_all(p)
        .await?
        }))
    }

    /// The members who currently grant a coach access.
    pub async fn clients_of(&self, coach_id: i64) -> Result<Vec<GrantRow>> {
        Ok(read!(self, |p| sqlx::query_as::<_, GrantRow>(
            "SELECT u.id, u.email, u.display_name, g.created_at, g.revoked_at \
             FROM grants g JOIN users u ON u.id = g.member_id \
             WHERE g.coach_id = $1 AND g.revoked_at IS NULL ORDER BY u.display_name, u.id"
        )
        .bind(coach_id)
        .fetch_all(p)
        .await?))
    }

    /// A member withdraws a coach's access; false when there was none to withdraw.
    pub async fn revoke_grant(&self, member_id: i64, coach_id: i64, now: i64) -> Result<bool> {
        Ok(write!(self, |p| {
            sqlx::query(
            "UPDATE grants SET revoked_at = $1 WHERE member_id = $2 AND coach_id = $3 AND revoked_at IS NULL"
        )
        .bind(now)
        .bind(member_id)
        .bind(coach_id)
        .execute(p)
        .await?
        .rows_affected()
        }) > 0)
    }

    /// Notes that someone read another person's health data.
    pub async fn audit(
        &self,
        actor: &AuthUser,
        subject_id: i64,
        action: &str,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO audit_log (actor_id, actor_email, subject_id, action, at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(actor.id)
        .bind(&actor.email)
        .bind(subject_id)
        .bind(action)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Whether this reader made this kind of read of her data since `since` (to keep repeated
    /// list views from flooding her audit log).
    pub async fn audited_since(
        &self,
        actor_id: i64,
        subject_id: i64,
        action: &str,
        since: i64,
    ) -> Result<bool> {
        let n: i64 = read!(self, |p| {
            sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE actor_id = $1 AND subject_id = $2 AND action = $3 AND at >= $4"
        )
        .bind(actor_id)
        .bind(subject_id)
        .bind(action)
        .bind(since)
        .fetch_one(p)
        .await?
        });
        Ok(n > 0)
    }

    /// Who read her data, newest first (at most `limit` entries).
    pub async fn audit_of(&self, subject_id: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        Ok(read!(self, |p| sqlx::query_as::<_, AuditEntry>(
            "SELECT actor_id, actor_email, action, at FROM audit_log WHERE subject_id = $1 \
             ORDER BY id DESC LIMIT $2"
        )
        .bind(subject_id)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }
}
