//! What she may do now, decided once: the one reading of her screening (with what she logged
//! already folded in) that every page, endpoint and CLI command shows.
//!
//! Before this, each front end decided "urgent", "referred" and "running cleared" for itself
//! from the screening's parts and they disagreed (five call buttons on one page, three on
//! another). [`MemberState::decide`] makes those decisions; front ends render its fields.

use serde::Serialize;
use time::Date;

use crate::screening::{Referral, Screening};
use crate::vocab::{RedFlag, Symptom};

mod early_stop;

/// The screening's outcome in one word: what files her under `urgent`, `refer` or `clear`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A warning sign or self-harm answer: stop exercising and get help now.
    Urgent,
    /// Someone should see her (a GP, a pelvic-health physio); she trains within the limits.
    Refer,
    /// Nothing in her answers needs anyone else.
    Clear,
}

impl Outcome {
    /// The outcome of a screening: the one place "urgent", "refer" and "clear" are decided.
    pub fn of(screening: &Screening) -> Outcome {
        if screening.urgent {
            Outcome::Urgent
        } else if screening.referrals.is_empty() {
            Outcome::Clear
        } else {
            Outcome::Refer
        }
    }

    /// The word stored and sent in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Urgent => "urgent",
            Outcome::Refer => "refer",
            Outcome::Clear => "clear",
        }
    }

    /// Reads the stored word back; anything unknown is `None`.
    pub fn from_word(word: &str) -> Option<Outcome> {
        match word {
            "urgent" => Some(Outcome::Urgent),
            "refer" => Some(Outcome::Refer),
            "clear" => Some(Outcome::Clear),
            _ => None,
        }
    }

    /// A few words for a person: a tag on her screening or a coach's client list.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Urgent => "Urgent: get help now",
            Outcome::Refer => "Referral advised",
            Outcome::Clear => "No referral needed",
        }
    }
}

impl Referral {
    /// Reads the referral's JSON word back (`as_str`); anything unknown is `None`.
    pub fn from_word(word: &str) -> Option<Referral> {
        [
            Referral::EmergencyCare,
            Referral::MentalHealthUrgent,
            Referral::Gp,
            Referral::MentalHealth,
            Referral::PelvicHealthPhysio,
        ]
        .into_iter()
        .find(|r| r.as_str() == word)
    }

    /// Who the referral sends her to, in a few words (a heading or a list item).
    pub fn label(self) -> &'static str {
        match self {
            Referral::EmergencyCare => "Emergency care, now",
            Referral::MentalHealthUrgent => "Someone to talk to, today",
            Referral::Gp => "Your GP",
            Referral::MentalHealth => "Your GP, midwife or health visitor, about your mood",
            Referral::PelvicHealthPhysio => "A pelvic-health physiotherapist",
        }
    }

    /// Who, in a few words for a third person (a coach's client list): "pelvic-health physio".
    pub fn short_label(self) -> &'static str {
        match self {
            Referral::EmergencyCare => "emergency care now",
            Referral::MentalHealthUrgent => "urgent mental-health help",
            Referral::Gp => "GP",
            Referral::MentalHealth => "mood: GP, midwife or health visitor",
            Referral::PelvicHealthPhysio => "pelvic-health physio",
        }
    }

    /// The numbers to call for it, in the order to show them: what a call button dials.
    /// Emergency care: 999 (UK) and 112 (EU). Urgent mental-health help: Samaritans and NHS 111
    /// (option 2, mental health). A GP: NHS 111 when the surgery is closed. The others are booked,
    /// not called.
    pub fn calls(self) -> &'static [Call] {
        match self {
            Referral::EmergencyCare => &[CALL_999, CALL_112],
            Referral::MentalHealthUrgent => &[CALL_SAMARITANS, CALL_111_MENTAL_HEALTH],
            Referral::Gp => &[CALL_111],
            Referral::MentalHealth | Referral::PelvicHealthPhysio => &[],
        }
    }
}

