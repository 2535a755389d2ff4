//! Plain-text rendering of a programme: a printable plan a mum reads with pleasure.
//!
//! Cues are printed the first time an exercise appears; after that each line says only the dose
//! and what changed, so twelve weeks fit on a few pages.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::library::{LoadSource, Pattern};
use crate::plan::{Phase, Plan, Prescription, SlotId, Week, fmt_kg};
use crate::profile::Profile;
use crate::render::{long_date, plural, since_birth, wrapped};
use crate::vocab::EquipmentKind;

fn short_date(d: time::Date) -> String {
    let day = match d.weekday() {
        time::Weekday::Monday => "Mon",
        time::Weekday::Tuesday => "Tue",
        time::Weekday::Wednesday => "Wed",
        time::Weekday::Thursday => "Thu",
        time::Weekday::Friday => "Fri",
        time::Weekday::Saturday => "Sat",
        time::Weekday::Sunday => "Sun",
    };
    let month = d.month().to_string();
    format!("{day} {} {}", d.day(), &month[..3])
}

/// The dose of one prescription: "3 × 10 @ 8 kg", "2 × 30 s each side".
pub fn dose_text(p: &Prescription) -> String {
    let amount = match (p.reps, p.seconds, p.metres) {
        (Some(r), _, _) => format!("{r}"),
        (_, Some(s), _) => format!("{s} s"),
        (_, _, Some(m)) => format!("{m} m"),
        _ => String::new(),
    };
    let side = if p.each_side { " each side" } else { "" };
    let load = match (p.load, p.load_kg) {
        (LoadSource::Baby, Some(kg)) => format!(" holding your baby (~{} kg)", fmt_kg(kg)),
        (LoadSource::CarSeat, Some(kg)) => {
            format!(" with baby in the car seat (~{} kg)", fmt_kg(kg))
        }
        (LoadSource::Kettlebell, Some(kg)) => format!(" @ {} kg kettlebell", fmt_kg(kg)),
        (LoadSource::Dumbbells, Some(kg)) => format!(" @ {} kg dumbbells", fmt_kg(kg)),
        (LoadSource::Barbell, Some(kg)) => format!(" @ {} kg barbell", fmt_kg(kg)),
        (LoadSource::Cable, Some(kg)) => format!(" @ {} kg on the cable", fmt_kg(kg)),
        (LoadSource::Machine, Some(kg)) => format!(" @ {} kg on the machine", fmt_kg(kg)),
        (LoadSource::Cable, None) => " on the cable, at a light setting".to_owned(),
        (LoadSource::Machine, None) => " on the machine, at a light setting".to_owned(),
        (LoadSource::Band, _) => " with the band".to_owned(),
        _ => String::new(),
    };
    format!("{} × {amount}{side}{load}", p.sets)
}

fn phase_spans<'p>(plan: &'p Plan<'_>) -> Vec<(u8, u8, Phase, &'p str)> {
    let mut spans: Vec<(u8, u8, Phase, &str)> = Vec::new();
    for w in &plan.weeks {
        match spans.last_mut() {
            Some(last) if last.2 == w.phase && last.3 == w.phase_why => last.1 = w.week,
            _ => spans.push((w.week, w.week, w.phase, w.phase_why.as_str())),
        }
    }
    spans
}

/// The whole plan as text.
pub fn plan_text(profile: &Profile, plan: &Plan) -> String {
    let mut out = String::new();
    let n = plan.weeks.len() as i64;
    let title = format!(
        "mumstrong programme: {} from {}",
        plural(n, "week", "weeks"),
        long_date(plan.start)
    );
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    let s = &plan.screening;
    wrapped(
        &mut out,
        "",
        "",
        &format!(
            "You are {} after {}. {} a week, up to {} minutes each, with: {}.",
            since_birth(s.days_postpartum),
            with_article(profile.birth.delivery.describe()),
            plural(
                i64::from(profile.training.days_per_week),
                "session",
                "sessions"
            ),
            profile.training.minutes_per_session,
            owned_words(profile)
        ),
    );
    out.push('\n');

    let _ = writeln!(out, "The phases");
    let _ = writeln!(out, "----------");
    for (from, to, phase, why) in phase_spans(plan) {
        let weeks = if from == to {
            format!("Week {from}")
        } else {
            format!("Weeks {from}-{to}")
        };
        wrapped(&mut out, "", "  ", &format!("{weeks}: {}", phase.title()));
        wrapped(&mut out, "  ", "  ", why);
    }
    out.push('\n');

    if !plan.notes.is_empty() {
        let _ = writeln!(out, "Before you start");
        let _ = writeln!(out, "---------------");
        for note in &plan.notes {
            wrapped(&mut out, "- ", "  ", note);
        }
        out.push('\n');
    }
    if !plan.adaptations.is_empty() {
        let _ = writeln!(out, "What your log changed");
        let _ = writeln!(out, "---------------------");
        for a in &plan.adaptations {
            wrapped(&mut out, "- ", "  ", &a.text);
        }
        out.push('\n');
    }
    everyday_chart(&mut out, plan, profile.birth.babies > 1);

    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for week in &plan.weeks {
        week_text(&mut out, week, &mut seen, profile);
    }
    wrapped(&mut out, "", "", plan.disclaimer);
    out
}

