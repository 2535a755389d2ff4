//! One urgent state everywhere: for every kind of warning sign, whether she ticked it in her
//! answers or logged it in a check-in, before or after a plan exists, every page she uses shows
//! the same stop (the same heading, what to do now and call buttons as `GET /api/v1/state`) and
//! nothing cheerful beside it.

use crate::common;
use crate::common::{TestApp, User, json_of, today};
use mumstrong_core::vocab::RedFlag;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The pages that show what she may do.
const PAGES: [&str; 5] = [
    "/screening",
    "/today",
    "/programme",
    "/pelvic-floor",
    "/progress",
];

/// What must not be offered while a warning sign stands.
const CHEERFUL: [&str; 7] = [
    "Make my programme",
    "Make my plan",
    "id=\"pf-timer\"",
    "action=\"/today/set\"",
    "Weeks at a glance",
    "Go to today's session",
    "How to do it",
];

/// maud's escaping of text.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page's urgent stop section (the component renders no nested section).
fn stop_section<'h>(html: &'h str, path: &str) -> &'h str {
    let start = html
        .find("<section class=\"urgent takeover\"")
        .unwrap_or_else(|| panic!("no urgent stop on {path}: {html}"));
    let end = html[start..]
        .find("</section>")
        .unwrap_or_else(|| panic!("unclosed stop on {path}"));
    &html[start..start + end]
}

/// The call buttons' numbers, in order.
fn call_buttons(section: &str) -> Vec<String> {
    section
        .split("class=\"button danger call\" href=\"tel:")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or("").to_owned())
        .collect()
}

/// Checks every page against her state from the API; returns the stop section they share.
async fn every_page_shows_the_stop(mum: &User, what: &str) {
    let state = json_of(mum.get("/api/v1/state").await, StatusCode::OK).await;
    let stop = &state["state"]["urgent"];
    assert!(stop.is_object(), "{what}: urgent in the state: {state}");
    assert_eq!(state["state"]["outcome"], "urgent", "{what}");
    let screening = json_of(mum.get("/api/v1/screening").await, StatusCode::OK).await;
    assert_eq!(
        screening["state"], state["state"],
        "{what}: the screening carries the same state"
    );
    let heading = stop["heading"].as_str().unwrap();
    let tels: Vec<String> = stop["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["tel"].as_str().unwrap().to_owned())
        .collect();
    let mut first: Option<String> = None;
    for path in PAGES {
        let (status, _, html) = mum.page(path).await;
        assert_eq!(status, StatusCode::OK, "{what}: {path}");
        let section = stop_section(&html, path);
        assert!(
            section.contains(&escaped(heading)),
            "{what}: heading on {path}"
        );
        for line in stop["now"].as_array().unwrap() {
            // The words around the phone links: the first sentence up to a number.
            let text = line.as_str().unwrap();
            let lead: String = text.chars().take_while(|c| !c.is_ascii_digit()).collect();
            assert!(
                section.contains(&escaped(lead.trim_end())),
                "{what}: {lead:?} on {path}: {section}"
            );
        }
        assert_eq!(
            call_buttons(section),
            tels,
            "{what}: call buttons on {path}"
        );
        assert_eq!(
            html.matches("<h1").count(),
            1,
            "{what}: one heading on {path}"
        );
        for reason in stop["reasons"].as_array().unwrap() {
            let text = escaped(reason["text"].as_str().unwrap());
            assert!(section.contains(&text), "{what}: reason on {path}");
        }
        for needle in CHEERFUL {
            assert!(!html.contains(needle), "{what}: {needle:?} on {path}");
        }
        match &first {
            None => first = Some(section.to_owned()),
            Some(f) => assert_eq!(f, section, "{what}: {path} shows another stop"),
        }
    }
}

async fn web_one_urgent_state(app: &TestApp) {
    for (i, flag) in RedFlag::ALL.iter().enumerate() {
        // Ticked in her answers, before any plan exists.
        let mum = app.member(&format!("flag{i}@example.org")).await;
        let mut profile = common::profile(10);
        profile["health"]["red_flags"] = json!([flag.as_str()]);
        json_of(mum.put("/api/v1/profile", profile).await, StatusCode::OK).await;
        every_page_shows_the_stop(&mum, &format!("{} in her answers", flag.as_str())).await;
    }

    // Logged in a check-in after her plan was made: the plan stops at once, everywhere.
    let mum = app.member("logged@example.org").await;
    json_of(
        mum.put("/api/v1/profile", common::profile(14)).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        mum.post("/api/v1/programme", json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    let (_, _, html) = mum.page("/today").await;
    assert!(!html.contains("urgent takeover"), "no stop before: {html}");
    let state: Value = json_of(mum.get("/api/v1/state").await, StatusCode::OK).await;
    assert_eq!(state["state"]["urgent"], Value::Null);
    for flag in ["heavy_bleeding", "thoughts_of_self_harm", "fever"] {
        let r = mum
            .post(
                "/api/v1/logs/checkins",
                json!({"date": today().to_string(), "red_flags": [flag]}),
            )
            .await;
        json_of(r, StatusCode::CREATED).await;
        every_page_shows_the_stop(&mum, &format!("{flag} logged in a check-in")).await;
    }
}
both_backends!(web_one_urgent_state);

/// The numbers to call are hers: bleeding calls 999/112, self-harm thoughts Samaritans and NHS
/// 111 option 2, a fever her GP's out-of-hours line; never all five at once.
async fn web_urgent_calls_fit_the_reason(app: &TestApp) {
    // No answers yet: no state to give, and the error says what to do.
    let new = app.member("new@example.org").await;
    common::error_of(
        new.get("/api/v1/state").await,
        StatusCode::CONFLICT,
        "no_profile",
        None,
    )
    .await;
    // A clear state: no stop, running and impact as the screening says.
    json_of(
        new.put("/api/v1/profile", common::profile(30)).await,
        StatusCode::OK,
    )
    .await;
    let state = json_of(new.get("/api/v1/state").await, StatusCode::OK).await;
    assert_eq!(state["state"]["urgent"], Value::Null, "{state}");
    assert_eq!(state["state"]["outcome"], "clear", "{state}");
    for (flag, tels) in [
        ("heavy_bleeding", vec!["999", "112"]),
        ("chest_pain", vec!["999", "112"]),
        ("thoughts_of_self_harm", vec!["116123", "111"]),
        ("fever", vec!["111"]),
    ] {
        let mum = app.member(&format!("calls-{flag}@example.org")).await;
        let mut profile = common::profile(8);
        profile["health"]["red_flags"] = json!([flag]);
        json_of(mum.put("/api/v1/profile", profile).await, StatusCode::OK).await;
        let (_, _, html) = mum.page("/today").await;
        assert_eq!(call_buttons(stop_section(&html, "/today")), tels, "{flag}");
    }
}
both_backends!(web_urgent_calls_fit_the_reason);
