//! The security layer of every response: the headers (a strict Content-Security-Policy with no
//! inline script, no framing, no sniffing, `Cache-Control: no-store` unless a handler says
//! otherwise), the pages' CSRF cookie (double-submit: a random cookie and the same value in every
//! form), and the refusal of writes from other sites, for pages and for cookie-authenticated API
//! calls alike. Kept apart from the pages and the API so neither reaches into the other for it.

use crate::error::ErrorResponse;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::auth;
use crate::error::AppError;
use crate::web::PageError;

/// The CSRF cookie's name. Its value is repeated in every form as the `csrf` field.
pub const CSRF_COOKIE: &str = "mumstrong_csrf";

/// The policy every response carries: only our own scripts, styles, images and forms, and no
/// framing (click-jacking). Inline SVG presentation attributes are not styles, so charts work.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// The CSRF token of this browser, put into the request by [`web_layer`].
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

fn csrf_cookie(headers: &HeaderMap) -> Option<String> {
    auth::cookie(headers, CSRF_COOKIE)
        .map(str::to_owned)
        .filter(|v| {
            v.len() == 43
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Whether a state-changing request plainly comes from another site or another origin of
/// this one (the browser says so in `Sec-Fetch-Site`, or its `Origin` names another host).
/// `same-site` is refused too: a page on a sibling subdomain is not this service.
pub fn cross_site(headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site" || v == "same-site")
    {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        host,
    ) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            let forwarded = headers
                .get("x-forwarded-host")
                .and_then(|v| v.to_str().ok());
            origin_host != host && Some(origin_host) != forwarded
        }
        _ => false,
    }
}

/// Adds the security headers to every response, and for pages gives the browser a CSRF cookie
/// if it has none (put into the request as [`CsrfToken`] for the forms), and refuses
/// cross-site posts outright.
pub async fn web_layer(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut request: Request,
    next: axum::middleware::Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let mut new_cookie = None;
    if is_api {
        // A browser sends the session cookie with any request to this site, even one a
        // foreign page started; a bearer token it never adds by itself. So an API write that
        // rests on the cookie must come from this site, as a page's form must.
        let by_cookie = auth::session_cookie(request.headers()).is_some()
            && auth::bearer(request.headers()).is_none();
        if writes && by_cookie && cross_site(request.headers()) {
            return AppError::forbidden(
                "this request came from another site (its Origin or Sec-Fetch-Site says so), so it was refused; \
                 scripts elsewhere should send an API token as `Authorization: Bearer …` instead of the session cookie",
            )
            .response();
        }
    } else {
        let token = match csrf_cookie(request.headers()) {
            Some(token) => token,
            None => match auth::new_secret() {
                Ok(token) => {
                    new_cookie = Some(token.clone());
                    token
                }
                Err(e) => return PageError(e).into_response(),
            },
        };
        if writes && cross_site(request.headers()) {
            return PageError(AppError::forbidden(
                "this form was sent from another site, so it was refused",
            ))
            .into_response();
        }
        request.extensions_mut().insert(CsrfToken(token));
    }
    // Only a new CSRF cookie needs to know whether to be `Secure`.
    let secure = new_cookie.is_some() && crate::cookies_secure(&state, request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // Her data must not stay in a shared cache or the browser's history after she signs out:
    // nothing is stored unless the handler said otherwise (the versioned static files).
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    if let Some(token) = new_cookie
        && let Ok(value) = HeaderValue::from_str(&format!(
            "{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{}",
            if secure { "; Secure" } else { "" }
        ))
    {
        headers.append(header::SET_COOKIE, value);
    }
    response
}

/// The printable report as a response. Its one `<style>` block is allowed by its hash, one for
/// each paper size (the
/// report is a single file that must print the same when saved), and nothing else inline is.
pub(crate) fn html_response(body: String) -> Response {
    use base64::Engine;
    use sha2::Digest;
    static POLICY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let policy = POLICY.get_or_init(|| {
        use mumstrong_core::report::{Paper, style};
        let hashes: Vec<String> = Paper::ALL
            .iter()
            .map(|paper| {
                let hash = base64::engine::general_purpose::STANDARD
                    .encode(sha2::Sha256::digest(style(*paper).as_bytes()));
                format!("'sha256-{hash}'")
            })
            .collect();
        CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'",
            &format!("style-src 'self' {}", hashes.join(" ")),
        )
    });
    let mut response = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response();
    if let Ok(value) = axum::http::HeaderValue::from_str(policy) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}
