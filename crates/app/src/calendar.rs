//! Her calendar feed's use cases, for the API and the account page alike: the reminder times
//! she may choose, making a feed (a new secret, which revokes the old one) and deleting it.

use mumstrong_store::AuthUser;
use serde::Serialize;
use time::Time;

use crate::AppState;
use crate::auth;
use crate::error::{AppError, AppResult};

/// The reminder times when she names none: morning, midday and evening, three sets a day
/// (NHS Squeezy / NICE NG210: pelvic-floor training three times a day).
pub const DEFAULT_REMINDERS: &[&str] = &["08:00", "13:00", "20:00"];
/// The most reminders a day.
pub const MAX_REMINDERS: usize = 6;

/// What a calendar app is told about keeping the address private.
const FEED_NOTE: &str = "Subscribe to this address in your calendar app. Keep it private: anyone with it can see your sessions. Make a new one (or delete it) to revoke it.";

/// A time of day as she types it, `H:MM` or `HH:MM`.
pub fn parse_time(text: &str) -> Option<Time> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()
}

fn reminder_times(words: &[String]) -> AppResult<Vec<Time>> {
    if words.len() > MAX_REMINDERS {
        return Err(AppError::invalid(
            "reminders",
            format!(
                "{} times; expected at most {MAX_REMINDERS} a day",
                words.len()
            ),
        ));
    }
    let mut times = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let time = parse_time(word).ok_or_else(|| {
            AppError::invalid(
                format!("reminders[{i}]"),
                format!(
                    "`{}` is not a time; expected HH:MM such as 08:00 or 20:30",
                    word.chars().take(20).collect::<String>()
                ),
            )
        })?;
        if times.contains(&time) {
            return Err(AppError::invalid(
                format!("reminders[{i}]"),
                format!("{word} is given twice"),
            ));
        }
        times.push(time);
    }
    times.sort();
    Ok(times)
}

fn hhmm(t: &Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// A feed just made: its secret path (shown this once) and the reminder times kept.
/// Fields in alphabetical order, as the API has always sent them.
#[derive(Serialize)]
pub struct NewFeed {
    /// What to do with the address.
    pub note: &'static str,
    /// `/calendar/{secret}.ics`.
    pub path: String,
    /// The reminder times, sorted, `HH:MM`.
    pub reminders: Vec<String>,
    /// The whole address, as the browser reached this server.
    pub url: String,
}

/// Makes her calendar feed (replacing, and so revoking, any earlier one) with these reminder
/// times (the defaults when `None`). `origin` (`https://host`) is the address the feed's URL is
/// built on, as the request reached the server.
pub async fn create_feed(
    state: &AppState,
    member: &AuthUser,
    reminders: Option<Vec<String>>,
    origin: &str,
) -> AppResult<NewFeed> {
    let words: Vec<String> =
        reminders.unwrap_or_else(|| DEFAULT_REMINDERS.iter().map(|s| (*s).to_owned()).collect());
    let times = reminder_times(&words)?;
    let shown: Vec<String> = times.iter().map(hhmm).collect();
    let token = auth::new_secret()?;
    state
        .store
        .set_calendar_feed(
            member.id,
            &auth::hash_secret(&token),
            &serde_json::to_string(&shown).map_err(AppError::internal)?,
            state.now_unix(),
        )
        .await?;
    let path = format!("/calendar/{token}.ics");
    Ok(NewFeed {
        note: FEED_NOTE,
        url: format!("{origin}{path}"),
        path,
        reminders: shown,
    })
}

/// Revokes her calendar feed: its URL stops working at once.
///
/// # Errors
/// 404 when she has none.
pub async fn delete_feed(state: &AppState, member: &AuthUser) -> AppResult<()> {
    if state.store.delete_calendar_feed(member.id).await? {
        Ok(())
    } else {
        Err(AppError::not_found("you have no calendar feed"))
    }
}
