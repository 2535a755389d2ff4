//! The report page: a date form, the report itself under a CSP that allows only its own
//! stylesheet, and errors that name the date.

use crate::common;
use crate::common::{TestApp, User};
use reqwest::StatusCode;

async fn web_report(app: &TestApp) {
    let mum = app.member("rep@example.org").await;
    // No profile yet: the page says so and points to the questionnaire.
    let (status, _, html) = mum.page("/report?from=2026-01-01").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("/onboarding"));

    mum.put("/api/v1/profile", common::profile(10)).await;
    let (status, _, html) = mum.page("/report").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<form method=\"get\" action=\"/report\"") && html.contains("for=\"from\"")
    );

    let (status, _, html) = mum.page("/report?from=not-a-date").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("aria-invalid=\"true\""));
    let (status, _, _) = mum.page("/report?from=2026-05-01&to=2026-01-01").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let to = common::today();
    let from = to - time::Duration::days(30);
    let r = mum.get(&format!("/report?from={from}&to={to}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("style-src 'self' 'sha256-") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("mumstrong report") && html.contains("<style>"));

    // Coaches and strangers cannot open it.
    let coach = app.coach("coach-rep@example.org", common::PASSWORD).await;
    assert_eq!(coach.page("/report").await.0, StatusCode::FORBIDDEN);
    assert_eq!(User::new(app).page("/report").await.1, "/login");
}

both_backends!(web_report);
