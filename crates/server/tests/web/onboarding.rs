//! The onboarding questionnaire and the screening page, through forms as she uses them: every
//! step, stopping half-way and coming back, errors on a step, the save, the urgent takeover,
//! editing a profile into version 2, weights in pounds, and who may not see these pages.

use crate::common;
use crate::common::{PASSWORD, TestApp, User, today};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

pub(super) fn birth_date(weeks: i64) -> String {
    (today() - Duration::weeks(weeks)).to_string()
}

/// Signs in through the sign-in form; a member without a profile starts at onboarding.
async fn sign_in(user: &User, email: &str) {
    let (status, at, _) = user.sign_in(email, "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(at, "/onboarding", "a member without a profile starts there");
}

/// Submits a step and asserts where she lands.
pub(super) async fn step(user: &User, path: &str, fields: &[(&str, &str)], lands: &str) -> String {
    let (status, at, html) = user.submit(path, fields).await;
    assert_eq!(
        (status, at.as_str()),
        (StatusCode::OK, lands),
        "{path}: {html}"
    );
    html
}

pub(super) const BIRTH: &str = "/onboarding/birth";
pub(super) const FEEL: &str = "/onboarding/feel";
pub(super) const WARNING: &str = "/onboarding/warning-signs";
pub(super) const MOOD: &str = "/onboarding/mood";
pub(super) const READINESS: &str = "/onboarding/readiness";
pub(super) const TRAINING: &str = "/onboarding/training";
pub(super) const REVIEW: &str = "/onboarding/review";

/// The whole questionnaire with plain answers, red flags as given; ends on the review.
async fn walk(user: &User, weeks: i64, red_flags: &[&str]) {
    let date = birth_date(weeks);
    step(
        user,
        BIRTH,
        &[("birth.date", &date), ("birth.delivery", "vaginal")],
        FEEL,
    )
    .await;
    step(
        user,
        FEEL,
        &[
            ("health.postnatal_check_done", "yes"),
            ("health.pelvic_health_assessment_done", "no"),
        ],
        WARNING,
    )
    .await;
    let flags: Vec<(&str, &str)> = red_flags.iter().map(|f| ("health.red_flags", *f)).collect();
    step(user, WARNING, &flags, MOOD).await;
    step(user, MOOD, &[("go", "skip")], READINESS).await;
    step(user, READINESS, &[], TRAINING).await;
    step(
        user,
        TRAINING,
        &[
            ("training.goals", "strength"),
            ("training.experience", "beginner"),
            ("training.days_per_week", "3"),
            ("training.minutes_per_session", "20"),
        ],
        REVIEW,
    )
    .await;
}

async fn web_onboarding_every_step(app: &TestApp) {
    let email = "ana@example.org";
    let ana = app.member(email).await;
    let id = app.id_of(email).await;

    // No profile yet: the screening sends her to the questionnaire, which starts at step 1.
    let (status, at, html) = ana.page("/screening").await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/onboarding"));
    assert!(html.contains("Step 1 of 7"), "{html}");
    assert!(html.contains("When was your baby born?"));
    // Later steps wait until the earlier ones are done.
    let (_, at, _) = ana.page(TRAINING).await;
    assert_eq!(at, BIRTH);

    // Step 1: a future date is caught on the step, with what she typed kept.
    let (status, at, html) = ana
        .submit(
            BIRTH,
            &[
                ("birth.date", "2099-01-01"),
                ("birth.delivery", "planned_caesarean"),
                ("birth.baby_birth_weight", "3.4"),
            ],
        )
        .await;
    assert_eq!(
        (status, at.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, BIRTH)
    );
    assert!(html.contains("is in the future"), "{html}");
    assert!(html.contains("value=\"2099-01-01\""), "date kept");
    assert!(html.contains("value=\"3.4\""), "weight kept");
    assert!(
        html.contains("aria-invalid=\"true\"") && html.contains("f-birth-date-error"),
        "the field is marked: {html}"
    );
    assert!(
        html.contains("value=\"planned_caesarean\" checked"),
        "choice kept"
    );
    assert!(
        app.store.onboarding_draft(id).await.unwrap().is_none(),
        "nothing saved"
    );

    let date = birth_date(16);
    step(
        &ana,
        BIRTH,
        &[
            ("birth.date", &date),
            ("birth.delivery", "vaginal"),
            ("birth.perineal_tear", "second"),
            ("birth.babies", "1"),
            ("birth.baby_sex", "female"),
            ("birth.baby_birth_weight", "3.4"),
        ],
        FEEL,
    )
    .await;
    // Step 2: the symptoms in plain words, each explained.
    let (_, _, html) = ana.page(FEEL).await;
    assert!(html.contains("Step 2 of 7"));
    assert!(html.contains("Leaking urine") && html.contains("when you cough, sneeze"));
    assert!(html.contains("Tummy doming"));
    let (status, _, html) = ana
        .submit(FEEL, &[("health.symptoms", "urinary_leakage")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("postnatal check"),
        "the missing answer is named: {html}"
    );
    assert!(
        html.contains("value=\"urinary_leakage\" checked"),
        "ticks kept"
    );
    step(
        &ana,
        FEEL,
        &[
            ("health.postnatal_check_done", "yes"),
            ("health.pelvic_health_assessment_done", "no"),
            ("health.breastfeeding", "yes"),
            ("health.symptoms", "urinary_leakage"),
            ("health.diastasis_finger_widths", "1.5"),
            ("training.aches", "back"),
        ],
        WARNING,
    )
    .await;

    // She stops half-way, signs out, and comes back: the draft is kept.
    let (_, at, _) = ana.submit("/logout", &[]).await;
    assert_eq!(at, "/");
    let (_, at, _) = ana.page("/onboarding").await;
    assert_eq!(at, "/login");
    sign_in(&ana, email).await;
    let (status, at, html) = ana.page("/onboarding").await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/onboarding"));
    assert!(
        html.contains("Step 3 of 7") && html.contains("Warning signs"),
        "{html}"
    );
    assert!(html.contains("stop exercising and get help now"));
    let (_, _, html) = ana.page(BIRTH).await;
    assert!(
        html.contains(&format!("value=\"{date}\"")),
        "her date is still there"
    );
    assert!(html.contains("value=\"second\" checked"));
    let (_, _, html) = ana.page(FEEL).await;
    assert!(html.contains("value=\"1.5\""));

    // Back saves and goes back.
    step(&ana, WARNING, &[("go", "back")], FEEL).await;
    step(&ana, WARNING, &[], MOOD).await;

    // Step 4: the Whooley questions in words; the EPDS only as the scores on her paper form,
    // and half of them names the first item left.
    let (_, _, html) = ana.page(MOOD).await;
    assert!(html.contains("have you often been bothered by feeling down, depressed or hopeless?"));
    assert!(
        html.contains("I have EPDS scores from my health visitor&#39;s form")
            || html.contains("I have EPDS scores from my health visitor's form")
    );
    assert!(html.contains("EPDS item 10: score") && !html.contains("Fourth"));
    assert!(html.contains("Skip this step"));
    let noes = [
        ("health.whooley.down", "no"),
        ("health.whooley.no_interest", "no"),
    ];
    let half: Vec<(String, String)> = (0..5)
        .map(|i| (format!("health.epds_scores[{i}]"), "0".to_owned()))
        .collect();
    let mut half_ref: Vec<(&str, &str)> =
        half.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    half_ref.extend(noes);
    let (status, _, html) = ana.submit(MOOD, &half_ref).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("EPDS item 6 is not answered"), "{html}");
    assert!(html.contains("f-health-epds-scores-5-error"), "by the item");
    // Scores 3 on the reversed items 3 and 5 to 9: a total of 18, item 10 scored 0.
    let scores = [0, 0, 3, 0, 3, 3, 3, 3, 3, 0];
    let all: Vec<(String, String)> = scores
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("health.epds_scores[{i}]"), v.to_string()))
        .collect();
    let mut all_ref: Vec<(&str, &str)> =
        all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    all_ref.extend(noes);
    step(&ana, MOOD, &all_ref, READINESS).await;

    // Step 5: each test with how to do it; passed, not passed or not tried.
    let (_, _, html) = ana.page(READINESS).await;
    assert!(html.contains("Walk for 30 minutes") && html.contains("Not tried"));
    assert!(
        html.contains("Lie on your back, knees bent"),
        "how to do it"
    );
    step(
        &ana,
        READINESS,
        &[
            ("readiness.walk_30_min", "passed"),
            ("readiness.single_leg_balance_10s", "passed"),
            ("readiness.hop_on_spot_10", "not_passed"),
        ],
        TRAINING,
    )
    .await;
    let (_, _, html) = ana.page(READINESS).await;
    assert!(
        html.contains("value=\"not_passed\" checked"),
        "tried but not passed is remembered"
    );

    // Step 6: minutes 0 and dumbbells without weights are caught on the step.
    let training = [
        ("training.goals", "strength"),
        ("training.goals", "pelvic_floor"),
        ("training.experience", "returning"),
        ("training.days_per_week", "3"),
        ("training.minutes_per_session", "0"),
        ("training.equipment", "dumbbells"),
        ("training.dumbbell_weights", "4, 6, 8"),
        ("training.equipment", "mat"),
    ];
    let (status, _, html) = ana.submit(TRAINING, &training).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("from 10 to 120"), "{html}");
    assert!(html.contains("f-training-minutes-per-session-error"));
    assert!(html.contains("value=\"0\"") && html.contains("value=\"4, 6, 8\""));
    let mut no_weights = training.to_vec();
    no_weights[4] = ("training.minutes_per_session", "25");
    no_weights[6] = ("training.dumbbell_weights", "");
    let (status, _, html) = ana.submit(TRAINING, &no_weights).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("give the weights of your dumbbells")
            || html.contains("Give the weights of your dumbbells"),
        "{html}"
    );
    let mut good = training.to_vec();
    good[4] = ("training.minutes_per_session", "25");
    let html = step(&ana, TRAINING, &good, REVIEW).await;

    // Step 7: everything on one page, each with a change link.
    assert!(html.contains("Step 7 of 7"));
    assert!(html.contains("Vaginal birth") && html.contains("Leaking urine"));
    assert!(html.contains("Dumbbells (4, 6, 8 kg)"), "{html}");
    assert!(html.contains("2 of 11 passed"));
    for s in [
        "birth",
        "feel",
        "warning-signs",
        "mood",
        "readiness",
        "training",
    ] {
        assert!(
            html.contains(&format!("href=\"/onboarding/{s}?return=review\"")),
            "{s}"
        );
    }
    // A change from the review goes back to the review.
    let (_, _, html) = ana.page("/onboarding/feel?return=review").await;
    assert!(html.contains("name=\"return\" value=\"review\""));

    let (status, at, html) = ana.submit(REVIEW, &[]).await;
    assert_eq!(
        (status, at.as_str()),
        (StatusCode::OK, "/screening"),
        "{html}"
    );
    assert!(
        app.store.onboarding_draft(id).await.unwrap().is_none(),
        "draft gone"
    );
    assert!(html.contains("Your screening"));
    assert!(html.contains("Safe now") && html.contains("What waits"));
    assert!(
        html.contains("A pelvic-health physiotherapist"),
        "who to see"
    );
    assert!(
        html.contains("Why:") && html.contains("You report: leaking urine"),
        "the reason"
    );
    assert!(
        html.contains("Source: Goom, Donnelly &amp; Brockwell 2019"),
        "the source"
    );
    assert!(html.contains("EPDS mood score is 18"), "the mood score");
    assert!(html.contains("action=\"/programme\"") && html.contains("Make my programme"));
    assert!(html.contains("name=\"weeks\""));
    assert!(html.contains("answers version 1"));
    assert!(html.contains("id=\"history\"") && html.contains("Referral advised"));
    assert!(!html.contains("class=\"urgent"), "not urgent");

    // The profile saved is the API's: the same shape, in kg.
    let r = ana.get("/api/v1/profile").await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["version"], 1);
    let p = &body["profile"];
    assert_eq!(p["birth"]["date"], date);
    assert_eq!(p["birth"]["perineal_tear"], "second");
    assert_eq!(p["birth"]["baby_birth_weight_kg"], 3.4);
    assert_eq!(p["health"]["symptoms"], json!(["urinary_leakage"]));
    // Stored as the profile keeps the EPDS: answer positions (item 10 scored 0 is position 3).
    assert_eq!(p["health"]["epds"], json!([0, 0, 0, 0, 0, 0, 0, 0, 0, 3]));
    assert_eq!(
        p["health"]["whooley"],
        json!({"down": false, "no_interest": false})
    );
    assert_eq!(p["readiness"]["walk_30_min"], true);
    assert_eq!(p["readiness"]["hop_on_spot_10"], false);
    assert_eq!(p["training"]["minutes_per_session"], 25);
    assert_eq!(p["training"]["aches"], json!(["back"]));
    assert_eq!(
        p["training"]["equipment"],
        json!(["bodyweight", "dumbbells:4,6,8", "mat"])
    );
    assert!(p.get("_web").is_none(), "the pages' notes are not saved");

    // Finished: the questionnaire now opens on her answers, to edit.
    let (_, at, html) = ana.page("/onboarding").await;
    assert_eq!(at, "/onboarding");
    assert!(
        html.contains("Check your answers") && html.contains("version 2"),
        "{html}"
    );
}

