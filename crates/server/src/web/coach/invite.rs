//! A coach's invitation codes: making one, seeing her open ones again (the code in large type to
//! read out, its expiry, a link that fills it in on the member's share form, and a QR code of
//! that link to scan), and revoking one.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::IntoResponse;
use maud::{Markup, PreEscaped, html};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use std::collections::HashMap;

use crate::AppState;
use crate::app::coaching::{self, Invitation};
use crate::app::invite_code;
use crate::extract::public_url;
use crate::web::account::{clear_once, once_value, see_other_with_once};
use crate::web::{Nav, PageResult, Viewer, WebForm, csrf_field, human_time, page, see_other};

use super::{INVITE_COOKIE, refuse_member};

/// Pixels a QR module takes: big enough for a phone camera from a screen, and 41 modules (a
/// link this long, with its quiet zone) stay well inside a 390 px screen.
const QR_MODULE_PX: u32 = 4;

pub(super) async fn make_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    _form: WebForm,
) -> PageResult {
    if let Some(refused) = refuse_member(&viewer) {
        return Ok(refused);
    }
    let made = coaching::create_invitation(&state, viewer.coach()?).await?;
    see_other_with_once(
        &state,
        &headers,
        "/coach/invitations/new",
        (INVITE_COOKIE, "/coach"),
        &made.code,
    )
}

pub(super) async fn show_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
) -> PageResult {
    if let Some(refused) = refuse_member(&viewer) {
        return Ok(refused);
    }
    let made = once_value(&headers, INVITE_COOKIE);
    let open = coaching::open_invitations(&state, viewer.coach()?).await?;
    let (new, others): (Vec<&Invitation>, Vec<&Invitation>) = open
        .iter()
        .partition(|i| made.as_deref() == Some(i.code.as_str()));
    let now = state.now_unix();
    let body = html! {
        h1 { "Invitation code" }
        @if let Some(new) = new.first() {
            p { "Give her this code: read it out, send it, or let her scan the QR code. You can see it again on your client list until she uses it." }
            (invitation_card(&viewer, &headers, new, now))
            h2 { "How she uses it" }
            ol.points {
                li { "She signs in to mumstrong (or makes an account) and opens " strong { "Account" } "." }
                li { "Under " strong { "Share with a coach" } " she types the code (capitals or not, the dash or not) and presses " strong { "Share with this coach" } ". The link and the QR code fill it in for her." }
                li { "She then appears in your client list." }
            }
        } @else if others.is_empty() {
            div.notice.info { p { "You have no open invitation codes. Make one below." } }
        }
        @if !others.is_empty() {
            h2 { @if new.is_empty() { "Your open codes" } @else { "Your other open codes" } }
            @for i in &others { (invitation_card(&viewer, &headers, i, now)) }
        }
        div.actions.invite-actions {
            a.button.secondary href="/coach" { "Back to your clients" }
            form method="post" action="/coach/invitations" {
                (csrf_field(&viewer.csrf))
                button.secondary type="submit" { "Make another code" }
            }
        }
    };
    let mut response = page(&viewer, "Invitation code", Nav::Clients, body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if made.is_some() {
        response
            .headers_mut()
            .append(header::SET_COOKIE, clear_once(INVITE_COOKIE, "/coach")?);
    }
    Ok(response)
}

pub(super) async fn revoke_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(code): Path<String>,
    _form: WebForm,
) -> PageResult {
    if let Some(refused) = refuse_member(&viewer) {
        return Ok(refused);
    }
    coaching::revoke_invitation(&state, viewer.coach()?, &code).await?;
    let shown = invite_code::grouped(&invite_code::normalise(&code)?);
    Ok(see_other(&format!("/coach?revoked={shown}#invite")))
}

/// The notice on /coach after a revoke, when the query names a code.
pub(super) fn revoked_notice(query: &HashMap<String, String>) -> Option<String> {
    let code = invite_code::normalise(query.get("revoked")?).ok()?;
    Some(format!(
        "Revoked: code {} no longer works.",
        invite_code::grouped(&code)
    ))
}

/// The coach's open codes, for /coach: each one's card, or nothing.
pub(super) fn open_invitations(
    viewer: &Viewer,
    headers: &HeaderMap,
    open: &[Invitation],
    now: i64,
) -> Markup {
    html! {
        @if !open.is_empty() {
            h3 { "Open codes (" (open.len()) ")" }
            @for i in open { (invitation_card(viewer, headers, i, now)) }
        }
    }
}

/// One open code: large, with its expiry, the link that fills it in, its QR code and a revoke.
fn invitation_card(viewer: &Viewer, headers: &HeaderMap, i: &Invitation, now: i64) -> Markup {
    let link = public_url(headers, &i.link);
    let normal: String = i.code.chars().filter(|c| *c != '-').collect();
    let label_id = format!("code-{normal}");
    html! {
        article.invite-code aria-labelledby=(label_id) {
            p.visually-hidden #(label_id) { "Invitation code " (i.code) }
            p.code-value { code { (i.code) } }
            p.invite-expiry {
                "Works once, until " (human_time(i.expires_at)) " ("
                (invite_code::expiry_words(now, i.expires_at)) ")."
            }
            p.invite-link {
                "Or send her this link, which fills the code in: "
                a href=(link) { (link) }
            }
            (qr_figure(&link, &i.code))
            form method="post" action=(format!("/coach/invitations/{normal}/revoke"))
                data-confirm=(format!("Revoke code {}? It stops working at once.", i.code)) {
                (csrf_field(&viewer.csrf))
                button.secondary type="submit" {
                    "Revoke" span.visually-hidden { " code " (i.code) }
                }
            }
        }
    }
}

/// A QR code of the link as inline SVG (the Content-Security-Policy allows inline markup, not
/// scripts or styles): dark on light, a fixed module size, labelled for a screen reader.
fn qr_figure(link: &str, code: &str) -> Markup {
    let Ok(qr) = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M) else {
        // A link too long for a QR code: the code and the link above still work.
        return html! {};
    };
    let drawn = qr
        .render::<svg::Color<'_>>()
        .module_dimensions(QR_MODULE_PX, QR_MODULE_PX)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    // The renderer starts with an XML declaration, which has no place inside HTML.
    let markup = drawn.find("<svg").map_or("", |at| &drawn[at..]);
    html! {
        figure.invite-qr {
            div.qr role="img" aria-label=(format!("QR code of the link for invitation code {code}")) {
                (PreEscaped(markup))
            }
            figcaption { "Scan with a phone camera: it opens her share form with the code filled in." }
        }
    }
}
