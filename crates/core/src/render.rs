//! Plain-text rendering of a screening, for a mum reading it in a terminal or a printout.
//!
//! Pure string building (no I/O), so the CLI, tests and later the web app share one wording.
//! Urgent help comes first; then who to see, what is safe, what waits, and every reason with its
//! source; the disclaimer closes every result.

use std::fmt::Write as _;

use crate::profile::Profile;
use crate::screening::{Blocker, ExerciseLevel, Referral, Screening};
use crate::state::MemberState;

const WIDTH: usize = 78;

pub(crate) fn wrapped(out: &mut String, first_indent: &str, indent: &str, text: &str) {
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(first_indent)
        .subsequent_indent(indent);
    for line in textwrap::wrap(text, options) {
        out.push_str(&line);
        out.push('\n');
    }
}

pub(crate) use crate::text::{long_date, plural, since_birth};

/// The screening as a short, kind, plain-English summary with what to do next.
pub fn screening_text(profile: &Profile, s: &Screening) -> String {
    let mut out = String::new();
    born(&mut out, profile, s);
    help_first(&mut out, s);
    safe_and_waits(&mut out, s);
    running(&mut out, s);
    mood(&mut out, s);
    reasons(&mut out, s);
    wrapped(&mut out, "", "", s.disclaimer);
    out
}

/// Her baby's age and the birth, as the first lines.
fn born(out: &mut String, profile: &Profile, s: &Screening) {
    let _ = writeln!(out, "mumstrong screening for {}", long_date(s.as_of));
    let _ = writeln!(out, "{}", "=".repeat(25 + long_date(s.as_of).len()));
    let (weeks, days) = (s.weeks_postpartum, s.days_postpartum);
    let born = match (weeks, days) {
        (_, 0) => "Your baby was born today".to_owned(),
        (w, d) if d >= 365 => format!(
            "Your baby was born {} ({}) ago",
            plural(d / 365, "year", "years"),
            plural(w, "week", "weeks")
        ),
        (0, d) => format!("Your baby was born {} ago", plural(d, "day", "days")),
        (w, d) => format!(
            "Your baby was born {} ({}) ago",
            plural(w, "week", "weeks"),
            plural(d, "day", "days")
        ),
    };
    wrapped(
        out,
        "",
        "",
        &format!(
            "{born}, by {}. That is {}.",
            profile.birth.delivery.describe(),
            s.stage.describe()
        ),
    );
    out.push('\n');
}

/// Urgent help first and alone, then who else to see.
fn help_first(out: &mut String, s: &Screening) {
    // Red flags and self-harm answers come first and alone: what to do now, as every page shows
    // it (the state's urgent stop and which referrals belong to it, decided once).
    let state = MemberState::decide(s, None);
    if let Some(stop) = &state.urgent {
        let _ = writeln!(out, "!! {} !!", stop.heading.to_uppercase());
        for line in &stop.now {
            wrapped(out, "  * ", "    ", line);
        }
        if !stop.calls.is_empty() {
            let calls: Vec<String> = stop.calls.iter().map(|c| c.label.to_owned()).collect();
            wrapped(out, "  ", "    ", &calls.join(" · "));
        }
        for reason in &stop.reasons {
            wrapped(
                out,
                "    ",
                "    ",
                &format!("{} ({})", reason.text, reason.source),
            );
        }
        out.push('\n');
    }

    let others: Vec<Referral> = state
        .help
        .iter()
        .filter(|h| !h.urgent)
        .map(|h| h.referral)
        .collect();
    if !others.is_empty() {
        out.push_str(if state.urgent.is_some() {
            "Once that has been seen to, also\n"
        } else {
            "Who to see\n"
        });
        for r in others {
            wrapped(out, "  * ", "    ", r.advice());
            let why: Vec<String> = s
                .reasons
                .iter()
                .enumerate()
                .filter(|(_, reason)| reason.referral == Some(r))
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            let label = if why.len() == 1 { "reason" } else { "reasons" };
            wrapped(
                out,
                "    ",
                "    ",
                &format!("(why: see {label} {} below)", why.join(", ")),
            );
        }
        out.push('\n');
    }
}

