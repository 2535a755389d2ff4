//! The web app: server-rendered pages for a mum on her phone and for her coach.
//!
//! Pages are HTML made with `maud` on the server, so the core flow (sign up, onboard, screening,
//! today's session, logging, progress) works without JavaScript; a little script (rest timer,
//! pelvic-floor timer) only adds to it. Every asset is compiled into the binary. Forms carry a
//! CSRF token (double-submit: a random cookie and the same value in a hidden field) and
//! cross-site posts are refused; every response carries a strict Content-Security-Policy with no
//! inline script.
//!
//! Handlers are as thin as the API's: they call the same use cases (`crate::app`,
//! `crate::domain`), so a page and its endpoint cannot disagree.

pub mod account;
pub mod assets;
pub mod charts;
pub mod coach;
pub mod imports;
pub mod onboarding;
pub mod pelvic_floor;
pub mod programme;
pub mod progress;
pub mod public;
pub mod report;
pub mod screening;
pub mod today;
pub(crate) mod urgent;

use crate::error::ErrorResponse;
use crate::error::HttpStatus;
use axum::Router;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use mumstrong_store::{AuthUser, Role};

use crate::AppState;
use crate::auth;
use crate::error::AppError;

pub use crate::security::{CONTENT_SECURITY_POLICY, CSRF_COOKIE, CsrfToken, cross_site, web_layer};
pub use crate::words::{capitalised, human_date, human_day, human_time, lower_first};

/// Every page route. Merged into the main router next to the API.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(assets::routes())
        .merge(public::routes())
        .merge(onboarding::routes())
        .merge(screening::routes())
        .merge(programme::routes())
        .merge(today::routes())
        .merge(pelvic_floor::routes())
        .merge(progress::routes())
        .merge(coach::routes())
        .merge(account::routes())
        .merge(imports::routes())
        .merge(report::routes())
}

// ---- who is looking ----------------------------------------------------------------------------

/// Pounds per kilogram, exactly.
pub const LB_PER_KG: f64 = 2.204_622_621_848_775_8;

/// Her unit of weight on the pages (everything is stored in kg).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Kilograms.
    Kg,
    /// Pounds.
    Lb,
}

impl Unit {
    /// From the stored word; anything unknown reads as kg.
    pub fn from_word(word: &str) -> Unit {
        if word == "lb" { Unit::Lb } else { Unit::Kg }
    }

    /// `kg` or `lb`.
    pub fn word(self) -> &'static str {
        match self {
            Unit::Kg => "kg",
            Unit::Lb => "lb",
        }
    }

    /// A stored kg value in her unit, as a number.
    pub fn from_kg(self, kg: f64) -> f64 {
        match self {
            Unit::Kg => kg,
            Unit::Lb => kg * LB_PER_KG,
        }
    }

    /// A value she typed in her unit, in kg.
    pub fn to_kg(self, value: f64) -> f64 {
        match self {
            Unit::Kg => value,
            Unit::Lb => value / LB_PER_KG,
        }
    }

    /// A stored kg value shown in her unit, rounded sensibly (`12.5 kg`, `27.5 lb`).
    pub fn show(self, kg: f64) -> String {
        format!("{} {}", self.number(kg), self.word())
    }

    /// A stored kg value in her unit as an input's value: to 0.5 and without trailing zeros.
    pub fn number(self, kg: f64) -> String {
        let v = (self.from_kg(kg) * 2.0).round() / 2.0;
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    }
}

/// A signed-in person looking at a page, with her CSRF token and unit. Extracting it sends a
/// signed-out browser to the sign-in page (and back afterwards).
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The account.
    pub user: AuthUser,
    /// This browser's CSRF token, for the forms on the page.
    pub csrf: String,
    /// Her unit of weight.
    pub unit: Unit,
}

impl Viewer {
    /// Whether she is a member (she has her own programme and logs).
    pub fn is_member(&self) -> bool {
        self.user.role == Role::Member
    }