/// "a vaginal birth", "an emergency caesarean section".
fn with_article(words: &str) -> String {
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {words}")
}

fn owned_words(profile: &Profile) -> String {
    let words = profile.training.equipment.to_words();
    let words: Vec<String> = words
        .into_iter()
        .map(|w| w.replace(['_', ':'], " ").replace(',', "/") + kg_suffix(&w))
        .collect();
    words.join(", ")
}

fn kg_suffix(word: &str) -> &'static str {
    if word.contains(':') { " kg" } else { "" }
}

fn everyday_chart(out: &mut String, plan: &Plan, twins: bool) {
    let rows: Vec<&Week> = plan
        .weeks
        .iter()
        .filter(|w| w.everyday_load.is_some())
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "Everyday load: what you lift each day, and your heaviest carry"
    );
    let _ = writeln!(
        out,
        "---------------------------------------------------------------"
    );
    wrapped(
        out,
        "",
        "",
        if plan
            .weeks
            .iter()
            .any(|w| w.everyday_load.is_some_and(|e| e.car_seat_kg == 0.0))
        {
            "Your child's weight (WHO growth standard): what you lift when you pick them up. The aim: your carries and lifts keep up with it. # = everyday load, | = your heaviest carry or lift that week."
        } else if twins {
            "Your babies' weight (WHO growth standard): both at once, or one in the car seat. The aim: your carries and lifts keep up with it as they grow. # = everyday load, | = your heaviest carry or lift that week."
        } else {
            "Your baby's weight (WHO growth standard) plus the car seat. The aim: your carries and lifts keep up with it as your baby grows. # = everyday load, | = your heaviest carry or lift that week."
        },
    );
    if let Some(limit) = &plan.screening.lifting_limit {
        wrapped(
            out,
            "",
            "",
            &format!(
                "Until {}, after your caesarean, lift nothing heavier than your baby: let someone else lift the car seat.",
                long_date(limit.until)
            ),
        );
    }
    let max = rows
        .iter()
        .filter_map(|w| w.everyday_load)
        .map(|e| {
            e.total_kg
                .max(e.carry_kg.unwrap_or(0.0))
                .max(e.lift_kg.unwrap_or(0.0))
        })
        .fold(1.0_f64, f64::max);
    let scale = 40.0 / max;
    for w in rows {
        let Some(e) = w.everyday_load else { continue };
        let bar = (e.total_kg * scale).round() as usize;
        let best = e.carry_kg.unwrap_or(0.0).max(e.lift_kg.unwrap_or(0.0));
        let mark = (best * scale).round() as usize;
        let mut line: Vec<char> = "#".repeat(bar).chars().collect();
        line.resize(line.len().max(mark + 1), ' ');
        if best > 0.0 {
            let at = mark.min(line.len() - 1);
            line[at] = '|';
        }
        let line: String = line.into_iter().collect::<String>().trim_end().to_owned();
        let _ = writeln!(
            out,
            "  week {:>2}  {:>5} kg  {:<42} {}",
            w.week,
            fmt_kg(e.total_kg),
            line,
            if best > 0.0 {
                format!("best {} kg", fmt_kg(best))
            } else {
                "no load yet".to_owned()
            }
        );
    }
    out.push('\n');
}

