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

// ---- item 7: changing a password ---------------------------------------------------------------

const NEW_PASSWORD: &str = "my new and longer password";

async fn changing_the_password_ends_other_sessions_and_tokens(app: &TestApp) {
    let (phone, script) = member_with_token(app, "pw@example.org").await;
    let laptop = User::new(app);
    json_of(
        laptop
            .post("/api/v1/auth/login", json!({"email": "pw@example.org", "password": PASSWORD}))
            .await,
        StatusCode::OK,
    )
    .await;

    // Wrong current password: 422 naming it, nothing changes.
    error_of(
        phone
            .post(
                "/api/v1/auth/password",
                json!({"current_password": "not my password", "new_password": NEW_PASSWORD}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("current_password"),
    )
    .await;
    // Same rules as sign-up, naming the new field.
    error_of(
        phone
            .post(
                "/api/v1/auth/password",
                json!({"current_password": PASSWORD, "new_password": "short"}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("new_password"),
    )
    .await;
    error_of(
        phone
            .post(
                "/api/v1/auth/password",
                json!({"current_password": PASSWORD, "new_password": "x".repeat(257)}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("new_password"),
    )
    .await;
    json_of(laptop.get("/api/v1/me").await, StatusCode::OK).await;
    json_of(script.get("/api/v1/me").await, StatusCode::OK).await;

    let done = json_of(
        phone
            .post(
                "/api/v1/auth/password",
                json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(done["other_sessions_ended"], 1, "{done}");
    assert_eq!(done["tokens_deleted"], 1, "{done}");
    // The session that changed it stays; the other one and the token end.
    json_of(phone.get("/api/v1/me").await, StatusCode::OK).await;
    error_of(laptop.get("/api/v1/me").await, StatusCode::UNAUTHORIZED, "unauthenticated", None)
        .await;
    error_of(script.get("/api/v1/me").await, StatusCode::UNAUTHORIZED, "invalid_token", None).await;
    // The old password no longer signs in; the new one does.
    let fresh = User::new(app);
    error_of(
        fresh
            .post("/api/v1/auth/login", json!({"email": "pw@example.org", "password": PASSWORD}))
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
        None,
    )
    .await;
    json_of(
        fresh
            .post("/api/v1/auth/login", json!({"email": "pw@example.org", "password": NEW_PASSWORD}))
            .await,
        StatusCode::OK,
    )
    .await;
    // The endpoint is in the OpenAPI document.
    let doc = json_of(fresh.get("/api/v1/openapi.json").await, StatusCode::OK).await;
    assert!(doc["paths"]["/api/v1/auth/password"]["post"].is_object(), "not in the OpenAPI document");
}
both_backends!(changing_the_password_ends_other_sessions_and_tokens);

async fn the_account_page_changes_the_password(app: &TestApp) {
    let mum = app.member("form@example.org").await;
    let other = User::new(app);
    other.sign_in("form@example.org", "").await;
    let (status, _, html) = mum.page("/account").await;
    assert_eq!(status, StatusCode::OK);
    for needle in [
        "action=\"/account/password#password\"",
        "for=\"password-current\"",
        "for=\"password-new\"",
        "autocomplete=\"current-password\"",
        "autocomplete=\"new-password\"",
    ] {
        assert!(html.contains(needle), "account page lacks {needle}");
    }

    // Without the CSRF field: refused, nothing changed.
    let r = mum
        .raw(
            reqwest::Method::POST,
            "/account/password",
            "application/x-www-form-urlencoded",
            &format!("current_password={}&new_password=another+long+password", PASSWORD.replace(' ', "+")),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // A wrong current password: the page again, the error beside the field.
    let (status, _, html) = mum
        .submit(
            "/account/password",
            &[("current_password", "wrong password"), ("new_password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("password-current-error"), "error not beside the field");
    assert!(html.contains("not your current password"));

    let (status, at, html) = mum
        .submit(
            "/account/password",
            &[("current_password", PASSWORD), ("new_password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(at, "/account");
    assert!(html.contains("Password changed"), "no confirmation");
    // The other browser is signed out, this one is not.
    let (_, at, _) = other.page("/account").await;
    assert_eq!(at, "/login");
    json_of(mum.get("/api/v1/me").await, StatusCode::OK).await;
}
both_backends!(the_account_page_changes_the_password);
