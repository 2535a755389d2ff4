//! The week-by-week screening of a plan, without screening every week again: the rules read the
//! date only through a few time limits (6 weeks, 8 weeks, 12 weeks, 6 months, a year), so two
//! dates on the same side of every limit screen alike, but for the date itself. In the first
//! six weeks the words name the day, so each day is its own.

use super::{IMMEDIATE_PERIOD_DAYS, IMPACT_EARLIEST_DAYS, Screening, Stage, add_months};
use crate::profile::Profile;

/// Where a date falls against every time limit the rules read ([`date_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateKey {
    /// The day since birth, in the first six weeks (the words say it).
    first_weeks_day: Option<i64>,
    under_six_weeks: bool,
    under_eight_weeks: bool,
    under_twelve_weeks: bool,
    before_six_months: bool,
    under_a_year: bool,
}

/// Where her profile's date falls against the rules' time limits: two profiles that differ
/// only in a date with the same key screen alike, but for [`redate`]'s fields.
pub(crate) fn date_key(profile: &Profile) -> DateKey {
    let days = profile.days_postpartum();
    let weeks = profile.weeks_postpartum();
    DateKey {
        first_weeks_day: (days < IMMEDIATE_PERIOD_DAYS).then_some(days),
        under_six_weeks: weeks < 6,
        under_eight_weeks: weeks < 8,
        under_twelve_weeks: days < IMPACT_EARLIEST_DAYS,
        before_six_months: profile.as_of < add_months(profile.birth.date, 6),
        under_a_year: days < 365,
    }
}

/// A screening of the same profile on another date with the same [`date_key`], moved to the
/// profile's date: the date and the time since birth are all that differ.
pub(crate) fn redate(screening: &mut Screening, profile: &Profile) {
    let days = profile.days_postpartum();
    screening.as_of = profile.as_of;
    screening.days_postpartum = days;
    screening.weeks_postpartum = profile.weeks_postpartum();
    screening.stage = Stage::from_days(days);
}

#[cfg(test)]
mod tests {
    use super::{date_key, redate};
    use crate::profile::{Profile, ProfileFormat};
    use crate::screening::screen_for_week;
    use time::Duration;
    use time::macros::date;

    const PROFILES: [&str; 8] = [
        include_str!("../../../../examples/profiles/leaking-at-5-months.toml"),
        include_str!("../../../../examples/profiles/ready-to-run-14-weeks.toml"),
        include_str!("../../../../examples/profiles/three-years-beginner.toml"),
        include_str!("../../../../examples/profiles/gym-mum-6-months.toml"),
        include_str!("../../../../examples/profiles/early-vaginal-birth.toml"),
        include_str!("../../../../examples/profiles/caesarean-wound-problem.toml"),
        include_str!("../../../../examples/profiles/low-mood.toml"),
        include_str!("../../../../examples/profiles/template.toml"),
    ];

    /// Day by day from the birth to past two years: a screening moved from the day before
    /// (when the key says it may be) is the screening of the day.
    #[test]
    fn a_screening_moved_to_a_day_with_the_same_key_is_that_days_screening() {
        let mut moved = 0;
        for text in PROFILES {
            let mut profile =
                Profile::parse(text, ProfileFormat::Toml, date!(2026 - 11 - 24)).expect("parses");
            let birth = profile.birth.date;
            profile.as_of = birth;
            let mut last = (date_key(&profile), screen_for_week(&profile));
            for day in 1..800 {
                profile.as_of = birth + Duration::days(day);
                let fresh = screen_for_week(&profile);
                let key = date_key(&profile);
                if key == last.0 {
                    redate(&mut last.1, &profile);
                    assert_eq!(last.1, fresh, "day {day}");
                    moved += 1;
                }
                last = (key, fresh);
            }
        }
        assert!(moved > 5000, "only {moved} days moved");
    }
}