impl Symptom {
    /// The short name she reads in a checkbox, a tag or a table cell, as she would say it
    /// ("Leaking urine"); `describe` is the full sentence.
    pub fn label(self) -> &'static str {
        match self {
            Symptom::UrinaryLeakage => "Leaking urine",
            Symptom::UrinaryUrgency => "Sudden urge to wee",
            Symptom::FaecalIncontinence => "Leaking stool or wind",
            Symptom::FaecalUrgency => "Sudden urge to poo",
            Symptom::PelvicHeaviness => "Heaviness or a bulge",
            Symptom::PainfulIntercourse => "Painful sex",
            Symptom::ObstructedDefecation => "Hard to empty your bowels",
            Symptom::PelvicPain => "Pelvic pain",
            Symptom::PerinealPain => "Pain between vagina and anus",
            Symptom::PelvicGirdlePain => "Pelvic girdle pain",
            Symptom::LowBackPain => "Low back pain",
            Symptom::AbdominalDoming => "Tummy doming (a gap or ridge)",
            Symptom::PendularAbdomen => "Hanging tummy",
            Symptom::BleedingBeyond8Weeks => "Bleeding after 8 weeks",
            Symptom::CaesareanScarPain => "Caesarean scar pain",
        }
    }

    /// The label of a stored word; an unknown word is shown with spaces, never as a code.
    pub fn label_of(word: &str) -> String {
        Symptom::from_word(word).map_or_else(|| word.replace('_', " "), |s| s.label().to_owned())
    }

    /// A word or two inside a sentence ("you noted leaking during squats"), lower case.
    pub fn in_words(self) -> &'static str {
        match self {
            Symptom::UrinaryLeakage => "leaking",
            Symptom::FaecalIncontinence => "leaking wind or stool",
            Symptom::PelvicHeaviness => "heaviness",
            Symptom::PelvicPain => "pelvic pain",
            Symptom::LowBackPain => "back pain",
            Symptom::AbdominalDoming => "doming",
            Symptom::UrinaryUrgency => "a sudden urge to wee",
            Symptom::FaecalUrgency => "a sudden urge to poo",
            Symptom::PainfulIntercourse => "painful sex",
            Symptom::ObstructedDefecation => "trouble emptying your bowels",
            Symptom::PerinealPain => "perineal pain",
            Symptom::PelvicGirdlePain => "pelvic girdle pain",
            Symptom::PendularAbdomen => "a hanging tummy",
            Symptom::BleedingBeyond8Weeks => "bleeding",
            Symptom::CaesareanScarPain => "scar pain",
        }
    }

    /// What helps her tell whether she has it, under a checkbox.
    pub fn hint(self) -> &'static str {
        match self {
            Symptom::UrinaryLeakage => {
                "Even a little, e.g. when you cough, sneeze, laugh, lift or jump"
            }
            Symptom::FaecalIncontinence => "That you could not hold",
            Symptom::PelvicHeaviness => {
                "Dragging or a bulge in the vagina or pelvis, often worse at the end of the day"
            }
            Symptom::PelvicPain => "In your pelvis or lower tummy, during or after exercise",
            Symptom::LowBackPain => "Low in your back",
            Symptom::AbdominalDoming => {
                "A ridge or dome along the middle of your tummy when you sit up or strain"
            }
            _ => self.describe(),
        }
    }

    /// What a set can report: the signs that an exercise strains her pelvic floor, her tummy
    /// wall or her pelvis (each one pauses impact and refers her on).
    pub const DURING_EXERCISE: [Symptom; 4] = [
        Symptom::UrinaryLeakage,
        Symptom::PelvicHeaviness,
        Symptom::PelvicPain,
        Symptom::AbdominalDoming,
    ];

    /// What the daily check-in asks about: the set's signs, and the ones noticed over a day.
    pub const CHECK_IN: [Symptom; 6] = [
        Symptom::UrinaryLeakage,
        Symptom::FaecalIncontinence,
        Symptom::PelvicHeaviness,
        Symptom::PelvicPain,
        Symptom::LowBackPain,
        Symptom::AbdominalDoming,
    ];
}

impl RedFlag {
    /// The short name she reads in a checkbox or a tag, as she would say it ("Heavy
    /// bleeding"); `describe` is the full sentence.
    pub fn label(self) -> &'static str {
        match self {
            RedFlag::HeavyBleeding => "Heavy bleeding",
            RedFlag::ChestPain => "Chest pain or a racing heart",
            RedFlag::SuddenBreathlessness => "Sudden breathlessness",
            RedFlag::CalfPainSwelling => "A painful, swollen calf",
            RedFlag::SevereHeadache => "Severe headache or changes in vision",
            RedFlag::Fever => "Fever",
            RedFlag::WoundInfection => "A wound that is red or oozing",
            RedFlag::Mastitis => "A red, hot, painful breast",
            RedFlag::ThoughtsOfSelfHarm => "Thoughts of harming yourself or your baby",
        }
    }

    /// The label of a stored word; an unknown word is shown with spaces, never as a code.
    pub fn label_of(word: &str) -> String {
        RedFlag::from_word(word).map_or_else(|| word.replace('_', " "), |s| s.label().to_owned())
    }
}

