//! The progress and programme pages: charts with the right numbers from what she logged, the
//! plan's weeks, this week's sessions and the everyday-load line, the programme form's errors,
//! her unit, and who may see them.

use crate::common;
use crate::common::{PASSWORD, TestApp, User, json_of, today};
use reqwest::StatusCode;
use serde_json::json;
use time::Duration;

fn day(days_ago: i64) -> String {
    (today() - Duration::days(days_ago)).to_string()
}

async fn log(user: &User, path: &str, body: serde_json::Value) {
    let r = user.post(path, body).await;
    json_of(r, StatusCode::CREATED).await;
}

fn no_nan(html: &str) {
    assert!(
        !html.contains("NaN") && !html.contains("Infinity"),
        "NaN in {html}"
    );
    assert!(!html.contains(" style="), "inline style in the page");
}

async fn web_progress(app: &TestApp) {
    // Signed out: to sign-in.
    let anon = User::new(app);
    let (_, at, _) = anon.page("/progress").await;
    assert_eq!(at, "/login");
    let (_, at, _) = anon.page("/programme").await;
    assert_eq!(at, "/login");

    // A new member: nothing yet, and the plan page asks for her answers first.
    let new = app.member("new@example.org").await;
    let (status, _, html) = new.page("/progress").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Nothing logged yet"), "{html}");
    assert!(!html.contains("<svg"), "no empty axes for a new member");
    let (status, _, html) = new.page("/programme").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/onboarding\""), "{html}");
    let (_, at, _) = new.submit("/programme", &[("weeks", "8")]).await;
    assert_eq!(at, "/onboarding", "no profile: answer the questions first");

    // With a profile but no programme: the form.
    let r = new.put("/api/v1/profile", common::profile(16)).await;
    json_of(r, StatusCode::OK).await;
    let (_, _, html) = new.page("/programme").await;
    assert!(
        html.contains("Make my plan") && html.contains("name=\"weeks\""),
        "{html}"
    );

    // A member with a programme and three weeks of logs.
    let ana = app.member("ana@example.org").await;
    let r = ana.put("/api/v1/profile", common::profile(16)).await;
    json_of(r, StatusCode::OK).await;
    let r = ana.post("/api/v1/programme", json!({})).await;
    json_of(r, StatusCode::CREATED).await;
    for (ago, kg) in [(15, 8.0), (8, 10.0), (1, 12.5)] {
        for n in 1..=3 {
            log(&ana, "/api/v1/logs/sets", json!({"date": day(ago), "exercise": "goblet_squat_dumbbell", "set_number": n, "reps": 8, "load_kg": kg})).await;
        }
        log(&ana, "/api/v1/logs/sets", json!({"date": day(ago), "exercise": "dumbbell_farmer_carry", "reps": 20, "load_kg": kg - 2.0})).await;
        log(
            &ana,
            "/api/v1/logs/sets",
            json!({"date": day(ago), "exercise": "run_walk_intervals", "reps": 600}),
        )
        .await;
        log(
            &ana,
            "/api/v1/logs/checkins",
            json!({"date": day(ago), "mood": 4, "sleep_hours": 6.5, "rpe": 6}),
        )
        .await;
    }
    log(
        &ana,
        "/api/v1/logs/checkins",
        json!({"date": day(9), "mood": 2, "symptoms": ["urinary_leakage"]}),
    )
    .await;
    for ago in 0..3 {
        for n in 1..=3 {
            log(
                &ana,
                "/api/v1/logs/pelvic-floor",
                json!({"date": day(ago), "set_number": n}),
            )
            .await;
        }
    }
    log(
        &ana,
        "/api/v1/logs/pelvic-floor",
        json!({"date": day(5), "set_number": 1}),
    )
    .await;

    let (status, _, html) = ana.page("/progress").await;
    assert_eq!(status, StatusCode::OK);
    no_nan(&html);
    assert!(html.contains("<h1>Your progress</h1>"));
    // The best lift, in the headline, the lift's chart and its table.
    assert!(html.contains("12.5 kg × 8"), "best set: {html}");
    assert!(
        html.contains(">12.5 kg</text>"),
        "last value labelled at the end of the line"
    );
    assert!(html.contains("Goblet squat (dumbbell)"));
    assert!(
        html.contains("estimated one-rep max 16 kg"),
        "Epley: 12.5 × (1 + 8/30), to 0.5"
    );
    // Accessible charts.
    assert!(html.contains("role=\"img\"") && html.contains("<desc id=\"chart-aerobic-desc\">"));
    assert!(html.contains("aria-labelledby=\"chart-aerobic-title chart-aerobic-desc\""));
    assert!(html.contains("Show the numbers"));
    // Aerobic minutes from the logged run-walks, against the 150-minute line.
    assert!(html.contains(">150 min a week</text>"), "{html}");
    assert!(html.contains("you logged each week, against the guideline of 150 minutes"));
    assert!(
        html.contains("<td>10</td>"),
        "10 minutes of run-walk a week in the table"
    );
    // Pelvic-floor streak: today, yesterday and the day before.
    assert!(html.contains("<span class=\"stat-value\">3</span><span class=\"stat-label\">pelvic-floor days in a row"), "{html}");
    assert!(html.contains("<strong>3 days</strong> in a row"));
    // Symptom-free weeks: the week with the leak is not.
    assert!(html.contains("Last noted in the week of"), "{html}");
    assert!(html.contains("leaking"), "the symptom in words");
    // Mood, volume and the everyday load.
    assert!(html.contains("id=\"chart-mood-title\"") && html.contains(">5 good</text>"));
    assert!(html.contains("id=\"chart-volume-title\"") && html.contains("Legs and bum"));
    assert!(html.contains("id=\"chart-everyday-load-title\""));

    // The programme page: this week, the weeks, the everyday-load chart, what changed.
    let (status, _, html) = ana.page("/programme").await;
    assert_eq!(status, StatusCode::OK);
    no_nan(&html);
    assert!(
        html.contains("Weeks at a glance") && html.contains("Week 1") && html.contains("this week")
    );
    assert!(html.contains("lighter"), "every fourth week is lighter");
    assert!(
        html.contains("class=\"session-title\">Day 1: "),
        "this week's sessions: {html}"
    );
    assert!(html.contains(" × "), "sets × reps");
    assert!(html.contains("id=\"chart-plan-load-title\"") && html.contains("Baby in the car seat"));
    assert!(
        html.contains("What changed and why")
            && html.contains("you noted leaking in your check-in on"),
        "the adaptation's reason, in words"
    );
    assert!(!html.contains("urinary_leakage"), "no code on the page");

    // The form: errors name the field and keep what she typed; a good one goes to today.
    let (status, _, html) = ana
        .submit(
            "/programme",
            &[("weeks", "99"), ("start", ""), ("car_seat_kg", "4")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("id=\"weeks-error\"") && html.contains("1 to 52"),
        "{html}"
    );
    assert!(
        html.contains("aria-invalid=\"true\"")
            && html.contains("value=\"99\"")
            && html.contains("value=\"4\"")
    );
    let (status, _, html) = ana.submit("/programme", &[("car_seat_kg", "heavy")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("id=\"car_seat_kg-error\"") && html.contains("0 to 20 kg"),
        "{html}"
    );
    let far = (today() + Duration::days(60)).to_string();
    let (status, _, html) = ana.submit("/programme", &[("start", &far)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("id=\"start-error\"") && html.contains("4 weeks"),
        "{html}"
    );
    let (_, at, _) = ana
        .submit("/programme", &[("weeks", "8"), ("car_seat_kg", "4.5")])
        .await;
    assert_eq!(at, "/today");
    let id = app.id_of("ana@example.org").await;
    let row = app
        .store
        .latest_programme(id)
        .await
        .expect("store")
        .expect("programme");
    assert_eq!(row.weeks, 8);
    assert!(
        row.plan_json.contains("\"car_seat_kg\":4.5"),
        "car seat in the plan"
    );

    // In pounds.
    app.store.set_unit(id, "lb", 0).await.expect("unit");
    let (_, _, html) = ana.page("/progress").await;
    no_nan(&html);
    assert!(
        html.contains("27.5 lb × 8")
            && html.contains(">27.5 lb</text>")
            && !html.contains("12.5 kg"),
        "{html}"
    );
    let (_, _, html) = ana.page("/programme").await;
    assert!(
        html.contains("Car seat weight (lb)") && html.contains(">lb</text>"),
        "{html}"
    );
    let (status, _, html) = ana.submit("/programme", &[("car_seat_kg", "50")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("0 to 44 lb"), "{html}");

    // A coach has no progress or plan of her own.
    let coach = app.coach("coach@example.org", PASSWORD).await;
    let (status, _, _) = coach.page("/progress").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = coach.page("/programme").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = coach.submit("/programme", &[("weeks", "8")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
both_backends!(web_progress);

/// A warning sign stops the plan: the plan page shows what to do now instead.
async fn web_programme_urgent(app: &TestApp) {
    let fay = app.member("fay@example.org").await;
    let mut profile = common::profile(10);
    profile["health"]["red_flags"] = json!(["chest_pain"]);
    let r = fay.put("/api/v1/profile", profile).await;
    json_of(r, StatusCode::OK).await;
    let r = fay.post("/api/v1/programme", json!({})).await;
    json_of(r, StatusCode::CREATED).await;
    let (status, _, html) = fay.page("/programme").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("class=\"urgent takeover\"")
            && html.contains("Stop exercising and get help now"),
        "{html}"
    );
    assert!(html.contains("999"), "where to get help: {html}");
    assert!(!html.contains("Weeks at a glance"));
}
both_backends!(web_programme_urgent);
