//! The range and date checks that turn a [`ProfileInput`] into a [`Profile`].

use time::{Date, Duration};

use super::questionnaire::{Epds, Gad7, Phq9, QuestionnaireError};
use super::vocab::{Goal, Symptom};
use super::{
    Birth, EARLIEST_AS_OF, Equipment, Health, HealthInput, LATEST_AS_OF, MAX_ECHO_CHARS,
    MAX_YEARS_POSTPARTUM, Profile, ProfileError, ProfileInput, Training, TrainingInput, shorten,
};

/// Parses an ISO `YYYY-MM-DD` date, or says what was expected.
pub fn parse_iso_date(text: &str) -> Result<Date, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let trimmed = text.trim();
    let shaped = trimmed.len() == 10
        && trimmed.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let shown = shorten(text, MAX_ECHO_CHARS);
    if !shaped {
        return Err(format!(
            "`{shown}` is not a date; expected YYYY-MM-DD, e.g. 2026-08-20"
        ));
    }
    Date::parse(trimmed, format).map_err(|_| {
        format!("`{shown}` is not a real calendar date; expected YYYY-MM-DD, e.g. 2026-08-20")
    })
}

fn check_range_f64(
    field: &str,
    value: f64,
    min: f64,
    max: f64,
    unit: &str,
) -> Result<f64, ProfileError> {
    if value.is_finite() && value >= min && value <= max {
        Ok(value)
    } else {
        Err(ProfileError::field_error(
            field,
            format!("{value} is out of range; expected {min} to {max}{unit}"),
        ))
    }
}

fn check_range_int(field: &str, value: i64, min: i64, max: i64) -> Result<i64, ProfileError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ProfileError::field_error(
            field,
            format!("{value} is out of range; expected a whole number from {min} to {max}"),
        ))
    }
}

fn questionnaire_error(field: &str, e: QuestionnaireError) -> ProfileError {
    match e {
        QuestionnaireError::WrongLength { .. } => ProfileError::field_error(field, e.to_string()),
        QuestionnaireError::OutOfRange { item, value } => ProfileError::field_error(
            format!("{field}[{}]", item - 1),
            format!("item {item}: {value} is not allowed; expected 0, 1, 2 or 3"),
        ),
    }
}

impl ProfileInput {
    /// Checks every range and date and builds a [`Profile`]. `today` fills in a missing `as_of`.
    pub fn validate(&self, today: Date) -> Result<Profile, ProfileError> {
        let as_of = self.checked_as_of(today)?;
        let birth = self.checked_birth(as_of)?;
        let weeks = (as_of - birth.date).whole_weeks();
        let health = checked_health(&self.health, weeks)?;
        let training = checked_training(&self.training)?;
        Ok(Profile {
            as_of,
            birth,
            health,
            readiness: self.readiness,
            training,
        })
    }

    /// `as_of`, or `today` when absent, within the supported dates.
    fn checked_as_of(&self, today: Date) -> Result<Date, ProfileError> {
        let as_of = match &self.as_of {
            Some(text) => {
                parse_iso_date(text).map_err(|m| ProfileError::field_error("as_of", m))?
            }
            None => today,
        };
        if !(EARLIEST_AS_OF..=LATEST_AS_OF).contains(&as_of) {
            return Err(ProfileError::field_error(
                "as_of",
                format!(
                    "{as_of} is out of range; expected a date from {EARLIEST_AS_OF} to {LATEST_AS_OF}"
                ),
            ));
        }
        Ok(as_of)
    }

    /// `[birth]`: the date on or before `as_of` and not decades before it, the baby's weight
    /// and the number of babies in range.
    fn checked_birth(&self, as_of: Date) -> Result<Birth, ProfileError> {
        let date = parse_iso_date(&self.birth.date)
            .map_err(|m| ProfileError::field_error("birth.date", m))?;
        if date > as_of {
            return Err(ProfileError::field_error(
                "birth.date",
                format!(
                    "{date} is after the screening date {as_of} (as_of{}); expected the date of your most recent birth, on or before {as_of}",
                    if self.as_of.is_some() { "" } else { ", today" }
                ),
            ));
        }
        if as_of - date > Duration::days(MAX_YEARS_POSTPARTUM * 366) {
            return Err(ProfileError::field_error(
                "birth.date",
                format!(
                    "{date} is more than {MAX_YEARS_POSTPARTUM} years before {as_of}; expected the date of your most recent birth"
                ),
            ));
        }
        let baby_birth_weight_kg = self
            .birth
            .baby_birth_weight_kg
            .map(|w| check_range_f64("birth.baby_birth_weight_kg", w, 0.5, 7.0, " kg"))
            .transpose()?;
        let babies = match self.birth.babies {
            Some(n) => check_range_int("birth.babies", n, 1, 6)? as u8,
            None => 1,
        };
        Ok(Birth {
            date,
            delivery: self.birth.delivery,
            perineal_tear: self.birth.perineal_tear,
            baby_sex: self.birth.baby_sex,
            baby_birth_weight_kg,
            babies,
        })
    }
}

