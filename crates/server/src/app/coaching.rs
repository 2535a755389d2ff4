//! A coach's use cases, for the API and the coach's pages alike: invitation codes, the list of
//! clients with their flags, and the one gate every read of a client passes (a current grant,
//! and the read written to her audit log).

use axum::http::{Method, Uri};
use mumstrong_core::screening::Referral;
use mumstrong_store::{AuthUser, RedeemError};
use serde_json::{Value, json};
use time::Duration;

use crate::AppState;
use crate::app::member;
use crate::auth;
use crate::domain;
use crate::error::{ApiResult, AppError};

/// How long an invitation code works.
pub const INVITATION_DAYS: i64 = 14;

/// An invitation code just made: the code (shown once) and when it stops working.
#[derive(serde::Serialize)]
pub struct NewInvitation {
    /// The code to give a member.
    pub code: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// A new invitation code for this coach (shown once; valid [`INVITATION_DAYS`] days, once).
pub(crate) async fn create_invitation(
    state: &AppState,
    coach: &AuthUser,
) -> ApiResult<NewInvitation> {
    let code = auth::new_secret()?;
    let now = state.now_unix();
    let expires_at = now + INVITATION_DAYS * 86_400;
    state
        .store
        .create_invitation(coach.id, &auth::hash_secret(&code), now, expires_at)
        .await?;
    Ok(NewInvitation { code, expires_at })
}

/// Her coach's list of clients: each client's flag (urgent, referral, recent symptoms), screening,
/// referrals, weeks since the birth and last activity, urgent first; each read is audited (at
/// most once an hour per client).
pub(crate) async fn clients(state: &AppState, coach: &AuthUser) -> ApiResult<Value> {
    let today = state.today();
    let mut rows = Vec::new();
    for client in state.store.clients_of(coach.id).await? {
        let checkins = member::checkins_of(state, client.id).await?;
        let recent = today - Duration::days(14);
        let recent_sets = state
            .store
            .sets_between(
                client.id,
                recent,
                today + Duration::days(1),
                domain::MAX_LOG_ROWS,
            )
            .await?;
        let mut symptoms: Vec<String> = recent_sets
            .iter()
            .map(domain::set_record)
            .flat_map(|s| s.symptoms.into_iter().map(|w| w.as_str().to_owned()))
            .chain(
                checkins
                    .iter()
                    .filter(|c| c.date >= recent)
                    .flat_map(|c| c.symptoms.iter().map(|w| w.as_str().to_owned())),
            )
            .collect();
        symptoms.sort();
        symptoms.dedup();
        let logged_red_flags = recent_sets
            .iter()
            .map(domain::set_record)
            .any(|s| !s.red_flags.is_empty());
        let (outcome, referrals, weeks) = match state.store.latest_profile(client.id).await? {
            Some(row) => match domain::stored_profile(&row.profile_json, today) {
                Ok((_, profile)) => {
                    let sets: Vec<_> = recent_sets.iter().map(domain::set_record).collect();
                    let s = domain::screen(&profile, &sets, &checkins, today);
                    let referrals: Vec<Referral> = s.referrals.clone();
                    (domain::outcome(&s), referrals, Some(s.weeks_postpartum))
                }
                Err(_) => ("profile_outdated", Vec::new(), None),
            },
            None => ("no_profile", Vec::new(), None),
        };
        let flag = if outcome == "urgent" || logged_red_flags {
            "urgent"
        } else if outcome == "refer" {
            "referral"
        } else if !symptoms.is_empty() {
            "symptoms"
        } else {
            "none"
        };
        let last_activity = state.store.last_activity(client.id).await?;
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
        rows.push((
            flag_rank(flag),
            last_activity.unwrap_or(0),
            json!({
                "member_id": client.id,
                "display_name": client.display_name,
                "email": client.email,
                "granted_at": client.created_at,
                "flag": flag,
                "screening": outcome,
                "referrals": referrals,
                "recent_symptoms": symptoms,
                "weeks_postpartum": weeks,
                "last_activity": last_activity,
            }),
        ));
    }
    rows.sort_by_key(|(rank, last, _)| (*rank, *last));
    let clients: Vec<Value> = rows.into_iter().map(|(_, _, v)| v).collect();
    Ok(json!({ "clients": clients }))
}

fn flag_rank(flag: &str) -> u8 {
    match flag {
        "urgent" => 0,
        "referral" => 1,
        "symptoms" => 2,
        _ => 3,
    }
}

/// Checks that the coach (the caller has refused members) has a current grant from this member and audits the read.
/// Members and coaches without access get the same 404, so ids reveal nothing.
pub(crate) async fn client_access(
    state: &AppState,
    coach: &AuthUser,
    member_id: i64,
    method: &Method,
    uri: &Uri,
) -> ApiResult<i64> {
    if !state.store.has_grant(coach.id, member_id).await? {
        return Err(AppError::not_found(format!(
            "no client {member_id} has granted you access"
        )));
    }
    state
        .store
        .audit(
            coach,
            member_id,
            &format!("{method} {}", uri.path()),
            state.now_unix(),
        )
        .await?;
    Ok(member_id)
}

/// The coach a member has just granted access to.
#[derive(serde::Serialize)]
pub struct Granted {
    /// The coach's account.
    pub coach: crate::app::accounts::UserOut,
}

/// A member grants a coach access to her data with the coach's invitation code.
/// The caller has checked she signed in with her password.
///
/// # Errors
/// 422 naming `code` when the code is unknown, used, expired or her own.
pub(crate) async fn redeem(state: &AppState, member: &AuthUser, code: &str) -> ApiResult<Granted> {
    let result = state
        .store
        .redeem_invitation(member.id, &auth::hash_secret(code.trim()), state.now_unix())
        .await?;
    match result {
        Ok(coach) => {
            tracing::info!(member = member.id, coach = coach.id, "access granted");
            Ok(Granted {
                coach: crate::app::accounts::UserOut::from(&coach),
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
            },
        )),
    }
}

/// A member withdraws a coach's access at once.
///
/// # Errors
/// 404 when that coach has no access.
pub(crate) async fn revoke(state: &AppState, member: &AuthUser, coach_id: i64) -> ApiResult<()> {
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
