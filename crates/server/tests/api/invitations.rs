//! Invitation codes through the API: a grouped code with its link, the coach's open codes, and
//! revoking one (only her own).

use crate::common::{PASSWORD, TestApp, error_of, json_of};
use reqwest::StatusCode;
use serde_json::json;

async fn invitation_codes_api(app: &TestApp) {
    let coach = app.coach("coach@example.org", PASSWORD).await;
    let other = app.coach("other@example.org", PASSWORD).await;
    let mum = app.member("mum@example.org").await;

    let made = json_of(
        coach.post("/api/v1/coach/invitations", json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    let code = made["code"].as_str().expect("code").to_owned();
    assert!(code.len() == 9 && &code[4..5] == "-", "{made}");
    let link = made["link"].as_str().expect("link");
    assert!(
        link.starts_with("http") && link.ends_with(&format!("/account?code={code}#coach")),
        "{made}"
    );
    assert_eq!(
        made["expires_at"].as_i64().unwrap() - made["created_at"].as_i64().unwrap(),
        14 * 86_400
    );

    // Her open codes: this one; not the other coach's.
    let open = json_of(coach.get("/api/v1/coach/invitations").await, StatusCode::OK).await;
    assert_eq!(open["invitations"][0]["code"], code.as_str(), "{open}");
    assert_eq!(open["invitations"].as_array().unwrap().len(), 1, "{open}");
    let none = json_of(other.get("/api/v1/coach/invitations").await, StatusCode::OK).await;
    assert_eq!(none["invitations"], json!([]));
    error_of(
        mum.get("/api/v1/coach/invitations").await,
        StatusCode::FORBIDDEN,
        "forbidden",
        None,
    )
    .await;

    // Only she revokes it; a malformed code names the field.
    let path = format!("/api/v1/coach/invitations/{code}");
    error_of(
        other.delete(&path, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
    error_of(
        coach.delete("/api/v1/coach/invitations/nope", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("code"),
    )
    .await;
    let r = coach
        .delete(
            &format!("/api/v1/coach/invitations/{}", code.to_lowercase()),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let open = json_of(coach.get("/api/v1/coach/invitations").await, StatusCode::OK).await;
    assert_eq!(open["invitations"], json!([]));
    error_of(
        coach.delete(&path, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    )
    .await;
    let body = error_of(
        mum.post("/api/v1/grants", json!({"code": code})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        Some("code"),
    )
    .await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("withdrawn"),
        "{body}"
    );

    // A new code typed with spaces and look-alikes works once.
    let code = json_of(
        coach.post("/api/v1/coach/invitations", json!({})).await,
        StatusCode::CREATED,
    )
    .await["code"]
        .as_str()
        .unwrap()
        .replace('0', "o")
        .replace('1', "l")
        .replace('-', " ");
    let granted = json_of(
        mum.post("/api/v1/grants", json!({"code": code})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(granted["coach"]["email"], "coach@example.org");
    let open = json_of(coach.get("/api/v1/coach/invitations").await, StatusCode::OK).await;
    assert_eq!(open["invitations"], json!([]), "a used code is not open");
}
both_backends!(invitation_codes_api);

/// Guessing codes is limited: after 10 unknown codes in an hour, even a real one is refused
/// (429) until the hour is over; malformed codes and other members do not count.
async fn guessing_codes_is_limited(app: &TestApp) {
    let coach = app.coach("coach@example.org", PASSWORD).await;
    let guesser = app.member("guess@example.org").await;
    let other = app.member("other@example.org").await;
    let code = json_of(
        coach.post("/api/v1/coach/invitations", json!({})).await,
        StatusCode::CREATED,
    )
    .await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    for n in 0..10 {
        let guess = format!("ZZZZ-ZZ{n:02}");
        assert_ne!(guess, code);
        error_of(
            guesser.post("/api/v1/grants", json!({"code": guess})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("code"),
        )
        .await;
    }
    let body = error_of(
        guesser.post("/api/v1/grants", json!({"code": code})).await,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        None,
    )
    .await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("too many codes"),
        "{body}"
    );
    // Her guesses do not lock anyone else out, and the code still works once.
    json_of(
        other.post("/api/v1/grants", json!({"code": code})).await,
        StatusCode::CREATED,
    )
    .await;
}
both_backends!(guessing_codes_is_limited);