/// `[health]`: the diastasis gap and the questionnaires in range, and no "bleeding beyond 8
/// weeks" before 8 weeks (`weeks` after birth).
fn checked_health(h: &HealthInput, weeks: i64) -> Result<Health, ProfileError> {
    let diastasis_finger_widths = h
        .diastasis_finger_widths
        .map(|w| {
            check_range_f64(
                "health.diastasis_finger_widths",
                w,
                0.0,
                8.0,
                " finger widths",
            )
        })
        .transpose()?;
    let epds = h
        .epds
        .as_deref()
        .map(|a| Epds::from_answer_positions(a).map_err(|e| questionnaire_error("health.epds", e)))
        .transpose()?;
    let phq9 = h
        .phq9
        .as_deref()
        .map(|a| Phq9::from_item_scores(a).map_err(|e| questionnaire_error("health.phq9", e)))
        .transpose()?;
    let gad7 = h
        .gad7
        .as_deref()
        .map(|a| Gad7::from_item_scores(a).map_err(|e| questionnaire_error("health.gad7", e)))
        .transpose()?;
    if let Some(w) = h
        .whooley
        .filter(|w| !w.positive() && w.wants_help.is_some())
    {
        return Err(ProfileError::field_error(
            "health.whooley.wants_help",
            format!(
                "is asked only after a yes to `down` or `no_interest`, and both are no; leave it out (it was {})",
                w.wants_help.unwrap_or_default()
            ),
        ));
    }

    if let Some(i) = h
        .symptoms
        .iter()
        .position(|s| *s == Symptom::BleedingBeyond8Weeks)
        .filter(|_| weeks < 8)
    {
        return Err(ProfileError::field_error(
            format!("health.symptoms[{i}]"),
            format!(
                "`bleeding_beyond_8_weeks` cannot apply {weeks} weeks after birth: some bleeding (lochia) is normal in the first weeks. If bleeding is heavy (soaking more than one pad an hour, or clots bigger than a 50p coin), that is a warning sign: put \"heavy_bleeding\" in red_flags and get help now"
            ),
        ));
    }
    Ok(Health {
        postnatal_check_done: h.postnatal_check_done,
        pelvic_health_assessment_done: h.pelvic_health_assessment_done,
        breastfeeding: h.breastfeeding,
        symptoms: h.symptoms.iter().copied().collect(),
        red_flags: h.red_flags.iter().copied().collect(),
        diastasis_finger_widths,
        epds,
        phq9,
        whooley: h.whooley,
        gad7,
    })
}

/// `[training]`: at least one goal, days and minutes in range, the equipment words and the car
/// seat's weight.
fn checked_training(t: &TrainingInput) -> Result<Training, ProfileError> {
    if t.goals.is_empty() {
        return Err(ProfileError::field_error(
            "training.goals",
            format!("choose at least one of {}", Goal::allowed()),
        ));
    }
    let days_per_week = check_range_int("training.days_per_week", t.days_per_week, 1, 7)? as u8;
    let minutes_per_session = check_range_int(
        "training.minutes_per_session",
        t.minutes_per_session,
        10,
        120,
    )? as u16;
    let equipment = Equipment::parse(&t.equipment).map_err(|(index, message)| {
        ProfileError::field_error(format!("training.equipment[{index}]"), message)
    })?;
    let car_seat_kg = t
        .car_seat_kg
        .map(|w| check_range_f64("training.car_seat_kg", w, 0.5, 20.0, " kg"))
        .transpose()?;
    Ok(Training {
        experience: t.experience,
        goals: t.goals.iter().copied().collect(),
        days_per_week,
        minutes_per_session,
        equipment,
        aches: t.aches.iter().copied().collect(),
        car_seat_kg,
    })
}
