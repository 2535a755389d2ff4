//! Account rules every front end applies the same way: what an email and a password must be
//! (sign-up, a change of password, an admin's `user add` and `user reset-password`).

use crate::error::AppError;

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
