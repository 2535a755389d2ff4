//! Who is asking: sessions in cookies, personal API tokens, argon2id passwords.
//!
//! Secrets (session cookies, API tokens, invitation codes) are 32 random bytes, base64url; the
//! database keeps only their SHA-256, so a leaked database opens no account. Passwords are hashed
//! with argon2id on a blocking thread, so a login never stalls other requests, at most
//! [`HASH_PERMITS`] at once in reused work areas, so a flood of sign-ups cannot exhaust memory.

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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

/// Password hashes running at once, process-wide. Each argon2id run fills 19 MiB; without a
/// bound, 200 sign-ups at once took the server from 15 MiB to 3.4 GiB.
pub const HASH_PERMITS: usize = 2;
/// How long a sign-up or login waits for a hashing slot before it is told to try again (503).
pub const HASH_QUEUE_SECS: u64 = 20;

/// The hashing slots, and one reusable 19 MiB work area per slot: every run fills an area that
/// already exists instead of allocating a new one, so memory stays at `HASH_PERMITS` areas
/// however many requests come (glibc would otherwise keep freed areas in per-thread arenas).
struct Hashing {
    permits: std::sync::Arc<tokio::sync::Semaphore>,
    areas: std::sync::Mutex<Vec<Vec<Block>>>,
}

static HASHING: std::sync::OnceLock<Hashing> = std::sync::OnceLock::new();

fn hashing() -> &'static Hashing {
    HASHING.get_or_init(|| Hashing {
        permits: std::sync::Arc::new(tokio::sync::Semaphore::new(HASH_PERMITS)),
        areas: std::sync::Mutex::new(Vec::new()),
    })
}

fn busy() -> AppError {
    AppError::busy(
        5,
        "many people are signing in or up right now; please try again in a few seconds",
    )
}

/// Runs one argon2 job on a blocking thread, after waiting (at most [`HASH_QUEUE_SECS`]) for
/// one of the [`HASH_PERMITS`] slots, with that slot's work area of `blocks` blocks.
async fn with_hash_slot<R: Send + 'static>(
    blocks: usize,
    job: impl FnOnce(&mut [Block]) -> Result<R, AppError> + Send + 'static,
) -> Result<R, AppError> {
    let state = hashing();
    let permit = tokio::time::timeout(
        std::time::Duration::from_secs(HASH_QUEUE_SECS),
        state.permits.clone().acquire_owned(),
    )
    .await
    .map_err(|_| busy())?
    .map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let state = hashing();
        let taken = state.areas.lock().ok().and_then(|mut a| a.pop());
        let mut area = match taken {
            Some(area) if area.len() == blocks => area,
            _ => vec![Block::default(); blocks],
        };
        let result = job(&mut area);
        // Only the default size is kept (a stored hash with other parameters is rare).
        if blocks == Params::DEFAULT.block_count()
            && let Ok(mut areas) = state.areas.lock()
            && areas.len() < HASH_PERMITS
        {
            areas.push(area);
        }
        result
    })
    .await
    .map_err(AppError::internal)?
}

/// Hashes a password with argon2id (default parameters: 19 MiB, 2 passes), off the async
/// threads and at most [`HASH_PERMITS`] at once.
///
/// # Errors
/// 503 `busy` when no hashing slot frees up within [`HASH_QUEUE_SECS`].
pub async fn hash_password(password: String) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(AppError::internal)?;
    with_hash_slot(Params::DEFAULT.block_count(), move |area| {
        let params = Params::DEFAULT;
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
            .hash_password_into_with_memory(password.as_bytes(), &salt, &mut out, area)
            .map_err(AppError::internal)?;
        let hash = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(AppError::internal)?,
            salt: Some(Salt::new(&salt).map_err(AppError::internal)?),
            hash: Some(Output::new(&out).map_err(AppError::internal)?),
        };
        Ok(hash.to_string())
    })
    .await
}

/// A hash of no real password, made once: checking an unknown email against it costs the same
/// one argon2 run as checking a real account, so timing does not tell which emails exist.
static DUMMY_HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

/// Checks a password against a stored hash, off the async threads and at most
/// [`HASH_PERMITS`] at once. With no hash (unknown email) it checks against a dummy hash, so
/// the time taken is the same.
///
/// # Errors
/// 503 `busy` as [`hash_password`]; 500 for a stored hash that is not argon2.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    let hash = match hash {
        Some(h) => h,
        None => DUMMY_HASH
            .get_or_try_init(|| hash_password("not a real password".to_owned()))
            .await?
            .clone(),
    };
    let parsed = PasswordHash::new(&hash).map_err(AppError::internal)?;
    let params = Params::try_from(&parsed).map_err(AppError::internal)?;
    let algorithm = Algorithm::try_from(parsed.algorithm.as_str()).map_err(AppError::internal)?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).map_err(AppError::internal)?,
        None => Version::default(),
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err(AppError::internal(
            "a stored password hash without salt or output",
        ));
    };
    with_hash_slot(params.block_count(), move |area| {
        let mut out = vec![0u8; expected.len()];
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(password.as_bytes(), salt.as_ref(), &mut out, area)
            .map_err(AppError::internal)?;
        // `Output`'s comparison takes the same time wherever the bytes differ.
        Ok(Output::new(&out).map_err(AppError::internal)? == expected)
    })
    .await
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

/// The session cookie for `token`: HttpOnly, SameSite=Lax, Secure when the request came over
/// TLS (or the server is told to), lasting the session's time.
pub(crate) fn session_set_cookie(
    state: &crate::AppState,
    headers: &HeaderMap,
    token: &str,
) -> Result<axum::http::HeaderValue, AppError> {
    let secure = state.cookies_secure(headers);
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

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[tokio::test]
    async fn hashes_read_both_ways_with_the_argon2_crate() {
        let ours = hash_password("a long enough password".to_owned())
            .await
            .expect("hash");
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
        // The argon2 crate's own verifier accepts ours…
        let parsed = PasswordHash::new(&ours).expect("PHC string");
        assert!(
            Argon2::default()
                .verify_password(b"a long enough password", &parsed)
                .is_ok()
        );
        // …and ours accepts the crate's (every hash stored before this change).
        let theirs = Argon2::default()
            .hash_password(b"an older password")
            .expect("hash")
            .to_string();
        assert!(
            verify_password("an older password".to_owned(), Some(theirs.clone()))
                .await
                .expect("verify")
        );
        assert!(
            !verify_password("an older passworD".to_owned(), Some(theirs))
                .await
                .expect("verify")
        );
        assert!(
            !verify_password("anything".to_owned(), None)
                .await
                .expect("dummy")
        );
        // However many ran, only the slots' work areas are kept.
        let jobs: Vec<_> = (0..6)
            .map(|i| tokio::spawn(hash_password(format!("password number {i}"))))
            .collect();
        for job in jobs {
            job.await.expect("task").expect("hash");
        }
        assert!(hashing().areas.lock().expect("lock").len() <= HASH_PERMITS);
    }
}
