//! The coach's pages end to end: a coach signs in through the form, makes invitation codes, her
//! clients share with her from their account page, the list puts the one with a warning sign
//! first, a client page shows screening, programme and logs and is audited, and access ends
//! with a revoke. Members are refused, and a coach cannot open another coach's client.

use crate::common::{PASSWORD, TestApp, User, json_of, profile, today};
use reqwest::StatusCode;
use serde_json::json;
use time::Duration;

/// The first invitation code on a page.
pub(crate) fn code_in(html: &str) -> Option<String> {
    let at = html.find("class=\"code-value\"")?;
    let rest = &html[at..];
    let start = rest.find("<code>")? + "<code>".len();
    let end = rest[start..].find("</code>")?;
    Some(rest[start..start + end].to_owned())
}

async fn id_of(user: &User) -> i64 {
    json_of(user.get("/api/v1/me").await, StatusCode::OK).await["id"]
        .as_i64()
        .unwrap()
}

/// A coach made by the admin, signed in through the sign-in form.
pub(crate) async fn coach_via_form(app: &TestApp, email: &str) -> User {
    app.coach(email, PASSWORD).await;
    let coach = User::new(app);
    let (status, at, html) = coach.sign_in(email, "").await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/coach"), "{html}");
    coach
}

pub(crate) async fn new_code(coach: &User) -> String {
    let (status, at, html) = coach.submit("/coach/invitations", &[]).await;
    assert_eq!(
        (status, at.as_str()),
        (StatusCode::OK, "/coach/invitations/new")
    );
    assert!(html.contains("Share with a coach"), "how to redeem: {html}");
    assert!(html.contains("Works once, until"), "expiry: {html}");
    code_in(&html).expect("the code on the page")
}

