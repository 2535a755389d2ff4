//! The import page: upload → preview (with remapping) → import → re-import adds nothing → undo;
//! bad files are named and nothing is stored; the preview survives to the confirm.

use crate::common;
use crate::common::{TestApp, User, csrf_in};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const HEVY: &str = include_str!("../../../../examples/imports/hevy-kg.csv");
const BAD: &str = include_str!("../../../../examples/imports/bad-truncated-row.csv");

async fn upload(user: &User, name: &str, body: &str, unit: &str) -> (StatusCode, String) {
    let csrf = user.csrf().await;
    let form = Form::new()
        .text("csrf", csrf)
        .text("unit", unit.to_owned())
        .part(
            "file",
            Part::bytes(body.as_bytes().to_vec()).file_name(name.to_owned()),
        );
    let r = user
        .client
        .post(format!("{}/import", user.base))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = r.status();
    (status, r.text().await.expect("body"))
}

async fn sets(app: &TestApp, user: &User) -> usize {
    let _ = app;
    let r = user.get("/api/v1/logs?from=2000-01-01&to=2100-01-01").await;
    let v: serde_json::Value = r.json().await.expect("logs");
    v["sets"].as_array().map_or(0, Vec::len)
}

async fn web_imports(app: &TestApp) {
    let user = app.member("imp@example.org").await;
    let (status, _, html) = user.page("/import").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains("name=\"csrf\""));

    // A bad file: the line is named, nothing stored, nothing pending.
    let (status, html) = upload(&user, "bad.csv", BAD, "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("line"), "the bad line is named");
    assert!(html.contains("aria-invalid=\"true\""));
    assert_eq!(sets(app, &user).await, 0);
    let (status, _, _) = user.submit("/import/confirm", &[]).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing waiting to confirm"
    );

    // An upload without the CSRF field is refused.
    let form = Form::new().part(
        "file",
        Part::bytes(HEVY.as_bytes().to_vec()).file_name("h.csv"),
    );
    let r = user
        .client
        .post(format!("{}/import", user.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The preview: counts, dates, mappings, and a select per name; nothing stored yet.
    // The library now knows every name in the sample, so one is made one it cannot place.
    let hevy = HEVY.replace("Lat Pulldown (Cable)", "Zercher Carry");
    let (status, html) = upload(&user, "hevy.csv", &hevy, "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Check your import") && html.contains("hevy.csv"));
    assert!(
        html.contains("name=\"map_"),
        "a remap select for the names that need a look"
    );
    assert_eq!(sets(app, &user).await, 0, "a preview stores nothing");
    let after = html.split("name=\"name_").nth(1).expect("a name to remap");
    let index = after.split('"').next().expect("index").to_owned();
    let first_name = after
        .split("value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("its name")
        .to_owned();
    let (name_key, map_key) = (format!("name_{index}"), format!("map_{index}"));

    // A made-up id is refused, naming the field; nothing stored.
    let (status, _, html) = user
        .submit(
            "/import/confirm",
            &[(&name_key, &first_name), (&map_key, "no_such_exercise")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("not in the exercise library"));
    assert_eq!(sets(app, &user).await, 0);

    // Remap it to the library's goblet squat, then import.
    let (status, at, html) = user
        .submit(
            "/import/confirm",
            &[
                (&name_key, &first_name),
                (&map_key, "goblet_squat_dumbbell"),
            ],
        )
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/import"));
    assert!(html.contains("Imported."));
    let stored = sets(app, &user).await;
    assert!(stored > 0);
    let logs: serde_json::Value = user
        .get("/api/v1/logs?from=2000-01-01&to=2100-01-01")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        logs["sets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["exercise"] == "goblet_squat_dumbbell"),
        "the remapped name was stored as the chosen exercise"
    );

    // The same file again: the preview says every set is already here; importing adds none.
    let (status, html) = upload(&user, "hevy.csv", &hevy, "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("importing it again adds nothing"));
    let (_, _, html) = user.submit("/import/confirm", &[]).await;
    assert!(
        html.contains("Nothing new"),
        "the page says nothing was imported"
    );
    assert_eq!(sets(app, &user).await, stored);

    // Undo the first import: its sets are gone.
    let (_, _, html) = user.page("/import").await;
    let action = html
        .split("action=\"/import/")
        .filter_map(|s| s.split('"').next())
        .find(|s| s.ends_with("/undo"))
        .expect("an undo form")
        .to_owned();
    // The re-import added nothing, so only the first import is listed; undo it.
    let ids: Vec<String> = html
        .split("action=\"/import/")
        .filter_map(|s| s.split('"').next())
        .filter(|s| s.ends_with("/undo"))
        .map(str::to_owned)
        .collect();
    assert!(ids.contains(&action));
    assert_eq!(ids.len(), 1, "an import that added nothing is not listed");
    for id in &ids {
        let (status, _, _) = user.submit(&format!("/import/{id}"), &[]).await;
        assert_eq!(status, StatusCode::OK);
    }
    assert_eq!(sets(app, &user).await, 0);
    let (status, _, _) = user.submit(&format!("/import/{}", ids[0]), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "undone twice");

    // Cancel forgets the waiting file.
    upload(&user, "hevy.csv", HEVY, "").await;
    user.submit("/import/cancel", &[]).await;
    let (status, _, _) = user.submit("/import/confirm", &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Coaches have no imports; a signed-out browser goes to sign in.
    let coach = app.coach("coach-imp@example.org", common::PASSWORD).await;
    let (status, _, _) = coach.page("/import").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, at, _) = User::new(app).page("/import").await;
    assert_eq!(at, "/login");
    let _ = csrf_in;
}

both_backends!(web_imports);

/// A name the importer can only guess ("Running" as the walk-run, 60 %) is unsure: the preview
/// offers the guess with "My own exercise" chosen, and importing as offered keeps it hers, out
/// of the library's exercises.
async fn a_guess_is_hers_unless_she_picks_it(app: &TestApp) {
    let user = app.member("guess@example.org").await;
    let strong = include_str!("../../../../examples/imports/strong-units.csv");
    let (status, html) = upload(&user, "strong.csv", strong, "").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let at = html.find(">Running ").expect("Running needs a look");
    let select = &html[at..at + html[at..].find("</select>").unwrap()];
    assert!(
        select.contains("<option value=\"custom\" selected>My own exercise"),
        "{select}"
    );
    assert!(
        select.contains("Yes, it is "),
        "the guess is offered: {select}"
    );
    assert!(html.contains("unsure"), "{html}");
    let mut fields: Vec<(String, String)> = vec![("csrf".to_owned(), user.csrf().await)];
    let rest = &html[html.find("action=\"/import/confirm\"").unwrap()..];
    for part in rest.split("name=\"").skip(1) {
        let name = &part[..part.find('"').unwrap()];
        if let Some(n) = name.strip_prefix("name_") {
            let value_at = part.find("value=\"").unwrap() + 7;
            let value = &part[value_at..value_at + part[value_at..].find('"').unwrap()];
            fields.push((name.to_owned(), value.replace("&amp;", "&")));
            let choice = if value == "Running" { "custom" } else { "keep" };
            fields.push((format!("map_{n}"), choice.to_owned()));
        }
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let (status, _, html) = user.submit("/import/confirm", &pairs).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let r = user.get("/api/v1/logs?from=2000-01-01&to=2100-01-01").await;
    let v: serde_json::Value = r.json().await.expect("logs");
    let ids: Vec<&str> = v["sets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["exercise"].as_str())
        .collect();
    assert!(ids.contains(&"custom:Running"), "{ids:?}");
    assert!(!ids.contains(&"run_walk_intervals"), "{ids:?}");
}
both_backends!(a_guess_is_hers_unless_she_picks_it);