/// What is safe now and what waits.
fn safe_and_waits(out: &mut String, s: &Screening) {
    match s.exercise {
        ExerciseLevel::Stop => {}
        _ => {
            out.push_str("Safe now\n");
            for item in &s.safe_now {
                wrapped(out, "  + ", "    ", item);
            }
            if let Some(limit) = &s.lifting_limit {
                wrapped(
                    out,
                    "  ! ",
                    "    ",
                    &format!(
                        "lift nothing heavier than your baby until {}",
                        long_date(limit.until)
                    ),
                );
            }
            out.push('\n');
        }
    }

    if !s.waits.is_empty() {
        out.push_str("Not yet\n");
        for w in &s.waits {
            let when = match w.until {
                Some(d) => format!(" (not before {})", long_date(d)),
                None => String::new(),
            };
            wrapped(out, "  - ", "    ", &format!("{}{when}: {}", w.what, w.why));
        }
        out.push('\n');
    }
}

/// Running: cleared, or what is still to do and from when.
fn running(out: &mut String, s: &Screening) {
    if !s.urgent {
        out.push_str("Running\n");
        if s.running.cleared {
            wrapped(
                out,
                "  ",
                "  ",
                "You can start a graded return to running: 1-2 minute easy runs with walk breaks, adding time before speed.",
            );
        } else {
            let intro = if s.running.earliest > s.as_of {
                format!(
                    "Not yet. The earliest start is {}. Still to do:",
                    long_date(s.running.earliest)
                )
            } else {
                "Not yet. Still to do:".to_owned()
            };
            wrapped(out, "  ", "  ", &intro);
            let mut load = Vec::new();
            let mut strength = Vec::new();
            for b in &s.running.blockers {
                match b {
                    Blocker::LoadTest(t) => load.push(*t),
                    Blocker::StrengthTest(t) => strength.push(*t),
                    other => wrapped(out, "  - ", "    ", &other.as_str()),
                }
            }
            // Before 12 weeks the tests are for later: say when, so nobody tries hops at 3 weeks.
            let when = if s.running.earliest > s.as_of {
                format!("from {}, check you can ", long_date(s.running.earliest))
            } else {
                String::new()
            };
            for (tests, what) in [(load, "load-and-impact"), (strength, "strength")] {
                if !tests.is_empty() {
                    wrapped(
                        out,
                        "  - ",
                        "    ",
                        &format!(
                            "{when}pass the {what} tests without pain, heaviness, dragging or leaking: {}",
                            tests.join("; ")
                        ),
                    );
                }
            }
        }
        out.push('\n');
    }
}

/// The mood questionnaires' scores.
fn mood(out: &mut String, s: &Screening) {
    if s.epds.is_some() || s.phq9.is_some() || s.gad7.is_some() {
        out.push_str("Mood\n");
        if let Some(e) = &s.epds {
            let line = if e.self_harm {
                format!(
                    "EPDS score {} of 30; your answer to item 10 needs a conversation today (see above).",
                    e.score
                )
            } else {
                format!("EPDS score {} of 30: depression {}.", e.score, e.band)
            };
            wrapped(out, "  ", "  ", &line);
        }
        if let Some(p) = &s.phq9 {
            let line = if p.self_harm {
                format!(
                    "PHQ-9 score {} of 27; your answer to item 9 needs a conversation today (see above).",
                    p.score
                )
            } else {
                format!(
                    "PHQ-9 score {} of 27: {} symptoms.",
                    p.score,
                    p.band.replace('_', " ")
                )
            };
            wrapped(out, "  ", "  ", &line);
        }
        if let Some(g) = &s.gad7 {
            let line = format!("GAD-7 anxiety score {} of 21: {} anxiety.", g.score, g.band);
            wrapped(out, "  ", "  ", &line);
        }
        out.push('\n');
    }
}

/// Every decision with its rule and source.
fn reasons(out: &mut String, s: &Screening) {
    out.push_str("Why: every decision, its rule and its source\n");
    for (i, r) in s.reasons.iter().enumerate() {
        let n = format!("{:>3}. ", i + 1);
        wrapped(out, &n, "     ", &r.text);
        wrapped(out, "     ", "     ", &format!("[{}] {}", r.rule, r.source));
    }
    out.push('\n');
}
