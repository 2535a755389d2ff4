//! Issue 17, item 1: a long exercise name froze the server (a 1 MiB `Exercise Name` took 12.7 s
//! to preview, on the threads that answer requests). Every text field of an import is bounded
//! (422 naming the line and the column), and files are read off the request threads, so
//! `/healthz` answers while big files are read.

use crate::common;
use crate::common::{TestApp, error_of, json_of};
use reqwest::{Method, StatusCode};
use serde_json::json;

const STRONG_HEADER: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE";

/// A Strong export with one set of `exercise`, noted `note`.
fn strong_with(exercise: &str, note: &str) -> String {
    format!("{STRONG_HEADER}\n2025-03-04 09:15:00,Morning,30m,{exercise},1,10,8,,,{note},,\n")
}

async fn long_text_is_refused_with_its_line_and_column(app: &TestApp) {
    let mum = app.member("long@example.org").await;
    let upload = |body: String, content_type: &'static str| {
        let mum = &mum;
        async move {
            mum.raw(
                Method::POST,
                "/api/v1/imports?dry_run=true&unit=kg",
                content_type,
                &body,
            )
            .await
        }
    };
    // A refused file: 422 naming `file`, and the message.
    let refused = |body: String, content_type: &'static str| {
        let upload = &upload;
        async move {
            let r = upload(body, content_type).await;
            let body = error_of(
                r,
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("file"),
            )
            .await;
            body["error"]["message"].as_str().unwrap().to_owned()
        }
    };
    let previewed = |body: String| {
        let upload = &upload;
        async move {
            let preview = json_of(upload(body, "text/csv").await, StatusCode::OK).await;
            assert_eq!(preview["summary"]["sets"], 1, "{preview}");
        }
    };

    // A 1 MiB name: refused at once, naming the line, the column and the limit.
    let name = "Squat ".repeat(1024 * 1024 / 6);
    let message = refused(strong_with(&name, ""), "text/csv").await;
    assert!(
        message.contains("line 2")
            && message.contains("`Exercise Name`")
            && message.contains("at most 200"),
        "{message}"
    );
    assert!(
        message.len() < 400,
        "the message echoes the name: {message}"
    );

    // A name of 201 characters is over; 200 is fine.
    refused(strong_with(&"a".repeat(201), ""), "text/csv").await;
    previewed(strong_with(&"a".repeat(200), "")).await;

    // Notes may be longer (2,000 characters), not unbounded.
    previewed(strong_with("Squat", &"n".repeat(2000))).await;
    let message = refused(strong_with("Squat", &"n".repeat(2001)), "text/csv").await;
    assert!(
        message.contains("`Notes`") && message.contains("at most 2000"),
        "{message}"
    );
    // The workout name is a name.
    let csv = format!(
        "{STRONG_HEADER}\n2025-03-04 09:15:00,{},30m,Squat,1,10,8,,,,,\n",
        "W".repeat(5000)
    );
    let message = refused(csv, "text/csv").await;
    assert!(message.contains("`Workout Name`"), "{message}");

    // Our own JSON export: the exercise is bounded too, naming the entry and the key.
    let export = json!({
        "format": "mumstrong export 1",
        "sets": [
            {"date": "2025-03-04", "exercise": "glute_bridge", "reps": 10},
            {"date": "2025-03-04", "exercise": format!("custom:{}", "x".repeat(1 << 20)), "reps": 10},
        ],
    });
    let message = refused(export.to_string(), "application/json").await;
    assert!(
        message.contains("line 2") && message.contains("`exercise`"),
        "{message}"
    );
    // Nothing was stored by any of it.
    let history = json_of(mum.get("/api/v1/imports").await, StatusCode::OK).await;
    assert_eq!(
        history["imports"].as_array().map(Vec::len),
        Some(0),
        "{history}"
    );
}
both_backends!(long_text_is_refused_with_its_line_and_column);

/// A big, valid Strong export: `sessions` workouts of 20 sets.
fn big_strong(sessions: usize) -> String {
    let mut csv = String::from(STRONG_HEADER);
    csv.push('\n');
    for s in 0..sessions {
        let day = 1 + s % 28;
        let month = 1 + (s / 28) % 12;
        let year = 2015 + s / (28 * 12);
        for set in 1..=20 {
            csv.push_str(&format!(
                "{year}-{month:02}-{day:02} 09:15:00,Workout {s},45m,Goblet Squat (Kettlebell),{set},12,10,,,,,\n"
            ));
        }
    }
    csv
}

/// Two big files read at once (as many as the server has worker threads in this test) leave
/// the request threads free: `/healthz` keeps answering while they are read. Before, both
/// threads parsed and `/healthz` waited for them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_while_big_files_are_read() {
    let Some(app) = common::spawn(common::Db::Sqlite, "healthz_while_reading").await else {
        return;
    };
    let csv = big_strong(6000); // 120,000 sets, about 9 MB
    let mut uploads = Vec::new();
    for n in 0..2 {
        let mum = app.member(&format!("big{n}@example.org")).await;
        let csv = csv.clone();
        uploads.push(tokio::spawn(async move {
            let r = mum
                .raw(
                    Method::POST,
                    "/api/v1/imports?dry_run=true&unit=kg",
                    "text/csv",
                    &csv,
                )
                .await;
            json_of(r, StatusCode::OK).await
        }));
    }
    // While both files are being read, ask /healthz again and again (each answer awaited
    // before the next question), until both uploads have answered.
    let client = reqwest::Client::new();
    let url = format!("{}/healthz", app.base());
    let mut answered_while_reading = 0;
    while uploads.iter().any(|u| !u.is_finished()) {
        let r = client.get(&url).send().await.expect("healthz");
        assert_eq!(r.status(), StatusCode::OK);
        if uploads.iter().any(|u| !u.is_finished()) {
            answered_while_reading += 1;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    for upload in uploads {
        let preview = upload.await.expect("upload task");
        assert_eq!(
            preview["summary"]["sets"], 120_000,
            "{}",
            preview["summary"]
        );
    }
    assert!(
        answered_while_reading >= 40,
        "only {answered_while_reading} /healthz answers while two files were read"
    );
    app.stop().await;
}