async fn web_coach(app: &TestApp) {
    let coach = coach_via_form(app, "coach@example.org").await;

    // An empty list explains invitations.
    let (status, _, html) = coach.page("/coach").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No clients yet"), "{html}");
    assert!(html.contains("Account → Share with a coach"), "{html}");

    // A code is 8 characters in two groups, and shows again until it is used.
    let code = new_code(&coach).await;
    assert_eq!(code.len(), 9, "{code}");
    assert_eq!(&code[4..5], "-", "{code}");
    let (status, _, html) = coach.page("/coach/invitations/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&code), "{html}");

    // Ana trains a little and shares with the coach through her account page.
    let ana = app.member("ana@example.org").await;
    json_of(
        ana.put("/api/v1/profile", profile(14)).await,
        StatusCode::OK,
    )
    .await;
    let start = today() - Duration::days(3);
    json_of(
        ana.post(
            "/api/v1/programme",
            json!({"start": start.to_string(), "weeks": 8}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        ana.post(
            "/api/v1/logs/sets",
            json!({"date": today().to_string(), "exercise": "glute_bridge", "reps": 12, "load_kg": 8, "rpe": 6}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        ana.post(
            "/api/v1/logs/checkins",
            json!({"date": today().to_string(), "rpe": 6, "mood": 4, "sleep_hours": 6.5, "notes": "baby slept well"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // A wrong or empty code is refused by the field, with what she typed kept.
    let (status, _, html) = ana.submit("/account/grants", &[("code", "nonsense")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("no such invitation code") && html.contains("value=\"nonsense\""),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""), "{html}");
    let (status, _, html) = ana.submit("/account/grants", &[("code", "  ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("enter the invitation code"), "{html}");
    let (status, at, html) = ana
        .submit("/account/grants", &[("code", &format!(" {code} "))])
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/account"));
    assert!(html.contains("your coach can now see"), "{html}");
    assert!(html.contains("coach@example.org"), "{html}");
    // A code works once.
    let bea = app.member("bea@example.org").await;
    let (status, _, html) = bea.submit("/account/grants", &[("code", &code)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("used already"), "{html}");

    // Bea reports a warning sign and shares too: she comes first.
    json_of(
        bea.put("/api/v1/profile", profile(20)).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        bea.post(
            "/api/v1/logs/checkins",
            json!({"date": today().to_string(), "red_flags": ["chest_pain"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let code = new_code(&coach).await;
    let (status, _, _) = bea.submit("/account/grants", &[("code", &code)]).await;
    assert_eq!(status, StatusCode::OK);

    let (status, _, html) = coach.page("/coach").await;
    assert_eq!(status, StatusCode::OK);
    let (a, b) = (
        html.find(">ana</a>").expect("ana listed"),
        html.find(">bea</a>").expect("bea listed"),
    );
    assert!(b < a, "the client with a warning sign first");
    assert!(
        html.contains("Urgent: warning sign"),
        "flag in words: {html}"
    );
    assert!(html.contains("14 weeks"), "weeks postpartum: {html}");
    assert!(html.contains("today"), "last activity: {html}");

    // Her client page: screening with sources, programme and the logs.
    let ana_id = id_of(&ana).await;
    let bea_id = id_of(&bea).await;
    let (status, _, html) = coach.page(&format!("/coach/clients/{ana_id}")).await;
    assert_eq!(status, StatusCode::OK);
    for needle in [
        "Screening",
        "Source:",
        "Programme",
        "This week’s sessions",
        // This week of her plan, from the engine's typed plan: phase, week, pelvic-floor dose.
        "<dt>Phase</dt>",
        "<dt>Week</dt>",
        " quick squeezes, ",
        "Glute bridge",
        "12 × 8 kg",
        "baby slept well",
        &format!("/api/v1/clients/{ana_id}/report"),
        // Her progress charts, the same as on her own Progress page.
        "role=\"img\"",
        "Show the numbers",
    ] {
        assert!(html.contains(needle), "{needle} on the client page: {html}");
    }
    let (status, _, html) = coach.page(&format!("/coach/clients/{bea_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("She reported a warning sign: stop exercising and get help now"),
        "{html}"
    );
    assert!(html.contains("chest pain"), "{html}");
    let r = coach.get(&format!("/api/v1/clients/{ana_id}/report")).await;
    assert_eq!(r.status(), StatusCode::OK);

    // Every read is in her audit, and her account page says so in words.
    let audit = json_of(ana.get("/api/v1/audit").await, StatusCode::OK).await;
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&format!("GET /coach/clients/{ana_id}").as_str()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"GET /api/v1/coach/clients (summary)"),
        "{actions:?}"
    );
    assert!(
        actions.contains(&format!("GET /api/v1/clients/{ana_id}/report").as_str()),
        "{actions:?}"
    );
    let (_, _, html) = ana.page("/account").await;
    assert!(html.contains("opened your client page"), "{html}");

    // A member is refused the coach's pages; another coach cannot open her clients, and cannot
    // tell an existing client from no one.
    let (status, _, html) = ana.page("/coach").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        html.contains("This page is for coaches") && html.contains("Share with a coach"),
        "{html}"
    );
    let (status, _, _) = ana.page(&format!("/coach/clients/{bea_id}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = ana.submit("/coach/invitations", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let other = coach_via_form(app, "other@example.org").await;
    let (status, _, html) = other.page(&format!("/coach/clients/{bea_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("chest"), "{html}");
    let (status, _, _) = other.page("/coach/clients/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other.page("/coach/clients/not-a-number").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, html) = other.page("/coach").await;
    assert!(!html.contains(">bea</a>") && html.contains("No clients yet"));
    // A coach has no coach-sharing section, and may not redeem codes.
    let (status, _, html) = coach.page("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("id=\"coach\""), "{html}");
    let (status, _, _) = coach.submit("/account/grants", &[("code", &code)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Ana stops sharing: the coach's page is gone and she leaves the list.
    let coach_id = id_of(&coach).await;
    let reads_before = app.store.audit_of(ana_id, 1000).await.unwrap().len();
    let (status, at, html) = ana
        .submit(&format!("/account/grants/{coach_id}/revoke"), &[])
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/account"));
    assert!(html.contains("can no longer see your data"), "{html}");
    let (status, _, _) = coach.page(&format!("/coach/clients/{ana_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, html) = coach.page("/coach").await;
    assert!(
        !html.contains(">ana</a>") && html.contains(">bea</a>"),
        "{html}"
    );
    assert_eq!(
        app.store.audit_of(ana_id, 1000).await.unwrap().len(),
        reads_before,
        "no read recorded without access"
    );
    let (status, _, _) = ana
        .submit(&format!("/account/grants/{coach_id}/revoke"), &[])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

both_backends!(web_coach);

/// A caseload of 27: a page holds 25, urgent clients are pinned first whatever the sort,
/// search and filter narrow it, and a wrong word in the address is named.
async fn caseload_pages(app: &TestApp) {
    let coach = coach_via_form(app, "physio@example.org").await;
    for i in 0..27 {
        let mum = app
            .member_in_store(&format!("client{i:02}@example.org"))
            .await;
        let code = new_code(&coach).await;
        let (status, _, _) = mum.submit("/account/grants", &[("code", &code)]).await;
        assert_eq!(status, StatusCode::OK);
        if i == 20 {
            json_of(
                mum.put("/api/v1/profile", profile(10)).await,
                StatusCode::OK,
            )
            .await;
            json_of(
                mum.post(
                    "/api/v1/logs/checkins",
                    json!({"date": today().to_string(), "red_flags": ["heavy_bleeding"]}),
                )
                .await,
                StatusCode::CREATED,
            )
            .await;
        }
    }
    let rows = |html: &str| -> Vec<String> {
        html.split("<th scope=\"row\"")
            .skip(1)
            .filter_map(|r| {
                let r = &r[r.find("\">")? + 2..];
                let r = &r[r.find("\">")? + 2..];
                Some(r[..r.find("</a>")?].to_owned())
            })
            .collect()
    };
    let (status, _, html) = coach.page("/coach?sort=name").await;
    assert_eq!(status, StatusCode::OK);
    let first = rows(&html);
    assert_eq!(first.len(), 25, "{html}");
    assert_eq!(first[0], "client20", "the urgent client is pinned first");
    assert_eq!(first[1..4], ["client00", "client01", "client02"]);
    assert!(
        html.contains("page 1 of 2") && html.contains("rel=\"next\""),
        "{html}"
    );
    let (_, _, html) = coach.page("/coach?sort=name&page=2").await;
    assert_eq!(rows(&html), ["client25", "client26"]);
    let (_, _, html) = coach.page("/coach?sort=name&dir=desc").await;
    assert_eq!(rows(&html)[..3], ["client20", "client26", "client25"]);
    assert!(html.contains("aria-sort=\"descending\""), "{html}");
    let (_, _, html) = coach.page("/coach?q=CLIENT1").await;
    assert_eq!(rows(&html).len(), 10, "client10 to client19");
    assert!(html.contains("10 of 27 clients"), "{html}");
    let (_, _, html) = coach.page("/coach?flag=urgent").await;
    assert_eq!(rows(&html), ["client20"]);
    assert!(html.contains("Urgent: warning sign"), "{html}");
    let (_, _, html) = coach.page("/coach?flag=on_track").await;
    assert!(
        rows(&html).is_empty() && html.contains("No client matches"),
        "{html}"
    );
    let (status, _, html) = coach.page("/coach?sort=age").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("expected attention, name, weeks, last or adherence"),
        "{html}"
    );
}
both_backends!(caseload_pages);