/// A number to call, with what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Call {
    /// The button's words.
    pub label: &'static str,
    /// What the phone dials (`tel:` without the scheme).
    pub tel: &'static str,
}

const CALL_999: Call = Call {
    label: "Call 999 (UK emergency)",
    tel: "999",
};
const CALL_112: Call = Call {
    label: "Call 112 (EU emergency)",
    tel: "112",
};
const CALL_SAMARITANS: Call = Call {
    label: "Call Samaritans, 116 123",
    tel: "116123",
};
const CALL_111_MENTAL_HEALTH: Call = Call {
    label: "Call NHS 111, option 2 (mental health)",
    tel: "111",
};
const CALL_111: Call = Call {
    label: "Call NHS 111 (if your GP is closed)",
    tel: "111",
};

/// One referral, as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Help {
    /// The referral's code.
    pub referral: Referral,
    /// Who, in a few words.
    pub label: &'static str,
    /// What to do, with any numbers in the words.
    pub advice: &'static str,
    /// Whether it is part of the urgent stop.
    pub urgent: bool,
}

/// A reason, with the guideline it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Because {
    /// In plain words.
    pub text: String,
    /// The guideline.
    pub source: &'static str,
}

/// The urgent stop: the same heading, what-to-do-now text and call buttons on every page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrgentStop {
    /// The page's heading.
    pub heading: &'static str,
    /// What to do now, most urgent first.
    pub now: Vec<&'static str>,
    /// The numbers to call for her reasons, most urgent first, each once.
    pub calls: Vec<Call>,
    /// Why: each urgent reason with its source.
    pub reasons: Vec<Because>,
}

/// What to tell her when only her GP is named (an infection): where to go if she cannot reach them.
pub const GP_FALLBACK: &str = "If you cannot reach your GP or midwife today, call NHS 111 (UK) or your local out-of-hours service.";

/// The heading of every urgent stop.
pub const URGENT_HEADING: &str = "Stop exercising and get help now";

/// The return-to-running decision as she reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunningState {
    /// A graded return to running may start (and nothing she logged pauses it).
    pub cleared: bool,
    /// Since when a symptom she logged pauses impact and running, until a symptom-free week of
    /// training is logged.
    #[serde(serialize_with = "crate::screening::iso::opt_date")]
    pub paused_since: Option<Date>,
    /// What stands in the way, in plain words; empty when cleared. The two lists below split it.
    pub waiting_for: Vec<String>,
    /// The problems and checks in the way (a logged symptom, a physio to see, the calendar),
    /// as sentences, in the order of `waiting_for`.
    pub problems: Vec<String>,
    /// The readiness tests still to pass, each its task, in the guideline's order.
    pub tests_left: Vec<&'static str>,
    /// Running is one of her goals: pages show what it waits for in full, else on request.
    pub goal: bool,
    /// One line: cleared, paused, or waiting.
    pub summary: String,
}

/// Her state now: every front end renders this and decides nothing itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberState {
    /// `urgent`, `refer` or `clear`.
    pub outcome: Outcome,
    /// The urgent stop, when there is one.
    pub urgent: Option<UrgentStop>,
    /// Every referral, most urgent first.
    pub help: Vec<Help>,
    /// Return to running.
    pub running: RunningState,
    /// Jumping, hopping and running drills allowed now.
    pub impact_allowed: bool,
}

