//! Who is asking: sessions in cookies, personal API tokens. The secrets and password hashes
//! themselves are the app's ([`mumstrong_app::auth`]); this is how a request carries them.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use mumstrong_store::{AuthUser, Role};

pub use mumstrong_app::auth::*;

use crate::AppState;
use crate::error::{ApiError, AppError};

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
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(authenticate(state, &parts.headers).await?)
    }
}

/// The session cookie for `token`: HttpOnly, SameSite=Lax, Secure when the request came over
/// TLS (or the server is told to), lasting the session's time.
pub(crate) fn session_set_cookie(
    state: &crate::AppState,
    headers: &HeaderMap,
    token: &str,
) -> Result<axum::http::HeaderValue, AppError> {
    let secure = crate::cookies_secure(state, headers);
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        state.config.session_ttl_secs,
        if secure { "; Secure" } else { "" }
    );
    axum::http::HeaderValue::from_str(&cookie).map_err(AppError::internal)
}

/// The cookie that ends her session in this browser.
pub(crate) fn clear_cookie() -> axum::http::HeaderValue {
    axum::http::HeaderValue::from_static(
        "mumstrong_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
    )
}

/// Starts a session for her and returns the cookie that carries it.
pub(crate) async fn new_session(
    state: &crate::AppState,
    headers: &HeaderMap,
    user: &mumstrong_store::User,
) -> Result<axum::http::HeaderValue, AppError> {
    let token = new_secret()?;
    let now = state.now_unix();
    state
        .store
        .create_session(
            &hash_secret(&token),
            user.id,
            now,
            now + state.config.session_ttl_secs,
        )
        .await?;
    session_set_cookie(state, headers, &token)
}
