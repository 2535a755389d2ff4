//! What the account and coach pages share: a secret shown once (carried from the POST to the
//! page after it in a short-lived HttpOnly cookie), a labelled input and an id read from the path.

use axum::http::{HeaderMap, HeaderValue, header};
use maud::Markup;

use crate::AppState;
use crate::error::AppError;
use crate::web::{PageError, PageResult, see_other};

/// How long a secret waits in its cookie for the page that shows it.
const ONCE_SECONDS: i64 = 300;

/// After a form that made a secret: go to `to`, carrying the secret in a short-lived cookie
/// (never in the URL) for the page that shows it once.
pub(crate) fn see_other_with_once(
    state: &AppState,
    headers: &HeaderMap,
    to: &str,
    (name, path): (&str, &str),
    value: &str,
) -> PageResult {
    let mut response = see_other(to);
    response.headers_mut().append(
        header::SET_COOKIE,
        once_cookie(state, headers, name, path, value)?,
    );
    Ok(response)
}

/// A cookie that carries a secret from a form to the page after it (see the module docs).
fn once_cookie(
    state: &AppState,
    headers: &HeaderMap,
    name: &str,
    path: &str,
    value: &str,
) -> PageResult<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path={path}; HttpOnly; SameSite=Strict; Max-Age={ONCE_SECONDS}{}",
        if crate::cookies_secure(state, headers) {
            "; Secure"
        } else {
            ""
        }
    ))
    .map_err(|e| PageError(AppError::internal(e)))
}

/// The secret waiting in a cookie, if any.
pub(crate) fn once_value(headers: &HeaderMap, name: &str) -> Option<String> {
    crate::auth::cookie(headers, name).map(str::to_owned)
}

/// Clears a secret's cookie once the page has shown it.
pub(crate) fn clear_once(name: &str, path: &str) -> PageResult<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{name}=; Path={path}; HttpOnly; SameSite=Strict; Max-Age=0"
    ))
    .map_err(|e| PageError(AppError::internal(e)))
}

/// A labelled input with its hint and its error (linked by `aria-describedby`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn input_field(
    id: &str,
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    hint: Option<&str>,
    error: Option<&str>,
    extra: Option<(&str, &str)>,
) -> Markup {
    crate::web::input_field(&crate::web::Input {
        id,
        name,
        label,
        kind,
        value,
        hint,
        error,
        autocomplete: extra.filter(|(k, _)| *k == "autocomplete").map(|(_, v)| v),
        inputmode: extra.filter(|(k, _)| *k == "inputmode").map(|(_, v)| v),
        ..crate::web::Input::default()
    })
}

pub(super) fn path_id(text: &str) -> PageResult<i64> {
    text.parse()
        .map_err(|_| PageError(AppError::not_found("there is no page at this address")))
}
