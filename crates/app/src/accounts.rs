//! Account rules every front end applies the same way: what an email and a password must be
//! (sign-up, a change of password, an admin's `user add` and `user reset-password`), and
//! making a member's account and checking a login, for the API and the sign-up and sign-in pages.

use mumstrong_store::{ApiToken, AuthUser, NewUser, Role, User};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::{self, TOKEN_PREFIX};
use crate::error::{AppError, AppResult};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted (argon2 works on any length; this bounds the work).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Checks and normalises an email: trimmed, lower case, one `@`, a dot in the domain.
///
/// # Errors
/// 422 naming `email`.
pub fn normalise_email(email: &str) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split('@').count() == 2
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !email.chars().any(char::is_whitespace);
    if valid {
        Ok(email)
    } else {
        Err(AppError::invalid(
            "email",
            "expected an email address such as name@example.org",
        ))
    }
}

/// Checks a new password's length (sign-up, a change, an admin's reset: one rule).
///
/// # Errors
/// 422 naming `password`.
pub fn check_password(password: &str) -> Result<(), AppError> {
    check_password_in("password", password)
}

/// Checks a new password's length, naming `field` when it is wrong.
///
/// # Errors
/// 422 naming `field`.
pub fn check_password_in(field: &str, password: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AppError::invalid(
            field,
            format!(
                "{n} characters is too short; use at least {MIN_PASSWORD_CHARS} (a few words make a good one)"
            ),
        ));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(AppError::invalid(
            field,
            format!("{n} characters is too long; use at most {MAX_PASSWORD_CHARS}"),
        ));
    }
    Ok(())
}

/// An account as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct UserOut {
    /// Stable id.
    pub id: i64,
    /// Login email.
    pub email: String,
    /// `member` or `coach`.
    pub role: String,
    /// Display name.
    pub display_name: String,
}

impl From<&AuthUser> for UserOut {
    fn from(u: &AuthUser) -> Self {
        UserOut {
            id: u.id,
            email: u.email.clone(),
            role: u.role.as_str().to_owned(),
            display_name: u.display_name.clone(),
        }
    }
}

impl From<&User> for UserOut {
    fn from(u: &User) -> Self {
        UserOut {
            id: u.id,
            email: u.email.clone(),
            role: u.role.as_str().to_owned(),
            display_name: u.display_name.clone(),
        }
    }
}

/// A new member account.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupIn {
    /// Login email.
    pub email: String,
    /// At least 10 characters.
    pub password: String,
    /// The name her coach sees; the part of the email before `@` when absent.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// Email and password.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    /// Login email.
    pub email: String,
    /// Password.
    pub password: String,
}

/// Makes a member account (the checks, the rate limit and the hash), for the API and the
/// sign-up page. At most `signup_attempts` accounts per client address per window are made, on
/// every server sharing the database; the limit is checked before the (costly) hash.
pub async fn create_member(state: &AppState, ip: &str, body: SignupIn) -> AppResult<User> {
    let email = normalise_email(&body.email)?;
    check_password(&body.password)?;
    let display_name = match body.display_name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => {
            if name.chars().count() > 80 {
                return Err(AppError::invalid(
                    "display_name",
                    "expected at most 80 characters",
                ));
            }
            name.to_owned()
        }
        _ => email.split('@').next().unwrap_or("").to_owned(),
    };
    let taken = || {
        AppError::conflict(
            Some("email"),
            "this email already has an account; sign in instead",
        )
    };
    if state.store.user_by_email(&email).await?.is_some() {
        return Err(taken());
    }
    let now = state.now_unix();
    let window = state.config.signup_window_secs;
    if let Err(oldest) = state
        .store
        .record_signup_attempt(ip, now, now - window, state.config.signup_attempts)
        .await?
    {
        let wait = (oldest + window - now).max(1);
        tracing::warn!(ip, "sign-ups from this address refused: over the limit");
        return Err(AppError::rate_limited(
            u64::try_from(wait).unwrap_or(3600),
            format!(
                "too many accounts have been made from your address; try again in {} minutes",
                (wait + 59) / 60
            ),
        ));
    }
    let hash = auth::hash_password(body.password).await?;
    let user = state
        .store
        .create_user(
            &NewUser {
                email: &email,
                password_hash: &hash,
                role: Role::Member,
                display_name: &display_name,
            },
            state.now_unix(),
        )
        .await
        .map_err(|e| match e {
            mumstrong_store::StoreError::Conflict(_) => taken(),
            other => other.into(),
        })?;
    tracing::info!(user = user.id, "signed up");
    Ok(user)
}

