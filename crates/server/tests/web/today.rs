//! Today and Pelvic floor, as she uses them: the session as a checklist (sets logged through the
//! forms and through the JSON path, undo), the check-in, how symptoms change the next session,
//! the urgent takeover after a warning sign, bad input refused by field, pounds, pelvic-floor
//! rounds and streak, coaches refused, signed-out browsers sent to sign in.

use crate::common;
use crate::common::{TestApp, User, profile, today};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::{Date, Duration};

/// A member with a profile (10 weeks after birth) and a programme starting today.
async fn member_with_plan(app: &TestApp, email: &str) -> User {
    let user = app.member(email).await;
    let r = user.put("/api/v1/profile", profile(10)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = user.post("/api/v1/programme", json!({})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    user
}

async fn day(user: &User, date: Date) -> Value {
    let r = user
        .get(&format!("/api/v1/programme/today?date={date}"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// The first day with a session from `from` on, and that day's view.
async fn session_day(user: &User, from: Date) -> (Date, Value) {
    for offset in 0..14 {
        let date = from + Duration::days(offset);
        let view = day(user, date).await;
        if view["today"]["kind"] == "session" {
            return (date, view["today"].clone());
        }
    }
    panic!("no session in two weeks");
}

fn exercises(day: &Value) -> Vec<Value> {
    day["session"]["exercises"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn amount(ex: &Value) -> String {
    ["reps", "seconds", "metres"]
        .iter()
        .find_map(|k| ex[*k].as_u64())
        .unwrap_or(0)
        .to_string()
}

async fn ids_of_sets(
    app: &TestApp,
    user_email: &str,
    date: Date,
) -> Vec<(i64, String, Option<i64>, i64, Option<f64>)> {
    let (user, _) = app.store.user_by_email(user_email).await.unwrap().unwrap();
    app.store
        .sets_between(user.id, date, date, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.id, s.exercise, s.set_number, s.reps, s.load_kg))
        .collect()
}

/// Posts a form with `Accept: application/json`, as today.js does.
async fn post_json(user: &User, path: &str, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let csrf = user.csrf().await;
    let mut body = form_urlencoded::Serializer::new(String::new());
    body.append_pair("csrf", &csrf);
    for (k, v) in fields {
        body.append_pair(k, v);
    }
    let r = user
        .client
        .post(format!("{}{}", user.base, path))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(body.finish())
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap())
}

async fn web_today_session(app: &TestApp) {
    // Signed out: to sign-in, and back afterwards.
    let anon = User::new(app);
    let (_, at, _) = anon.page("/today").await;
    assert_eq!(at, "/login");
    let (_, at, _) = anon.page("/pelvic-floor").await;
    assert_eq!(at, "/login");

    // No profile yet: a friendly way to the questions. No programme: a button that makes it.
    let new = app.member("new@example.org").await;
    let (status, _, html) = new.page("/today").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/onboarding\""), "{html}");
    let r = new.put("/api/v1/profile", profile(10)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (_, _, html) = new.page("/today").await;
    assert!(
        html.contains("action=\"/programme\"") && html.contains("Make my plan"),
        "{html}"
    );

    let email = "ana@example.org";
    let user = member_with_plan(app, email).await;
    let (date, plan_day) = session_day(&user, today()).await;
    assert!(
        date <= today() + Duration::days(1),
        "the plan starts today with a session"
    );
    let path = if date == today() {
        "/today".to_owned()
    } else {
        format!("/today?date={date}")
    };
    let exs = exercises(&plan_day);
    // An exercise with two sets or more, so a second set can go wrong.
    let first = exs
        .iter()
        .find(|e| e["sets"].as_u64().unwrap_or(1) >= 2)
        .expect("an exercise of two sets");
    let id = first["id"].as_str().unwrap();
    let (status, _, html) = user.page(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(plan_day["session"]["title"].as_str().unwrap()),
        "title"
    );
    for ex in &exs {
        let name = ex["name"].as_str().unwrap().replace('\'', "&#39;");
        assert!(
            html.contains(&ex["name"].as_str().unwrap().replace('&', "&amp;"))
                || html.contains(&name),
            "{name}"
        );
    }
    let cue = first["cues"][0].as_str().unwrap();
    assert!(
        html.contains(&cue.replace('&', "&amp;")),
        "cues shown: {cue}"
    );
    assert!(
        html.contains(&format!("id=\"ex-{id}\"")),
        "anchor per exercise"
    );
    assert!(html.contains(&format!("id=\"set-{id}-1\"")) && html.contains("inputmode=\"numeric\""));
    assert!(html.contains("Something felt wrong?") && html.contains("value=\"urinary_leakage\""));
    assert!(
        html.contains("id=\"check-in\"")
            && html.contains("Warning signs")
            && html.contains("value=\"chest_pain\"")
    );
    assert!(
        html.contains("/static/today.js"),
        "the enhancement is loaded"
    );
    assert!(html.contains("id=\"rest-timer\""));

    // Log set 1 through the form (no JavaScript): back to the page, ticked, stored once.
    let reps = amount(first);
    let date_s = date.to_string();
    let base = [
        ("date", date_s.as_str()),
        ("exercise", id),
        ("target_reps", reps.as_str()),
    ];
    let mut fields = base.to_vec();
    fields.extend([("set_number", "1"), ("reps", reps.as_str())]);
    let (status, at, html) = user.submit("/today/set", &fields).await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/today"));
    assert!(html.contains("Set 1 done"), "ticked");
    assert!(html.contains("action=\"/today/set/"), "undo form");
    // Sending the same Done again (a double tap, a retry) stores nothing twice.
    user.submit("/today/set", &fields).await;
    let stored = ids_of_sets(app, email, date).await;
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(
        (stored[0].1.as_str(), stored[0].2, stored[0].3.to_string()),
        (id, Some(1), reps.clone())
    );

    // The JSON path (today.js): JSON back, with the ticked row's markup.
    let second = (id.to_owned(), "2");
    let mut fields = vec![
        ("date", date_s.as_str()),
        ("exercise", second.0.as_str()),
        ("set_number", second.1),
        ("reps", "6"),
    ];
    fields.push(("target_reps", "8"));
    let (status, body) = post_json(&user, "/today/set", &fields).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let set_id = body["set"]["id"].as_i64().unwrap();
    assert_eq!(body["set"]["reps"], 6);
    let row = body["row_html"].as_str().unwrap();
    assert!(
        row.contains(&format!("Set {} done", second.1))
            && row.contains(&format!("/today/set/{set_id}/delete")),
        "{row}"
    );
    assert_eq!(body["adapted"], false);
    let (_, _, html) = user.page(&path).await;
    assert!(html.contains("2 of "), "progress counted: {html}");

    // Undo it.
    let (status, _, html) = user
        .submit(
            &format!("/today/set/{set_id}/delete"),
            &[
                ("date", date_s.as_str()),
                ("anchor", &format!("ex-{}", second.0)),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains(&format!("/today/set/{set_id}/delete")));
    assert_eq!(ids_of_sets(app, email, date).await.len(), 1);
    let (status, _, _) = user
        .submit("/today/set/999999/delete", &[("date", date_s.as_str())])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Bad input: 422 naming the field, what she typed kept, nothing stored.
    let mut fields = base.to_vec();
    fields.extend([("set_number", "2"), ("reps", "abc")]);
    let (status, _, html) = user.submit("/today/set", &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Please check") && html.contains("is not a whole number"),
        "{html}"
    );
    assert!(
        html.contains("value=\"abc\"") && html.contains("aria-invalid=\"true\""),
        "typed value kept"
    );
    assert!(
        html.contains(&format!("id=\"reps-{id}-2-error\"")),
        "the message sits by the field"
    );
    let mut fields = base.to_vec();
    fields.extend([("set_number", "2"), ("reps", "8"), ("load", "-5")]);
    let (status, _, html) = user.submit("/today/set", &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Load: -5 is below zero"), "{html}");
    let mut fields = base.to_vec();
    fields.extend([("set_number", "2"), ("reps", "99999")]);
    let (status, _, _) = user.submit("/today/set", &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = post_json(
        &user,
        "/today/set",
        &[
            ("date", date_s.as_str()),
            ("exercise", id),
            ("set_number", "2"),
            ("reps", "x"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "reps");
    let future = (today() + Duration::days(5)).to_string();
    let (status, _, html) = user
        .submit(
            "/today/set",
            &[
                ("date", future.as_str()),
                ("exercise", id),
                ("set_number", "1"),
                ("reps", "5"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Date:") && html.contains("in the future"),
        "{html}"
    );
    let (status, _, html) = user
        .submit(
            "/today/checkin",
            &[
                ("date", date_s.as_str()),
                ("mood", "9"),
                ("notes", "tired but fine"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Mood: 9") && html.contains("tired but fine"),
        "{html}"
    );
    let (status, _, html) = user
        .submit(
            "/today/checkin",
            &[("date", date_s.as_str()), ("rpe", "hard")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Effort:"), "{html}");
    assert_eq!(
        ids_of_sets(app, email, date).await.len(),
        1,
        "nothing stored"
    );
    let (u, _) = app.store.user_by_email(email).await.unwrap().unwrap();
    assert!(
        app.store
            .checkins_between(u.id, date, date, 10)
            .await
            .unwrap()
            .is_empty()
    );

    // A date in the address that is not a day: 422 naming it.
    let (status, _, html) = user.page("/today?date=2026-02-30").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Date:") && html.contains("2026-02-30"),
        "{html}"
    );
    // A day ahead is a preview: no Done forms.
    let (ahead, _) = session_day(&user, today() + Duration::days(2)).await;
    let (status, _, html) = user.page(&format!("/today?date={ahead}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("look ahead") && !html.contains("action=\"/today/set\""),
        "{html}"
    );

    // Pounds: she types lb, the store keeps kg, the page shows lb.
    app.store
        .set_unit(u.id, "lb", time::OffsetDateTime::now_utc().unix_timestamp())
        .await
        .unwrap();
    let (status, _, html) = user
        .submit(
            "/today/set",
            &[
                ("date", date_s.as_str()),
                ("exercise", "goblet_squat_dumbbell"),
                ("set_number", "1"),
                ("reps", "10"),
                ("load", "22"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let stored = ids_of_sets(app, email, date).await;
    let squat = stored
        .iter()
        .find(|s| s.1 == "goblet_squat_dumbbell")
        .expect("stored");
    assert!((squat.4.unwrap() - 9.979).abs() < 0.01, "{squat:?}");
    assert!(
        html.contains("Also logged today") && html.contains("22 lb"),
        "{html}"
    );
}

async fn web_today_adapts(app: &TestApp) {
    let email = "bea@example.org";
    let user = member_with_plan(app, email).await;
    let (date, plan_day) = session_day(&user, today()).await;
    let date_s = date.to_string();
    let path = if date == today() {
        "/today".to_owned()
    } else {
        format!("/today?date={date}")
    };
    let next_before = day(&user, date + Duration::days(1)).await["next"].clone();
    let next_date = next_before["date"].as_str().unwrap().to_owned();
    let next_ids: Vec<String> = exercises(&next_before)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    // An exercise of today's session that comes again next time (a movement, not a breath).
    let exs = exercises(&plan_day);
    let ex = exs
        .iter()
        .filter(|e| next_ids.iter().any(|i| e["id"] == i.as_str()))
        .find(|e| {
            let id = e["id"].as_str().unwrap();
            id.contains("squat") || !(id.starts_with("connection") || id.starts_with("pf_"))
        })
        .expect("an exercise that comes again");
    let id = ex["id"].as_str().unwrap();
    let name = ex["name"].as_str().unwrap();

    // Leaking during a set: the plan is made again and the page says how.
    let (status, at, html) = user
        .submit(
            "/today/set",
            &[
                ("date", &date_s),
                ("exercise", id),
                ("set_number", "1"),
                ("reps", &amount(ex)),
                ("symptoms", "urinary_leakage"),
            ],
        )
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/today"));
    assert!(
        html.contains("We changed your plan")
            && html.contains("Because you reported <strong>leaking</strong>"),
        "{html}"
    );
    // The plan page says why in words, never the stored codes.
    let (_, _, plan_page) = user.page("/programme").await;
    let words = format!(
        "you logged leaking during {} on {}",
        name.replace('\'', "&#39;"),
        mumstrong_server::web::human_date(date)
    );
    assert!(plan_page.contains(&words), "{words}: {plan_page}");
    assert!(
        !plan_page.contains("urinary_leakage logged"),
        "a code on the plan page"
    );
    assert!(html.contains(&format!("during {name}")), "{html}");
    assert!(
        html.contains("Your session today") || html.contains("Your next session"),
        "{html}"
    );
    assert!(
        html.contains("Noted: leaking"),
        "the set shows what she reported"
    );
    let next_after = day(&user, date + Duration::days(1)).await["next"].clone();
    assert_eq!(next_after["date"].as_str().unwrap(), next_date);
    assert_ne!(
        next_before["session"]["exercises"], next_after["session"]["exercises"],
        "the next session changed"
    );
    // The JSON path says where to look instead of ticking in place.
    let (status, body) = post_json(
        &user,
        "/today/set",
        &[
            ("date", &date_s),
            ("exercise", id),
            ("set_number", "2"),
            ("reps", "3"),
            ("symptoms", "pelvic_heaviness"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["adapted"], true);
    assert!(body["redirect"].as_str().unwrap().contains("adapted=1"));

    // A check-in with leaking: adapted, and the page says what changed and what comes next.
    let (status, at, html) = user
        .submit(
            "/today/checkin",
            &[
                ("date", &date_s),
                ("symptoms", "urinary_leakage"),
                ("rpe", "6"),
                ("mood", "4"),
                ("sleep_hours", "5.5"),
                ("notes", "a little leak on the squats"),
            ],
        )
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/today"));
    assert!(
        html.contains("We changed your plan")
            && html.contains("Because you reported <strong>leaking</strong>,"),
        "{html}"
    );
    assert!(
        html.contains("You checked in") && html.contains("effort 6") && html.contains("mood Good"),
        "{html}"
    );
    let (u, _) = app.store.user_by_email(email).await.unwrap().unwrap();
    let programme = app.store.latest_programme(u.id).await.unwrap().unwrap();
    assert!(
        programme
            .reason
            .starts_with("adapted: urinary_leakage noted in the check-in"),
        "{}",
        programme.reason
    );
    let (_, _, again) = user.page(&path).await;
    assert!(
        again.contains("We changed your plan"),
        "still said on the day"
    );

    // A check-in without symptoms changes nothing and says nothing about changes.
    let before = app.store.latest_programme(u.id).await.unwrap().unwrap().id;
    let (_, at, _) = user
        .submit("/today/checkin", &[("date", &date_s), ("mood", "5")])
        .await;
    assert_eq!(at, "/today");
    assert_eq!(
        app.store.latest_programme(u.id).await.unwrap().unwrap().id,
        before
    );

    // A warning sign: the page is taken over by what to do now, with no exercises.
    let (status, at, html) = user
        .submit(
            "/today/checkin",
            &[("date", &date_s), ("red_flags", "chest_pain")],
        )
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/today"));
    assert!(
        html.contains("class=\"urgent takeover\"")
            && html.contains("Stop exercising and get help now"),
        "{html}"
    );
    assert!(html.contains("999"), "where to get help: {html}");
    assert!(
        !html.contains("action=\"/today/set\"") && !html.contains(&format!("id=\"ex-{id}\"")),
        "no exercises"
    );
    let (_, _, pf) = user.page("/pelvic-floor").await;
    assert!(
        pf.contains("Stop exercising and get help now") && !pf.contains("id=\"pf-timer\""),
        "{pf}"
    );
    // Ticked by mistake: she can take it back, and the plan returns.
    let flagged = app
        .store
        .checkins_between(u.id, date, date, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.red_flags.contains("chest_pain"))
        .unwrap();
    assert!(html.contains(&format!("/today/checkin/{}/delete", flagged.id)));
    let (status, _, html) = user
        .submit(
            &format!("/today/checkin/{}/delete", flagged.id),
            &[("date", &date_s)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("Stop exercising and get help now")
            && html.contains("action=\"/today/set\""),
        "{html}"
    );
}

async fn web_pelvic_floor(app: &TestApp) {
    // Without a plan: the target dose and how to do it.
    let plain = app.member("plain@example.org").await;
    let (status, _, html) = plain.page("/pelvic-floor").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("10 slow holds of 10 seconds") && html.contains("Squeeze and lift"),
        "{html}"
    );
    assert!(html.contains("NICE") && html.contains("/static/pelvic_floor.js"));

    let email = "cat@example.org";
    let user = member_with_plan(app, email).await;
    let dose = day(&user, today()).await;
    let week = if dose["today"].is_null() {
        &dose["next"]["week"]
    } else {
        &dose["today"]["week"]
    };
    let pf = &week["pelvic_floor"];
    let (status, _, html) = user.page("/pelvic-floor").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!(
            "{} slow holds of {} seconds",
            pf["slow_holds"], pf["hold_seconds"]
        )),
        "this week's dose: {html}"
    );
    assert!(
        html.contains(&format!("data-holds=\"{}\"", pf["slow_holds"])),
        "timer gets the dose"
    );
    assert!(
        html.contains("0 of 3 done") && html.contains("start your streak"),
        "{html}"
    );
    assert!(html.contains("id=\"tick-1\""));

    let t = today().to_string();
    let (status, at, html) = user
        .submit("/pelvic-floor/tick", &[("date", &t), ("round", "1")])
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/pelvic-floor"));
    assert!(
        html.contains("1 of 3 done")
            && html.contains("Round 1 done")
            && html.contains("streak: 1 day"),
        "{html}"
    );
    // Ticking twice changes nothing.
    let (_, _, html) = user
        .submit("/pelvic-floor/tick", &[("date", &t), ("round", "1")])
        .await;
    assert!(html.contains("1 of 3 done"));
    // Two earlier days make a streak of three.
    for back in [1, 2] {
        let d = (today() - Duration::days(back)).to_string();
        let (status, _, _) = user
            .submit("/pelvic-floor/tick", &[("date", &d), ("round", "2")])
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let (_, _, html) = user.page("/pelvic-floor").await;
    assert!(html.contains("streak: 3 days in a row"), "{html}");
    // Today not yet practised does not break yesterday's streak.
    let tomorrow = today() + Duration::days(1);
    let (_, _, html) = user.page(&format!("/pelvic-floor?date={tomorrow}")).await;
    assert!(
        html.contains("streak: 3 days in a row") && html.contains("0 of 3 done"),
        "{html}"
    );
    // Today's page counts the rounds too.
    let (_, _, html) = user.page("/today").await;
    assert!(html.contains("1 of 3 rounds done today"), "{html}");

    // Bad input: named, nothing stored.
    let (status, _, html) = user
        .submit("/pelvic-floor/tick", &[("date", &t), ("round", "9")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Round: 9"), "{html}");
    let (status, _, html) = user
        .submit("/pelvic-floor/tick", &[("date", &t), ("round", "two")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Round:"), "{html}");
    let (status, _, html) = user.page("/pelvic-floor?date=yesterday").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Date:"), "{html}");
    let (u, _) = app.store.user_by_email(email).await.unwrap().unwrap();
    let ticks = app
        .store
        .pelvic_floor_between(u.id, today(), today())
        .await
        .unwrap();
    assert_eq!(ticks.len(), 1);
}

async fn web_today_coach_refused(app: &TestApp) {
    let coach = app.coach("coach@example.org", common::PASSWORD).await;
    for path in ["/today", "/pelvic-floor"] {
        let (status, _, html) = coach.page(path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(html.contains("for members"), "{html}");
    }
    let t = today().to_string();
    let (status, _, _) = coach
        .submit(
            "/today/set",
            &[
                ("date", &t),
                ("exercise", "glute_bridge"),
                ("set_number", "1"),
                ("reps", "8"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = coach
        .submit("/pelvic-floor/tick", &[("date", &t), ("round", "1")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = coach
        .submit("/today/checkin", &[("date", &t), ("mood", "3")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

both_backends!(web_today_session);
both_backends!(web_today_adapts);
both_backends!(web_pelvic_floor);
both_backends!(web_today_coach_refused);

/// Issue 13: a load she edits is the next set's default. She lifts more than the plan says on
/// set 1; set 2 offers what she lifted, not the plan's load.
async fn web_today_edited_load_is_next_default(app: &TestApp) {
    let user = app.member("loads@example.org").await;
    let r = user.put("/api/v1/profile", profile(30)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = user.post("/api/v1/programme", json!({})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // The first weeks are bodyweight foundations: look through the plan's first 12 weeks.
    let mut found = None;
    for offset in 0..84 {
        let date = today() + Duration::days(offset);
        let view = day(&user, date).await;
        if let Some(ex) = exercises(&view["today"])
            .into_iter()
            .find(|e| e["load_kg"].as_f64().is_some() && e["sets"].as_u64().unwrap_or(1) >= 2)
        {
            found = Some((date, ex));
            break;
        }
    }
    let (date, ex) = found.expect("a loaded exercise of two sets or more in 12 weeks");
    // Her clock moves to that day: sets are logged for today or before.
    // (A month on, her session has expired: she signs in again.)
    app.advance((date - today()).whole_seconds());
    user.sign_in("loads@example.org", "/today").await;
    let id = ex["id"].as_str().unwrap();
    let planned = ex["load_kg"].as_f64().unwrap();
    let path = format!("/today?date={date}");
    let input = |html: &str, n: u8| -> Option<String> {
        let at = html.find(&format!("id=\"load-{id}-{n}\""))?;
        let rest = &html[at..];
        let v = rest.find("value=\"")? + 7;
        Some(rest[v..v + rest[v..].find('"')?].to_owned())
    };
    let (_, _, html) = user.page(&path).await;
    let shown = input(&html, 2).unwrap_or_else(|| {
        panic!(
            "set 2 has a load field: {}",
            &html[html.find(&format!("ex-{id}")).unwrap_or(0)..][..3000.min(html.len())]
        )
    });
    assert_eq!(shown.parse::<f64>().unwrap(), planned, "{shown}");

    let lifted = planned + 2.0;
    let reps = amount(&ex);
    let (date_s, lifted_s) = (date.to_string(), lifted.to_string());
    let fields = [
        ("date", date_s.as_str()),
        ("exercise", id),
        ("target_reps", reps.as_str()),
        ("set_number", "1"),
        ("reps", reps.as_str()),
        ("load", lifted_s.as_str()),
    ];
    let (status, _, _) = user.submit("/today/set", &fields).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, html) = user.page(&path).await;
    let shown = input(&html, 2).expect("set 2 still open");
    assert_eq!(
        shown.parse::<f64>().unwrap(),
        lifted,
        "set 2 offers what she lifted"
    );
}
both_backends!(web_today_edited_load_is_next_default);

/// After the walk-run's 30 minutes, Today shows the day's own run (long, easy, strides or
/// intervals) with the cues on cadence and posture and the stop rule, as the plan sets it
/// (issue 13; docs/clinical-facts.md a), and the API's day carries the same runs.
async fn web_today_running_progression(app: &TestApp) {
    let user = app.member("runner@example.com").await;
    let mut p = profile(14);
    p["health"]["pelvic_health_assessment_done"] = json!(true);
    p["readiness"] = json!({
        "walk_30_min": true, "single_leg_balance_10s": true, "single_leg_squat_10": true,
        "jog_on_spot_1_min": true, "forward_bounds_10": true, "hop_on_spot_10": true,
        "single_leg_running_man_10": true, "single_leg_calf_raise_20": true,
        "single_leg_bridge_20": true, "single_leg_sit_to_stand_20": true,
        "side_lying_abduction_20": true
    });
    p["training"]["goals"] = json!(["running", "strength"]);
    p["training"]["days_per_week"] = json!(4);
    p["training"]["minutes_per_session"] = json!(40);
    let r = user.put("/api/v1/profile", p).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = user.post("/api/v1/programme", json!({"weeks": 24})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // The walk-run takes at least 10 weeks; look for a run day of the progression after it.
    let mut found = None;
    for offset in 70..(24 * 7) {
        let date = today() + Duration::days(offset);
        let view = day(&user, date).await;
        let runs = view["today"]["walk_run"]["runs"].as_array().cloned();
        if view["today"]["kind"] == "run"
            && let Some(run) = runs
                .unwrap_or_default()
                .into_iter()
                .find(|r| r["date"] == date.to_string())
        {
            found = Some((date, run));
            break;
        }
    }
    let (date, run) = found.expect("a run day after the walk-run");
    let text = run["text"].as_str().unwrap();
    assert!(
        text.contains("Cadence") && text.contains("if you leak"),
        "{text}"
    );
    let (status, _, html) = user.page(&format!("/today?date={date}")).await;
    assert_eq!(status, StatusCode::OK);
    let first = text.split(". ").next().unwrap();
    assert!(html.contains(first), "the day's own run on Today: {first}");
    assert!(html.contains("short, quick steps"));
    assert!(
        !html.contains("Stage 10."),
        "not the walk-run's last stage again"
    );
}
both_backends!(web_today_running_progression);