    /// Refuses coaches, for pages about her own training.
    ///
    /// # Errors
    /// A page that sends a coach to her clients.
    pub fn member(&self) -> Result<&AuthUser, PageError> {
        if self.is_member() {
            Ok(&self.user)
        } else {
            Err(PageError(AppError::forbidden(
                "this page is for members; your clients are under Clients",
            )))
        }
    }

    /// Refuses members, for the coach's pages.
    ///
    /// # Errors
    /// A page saying coaches are made by an admin.
    pub fn coach(&self) -> Result<&AuthUser, PageError> {
        if self.is_member() {
            Err(PageError(AppError::forbidden(
                "this page is for coaches; an admin makes coaches with `mumstrong user add --coach EMAIL`",
            )))
        } else {
            Ok(&self.user)
        }
    }
}

fn csrf_of(parts: &Parts) -> String {
    parts
        .extensions
        .get::<CsrfToken>()
        .map(|t| t.0.clone())
        .unwrap_or_default()
}

fn to_login(parts: &Parts, expired: bool) -> Response {
    let next = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let next = if parts.method == Method::GET {
        next
    } else {
        "/".to_owned()
    };
    let mut target = format!("/login?next={}", urlencode(&next));
    if expired {
        target.push_str("&expired=1");
    }
    Redirect::to(&target).into_response()
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(cookie) = auth::session_cookie(&parts.headers) else {
            return Err(to_login(parts, false));
        };
        let hash = auth::hash_secret(cookie);
        let found = state
            .store
            .session_user(&hash)
            .await
            .map_err(|e| PageError(e.into()).into_response())?;
        let signed_in = match auth::check_session(state, hash, found).await {
            Ok(signed_in) => signed_in,
            Err(e) if e.status() == StatusCode::UNAUTHORIZED => {
                return Err(to_login(parts, e.code == "session_expired"));
            }
            Err(e) => return Err(PageError(e).into_response()),
        };
        let unit = state
            .store
            .unit_of(signed_in.user.id)
            .await
            .map_err(|e| PageError(e.into()).into_response())?;
        Ok(Viewer {
            user: signed_in.user,
            csrf: csrf_of(parts),
            unit: Unit::from_word(&unit),
        })
    }
}

/// Someone who may or may not be signed in (the welcome and sign-in pages), and the CSRF token.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// The signed-in account, if any.
    pub viewer: Option<Viewer>,
    /// This browser's CSRF token.
    pub csrf: String,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let csrf = csrf_of(parts);
        let viewer = if auth::session_cookie(&parts.headers).is_some() {
            Viewer::from_request_parts(parts, state).await.ok()
        } else {
            None
        };
        Ok(Visitor { viewer, csrf })
    }
}

// ---- forms -------------------------------------------------------------------------------------

/// A submitted `application/x-www-form-urlencoded` form whose CSRF field matched the cookie.
/// Keeps every pair in order, so repeated names (checkboxes) are all there.
#[derive(Debug, Clone, Default)]
pub struct WebForm {
    pairs: Vec<(String, String)>,
}