async fn web_onboarding_red_flag_takes_over(app: &TestApp) {
    let ben = app.member("ben@example.org").await;
    walk(&ben, 10, &["heavy_bleeding"]).await;
    // Every step after the warning signs shows, at once, the stop her screening will give:
    // her reasons, what to do now, her numbers to call; her answers are kept for later.
    for step in ["/onboarding/mood", REVIEW] {
        let (_, _, html) = ben.page(step).await;
        assert!(html.contains("Stop exercising and get help now"), "{step}");
        assert!(
            html.contains("heavy or sudden bleeding"),
            "{step}: her reason"
        );
        assert!(
            html.contains("class=\"button danger call\" href=\"tel:999\""),
            "{step}"
        );
        assert!(
            html.contains("you can finish these questions later"),
            "{step}"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{step}: one heading");
    }
    let (status, at, html) = ben.submit(REVIEW, &[]).await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/screening"));
    let urgent_at = html.find("class=\"urgent").expect("urgent section");
    let h1_at = html.find("<h1").expect("a heading");
    assert!(urgent_at < h1_at, "the urgent box comes first");
    assert!(html.contains("Stop exercising and get help now"));
    assert!(html.contains("heavy or sudden bleeding"), "{html}");
    for tel in ["tel:999", "tel:112", "tel:911"] {
        assert!(html.contains(tel), "{tel}");
    }
    assert!(html.contains("Source: AWHONN POST-BIRTH warning signs"));
    assert!(!html.contains("Make my programme"), "nothing competes");
    assert!(!html.contains("action=\"/programme\""));
    assert!(html.contains("Urgent: get help"), "history");

    // Thoughts of self-harm: Samaritans and NHS 111 to call.
    let cara = app.member("cara@example.org").await;
    walk(&cara, 20, &["thoughts_of_self_harm"]).await;
    let (_, _, html) = cara.submit(REVIEW, &[]).await;
    assert!(html.contains("Stop exercising and get help now"));
    assert!(
        html.contains("tel:116123") && html.contains("tel:111"),
        "{html}"
    );
}

async fn web_onboarding_edit_makes_version_2(app: &TestApp) {
    let email = "dee@example.org";
    let dee = app.member(email).await;
    let r = dee.put("/api/v1/profile", common::profile(20)).await;
    assert_eq!(r.status(), StatusCode::OK);

    // She starts from her saved answers, on the review.
    let (status, at, html) = dee.page("/onboarding").await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/onboarding"));
    assert!(html.contains("Check your answers") && html.contains("Saving makes version 2"));
    assert!(html.contains("Dumbbells (4, 6, 8, 10 kg)"), "{html}");
    let (_, _, html) = dee.page("/onboarding/training?return=review").await;
    assert!(html.contains("value=\"4, 6, 8, 10\""));
    assert!(html.contains("value=\"returning\" checked"));

    // Pounds: weights are shown and read in her unit, stored in kg without drift.
    let id = app.id_of(email).await;
    app.store.set_unit(id, "lb", 0).await.unwrap();
    let (_, _, html) = dee.page("/onboarding/training?return=review").await;
    assert!(html.contains("Dumbbell weights in lb"));
    assert!(html.contains("value=\"8.8, 13.2, 17.6, 22\""), "{html}");
    step(
        &dee,
        TRAINING,
        &[
            ("return", "review"),
            ("training.goals", "strength"),
            ("training.experience", "returning"),
            ("training.days_per_week", "4"),
            ("training.minutes_per_session", "30"),
            ("training.equipment", "dumbbells"),
            ("training.dumbbell_weights", "8.8, 13.2, 17.6, 22, 30"),
        ],
        REVIEW,
    )
    .await;
    let (_, at, html) = dee.submit(REVIEW, &[]).await;
    assert_eq!(at, "/screening");
    assert!(html.contains("answers version 2"), "{html}");
    assert!(html.contains("Answers version 1") && html.contains("Answers version 2"));
    let body: Value = dee.get("/api/v1/profile").await.json().await.unwrap();
    assert_eq!(body["version"], 2);
    assert_eq!(body["profile"]["training"]["days_per_week"], 4);
    assert_eq!(
        body["profile"]["training"]["equipment"],
        json!(["bodyweight", "dumbbells:4,6,8,10,13.61"])
    );
    let history: Value = dee
        .get("/api/v1/profile/history")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history["versions"].as_array().unwrap().len(), 2);
}