/// Checks an email and password under the rate limit, for the API and the sign-in page.
pub async fn check_login(state: &AppState, ip: &str, body: LoginIn) -> AppResult<User> {
    let email = body.email.trim().to_lowercase();
    let now = state.now_unix();
    let window = state.config.login_window_secs;
    // The attempt is counted before the password is checked (and forgotten on success), so
    // parallel guesses cannot all slip under the limit; a refused one is not written.
    let limits = mumstrong_store::LoginLimits {
        window_secs: window,
        max_email: state.config.login_attempts,
        max_ip: state.config.login_attempts * 10,
    };
    if let mumstrong_store::LoginGate::Locked { until } = state
        .store
        .begin_login_attempt(&email, ip, now, limits)
        .await?
    {
        return Err(locked_out(now, until));
    }
    let found = state.store.user_by_email(&email).await?;
    let ok = auth::verify_password(body.password, found.as_ref().map(|(_, h)| h.clone())).await?;
    match found {
        Some((user, _)) if ok => {
            state.store.clear_login_failures(&email).await?;
            tracing::info!(user = user.id, "signed in");
            Ok(user)
        }
        _ => Err(AppError::unauthenticated(
            "invalid_credentials",
            "that email and password do not match an account",
        )),
    }
}

/// The 429 of a locked sign-in: when she can try again, as a time and as `Retry-After`.
pub fn locked_out(now: i64, until: i64) -> AppError {
    let wait = (until - now).max(1);
    let minutes = ((wait + 30) / 60).max(1);
    AppError::rate_limited(
        u64::try_from(wait).unwrap_or(1),
        format!(
            "too many failed sign-ins; try again after {} (in {minutes} minute{})",
            crate::words::human_time(until),
            if minutes == 1 { "" } else { "s" }
        ),
    )
}

/// A personal API token just made: the secret (shown this once) and its stored record.
#[derive(Serialize)]
pub struct NewToken {
    /// The stored record (no secret).
    pub record: ApiToken,
    /// `ms_…`, shown once.
    pub token: String,
}

/// Makes a personal API token named `name`, working `expires_in_days` days (never when `None`).
/// The caller has checked she signed in with her password.
pub async fn create_token(
    state: &AppState,
    user: &AuthUser,
    name: &str,
    expires_in_days: Option<u32>,
) -> AppResult<NewToken> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::invalid("name", "expected 1 to 80 characters"));
    }
    if let Some(days) = expires_in_days
        && !(1..=365).contains(&days)
    {
        return Err(AppError::invalid(
            "expires_in_days",
            format!(
                "{days}; expected 1 to 365 days, or leave it out for a token that does not expire"
            ),
        ));
    }
    let now = state.now_unix();
    let secret = format!("{TOKEN_PREFIX}{}", auth::new_secret()?);
    let record = state
        .store
        .create_token(
            user.id,
            name,
            &auth::hash_secret(&secret),
            now,
            expires_in_days.map(|d| now + i64::from(d) * 86_400),
        )
        .await?;
    Ok(NewToken {
        record,
        token: secret,
    })
}

/// Deletes one of her API tokens.
///
/// # Errors
/// 404 when she has no such token.
pub async fn delete_token(state: &AppState, user: &AuthUser, id: i64) -> AppResult<()> {
    if state.store.delete_token(user.id, id).await? {
        Ok(())
    } else {
        Err(AppError::not_found(format!("you have no token {id}")))
    }
}

/// A changed password: what else ended with it.
#[derive(Serialize)]
pub struct PasswordChanged {
    /// Always true.
    pub changed: bool,
    /// Her other sessions, ended.
    pub other_sessions_ended: u64,
    /// Her API tokens, deleted.
    pub tokens_deleted: u64,
}

/// Changes her password after checking the current one; every other session of hers ends (the
/// one whose hash is `keep` stays) and every API token of hers is deleted.
pub async fn change_password(
    state: &AppState,
    user: &AuthUser,
    keep: &str,
    current_password: String,
    new_password: String,
) -> AppResult<PasswordChanged> {
    if current_password.is_empty() {
        return Err(AppError::invalid(
            "current_password",
            "enter your current password; nothing was changed",
        ));
    }
    check_password_in("new_password", &new_password)?;
    if new_password == current_password {
        return Err(AppError::invalid(
            "new_password",
            "that is your current password; choose a different one",
        ));
    }
    let hash = state.store.user_by_id(user.id).await?.map(|(_, h)| h);
    if !auth::verify_password(current_password, hash).await? {
        return Err(AppError::invalid(
            "current_password",
            "that is not your current password; nothing was changed",
        ));
    }
    let new_hash = auth::hash_password(new_password).await?;
    let (sessions, tokens) = state
        .store
        .set_password(user.id, &new_hash, Some(keep))
        .await?
        .ok_or_else(|| AppError::not_found("this account no longer exists"))?;
    tracing::info!(
        user = user.id,
        sessions,
        tokens,
        "password changed; other sessions and tokens ended"
    );
    Ok(PasswordChanged {
        changed: true,
        other_sessions_ended: sessions,
        tokens_deleted: tokens,
    })
}