fn week_text<'a>(
    out: &mut String,
    week: &'a Week,
    seen: &mut BTreeSet<&'a str>,
    profile: &Profile,
) {
    let birth = profile.birth.date;
    let owns_buggy = profile.training.equipment.has(EquipmentKind::Buggy);
    let head = format!(
        "WEEK {} · from {} · {} after birth · {}{}",
        week.week,
        short_date(week.starts),
        since_birth((week.starts - birth).whole_days()),
        week.phase.title(),
        if week.deload { " · lighter week" } else { "" }
    );
    let _ = writeln!(out, "{head}\n{}", "-".repeat(head.chars().count()));
    let pf = week.pelvic_floor;
    wrapped(
        out,
        "Pelvic floor, every day: ",
        "  ",
        &format!(
            "{} slow holds of {} seconds, then {} quick squeezes, {} times a day. Breathe out as you squeeze and lift; relax fully between.",
            pf.slow_holds, pf.hold_seconds, pf.quick_squeezes, pf.times_per_day
        ),
    );
    let walks = match (week.weeks_postpartum < 6, owns_buggy) {
        (true, true) => "gentle walks or buggy walks, building up as you feel able",
        (true, false) => "gentle walks, building up as you feel able",
        (false, true) => "brisk walks or buggy walks (you can talk but not sing)",
        (false, false) => "brisk walks (you can talk but not sing)",
    };
    wrapped(
        out,
        "Aerobic: ",
        "  ",
        &format!("{} minutes this week: {walks}.", week.aerobic_minutes),
    );
    if let Some(wr) = &week.walk_run {
        let session = walk_run_words(wr);
        let days: Vec<String> = wr.dates.iter().map(|d| short_date(*d)).collect();
        let days = match days.len() {
            0 => String::new(),
            1 => days[0].clone(),
            n => format!("{} and {}", days[..n - 1].join(", "), days[n - 1]),
        };
        let buggy = if owns_buggy {
            format!(" {}", wr.buggy_why)
        } else {
            String::new()
        };
        if !wr.runs.is_empty() {
            // After the walk-run: each run has its own words.
            wrapped(
                out,
                "Running: ",
                "  ",
                &format!("{} times this week ({days}).{buggy}", wr.runs.len()),
            );
            for run in &wr.runs {
                wrapped(
                    out,
                    &format!("  {}: ", short_date(run.date)),
                    "    ",
                    &format!("{} About {} minutes.", run.text, run.session_minutes),
                );
            }
        } else {
            let (label, what) = if week.phase == Phase::Perform {
                ("Keep running: ", String::new())
            } else {
                ("Walk-run: ", format!("stage {} of 10, ", wr.stage))
            };
            let budget = profile.training.minutes_per_session;
            let long = if u16::from(wr.session_minutes) > budget {
                format!(
                    " It takes about {} minutes, more than your usual {budget}: if time is short, do the running part inside a walk you already take.",
                    wr.session_minutes
                )
            } else {
                String::new()
            };
            wrapped(
                out,
                label,
                "  ",
                &format!(
                    "{what}{} times this week ({days}): {session}. Easy, chatty pace: time before speed.{buggy}{long}",
                    wr.sessions,
                ),
            );
        }
    }
    for note in &week.notes {
        wrapped(out, "Note: ", "  ", note);
    }
    let mut told: BTreeSet<SlotId> = BTreeSet::new();
    for session in &week.sessions {
        let _ = writeln!(
            out,
            "\n  Day {} ({}): {} · about {} min",
            session.day,
            short_date(session.date),
            session.title,
            session.estimated_minutes
        );
        for (i, p) in session.exercises.iter().enumerate() {
            let first = seen.insert(p.id);
            wrapped(
                out,
                &format!("  {:>2}. ", i + 1),
                "      ",
                &format!("{}: {}", p.name, {
                    let dose = dose_text(p);
                    if p.pattern == Pattern::PelvicFloor
                        && p.reps.is_some()
                        && p.name.to_lowercase().contains("hold")
                    {
                        format!(
                            "{dose}, each held up to {} seconds as in your daily practice",
                            week.pelvic_floor.hold_seconds
                        )
                    } else {
                        dose
                    }
                }),
            );
            if first {
                told.insert(p.slot);
                for cue in p.cues {
                    wrapped(out, "      - ", "        ", cue);
                }
                wrapped(out, "      ", "      ", &p.why);
            } else if let Some(change) = change_of(p).filter(|_| told.insert(p.slot)) {
                wrapped(out, "      ", "      ", change);
            }
            if p.pattern == Pattern::Impact && first {
                wrapped(
                    out,
                    "      ",
                    "      ",
                    "Stop if you leak, feel heaviness or pain; go back to last week's drills.",
                );
            }
        }
    }
    out.push('\n');
}

