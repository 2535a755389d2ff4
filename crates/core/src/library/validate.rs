//! The invariants the programme generator relies on, checked when a library is parsed.

use std::collections::BTreeSet;

use super::{Exercise, Impact, Library, LibraryError, MAX_CUES, MIN_CUES, Pattern, Pressure};
use crate::readiness::READINESS_TESTS;

impl Library {
    /// Checks every exercise and its links, then that every pattern has a ladder anyone can
    /// start on. The first fault found is the error.
    pub(super) fn validate(&self) -> Result<(), LibraryError> {
        let readiness_keys: BTreeSet<&str> = READINESS_TESTS.iter().map(|t| t.key).collect();
        for ex in &self.exercises {
            check_fields(ex)?;
            check_cues(ex)?;
            check_tags(ex, &readiness_keys)?;
            self.check_regression(ex)?;
            self.check_progressions(ex)?;
            self.check_acyclic(ex)?;
        }
        self.check_roots()
    }

    /// The regression is an exercise that lists this one among its progressions.
    fn check_regression(&self, ex: &Exercise) -> Result<(), LibraryError> {
        let id = &ex.id;
        if let Some(down) = &ex.regression {
            let Some(lower) = self.get(down) else {
                return Err(invalid(
                    id,
                    "regression",
                    format!("`{down}` is not an exercise"),
                ));
            };
            if !lower.progressions.contains(&ex.id) {
                return Err(invalid(
                    id,
                    "regression",
                    format!("`{down}` does not list `{id}` among its progressions"),
                ));
            }
        }
        Ok(())
    }

    /// Each progression is an exercise of the same pattern, names this one as its regression
    /// and is more demanding.
    fn check_progressions(&self, ex: &Exercise) -> Result<(), LibraryError> {
        let id = &ex.id;
        for up in &ex.progressions {
            let Some(higher) = self.get(up) else {
                return Err(invalid(
                    id,
                    "progressions",
                    format!("`{up}` is not an exercise"),
                ));
            };
            if higher.regression.as_deref() != Some(id.as_str()) {
                return Err(invalid(
                    id,
                    "progressions",
                    format!("`{up}` names another regression"),
                ));
            }
            if higher.pattern != ex.pattern {
                return Err(invalid(
                    id,
                    "progressions",
                    format!("`{up}` is another pattern"),
                ));
            }
            if higher.level <= ex.level
                || higher.impact < ex.impact
                || higher.pressure < ex.pressure
                || higher.earliest_weeks < ex.earliest_weeks
                || higher.earliest_weeks_caesarean < ex.earliest_weeks_caesarean
            {
                return Err(invalid(
                    id,
                    "progressions",
                    format!(
                        "`{up}` must be more demanding: higher level, and no lower impact, \
                         pressure or earliest weeks"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Acyclic: walking down must end within the library's size.
    fn check_acyclic(&self, ex: &Exercise) -> Result<(), LibraryError> {
        let id = &ex.id;
        let mut seen = BTreeSet::new();
        let mut at = ex;
        while let Some(lower) = self.regression_of(at) {
            if !seen.insert(lower.id.as_str()) || lower.id == ex.id {
                return Err(invalid(id, "regression", "the ladder loops".into()));
            }
            at = lower;
        }
        Ok(())
    }

    /// Every pattern has a ladder that starts with no equipment and low pressure (the impact
    /// pattern: with no equipment).
    fn check_roots(&self) -> Result<(), LibraryError> {
        for pattern in Pattern::ALL {
            if !self.roots(pattern).any(|r| {
                r.needs().next().is_none()
                    && r.impact == Impact::None
                    && r.pressure == Pressure::Low
                    && pattern != Pattern::Impact
                    || pattern == Pattern::Impact && r.needs().next().is_none()
            }) {
                return Err(invalid(
                    pattern.as_str(),
                    "pattern",
                    "expected a ladder that starts with no equipment and low pressure".into(),
                ));
            }
        }
        Ok(())
    }
}

/// The id is snake_case; name, focus and equipment are given; level, weeks and range make sense.
fn check_fields(ex: &Exercise) -> Result<(), LibraryError> {
    let id = &ex.id;
    if ex.id.is_empty()
        || !ex
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(invalid(
            id,
            "id",
            "expected snake_case: a-z, 0-9 and _".into(),
        ));
    }
    if ex.name.trim().is_empty() {
        return Err(invalid(id, "name", "expected a name".into()));
    }
    if ex.focus.is_empty() {
        return Err(invalid(
            id,
            "focus",
            "expected at least one focus tag".into(),
        ));
    }
    if ex.equipment.is_empty() {
        return Err(invalid(
            id,
            "equipment",
            "expected at least one item (`bodyweight` for none)".into(),
        ));
    }
    if !(1..=10).contains(&ex.level) {
        return Err(invalid(id, "level", "expected 1 to 10".into()));
    }
    if ex.earliest_weeks_caesarean < ex.earliest_weeks {
        return Err(invalid(
            id,
            "earliest_weeks_caesarean",
            "expected no earlier than earliest_weeks".into(),
        ));
    }
    if ex.range[0] == 0 || ex.range[0] > ex.range[1] {
        return Err(invalid(
            id,
            "range",
            "expected [low, high] with 0 < low <= high".into(),
        ));
    }
    Ok(())
}

/// Two to four cues, one of them about the breath.
fn check_cues(ex: &Exercise) -> Result<(), LibraryError> {
    let id = &ex.id;
    if !(MIN_CUES..=MAX_CUES).contains(&ex.cues.len()) {
        return Err(invalid(
            id,
            "cues",
            format!("expected {MIN_CUES} to {MAX_CUES} cues"),
        ));
    }
    if !ex.cues.iter().any(|c| is_breath_cue(c)) {
        return Err(invalid(
            id,
            "cues",
            "expected a breathing cue (exhale on effort / breathe)".into(),
        ));
    }
    Ok(())
}

/// Only the impact pattern lands, no ache is both eased and aggravated, and the readiness test
/// practised is one of `readiness_keys`.
fn check_tags(ex: &Exercise, readiness_keys: &BTreeSet<&str>) -> Result<(), LibraryError> {
    let id = &ex.id;
    if ex.impact != Impact::None && ex.pattern != Pattern::Impact {
        return Err(invalid(
            id,
            "impact",
            "only the `impact` pattern may land".into(),
        ));
    }
    if let Some(a) = ex.eases.iter().find(|a| ex.aches.contains(a)) {
        return Err(invalid(
            id,
            "eases",
            format!("`{a}` is also among the aches it aggravates"),
        ));
    }
    if let Some(test) = &ex.readiness_test
        && !readiness_keys.contains(test.as_str())
    {
        return Err(invalid(
            id,
            "readiness_test",
            format!("`{test}` is not a readiness test"),
        ));
    }
    Ok(())
}

pub(super) fn invalid(id: &str, field: &'static str, message: String) -> LibraryError {
    LibraryError::Invalid {
        id: id.to_string(),
        field,
        message,
    }
}

/// A cue about the breath: exhale on effort, or breathe throughout.
pub fn is_breath_cue(cue: &str) -> bool {
    let cue = cue.to_lowercase();
    ["exhale", "breathe", "breath"]
        .iter()
        .any(|w| cue.contains(w))
}
