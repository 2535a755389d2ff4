//! The onboarding mood step through its forms: two noes go on, a yes asks the PHQ-9 in its own
//! words, the first answer everywhere is "Not at all" (no self-harm), PHQ-9 item 9 above 0 shows
//! the urgent stop at once, and the EPDS entered as the scores on her health visitor's form.

use crate::common::{TestApp, User};
use crate::onboarding::{
    BIRTH, FEEL, MOOD, READINESS, REVIEW, TRAINING, WARNING, birth_date, step,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

const STOP: &str = "Stop exercising and get help now";

/// A new member through the first three steps, on the mood step.
async fn to_mood(app: &TestApp, email: &str) -> User {
    let user = app.member(email).await;
    let date = birth_date(14);
    step(
        &user,
        BIRTH,
        &[("birth.date", &date), ("birth.delivery", "vaginal")],
        FEEL,
    )
    .await;
    step(
        &user,
        FEEL,
        &[
            ("health.postnatal_check_done", "yes"),
            ("health.pelvic_health_assessment_done", "no"),
        ],
        WARNING,
    )
    .await;
    step(&user, WARNING, &[], MOOD).await;
    user
}

/// From the readiness step to the saved screening; the review's HTML and the screening's.
async fn finish(user: &User) -> (String, String) {
    step(user, READINESS, &[], TRAINING).await;
    let review = step(
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
    let screening = step(user, REVIEW, &[], "/screening").await;
    (review, screening)
}

/// `field[i]` = each score, as the form sends them.
fn items(field: &str, scores: &[u8]) -> Vec<(String, String)> {
    scores
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("{field}[{i}]"), s.to_string()))
        .collect()
}

fn with<'a>(pairs: &'a [(String, String)], more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    out.extend_from_slice(more);
    out
}

const YES_DOWN: [(&str, &str); 2] = [
    ("health.whooley.down", "yes"),
    ("health.whooley.no_interest", "no"),
];

async fn saved_health(user: &User) -> Value {
    let body: Value = user.get("/api/v1/profile").await.json().await.unwrap();
    body["profile"]["health"].clone()
}

