//! What still stands between her and running: a closed list, serialised as the sentences she
//! reads, so code matches on the variant and stored JSON keeps its strings.

use std::borrow::Cow;

use serde::Serialize;
use time::Date;

use crate::text::long_date;

/// How a running blocker for an unpassed load-and-impact test begins.
pub const LOAD_TEST_BLOCKER: &str = "load test not yet passed: ";
/// How a running blocker for an unpassed strength test begins.
pub const STRENGTH_TEST_BLOCKER: &str = "strength test not yet passed: ";

/// One thing that still stands between her and running, in the order they are listed.
///
/// Serialises as the sentence she reads (see [`Blocker::as_str`]), so stored screenings and
/// the API keep their strings; code matches on the variant instead of parsing the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// A red flag or self-harm answer: the urgent help comes first.
    UrgentHelp,
    /// Under 12 weeks after birth: running starts from this date.
    TooSoon(Date),
    /// Pelvic-floor symptoms; `assessed` when she has already seen a pelvic-health physio.
    PelvicFloor {
        /// She has seen a pelvic-health physio.
        assessed: bool,
    },
    /// Abdominal-wall signs; `assessed` when she has already seen a pelvic-health physio.
    AbdominalWall {
        /// She has seen a pelvic-health physio.
        assessed: bool,
    },
    /// A third- or fourth-degree tear not yet assessed by a pelvic-health physio.
    TearAssessment,
    /// Bleeding beyond 8 weeks, for the GP first.
    Bleeding,
    /// Caesarean scar pain, to be checked first.
    ScarPain,
    /// The postnatal check, still to be had (from 6 weeks to a year).
    PostnatalCheck,
    /// A load-and-impact readiness test not yet passed (its task).
    LoadTest(&'static str),
    /// A strength readiness test not yet passed (its task).
    StrengthTest(&'static str),
}

impl Blocker {
    /// The sentence she reads, exactly as serialised.
    pub fn as_str(&self) -> Cow<'static, str> {
        let fixed = match self {
            Blocker::UrgentHelp => "get the urgent help described above first",
            Blocker::TooSoon(from) => {
                return format!("wait until 12 weeks after birth ({})", long_date(*from)).into();
            }
            Blocker::PelvicFloor { assessed: true } => {
                "pelvic-floor symptoms: ask your pelvic-health physio when running can return"
            }
            Blocker::PelvicFloor { assessed: false } => {
                "pelvic-floor symptoms: see a pelvic-health physio first"
            }
            Blocker::AbdominalWall { assessed: true } => {
                "abdominal-wall signs: ask your pelvic-health physio when running can return"
            }
            Blocker::AbdominalWall { assessed: false } => {
                "abdominal-wall signs: see a pelvic-health physio first"
            }
            Blocker::TearAssessment => {
                "third- or fourth-degree tear: see a pelvic-health physio first"
            }
            Blocker::Bleeding => "bleeding beyond 8 weeks: see your GP first",
            Blocker::ScarPain => "caesarean scar pain: have it checked first",
            Blocker::PostnatalCheck => "have your postnatal check first",
            Blocker::LoadTest(task) => return format!("{LOAD_TEST_BLOCKER}{task}").into(),
            Blocker::StrengthTest(task) => return format!("{STRENGTH_TEST_BLOCKER}{task}").into(),
        };
        Cow::Borrowed(fixed)
    }

    /// What a list of what is still to do shows: a test's task alone (the list's heading names
    /// its group), any other blocker's whole sentence.
    pub fn label(&self) -> Cow<'static, str> {
        match self.test_task() {
            Some(task) => Cow::Borrowed(task),
            None => self.as_str(),
        }
    }

    /// Where it is listed: the calendar and symptoms first, then the checks, then the tests, in
    /// the order of the variants (tests keep the guideline's order among themselves).
    pub(crate) fn rank(&self) -> u8 {
        match self {
            Blocker::UrgentHelp => 0,
            Blocker::TooSoon(_) => 1,
            Blocker::PelvicFloor { .. } => 2,
            Blocker::AbdominalWall { .. } => 3,
            Blocker::TearAssessment => 4,
            Blocker::Bleeding => 5,
            Blocker::ScarPain => 6,
            Blocker::PostnatalCheck => 7,
            Blocker::LoadTest(_) => 8,
            Blocker::StrengthTest(_) => 9,
        }
    }

    /// The readiness test this blocker names (its task), or `None` for any other blocker.
    pub fn test_task(&self) -> Option<&'static str> {
        match self {
            Blocker::LoadTest(task) | Blocker::StrengthTest(task) => Some(task),
            _ => None,
        }
    }
}

impl std::fmt::Display for Blocker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl Serialize for Blocker {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_str())
    }
}
