//! The screening page leads with what to do now and today (who to see, the next step), then
//! what is safe and what waits; running's tests show in full only when running is her goal
//! (otherwise folded, a tap away); the reasons for every decision fold away.

use crate::common;
use crate::common::{TestApp, json_of};
use reqwest::StatusCode;
use serde_json::json;

/// Where `needle` first stands in the page, or a failure naming it.
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not on the page: {html}"))
}

async fn web_screening_leads_with_what_to_do(app: &TestApp) {
    // Leaking at 7 weeks, strength her goal: a physio to see, running folded away.
    let mum = app.member("leaks@example.org").await;
    let mut profile = common::profile(7);
    profile["health"]["symptoms"] = json!(["urinary_leakage"]);
    json_of(mum.put("/api/v1/profile", profile).await, StatusCode::OK).await;
    let (status, _, html) = mum.page("/screening").await;
    assert_eq!(status, StatusCode::OK);
    let who = at(&html, "<h2>Who to see</h2>");
    let next = at(&html, "<h2>Your next step</h2>");
    let safe = at(&html, "<h2>Safe now</h2>");
    let running = at(&html, "<h2>Running</h2>");
    let why = at(&html, "<h2>Why: each decision</h2>");
    assert!(who < next && next < safe && safe < running && running < why);
    // Her physio's reasons, and every other reason, are one tap away, not on the page's face.
    assert!(html[who..next].contains("<details class=\"fold\"><summary>Why</summary>"));
    assert!(html[why..].contains("<details class=\"fold\"><summary>Show the reasons"));
    // Running is not her goal: its tests wait behind a summary.
    let running_part = &html[running..why];
    assert!(
        running_part.contains("<summary>Not yet. See what running waits for</summary>"),
        "{running_part}"
    );
    assert!(running_part.contains("Readiness tests still to pass"));

    // A runner two years on: no one to see, and the tests left are shown in full.
    let runner = app.member("runner@example.org").await;
    let mut profile = common::profile(106);
    profile["training"]["goals"] = json!(["running"]);
    json_of(runner.put("/api/v1/profile", profile).await, StatusCode::OK).await;
    let (_, _, html) = runner.page("/screening").await;
    assert!(!html.contains("<h2>Who to see</h2>"));
    let running = at(&html, "<h2>Running</h2>");
    let running_part = &html[running..];
    assert!(
        !running_part.starts_with("<h2>Running</h2><details"),
        "{running_part}"
    );
    assert!(running_part.contains("Readiness tests still to pass"));
    // Two years after birth reads as years, not as 106 weeks.
    assert!(html.contains("You are 2 years after birth."), "{html}");
}
both_backends!(web_screening_leads_with_what_to_do);
