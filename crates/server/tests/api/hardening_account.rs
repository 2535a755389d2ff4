//! Issue 17's account probes, kept as tests: what an API token may do, changing and resetting a
//! password, erasure that reaches the SQLite file, control characters in text, and sign-up floods.
//! Each runs on SQLite and on PostgreSQL (skipped loudly without `MUMSTRONG_TEST_POSTGRES_URL`).

use crate::common;
use crate::common::{PASSWORD, TestApp, User, error_of, json_of};
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
    assert!(
        message.contains("API token cannot redeem a coach's code"),
        "{message}"
    );
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
        body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("calendar feed"),
        "{body}"
    );
    let feed = json_of(mum.get("/api/v1/calendar").await, StatusCode::OK).await;
    assert_eq!(feed["active"], false, "no feed was made: {feed}");

    // Signing her out everywhere: refused, her browser stays signed in.
    let body = error_of(
        script
            .post("/api/v1/auth/logout-everywhere", json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("sign you out everywhere"),
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
            .post(
                "/api/v1/auth/login",
                json!({"email": "tok@example.org", "password": PASSWORD}),
            )
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
    json_of(
        mum.post("/api/v1/calendar", json!({})).await,
        StatusCode::CREATED,
    )
    .await;
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
            .post(
                "/api/v1/auth/login",
                json!({"email": "pw@example.org", "password": PASSWORD}),
            )
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
    error_of(
        laptop.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        None,
    )
    .await;
    error_of(
        script.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
        None,
    )
    .await;
    // The old password no longer signs in; the new one does.
    let fresh = User::new(app);
    error_of(
        fresh
            .post(
                "/api/v1/auth/login",
                json!({"email": "pw@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
        None,
    )
    .await;
    json_of(
        fresh
            .post(
                "/api/v1/auth/login",
                json!({"email": "pw@example.org", "password": NEW_PASSWORD}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    // The endpoint is in the OpenAPI document.
    let doc = json_of(fresh.get("/api/v1/openapi.json").await, StatusCode::OK).await;
    assert!(
        doc["paths"]["/api/v1/auth/password"]["post"].is_object(),
        "not in the OpenAPI document"
    );
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
            &format!(
                "current_password={}&new_password=another+long+password",
                PASSWORD.replace(' ', "+")
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // A wrong current password: the page again, the error beside the field.
    let (status, _, html) = mum
        .submit(
            "/account/password",
            &[
                ("current_password", "wrong password"),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("password-current-error"),
        "error not beside the field"
    );
    assert!(html.contains("not your current password"));

    let (status, at, html) = mum
        .submit(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
            ],
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

// ---- item 9: control characters ----------------------------------------------------------------

/// What each refused character is, for the failure messages.
const REFUSED_EVERYWHERE: &[&str] = &[
    "\u{0}",      // NUL: a 500 on PostgreSQL before
    "\u{1b}[31m", // ANSI colour escape
    "\u{7}",      // bell
    "\u{7f}",     // DEL
    "\u{85}",     // C1 next line
    "\u{202E}",   // right-to-left override
    "\u{2066}",   // left-to-right isolate
    "\r",         // a lone carriage return
];
/// Refused in one-line fields, allowed in notes.
const REFUSED_IN_ONE_LINE: &[&str] = &["\n", "\r\n", "\t"];

/// Puts `text` at a dotted path (`a.b`, `a[0]`) of a JSON body.
fn with_text(mut body: Value, path: &str, text: &str) -> Value {
    let mut at = &mut body;
    for part in path.split('.') {
        if let Some((name, index)) = part.split_once('[') {
            let i: usize = index.trim_end_matches(']').parse().expect("index");
            at = &mut at[name][i];
        } else {
            at = &mut at[part];
        }
    }
    let base = at.as_str().unwrap_or("").to_owned();
    // The bad character in the middle of an otherwise good value.
    let (head, tail) = base.split_at(base.len() / 2);
    *at = Value::String(format!("{head}{text}{tail}"));
    body
}

async fn every_text_field_refuses_control_characters(app: &TestApp) {
    let mum = app.member("text@example.org").await;
    json_of(
        mum.put("/api/v1/profile", common::profile(12)).await,
        StatusCode::OK,
    )
    .await;
    let today = common::today().to_string();
    let library_id = "glute_bridge";
    // (method, path, a valid body, its text fields)
    let table: Vec<(reqwest::Method, &str, Value, Vec<&str>)> = vec![
        (
            reqwest::Method::POST,
            "/api/v1/auth/signup",
            json!({"email": "new@example.org", "password": PASSWORD, "display_name": "New Mum"}),
            vec!["email", "display_name"],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/auth/login",
            json!({"email": "text@example.org", "password": PASSWORD}),
            vec!["email"],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/tokens",
            json!({"name": "my script"}),
            vec!["name"],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/grants",
            json!({"code": "abcdefgh"}),
            vec!["code"],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/calendar",
            json!({"reminders": ["07:30"]}),
            vec!["reminders[0]"],
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/profile",
            common::profile(12),
            vec![
                "birth.date",
                "birth.delivery",
                "training.experience",
                "training.goals[0]",
            ],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/programme",
            json!({"start": today}),
            vec!["start"],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/logs/sets",
            json!({"date": today, "exercise": library_id, "reps": 8, "client_ref": "phone-set-1"}),
            vec!["date", "exercise", "client_ref"],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/logs/checkins",
            json!({"date": today, "notes": "felt strong today"}),
            vec!["date", "notes"],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/logs/pelvic-floor",
            json!({"date": today, "set_number": 1}),
            vec!["date"],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/logs/baby-weights",
            json!({"date": today, "weight_kg": 5.5}),
            vec!["date"],
        ),
        (
            reqwest::Method::DELETE,
            "/api/v1/account",
            json!({"password": PASSWORD, "unknown": "x"}),
            vec!["unknown"],
        ),
    ];
    let mut checked = 0;
    for (method, path, body, fields) in &table {
        for field in fields {
            let multiline = field.ends_with("notes");
            let refused = REFUSED_EVERYWHERE.iter().chain(if multiline {
                [].iter()
            } else {
                REFUSED_IN_ONE_LINE.iter()
            });
            for bad in refused {
                let sent = with_text(body.clone(), field, bad);
                let r = mum
                    .raw(method.clone(), path, "application/json", &sent.to_string())
                    .await;
                let status = r.status();
                let text = r.text().await.unwrap_or_default();
                assert_eq!(
                    status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "{method} {path} with {bad:?} in {field}: {text}"
                );
                let reply: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                assert_eq!(
                    reply["error"]["field"], *field,
                    "{method} {path} with {bad:?} in {field}: {text}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 150, "only {checked} cases");

    // Nothing of it was stored: no account, no token, no set, no check-in.
    assert!(
        app.store
            .user_by_email("new@example.org")
            .await
            .expect("store")
            .is_none()
    );
    let export = json_of(mum.get("/api/v1/export").await, StatusCode::OK).await;
    assert_eq!(export["tokens"], json!([]), "{}", export["tokens"]);
    assert_eq!(export["sets"], json!([]), "{}", export["sets"]);
    assert_eq!(export["checkins"], json!([]), "{}", export["checkins"]);

    // Notes keep line breaks and tabs, and the usual letters of every language pass.
    let made = json_of(
        mum.post(
            "/api/v1/logs/checkins",
            json!({"date": today, "notes": "line one\nline two\r\n\tindented — أم 👶"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(made.to_string().contains("line two"), "{made}");
    json_of(
        app.member("zoë@example.org").await.get("/api/v1/me").await,
        StatusCode::OK,
    )
    .await;
}
both_backends!(every_text_field_refuses_control_characters);

async fn every_form_refuses_control_characters(app: &TestApp) {
    let visitor = User::new(app);
    for bad in ["\u{0}", "\u{1b}[2J", "a\r\nb", "\u{202E}"] {
        let (status, _, html) = visitor
            .submit(
                "/signup",
                &[
                    ("email", "form-text@example.org"),
                    ("password", PASSWORD),
                    ("display_name", &format!("Ana{bad}")),
                    ("understood", "yes"),
                ],
            )
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "sign-up with {bad:?}: {html}"
        );
        assert!(
            html.contains("display_name"),
            "the field is not named: {html}"
        );
    }
    assert!(
        app.store
            .user_by_email("form-text@example.org")
            .await
            .expect("store")
            .is_none()
    );

    let mum = app.member("form-mum@example.org").await;
    let (status, _, _) = mum
        .submit("/account/tokens", &[("name", "bad\u{0}name")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        mum.get("/api/v1/tokens")
            .await
            .json::<Value>()
            .await
            .expect("json")
            == json!([])
    );
    // A textarea's CR LF line breaks are fine in notes; a NUL is not.
    let (status, _, html) = mum.submit("/today/checkin", &[("notes", "a\u{0}b")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("notes"), "{html}");
}
both_backends!(every_form_refuses_control_characters);

// ---- item 8: erasure reaches the file ----------------------------------------------------------

/// Every marker that must be gone from the database files after she deletes her account.
const MARKERS: &[&str] = &[
    "erasemark-email",
    "ERASEMARK-NAME",
    "ERASEMARK-TOKEN",
    "ERASEMARK-REF",
    "ERASEMARK-NOTES",
    "ERASEMARK-FILENAME",
    "ERASEMARK-FILE-BODY",
];

/// The markers found in a SQLite database's files (`.db`, `-wal`, `-shm`), with where.
fn markers_in_files(database_url: &str) -> Vec<String> {
    let path = database_url
        .strip_prefix("sqlite://")
        .expect("a SQLite URL");
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{path}{suffix}");
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        for marker in MARKERS {
            if bytes.windows(marker.len()).any(|w| w == marker.as_bytes()) {
                found.push(format!("{marker} in {file}"));
            }
        }
    }
    found
}

async fn erasure_leaves_nothing_readable_in_the_file(app: &TestApp) {
    // Someone who stays, whose rows share pages with hers.
    let stays = app.member("stays@example.org").await;
    json_of(
        stays.put("/api/v1/profile", common::profile(10)).await,
        StatusCode::OK,
    )
    .await;

    let mum = User::new(app);
    json_of(
        mum.post(
            "/api/v1/auth/signup",
            json!({"email": "erasemark-email@example.org", "password": PASSWORD,
                   "display_name": "ERASEMARK-NAME"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        mum.put("/api/v1/profile", common::profile(12)).await,
        StatusCode::OK,
    )
    .await;
    let today = common::today().to_string();
    json_of(
        mum.post("/api/v1/tokens", json!({"name": "ERASEMARK-TOKEN"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    for i in 0..30 {
        let r = mum
            .post(
                "/api/v1/logs/sets",
                json!({"date": today, "exercise": "glute_bridge", "reps": 8,
                       "client_ref": format!("ERASEMARK-REF-{i}")}),
            )
            .await;
        assert!(r.status().is_success(), "set {i}: {}", r.status());
        let other = stays
            .post(
                "/api/v1/logs/sets",
                json!({"date": today, "exercise": "glute_bridge", "reps": 8,
                       "client_ref": format!("stays-{i}")}),
            )
            .await;
        assert!(other.status().is_success());
    }
    let id = app.id_of("erasemark-email@example.org").await;
    // Part of her data in the database file, part in the WAL only.
    app.store.checkpoint_truncate().await.expect("checkpoint");
    json_of(
        mum.post(
            "/api/v1/logs/checkins",
            json!({"date": today, "notes": format!("ERASEMARK-NOTES {}", "x".repeat(1900))}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.store
        .save_pending_import(
            id,
            "ERASEMARK-FILENAME.csv",
            None,
            format!("Date,Exercise Name\n{}", "ERASEMARK-FILE-BODY,".repeat(500)).as_bytes(),
            1,
        )
        .await
        .expect("pending import");
    // A failed sign-in with her email is counted too.
    let _ = User::new(app)
        .post(
            "/api/v1/auth/login",
            json!({"email": "erasemark-email@example.org", "password": "wrong password"}),
        )
        .await;
    if app.database_url.starts_with("sqlite://") {
        assert!(
            !markers_in_files(&app.database_url).is_empty(),
            "the markers were never written"
        );
    }

    let r = mum
        .delete("/api/v1/account", Some(json!({"password": PASSWORD})))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    assert!(
        app.store
            .user_by_email("erasemark-email@example.org")
            .await
            .expect("store")
            .is_none()
    );
    assert!(app.store.pending_import(id).await.expect("store").is_none());
    if app.database_url.starts_with("sqlite://") {
        let found = markers_in_files(&app.database_url);
        assert!(found.is_empty(), "still readable after erasure: {found:?}");
    }
    // The one who stays keeps everything.
    let export = json_of(stays.get("/api/v1/export").await, StatusCode::OK).await;
    assert_eq!(export["sets"].as_array().map(Vec::len), Some(30));
}
both_backends!(erasure_leaves_nothing_readable_in_the_file);

// ---- item 4: sign-up floods --------------------------------------------------------------------

async fn signup_from(app: &TestApp, ip: &str, email: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/v1/auth/signup", app.base()))
        .header("x-forwarded-for", ip)
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .expect("sign-up")
}

async fn signups_are_limited_per_address(db: common::Db) {
    let Some(url) = common::fresh_database(db, "signups_are_limited_per_address").await else {
        return;
    };
    let app = common::spawn_on(&url, |c| c.trust_proxy = true).await;
    // A second server on the same database shares the count.
    let other = common::spawn_on(&url, |c| c.trust_proxy = true).await;
    let limit = mumstrong_server::Config::defaults().signup_attempts;
    for i in 0..limit {
        let server = if i % 2 == 0 { &app } else { &other };
        let r = signup_from(server, "203.0.113.7", &format!("flood{i}@example.org")).await;
        assert_eq!(r.status(), StatusCode::CREATED, "sign-up {i}");
    }
    for server in [&app, &other] {
        let r = signup_from(server, "203.0.113.7", "one-too-many@example.org").await;
        let retry: u64 = r
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("Retry-After");
        assert!((1..=3600).contains(&retry), "Retry-After {retry}");
        let body = error_of(r, StatusCode::TOO_MANY_REQUESTS, "rate_limited", None).await;
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("minutes"),
            "{body}"
        );
    }
    assert!(
        app.store
            .user_by_email("one-too-many@example.org")
            .await
            .expect("store")
            .is_none()
    );
    // Another address is not held back; a taken email or a bad field is not counted.
    json_of(
        signup_from(&app, "198.51.100.1", "elsewhere@example.org").await,
        StatusCode::CREATED,
    )
    .await;
    // The sign-up page says so too, with Retry-After.
    let visitor = User::new(&app);
    let csrf = visitor.csrf().await;
    let form = format!(
        "csrf={csrf}&email=page%40example.org&password={}&understood=yes",
        PASSWORD.replace(' ', "+")
    );
    let r = visitor
        .client
        .post(format!("{}/signup", app.base()))
        .header("x-forwarded-for", "203.0.113.7")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .expect("form");
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    // An hour later she may sign up again.
    app.advance(3601);
    json_of(
        signup_from(&app, "203.0.113.7", "next-hour@example.org").await,
        StatusCode::CREATED,
    )
    .await;
    other.stop().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signups_are_limited_per_address_sqlite() {
    signups_are_limited_per_address(common::Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signups_are_limited_per_address_postgres() {
    signups_are_limited_per_address(common::Db::Postgres).await;
}
