//! The JSON API end to end: the real server on a random port with a fresh database, on SQLite and
//! on PostgreSQL (skipped loudly without `MUMSTRONG_TEST_POSTGRES_URL`).

/// Runs futures concurrently on the test runtime and collects their results in order.
async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}

use crate::common;
use crate::common::{PASSWORD, TestApp, User, error_of, json_of, profile, today};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use time::Duration;

/// Every set of every exercise in a session, as the plan prescribes it.
fn sets_for(session: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for exercise in session["exercises"].as_array().unwrap() {
        let sets = exercise["sets"].as_u64().unwrap();
        let reps = exercise["reps"]
            .as_u64()
            .or(exercise["seconds"].as_u64())
            .or(exercise["metres"].as_u64())
            .unwrap();
        for n in 1..=sets {
            out.push(json!({
                "date": session["date"],
                "exercise": exercise["id"],
                "set_number": n,
                "reps": reps,
                "target_reps": reps,
                "load_kg": exercise["load_kg"],
                "rpe": 7,
            }));
        }
    }
    out
}

fn session_ids(plan: &Value) -> Vec<String> {
    plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["sessions"].as_array().unwrap().iter())
        .flat_map(|s| s["exercises"].as_array().unwrap().iter())
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn journey(app: &TestApp) {
    let mum = app.member("Journey@Example.org").await;
    let me = json_of(mum.get("/api/v1/me").await, StatusCode::OK).await;
    assert_eq!(me["email"], "journey@example.org");
    assert_eq!(me["role"], "member");

    // Nothing yet: the errors say what to do first.
    error_of(
        mum.get("/api/v1/profile").await,
        StatusCode::CONFLICT,
        "no_profile",
        None,
    )
    .await;
    error_of(
        mum.get("/api/v1/programme/today").await,
        StatusCode::CONFLICT,
        "no_programme",
        None,
    )
    .await;

    // Profile: two versions, the first kept.
    let saved = json_of(
        mum.put("/api/v1/profile", profile(20)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["screening"]["urgent"], false);
    let mut second = profile(20);
    second["training"]["days_per_week"] = json!(3);
    second["training"]["minutes_per_session"] = json!(35);
    let saved = json_of(mum.put("/api/v1/profile", second).await, StatusCode::OK).await;
    assert_eq!(saved["version"], 2);
    let history = json_of(mum.get("/api/v1/profile/history").await, StatusCode::OK).await;
    let versions = history["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["version"], 2);
    assert_eq!(
        versions[1]["profile"]["training"]["minutes_per_session"],
        30
    );
    assert_eq!(versions[1]["screenings"][0]["outcome"], "clear");

    // Screening, with a reason and a source for every decision.
    let screening = json_of(mum.get("/api/v1/screening").await, StatusCode::OK).await;
    assert_eq!(screening["profile_version"], 2);
    assert_eq!(screening["outcome"], "clear");
    let reasons = screening["screening"]["reasons"].as_array().unwrap();
    assert!(!reasons.is_empty());
    for reason in reasons {
        assert!(!reason["text"].as_str().unwrap().is_empty());
        assert!(!reason["source"].as_str().unwrap().is_empty());
    }
    assert!(
        screening["screening"]["disclaimer"]
            .as_str()
            .unwrap()
            .contains("not a medical")
    );

    // A programme that started a week ago, so there is a week to log.
    let start = today() - Duration::days(7);
    let programme = json_of(
        mum.post(
            "/api/v1/programme",
            json!({"start": start.to_string(), "weeks": 8}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(programme["status"], "ready");
    assert_eq!(programme["profile_version"], 2);
    assert!(programme["library_version"].as_str().is_some());
    let week1 = programme["plan"]["weeks"][0]["sessions"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(week1.len(), 3);

    // Log the week: every set as prescribed; one set in the second session leaks.
    let leaky = week1[1]["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            !["breathing", "pelvic_floor", "mobility"].contains(&e["pattern"].as_str().unwrap())
        })
        .expect("a strength exercise in session 2")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut logged = 0;
    let mut adaptation = None;
    for (i, session) in week1.iter().enumerate() {
        for mut set in sets_for(session) {
            if i == 1 && set["exercise"] == leaky.as_str() && set["set_number"] == 2 {
                set["symptoms"] = json!(["urinary_leakage"]);
            }
            let reply = json_of(
                mum.post("/api/v1/logs/sets", set.clone()).await,
                StatusCode::CREATED,
            )
            .await;
            logged += 1;
            assert_eq!(reply["set"]["exercise"], set["exercise"]);
            if let Some(a) = reply.get("adaptation") {
                adaptation = Some(a.clone());
            }
        }
        json_of(
            mum.post(
                "/api/v1/logs/checkins",
                json!({"date": session["date"], "rpe": 6, "mood": 3 + (i as u64 % 2), "sleep_hours": 6.5, "notes": "ok"}),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
    }
    json_of(
        mum.post(
            "/api/v1/logs/pelvic-floor",
            json!({"date": today().to_string(), "set_number": 1}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        mum.post(
            "/api/v1/logs/baby-weights",
            json!({"date": today().to_string(), "weight_kg": 7.4}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;

    // The symptom adapted the programme at once, and the reply said how.
    let adaptation = adaptation.expect("the leaking set adapted the programme");
    assert!(
        adaptation["reason"]
            .as_str()
            .unwrap()
            .contains("urinary_leakage")
    );
    let change = adaptation["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["exercise"] == leaky.as_str())
        .unwrap_or_else(|| panic!("a change for {leaky} in {adaptation}"));
    assert_eq!(change["decision"], "regress");
    assert!(adaptation["today"]["status"].is_string());
    let current = json_of(mum.get("/api/v1/programme").await, StatusCode::OK).await;
    assert_eq!(current["id"], adaptation["programme_id"]);
    assert!(current["reason"].as_str().unwrap().starts_with("adapted"));
    assert_eq!(current["start"], today().to_string());
    let first_week = json!({"weeks": [current["plan"]["weeks"][0].clone()]});
    assert!(
        !session_ids(&first_week).contains(&leaky),
        "{leaky} stays out of every session of the next week after leaking"
    );
    assert_eq!(current["plan"]["weeks"][0]["cleared"]["impact"], false);
    // Leaking logged while training counts in her screening too, as if she had answered it:
    // a pelvic-health physio, with the reason and its source.
    let screening = json_of(mum.get("/api/v1/screening").await, StatusCode::OK).await;
    assert_eq!(screening["outcome"], "refer", "{screening}");
    assert!(
        screening["help"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["code"] == "pelvic_health_physio"),
        "{screening}"
    );
    let today_view = json_of(mum.get("/api/v1/programme/today").await, StatusCode::OK).await;
    assert_eq!(today_view["status"], "ready");
    assert_eq!(today_view["date"], today().to_string());
    let next = if today_view["today"]["kind"] == "session" {
        &today_view["today"]
    } else {
        &today_view["next"]
    };
    assert!(
        next["session"]["exercises"]
            .as_array()
            .is_some_and(|e| !e.is_empty())
    );
    assert!(next["week"]["phase"].is_string());

    // Logs by date range.
    let logs = json_of(
        mum.get(&format!("/api/v1/logs?from={start}&to={}", today()))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(logs["sets"].as_array().unwrap().len(), logged);
    assert_eq!(logs["checkins"].as_array().unwrap().len(), 3);
    assert_eq!(logs["pelvic_floor"].as_array().unwrap().len(), 1);
    assert_eq!(logs["baby_weights"][0]["weight_kg"], 7.4);

    // Progress figures.
    let progress = json_of(mum.get("/api/v1/progress").await, StatusCode::OK).await;
    assert_eq!(progress["totals"]["sets_logged"], logged);
    assert_eq!(progress["totals"]["days_trained"], 3);
    let exercises = progress["exercises"].as_array().unwrap();
    assert!(!exercises.is_empty());
    for e in exercises {
        assert!(e["best_set"]["reps"].as_u64().is_some(), "best set in {e}");
        if let (Some(kg), Some(reps)) = (
            e["best_set"]["load_kg"].as_f64(),
            e["best_set"]["reps"].as_f64(),
        ) && e["unit"] == "reps"
            && reps <= 12.0
        {
            let epley = kg * (1.0 + reps / 30.0);
            let got = e["estimated_1rm_kg"].as_f64().unwrap();
            assert!((got - epley).abs() < 0.06, "Epley for {e}");
        }
    }
    let volume_sets: u64 = progress["weekly_volume"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["sets"].as_u64().unwrap())
        .sum();
    assert_eq!(volume_sets as usize, logged);
    let symptom_sets: u64 = progress["symptoms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["sets_with_symptoms"].as_u64().unwrap())
        .sum();
    assert_eq!(symptom_sets, 1);
    assert!(
        progress["mood"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["mood"].as_f64().is_some())
    );
    assert!(!progress["everyday_load"].as_array().unwrap().is_empty());

    // The report for her physio: one printable HTML page with charts.
    let r = mum
        .get(&format!("/api/v1/report?from={start}&to={}", today()))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = r.text().await.unwrap();
    for part in [
        "mumstrong report: Journey",
        "Screening today",
        "Loads and best sets",
        "Symptoms over time",
        "Pelvic-floor practice",
        "readiness tests",
        "<svg",
        "Leaking urine (1)",
        "not a medical",
    ] {
        assert!(html.contains(part), "report lacks {part}");
    }
    assert!(html.contains("@page{size:A4"), "A4 unless asked");
    // No ISO dates or stored codes: the screening history and best sets say the day in words.
    assert!(
        !html.contains(&format!("({})", today())) && !html.contains(&format!(">{}<", today())),
        "a date in ISO form"
    );
    assert!(
        !html.contains(">refer<") && !html.contains(">clear<"),
        "a raw outcome code"
    );
    let letter = mum
        .get(&format!("/api/v1/report?from={start}&paper=Letter"))
        .await
        .text()
        .await
        .unwrap();
    assert!(letter.contains("@page{size:letter"));
    // The page's one style block is allowed by its hash, for each paper, and nothing else inline.
    for paper in ["a4", "letter"] {
        let r = mum.get(&format!("/api/v1/report?paper={paper}")).await;
        let policy = r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let html = r.text().await.unwrap();
        let style = html
            .split_once("<style>")
            .and_then(|(_, rest)| rest.split_once("</style>"))
            .map(|(style, _)| style)
            .unwrap();
        use base64::Engine;
        use sha2::Digest;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style));
        assert!(
            policy.contains(&format!("'sha256-{hash}'")),
            "{paper}: {policy}"
        );
    }
    error_of(
        mum.get("/api/v1/report?paper=a5").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("paper"),
    )
    .await;
    if std::env::var_os("MUMSTRONG_KEEP_REPORT").is_some() {
        std::fs::write("/tmp/mumstrong-report.html", &html).unwrap();
    }
}
both_backends!(journey);

/// Every endpoint that shows one person's health data.
const CLIENT_VIEWS: &[&str] = &[
    "profile",
    "profile/history",
    "screening",
    "programme",
    "programme/today",
    "logs",
    "progress",
    "report",
];

const OWN_VIEWS: &[&str] = &[
    "/api/v1/profile",
    "/api/v1/profile/history",
    "/api/v1/screening",
    "/api/v1/programme",
    "/api/v1/programme/today",
    "/api/v1/logs",
    "/api/v1/progress",
    "/api/v1/export",
    "/api/v1/audit",
    "/api/v1/grants",
    "/api/v1/tokens",
    "/api/v1/me",
];

async fn privacy(app: &TestApp) {
    let a = app.member("a@example.org").await;
    let b = app.member("b@example.org").await;
    let without = app.coach("c1@example.org", PASSWORD).await;
    let with = app.coach("c2@example.org", PASSWORD).await;
    let anonymous = User::new(app);

    json_of(a.put("/api/v1/profile", profile(30)).await, StatusCode::OK).await;
    json_of(
        a.post("/api/v1/programme", json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    let set = json_of(
        a.post(
            "/api/v1/logs/sets",
            json!({"date": today().to_string(), "exercise": "glute_bridge", "reps": 12, "rpe": 6}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let set_id = set["set"]["id"].as_i64().unwrap();
    let a_id = json_of(a.get("/api/v1/me").await, StatusCode::OK).await["id"]
        .as_i64()
        .unwrap();
    let with_id = json_of(with.get("/api/v1/me").await, StatusCode::OK).await["id"]
        .as_i64()
        .unwrap();

    // She grants the second coach access with his invitation code.
    error_of(
        a.post("/api/v1/coach/invitations", json!({})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;
    let code = json_of(
        with.post("/api/v1/coach/invitations", json!({})).await,
        StatusCode::CREATED,
    )
    .await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let granted = json_of(
        a.post("/api/v1/grants", json!({"code": code})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(granted["coach"]["email"], "c2@example.org");
    error_of(
        b.post("/api/v1/grants", json!({"code": code})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("code"),
    )
    .await;
    error_of(
        b.post("/api/v1/grants", json!({"code": "nonsense"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("code"),
    )
    .await;

    // Nobody signed out sees anything.
    for path in OWN_VIEWS {
        error_of(
            anonymous.get(path).await,
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            None,
        )
        .await;
    }
    for view in CLIENT_VIEWS {
        let path = format!("/api/v1/clients/{a_id}/{view}");
        error_of(
            anonymous.get(&path).await,
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            None,
        )
        .await;
        // Members never read through the coach routes, not even their own data.
        error_of(a.get(&path).await, StatusCode::FORBIDDEN, "forbidden", None).await;
        error_of(b.get(&path).await, StatusCode::FORBIDDEN, "forbidden", None).await;
        // A coach without a grant learns nothing, not even that she exists.
        error_of(
            without.get(&path).await,
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        )
        .await;
        // The granted coach reads it.
        let r = with.get(&path).await;
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "{path}: {}",
            r.text().await.unwrap()
        );
    }
    // Member B's own endpoints show B's data, never A's.
    error_of(
        b.get("/api/v1/profile").await,
        StatusCode::CONFLICT,
        "no_profile",
        None,
    )
    .await;
    let b_logs = json_of(b.get("/api/v1/logs").await, StatusCode::OK).await;
    assert!(b_logs["sets"].as_array().unwrap().is_empty());
    error_of(
        b.delete(&format!("/api/v1/logs/sets/{set_id}"), None).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
    // Coaches have no "own" health data endpoints.
    error_of(
        with.get("/api/v1/profile").await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;
    error_of(
        with.put("/api/v1/profile", profile(30)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;

    // The coach's list shows her; the other coach's is empty.
    let clients = json_of(with.get("/api/v1/coach/clients").await, StatusCode::OK).await;
    assert_eq!(clients["clients"][0]["member_id"], a_id);
    assert!(clients["clients"][0]["last_activity"].as_i64().is_some());
    // Refreshing the list does not flood her audit log (once an hour per coach).
    for _ in 0..3 {
        json_of(with.get("/api/v1/coach/clients").await, StatusCode::OK).await;
    }
    let none = json_of(without.get("/api/v1/coach/clients").await, StatusCode::OK).await;
    assert!(none["clients"].as_array().unwrap().is_empty());
    error_of(
        a.get("/api/v1/coach/clients").await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;

    // Every read was audited, and she can see who read what.
    let audit = json_of(a.get("/api/v1/audit").await, StatusCode::OK).await;
    let entries = audit.as_array().unwrap();
    // One entry per view, and one for the coach's client list (it shows her flags).
    assert_eq!(entries.len(), CLIENT_VIEWS.len() + 1);
    assert_eq!(entries[0]["action"], "GET /api/v1/coach/clients (summary)");
    assert!(entries.iter().all(|e| e["actor_email"] == "c2@example.org"));
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == format!("GET /api/v1/clients/{a_id}/progress"))
    );

    // She revokes; the coach loses access at once.
    let r = a.delete(&format!("/api/v1/grants/{with_id}"), None).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    for view in CLIENT_VIEWS {
        let path = format!("/api/v1/clients/{a_id}/{view}");
        error_of(
            with.get(&path).await,
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        )
        .await;
    }
    let clients = json_of(with.get("/api/v1/coach/clients").await, StatusCode::OK).await;
    assert!(clients["clients"].as_array().unwrap().is_empty());
    let grants = json_of(a.get("/api/v1/grants").await, StatusCode::OK).await;
    assert!(grants["grants"][0]["revoked_at"].as_i64().is_some());
    error_of(
        a.delete(&format!("/api/v1/grants/{with_id}"), None).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
    // The refused reads were not audited as reads.
    let audit = json_of(a.get("/api/v1/audit").await, StatusCode::OK).await;
    assert_eq!(audit.as_array().unwrap().len(), CLIENT_VIEWS.len() + 1);
}
both_backends!(privacy);

async fn bad_bodies(app: &TestApp) {
    let mum = app.member("bad@example.org").await;
    // Not JSON at all, or not declared as JSON.
    error_of(
        mum.raw(Method::PUT, "/api/v1/profile", "text/plain", "{}")
            .await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        None,
    )
    .await;
    error_of(
        mum.raw(
            Method::PUT,
            "/api/v1/profile",
            "application/json",
            "{\"birth\": ",
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_body",
        None,
    )
    .await;
    error_of(
        mum.raw(
            Method::POST,
            "/api/v1/logs/sets",
            "application/json",
            "{\"date\": ",
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_body",
        None,
    )
    .await;
    // Profiles: the field is named, nested paths included.
    error_of(
        mum.put("/api/v1/profile", json!({"health": {}})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("birth"),
    )
    .await;
    let future = (today() + Duration::days(30)).to_string();
    error_of(
        mum.put(
            "/api/v1/profile",
            json!({"birth": {"date": future, "delivery": "vaginal"}}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("birth.date"),
    )
    .await;
    error_of(
        mum.put(
            "/api/v1/profile",
            json!({"birth": {"date": "2026-13-01", "delivery": "vaginal"}}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("birth.date"),
    )
    .await;
    error_of(
        mum.put(
            "/api/v1/profile",
            json!({"birth": {"date": "2026-01-01", "delivery": "by stork"}}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("birth.delivery"),
    )
    .await;
    let mut p = profile(10);
    p["training"]["days_per_week"] = json!(9);
    error_of(
        mum.put("/api/v1/profile", p).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("training.days_per_week"),
    )
    .await;
    let mut p = profile(10);
    p["health"]["symptoms"] = json!(["leaking"]);
    error_of(
        mum.put("/api/v1/profile", p).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("health.symptoms[0]"),
    )
    .await;
    // A warning sign among the symptoms is named as one, and where it belongs.
    let mut p = profile(10);
    p["health"]["symptoms"] = json!(["chest_pain"]);
    let body = error_of(
        mum.put("/api/v1/profile", p).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("health.symptoms[0]"),
    )
    .await;
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("warning sign") && message.contains("health.red_flags"),
        "{message}"
    );
    let mut p = profile(10);
    p["as_of"] = json!("2026-01-01");
    error_of(
        mum.put("/api/v1/profile", p).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("as_of"),
    )
    .await;
    // Nothing was stored by the failures.
    error_of(
        mum.get("/api/v1/profile").await,
        StatusCode::CONFLICT,
        "no_profile",
        None,
    )
    .await;
    // Sets.
    let d = today().to_string();
    let set = |extra: Value| {
        let mut s = json!({"date": d, "exercise": "glute_bridge", "reps": 10});
        for (k, v) in extra.as_object().unwrap() {
            s[k] = v.clone();
        }
        s
    };
    error_of(
        mum.post(
            "/api/v1/logs/sets",
            json!({"date": d, "exercise": "glute_bridge"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("reps"),
    )
    .await;
    error_of(
        mum.post("/api/v1/logs/sets", set(json!({"reps": "ten"})))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("reps"),
    )
    .await;
    error_of(
        mum.post("/api/v1/logs/sets", set(json!({"reps": -1})))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("reps"),
    )
    .await;
    error_of(
        mum.post("/api/v1/logs/sets", set(json!({"rpe": 11}))).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("rpe"),
    )
    .await;
    error_of(
        mum.post("/api/v1/logs/sets", set(json!({"load_kg": 1000})))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("load_kg"),
    )
    .await;
    error_of(
        mum.post("/api/v1/logs/sets", set(json!({"exercise": "glute_brige"})))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("exercise"),
    )
    .await;
    error_of(
        mum.post("/api/v1/logs/sets", set(json!({"symptoms": ["sore"]})))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("symptoms[0]"),
    )
    .await;
    error_of(
        mum.post("/api/v1/logs/sets", set(json!({"date": "yesterday"})))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("date"),
    )
    .await;
    error_of(
        mum.post(
            "/api/v1/logs/sets",
            set(json!({"date": (today() + Duration::days(5)).to_string()})),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("date"),
    )
    .await;
    error_of(
        mum.post("/api/v1/logs/sets", set(json!({"colour": "blue"})))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        None,
    )
    .await;
    error_of(
        mum.post("/api/v1/logs/checkins", json!({"date": d, "mood": 6}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("mood"),
    )
    .await;
    error_of(
        mum.post(
            "/api/v1/logs/checkins",
            json!({"date": d, "sleep_hours": 30}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("sleep_hours"),
    )
    .await;
    error_of(
        mum.post(
            "/api/v1/logs/pelvic-floor",
            json!({"date": d, "set_number": 4}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("set_number"),
    )
    .await;
    error_of(
        mum.post(
            "/api/v1/logs/baby-weights",
            json!({"date": d, "weight_kg": 90}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("weight_kg"),
    )
    .await;
    let logs = json_of(mum.get("/api/v1/logs").await, StatusCode::OK).await;
    assert!(
        logs["sets"].as_array().unwrap().is_empty(),
        "no bad set was stored"
    );
    error_of(
        mum.get("/api/v1/logs?from=2026-02-30").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("from"),
    )
    .await;
    // Programme options.
    json_of(
        mum.put("/api/v1/profile", profile(10)).await,
        StatusCode::OK,
    )
    .await;
    error_of(
        mum.post("/api/v1/programme", json!({"weeks": 60})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("weeks"),
    )
    .await;
    error_of(
        mum.post("/api/v1/programme", json!({"weeks": 300})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("weeks"),
    )
    .await;
    error_of(
        mum.post("/api/v1/programme", json!({"start": "2020-01-01"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("start"),
    )
    .await;
    error_of(
        mum.post("/api/v1/programme", json!({"car_seat_kg": 50}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("car_seat_kg"),
    )
    .await;
    // Sign-up.
    let fresh = User::new(app);
    error_of(
        fresh
            .post(
                "/api/v1/auth/signup",
                json!({"email": "nope", "password": PASSWORD}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("email"),
    )
    .await;
    error_of(
        fresh
            .post(
                "/api/v1/auth/signup",
                json!({"email": "x@example.org", "password": "short"}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("password"),
    )
    .await;
    error_of(
        fresh
            .post("/api/v1/auth/signup", json!({"email": "x@example.org"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("password"),
    )
    .await;
    error_of(
        fresh
            .post(
                "/api/v1/auth/signup",
                json!({"email": "BAD@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::CONFLICT,
        "conflict",
        Some("email"),
    )
    .await;
    // Ids that are not numbers, and methods an endpoint does not take, answer in JSON too.
    error_of(
        mum.delete("/api/v1/logs/sets/abc", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
    error_of(
        mum.raw(Method::PATCH, "/api/v1/profile", "application/json", "{}")
            .await,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        None,
    )
    .await;
    // A very long exercise name is refused without a slow "did you mean".
    let long = json!({"date": today().to_string(), "exercise": "a".repeat(200_000), "reps": 1});
    error_of(
        mum.post("/api/v1/logs/sets", long).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("exercise"),
    )
    .await;
    // A programme that starts later says so.
    let later = json_of(
        mum.post(
            "/api/v1/programme",
            json!({"start": (today() + Duration::days(10)).to_string(), "weeks": 2}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let view = json_of(mum.get("/api/v1/programme/today").await, StatusCode::OK).await;
    assert_eq!(view["status"], "not_started");
    assert_eq!(view["start"], later["start"]);
    // Unknown paths answer in the same shape.
    error_of(
        fresh.get("/api/v1/nothing").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
}
both_backends!(bad_bodies);

async fn sessions_and_tokens(app: &TestApp) {
    let phone = app.member("s@example.org").await;
    // The cookie: HttpOnly and SameSite=Lax always; Secure when the request came over TLS.
    let plain = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.base()))
        .json(&json!({"email": "s@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = plain.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "{cookie}");
    let behind_tls = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.base()))
        .header("x-forwarded-proto", "https")
        .json(&json!({"email": "s@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(
        behind_tls.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("; Secure")
    );
    let laptop = User::new(app);
    json_of(
        laptop
            .post(
                "/api/v1/auth/login",
                json!({"email": "S@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::OK,
    )
    .await;

    // A third device that only ever logs sets (the one-statement path).
    let logger = User::new(app);
    json_of(
        logger
            .post(
                "/api/v1/auth/login",
                json!({"email": "s@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    let a_set = json!({"date": today().to_string(), "exercise": "glute_bridge", "reps": 10});

    // Sessions slide: used within 30 days they keep going, whichever request uses them.
    app.advance(20 * 86_400);
    json_of(phone.get("/api/v1/me").await, StatusCode::OK).await;
    json_of(
        logger.post("/api/v1/logs/sets", a_set.clone()).await,
        StatusCode::CREATED,
    )
    .await;
    app.advance(20 * 86_400);
    json_of(phone.get("/api/v1/me").await, StatusCode::OK).await;
    json_of(
        logger.post("/api/v1/logs/sets", a_set.clone()).await,
        StatusCode::CREATED,
    )
    .await;
    // The laptop was not used for 40 days: expired.
    error_of(
        laptop.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
        None,
    )
    .await;

    // A personal API token works as a bearer, and stops working when deleted.
    let made = json_of(
        phone
            .post(
                "/api/v1/tokens",
                json!({"name": "export script", "expires_in_days": 30}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let token = made["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("ms_"));
    let mut script = User::new(app);
    script.bearer = Some(token.clone());
    json_of(script.get("/api/v1/me").await, StatusCode::OK).await;
    error_of(
        script
            .post("/api/v1/tokens", json!({"name": "forever"}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;
    error_of(
        script
            .delete("/api/v1/account", Some(json!({"password": PASSWORD})))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;
    // A request with the session cookie sends it back with a fresh lifetime (sliding).
    let r = phone.get("/api/v1/me").await;
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=2592000")
    );

    let listed = json_of(phone.get("/api/v1/tokens").await, StatusCode::OK).await;
    assert_eq!(listed[0]["name"], "export script");
    assert!(
        listed.to_string().find(&token).is_none(),
        "the secret is never listed"
    );
    error_of(
        phone
            .post("/api/v1/tokens", json!({"name": "x", "expires_in_days": 0}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("expires_in_days"),
    )
    .await;
    // Tokens expire too.
    app.advance(31 * 86_400);
    error_of(
        script.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
        None,
    )
    .await;
    let id = made["record"]["id"].as_i64().unwrap();
    // The phone's session lapsed too (31 days unused); sign in again to tidy up.
    error_of(
        phone.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
        None,
    )
    .await;
    json_of(
        phone
            .post(
                "/api/v1/auth/login",
                json!({"email": "s@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    let r = phone.delete(&format!("/api/v1/tokens/{id}"), None).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    // Logout everywhere ends every session.
    json_of(
        laptop
            .post(
                "/api/v1/auth/login",
                json!({"email": "s@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    let ended = json_of(
        phone
            .post("/api/v1/auth/logout-everywhere", json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    // Both live sessions, and the lapsed ones still on record.
    assert!(ended["sessions_ended"].as_u64().unwrap() >= 2, "{ended}");
    error_of(
        laptop.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        None,
    )
    .await;
    error_of(
        phone.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        None,
    )
    .await;
    // Logout of one session leaves the other.
    json_of(
        laptop
            .post(
                "/api/v1/auth/login",
                json!({"email": "s@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    json_of(
        phone
            .post(
                "/api/v1/auth/login",
                json!({"email": "s@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    let r = laptop.post("/api/v1/auth/logout", json!({})).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    error_of(
        laptop.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        None,
    )
    .await;
    json_of(phone.get("/api/v1/me").await, StatusCode::OK).await;
}
both_backends!(sessions_and_tokens);

async fn login_rate_limit(app: &TestApp) {
    app.member("r@example.org").await;
    // Parallel guesses cannot slip under the limit: at most 5 passwords are ever checked.
    app.member("race@example.org").await;
    let guesses = (0..20).map(|i| {
        let u = User::new(app);
        async move {
            u.post(
                "/api/v1/auth/login",
                json!({"email": "race@example.org", "password": format!("guess number {i}")}),
            )
            .await
            .status()
        }
    });
    let statuses = futures_join_all(guesses).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert!(
        checked <= 5,
        "{checked} passwords were checked: {statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS)
    );
    let attacker = User::new(app);
    for _ in 0..5 {
        error_of(
            attacker
                .post(
                    "/api/v1/auth/login",
                    json!({"email": "r@example.org", "password": "wrong password!"}),
                )
                .await,
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            None,
        )
        .await;
    }
    // Now even the right password waits.
    let r = attacker
        .post(
            "/api/v1/auth/login",
            json!({"email": "r@example.org", "password": PASSWORD}),
        )
        .await;
    // Until the first failure leaves the 15-minute window (a second later if it straddled one).
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((899..=901).contains(&wait), "Retry-After {wait}");
    error_of(r, StatusCode::TOO_MANY_REQUESTS, "rate_limited", None).await;
    // Unknown emails fail the same way as wrong passwords.
    error_of(
        attacker
            .post(
                "/api/v1/auth/login",
                json!({"email": "nobody@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
        None,
    )
    .await;
    // After the window, she can sign in.
    app.advance(16 * 60);
    json_of(
        attacker
            .post(
                "/api/v1/auth/login",
                json!({"email": "r@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
}
both_backends!(login_rate_limit);

async fn export_and_delete(app: &TestApp) {
    let mum = app.member("e@example.org").await;
    let other = app.member("keep@example.org").await;
    json_of(
        mum.put("/api/v1/profile", profile(12)).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        mum.post("/api/v1/programme", json!({"weeks": 4})).await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        mum.post(
            "/api/v1/logs/sets",
            json!({"date": today().to_string(), "exercise": "glute_bridge", "reps": 10}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        other
            .post(
                "/api/v1/logs/sets",
                json!({"date": today().to_string(), "exercise": "glute_bridge", "reps": 8}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;

    let r = mum.get("/api/v1/export").await;
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let export = json_of(r, StatusCode::OK).await;
    assert_eq!(export["account"]["email"], "e@example.org");
    assert_eq!(export["profiles"].as_array().unwrap().len(), 1);
    assert_eq!(export["sets"].as_array().unwrap().len(), 1);
    assert_eq!(export["sets"][0]["reps"], 10);
    assert_eq!(export["programmes"].as_array().unwrap().len(), 1);
    assert!(export["current_plan"]["weeks"].is_array());
    assert!(!export["screenings"].as_array().unwrap().is_empty());

    // Her sets as a Strong classic CSV, for other apps.
    let r = mum.get("/api/v1/export?format=strong-csv").await;
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"
    );
    assert!(
        lines
            .next()
            .unwrap()
            .contains(",mumstrong,,Glute bridge,1,0,10,"),
        "{csv}"
    );
    error_of(
        mum.get("/api/v1/export?format=pdf").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("format"),
    )
    .await;

    error_of(
        mum.delete(
            "/api/v1/account",
            Some(json!({"password": "not my password"})),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("password"),
    )
    .await;
    json_of(mum.get("/api/v1/me").await, StatusCode::OK).await;
    let r = mum
        .delete("/api/v1/account", Some(json!({"password": PASSWORD})))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    error_of(
        mum.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        None,
    )
    .await;
    error_of(
        User::new(app)
            .post(
                "/api/v1/auth/login",
                json!({"email": "e@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
        None,
    )
    .await;
    // Nothing of hers is left; the other member's data is untouched.
    let from = time::Date::from_ordinal_date(1900, 1).unwrap();
    let to = time::Date::from_ordinal_date(9999, 1).unwrap();
    let user = app.store.user_by_email("e@example.org").await.unwrap();
    assert!(user.is_none());
    let keep = app
        .store
        .user_by_email("keep@example.org")
        .await
        .unwrap()
        .unwrap()
        .0;
    assert_eq!(
        app.store
            .sets_between(keep.id, from, to, 100)
            .await
            .unwrap()
            .len(),
        1
    );
    // The email can sign up again, from nothing.
    let again = app.member("e@example.org").await;
    error_of(
        again.get("/api/v1/profile").await,
        StatusCode::CONFLICT,
        "no_profile",
        None,
    )
    .await;
}
both_backends!(export_and_delete);

async fn red_flag_stops(app: &TestApp) {
    let mum = app.member("flag@example.org").await;
    json_of(
        mum.put("/api/v1/profile", profile(16)).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        mum.post("/api/v1/programme", json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    // A warning sign in a check-in, on a day without training, stops the programme at once.
    let reply = json_of(
        mum.post(
            "/api/v1/logs/checkins",
            json!({"date": today().to_string(), "red_flags": ["chest_pain"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(reply["adaptation"]["status"], "urgent");
    let today_view = json_of(mum.get("/api/v1/programme/today").await, StatusCode::OK).await;
    assert_eq!(today_view["status"], "urgent");
    assert_eq!(today_view["stop"]["screening"]["urgent"], true);
    let screening = json_of(mum.get("/api/v1/screening").await, StatusCode::OK).await;
    assert_eq!(screening["outcome"], "urgent");
    assert!(
        screening["screening"]["referrals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "emergency_care")
    );
    assert!(
        today_view["stop"]["help"][0]["advice"]
            .as_str()
            .unwrap()
            .contains("999"),
        "{today_view}"
    );
    assert_eq!(screening["help"][0]["code"], "emergency_care");
    assert!(
        screening["help"][0]["advice"]
            .as_str()
            .unwrap()
            .contains("999")
    );
    // A warning sign tapped by mistake can be deleted; the programme is made again without it.
    let logs = json_of(mum.get("/api/v1/logs").await, StatusCode::OK).await;
    let checkin = logs["checkins"][0]["id"].as_i64().unwrap();
    let deleted = json_of(
        mum.delete(&format!("/api/v1/logs/checkins/{checkin}"), None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(deleted["adaptation"]["status"], "ready");
    assert_eq!(
        json_of(mum.get("/api/v1/screening").await, StatusCode::OK).await["outcome"],
        "clear"
    );
    // A red flag on a set stops training and shows in the screening too.
    let set = json_of(
        mum.post("/api/v1/logs/sets", json!({"date": today().to_string(), "exercise": "glute_bridge", "reps": 5, "red_flags": ["chest_pain"]})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(set["adaptation"]["status"], "urgent");
    assert_eq!(
        json_of(mum.get("/api/v1/screening").await, StatusCode::OK).await["outcome"],
        "urgent"
    );
    let set_id = set["set"]["id"].as_i64().unwrap();
    json_of(
        mum.delete(&format!("/api/v1/logs/sets/{set_id}"), None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        json_of(mum.get("/api/v1/screening").await, StatusCode::OK).await["outcome"],
        "clear"
    );
    // Put it back for the coach's view below.
    json_of(
        mum.post(
            "/api/v1/logs/checkins",
            json!({"date": today().to_string(), "red_flags": ["chest_pain"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // Her coach sees her first.
    let coach = app.coach("coach@example.org", PASSWORD).await;
    let calm = app.member("calm@example.org").await;
    for member in [&calm, &mum] {
        let code = json_of(
            coach.post("/api/v1/coach/invitations", json!({})).await,
            StatusCode::CREATED,
        )
        .await["code"]
            .clone();
        json_of(
            member.post("/api/v1/grants", json!({"code": code})).await,
            StatusCode::CREATED,
        )
        .await;
    }
    let clients = json_of(coach.get("/api/v1/coach/clients").await, StatusCode::OK).await;
    assert_eq!(clients["clients"][0]["display_name"], "flag");
    assert_eq!(clients["clients"][0]["flag"], "urgent");
    assert_eq!(clients["clients"][1]["screening"], "no_profile");
}
both_backends!(red_flag_stops);

/// Two servers on one database: a session made on one works on the other (nothing in memory).
async fn two_servers(app: &TestApp) {
    let second = common::spawn_on(&app.database_url, |_| {}).await;
    let on_first = app.member("two@example.org").await;
    let on_second = on_first.on(second.base());
    let me = json_of(on_second.get("/api/v1/me").await, StatusCode::OK).await;
    assert_eq!(me["email"], "two@example.org");
    json_of(
        on_second.put("/api/v1/profile", profile(14)).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        on_first.post("/api/v1/programme", json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        on_second.get("/api/v1/programme/today").await,
        StatusCode::OK,
    )
    .await;
    // Rate limits are shared too.
    let attacker = User::new(app);
    for i in 0..5 {
        let who = if i % 2 == 0 {
            attacker.clone()
        } else {
            attacker.on(second.base())
        };
        error_of(
            who.post(
                "/api/v1/auth/login",
                json!({"email": "two@example.org", "password": "wrong password!"}),
            )
            .await,
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            None,
        )
        .await;
    }
    error_of(
        attacker
            .on(second.base())
            .post(
                "/api/v1/auth/login",
                json!({"email": "two@example.org", "password": PASSWORD}),
            )
            .await,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        None,
    )
    .await;
    // Logging out everywhere on one server ends the session on the other.
    json_of(
        on_second
            .post("/api/v1/auth/logout-everywhere", json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    error_of(
        on_first.get("/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        None,
    )
    .await;
    second.stop().await;
}
both_backends!(two_servers);

async fn openapi(app: &TestApp) {
    let anyone = User::new(app);
    let doc = json_of(anyone.get("/api/v1/openapi.json").await, StatusCode::OK).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/auth/signup",
        "/api/v1/auth/login",
        "/api/v1/profile",
        "/api/v1/profile/history",
        "/api/v1/screening",
        "/api/v1/programme",
        "/api/v1/programme/today",
        "/api/v1/logs/sets",
        "/api/v1/logs/checkins",
        "/api/v1/logs",
        "/api/v1/progress",
        "/api/v1/coach/clients",
        "/api/v1/tokens",
        "/api/v1/export",
        "/api/v1/account",
    ] {
        assert!(paths.contains_key(path), "{path} is documented");
    }
    // Every documented route exists (answers something other than the fallback 404).
    for (path, item) in paths {
        let concrete = path
            .replace("{member_id}", "1")
            .replace("{coach_id}", "1")
            .replace("{id}", "1");
        for method in item.as_object().unwrap().keys() {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = anyone.raw(m, &concrete, "application/json", "{}").await;
            let status = r.status();
            let body = r.text().await.unwrap();
            assert!(
                !(status == StatusCode::NOT_FOUND && body.contains("no such endpoint")),
                "{method} {path} is documented but not routed"
            );
        }
    }
    let health = anyone.get("/healthz").await;
    assert_eq!(health.status(), StatusCode::OK);
}
both_backends!(openapi);

/// Parses a calendar with Python's `icalendar` (an independent parser), when it is installed;
/// returns (events, alarms) or `None` after saying loudly that the check was skipped.
fn python_icalendar_counts(ics: &str) -> Option<(usize, usize)> {
    use std::io::Write;
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let path = std::env::temp_dir().join(format!("mumstrong-feed-{}-{n}.ics", std::process::id()));
    std::fs::write(&path, ics).ok()?;
    let script = "import sys, icalendar\n\
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
        ev = [c for c in cal.walk('VEVENT')]\n\
        for e in ev:\n    assert e.get('UID') and e.get('DTSTART') and e.get('SUMMARY'), e\n\
        print(len(ev), len(list(cal.walk('VALARM'))))\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script, path.to_str()?])
        .output();
    let _ = std::fs::remove_file(&path);
    match out {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            let mut n = text.split_whitespace().map(|w| w.parse::<usize>().unwrap());
            Some((n.next()?, n.next()?))
        }
        Ok(o)
            if String::from_utf8_lossy(&o.stderr).contains("No module named")
                || !o.status.success() && o.stderr.is_empty() =>
        {
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! SKIPPED: Python icalendar check (pip install icalendar) !!!"
            );
            None
        }
        Ok(o) => panic!(
            "Python icalendar rejected the feed: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) => {
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! SKIPPED: Python icalendar check (no python3) !!!"
            );
            None
        }
    }
}

async fn calendar_feed(app: &TestApp) {
    let mum = app.member("cal@example.org").await;
    json_of(
        mum.put("/api/v1/profile", profile(18)).await,
        StatusCode::OK,
    )
    .await;
    let programme = json_of(
        mum.post("/api/v1/programme", json!({"weeks": 4})).await,
        StatusCode::CREATED,
    )
    .await;
    error_of(
        mum.post("/api/v1/calendar", json!({"reminders": ["07:30", "25:00"]}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("reminders[1]"),
    )
    .await;
    error_of(
        mum.post("/api/v1/calendar", json!({"reminders": ["07:30", "7:30"]}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("reminders[1]"),
    )
    .await;
    let made = json_of(
        mum.post("/api/v1/calendar", json!({"reminders": ["21:00", "07:30"]}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(made["reminders"], json!(["07:30", "21:00"]));
    let path = made["path"].as_str().unwrap().to_owned();
    assert!(made["url"].as_str().unwrap().ends_with(&path));

    // Calendar apps fetch it without signing in: the secret URL is the key.
    let r = User::new(app).get(&path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = r.text().await.unwrap();
    let sessions: usize = programme["plan"]["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["sessions"].as_array().unwrap().len())
        .sum();
    let runs: usize = programme["plan"]["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["walk_run"]["dates"].as_array().map_or(0, Vec::len))
        .sum();
    let reminders = 4 * 2;
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        sessions + runs + reminders
    );
    assert_eq!(ics.matches("BEGIN:VALARM").count(), reminders);
    assert!(ics.contains("RRULE:FREQ=DAILY;COUNT=7"));
    assert!(ics.contains("T073000") && ics.contains("T210000"));
    assert!(
        ics.split("\r\n").all(|l| l.len() <= 75),
        "lines folded at 75 octets"
    );
    if let Some((events, alarms)) = python_icalendar_counts(&ics) {
        assert_eq!((events, alarms), (sessions + runs + reminders, reminders));
    }
    let status = json_of(mum.get("/api/v1/calendar").await, StatusCode::OK).await;
    assert_eq!(status["active"], true);
    assert!(
        status
            .to_string()
            .find(
                path.trim_start_matches("/calendar/")
                    .trim_end_matches(".ics")
            )
            .is_none(),
        "the secret is not shown again"
    );

    // A new feed revokes the old address; deleting revokes the new one.
    let again = json_of(
        mum.post("/api/v1/calendar", json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(again["reminders"], json!(["08:00", "13:00", "20:00"]));
    error_of(
        User::new(app).get(&path).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
    let new_path = again["path"].as_str().unwrap().to_owned();
    assert_eq!(User::new(app).get(&new_path).await.status(), StatusCode::OK);
    assert_eq!(
        mum.delete("/api/v1/calendar", None).await.status(),
        StatusCode::NO_CONTENT
    );
    error_of(
        User::new(app).get(&new_path).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
    let status = json_of(mum.get("/api/v1/calendar").await, StatusCode::OK).await;
    assert_eq!(status["active"], false);

    // A feed with nothing to show is still a calendar, with one notice that says why; a warning
    // sign replaces her sessions with where to get help.
    let new = app.member("cal-new@example.org").await;
    let made = json_of(
        new.post("/api/v1/calendar", json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    let path = made["path"].as_str().unwrap().to_owned();
    let ics = User::new(app).get(&path).await.text().await.unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
    assert!(
        ics.contains("PRODID:-//mumstrong//") && ics.contains("no programme yet"),
        "{ics}"
    );
    if let Some(counts) = python_icalendar_counts(&ics) {
        assert_eq!(counts, (1, 0));
    }
    json_of(
        new.put("/api/v1/profile", profile(18)).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        new.post("/api/v1/programme", json!({"weeks": 2})).await,
        StatusCode::CREATED,
    )
    .await;
    let ics = User::new(app).get(&path).await.text().await.unwrap();
    assert!(ics.matches("BEGIN:VEVENT").count() > 1);
    json_of(
        new.post(
            "/api/v1/logs/checkins",
            json!({"date": today().to_string(), "red_flags": ["chest_pain"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let ics = User::new(app).get(&path).await.text().await.unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("SUMMARY:mumstrong: Stop exercising and get help now"),
        "{ics}"
    );
    assert!(
        unfolded.contains("999"),
        "the numbers to call are in the notice: {ics}"
    );
}
both_backends!(calendar_feed);

async fn imports(app: &TestApp) {
    let mum = app.member("imp@example.org").await;
    let strong = include_str!("../../../../examples/imports/strong-classic.csv");
    let upload = |path: &str, body: &str| {
        let r = mum
            .client
            .post(format!("{}{path}", mum.base))
            .header("content-type", "text/csv")
            .body(body.to_owned());
        async move { r.send().await.expect("upload") }
    };
    // Strong classic does not say its unit.
    error_of(
        upload("/api/v1/imports?dry_run=true", strong).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("unit"),
    )
    .await;
    let preview = json_of(
        upload("/api/v1/imports?dry_run=true&unit=kg", strong).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(preview["status"], "preview");
    let sets = preview["summary"]["sets"].as_u64().unwrap();
    assert!(sets > 0);
    assert_eq!(preview["new_sets"], sets);
    assert!(
        json_of(mum.get("/api/v1/imports").await, StatusCode::OK).await["imports"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let done = json_of(
        upload("/api/v1/imports?unit=kg", strong).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(done["new_sets"], sets);
    let id = done["import_id"].as_i64().unwrap();
    // Again: nothing new.
    let again = json_of(
        upload("/api/v1/imports?unit=kg", strong).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (again["new_sets"].as_u64(), again["duplicate_sets"].as_u64()),
        (Some(0), Some(sets))
    );
    assert_eq!(
        (again["status"].as_str(), &again["import_id"]),
        (Some("nothing_new"), &Value::Null)
    );
    let listed = json_of(mum.get("/api/v1/imports").await, StatusCode::OK).await;
    assert_eq!(
        listed["imports"].as_array().unwrap().len(),
        1,
        "an import that added nothing is not recorded"
    );
    let preview = json_of(
        upload("/api/v1/imports?dry_run=true&unit=kg", strong).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(preview["duplicate_sets"], sets);
    let logs = json_of(
        mum.get("/api/v1/logs?from=2020-01-01").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(logs["sets"].as_array().unwrap().len() as u64, sets);

    // Our own export round-trips into another account with nothing lost: sets, check-ins,
    // pelvic-floor ticks, baby weights and the profile.
    let day = common::today().to_string();
    json_of(
        mum.put("/api/v1/profile", common::profile(12)).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        mum.post(
            "/api/v1/logs/checkins",
            json!({"date": day, "symptoms": ["urinary_leakage"], "mood": 4, "rpe": 6, "sleep_hours": 5.5, "notes": "coughing"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        mum.post("/api/v1/logs/checkins", json!({"date": day, "mood": 3}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        mum.post(
            "/api/v1/logs/pelvic-floor",
            json!({"date": day, "set_number": 2}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    json_of(
        mum.post(
            "/api/v1/logs/baby-weights",
            json!({"date": day, "weight_kg": 6.2}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let export = json_of(mum.get("/api/v1/export").await, StatusCode::OK).await;
    let other = app.member("imp2@example.org").await;
    let send = |body: String| {
        other
            .client
            .post(format!("{}/api/v1/imports", other.base))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let first = json_of(send(export.to_string()).await.unwrap(), StatusCode::CREATED).await;
    assert_eq!(
        first["others"],
        json!({"checkins": 2, "pelvic_floor": 1, "baby_weights": 1, "profiles": 1}),
        "{first}"
    );
    let theirs_export = json_of(other.get("/api/v1/export").await, StatusCode::OK).await;
    let strip = |v: &Value, key: &str, drop: &[&str]| -> Vec<Value> {
        let mut rows: Vec<Value> = v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                let mut row = row.clone();
                for d in drop {
                    row.as_object_mut().unwrap().remove(*d);
                }
                row
            })
            .collect();
        rows.sort_by_key(|r| r.to_string());
        rows
    };
    assert_eq!(
        strip(&theirs_export, "checkins", &["id", "created_at"]),
        strip(&export, "checkins", &["id", "created_at"])
    );
    assert_eq!(
        strip(&theirs_export, "pelvic_floor", &["created_at"]),
        strip(&export, "pelvic_floor", &["created_at"])
    );
    assert_eq!(
        strip(&theirs_export, "baby_weights", &["id", "created_at"]),
        strip(&export, "baby_weights", &["id", "created_at"])
    );
    assert_eq!(
        theirs_export["profiles"][0]["profile"],
        export["profiles"][0]["profile"]
    );
    // The same export again adds nothing at all.
    let again = json_of(send(export.to_string()).await.unwrap(), StatusCode::CREATED).await;
    assert_eq!(again["new_sets"], 0);
    assert_eq!(
        again["others"],
        json!({"checkins": 0, "pelvic_floor": 0, "baby_weights": 0, "profiles": 0})
    );
    // A bad entry is named, and nothing of that file is stored.
    let mut broken = export.clone();
    broken["checkins"][1]["mood"] = json!(9);
    let e = error_of(
        send(broken.to_string()).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("checkins[1].mood"),
    )
    .await;
    assert!(e["error"]["message"].as_str().unwrap().contains("1 to 5"));
    // Undo of the first import takes its check-ins, ticks, weights and profile away again.
    json_of(
        other
            .delete(&format!("/api/v1/imports/{}", first["import_id"]), None)
            .await,
        StatusCode::OK,
    )
    .await;
    let emptied = json_of(other.get("/api/v1/export").await, StatusCode::OK).await;
    for key in [
        "checkins",
        "pelvic_floor",
        "baby_weights",
        "profiles",
        "sets",
    ] {
        assert!(
            emptied[key].as_array().unwrap().is_empty(),
            "{key} after undo: {}",
            emptied[key]
        );
    }
    let again = json_of(send(export.to_string()).await.unwrap(), StatusCode::CREATED).await;
    assert_eq!(
        again["others"]["checkins"], 2,
        "an undone import can be imported again"
    );
    let theirs = json_of(
        other.get("/api/v1/logs?from=2020-01-01").await,
        StatusCode::OK,
    )
    .await;
    let key = |v: &Value| {
        let mut rows: Vec<String> = v["sets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                format!(
                    "{} {} {} {} {} {}",
                    s["date"], s["exercise"], s["reps"], s["load_kg"], s["rpe"], s["symptoms"]
                )
            })
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(key(&theirs), key(&logs));

    // Undo removes what the import added, once.
    let undone = json_of(
        mum.delete(&format!("/api/v1/imports/{id}"), None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(undone["sets_removed"], sets);
    error_of(
        mum.delete(&format!("/api/v1/imports/{id}"), None).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
    let logs = json_of(
        mum.get("/api/v1/logs?from=2020-01-01").await,
        StatusCode::OK,
    )
    .await;
    assert!(logs["sets"].as_array().unwrap().is_empty());
    // Bad files name the line; nothing is half-imported.
    let bad = include_str!("../../../../examples/imports/bad-truncated-row.csv");
    let e = error_of(
        upload("/api/v1/imports?unit=kg", bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("file"),
    )
    .await;
    assert!(
        e["error"]["message"].as_str().unwrap().contains("line"),
        "{e}"
    );
    error_of(
        upload("/api/v1/imports", "\u{0}\u{1}binary").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("file"),
    )
    .await;
    let logs = json_of(
        mum.get("/api/v1/logs?from=2020-01-01").await,
        StatusCode::OK,
    )
    .await;
    assert!(logs["sets"].as_array().unwrap().is_empty());
}
both_backends!(imports);

/// Her own export read back into her own account adds nothing (JSON or Strong CSV), and the
/// same file read again with the other unit is still the same file.
async fn reimporting_her_own_export_adds_nothing(app: &TestApp) {
    let mum = app.member("round@example.org").await;
    let day = common::today().to_string();
    for (n, kg) in [(1, 8.0), (2, 8.0), (3, 10.0)] {
        let symptoms = if n == 3 {
            json!(["urinary_leakage"])
        } else {
            json!([])
        };
        json_of(
            mum.post(
                "/api/v1/logs/sets",
                json!({"date": day, "exercise": "goblet_squat_kettlebell", "set_number": n, "reps": 10, "load_kg": kg, "symptoms": symptoms}),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
    }
    let upload = |path: String, kind: &'static str, body: String| {
        let r = mum
            .client
            .post(format!("{}{path}", mum.base))
            .header("content-type", kind)
            .body(body);
        async move { r.send().await.expect("upload") }
    };
    let count = || async {
        json_of(
            mum.get("/api/v1/logs?from=2020-01-01").await,
            StatusCode::OK,
        )
        .await["sets"]
            .as_array()
            .unwrap()
            .len()
    };
    let export = mum.get("/api/v1/export").await.text().await.unwrap();
    let again = json_of(
        upload("/api/v1/imports".into(), "application/json", export).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (again["new_sets"].as_u64(), again["duplicate_sets"].as_u64()),
        (Some(0), Some(3)),
        "{again}"
    );
    assert_eq!(count().await, 3);
    let csv = mum
        .get("/api/v1/export?format=strong-csv")
        .await
        .text()
        .await
        .unwrap();
    let preview = json_of(
        upload(
            "/api/v1/imports?dry_run=true&unit=kg".into(),
            "text/csv",
            csv.clone(),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(preview["new_sets"], 0, "{preview}");
    let again = json_of(
        upload("/api/v1/imports?unit=kg".into(), "text/csv", csv).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(again["new_sets"], 0, "{again}");
    assert_eq!(count().await, 3);
    // In another account the same CSV brings the symptom back from the set's notes.
    let other = app.member("round-other@example.org").await;
    let r = other
        .client
        .post(format!("{}/api/v1/imports?unit=kg", other.base))
        .header("content-type", "text/csv")
        .body(
            mum.get("/api/v1/export?format=strong-csv")
                .await
                .text()
                .await
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(r, StatusCode::CREATED).await["new_sets"], 3);
    let theirs = json_of(
        other.get("/api/v1/logs?from=2020-01-01").await,
        StatusCode::OK,
    )
    .await;
    let with_symptoms: Vec<_> = theirs["sets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["symptoms"] == json!(["urinary_leakage"]))
        .collect();
    assert_eq!(with_symptoms.len(), 1, "{theirs}");

    // Another app's file, then the same file read as pounds: still the same file.
    let strong = include_str!("../../../../examples/imports/strong-classic.csv").to_owned();
    let first = json_of(
        upload("/api/v1/imports?unit=kg".into(), "text/csv", strong.clone()).await,
        StatusCode::CREATED,
    )
    .await;
    let added = first["new_sets"].as_u64().unwrap();
    assert!(added > 0);
    let as_lb = json_of(
        upload("/api/v1/imports?unit=lb".into(), "text/csv", strong).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (as_lb["new_sets"].as_u64(), as_lb["status"].as_str()),
        (Some(0), Some("nothing_new")),
        "{as_lb}"
    );
    assert_eq!(count().await as u64, 3 + added);
}
both_backends!(reimporting_her_own_export_adds_nothing);
