//! What waits, until when, and what for: the "Not yet" list, from the folded decision.

use time::Date;

use super::facts::Facts;
use super::finding::{Decision, WaitOn};
use super::{ExerciseLevel, IMMEDIATE_PERIOD_DAYS, IMPACT_EARLIEST_DAYS, Wait};
use crate::text::{list_and, long_date};

/// A wait on time alone has the date; a wait on anything else has none and names what it waits
/// for (the date, if still ahead, is then said in words as the other bound).
fn wait(what: &str, time: Option<Date>, waiting_for: Vec<String>, why_time: &str) -> Wait {
    if waiting_for.is_empty() {
        Wait {
            what: what.to_owned(),
            until: time,
            waiting_for,
            why: why_time.to_owned(),
        }
    } else {
        let mut why = format!("waits for {}", list_and(&waiting_for));
        if waiting_for
            .iter()
            .any(|b| b.ends_with(" tests") || b.ends_with(" test"))
        {
            why.push_str(" (see Running)");
        }
        if let Some(d) = time {
            why.push_str(&format!(", and not before {}", long_date(d)));
        }
        Wait {
            what: what.to_owned(),
            until: None,
            waiting_for,
            why,
        }
    }
}

fn tests_left(n: usize, group: &str) -> String {
    if n == 1 {
        format!("the last {group} test")
    } else {
        format!("the {n} {group} tests")
    }
}

/// What waits, until when and why: from the decision's holds and what its findings wait on.
pub(super) fn waits(f: &Facts, d: &Decision) -> Vec<Wait> {
    let mut out = Vec::new();
    // A date is shown only while it is still ahead, and only when time alone is the blocker.
    let ahead = |date: Date| (f.as_of < date).then_some(date);
    if d.urgent {
        out.push(Wait {
            what: "all exercise".to_owned(),
            until: None,
            waiting_for: vec!["help with the warning sign first (see above)".to_owned()],
            why: "a warning sign needs help first (see above)".to_owned(),
        });
        return out;
    }
    if d.lifting_limit.is_some() {
        out.push(wait(
            "lifting anything heavier than your baby",
            ahead(f.six_weeks),
            Vec::new(),
            "your caesarean wound needs 6 weeks to heal",
        ));
    }
    let on = |w: WaitOn| d.waits_on.contains(&w);
    let mut gentle_problems = Vec::new();
    if on(WaitOn::PostnatalCheck) {
        gentle_problems.push("your 6-8 week postnatal check".to_owned());
    }
    if on(WaitOn::BleedingReview) {
        gentle_problems.push("a GP review of the bleeding beyond 8 weeks".to_owned());
    }
    if on(WaitOn::ScarCheck) {
        gentle_problems.push("a check of your caesarean scar".to_owned());
    }
    let mut sign_problems = Vec::new();
    let physio = if f.assessed {
        "your pelvic-health physio's go-ahead"
    } else {
        "a pelvic-health physio's assessment"
    };
    match (on(WaitOn::PelvicFloorPhysio), on(WaitOn::TummyPhysio)) {
        (true, true) => {
            sign_problems.push(format!("{physio} of your pelvic-floor symptoms and tummy"))
        }
        (true, false) => sign_problems.push(format!("{physio} of your pelvic-floor symptoms")),
        (false, true) => {
            sign_problems.push(format!("{physio} of your tummy (abdominal-wall signs)"))
        }
        (false, false) => {}
    }
    let before = |days: i64, date: Date| (f.days < days).then_some(date).and_then(ahead);
    if d.level == ExerciseLevel::Gentle {
        out.push(wait(
            "adding load or intensity",
            before(IMMEDIATE_PERIOD_DAYS, f.six_weeks),
            gentle_problems.clone(),
            "intensity builds gradually after the first 6 weeks",
        ));
    }
    let twelve = before(IMPACT_EARLIEST_DAYS, f.twelve_weeks);
    if !d.high_pressure_allowed() {
        let blockers = [gentle_problems.clone(), sign_problems.clone()].concat();
        out.push(wait(
            "heavy lifting and breath-holding effort",
            twelve,
            blockers,
            "high effort waits until 12 weeks after birth, building from moderate load",
        ));
    }
    let mut impact_problems = [gentle_problems, sign_problems].concat();
    if on(WaitOn::TearAssessment) {
        impact_problems.push(
            "a pelvic-health physio assessment of your third- or fourth-degree tear".to_owned(),
        );
    }
    if !d.impact_allowed() {
        let mut blockers = impact_problems.clone();
        if !f.load_remaining.is_empty() {
            blockers.push(tests_left(f.load_remaining.len(), "load-and-impact"));
        }
        out.push(wait(
            "jumping, hopping and other impact",
            twelve,
            blockers,
            "not advised before 12 weeks after birth, whatever the delivery",
        ));
    }
    if !d.running_cleared() {
        let mut blockers = impact_problems;
        if !f.load_remaining.is_empty() {
            blockers.push(tests_left(f.load_remaining.len(), "load-and-impact"));
        }
        if !f.strength_remaining.is_empty() {
            blockers.push(tests_left(f.strength_remaining.len(), "strength"));
        }
        out.push(wait(
            "running",
            twelve,
            blockers,
            "not advised before 12 weeks after birth, whatever the delivery",
        ));
    }
    // Buggy running also needs 30 minutes of comfortable continuous running, which only her
    // running programme can tell: it never waits on time alone.
    let buggy_time = ahead(f.six_months);
    if !d.running_cleared() || buggy_time.is_some() {
        let mut blockers = Vec::new();
        if !d.running_cleared() {
            blockers.push("the go-ahead to run".to_owned());
        }
        blockers.push("30 minutes of continuous running that feels comfortable".to_owned());
        out.push(wait(
            "running with the buggy",
            buggy_time,
            blockers,
            "buggy running is advised only from 6 months after birth",
        ));
    }
    out
}
