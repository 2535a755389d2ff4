//! Account rules every front end applies the same way: what an email and a password must be
//! (sign-up, a change of password, an admin's `user add` and `user reset-password`), and
//! making a member's account and checking a login, for the API and the sign-up and sign-in pages.

use mumstrong_store::{NewUser, Role, User};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth;
use crate::error::{ApiResult, AppError};

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
pub(crate) async fn create_member(state: &AppState, ip: &str, body: SignupIn) -> ApiResult<User> {
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
pub(crate) async fn check_login(state: &AppState, ip: &str, body: LoginIn) -> ApiResult<User> {
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
pub(crate) fn locked_out(now: i64, until: i64) -> AppError {
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
