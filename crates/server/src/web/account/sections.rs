//! The account page's sections, one function each: unit, coach access, calendar feed, data,
//! API tokens, password and deleting the account.

use axum::http::HeaderMap;
use maud::{Markup, html};
use mumstrong_store::{ApiToken, AuditEntry, GrantRow};

use crate::app::calendar;
use crate::web::{Viewer, csrf_field, error_summary, field_error};
use crate::web::{human_day, human_time};

use super::once::input_field;
use super::{Failed, Once, Section};

pub(super) fn unit_section(viewer: &Viewer, failed: Option<&Failed<'_>>) -> Markup {
    let error = field_error(Failed::error_for(failed, Section::Unit), "unit");
    let current = viewer.unit.word();
    html! {
        section.card #units aria-labelledby="units-h" {
            h2 #units-h { "Units" }
            (error_summary(Failed::error_for(failed, Section::Unit)))
            form method="post" action="/account/unit#units" {
                (csrf_field(&viewer.csrf))
                fieldset aria-describedby=[error.map(|_| "unit-error")] {
                    legend { "Show weights in" }
                    label.choice {
                        input type="radio" name="unit" value="kg" checked[current == "kg"]
                            aria-invalid=[error.map(|_| "true")];
                        span { strong { "Kilograms (kg)" } }
                    }
                    label.choice {
                        input type="radio" name="unit" value="lb" checked[current == "lb"]
                            aria-invalid=[error.map(|_| "true")];
                        span { strong { "Pounds (lb)" } }
                    }
                    @if let Some(msg) = error { span.field-error #unit-error { (msg) } }
                }
                button type="submit" { "Save units" }
            }
        }
    }
}

