use crate::library::{Exercise, LoadSource, Pattern, Pressure};
use crate::sources;
use crate::vocab::EquipmentKind;
use serde::Serialize;

use super::Session;
use super::context::{WeekCtx, round1};
use super::generator::{Generator, WeekWork};
use super::phases::Phase;
use super::view::fmt_kg;

/// Car-seat weight used when she gives none: a typical infant carrier (2.5 to 4.5 kg).
pub const DEFAULT_CAR_SEAT_KG: f64 = 3.5;

/// The child is carried (and so counted as everyday load) up to this age in days: 5 years.
pub const EVERYDAY_LOAD_MAX_AGE_DAYS: i64 = crate::growth::MAX_AGE_DAYS;

/// Babies ride in a carried infant car seat until about 15 months (about 13 kg); after that the
/// seat stays in the car and the everyday lift is the child alone.
pub const INFANT_CAR_SEAT_MAX_AGE_DAYS: i64 = 456;

/// What she lifts every day and how the plan's heaviest carry and lift compare.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EverydayLoad {
    /// Her baby's estimated weight this week (WHO weight-for-age).
    pub baby_kg: f64,
    /// The car seat's weight.
    pub car_seat_kg: f64,
    /// The heaviest everyday lift: baby in the car seat (or both twins).
    pub total_kg: f64,
    /// The heaviest carry prescribed this week, if any.
    pub carry_kg: Option<f64>,
    /// The heaviest squat or hinge prescribed this week, if any.
    pub lift_kg: Option<f64>,
}

/// Why loads are held at her everyday load this week: the load model.
///
/// Pressure on the pelvic floor and the abdominal wall comes from the exercise *and* the load.
/// A load is **heavy** when it is more than she lifts every day: her baby's estimated weight
/// (WHO weight-for-age), plus the car seat while she carries one, or both twins. Dumbbells count
/// as a pair, so two 6 kg dumbbells weigh 12 kg. Her body already manages the everyday load
/// many times a day, so up to it the exercise's own pressure tag stands; above it, any loaded
/// lift, carry or press counts as high pressure ([`effective_pressure`]).
///
/// While she has pelvic-floor or abdominal-wall signs (symptoms, doming, a gap of 2 finger widths
/// or more), waits for the assessment of a sphincter injury, or is under 12 weeks after birth,
/// nothing heavy is prescribed: loads stop at the everyday load, effort stays light to moderate
/// and no high-pressure exercise is chosen (Goom, Donnelly & Brockwell 2019; UK CMO 2019:
/// moderate to vigorous over at least 3 months). The same cap holds in any week where
/// high-pressure work is not yet open (the Foundations phase, impact paused after a symptom).
/// Once the signs are gone (after a pelvic-health assessment) and she is past 12 weeks, loads
/// progress through the weights she owns again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadHold {
    /// Pelvic-floor or abdominal-wall signs: held until they settle.
    Signs,
    /// A sphincter injury not yet assessed by a pelvic-health physio.
    AwaitingAssessment,
    /// Under 12 weeks after birth: held until the date harder work may start.
    Early,
    /// High-pressure work is not open in this phase or week (foundations, impact paused).
    NotYetOpen,
}

/// The pressure an exercise puts on the pelvic floor at a load: its own tag, raised to high when
/// the load (dumbbells counted as a pair) is above what she lifts every day.
pub fn effective_pressure(tag: Pressure, load_kg: Option<f64>, everyday_kg: f64) -> Pressure {
    if load_kg.is_some_and(|kg| kg > everyday_kg + LOAD_TOLERANCE_KG) {
        Pressure::High
    } else {
        tag
    }
}

/// The load a prescription puts in her hands: dumbbells count as a pair.
pub fn effective_load_kg(load: LoadSource, load_kg: Option<f64>) -> Option<f64> {
    load_kg.map(|kg| {
        if load == LoadSource::Dumbbells {
            kg * 2.0
        } else {
            kg
        }
    })
}

/// The kinds of weight she owns (and loads step through): each week works out once which of
/// them she may use ([`WeekCtx::owned_loads`]).
pub(super) const OWNED_KINDS: [EquipmentKind; 3] = [
    EquipmentKind::Kettlebell,
    EquipmentKind::Dumbbells,
    EquipmentKind::Barbell,
];

/// Rounding slack when comparing loads in kg.
pub const LOAD_TOLERANCE_KG: f64 = 0.05;