/// Deletes her account and all her data after checking her password.
pub async fn delete_account(state: &AppState, user: &AuthUser, password: String) -> AppResult<()> {
    let hash = state.store.user_by_id(user.id).await?.map(|(_, h)| h);
    if !auth::verify_password(password, hash).await? {
        return Err(AppError::invalid(
            "password",
            "that is not your password; nothing was deleted",
        ));
    }
    state.store.delete_user(user.id).await?;
    tracing::info!(user = user.id, "account deleted");
    Ok(())
}

/// Her data to take away: everything (JSON) or her sets in Strong's classic CSV.
pub enum Export {
    /// The whole document.
    Json(Value),
    /// Her logged sets, Strong's classic layout, kg.
    StrongCsv(String),
}

/// Everything stored about her (`format` `json` or absent), or her sets as a Strong CSV
/// (`strong-csv`).
///
/// # Errors
/// 422 naming `format` for any other format.
pub async fn export(state: &AppState, user: &AuthUser, format: Option<&str>) -> AppResult<Export> {
    use crate::member;
    let id = user.id;
    match format {
        None | Some("json") => {}
        Some("strong-csv") => {
            let sets = member::sets_of(state, id).await?;
            let csv = mumstrong_core::export::strong_csv(&sets, crate::domain::library());
            return Ok(Export::StrongCsv(csv));
        }
        Some(other) => {
            return Err(AppError::invalid(
                "format",
                format!(
                    "`{}`: expected `json` or `strong-csv`",
                    other.chars().take(30).collect::<String>()
                ),
            ));
        }
    }
    let store = &state.store;
    let profiles: Vec<Value> = store
        .profile_history(id)
        .await?
        .into_iter()
        .map(|p| {
            json!({
                "version": p.version,
                "created_at": p.created_at,
                "profile": serde_json::from_str::<Value>(&p.profile_json).unwrap_or(Value::Null),
            })
        })
        .collect();
    let screenings: Vec<Value> = store
        .screenings(id, i64::MAX)
        .await?
        .into_iter()
        .map(|s| {
            json!({
                "profile_version": s.profile_version,
                "screened_on": s.screened_on.to_string(),
                "outcome": s.outcome,
                "created_at": s.created_at,
                "screening": serde_json::from_str::<Value>(&s.screening_json).unwrap_or(Value::Null),
            })
        })
        .collect();
    let mut programmes = Vec::new();
    for summary in store.programme_history(id).await? {
        programmes.push(serde_json::to_value(&summary).unwrap_or(Value::Null));
    }
    let latest_plan = store
        .latest_programme(id)
        .await?
        .map(|p| serde_json::from_str::<Value>(&p.plan_json).unwrap_or(Value::Null));
    let (from, to) = member::all_dates();
    let sets: Vec<member::SetOut> = store
        .sets_between(id, from, to, i64::MAX)
        .await?
        .iter()
        .map(member::set_out)
        .collect();
    let checkins: Vec<member::CheckInOut> = store
        .checkins_between(id, from, to, i64::MAX)
        .await?
        .iter()
        .map(member::checkin_out)
        .collect();
    let document = json!({
        "exported_at": state.now_unix(),
        "format": "mumstrong export 1",
        "account": UserOut::from(user),
        "profiles": profiles,
        "screenings": screenings,
        "programmes": programmes,
        "current_plan": latest_plan,
        "sets": sets,
        "checkins": checkins,
        "pelvic_floor": store.pelvic_floor_between(id, from, to).await?,
        "baby_weights": store.baby_weights(id).await?,
        "coaches": store.grants_of_member(id).await?,
        "clients": if user.role == Role::Coach { store.clients_of(id).await? } else { Vec::new() },
        "tokens": store.tokens_of(id).await?,
        "settings": { "unit": store.unit_of(id).await? },
        "onboarding_draft": store
            .onboarding_draft(id)
            .await?
            .map(|(draft, step)| json!({
                "step": step,
                "answers": serde_json::from_str::<Value>(&draft).unwrap_or(Value::Null),
            })),
        "read_by_others": store.audit_of(id, i64::MAX).await?,
        "disclaimer": mumstrong_core::screening::DISCLAIMER,
    });
    Ok(Export::Json(document))
}
