//! The public pages and the web layer: security headers, the CSRF cookie and field, cross-site
//! posts refused, sign up / sign in / sign out through forms, HTML errors for pages.

use crate::common;
use crate::common::{PASSWORD, TestApp, User};
use reqwest::StatusCode;

async fn web_public(app: &TestApp) {
    let anon = User::new(app);
    let r = anon.get("/").await;
    assert_eq!(r.status(), StatusCode::OK);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("mumstrong_csrf=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let html = r.text().await.unwrap();
    assert!(
        html.contains("exercise guidance, not medical advice"),
        "disclaimer on the welcome page"
    );

    // Signed-out pages go to sign-in, and come back after it.
    let r = anon.get("/screening").await;
    assert_eq!(r.url().path(), "/login");
    assert_eq!(
        r.url().query(),
        Some("next=%2Fscreening"),
        "she comes back after signing in"
    );

    // A form without the CSRF field is refused, and nothing is made.
    let r = anon
        .client
        .post(format!("{}/signup", app.base()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a%40example.org&password=a+long+enough+password&understood=yes")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("expired"));
    assert!(
        app.store
            .user_by_email("a@example.org")
            .await
            .unwrap()
            .is_none()
    );

    // A cross-site post is refused even with a token.
    let csrf = anon.csrf().await;
    let r = anon
        .client
        .post(format!("{}/signup", app.base()))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .body(format!(
            "csrf={csrf}&email=a%40example.org&password=a+long+enough+password&understood=yes"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Sign-up errors name the field and keep what she typed.
    let (status, _, html) = anon
        .submit(
            "/signup",
            &[
                ("email", "not-an-email"),
                ("password", PASSWORD),
                ("understood", "yes"),
                ("display_name", "Ana"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("aria-invalid=\"true\"") && html.contains("value=\"Ana\""),
        "{html}"
    );
    let (status, _, html) = anon
        .submit(
            "/signup",
            &[("email", "ana@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("not medical advice"));

    // Sign up → onboarding; sign out → welcome; sign in → back.
    let (status, at, _) = anon
        .submit(
            "/signup",
            &[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("understood", "yes"),
                ("display_name", "Ana"),
            ],
        )
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/onboarding"));
    let (_, at, _) = anon.submit("/logout", &[]).await;
    assert_eq!(at, "/");
    let (_, at, _) = anon.page("/onboarding").await;
    assert_eq!(at, "/login");
    let (status, _, html) = anon
        .submit(
            "/login",
            &[
                ("email", "ana@example.org"),
                ("password", "wrong password!!"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("do not match"));
    let (status, at, _) = anon
        .submit(
            "/login",
            &[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("next", "/about"),
            ],
        )
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/about"));
    // An off-site `next` is ignored.
    anon.submit("/logout", &[]).await;
    let (_, at, _) = anon
        .submit(
            "/login",
            &[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(at, "/onboarding");

    // Pages that do not exist are HTML; API paths stay JSON.
    let r = anon.get("/no-such-page").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let r = anon.get("/api/v1/nope").await;
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );

    // Assets and the manifest are served from the binary.
    for (path, kind) in [
        ("/static/app.css", "text/css"),
        ("/static/app.js", "text/javascript"),
        ("/static/icon-192.png", "image/png"),
        ("/manifest.webmanifest", "application/manifest+json"),
    ] {
        let r = anon.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with(kind),
            "{path}"
        );
    }
}

/// Every page form refuses a post without this browser's CSRF token, before doing anything.
async fn every_form_needs_the_token(app: &TestApp) {
    let mum = app.member("forms@example.org").await;
    mum.put("/api/v1/profile", common::profile(10)).await;
    for path in [
        "/logout",
        "/onboarding/birth",
        "/programme",
        "/today/set",
        "/today/set/1/delete",
        "/today/checkin",
        "/today/checkin/1/delete",
        "/pelvic-floor/tick",
        "/account/unit",
        "/account/tokens",
        "/account/tokens/1/delete",
        "/account/grants",
        "/account/grants/1/revoke",
        "/account/calendar",
        "/account/calendar/delete",
        "/account/logout-everywhere",
        "/account/delete",
        "/coach/invitations",
        "/import/confirm",
        "/import/cancel",
        "/import/1/undo",
    ] {
        let r = mum
            .client
            .post(format!("{}{path}", app.base()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("csrf=forged&unit=lb&password=a+long+enough+password&confirm=yes")
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "{path} without the token"
        );
    }
    // Nothing changed: still signed in, still in kg, programme not made.
    let (status, at, _) = mum.page("/account").await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/account"));
    assert!(mum.get("/api/v1/programme").await.status() == StatusCode::CONFLICT);
}

both_backends!(web_public);
both_backends!(every_form_needs_the_token);
