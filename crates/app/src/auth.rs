//! Secrets and passwords: random secrets stored only as their SHA-256, argon2id passwords.
//!
//! Secrets (session cookies, API tokens) are 32 random bytes, base64url; the database keeps only
//! their SHA-256, so a leaked database opens no account. Invitation codes are shorter, to be read
//! out (`crate::invite_code`); they are looked up by hash too, but kept until used or revoked. Passwords are hashed
//! with argon2id on a blocking thread, so a login never stalls other requests, at most
//! [`HASH_PERMITS`] at once in reused work areas, so a flood of sign-ups cannot exhaust memory.

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

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
