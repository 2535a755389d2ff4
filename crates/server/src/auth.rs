//! Who is asking: sessions in cookies, personal API tokens, argon2id passwords.
//!
//! Secrets (session cookies, API tokens, invitation codes) are 32 random bytes, base64url; the
//! database keeps only their SHA-256, so a leaked database opens no account. Passwords are hashed
//! with argon2id on a blocking thread, so a login never stalls other requests.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mumstrong_store::{AuthUser, Role};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::AppError;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "mumstrong_session";
/// Prefix of personal API tokens, so a leaked one is easy to recognise and search for.
pub const TOKEN_PREFIX: &str = "ms_";

/// A new random secret: 32 bytes from the OS, base64url without padding.
pub fn new_secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(AppError::internal)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The hex SHA-256 of a secret: what the database stores and looks up.
pub fn hash_secret(secret: &str) -> String {
    sha256_hex(secret.as_bytes())
}

/// The hex SHA-256 of some bytes (secrets, files, content-derived ids).
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest {
        use std::fmt::Write;
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Hashes a password with argon2id (default parameters: 19 MiB, 2 passes), off the async threads.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)?
}

/// A hash of no real password, made once: checking an unknown email against it costs the same
/// one argon2 run as checking a real account, so timing does not tell which emails exist.
static DUMMY_HASH: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Checks a password against a stored hash, off the async threads. With no hash (unknown
/// email) it checks against a dummy hash, so the time taken is the same.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let hash = match hash {
            Some(h) => h,
            None => DUMMY_HASH
                .get_or_init(|| {
                    Argon2::default()
                        .hash_password(b"not a real password")
                        .map(|h| h.to_string())
                        .ok()
                })
                .clone()
                .ok_or_else(|| AppError::internal("could not make the dummy hash"))?,
        };
        let parsed = PasswordHash::new(&hash).map_err(AppError::internal)?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(AppError::internal)?
}

/// How the request proved who it is.
#[derive(Debug, Clone)]
pub enum Credential {
    /// A session cookie (its token's hash).
    Session(String),
    /// A personal API token (its hash).
    Token(String),
}

/// The signed-in account making the request. Extracting it answers 401 when there is none.
#[derive(Debug, Clone)]
pub struct Auth {
    /// The account.
    pub user: AuthUser,
    /// How it signed in.
    pub credential: Credential,
}

impl Auth {
    /// Refuses coaches: for what only a member does (her own profile and logs).
    pub fn member(&self) -> Result<&AuthUser, AppError> {
        match self.user.role {
            Role::Member => Ok(&self.user),
            Role::Coach => Err(AppError::forbidden(
                "this is for members: a coach reads a client's data under /api/v1/clients/{id}",
            )),
        }
    }

    /// Refuses personal API tokens for what needs her signed in with her password: making or
    /// deleting tokens, changing the password, deleting the account, granting a coach access,
    /// making a calendar feed and signing out everywhere. A leaked token must not be able to
    /// hand her data to someone else, make a secret that outlives it, or lock her out.
    /// `what` says what was refused ("redeem a coach's code").
    ///
    /// # Errors
    /// 403 naming what a token cannot do and why.
    pub fn signed_in_with_password(&self, what: &str) -> Result<(), AppError> {
        match self.credential {
            Credential::Session(_) => Ok(()),
            Credential::Token(_) => Err(AppError::forbidden(format!(
                "an API token cannot {what}: sign in with your password for this. A token may be \
                 copied or leaked, so it cannot give anyone access, make a secret that outlives it, \
                 or end your sessions, your password or your account"
            ))),
        }
    }

    /// Refuses members: for the coach's own endpoints.
    pub fn coach(&self) -> Result<&AuthUser, AppError> {
        match self.user.role {
            Role::Coach => Ok(&self.user),
            Role::Member => Err(AppError::forbidden(
                "this is for coaches; an admin makes coaches with `mumstrong user add --coach EMAIL`",
            )),
        }
    }
}

/// A named cookie's value in a request, if it is there and not empty.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

/// The session token in a request's cookies, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, SESSION_COOKIE)
}

/// The bearer token in a request's `Authorization` header, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn signed_out() -> AppError {
    AppError::unauthenticated(
        "unauthenticated",
        "sign in first (POST /api/v1/auth/login), or send an API token as `Authorization: Bearer …`",
    )
}

/// Decides on a session looked up by its hash: unknown, expired, or valid (sliding its expiry
/// forward once half its lifetime has passed, so an active mum is never signed out).
///
/// # Errors
/// 401 `unauthenticated` for an unknown session, `session_expired` for an expired one.
pub async fn check_session(
    state: &AppState,
    hash: String,
    found: Option<(AuthUser, i64)>,
) -> Result<Auth, AppError> {
    let now = state.now_unix();
    match found {
        None => Err(AppError::unauthenticated(
            "unauthenticated",
            "this session has ended (signed out); please sign in again",
        )),
        Some((_, expires_at)) if expires_at <= now => Err(AppError::unauthenticated(
            "session_expired",
            "your session has expired; please sign in again",
        )),
        Some((user, expires_at)) => {
            let ttl = state.config.session_ttl_secs;
            if expires_at - now < ttl / 2 {
                state.store.extend_session(&hash, now + ttl).await?;
            }
            Ok(Auth {
                user,
                credential: Credential::Session(hash),
            })
        }
    }
}

/// How a session used now slides: a full lifetime from now, once half of it has passed.
pub fn slide(state: &AppState) -> mumstrong_store::Slide {
    let now = state.now_unix();
    let ttl = state.config.session_ttl_secs;
    mumstrong_store::Slide {
        expires_at: now + ttl,
        if_before: now + ttl / 2,
    }
}

/// Who is asking: a bearer token if one is sent, else the session cookie.
///
/// # Errors
/// 401 when neither proves an account.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Auth, AppError> {
    if let Some(token) = bearer(headers) {
        let now = state.now_unix();
        let hash = hash_secret(token);
        let Some(user) = state.store.token_user(&hash, now).await? else {
            return Err(AppError::unauthenticated(
                "invalid_token",
                "that API token is unknown, deleted or expired; make a new one",
            ));
        };
        state.store.touch_token(&hash, now).await?;
        return Ok(Auth {
            user,
            credential: Credential::Token(hash),
        });
    }
    let Some(cookie) = session_cookie(headers) else {
        return Err(signed_out());
    };
    let hash = hash_secret(cookie);
    let found = state.store.session_user(&hash).await?;
    check_session(state, hash, found).await
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        authenticate(state, &parts.headers).await
    }
}
