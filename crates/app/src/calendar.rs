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

/// Whether she has a calendar feed, and its reminder times (the URL is never shown again).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FeedSettings {
    /// She has a feed whose URL works.
    pub active: bool,
    /// The reminder times, `HH:MM`, when active.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminders: Option<Vec<String>>,
    /// When the feed was made (Unix seconds), when active.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
}

/// Her calendar feed's settings.
///
/// # Errors
/// A database error.
pub async fn feed_settings(state: &AppState, member: &AuthUser) -> AppResult<FeedSettings> {
    Ok(match state.store.calendar_feed_of(member.id).await? {
        Some((reminders, created_at)) => FeedSettings {
            active: true,
            reminders: Some(serde_json::from_str(&reminders).unwrap_or_default()),
            created_at: Some(created_at),
        },
        None => FeedSettings {
            active: false,
            reminders: None,
            created_at: None,
        },
    })
}

/// The calendar a feed's secret `token` opens: her sessions, walk-runs and pelvic-floor
/// reminders; or, when there are none to show, one notice that says why. A warning sign that
/// stops exercise (her state now, as every page shows it) replaces the sessions with where to
/// get help, so a calendar she glances at never shows a session she must not do.
///
/// # Errors
/// 404 when no feed has this token (never made, or revoked); a database error.
pub async fn feed_calendar(state: &AppState, token: &str) -> AppResult<String> {
    use mumstrong_core::plan::PlanOutcome;
    use mumstrong_core::render_plan::{feed_ics, notice_ics};
    let Some((user_id, reminders, _)) = state
        .store
        .calendar_feed_by_token(&auth::hash_secret(token))
        .await?
    else {
        return Err(AppError::not_found(
            "no calendar feed at this address (it may have been revoked)",
        ));
    };
    let stamp = (state.clock)();
    let today = stamp.date();
    // One read of her logs serves her state now and the plan (logs outside the state's window
    // cannot change it).
    let sets = crate::member::sets_of(state, user_id).await?;
    let checkins = crate::member::checkins_of(state, user_id).await?;
    if let Some(stop) = crate::state::member_now_with(state, user_id, &sets, &checkins)
        .await?
        .and_then(|now| now.state.urgent)
    {
        return Ok(notice_ics(stop.heading, &urgent_words(&stop), today, stamp));
    }
    let words: Vec<String> = serde_json::from_str(&reminders).unwrap_or_default();
    let times: Vec<Time> = words.iter().filter_map(|w| parse_time(w)).collect();
    Ok(
        match crate::member::current_plan(state, user_id, &sets, &checkins).await? {
            Some(PlanOutcome::Ready(plan)) => feed_ics(&plan, &times, stamp),
            Some(PlanOutcome::Urgent(_)) => notice_ics(
                mumstrong_core::state::URGENT_HEADING,
                &format!(
                    "A warning sign in your log stops your programme. Open mumstrong to see where to get help.\n{}",
                    mumstrong_core::DISCLAIMER
                ),
                today,
                stamp,
            ),
            None => notice_ics(
                "no programme yet",
                "Make your programme in mumstrong: its sessions and pelvic-floor reminders will appear in this calendar.",
                today,
                stamp,
            ),
        },
    )
}

/// What an urgent stop says in a calendar: what to do now, the numbers to call, and why.
fn urgent_words(stop: &mumstrong_core::state::UrgentStop) -> String {
    let mut out: Vec<String> = stop.now.iter().map(|s| (*s).to_owned()).collect();
    out.extend(stop.calls.iter().map(|c| format!("{}: {}", c.label, c.tel)));
    out.extend(
        stop.reasons
            .iter()
            .map(|r| format!("Why: {} ({})", r.text, r.source)),
    );
    out.push(mumstrong_core::DISCLAIMER.to_owned());
    out.join("\n")
}