impl MemberState {
    /// Decides her state from her screening (made with what she logged folded in) and the day a
    /// logged symptom started a pause of impact and running, if one is still running
    /// (`plan::impact_pause`).
    pub fn decide(screening: &Screening, impact_paused_since: Option<Date>) -> MemberState {
        let outcome = Outcome::of(screening);
        let urgent_referrals: Vec<Referral> = {
            let mut v: Vec<Referral> = screening
                .reasons
                .iter()
                .filter(|r| r.urgent)
                .filter_map(|r| r.referral)
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let help = screening
            .referrals
            .iter()
            .map(|&r| Help {
                referral: r,
                label: r.label(),
                advice: r.advice(),
                urgent: urgent_referrals.contains(&r),
            })
            .collect();
        let urgent = screening
            .urgent
            .then(|| urgent_stop(screening, &urgent_referrals));
        let paused = impact_paused_since.filter(|_| !screening.urgent);
        let running = running_state(screening, paused);
        MemberState {
            outcome,
            urgent,
            help,
            impact_allowed: screening.impact_allowed && paused.is_none() && !screening.urgent,
            running,
        }
    }
}

fn urgent_stop(screening: &Screening, referrals: &[Referral]) -> UrgentStop {
    // An urgent reason always sends her somewhere: with none named, emergency care.
    let referrals: Vec<Referral> = if referrals.is_empty() {
        vec![Referral::EmergencyCare]
    } else {
        referrals.to_vec()
    };
    let mut now: Vec<&'static str> = referrals.iter().map(|r| r.advice()).collect();
    let gp_only = referrals.iter().all(|r| *r == Referral::Gp);
    if gp_only {
        now.push(GP_FALLBACK);
    }
    let mut calls: Vec<Call> = Vec::new();
    for call in referrals.iter().flat_map(|r| r.calls()) {
        if !calls.iter().any(|c| c.tel == call.tel) {
            calls.push(*call);
        }
    }
    let reasons = screening
        .reasons
        .iter()
        .filter(|r| r.urgent)
        .map(|r| Because {
            text: r.text.clone(),
            source: r.source,
        })
        .collect();
    UrgentStop {
        heading: URGENT_HEADING,
        now,
        calls,
        reasons,
    }
}

fn running_state(screening: &Screening, paused_since: Option<Date>) -> RunningState {
    // An urgent screening's own blocker ("get the urgent help described above first") already
    // says what running waits for, so the stop adds no second line of its own.
    let mut problems: Vec<String> = Vec::new();
    let mut tests_left: Vec<&'static str> = Vec::new();
    if let Some(on) = paused_since {
        problems.push(format!(
            "a symptom-free week of training after the symptom you logged on {}",
            crate::text::long_date(on)
        ));
    }
    for blocker in &screening.running.blockers {
        match blocker.test_task() {
            Some(task) => tests_left.push(task),
            None => {
                let words = blocker.as_str().into_owned();
                if !problems.contains(&words) {
                    problems.push(words);
                }
            }
        }
    }
    let tests = screening
        .running
        .blockers
        .iter()
        .filter(|b| b.test_task().is_some())
        .map(|b| b.as_str().into_owned());
    let waiting_for: Vec<String> = problems.iter().cloned().chain(tests).collect();
    let cleared = screening.running.cleared && waiting_for.is_empty();
    let summary = if cleared {
        "Running: you may start a graded return to running.".to_owned()
    } else if screening.urgent {
        "Running: not now. Get help for the warning sign first.".to_owned()
    } else if paused_since.is_some() {
        "Running: paused until you have logged a symptom-free week of training.".to_owned()
    } else {
        "Running: not yet.".to_owned()
    };
    RunningState {
        cleared,
        paused_since,
        waiting_for,
        problems,
        tests_left,
        goal: screening.running.goal,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Profile, ProfileFormat, screen};
    use time::macros::date;

    fn screened(extra: &str) -> Screening {
        let text = format!(
            "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-06-01\"\ndelivery = \"vaginal\"\n[health]\npostnatal_check_done = true\n{extra}"
        );
        screen(&Profile::parse(&text, ProfileFormat::Toml, date!(2026 - 11 - 24)).unwrap())
    }

    #[test]
    fn heavy_bleeding_calls_999_and_112_only() {
        let s = MemberState::decide(&screened("red_flags = [\"heavy_bleeding\"]"), None);
        assert_eq!(s.outcome, Outcome::Urgent);
        let stop = s.urgent.expect("urgent stop");
        let tels: Vec<&str> = stop.calls.iter().map(|c| c.tel).collect();
        assert_eq!(tels, ["999", "112"]);
        assert_eq!(stop.heading, URGENT_HEADING);
        assert!(!stop.reasons.is_empty());
        assert!(!s.running.cleared);
        assert!(!s.impact_allowed);
        // What running waits for is the screening's own list, each said once.
        let screening = screened("red_flags = [\"heavy_bleeding\"]");
        let blockers: Vec<String> = screening
            .running
            .blockers
            .iter()
            .map(|b| b.as_str().into_owned())
            .collect();
        assert_eq!(s.running.waiting_for, blockers);
    }

    #[test]
    fn self_harm_calls_samaritans_and_111() {
        let s = MemberState::decide(&screened("red_flags = [\"thoughts_of_self_harm\"]"), None);
        let stop = s.urgent.expect("urgent stop");
        let tels: Vec<&str> = stop.calls.iter().map(|c| c.tel).collect();
        assert_eq!(tels, ["116123", "111"]);
    }

    #[test]
    fn fever_names_the_gp_and_the_out_of_hours_line() {
        let s = MemberState::decide(&screened("red_flags = [\"fever\"]"), None);
        let stop = s.urgent.expect("urgent stop");
        assert!(stop.now.contains(&GP_FALLBACK));
        let tels: Vec<&str> = stop.calls.iter().map(|c| c.tel).collect();
        assert_eq!(tels, ["111"]);
    }

    #[test]
    fn leaking_refers_and_a_logged_symptom_pauses_running() {
        let s = MemberState::decide(&screened("symptoms = [\"urinary_leakage\"]"), None);
        assert_eq!(s.outcome, Outcome::Refer);
        assert!(s.urgent.is_none());
        assert!(
            s.help
                .iter()
                .any(|h| h.referral == Referral::PelvicHealthPhysio && !h.urgent)
        );
        assert!(!s.running.cleared);

        let clear = screened("");
        let paused = MemberState::decide(&clear, Some(date!(2026 - 11 - 20)));
        assert!(!paused.running.cleared);
        assert!(!paused.impact_allowed);
        assert!(paused.running.summary.contains("paused"));
        assert_eq!(paused.running.paused_since, Some(date!(2026 - 11 - 20)));
    }

    #[test]
    fn running_splits_problems_from_the_tests_left_by_variant() {
        // No readiness tests answered: every test is left; leaking is a problem, not a test.
        let s = MemberState::decide(
            &screened("symptoms = [\"urinary_leakage\"]"),
            Some(date!(2026 - 11 - 20)),
        );
        let r = &s.running;
        assert!(
            r.problems[0].contains("symptom-free week"),
            "{:?}",
            r.problems
        );
        assert!(
            r.problems
                .iter()
                .any(|p| p.starts_with("pelvic-floor symptoms"))
        );
        assert!(!r.tests_left.is_empty());
        for task in &r.tests_left {
            assert!(
                !r.problems.iter().any(|p| p.contains(task)),
                "{task} in problems"
            );
        }
        // `waiting_for` is both lists, problems first, each said once.
        assert_eq!(r.waiting_for.len(), r.problems.len() + r.tests_left.len());
        assert_eq!(r.waiting_for[..r.problems.len()], r.problems[..]);
        assert!(
            r.waiting_for[r.problems.len()..]
                .iter()
                .zip(&r.tests_left)
                .all(|(w, t)| w.ends_with(t))
        );
    }

    #[test]
    fn warning_signs_alone_give_the_stop_her_screening_gives() {
        for flag in RedFlag::ALL {
            let alone =
                UrgentStop::for_red_flags(&[*flag], None, date!(2026 - 11 - 24)).expect("a stop");
            let full = MemberState::decide(
                &screened(&format!("red_flags = [\"{}\"]", flag.as_str())),
                None,
            )
            .urgent
            .expect("a stop");
            assert_eq!(alone.calls, full.calls, "{flag:?}");
            assert_eq!(alone.now, full.now, "{flag:?}");
            assert_eq!(alone.heading, URGENT_HEADING);
        }
        assert!(UrgentStop::for_red_flags(&[], None, date!(2026 - 11 - 24)).is_none());
    }

    #[test]
    fn every_symptom_and_warning_sign_has_a_label() {
        for s in Symptom::ALL {
            assert!(!s.label().is_empty() && !s.label().contains('_'), "{s:?}");
            assert_eq!(Symptom::label_of(s.as_str()), s.label());
        }
        for f in RedFlag::ALL {
            assert!(!f.label().is_empty() && !f.label().contains('_'), "{f:?}");
            assert_eq!(RedFlag::label_of(f.as_str()), f.label());
        }
        assert_eq!(Symptom::label_of("new_word"), "new word");
    }

    #[test]
    fn every_outcome_word_reads_back() {
        for o in [Outcome::Urgent, Outcome::Refer, Outcome::Clear] {
            assert_eq!(Outcome::from_word(o.as_str()), Some(o));
            assert!(!o.label().is_empty());
        }
        for r in [
            Referral::EmergencyCare,
            Referral::MentalHealthUrgent,
            Referral::Gp,
            Referral::MentalHealth,
            Referral::PelvicHealthPhysio,
        ] {
            assert_eq!(Referral::from_word(r.as_str()), Some(r));
            assert!(!r.short_label().is_empty() && !r.label().is_empty());
        }
        assert_eq!(Referral::from_word("someone"), None);
    }
}
