//! A coach's use cases, for the API and the coach's pages alike: invitation codes, the list of
//! clients with their flags, and the one gate every read of a client passes (a current grant,
//! and the read written to her audit log).

use mumstrong_core::records;
use mumstrong_core::screening::Referral;
use mumstrong_store::{AuthUser, InvitationRow, RedeemError};
use serde::Serialize;
use time::Duration;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth;
use crate::error::{AppError, AppResult};
use crate::invite_code;
use crate::state::{member_now_with, window_logs};

/// Unknown codes a member may try in [`REDEEM_WINDOW_SECS`] before redeems are refused: with
/// 40-bit codes, this makes guessing one hopeless.
pub const REDEEM_FAILURES: i64 = 10;

/// The window of the redeem limit, in seconds.
pub const REDEEM_WINDOW_SECS: i64 = 3_600;

/// How long an invitation code works.
pub const INVITATION_DAYS: i64 = 14;

/// An open invitation code: what the coach reads out or sends, and the link that fills it in.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Invitation {
    /// The code as people read it: `K7QX-2M9D` (any case, dash or not, works).
    pub code: String,
    /// The member's share form with the code filled in, `/account?code=K7QX-2M9D#coach` (the API
    /// gives the whole address).
    pub link: String,
    /// When it was made (Unix seconds).
    pub created_at: i64,
    /// When it stops working (Unix seconds).
    pub expires_at: i64,
}

impl Invitation {
    fn from_row(row: &InvitationRow) -> Invitation {
        let code = invite_code::grouped(&row.code);
        Invitation {
            link: invitation_link(&code),
            code,
            created_at: row.created_at,
            expires_at: row.expires_at,
        }
    }
}

/// The member's share form with a code filled in: `/account?code=K7QX-2M9D#coach`.
pub fn invitation_link(grouped: &str) -> String {
    format!("/account?code={grouped}#coach")
}

/// A new invitation code for this coach (valid [`INVITATION_DAYS`] days, once); she sees it
/// again among her open invitations until it is used or revoked.
pub async fn create_invitation(state: &AppState, coach: &AuthUser) -> AppResult<Invitation> {
    let code = invite_code::new_code()?;
    let now = state.now_unix();
    let expires_at = now + INVITATION_DAYS * 86_400;
    state
        .store
        .create_invitation(coach.id, &auth::hash_secret(&code), &code, now, expires_at)
        .await?;
    Ok(Invitation::from_row(&InvitationRow {
        code,
        created_at: now,
        expires_at,
    }))
}

/// A coach's open invitations (not used, expired or revoked), the soonest to expire first.
pub async fn open_invitations(state: &AppState, coach: &AuthUser) -> AppResult<Vec<Invitation>> {
    let rows = state
        .store
        .open_invitations(coach.id, state.now_unix())
        .await?;
    Ok(rows.iter().map(Invitation::from_row).collect())
}

/// A coach revokes one of her open codes (typed as shown, or any way a member may type it).
///
/// # Errors
/// 422 naming `code` when it is not a code; 404 when she has no such open code.
pub async fn revoke_invitation(state: &AppState, coach: &AuthUser, code: &str) -> AppResult<()> {
    let code = invite_code::normalise(code)?;
    if state
        .store
        .revoke_invitation(coach.id, &auth::hash_secret(&code), state.now_unix())
        .await?
    {
        tracing::info!(coach = coach.id, "invitation revoked");
        Ok(())
    } else {
        Err(AppError::not_found(format!(
            "you have no open invitation {}",
            invite_code::grouped(&code)
        )))
    }
}

/// Why a client needs her coach's attention, most pressing first: what orders the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClientFlag {
    /// A warning sign stops her training (her state's urgent stop).
    Urgent,
    /// Her screening refers her to someone.
    Referral,
    /// She logged a symptom in the last 2 weeks.
    Symptoms,
    /// Nothing to act on.
    None,
}

impl ClientFlag {
    /// The tag a coach reads; `None` for nothing to act on.
    pub fn label(self) -> Option<&'static str> {
        match self {
            ClientFlag::Urgent => Some("Urgent: warning sign"),
            ClientFlag::Referral => Some("Referral advised"),
            ClientFlag::Symptoms => Some("Symptoms reported"),
            ClientFlag::None => None,
        }
    }
}

