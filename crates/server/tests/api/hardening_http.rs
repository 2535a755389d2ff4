//! Issue 17, the HTTP layer: the sign-in redirect stays on this site, cookie-authenticated API
//! writes are refused from other sites and every write takes only its documented content types,
//! the smaller defects (413 for big forms, duplicate JSON keys, `Cache-Control: no-store`,
//! bounded login-failure rows, a lock-out that says when), and the connection limits of the
//! serve loop (header-read timeout, many half-open connections, a shutdown deadline).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common;
use crate::common::{PASSWORD, TestApp, User, csrf_in, error_of, json_of};
use reqwest::redirect::Policy;
use reqwest::{Client, Method, StatusCode, Url};
use serde_json::{Value, json};

/// A browser that does not follow redirects, so a test can read `Location`.
fn no_redirects() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

/// Where a browser at `base` goes after `Location: location`.
fn followed(base: &str, location: &str) -> Url {
    Url::parse(base)
        .and_then(|b| b.join(location))
        .unwrap_or_else(|e| panic!("{location:?} does not resolve against {base}: {e}"))
}

/// Signs in through the form with `next`, in a fresh browser: (status, Location, cookie set).
async fn sign_in_with_next(app: &TestApp, email: &str, next: &str) -> (StatusCode, String, bool) {
    let browser = no_redirects();
    let page = browser
        .get(format!("{}/login", app.base()))
        .send()
        .await
        .expect("GET /login")
        .text()
        .await
        .expect("page");
    let csrf = csrf_in(&page).expect("csrf field");
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("csrf", &csrf)
        .append_pair("email", email)
        .append_pair("password", PASSWORD)
        .append_pair("next", next)
        .finish();
    let r = browser
        .post(format!("{}/login", app.base()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("POST /login");
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|v| v.to_str().unwrap_or("").starts_with("mumstrong_session="));
    if status == StatusCode::SEE_OTHER {
        // The session it set works: she is signed in, not left with a row and no cookie.
        let me = browser
            .get(format!("{}/api/v1/me", app.base()))
            .send()
            .await
            .expect("GET /api/v1/me");
        assert_eq!(me.status(), StatusCode::OK, "signed in after next={next:?}");
    }
    (status, location, cookie)
}

async fn open_redirect(app: &TestApp) {
    app.member("next@example.org").await;
    let host = Url::parse(app.base())
        .unwrap()
        .host_str()
        .unwrap()
        .to_owned();
    // Her home before she has a profile.
    let home = "/onboarding";
    let refused = [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r/evil.example",
        "/\r\n/evil.example",
        "/\0",
        "/\u{0}/evil.example",
        "\t//evil.example",
        " //evil.example",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "/\\/evil.example",
        "\\\\evil.example",
        "/today\\..\\\\evil.example",
        "https://evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        "evil.example",
        "/ /evil.example",
        "/\u{a0}/evil.example",
        "/\u{2028}/evil.example",
        "/today\u{7f}",
        "",
    ];
    for next in refused {
        let (status, location, cookie) = sign_in_with_next(app, "next@example.org", next).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "next={next:?}");
        assert!(cookie, "next={next:?}: the session cookie is sent");
        assert_eq!(location, home, "next={next:?} goes to her home");
    }
    let kept = [
        "/progress",
        "/today?date=2026-11-30",
        "/progress?range=30#chart",
        "/%2F%2Fevil.example",
        "/%09/evil.example",
        "/a//b",
        "/.//x",
    ];
    for next in kept {
        let (status, location, _) = sign_in_with_next(app, "next@example.org", next).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "next={next:?}");
        assert_eq!(location, next, "next={next:?} is a path here and is kept");
        let target = followed(app.base(), &location);
        assert_eq!(target.host_str(), Some(host.as_str()), "next={next:?}");
        assert_eq!(target.port(), Url::parse(app.base()).unwrap().port());
    }
    // The sign-in page carries only a safe `next` in its form, and a signed-in browser sent to
    // it with a bad one goes home rather than failing.
    let anon = User::new(app);
    let (status, _, html) = anon.page("/login?next=/%09/evil.example").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"name="next" value="/""#), "{html}");
    let browser = no_redirects();
    let csrf = csrf_in(
        &browser
            .get(format!("{}/login", app.base()))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    let r = browser
        .post(format!("{}/login", app.base()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf={csrf}&email=next%40example.org&password={}&next=%2F",
            form_urlencoded::byte_serialize(PASSWORD.as_bytes()).collect::<String>()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for raw in [
        "/%0A/evil.example",
        "/%0D",
        "/%00",
        "/%09/evil.example",
        "//evil.example",
    ] {
        let r = browser
            .get(format!("{}/login?next={raw}", app.base()))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "GET /login?next={raw}");
        assert_eq!(r.headers()["location"], home, "GET /login?next={raw}");
    }
}
both_backends!(open_redirect);

/// A request with her session cookie, as another page's form or script would send it.
async fn cookie_post(
    mum: &User,
    path: &str,
    content_type: &str,
    body: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut r = mum
        .client
        .post(format!("{}{path}", mum.base))
        .header("content-type", content_type)
        .body(body.to_owned());
    for (k, v) in extra {
        r = r.header(*k, *v);
    }
    r.send().await.expect("POST")
}

async fn api_csrf_and_content_types(app: &TestApp) {
    let mum = app.member("csrf@example.org").await;
    let host = app.addr.to_string();
    let own_origin = format!("http://{host}");
    // A check-in with a warning sign, as a JSON import (what the attack posted as text/plain).
    let export = json!({
        "format": "mumstrong-export",
        "checkins": [{"date": common::today().to_string(), "symptoms": ["pelvic_heaviness"]}],
    });
    let checkin = json!({"date": common::today().to_string(), "symptoms": ["pelvic_heaviness"]});

    // text/plain (what a form can send without a preflight) is not an import.
    let r = cookie_post(
        &mum,
        "/api/v1/imports",
        "text/plain",
        &export.to_string(),
        &[],
    )
    .await;
    let body = error_of(
        r,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        None,
    )
    .await;
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("text/csv") && message.contains("application/json"),
        "{message}"
    );
    // Another site's page is refused whatever it sends, with the session cookie.
    for headers in [
        vec![("origin", "http://evil.example")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![
            ("sec-fetch-site", "same-site"),
            ("origin", "http://sub.evil.example"),
        ],
        vec![("origin", &own_origin), ("sec-fetch-site", "cross-site")],
    ] {
        for (path, ctype, body) in [
            ("/api/v1/imports", "application/json", export.to_string()),
            (
                "/api/v1/imports",
                "text/csv",
                "Date,Exercise Name\n".to_owned(),
            ),
            (
                "/api/v1/logs/checkins",
                "application/json",
                checkin.to_string(),
            ),
            (
                "/api/v1/auth/logout-everywhere",
                "application/json",
                "{}".to_owned(),
            ),
            (
                "/api/v1/tokens",
                "application/json",
                r#"{"name": "theirs"}"#.to_owned(),
            ),
        ] {
            let r = cookie_post(&mum, path, ctype, &body, &headers).await;
            error_of(r, StatusCode::FORBIDDEN, "forbidden", None).await;
        }
    }
    let r = mum
        .client
        .delete(format!("{}/api/v1/account", mum.base))
        .header("origin", "http://evil.example")
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    error_of(r, StatusCode::FORBIDDEN, "forbidden", None).await;
    // Nothing got in, and she is still signed in.
    let checkins = json_of(mum.get("/api/v1/logs").await, StatusCode::OK).await;
    assert_eq!(
        checkins["checkins"].as_array().map(Vec::len),
        Some(0),
        "{checkins}"
    );
    let imports = json_of(mum.get("/api/v1/imports").await, StatusCode::OK).await;
    assert_eq!(
        imports["imports"].as_array().map(Vec::len),
        Some(0),
        "{imports}"
    );
    // Her own pages' requests (same origin) and plain API clients (no Origin) work.
    let r = cookie_post(
        &mum,
        "/api/v1/logs/checkins",
        "application/json",
        &checkin.to_string(),
        &[("origin", &own_origin), ("sec-fetch-site", "same-origin")],
    )
    .await;
    json_of(r, StatusCode::CREATED).await;
    let made = json_of(
        mum.post("/api/v1/tokens", json!({"name": "script"})).await,
        StatusCode::CREATED,
    )
    .await;
    // A bearer token is not something a browser adds by itself: a foreign Origin is no attack.
    let token = made["token"].as_str().unwrap().to_owned();
    let script = Client::new();
    let r = script
        .get(format!("{}/api/v1/logs", app.base()))
        .bearer_auth(&token)
        .header("origin", "http://elsewhere.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    // Every documented write takes only its documented content types: text/plain is a 415
    // naming what is expected, before anything else (so even signed out).
    let doc = json_of(
        User::new(app).get("/api/v1/openapi.json").await,
        StatusCode::OK,
    )
    .await;
    let imports_types: Vec<&str> =
        doc["paths"]["/api/v1/imports"]["post"]["requestBody"]["content"]
            .as_object()
            .expect("the import's content types are documented")
            .keys()
            .map(String::as_str)
            .collect();
    assert_eq!(imports_types, ["application/json", "text/csv"]);
    let anyone = User::new(app);
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let concrete = path
            .replace("{member_id}", "1")
            .replace("{coach_id}", "1")
            .replace("{id}", "1")
            .replace("{token}", "x");
        for (method, op) in item.as_object().unwrap() {
            if method == "get" {
                continue;
            }
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = anyone.raw(m.clone(), &concrete, "text/plain", "x=1").await;
            let body = error_of(
                r,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                None,
            )
            .await;
            let message = body["error"]["message"].as_str().unwrap();
            match op["requestBody"]["content"].as_object() {
                Some(types) => {
                    for t in types.keys() {
                        assert!(message.contains(t.as_str()), "{method} {path}: {message}");
                    }
                    // A documented type is let through to the handler (401 here: signed out).
                    let first = types.keys().next().unwrap();
                    let r = anyone.raw(m, &concrete, first, "{}").await;
                    assert_ne!(
                        r.status(),
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "{method} {path} with {first}"
                    );
                }
                None => assert!(message.contains("no body"), "{method} {path}: {message}"),
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} writes documented");
}
both_backends!(api_csrf_and_content_types);

async fn smaller_defects(app: &TestApp) {
    let mum = app.member("small@example.org").await;

    // A form over the body limit is a 413 saying so, not a 400 "Failed to buffer".
    let csrf = mum.csrf().await;
    let big = format!("csrf={csrf}&notes={}", "a".repeat(300 * 1024));
    let r = mum
        .raw(
            Method::POST,
            "/account/unit",
            "application/x-www-form-urlencoded",
            &big,
        )
        .await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let html = r.text().await.unwrap();
    assert!(html.contains("larger than the 256 KiB"), "{html}");
    assert!(!html.contains("Failed to buffer"), "{html}");

    // A key given twice is named, at any depth, in every kind of JSON body.
    let r = User::new(app)
        .raw(
            Method::POST,
            "/api/v1/auth/signup",
            "application/json",
            &format!(
                r#"{{"email": "a@example.org", "password": "{PASSWORD}", "email": "b@example.org"}}"#
            ),
        )
        .await;
    error_of(r, StatusCode::BAD_REQUEST, "invalid_body", Some("email")).await;
    let mut profile = common::profile(10).to_string();
    profile = profile.replacen(
        r#""delivery":"vaginal""#,
        r#""delivery":"vaginal","delivery":"caesarean""#,
        1,
    );
    assert!(profile.contains("caesarean"), "{profile}");
    let r = mum
        .raw(Method::PUT, "/api/v1/profile", "application/json", &profile)
        .await;
    error_of(
        r,
        StatusCode::BAD_REQUEST,
        "invalid_body",
        Some("birth.delivery"),
    )
    .await;

    // No-store on her pages and on every API reply with her data.
    json_of(
        mum.put("/api/v1/profile", common::profile(10)).await,
        StatusCode::OK,
    )
    .await;
    for path in [
        "/today",
        "/programme",
        "/progress",
        "/pelvic-floor",
        "/screening",
        "/account",
        "/import",
        "/api/v1/me",
        "/api/v1/profile",
        "/api/v1/screening",
        "/api/v1/export",
        "/api/v1/logs",
        "/api/v1/progress",
        "/api/v1/tokens",
    ] {
        let r = mum.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(
            r.headers()
                .get("cache-control")
                .map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{path}"
        );
    }
    let r = mum
        .post(
            "/api/v1/logs/checkins",
            json!({"date": common::today().to_string()}),
        )
        .await;
    assert_eq!(r.headers()["cache-control"], "no-store");
    // The versioned static files still cache.
    let r = mum.get("/static/app.css").await;
    assert_ne!(r.headers()["cache-control"], "no-store");
}
both_backends!(smaller_defects);

async fn login_failures_in_store(app: &TestApp) -> i64 {
    if app.database_url.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
        let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM login_failures")
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        n.0
    } else {
        let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
        let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM login_failures")
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        n.0
    }
}

async fn refused_logins_are_bounded(app: &TestApp) {
    app.member("lock@example.org").await;
    let attacker = User::new(app);
    let wrong = json!({"email": "lock@example.org", "password": "not her password at all"});
    for _ in 0..5 {
        let r = attacker.post("/api/v1/auth/login", wrong.clone()).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(login_failures_in_store(app).await, 5);
    // A flood of refused attempts writes nothing more.
    let mut last = Value::Null;
    for _ in 0..60 {
        let r = attacker.post("/api/v1/auth/login", wrong.clone()).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=901).contains(&wait), "Retry-After {wait}");
        last = json_of(r, StatusCode::TOO_MANY_REQUESTS).await;
    }
    assert_eq!(
        login_failures_in_store(app).await,
        5,
        "refused logins add no rows"
    );
    // The lock-out says when: a time of day, and how long.
    let message = last["error"]["message"].as_str().unwrap();
    assert!(message.contains("try again after "), "{message}");
    // About 15 minutes from the first failure (14 on a machine slow enough to take 30 s here).
    assert!(
        message.contains(" UTC (in 15 minutes)") || message.contains(" UTC (in 14 minutes)"),
        "{message}"
    );
    // The sign-in page says the same, with Retry-After.
    let (status, _, html) = attacker
        .submit(
            "/login",
            &[("email", "lock@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(html.contains("try again after "), "{html}");
    // Later, the window is over and the old rows go when she next tries.
    app.advance(15 * 60 + 2);
    let r = attacker.post("/api/v1/auth/login", wrong.clone()).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        login_failures_in_store(app).await,
        1,
        "expired attempts are pruned"
    );
    // And many addresses guessing many emails still leave at most the limit per email.
    for i in 0..30 {
        let r = attacker
            .post(
                "/api/v1/auth/login",
                json!({"email": format!("nobody{}@example.org", i % 3), "password": "wrong password here"}),
            )
            .await;
        assert!(
            [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(&r.status()),
            "{}",
            r.status()
        );
    }
    assert!(login_failures_in_store(app).await <= 1 + 3 * 5);
}
both_backends!(refused_logins_are_bounded);

// ---- connections ------------------------------------------------------------------------------

/// Sends half a request (no blank line) and returns the socket.
fn half_request(addr: &std::net::SocketAddr) -> TcpStream {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .expect("write half");
    s
}

/// Reads until the server closes (Ok) or `limit` passes (Err).
fn wait_closed(mut s: TcpStream, limit: Duration) -> Result<Duration, String> {
    let started = Instant::now();
    s.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Ok(started.elapsed()),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Ok(started.elapsed());
            }
            Err(e) => return Err(format!("still open after {:?}: {e}", started.elapsed())),
        }
    }
}

fn healthz(addr: &std::net::SocketAddr, limit: Duration) -> Result<String, String> {
    let mut s = TcpStream::connect_timeout(addr, limit).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(limit)).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut out = String::new();
    s.read_to_string(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_requests_are_closed_and_do_not_block_others() {
    let Some(url) = common::fresh_database(common::Db::Sqlite, "connections").await else {
        return;
    };
    let app = common::spawn_on(&url, |c| {
        c.header_read_timeout = Duration::from_millis(600);
        c.max_open_connections = 64;
    })
    .await;
    let addr = app.addr;
    let outcome = tokio::task::spawn_blocking(move || {
        // One half-sent request is closed after the header-read timeout.
        let closed = wait_closed(half_request(&addr), Duration::from_secs(10))?;
        if closed < Duration::from_millis(400) {
            return Err(format!("closed too soon ({closed:?})"));
        }
        // A kept-alive connection that goes quiet after a request is closed too.
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut buf = [0u8; 1024];
        let n = s.read(&mut buf).unwrap();
        if !String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200") {
            return Err("healthz on a kept-alive connection".to_owned());
        }
        wait_closed(s, Duration::from_secs(10))?;
        // Far more half-open connections than the cap: /healthz still answers, each in time.
        let held: Vec<TcpStream> = (0..200)
            .filter_map(|_| {
                TcpStream::connect_timeout(&addr, Duration::from_secs(2))
                    .ok()
                    .map(|mut s| {
                        let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n");
                        s
                    })
            })
            .collect();
        let started = Instant::now();
        let mut answered = 0;
        while started.elapsed() < Duration::from_secs(3) {
            let reply = healthz(&addr, Duration::from_secs(5))?;
            if !reply.starts_with("HTTP/1.1 200") {
                return Err(format!("healthz under load: {reply}"));
            }
            answered += 1;
        }
        drop(held);
        Ok(answered)
    })
    .await
    .unwrap();
    let answered = outcome.unwrap_or_else(|e| panic!("{e}"));
    assert!(answered > 0);
    app.stop().await;
}