async fn web_mood_two_noes_go_on_without_the_phq9(app: &TestApp) {
    let ana = to_mood(app, "ana@example.org").await;
    let (_, _, html) = ana.page(MOOD).await;
    assert!(html.contains(
        "During the past month, have you often been bothered by having little interest or pleasure in doing things?"
    ));
    assert!(!html.contains("id=\"mood-more\""), "no PHQ-9 before a yes");
    // One question left out is named in words.
    let (status, _, html) = ana.submit(MOOD, &[("health.whooley.down", "no")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("little interest or pleasure"), "{html}");
    assert!(html.contains("f-health-whooley-no-interest-error"));
    step(
        &ana,
        MOOD,
        &[
            ("health.whooley.down", "no"),
            ("health.whooley.no_interest", "no"),
        ],
        READINESS,
    )
    .await;
    let (review, screening) = finish(&ana).await;
    assert!(review.contains("Often down, depressed or hopeless (past month)"));
    assert!(!review.contains("PHQ-9"), "none asked");
    assert!(!screening.contains(STOP));
    assert!(
        !screening.contains("full assessment"),
        "two noes refer no one"
    );
    let h = saved_health(&ana).await;
    assert_eq!(h["whooley"], json!({"down": false, "no_interest": false}));
    assert_eq!(h["phq9"], Value::Null);
}

async fn web_mood_a_yes_asks_the_phq9_and_not_at_all_is_not_self_harm(app: &TestApp) {
    let ben = to_mood(app, "ben@example.org").await;
    // A yes comes back to the step with the questions it leads to, in their own words.
    let html = step(&ben, MOOD, &YES_DOWN, MOOD).await;
    assert!(html.contains("id=\"mood-more\""), "{html}");
    assert!(html.contains("Is this something you feel you need or want help with?"));
    assert!(html.contains("Over the last 2 weeks, how often have you been bothered"));
    assert!(html.contains("Trouble falling or staying asleep, or sleeping too much"));
    assert!(
        html.contains(
            "Thoughts that you would be better off dead or of hurting yourself in some way"
        )
    );
    for label in [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ] {
        assert!(html.contains(label), "{label}");
    }
    assert!(html.contains("value=\"yes\" checked"), "her yes is kept");
    // Half the PHQ-9 names the first question left, in words.
    let half = items("health.phq9", &[0, 0, 0]);
    let (status, _, html) = ben
        .submit(
            MOOD,
            &with(
                &half,
                &[YES_DOWN[0], YES_DOWN[1], ("mood.follow_up", "shown")],
            ),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains(
            "PHQ-9 question 4 (&quot;Feeling tired or having little energy&quot;) is not answered"
        ),
        "{html}"
    );
    assert!(html.contains("f-health-phq9-3-error"));
    // The first answer everywhere: "Not at all", score 0, no stop.
    let first = items("health.phq9", &[0; 9]);
    let sent = with(
        &first,
        &[
            YES_DOWN[0],
            YES_DOWN[1],
            ("health.whooley.wants_help", "no"),
            ("mood.follow_up", "shown"),
        ],
    );
    let html = step(&ben, MOOD, &sent, READINESS).await;
    assert!(!html.contains(STOP), "Not at all is not self-harm");
    let (review, screening) = finish(&ben).await;
    assert!(review.contains("Thoughts that you would be better off dead or of hurting yourself in some way: <strong>Not at all</strong>"), "{review}");
    assert!(review.contains("Wants help with it"));
    assert!(!screening.contains(STOP), "not urgent");
    assert!(screening.contains("PHQ-9 score is 0"), "{screening}");
    let h = saved_health(&ben).await;
    assert_eq!(h["phq9"], json!([0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(
        h["whooley"],
        json!({"down": true, "no_interest": false, "wants_help": false})
    );
}

async fn web_mood_phq9_item_9_shows_the_stop_at_once(app: &TestApp) {
    let cara = to_mood(app, "cara@example.org").await;
    step(&cara, MOOD, &YES_DOWN, MOOD).await;
    let answers = items("health.phq9", &[1, 1, 0, 0, 0, 0, 0, 0, 1]);
    let sent = with(
        &answers,
        &[YES_DOWN[0], YES_DOWN[1], ("mood.follow_up", "shown")],
    );
    let html = step(&cara, MOOD, &sent, READINESS).await;
    assert!(
        html.contains(STOP),
        "the stop shows on the very next step: {html}"
    );
    assert!(html.contains("item 9 of the PHQ-9"), "her reason");
    assert!(html.contains("tel:116123"), "Samaritans to call");
    let (_, screening) = finish(&cara).await;
    assert!(screening.contains(STOP));
    assert!(!screening.contains("Make my programme"), "nothing competes");
}

async fn web_mood_a_yes_without_the_phq9_refers_for_a_full_assessment(app: &TestApp) {
    let dee = to_mood(app, "dee@example.org").await;
    step(&dee, MOOD, &YES_DOWN, MOOD).await;
    // She has seen the PHQ-9 and would rather not answer it now: she can go on.
    let sent = [
        YES_DOWN[0],
        YES_DOWN[1],
        ("health.whooley.wants_help", "yes"),
        ("mood.follow_up", "shown"),
    ];
    step(&dee, MOOD, &sent, READINESS).await;
    let (_, screening) = finish(&dee).await;
    assert!(screening.contains("full assessment"), "{screening}");
    assert!(screening.contains("Source: NICE CG192"), "{screening}");
    assert!(!screening.contains(STOP), "a yes is not urgent on its own");
}

async fn web_mood_epds_scores_from_the_paper_form(app: &TestApp) {
    let eve = to_mood(app, "eve@example.org").await;
    let (_, _, html) = eve.page(MOOD).await;
    assert!(
        html.contains("<details class=\"epds-scores\">"),
        "closed until she opens it"
    );
    // Every item scored 0 (what a first-answer-everywhere by position would have got wrong).
    let zeros = items("health.epds_scores", &[0; 10]);
    let html = step(&eve, MOOD, &with(&zeros, &[]), READINESS).await;
    assert!(!html.contains(STOP), "item 10 scored 0 is not self-harm");
    let h = eve.page(MOOD).await.2;
    assert!(
        h.contains("<details class=\"epds-scores\" open>"),
        "open on her scores"
    );
    // Item 10 scored 1: the self-harm item, the stop at once.
    let item10 = items("health.epds_scores", &[0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    let html = step(&eve, MOOD, &with(&item10, &[]), READINESS).await;
    assert!(html.contains(STOP), "{html}");
    let (review, screening) = finish(&eve).await;
    assert!(review.contains("Item 1: 0; item 2: 0"), "{review}");
    assert!(review.contains("item 10: 1"));
    assert!(screening.contains("item 10 of the mood questionnaire (EPDS)"));
    let h = saved_health(&eve).await;
    assert_eq!(
        h["epds"],
        json!([0, 0, 3, 0, 3, 3, 3, 3, 3, 2]),
        "kept as positions"
    );
}

both_backends!(web_mood_two_noes_go_on_without_the_phq9);
both_backends!(web_mood_a_yes_asks_the_phq9_and_not_at_all_is_not_self_harm);
both_backends!(web_mood_phq9_item_9_shows_the_stop_at_once);
both_backends!(web_mood_a_yes_without_the_phq9_refers_for_a_full_assessment);
both_backends!(web_mood_epds_scores_from_the_paper_form);
