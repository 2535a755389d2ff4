//! The pages anyone can open: welcome, sign up, sign in, sign out, and what this guidance is.

use crate::error::HttpStatus;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;

use super::{
    Nav, PageError, PageResult, Visitor, WebForm, csrf_field, error_summary, field_error,
    safe_next, see_other, shell,
};
use crate::AppState;
use crate::app::accounts::{self as account, LoginIn, SignupIn};
use crate::error::AppError;
use crate::extract::ClientIp;
use mumstrong_store::Role;

/// The public routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(welcome))
        .route("/about", get(about))
        .route("/signup", get(signup_page).post(signup))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
}

/// Where a signed-in person starts: a member at her onboarding until she has a profile, then
/// today's session; a coach at her clients.
async fn home_of(state: &AppState, id: i64, role: Role) -> PageResult<String> {
    if role != Role::Member {
        return Ok("/coach".to_owned());
    }
    if state.store.latest_profile(id).await?.is_none() {
        return Ok("/onboarding".to_owned());
    }
    Ok("/today".to_owned())
}

async fn welcome(State(state): State<AppState>, visitor: Visitor) -> PageResult {
    if let Some(viewer) = &visitor.viewer {
        return Ok(see_other(
            &home_of(&state, viewer.user.id, viewer.user.role).await?,
        ));
    }
    let body = html! {
        section.hero {
            h1 { "Get strong again after birth, safely." }
            p.lead {
                "Strength training for mums, whether your baby is 2 weeks or 10 years old, with a core and pelvic-floor focus. "
                "Twenty minutes, on your phone, with your baby nearby."
            }
            div.actions {
                a.button href="/signup" { "Start: make an account" }
                a.button.secondary href="/login" { "Sign in" }
            }
        }
        section.card {
            h2 { "How it works" }
            ol.points {
                li { strong { "A short questionnaire. " } "Your birth, how you feel, what you want, how much time you have." }
                li { strong { "A screening. " } "What is safe now, what waits and until when, and who to see, with the guideline behind each answer." }
                li { strong { "Your plan. " } "Phased sessions for back, glutes and the whole body, built up to the everyday loads of a growing baby." }
                li { strong { "Today's session. " } "Tick your sets, rest with a timer, and tell us how it felt. Any leaking, heaviness or pain changes the next session." }
            }
        }
        div.notice.info {
            p { (super::DISCLAIMER) }
        }
    };
    Ok(shell(None, "Strength after birth", Nav::None, &[], body).into_response())
}

async fn about(visitor: Visitor) -> Markup {
    let body = html! {
        h1 { "About this guidance" }
        div.notice.warn {
            p { strong { "This is exercise guidance, not medical advice." } " mumstrong does not diagnose anything. It screens your answers against published guidelines to decide which exercise is sensible now, and it refers you on when in doubt." }
        }
        h2 { "When to get help now" }
        ul.points {
            li { "Heavy bleeding (soaking a pad in an hour), chest pain, sudden breathlessness, a painful swollen calf, a severe headache with changes in vision, or thoughts of harming yourself or your baby: " strong { "call 999 (UK) or your local emergency number." } }
            li { "A wound that is red, hot or leaking, a fever, or new pain: contact your GP or midwife today, or call 111." }
            li { "Leaking, heaviness or a bulge in the vagina, or a gap along your tummy that is not closing: ask your GP to refer you to a pelvic-health physiotherapist." }
            li { "Feeling low or anxious most days: talk to your GP or health visitor. In the UK, Samaritans answer on 116 123, day or night." }
        }
        h2 { "Where the rules come from" }
        p { "The screening and the plans follow published guidance: the UK Chief Medical Officers' physical activity guidelines for after childbirth, the Returning to running postnatal guidelines (Goom, Donnelly and Brockwell, 2019), ACOG Committee Opinion 804, the NICE postnatal care guideline (NG194), and the Edinburgh Postnatal Depression Scale. Every decision on your screening page names its source." }
        p { a href="/" { "Back to the start" } }
    };
    shell(
        visitor.viewer.as_ref(),
        "About this guidance",
        Nav::None,
        &[],
        body,
    )
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
    expired: Option<String>,
}

fn signup_form(csrf: &str, form: Option<&WebForm>, error: Option<&AppError>) -> Markup {
    let value = |name: &str| form.and_then(|f| f.get(name)).unwrap_or("").to_owned();
    html! {
        h1 { "Make your account" }
        p { "It takes a minute. Then a short questionnaire makes your plan." }
        (error_summary(error))
        form method="post" action="/signup" novalidate {
            (csrf_field(csrf))
            (text_field("display_name", "Your first name", "text", "given-name", &value("display_name"), Some("Your coach sees this name, if you invite one."), error))
            (text_field("email", "Email", "email", "email", &value("email"), None, error))
            (text_field("password", "Password", "password", "new-password", "", Some("At least 10 characters."), error))
            label.choice {
                input type="checkbox" name="understood" value="yes" required
                    checked[form.is_some_and(|f| f.checked("understood"))];
                span { "I understand mumstrong gives exercise guidance, not medical advice." }
            }
            @if let Some(msg) = field_error(error, "understood") {
                span.field-error { (msg) }
            }
            div.actions { button.wide type="submit" { "Make my account" } }
        }
        p { "Already have an account? " a href="/login" { "Sign in" } }
    }
}