impl<'p> WeekCtx<'p> {
    /// The weights she may use for an exercise's load: `None` when it has no owned weights.
    /// The owned weights are sorted, so the ones within a lifting limit are a prefix.
    pub(super) fn owned_loads(&self, ex: &Exercise) -> Option<&'p [f64]> {
        let kind = self.source(ex).owned_weights()?;
        Some(match OWNED_KINDS.iter().position(|k| *k == kind) {
            Some(i) => self.owned[i].get_or_init(|| self.find_owned_loads(kind)),
            None => self.find_owned_loads(kind),
        })
    }

    /// [`WeekCtx::owned_loads`] for one kind of weight, worked out.
    pub(super) fn find_owned_loads(&self, kind: EquipmentKind) -> &'p [f64] {
        let all = self.profile.training.equipment.weights_kg(kind);
        // Dumbbells are a pair: each may weigh half the cap.
        let per_hand = |cap: f64| {
            if kind == EquipmentKind::Dumbbells {
                (cap + LOAD_TOLERANCE_KG) / 2.0 - LOAD_TOLERANCE_KG
            } else {
                cap
            }
        };
        let limit = match (self.limit_kg, self.load_cap_kg()) {
            (Some(a), Some(b)) => Some(a.min(per_hand(b))),
            (a, b) => a.or(b.map(per_hand)),
        };
        let within = limit.map_or(all.len(), |limit| {
            all.partition_point(|w| *w <= limit + LOAD_TOLERANCE_KG)
        });
        &all[..within]
    }

    /// The most a load may weigh this week (dumbbells as a pair), when heavy loads wait.
    pub(super) fn load_cap_kg(&self) -> Option<f64> {
        self.hold.map(|_| self.everyday_kg)
    }

    /// The sentence that says why loads stop at the everyday load, with its source.
    pub(super) fn hold_words(&self) -> Option<String> {
        let hold = self.hold?;
        let with = if self.infant_car_seat {
            format!("your {} in the car seat", self.baby_word())
        } else if self.profile.birth.babies > 1 {
            "your babies".to_owned()
        } else {
            format!("your {}", self.baby_word())
        };
        let kg = fmt_kg(self.everyday_kg);
        let until = match hold {
            LoadHold::Signs if self.profile.health.pelvic_health_assessment_done => format!(
                "until your symptoms have settled and your pelvic-health physio clears heavier lifting ({})",
                sources::GOOM_2019
            ),
            LoadHold::Signs | LoadHold::AwaitingAssessment => format!(
                "until a pelvic-health physio has checked your pelvic floor and tummy and your symptoms have settled ({})",
                sources::GOOM_2019
            ),
            LoadHold::Early => format!(
                "until 12 weeks after birth, {} ({})",
                crate::render::long_date(self.screening.high_effort_from),
                sources::CMO_2019
            ),
            LoadHold::NotYetOpen => {
                "until heavier, high-pressure work opens in the plan (see the phases)".to_owned()
            }
        };
        Some(format!(
            "Loads held at {kg} kg, the weight you lift with {with}, {until}. Effort stays light to moderate: stop with 3 or 4 reps in hand, breathe out as you lift, and no breath-holding."
        ))
    }
}

impl<'a, 'p> Generator<'a, 'p> {
    /// The week's everyday load, while the child is small enough to be carried, added to the
    /// plan's line; and how her training compares with it, said when that changes.
    pub(super) fn everyday_load(
        &mut self,
        week: &mut WeekWork<'p>,
        sessions: &[Session<'a>],
    ) -> Option<EverydayLoad> {
        let ctx = &week.ctx;
        let profile = self.inputs.profile;
        let age_days = (ctx.starts - profile.birth.date).whole_days();
        let everyday_load = (age_days <= EVERYDAY_LOAD_MAX_AGE_DAYS).then(|| {
            let babies = f64::from(profile.birth.babies.max(1));
            let seat = if ctx.infant_car_seat {
                self.inputs.options.car_seat_kg
            } else {
                0.0
            };
            let total = (ctx.baby_kg + seat).max(ctx.baby_kg * babies);
            let heaviest = |patterns: &[Pattern]| {
                sessions
                    .iter()
                    .flat_map(|s| &s.exercises)
                    .filter(|p| patterns.contains(&p.pattern))
                    .filter_map(|p| p.load_kg)
                    .reduce(f64::max)
            };
            EverydayLoad {
                baby_kg: round1(ctx.baby_kg),
                car_seat_kg: seat,
                total_kg: round1(total),
                carry_kg: heaviest(&[Pattern::Carry]),
                lift_kg: heaviest(&[Pattern::Squat, Pattern::Hinge]),
            }
        });
        self.everyday_line
            .push(everyday_load.map_or(0.0, |e| e.total_kg));
        if let Some(e) = everyday_load
            && ctx.phase != Phase::Reconnect
        {
            let best = e.carry_kg.unwrap_or(0.0).max(e.lift_kg.unwrap_or(0.0));
            let ahead = best >= e.total_kg;
            if self.last_ahead != Some(ahead) {
                week.notes
                    .push(ahead_words(e, best, ahead, ctx.baby_word()));
                self.last_ahead = Some(ahead);
            }
        }
        everyday_load
    }
}

/// How her heaviest carry or lift (`best`) compares with what she lifts every day.
fn ahead_words(e: EverydayLoad, best: f64, ahead: bool, child: &str) -> String {
    if ahead {
        format!(
            "Your heaviest carry or lift this week ({} kg) is ahead of what you lift every day ({} kg): your {child} will keep getting heavier, and so will you.",
            fmt_kg(best),
            fmt_kg(e.total_kg)
        )
    } else if best > 0.0 {
        format!(
            "What you lift every day ({} kg with your {child}) is still more than your heaviest carry or lift in the plan ({} kg). Until the plan catches up: hold the load close, breathe out and lift your pelvic floor as you lift, and share heavy carries.",
            fmt_kg(e.total_kg),
            fmt_kg(best)
        )
    } else {
        format!(
            "You lift about {} kg every day with your {child}. Until the plan's carries and lifts add load: hold the load close, breathe out and lift your pelvic floor as you lift.",
            fmt_kg(e.total_kg)
        )
    }
}
