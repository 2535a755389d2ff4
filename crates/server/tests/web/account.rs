//! The account page end to end: units, export, API tokens (shown once, used, deleted), the
//! calendar link, signing out everywhere, and deleting the account (refused with the wrong
//! password, complete with the right one).

use crate::common::{PASSWORD, TestApp, User, json_of, profile, today};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A secret shown once on the account page (a token `ms_…` or a calendar path).
fn secret_in(html: &str, prefix: &str) -> Option<String> {
    let at = html.find(prefix)?;
    Some(
        html[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "-_./:".contains(*c))
            .collect(),
    )
}

async fn signed_in(app: &TestApp, email: &str) -> User {
    let user = User::new(app);
    let (status, at, _) = user.sign_in(email, "/account").await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/account"));
    user
}

async fn web_account(app: &TestApp) {
    let ana = app.member("ana@example.org").await;
    json_of(
        ana.put("/api/v1/profile", profile(16)).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        ana.post(
            "/api/v1/logs/sets",
            json!({"date": today().to_string(), "exercise": "glute_bridge", "reps": 12, "load_kg": 10}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let (status, _, html) = ana.page("/account").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    for needle in [
        "Units",
        "Share with a coach",
        "Calendar",
        "API tokens",
        "Delete account",
        "data-confirm",
    ] {
        assert!(html.contains(needle), "{needle}: {html}");
    }

    // Units: pounds, then a refused value.
    let (status, at, html) = ana.submit("/account/unit", &[("unit", "lb")]).await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/account"));
    assert!(html.contains("weights now show in lb"), "{html}");
    let ana_id = json_of(ana.get("/api/v1/me").await, StatusCode::OK).await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(app.store.unit_of(ana_id).await.unwrap(), "lb");
    let (status, _, html) = ana.submit("/account/unit", &[("unit", "stone")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("choose kilograms or pounds"), "{html}");
    assert_eq!(app.store.unit_of(ana_id).await.unwrap(), "lb");

    // Export: her data as a JSON download, and her sets as a Strong CSV.
    let r = ana.get("/account/export").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let export: Value = r.json().await.unwrap();
    assert_eq!(export["account"]["email"], "ana@example.org");
    assert_eq!(export["profiles"].as_array().unwrap().len(), 1);
    assert_eq!(export["sets"][0]["exercise"], "glute_bridge");
    let r = ana.get("/account/export?format=strong-csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(r.text().await.unwrap().contains("Glute"));
    let (status, _, _) = ana.page("/account/export?format=pdf").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // API tokens: errors by the field; made and shown once; it works on the API; deleted.
    let (status, _, html) = ana
        .submit(
            "/account/tokens",
            &[("name", "script"), ("expires_in_days", "soon")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("not a number of days") && html.contains("value=\"script\""),
        "{html}"
    );
    let (status, _, html) = ana
        .submit(
            "/account/tokens",
            &[("name", "script"), ("expires_in_days", "400")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("expected 1 to 365 days"), "{html}");
    let (status, _, html) = ana.submit("/account/tokens", &[("name", "")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"token-name-error\""), "{html}");
    let (status, at, html) = ana
        .submit(
            "/account/tokens",
            &[("name", "nightly backup"), ("expires_in_days", "30")],
        )
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/account"));
    let token = secret_in(&html, "ms_").expect("the new token on the page");
    assert!(token.len() > 40, "{token}");
    assert!(
        html.contains("nightly backup") && html.contains("Expires"),
        "{html}"
    );
    let (_, _, html) = ana.page("/account").await;
    assert!(!html.contains(&token), "a token is shown once");
    let mut script = User::new(app);
    script.bearer = Some(token.clone());
    let me = json_of(script.get("/api/v1/me").await, StatusCode::OK).await;
    assert_eq!(me["email"], "ana@example.org");
    let token_id = app.store.tokens_of(ana_id).await.unwrap()[0].id;
    let (status, at, html) = ana
        .submit(&format!("/account/tokens/{token_id}/delete"), &[])
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/account"));
    assert!(
        html.contains("Token deleted") && !html.contains("nightly backup"),
        "{html}"
    );
    assert_eq!(
        script.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let (status, _, _) = ana
        .submit(&format!("/account/tokens/{token_id}/delete"), &[])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The calendar link: a bad time is named; a good one makes a private address, shown once.
    let (status, _, html) = ana
        .submit(
            "/account/calendar",
            &[
                ("reminders", "08:00"),
                ("reminders", ""),
                ("reminders", "25:00"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("`25:00` is not a time") && html.contains("value=\"25:00\""),
        "{html}"
    );
    assert!(html.contains("id=\"reminder-3\" name=\"reminders\" type=\"time\" value=\"25:00\" aria-describedby=\"reminders-hint reminders-error\" aria-invalid=\"true\""), "{html}");
    let (status, _, html) = ana
        .submit(
            "/account/calendar",
            &[("reminders", "07:30"), ("reminders", "21:00")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let path = secret_in(&html, "/calendar/").expect("the calendar address");
    assert!(
        path.ends_with(".ics") && html.contains("07:30, 21:00"),
        "{path} {html}"
    );
    let r = User::new(app).get(&path).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (_, _, html) = ana.page("/account").await;
    assert!(!html.contains(&path), "the address is shown once");
    let (_, _, html) = ana.submit("/account/calendar/delete", &[]).await;
    assert!(html.contains("no longer works"), "{html}");
    assert_eq!(
        User::new(app).get(&path).await.status(),
        StatusCode::NOT_FOUND
    );

    // Sign out everywhere ends this session and her others.
    let phone = signed_in(app, "ana@example.org").await;
    let (_, at, _) = phone.page("/account").await;
    assert_eq!(at, "/account");
    let (status, at, _) = ana.submit("/account/logout-everywhere", &[]).await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/login"));
    let (_, at, _) = phone.page("/account").await;
    assert_eq!(at, "/login");
    let (_, at, _) = ana.page("/account").await;
    assert_eq!(at, "/login");

    // Deleting: the wrong password or no tick deletes nothing; the right one deletes everything.
    let ana = signed_in(app, "ana@example.org").await;
    let (status, _, html) = ana
        .submit(
            "/account/delete",
            &[("password", "not my password"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("nothing was deleted") && html.contains("id=\"delete-password-error\""),
        "{html}"
    );
    let (status, _, html) = ana
        .submit("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("tick the box"), "{html}");
    assert!(
        app.store
            .user_by_email("ana@example.org")
            .await
            .unwrap()
            .is_some()
    );
    assert!(app.store.latest_profile(ana_id).await.unwrap().is_some());
    let (status, at, html) = ana
        .submit(
            "/account/delete",
            &[("password", PASSWORD), ("confirm", "yes")],
        )
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/account/deleted"));
    assert!(html.contains("Your account is deleted"), "{html}");
    assert!(
        app.store
            .user_by_email("ana@example.org")
            .await
            .unwrap()
            .is_none()
    );
    assert!(app.store.latest_profile(ana_id).await.unwrap().is_none());
    let (_, at, _) = ana.page("/account").await;
    assert_eq!(at, "/login");

    // A coach's account page: no member sections.
    let coach = app.coach("coach@example.org", PASSWORD).await;
    let (status, _, html) = coach.page("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("a coach account") && html.contains("API tokens"),
        "{html}"
    );
    assert!(
        !html.contains("Share with a coach") && !html.contains("id=\"calendar\""),
        "{html}"
    );
    let (status, _, _) = coach
        .submit("/account/calendar", &[("reminders", "08:00")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

both_backends!(web_account);