/// A labelled text input with its hint and its error, for the sign-up and sign-in forms.
fn text_field(
    name: &str,
    label: &str,
    kind: &str,
    autocomplete: &str,
    value: &str,
    hint: Option<&str>,
    error: Option<&AppError>,
) -> Markup {
    super::input_field(&super::Input {
        id: name,
        name,
        label,
        kind,
        value,
        hint,
        error: field_error(error, name),
        autocomplete: Some(autocomplete),
        ..super::Input::default()
    })
}

async fn signup_page(State(state): State<AppState>, visitor: Visitor) -> PageResult {
    if let Some(viewer) = &visitor.viewer {
        return Ok(see_other(
            &home_of(&state, viewer.user.id, viewer.user.role).await?,
        ));
    }
    Ok(shell(
        None,
        "Make your account",
        Nav::None,
        &[],
        signup_form(&visitor.csrf, None, None),
    )
    .into_response())
}

async fn signup(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    let result = if form.checked("understood") {
        account::create_member(
            &state,
            &ip,
            SignupIn {
                email: form.get("email").unwrap_or("").to_owned(),
                password: form.exact("password"),
                display_name: form.get("display_name").map(str::to_owned),
            },
        )
        .await
    } else {
        Err(AppError::invalid(
            "understood",
            "please tick the box to say you understand this is exercise guidance, not medical advice",
        ))
    };
    match result {
        Ok(user) => {
            let cookie = crate::auth::new_session(&state, &headers, &user).await?;
            let mut response = see_other("/onboarding");
            response.headers_mut().insert(header::SET_COOKIE, cookie);
            Ok(response)
        }
        Err(e) if e.status().is_client_error() => {
            let mut response = (
                e.status(),
                shell(
                    None,
                    "Make your account",
                    Nav::None,
                    &[],
                    signup_form(&visitor.csrf, Some(&form), Some(&e)),
                ),
            )
                .into_response();
            if let Some(after) = e.retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, after.into());
            }
            Ok(response)
        }
        Err(e) => Err(PageError(e)),
    }
}

fn login_form(
    csrf: &str,
    next: &str,
    email: &str,
    notice: Option<&str>,
    error: Option<&AppError>,
) -> Markup {
    html! {
        h1 { "Sign in" }
        @if let Some(n) = notice { div.notice.info role="status" { p { (n) } } }
        (error_summary(error))
        form method="post" action="/login" novalidate {
            (csrf_field(csrf))
            input type="hidden" name="next" value=(next);
            (text_field("email", "Email", "email", "email", email, None, error))
            (text_field("password", "Password", "password", "current-password", "", None, error))
            div.actions { button.wide type="submit" { "Sign in" } }
        }
        p { "New here? " a href="/signup" { "Make an account" } }
    }
}

async fn login_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<NextQuery>,
) -> PageResult {
    let next = safe_next(query.next.as_deref());
    if let Some(viewer) = &visitor.viewer {
        let target = if next == "/" {
            home_of(&state, viewer.user.id, viewer.user.role).await?
        } else {
            next
        };
        return Ok(see_other(&target));
    }
    let notice = query.expired.is_some().then_some(
        "Your session had expired, so please sign in again. Nothing you saved was lost.",
    );
    Ok(shell(
        None,
        "Sign in",
        Nav::None,
        &[],
        login_form(&visitor.csrf, &next, "", notice, None),
    )
    .into_response())
}

async fn login(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    let email = form.get("email").unwrap_or("").to_owned();
    let password = form.exact("password");
    let next = safe_next(form.get("next"));
    match account::check_login(
        &state,
        &ip,
        LoginIn {
            email: email.clone(),
            password,
        },
    )
    .await
    {
        Ok(user) => {
            let cookie = crate::auth::new_session(&state, &headers, &user).await?;
            let target = if next == "/" {
                home_of(&state, user.id, user.role).await?
            } else {
                next
            };
            let mut response = see_other(&target);
            response.headers_mut().insert(header::SET_COOKIE, cookie);
            Ok(response)
        }
        Err(e) if e.status().is_client_error() => {
            let mut response = (
                e.status(),
                shell(
                    None,
                    "Sign in",
                    Nav::None,
                    &[],
                    login_form(&visitor.csrf, &next, &email, None, Some(&e)),
                ),
            )
                .into_response();
            if let Some(after) = e.retry_after
                && let Ok(v) = axum::http::HeaderValue::from_str(&after.to_string())
            {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Ok(response)
        }
        Err(e) => Err(PageError(e)),
    }
}

async fn logout(State(state): State<AppState>, headers: HeaderMap, _form: WebForm) -> PageResult {
    if let Some(cookie) = crate::auth::session_cookie(&headers) {
        state
            .store
            .delete_session(&crate::auth::hash_secret(cookie))
            .await?;
    }
    let mut response: Response = see_other("/");
    response
        .headers_mut()
        .insert(header::SET_COOKIE, crate::auth::clear_cookie());
    Ok(response)
}