/// One client in her coach's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClientSummary {
    /// Her member id (for her page).
    pub member_id: i64,
    /// Her name as she gave it.
    pub display_name: String,
    /// Her email.
    pub email: String,
    /// When she shared her data (Unix seconds).
    pub granted_at: i64,
    /// Why she needs attention.
    pub flag: ClientFlag,
    /// Her screening outcome (`urgent`, `refer`, `clear`), or `no_profile` / `profile_outdated`.
    pub screening: &'static str,
    /// Who her screening refers her to.
    #[schema(value_type = Vec<String>)]
    pub referrals: Vec<Referral>,
    /// Symptom words she logged in the last 2 weeks.
    pub recent_symptoms: Vec<String>,
    /// Whole weeks since the birth, when known.
    pub weeks_postpartum: Option<i64>,
    /// Her last logged activity (Unix seconds).
    pub last_activity: Option<i64>,
    /// Nothing logged for [`INACTIVE_DAYS`] days or more (or ever).
    pub inactive: bool,
    /// Days of this week (Monday to Sunday) with a logged set.
    pub days_trained_this_week: i64,
    /// Days of this week her programme holds a session or a run; `None` without a programme.
    pub days_planned_this_week: Option<i64>,
}

/// Days without a log after which a client counts as inactive.
pub const INACTIVE_DAYS: i64 = 7;

/// Her coach's list of clients.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClientsView {
    /// Urgent first, then referrals, then recent symptoms, then the longest inactive.
    pub clients: Vec<ClientSummary>,
}

/// Her coach's list of clients: each client's flag (from her state now, decided once), screening,
/// referrals, weeks since the birth and last activity, urgent first; each read is audited (at
/// most once an hour per client).
pub async fn clients(state: &AppState, coach: &AuthUser) -> AppResult<ClientsView> {
    let today = state.today();
    let recent = today - Duration::days(14);
    let mut clients = Vec::new();
    for client in state.store.clients_of(coach.id).await? {
        // One read of her recent logs serves her state and the list's 2-week symptom column.
        let (window_sets, window_checkins) = window_logs(state, client.id).await?;
        let in_list = |d: time::Date| d >= recent && d <= today + Duration::days(1);
        let sets: Vec<_> = window_sets
            .iter()
            .filter(|s| in_list(s.date))
            .cloned()
            .collect();
        let checkins: Vec<_> = window_checkins
            .iter()
            .filter(|c| in_list(c.date))
            .cloned()
            .collect();
        let mut symptoms: Vec<String> = sets
            .iter()
            .flat_map(|s| s.symptoms.iter())
            .chain(checkins.iter().flat_map(|c| c.symptoms.iter()))
            .map(|w| w.as_str().to_owned())
            .collect();
        symptoms.sort();
        symptoms.dedup();
        let (screening, urgent, referrals, weeks) =
            match member_now_with(state, client.id, &window_sets, &window_checkins).await {
                Ok(Some(now)) => (
                    now.state.outcome.as_str(),
                    now.urgent(),
                    now.screening.referrals.clone(),
                    Some(now.screening.weeks_postpartum),
                ),
                // Without a screening, a warning sign she logged still puts her first.
                Ok(None) => (
                    "no_profile",
                    logged_red_flag(&sets, &checkins),
                    Vec::new(),
                    None,
                ),
                Err(e) if e.code == "profile_outdated" => (
                    "profile_outdated",
                    logged_red_flag(&sets, &checkins),
                    Vec::new(),
                    None,
                ),
                Err(e) => return Err(e),
            };
        let flag = if urgent {
            ClientFlag::Urgent
        } else if !referrals.is_empty() {
            ClientFlag::Referral
        } else if !symptoms.is_empty() {
            ClientFlag::Symptoms
        } else {
            ClientFlag::None
        };
        let last_activity = state.store.last_activity(client.id).await?;
        let inactive = last_activity
            .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
            .is_none_or(|t| (today - t.date()).whole_days() >= INACTIVE_DAYS);
        let monday = today - Duration::days(i64::from(today.weekday().number_days_from_monday()));
        let sunday = monday + Duration::days(6);
        let trained: std::collections::BTreeSet<time::Date> = window_sets
            .iter()
            .map(|s| s.date)
            .filter(|d| *d >= monday && *d <= sunday)
            .collect();
        let planned = state
            .store
            .planned_days_between(client.id, monday, sunday)
            .await?;
        // The list shows health data (screening, symptoms), so it is a read of hers too; noted
        // once an hour, so a coach refreshing her list cannot push other reads out of sight.
        let action = "GET /api/v1/coach/clients (summary)";
        let now = state.now_unix();
        if !state
            .store
            .audited_since(coach.id, client.id, action, now - 3600)
            .await?
        {
            state.store.audit(coach, client.id, action, now).await?;
        }
        clients.push(ClientSummary {
            member_id: client.id,
            display_name: client.display_name,
            email: client.email,
            granted_at: client.created_at,
            flag,
            screening,
            referrals,
            recent_symptoms: symptoms,
            weeks_postpartum: weeks,
            last_activity,
            inactive,
            days_trained_this_week: trained.len() as i64,
            days_planned_this_week: planned,
        });
    }
    clients.sort_by_key(|c| (c.flag, c.last_activity.unwrap_or(0)));
    Ok(ClientsView { clients })
}

