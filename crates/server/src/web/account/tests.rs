//! Unit tests for the account pages.

use super::sections::read_words;
use super::*;

#[test]
fn reads_are_put_in_words() {
    assert_eq!(
        read_words("GET /api/v1/coach/clients (summary)"),
        "saw you in her client list"
    );
    assert_eq!(
        read_words("GET /coach/clients/7"),
        "opened your client page"
    );
    assert_eq!(
        read_words("GET /api/v1/clients/7/report"),
        "opened your report"
    );
    assert_eq!(
        read_words("GET /api/v1/clients/7/screening"),
        "read your screening (API)"
    );
}

#[test]
fn once_cookies_are_found_by_name() {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::COOKIE,
        HeaderValue::from_static("a=1; mumstrong_once_token=ms_abc; b=2"),
    );
    assert_eq!(
        once_value(&headers, TOKEN_COOKIE).as_deref(),
        Some("ms_abc")
    );
    assert_eq!(once_value(&headers, FEED_COOKIE), None);
}