impl WebForm {
    /// Builds a form from pairs (tests, and multipart uploads after their own CSRF check).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> WebForm {
        WebForm { pairs }
    }

    /// The first value of a field, trimmed; `None` when absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A field exactly as typed, not trimmed (a password's spaces are part of it); empty when
    /// absent.
    pub fn exact(&self, name: &str) -> String {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every non-blank value of a field (checkboxes, multi-selects).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Whether a checkbox was ticked (present with any value).
    pub fn checked(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every pair, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

/// Whether a submitted CSRF value matches this browser's token (compared in constant time).
pub fn csrf_matches(expected: &str, submitted: &str) -> bool {
    !expected.is_empty()
        && expected.len() == submitted.len()
        && expected
            .bytes()
            .zip(submitted.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn expired_form() -> PageError {
    PageError(AppError::forbidden(
        "this form had expired (or came from somewhere else); go back, reload the page and send it again",
    ))
}

impl FromRequest<AppState> for WebForm {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, PageError> {
        let expected = request
            .extensions()
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let is_form = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(PageError(AppError::unsupported_media_type(
                "expected a form (application/x-www-form-urlencoded)",
            )));
        }
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|e| PageError(body_error(&e)))?;
        let pairs: Vec<(String, String)> = form_urlencoded::parse(&bytes)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let form = WebForm { pairs };
        let submitted = form
            .pairs
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str());
        if !submitted.is_some_and(|s| csrf_matches(&expected, s)) {
            return Err(expired_form());
        }
        // No control characters or bidi overrides in any field (line breaks in notes only).
        crate::text::check_form(&form.pairs)?;
        Ok(form)
    }
}

/// A form body that could not be read: 413 with the limit when it is too large (not a 400
/// "Failed to buffer"), else 400.
pub fn body_error(e: &axum::extract::rejection::BytesRejection) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::too_large(
            None,
            format!(
                "this form is larger than the {} KiB a form may be; shorten the text and send it again",
                crate::MAX_BODY_BYTES / 1024
            ),
        )
    } else {
        AppError::bad_body(None, "the form could not be read; please send it again")
    }
}

/// The hidden field every form carries.
pub fn csrf_field(csrf: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(csrf); }
}

/// Percent-encodes a query-string value.
pub fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Only a path on this site is a safe place to go back to after signing in; anything else
/// (another site, or text a browser would clean up into another site) goes to `/`.
///
/// A browser removes tabs, CR and LF anywhere in a URL and reads `\` as `/`, so `/\t/evil`
/// and `/\evil` both become `//evil`, another host. So `next` must be a path of visible ASCII
/// (percent-encoded, as a browser sends it), start with one `/` followed by neither `/` nor
/// `\`, and hold no backslash at all. Control characters, spaces and non-ASCII are refused
/// rather than cleaned: a `next` with them was not made by this site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if is_local_path(n) => n.to_owned(),
        _ => "/".to_owned(),
    }
}

fn is_local_path(next: &str) -> bool {
    let bytes = next.as_bytes();
    bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && bytes.iter().all(|b| b.is_ascii_graphic() && *b != b'\\')
}

/// After a form: go to a page (303, so a reload does not post again). A target that cannot be
/// a `Location` header (it never should: targets are made here) goes to `/` instead of failing.
pub fn see_other(path: &str) -> Response {
    match HeaderValue::from_str(path) {
        Ok(location) if is_local_path(path) => {
            (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
        }
        _ => {
            tracing::warn!("refused to redirect to a target that is not a local path");
            (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, HeaderValue::from_static("/"))],
            )
                .into_response()
        }
    }
}

// ---- errors ------------------------------------------------------------------------------------

/// A failed page request: a readable HTML page with the error's status, or the sign-in page
/// for a signed-out browser.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        PageError(e)
    }
}

impl From<mumstrong_store::StoreError> for PageError {
    fn from(e: mumstrong_store::StoreError) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        if e.status() == StatusCode::UNAUTHORIZED {
            return Redirect::to("/login").into_response();
        }
        if e.status().is_server_error() {
            tracing::error!(code = e.code, message = %e.message, "page failed");
        }
        let title = match e.status() {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::FORBIDDEN => "Not for this account",
            StatusCode::TOO_MANY_REQUESTS => "Please wait",
            s if s.is_server_error() => "Something went wrong",
            _ => "That did not work",
        };
        let message = if e.status().is_server_error() {
            "Something went wrong on our side. Nothing you entered was lost; please try again in a minute.".to_owned()
        } else {
            e.message.clone()
        };
        let body = html! {
            h1 { (title) }
            div.notice.error role="alert" { p { (message) } }
            p { a.button href="/" { "Go to the start" } }
        };
        let mut response = (e.status(), shell(None, title, Nav::None, &[], body)).into_response();
        if let Some(after) = e.retry_after
            && let Ok(v) = HeaderValue::from_str(&after.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

/// What a page handler returns.
pub type PageResult<T = Response> = Result<T, PageError>;

/// Non-API paths that match nothing: an HTML 404 (API paths keep their JSON 404).
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        AppError::no_endpoint().response()
    } else {
        PageError(AppError::not_found("there is no page at this address")).into_response()
    }
}