pub(super) fn coach_section(
    viewer: &Viewer,
    grants: &[GrantRow],
    reads: &[AuditEntry],
    failed: Option<&Failed<'_>>,
    code: Option<&str>,
) -> Markup {
    let error = Failed::error_for(failed, Section::Grants);
    let typed = Failed::value(failed, Section::Grants, "code");
    let value = if typed.is_empty() {
        code.unwrap_or_default().to_owned()
    } else {
        typed
    };
    let current: Vec<&GrantRow> = grants.iter().filter(|g| g.revoked_at.is_none()).collect();
    let past: Vec<&GrantRow> = grants.iter().filter(|g| g.revoked_at.is_some()).collect();
    html! {
        section.card #coach aria-labelledby="coach-h" {
            h2 #coach-h { "Share with a coach" }
            (error_summary(error))
            p { "A coach or pelvic-health physio can follow your screening, programme and logs once you enter her invitation code. You can stop sharing at any time, and you see every time she reads your data." }
            @if current.is_empty() {
                p.muted { "No coach can see your data." }
            } @else {
                h3 { "Coaches who can see your data" }
                ul.rows {
                    @for g in &current {
                        li {
                            div {
                                strong { (g.display_name) } " " span.muted { "(" (g.email) ")" }
                                br;
                                span.muted { "Since " (human_day(g.created_at)) }
                            }
                            form method="post" action=(format!("/account/grants/{}/revoke", g.id))
                                data-confirm=(format!("Stop sharing your data with {}?", g.display_name)) {
                                (csrf_field(&viewer.csrf))
                                button.secondary type="submit" {
                                    "Stop sharing" span.visually-hidden { " with " (g.display_name) }
                                }
                            }
                        }
                    }
                }
            }
            form method="post" action="/account/grants#coach" novalidate {
                (csrf_field(&viewer.csrf))
                (input_field("code", "code", "Invitation code", "text",
                    &value,
                    Some("The code your coach gave you, like K7QX-2M9D: capitals or not, with or without the dash. It works once, for 14 days."),
                    field_error(error, "code"), Some(("autocomplete", "off"))))
                button type="submit" { "Share with this coach" }
            }
            @if !past.is_empty() {
                details {
                    summary { "Coaches you stopped sharing with (" (past.len()) ")" }
                    ul {
                        @for g in &past {
                            li {
                                (g.display_name) " (" (g.email) "), "
                                (human_day(g.created_at)) " to "
                                (g.revoked_at.map(human_day).unwrap_or_default())
                            }
                        }
                    }
                }
            }
            details {
                summary { "Who has read your data" @if !reads.is_empty() { " (" (reads.len()) ")" } }
                @if reads.is_empty() {
                    p.muted { "Nobody else has read your data." }
                } @else {
                    ul.reads {
                        @for r in reads {
                            li {
                                strong { (r.actor_email) } " " (read_words(&r.action)) ", "
                                span.muted { (human_time(r.at)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What an audit entry's action means, in words.
pub(super) fn read_words(action: &str) -> String {
    if action.ends_with("(summary)") {
        "saw you in her client list".to_owned()
    } else if action.contains("/report") {
        "opened your report".to_owned()
    } else if action.starts_with("GET /coach/clients/") {
        "opened your client page".to_owned()
    } else if let Some(what) = action.rsplit('/').next()
        && action.starts_with("GET /api/v1/clients/")
    {
        format!("read your {} (API)", what.replace('_', " "))
    } else {
        format!("read {action}")
    }
}

pub(super) fn calendar_section(
    viewer: &Viewer,
    headers: &HeaderMap,
    feed: Option<&(String, i64)>,
    once: &Once,
    failed: Option<&Failed<'_>>,
) -> Markup {
    let error = Failed::error_for(failed, Section::Calendar);
    let current: Vec<String> = feed
        .map(|(r, _)| serde_json::from_str(r).unwrap_or_default())
        .unwrap_or_else(|| {
            calendar::DEFAULT_REMINDERS
                .iter()
                .map(|s| (*s).to_owned())
                .collect()
        });
    // What she typed, position by position (blanks included), after a failed form.
    let typed: Option<Vec<String>> = failed.filter(|f| f.section == Section::Calendar).map(|f| {
        f.form
            .pairs()
            .iter()
            .filter(|(k, _)| k == "reminders")
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    });
    let values: Vec<String> = (0..calendar::MAX_REMINDERS)
        .map(|i| match &typed {
            Some(t) => t.get(i).cloned().unwrap_or_default(),
            None => current.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    // The API numbers the times it was given (the filled ones); map back to the boxes.
    let filled: Vec<usize> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, _)| i)
        .collect();
    let bad_box = error.and_then(|e| e.field.as_deref()).and_then(|f| {
        let n: usize = f
            .strip_prefix("reminders[")?
            .strip_suffix(']')?
            .parse()
            .ok()?;
        filled.get(n).copied()
    });
    let new_url = once
        .feed_path
        .as_deref()
        .map(|path| crate::extract::public_url(headers, path));
    let form = html! {
        form method="post" action="/account/calendar#calendar" novalidate {
            (csrf_field(&viewer.csrf))
            fieldset {
                legend { "Pelvic-floor reminder times" }
                span.hint #reminders-hint { "Up to 6 a day. Leave them all empty for no reminders. The NHS suggests practising 3 times a day." }
                div.times {
                    @for (i, v) in values.iter().enumerate() {
                        @let id = format!("reminder-{}", i + 1);
                        @let bad = bad_box == Some(i);
                        div.field {
                            label for=(id) { "Reminder " (i + 1) }
                            input id=(id) name="reminders" type="time" value=(v)
                                aria-describedby=(if bad { "reminders-hint reminders-error" } else { "reminders-hint" })
                                aria-invalid=[bad.then_some("true")];
                        }
                    }
                }
                @if let Some(e) = error {
                    span.field-error #reminders-error { (e.message) }
                }
            }
            button type="submit" { @if feed.is_some() { "Make a new calendar link" } @else { "Make my calendar link" } }
        }
    };
    html! {
        section.card #calendar aria-labelledby="calendar-h" {
            h2 #calendar-h { "Calendar" }
            (error_summary(error))
            p { "Add your sessions and pelvic-floor reminders to your phone's calendar: it subscribes to a private address and keeps up as your plan changes." }
            @if let Some(url) = &new_url {
                div.notice.ok.secret role="status" {
                    p { strong { "Your calendar address (shown only this once):" } }
                    p.secret-value { code { (url) } }
                    p { "Copy it now. On an iPhone: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar. In Google Calendar on a computer: Other calendars → + → From URL." }
                    p { "Keep it private: anyone with it can see your sessions." }
                }
            }
            @match feed {
                Some((_, made)) => {
                    p {
                        span.tag.ok { "On" } " Made " (human_day(*made))
                        @if current.is_empty() { ", with no pelvic-floor reminders." }
                        @else { ", with pelvic-floor reminders at " (current.join(", ")) "." }
                    }
                    @if new_url.is_none() {
                        p.muted { "The address is shown only when it is made. Lost it? Make a new one: the old one stops working." }
                    }
                }
                None => { p { span.tag { "Off" } " You have no calendar link." } }
            }
            @if feed.is_some() {
                details open[error.is_some()] {
                    summary { "Change reminder times (makes a new address)" }
                    (form)
                }
            } @else {
                (form)
            }
            @if feed.is_some() {
                form method="post" action="/account/calendar/delete"
                    data-confirm="Turn off your calendar link? Calendars subscribed to it stop updating." {
                    (csrf_field(&viewer.csrf))
                    button.secondary type="submit" { "Turn off the calendar link" }
                }
            }
        }
    }
}

pub(super) fn data_section(member: bool) -> Markup {
    html! {
        section.card #data aria-labelledby="data-h" {
            h2 #data-h { "Your data" }
            p { "Download everything stored about you: account, "
                @if member { "questionnaires, screenings, programmes, logs, coaches and who read your data" }
                @else { "clients and API tokens" }
                ", as one JSON file." }
            div.actions {
                a.button.secondary href="/account/export" download="mumstrong-export.json" { "Download all my data (JSON)" }
                @if member {
                    a.button.secondary href="/account/export?format=strong-csv" download="mumstrong-strong.csv" { "Download my sets for other apps (CSV)" }
                }
            }
            @if member {
                p.hint { "The CSV uses the Strong app's layout, which many training apps import." }
                h3 { "Bring your history, or share it" }
                div.actions {
                    a.button.secondary href="/import" { "Import from Strong, Hevy or FitNotes" }
                    a.button.secondary href="/report" { "Report for my coach or physio" }
                }
            }
        }
    }
}

pub(super) fn tokens_section(
    viewer: &Viewer,
    tokens: &[ApiToken],
    once: &Once,
    failed: Option<&Failed<'_>>,
) -> Markup {
    let error = Failed::error_for(failed, Section::Tokens);
    html! {
        section.card #tokens aria-labelledby="tokens-h" {
            h2 #tokens-h { "API tokens" }
            (error_summary(error))
            p { "For your own scripts and apps: send a token as " code { "Authorization: Bearer …" } " to the API. "
                @if viewer.is_member() { "A token can read and log like you" } @else { "A token can read your clients' data like you" }
                ", but cannot make tokens, change your password, grant a coach access, make a calendar feed, sign you out everywhere or delete your account." }
            @if let Some(t) = &once.token {
                div.notice.ok.secret role="status" {
                    p { strong { "Your new token (shown only this once):" } }
                    p.secret-value { code { (t) } }
                    p { "Copy it now and keep it somewhere safe. If you lose it, delete it and make another." }
                }
            }
            @if tokens.is_empty() {
                p.muted { "You have no API tokens." }
            } @else {
                ul.rows {
                    @for t in tokens {
                        li {
                            div {
                                strong { (t.name) }
                                br;
                                span.muted {
                                    "Made " (human_day(t.created_at)) ". "
                                    @match t.expires_at {
                                        Some(e) => { "Expires " (human_day(e)) ". " }
                                        None => { "Does not expire. " }
                                    }
                                    @match t.last_used_at {
                                        Some(u) => { "Last used " (human_day(u)) "." }
                                        None => { "Never used." }
                                    }
                                }
                            }
                            form method="post" action=(format!("/account/tokens/{}/delete", t.id))
                                data-confirm=(format!("Delete the token “{}”? Scripts using it stop working.", t.name)) {
                                (csrf_field(&viewer.csrf))
                                button.secondary type="submit" {
                                    "Delete" span.visually-hidden { " token " (t.name) }
                                }
                            }
                        }
                    }
                }
            }
            details open[error.is_some()] {
                summary { "Make a token" }
                form method="post" action="/account/tokens#tokens" novalidate {
                    (csrf_field(&viewer.csrf))
                    (input_field("token-name", "name", "Name", "text",
                        &Failed::value(failed, Section::Tokens, "name"),
                        Some("What it is for, such as “weekly export”."),
                        field_error(error, "name"), Some(("autocomplete", "off"))))
                    (input_field("token-days", "expires_in_days", "Expires after (days, optional)", "text",
                        &Failed::value(failed, Section::Tokens, "expires_in_days"),
                        Some("1 to 365. Leave empty for a token that does not expire."),
                        field_error(error, "expires_in_days"), Some(("inputmode", "numeric"))))
                    button type="submit" { "Make token" }
                }
            }
        }
    }
}

pub(super) fn password_section(viewer: &Viewer, failed: Option<&Failed<'_>>) -> Markup {
    let error = Failed::error_for(failed, Section::Password);
    html! {
        section.card #password aria-labelledby="password-h" {
            h2 #password-h { "Change password" }
            (error_summary(error))
            p { "Every other session (other phones and computers) ends, and every API token of yours is deleted. You stay signed in here." }
            details open[error.is_some()] {
                summary { "Change my password" }
                form method="post" action="/account/password#password" novalidate {
                    (csrf_field(&viewer.csrf))
                    (input_field("password-current", "current_password", "Current password", "password", "",
                        None, field_error(error, "current_password"),
                        Some(("autocomplete", "current-password"))))
                    (input_field("password-new", "new_password", "New password", "password", "",
                        Some("At least 10 characters; a few words make a good one."),
                        field_error(error, "new_password"),
                        Some(("autocomplete", "new-password"))))
                    div.actions { button type="submit" { "Change password" } }
                }
            }
        }
    }
}

pub(super) fn delete_section(viewer: &Viewer, failed: Option<&Failed<'_>>) -> Markup {
    let error = Failed::error_for(failed, Section::Delete);
    let confirm_error = field_error(error, "confirm");
    html! {
        section.card.danger-zone #delete aria-labelledby="delete-h" {
            h2 #delete-h { "Delete account" }
            (error_summary(error))
            p { "Deletes your account and everything stored about you, at once and for good. "
                @if viewer.is_member() { "Coaches you share with lose access. " } @else { "Your clients' data stays theirs; you lose access to it. " }
                "Download your data first if you want to keep it." }
            details open[error.is_some()] {
                summary { "Delete my account" }
                form method="post" action="/account/delete#delete" novalidate
                    data-confirm="Delete your account and all your data for good? This cannot be undone." {
                    (csrf_field(&viewer.csrf))
                    (input_field("delete-password", "password", "Your password", "password", "",
                        Some("To make sure it is you."), field_error(error, "password"),
                        Some(("autocomplete", "current-password"))))
                    label.choice for="delete-confirm" {
                        input #delete-confirm type="checkbox" name="confirm" value="yes"
                            checked[failed.is_some_and(|f| f.section == Section::Delete && f.form.checked("confirm"))]
                            aria-describedby=[confirm_error.map(|_| "delete-confirm-error")]
                            aria-invalid=[confirm_error.map(|_| "true")];
                        span { "I understand that this deletes my account and all my data, and cannot be undone." }
                    }
                    @if let Some(msg) = confirm_error {
                        span.field-error #delete-confirm-error { (msg) }
                    }
                    div.actions { button.danger type="submit" { "Delete my account for good" } }
                }
            }
        }
    }
}
