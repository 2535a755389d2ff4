//! Issue 17's account probes, kept as tests: what an API token may do, changing and resetting a
//! password, erasure that reaches the SQLite file, control characters in text, and sign-up floods.
//! Each runs on SQLite and on PostgreSQL (skipped loudly without `MUMSTRONG_TEST_POSTGRES_URL`).

mod common;

use common::{PASSWORD, TestApp, User, error_of, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A member with a personal API token: her browser and a script holding the token.
async fn member_with_token(app: &TestApp, email: &str) -> (User, User) {
    let mum = app.member(email).await;
    let made = json_of(
        mum.post("/api/v1/tokens", json!({"name": "script"})).await,
        StatusCode::CREATED,
    )
    .await;
    let mut script = User::new(app);
    script.bearer = Some(made["token"].as_str().expect("token").to_owned());
    (mum, script)
}

// ---- item 6: what an API token may do ----------------------------------------------------------

async fn a_token_cannot_grant_feed_or_sign_out(app: &TestApp) {
    let (mum, script) = member_with_token(app, "tok@example.org").await;
    let coach = app.coach("coach@example.org", PASSWORD).await;
    let code = json_of(
        coach.post("/api/v1/coach/invitations", json!({})).await,
        StatusCode::CREATED,
    )
    .await["code"]
        .as_str()
        .expect("code")
        .to_owned();

    // Redeeming a coach's code with the token: refused, and no grant is made.
    let body = error_of(
        script.post("/api/v1/grants", json!({"code": code})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("API token cannot redeem a coach's code"), "{message}");
    let grants = json_of(mum.get("/api/v1/grants").await, StatusCode::OK).await;
    assert_eq!(grants["grants"], json!([]), "no grant was made: {grants}");

    // A calendar feed: refused, none exists.
    let body = error_of(
        script.post("/api/v1/calendar", json!({})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;
    assert!(
        body["error"]["message"].as_str().unwrap_or_default().contains("calendar feed"),
        "{body}"
    );
    let feed = json_of(mum.get("/api/v1/calendar").await, StatusCode::OK).await;
    assert_eq!(feed["active"], false, "no feed was made: {feed}");

    // Signing her out everywhere: refused, her browser stays signed in.
    let body = error_of(
        script.post("/api/v1/auth/logout-everywhere", json!({})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;
    assert!(
        body["error"]["message"].as_str().unwrap_or_default().contains("sign you out everywhere"),
        "{body}"
    );
    json_of(mum.get("/api/v1/me").await, StatusCode::OK).await;

    // Changing her password with the token: refused, the old one still works.
    error_of(
        script
            .post(
                "/api/v1/auth/password",
                json!({"current_password": PASSWORD, "new_password": "a different long password"}),
            )
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;
    let again = User::new(app);
    json_of(
        again
            .post("/api/v1/auth/login", json!({"email": "tok@example.org", "password": PASSWORD}))
            .await,
        StatusCode::OK,
    )
    .await;

    // What a token is for still works, and her own session may do all of it.
    json_of(script.get("/api/v1/me").await, StatusCode::OK).await;
    json_of(
        mum.post("/api/v1/grants", json!({"code": code})).await,
        StatusCode::CREATED,
    )
    .await;
    json_of(mum.post("/api/v1/calendar", json!({})).await, StatusCode::CREATED).await;
    json_of(
        mum.post("/api/v1/auth/logout-everywhere", json!({})).await,
        StatusCode::OK,
    )
    .await;
}
both_backends!(a_token_cannot_grant_feed_or_sign_out);