/// The error messages of a form, shown at its top (an `AppError` names its field; the page
/// shows the message by the field too, via [`field_error`]).
pub fn error_summary(error: Option<&AppError>) -> Markup {
    html! {
        @if let Some(e) = error {
            div.notice.error role="alert" tabindex="-1" id="form-error" {
                p { strong { "Please check: " } (e.message) }
            }
        }
    }
}

/// The `aria-describedby` of an input: its hint's id and its error's id, whichever it has.
pub fn described_by(hint_id: Option<&str>, error_id: Option<&str>) -> Option<String> {
    let ids: Vec<&str> = [hint_id, error_id].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// One labelled text-like input: what [`input_field`] draws.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    /// The element id (the label points at it).
    pub id: &'a str,
    /// The form field's name.
    pub name: &'a str,
    /// The label.
    pub label: &'a str,
    /// `text`, `email`, `password`, `number`, `date`, …
    pub kind: &'a str,
    /// What is in it now (what she typed, or the stored value).
    pub value: &'a str,
    /// A hint under the label.
    pub hint: Option<&'a str>,
    /// The error for this field, if the last submission had one.
    pub error: Option<&'a str>,
    /// `autocomplete`, for the browser's password manager and autofill.
    pub autocomplete: Option<&'a str>,
    /// `inputmode`, for the phone's keyboard.
    pub inputmode: Option<&'a str>,
    /// `min`, `max` and `step`, for number inputs.
    pub min: Option<&'a str>,
    /// See `min`.
    pub max: Option<&'a str>,
    /// See `min`.
    pub step: Option<&'a str>,
}

/// A labelled input with its hint above and its error below, both linked by
/// `aria-describedby`, and `aria-invalid` when it is in error.
pub fn input_field(f: &Input<'_>) -> Markup {
    let hint_id = format!("{}-hint", f.id);
    let err_id = format!("{}-error", f.id);
    let described = described_by(
        f.hint.map(|_| hint_id.as_str()),
        f.error.map(|_| err_id.as_str()),
    );
    html! {
        div.field {
            label for=(f.id) { (f.label) }
            @if let Some(h) = f.hint { span.hint id=(hint_id) { (h) } }
            input id=(f.id) name=(f.name) type=(f.kind) value=(f.value)
                autocomplete=[f.autocomplete] inputmode=[f.inputmode]
                min=[f.min] max=[f.max] step=[f.step]
                aria-describedby=[described] aria-invalid=[f.error.map(|_| "true")];
            @if let Some(msg) = f.error { span.field-error id=(err_id) { (msg) } }
        }
    }
}

/// The message for one field, if the error names it.
pub fn field_error<'a>(error: Option<&'a AppError>, field: &str) -> Option<&'a str> {
    error
        .filter(|e| e.field.as_deref() == Some(field))
        .map(|e| e.message.as_str())
}

// ---- the page shell ----------------------------------------------------------------------------

/// Which top-level section a page belongs to (highlighted in the navigation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Not in the navigation (sign-in, errors).
    None,
    /// Today's session.
    Today,
    /// The programme.
    Programme,
    /// Pelvic-floor practice.
    PelvicFloor,
    /// Progress charts.
    Progress,
    /// Screening result.
    Screening,
    /// The coach's clients.
    Clients,
    /// Account settings.
    Account,
}

/// The one-line reminder on every page (and at length on `/about`).
pub const DISCLAIMER: &str = "mumstrong gives exercise guidance, not medical advice. It does not diagnose. If something feels wrong, stop and talk to your GP, midwife or a pelvic-health physiotherapist.";