/// The part of a prescription's "why" that says what changed (after its focus sentence).
fn change_of<'p>(p: &'p Prescription<'_>) -> Option<&'p str> {
    let (_, rest) = p.why.split_once(". ")?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// The plan's sessions as an iCalendar (RFC 5545) document: one all-day event per session and
/// per walk-run, with the exercises in the description. `stamp` is the creation time (DTSTAMP);
/// pass it in, since the domain reads no clock. UIDs are stable, so re-importing a plan updates
/// its events.
pub fn plan_ics(plan: &Plan, stamp: time::OffsetDateTime) -> String {
    fold_ics(&plan_calendar(plan, stamp).done().to_string())
}

/// Her programme as a calendar feed to subscribe to: the sessions and walk-runs of [`plan_ics`],
/// plus a pelvic-floor reminder with an alarm at each time of day she chose, every day of the
/// plan, with that week's dose. Times are floating (no time zone): "08:00" rings at 08:00 wherever
/// her phone is.
pub fn feed_ics(plan: &Plan, reminders: &[time::Time], stamp: time::OffsetDateTime) -> String {
    use icalendar::{Alarm, Component, Event, EventLike};
    let mut cal = plan_calendar(plan, stamp);
    let dtstamp = ics_stamp(stamp);
    for week in &plan.weeks {
        let pf = week.pelvic_floor;
        let minutes = pelvic_floor_minutes(
            pf.slow_holds.into(),
            pf.hold_seconds.into(),
            pf.quick_squeezes.into(),
        );
        let dose = format!(
            "{} slow holds of {} s, then {} quick squeezes. Breathe out as you lift; let go fully \
             between holds. Stop and see a pelvic-health physio if it hurts.",
            pf.slow_holds, pf.hold_seconds, pf.quick_squeezes
        );
        for time in reminders {
            let hhmm = format!("{:02}{:02}", time.hour(), time.minute());
            // The day the reminder starts and the time it rings name it, so a re-made plan keeps
            // it. Its alarm gets a UID and DTSTAMP of its own: left out, the library writes a
            // random UID and the clock's time, and every fetch would look like a new alarm.
            let uid = format!("mumstrong-{}-pf{hhmm}@mumstrong", ics_date(week.starts));
            let mut alarm = Alarm::display("Pelvic-floor practice", chrono::Duration::zero());
            alarm
                .add_property("UID", format!("{uid}-alarm"))
                .add_property("DTSTAMP", &dtstamp);
            let mut event = Event::new();
            event
                .uid(&uid)
                .summary(&format!("mumstrong: pelvic-floor practice ({minutes} min)"))
                .description(&format!("{dose}\n{}", plan.disclaimer))
                .add_property("DTSTART", format!("{}T{hhmm}00", ics_date(week.starts)))
                .add_property("DURATION", format!("PT{minutes}M"))
                .add_property("RRULE", "FREQ=DAILY;COUNT=7")
                .add_property("DTSTAMP", &dtstamp)
                .alarm(alarm);
            cal.push(event.done());
        }
    }
    fold_ics(&cal.done().to_string())
}

/// Minutes one pelvic-floor practice takes: each slow hold with as long again to let go, and a
/// second for each quick squeeze and its release, rounded up; the reminder's summary and its
/// DURATION both say this one number.
fn pelvic_floor_minutes(slow_holds: u32, hold_seconds: u32, quick_squeezes: u32) -> u32 {
    let seconds = slow_holds * hold_seconds * 2 + quick_squeezes * 2;
    seconds.div_ceil(60).max(1)
}

/// A UID from the day and the words of an event, so a re-made plan that still has this session
/// on this day keeps its UID (calendar apps update it instead of adding a copy).
fn day_uid(date: time::Date, title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("mumstrong-{}-{slug}@mumstrong", ics_date(date))
}

fn ics_date(d: time::Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

fn ics_stamp(stamp: time::OffsetDateTime) -> String {
    let utc = stamp.to_offset(time::UtcOffset::UTC);
    format!(
        "{}T{:02}{:02}{:02}Z",
        ics_date(utc.date()),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

/// Who made the calendar (RFC 5545 PRODID), one copy for the plan, the feed and the empty feed.
pub const PRODID: &str = "-//mumstrong//programme//EN";

/// One all-day event, as every event of the plan's calendar is made.
fn all_day_event(
    uid: String,
    summary: String,
    description: String,
    date: time::Date,
    dtstamp: &str,
) -> icalendar::Event {
    use icalendar::{Component, Event, Property};
    Event::new()
        .uid(&uid)
        .summary(&summary)
        .description(&description)
        .append_property(
            Property::new("DTSTART", ics_date(date))
                .append_parameter(("VALUE", "DATE"))
                .done(),
        )
        .append_property(
            Property::new("DTEND", ics_date(date + time::Duration::days(1)))
                .append_parameter(("VALUE", "DATE"))
                .done(),
        )
        .add_property("DTSTAMP", dtstamp)
        .done()
}

/// A calendar with its name and PRODID and no events yet.
fn calendar_shell() -> icalendar::Calendar {
    use icalendar::{Calendar, Property};
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .name("mumstrong programme");
    cal
}

/// A feed with no sessions to show (no programme yet, or her programme is stopped) as a calendar
/// with one all-day event on `date` that says why and what to do. A calendar must hold at least
/// one component (RFC 5545 section 3.6), and a subscribed calendar that went blank without a
/// word would hide a stop. Its UID never changes, so the notice moves to the day of each fetch
/// instead of piling up.
pub fn notice_ics(
    summary: &str,
    description: &str,
    date: time::Date,
    stamp: time::OffsetDateTime,
) -> String {
    let mut cal = calendar_shell();
    cal.push(all_day_event(
        "mumstrong-notice@mumstrong".to_owned(),
        format!("mumstrong: {summary}"),
        description.to_owned(),
        date,
        &ics_stamp(stamp),
    ));
    fold_ics(&cal.done().to_string())
}

/// The sessions and walk-runs as calendar events (see [`plan_ics`]).
fn plan_calendar(plan: &Plan, stamp: time::OffsetDateTime) -> icalendar::Calendar {
    let dtstamp = ics_stamp(stamp);
    let event = |uid: String, summary: String, description: String, date: time::Date| {
        all_day_event(uid, summary, description, date, &dtstamp)
    };
    let mut cal = calendar_shell();
    for week in &plan.weeks {
        let pf = week.pelvic_floor;
        let pf_text = format!(
            "Pelvic floor today: {} slow holds of {} s, {} quick squeezes, {} times.",
            pf.slow_holds, pf.hold_seconds, pf.quick_squeezes, pf.times_per_day
        );
        for session in &week.sessions {
            let mut description = format!(
                "Week {} · {}{}\n",
                week.week,
                week.phase.title(),
                if week.deload { " · lighter week" } else { "" }
            );
            for (i, p) in session.exercises.iter().enumerate() {
                description.push_str(&format!("{}. {}: {}\n", i + 1, p.name, dose_text(p)));
            }
            description.push_str(&format!("{pf_text}\n{}", plan.disclaimer));
            cal.push(event(
                day_uid(session.date, &session.title),
                format!(
                    "mumstrong: {} (~{} min)",
                    session.title, session.estimated_minutes
                ),
                description,
                session.date,
            ));
        }
        if let Some(wr) = week.walk_run.as_ref().filter(|wr| !wr.runs.is_empty()) {
            // After the walk-run: each run is its own event with its own words.
            for run in &wr.runs {
                cal.push(event(
                    day_uid(run.date, &format!("{:?} run", run.kind)),
                    format!(
                        "mumstrong: {} (~{} min)",
                        run.kind.words(),
                        run.session_minutes
                    ),
                    format!("{}\n{}", run.text, plan.disclaimer),
                    run.date,
                ));
            }
        } else if let Some(wr) = &week.walk_run {
            for date in &wr.dates {
                cal.push(event(
                    day_uid(*date, &format!("walk-run stage {}", wr.stage)),
                    format!(
                        "mumstrong: walk-run stage {} (~{} min)",
                        wr.stage, wr.session_minutes
                    ),
                    format!(
                        "{}\nEasy, chatty pace: time before speed. Stop if you leak, feel heaviness or pain.\n{}",
                        walk_run_words(wr),
                        plan.disclaimer
                    ),
                    *date,
                ));
            }
        }
    }
    cal
}

/// One walk-run session in words.
pub fn walk_run_words(wr: &crate::plan::WalkRun) -> String {
    let pattern = match (wr.walk_minutes, wr.then_run_minutes) {
        (0, _) => format!("run {} minutes without stopping", wr.run_minutes),
        (walk, 0) => format!(
            "{} × (run {} min, walk {walk} min)",
            wr.repeats, wr.run_minutes
        ),
        (walk, then) => format!(
            "run {} min, walk {walk} min, run {then} min",
            wr.run_minutes
        ),
    };
    format!("5 minutes' brisk walk, {pattern}, 5 minutes' walk")
}

/// Folds content lines at 75 octets (RFC 5545 section 3.1), never inside a UTF-8 character.
fn fold_ics(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 70 * 3);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut used = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if used + n > 75 {
                out.push_str("\r\n ");
                used = 1;
            }
            out.push(c);
            used += n;
        }
        out.push_str("\r\n");
    }
    out
}
