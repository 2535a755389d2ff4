//! Invitation codes a person can read out: a short grouped code the coach sees again on her list
//! until it is used, a link and a QR code that fill in the member's share form, a code typed any
//! way works, and a revoked code is refused with a clear message.

use crate::coach::{coach_via_form, code_in, new_code};
use crate::common::TestApp;
use reqwest::StatusCode;

/// The code without its dash, in lower case: how someone might type it from a phone call.
fn as_typed(code: &str) -> String {
    code.replace('-', "").to_lowercase()
}

async fn invitation_codes(app: &TestApp) {
    let coach = coach_via_form(app, "coach@example.org").await;

    // A new code is listed on /coach, large, with its expiry, the link, a QR code and a revoke.
    let code = new_code(&coach).await;
    assert!(
        code.len() == 9 && code.bytes().filter(|b| *b == b'-').count() == 1,
        "{code}"
    );
    let (status, _, html) = coach.page("/coach").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(code_in(&html).as_deref(), Some(code.as_str()), "{html}");
    let link = format!("/account?code={code}#coach");
    assert!(html.contains(&link), "the pre-fill link: {html}");
    assert!(html.contains("(in 14 days)"), "the expiry in words: {html}");
    assert!(
        html.contains("<svg")
            && html.contains("role=\"img\"")
            && html.contains("QR code of the link"),
        "the QR code: {html}"
    );
    assert!(!html.contains("<?xml"), "no XML declaration inside HTML");
    assert!(!html.contains("data:"), "no data: URL");
    let normal = code.replace('-', "");
    assert!(
        html.contains(&format!("/coach/invitations/{normal}/revoke")),
        "{html}"
    );

    // The link fills in her share form; a link typed sloppily is filled in grouped.
    let ana = app.member("ana@example.org").await;
    let (status, _, html) = ana.page(&format!("/account?code={code}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("value=\"{code}\"")), "{html}");
    let (_, _, html) = ana
        .page(&format!("/account?code={}", as_typed(&code)))
        .await;
    assert!(html.contains(&format!("value=\"{code}\"")), "{html}");
    let (_, _, html) = ana.page("/account?code=%3Cb%3E").await;
    assert!(
        !html.contains("<b>") && !html.contains("&lt;b&gt;"),
        "{html}"
    );

    // A code with a character no code has is refused by name, with what is expected.
    let (status, _, html) = ana
        .submit("/account/grants", &[("code", "K7QU-2M9D")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("is not in an invitation code") && html.contains("K7QX-2M9D"),
        "{html}"
    );
    let (status, _, html) = ana.submit("/account/grants", &[("code", "K7QX-2M")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("this has 6"), "{html}");

    // Typed in lower case without the dash, it works; then it leaves the coach's list.
    let (status, at, html) = ana
        .submit("/account/grants", &[("code", &as_typed(&code))])
        .await;
    assert_eq!(
        (status, at.as_str()),
        (StatusCode::OK, "/account"),
        "{html}"
    );
    assert!(html.contains("your coach can now see"), "{html}");
    let (_, _, html) = coach.page("/coach").await;
    assert!(!html.contains(&code), "a used code is not listed: {html}");

    // A revoked code leaves the list and is refused with a clear message.
    let second = new_code(&coach).await;
    let third = new_code(&coach).await;
    let (_, _, html) = coach.page("/coach").await;
    assert!(html.contains(&second) && html.contains(&third), "{html}");
    let (status, at, html) = coach
        .submit(
            &format!("/coach/invitations/{}/revoke", second.replace('-', "")),
            &[],
        )
        .await;
    assert_eq!((status, at.as_str()), (StatusCode::OK, "/coach"), "{html}");
    assert!(
        html.contains(&format!("Revoked: code {second} no longer works.")),
        "{html}"
    );
    assert_eq!(code_in(&html).as_deref(), Some(third.as_str()), "{html}");
    let bea = app.member("bea@example.org").await;
    let (status, _, html) = bea.submit("/account/grants", &[("code", &second)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("withdrawn this code"), "{html}");

    // Another coach cannot revoke her code, and does not see it.
    let other = coach_via_form(app, "other@example.org").await;
    let (_, _, html) = other.page("/coach").await;
    assert!(!html.contains(&third), "{html}");
    let (status, _, _) = other
        .submit(
            &format!("/coach/invitations/{}/revoke", third.replace('-', "")),
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, html) = coach.page("/coach").await;
    assert!(html.contains(&third), "still open: {html}");

    // A member cannot revoke a coach's code.
    let (status, _, _) = bea
        .submit(
            &format!("/coach/invitations/{}/revoke", third.replace('-', "")),
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = bea.submit("/account/grants", &[("code", &third)]).await;
    assert_eq!(status, StatusCode::OK);
}
both_backends!(invitation_codes);