/// The whole page: head, navigation for her role, main content, and the guidance footer.
/// `scripts` are names under `/static/` (loaded deferred; no inline script anywhere).
pub fn shell(
    viewer: Option<&Viewer>,
    title: &str,
    active: Nav,
    scripts: &[&str],
    main: Markup,
) -> Markup {
    let member_nav: &[(Nav, &str, &str)] = &[
        (Nav::Today, "/today", "Today"),
        (Nav::Programme, "/programme", "Plan"),
        (Nav::PelvicFloor, "/pelvic-floor", "Pelvic floor"),
        (Nav::Progress, "/progress", "Progress"),
        (Nav::Account, "/account", "Account"),
    ];
    let coach_nav: &[(Nav, &str, &str)] = &[
        (Nav::Clients, "/coach", "Clients"),
        (Nav::Account, "/account", "Account"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · mumstrong" }
                meta name="theme-color" content="#6b1f4f";
                meta name="description" content="Safe, progressive strength training after childbirth, with a core and pelvic-floor focus.";
                link rel="manifest" href="/manifest.webmanifest";
                link rel="icon" href="/static/icon.svg" type="image/svg+xml";
                link rel="apple-touch-icon" href="/static/icon-192.png";
                link rel="stylesheet" href=(assets::versioned("app.css"));
                script src=(assets::versioned("app.js")) defer {}
                @for script in scripts {
                    script src=(assets::versioned(script)) defer {}
                }
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    a.brand href="/" aria-label="mumstrong home" {
                        img src="/static/icon.svg" alt="" width="28" height="28";
                        span { "mumstrong" }
                    }
                    @if let Some(v) = viewer {
                        nav aria-label="Main" {
                            ul {
                                @for (nav, href, label) in (if v.is_member() { member_nav } else { coach_nav }) {
                                    li.account[*nav == Nav::Account] {
                                        @if *nav == active {
                                            a href=(href) aria-current="page" { (label) }
                                        } @else {
                                            a href=(href) { (label) }
                                        }
                                    }
                                }
                            }
                        }
                    } @else {
                        nav aria-label="Main" {
                            ul {
                                li { a href="/login" { "Sign in" } }
                                li { a href="/signup" { "Sign up" } }
                            }
                        }
                    }
                }
                main id="main" tabindex="-1" { (main) }
                footer.disclaimer {
                    p { (DISCLAIMER) " " a href="/about" { "About this guidance" } }
                    @if let Some(v) = viewer {
                        form method="post" action="/logout" {
                            (csrf_field(&v.csrf))
                            button.link type="submit" { "Sign out " (v.user.display_name) }
                        }
                    }
                }
            }
        }
    }
}

/// A page for a signed-in person.
pub fn page(viewer: &Viewer, title: &str, active: Nav, main: Markup) -> Markup {
    shell(Some(viewer), title, active, &[], main)
}

/// A page for a signed-in person that loads scripts from `/static/`.
pub fn page_with_scripts(
    viewer: &Viewer,
    title: &str,
    active: Nav,
    scripts: &[&str],
    main: Markup,
) -> Markup {
    shell(Some(viewer), title, active, scripts, main)
}

/// Text with line breaks kept, for reasons and cues that come with newlines.
pub fn paragraphs(text: &str) -> Markup {
    html! {
        @for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            p { (para.trim()) }
        }
    }
}

/// A programme phase's name for people from its JSON word (`build` → `Build strength`); an
/// unknown word is shown with spaces for underscores.
pub fn phase_title(word: &str) -> String {
    mumstrong_core::plan::Phase::from_word(word)
        .map_or_else(|| word.replace('_', " "), |p| p.title().to_owned())
}

/// Escaped text as markup (for the odd place maud needs an explicit value).
pub fn text(text: &str) -> Markup {
    html! { (text) }
}

/// Raw markup we made ourselves (an SVG chart from [`charts`]). Never pass user input.
pub fn trusted(markup: String) -> Markup {
    PreEscaped(markup)
}