fn logged_red_flag(sets: &[records::SetRecord], checkins: &[records::CheckIn]) -> bool {
    sets.iter().any(|s| !s.red_flags.is_empty()) || checkins.iter().any(|c| !c.red_flags.is_empty())
}

/// Checks that the coach (the caller has refused members) has a current grant from this member and audits the read.
/// Members and coaches without access get the same 404, so ids reveal nothing. `what` is the
/// read as the audit log keeps it (`GET /coach/clients/3`).
pub async fn client_access(
    state: &AppState,
    coach: &AuthUser,
    member_id: i64,
    what: &str,
) -> AppResult<i64> {
    if !state.store.has_grant(coach.id, member_id).await? {
        return Err(AppError::not_found(format!(
            "no client {member_id} has granted you access"
        )));
    }
    state
        .store
        .audit(coach, member_id, what, state.now_unix())
        .await?;
    Ok(member_id)
}

/// The coach a member has just granted access to.
#[derive(serde::Serialize)]
pub struct Granted {
    /// The coach's account.
    pub coach: crate::accounts::UserOut,
}

/// A member grants a coach access to her data with the coach's invitation code.
/// The caller has checked she signed in with her password.
///
/// # Errors
/// 422 naming `code` when the code is malformed, unknown, used, expired, revoked or her own.
pub async fn redeem(state: &AppState, member: &AuthUser, code: &str) -> AppResult<Granted> {
    let code = redeemable(code)?;
    let now = state.now_unix();
    let (failures, oldest) = state
        .store
        .redeem_failures_since(member.id, now - REDEEM_WINDOW_SECS)
        .await?;
    if failures >= REDEEM_FAILURES {
        let wait = (oldest.unwrap_or(now) + REDEEM_WINDOW_SECS - now).max(1);
        tracing::warn!(
            member = member.id,
            "code redeems refused: too many unknown codes"
        );
        return Err(AppError::rate_limited(
            u64::try_from(wait).unwrap_or(3600),
            format!(
                "too many codes that do not exist; check the code with your coach and try again in {} minutes",
                (wait + 59) / 60
            ),
        ));
    }
    let result = state
        .store
        .redeem_invitation(member.id, &auth::hash_secret(&code), now)
        .await?;
    if matches!(result, Err(RedeemError::Unknown)) {
        state.store.record_redeem_failure(member.id, now).await?;
    }
    match result {
        Ok(coach) => {
            tracing::info!(member = member.id, coach = coach.id, "access granted");
            Ok(Granted {
                coach: crate::accounts::UserOut::from(&coach),
            })
        }
        Err(e) => Err(AppError::invalid(
            "code",
            match e {
                RedeemError::Unknown => "no such invitation code; check it with your coach",
                RedeemError::Used => {
                    "this code has been used already; ask your coach for a new one"
                }
                RedeemError::Expired => "this code has expired; ask your coach for a new one",
                RedeemError::Own => "that is your own code",
                RedeemError::Revoked => "your coach has withdrawn this code; ask her for a new one",
            },
        )),
    }
}

/// A typed code in the form its hash was made from: a short code normalised, or a long code
/// from before short codes (43 characters of base64url, taken as typed, until they expire).
fn redeemable(typed: &str) -> AppResult<String> {
    let trimmed = typed.trim();
    let long = trimmed.len() == 43
        && trimmed
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if long {
        Ok(trimmed.to_owned())
    } else {
        invite_code::normalise(trimmed)
    }
}

/// A member withdraws a coach's access at once.
///
/// # Errors
/// 404 when that coach has no access.
pub async fn revoke(state: &AppState, member: &AuthUser, coach_id: i64) -> AppResult<()> {
    if state
        .store
        .revoke_grant(member.id, coach_id, state.now_unix())
        .await?
    {
        tracing::info!(member = member.id, coach = coach_id, "access revoked");
        Ok(())
    } else {
        Err(AppError::not_found(format!(
            "coach {coach_id} has no access to revoke"
        )))
    }
}