async fn web_onboarding_save_errors_go_to_their_step(app: &TestApp) {
    let email = "eve@example.org";
    let eve = app.member(email).await;
    let id = app.id_of(email).await;
    // A draft whose answers the profile refuses (say, kept from an old version): the save
    // sends her to the step that owns the field, with the message by it.
    let draft = json!({
        "birth": {"date": birth_date(10), "delivery": "vaginal"},
        "health": {"postnatal_check_done": true},
        "training": {"goals": ["strength"], "experience": "beginner", "days_per_week": 3,
                     "minutes_per_session": 20, "equipment": ["bodyweight", "kettlebell"]}
    });
    app.store
        .save_onboarding_draft(id, &draft.to_string(), "review", 0)
        .await
        .unwrap();
    let (status, at, html) = eve.submit(REVIEW, &[]).await;
    assert_eq!(
        (status, at.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, REVIEW)
    );
    assert!(
        html.contains("Your training") && html.contains("Step 6 of 7"),
        "{html}"
    );
    assert!(
        html.contains("f-training-kettlebell-weights-error"),
        "by the field"
    );
    assert!(html.contains("needs its weights"));
    assert!(
        app.store.latest_profile(id).await.unwrap().is_none(),
        "nothing saved"
    );

    let draft = json!({"birth": {"delivery": "vaginal"}});
    app.store
        .save_onboarding_draft(id, &draft.to_string(), "review", 0)
        .await
        .unwrap();
    let (status, _, html) = eve.submit(REVIEW, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Your birth") && html.contains("f-birth-date-error"),
        "{html}"
    );

    // An unknown step is a 404 page.
    let (status, _, _) = eve.page("/onboarding/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn web_onboarding_save_errors_use_labels(app: &TestApp) {
    let email = "fay@example.org";
    let fay = app.member(email).await;
    let id = app.id_of(email).await;
    // She ticked bleeding after 8 weeks, then changed the birth date to 5 weeks ago: the save
    // refuses, in the page's words (the profile's message quotes `bleeding_beyond_8_weeks`).
    let draft = json!({
        "birth": {"date": birth_date(5), "delivery": "vaginal"},
        "health": {"postnatal_check_done": false, "symptoms": ["bleeding_beyond_8_weeks"]},
        "training": {"goals": ["strength"], "experience": "beginner", "days_per_week": 3,
                     "minutes_per_session": 20, "equipment": ["bodyweight"]}
    });
    app.store
        .save_onboarding_draft(id, &draft.to_string(), "review", 0)
        .await
        .unwrap();
    let (status, _, html) = fay.submit(REVIEW, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("How you feel now"), "{html}");
    assert!(
        html.contains("cannot apply yet: you are 5 weeks after birth"),
        "{html}"
    );
    assert!(!html.contains('`'), "no profile words: {html}");

    let draft = json!({
        "birth": {"date": birth_date(10), "delivery": "vaginal"},
        "health": {"postnatal_check_done": true},
        "training": {"goals": ["strength"], "experience": "beginner", "days_per_week": 3,
                     "minutes_per_session": 20, "equipment": ["bodyweight", "barbell"]}
    });
    app.store
        .save_onboarding_draft(id, &draft.to_string(), "review", 0)
        .await
        .unwrap();
    let (status, _, html) = fay.submit(REVIEW, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-training-barbell-weights-error"), "{html}");
    assert!(
        html.contains(
            "Barbell (gym) needs its weights: give the weights of your barbell loads in kg"
        ),
        "{html}"
    );
    assert!(!html.contains('`'), "no profile words: {html}");
}

async fn web_onboarding_unreadable_draft_starts_again(app: &TestApp) {
    let email = "gil@example.org";
    let gil = app.member(email).await;
    let id = app.id_of(email).await;
    // A draft these pages cannot read (an equipment word no version knew): she starts again at
    // the first step instead of meeting an error page.
    let draft = json!({"training": {"equipment": ["trampoline"]}});
    app.store
        .save_onboarding_draft(id, &draft.to_string(), "review", 0)
        .await
        .unwrap();
    let (status, at, html) = gil.page("/onboarding").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(at, "/onboarding");
    assert!(html.contains("Step 1 of 7"), "{html}");
    let (status, at, _) = gil.page(REVIEW).await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, BIRTH));
}

async fn web_onboarding_not_for_coaches_or_strangers(app: &TestApp) {
    let coach = app.coach("coach@example.org", PASSWORD).await;
    for path in ["/onboarding", BIRTH, "/screening"] {
        let (status, _, html) = coach.page(path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(html.contains("for members"), "{path}: {html}");
    }
    let (status, _, _) = coach
        .submit(
            BIRTH,
            &[("birth.date", "2026-01-01"), ("birth.delivery", "vaginal")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let anon = User::new(app);
    for path in ["/onboarding", REVIEW, "/screening"] {
        let (_, at, _) = anon.page(path).await;
        assert_eq!(at, "/login", "{path}");
    }
    let r = anon.get("/screening").await;
    assert_eq!(r.url().query(), Some("next=%2Fscreening"));
}

both_backends!(web_onboarding_every_step);
both_backends!(web_onboarding_red_flag_takes_over);
both_backends!(web_onboarding_edit_makes_version_2);
both_backends!(web_onboarding_save_errors_go_to_their_step);
both_backends!(web_onboarding_save_errors_use_labels);
both_backends!(web_onboarding_unreadable_draft_starts_again);
both_backends!(web_onboarding_not_for_coaches_or_strangers);
