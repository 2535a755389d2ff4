use crate::growth::estimated_baby_weight_kg;
use crate::library::{Exercise, Impact, LoadSource, Pattern, Pressure};
use crate::profile::Profile;
use crate::screening::Screening;
use crate::sources;
use crate::vocab::{Ache, EquipmentKind, Experience, Goal};
use std::collections::{BTreeMap, BTreeSet};
use time::Date;

use super::everyday_load::{INFANT_CAR_SEAT_MAX_AGE_DAYS, LoadHold, OWNED_KINDS};
use super::generator::Inputs;
use super::phases::{Phase, decide_phase};
use super::progression::{Progress, SlotState, WorkingWeight};
use super::view::{Signs, fmt_kg};

/// The hardest impact drill for a runner: above it the library has run-walks, which her
/// walk-run already covers.
pub(super) const RUNNER_IMPACT_MAX_LEVEL: u8 = 7;

/// Ballistic lifts: a fast hip snap against a hard brace, so a sharp rise in pressure on the
/// pelvic floor with every rep. Only for an experienced lifter, symptom-free after a pelvic-health
/// assessment, in the Perform phase (the library tags them high pressure, which keeps them behind
/// every high-pressure rule as well).
pub(super) const BALLISTIC_LIFTS: &[&str] = &["kettlebell_swing"];

/// Exercises with the baby as the load stop at 2 years: a toddler is lifted, not trained with.
pub(super) const BABY_LOAD_MAX_WEEKS: i64 = 104;

pub(super) struct WeekCtx<'p> {
    pub(super) profile: &'p Profile,
    pub(super) starts: Date,
    pub(super) screening: Screening,
    pub(super) phase: Phase,
    pub(super) weeks_pp: i64,
    pub(super) impact_ok: bool,
    pub(super) high_pressure_ok: bool,
    pub(super) baby_kg: f64,
    pub(super) car_seat_kg: f64,
    /// The baby still rides in a carried infant car seat.
    pub(super) infant_car_seat: bool,
    pub(super) limit_kg: Option<f64>,
    /// Exercises she logged pelvic-floor symptoms during: avoided while impact is paused.
    pub(super) avoid: Option<&'p BTreeSet<String>>,
    /// Doming or a wide gap: core work stays low-pressure until a physio has assessed it.
    pub(super) abdominal_signs: bool,
    /// What she lifts every day this week: her baby, in the car seat while one is carried
    /// (or both twins), in kg.
    pub(super) everyday_kg: f64,
    /// Why loads are held at the everyday load this week, if they are (see [`LoadHold`]).
    pub(super) hold: Option<LoadHold>,
    /// Her recent working weights ([`working_weights`]): new exercises start from them.
    pub(super) history: &'p BTreeMap<String, WorkingWeight>,
    /// Each library exercise's [`WeekCtx::block`], by position, worked out on first use: the
    /// ladders ask about the same exercises many times a week.
    pub(super) blocks: Blocks,
    /// `everyday_kg` in words ([`fmt_kg`]), for the many prescriptions that say it.
    pub(super) everyday_words: String,
    /// Where each library exercise's load comes from, by position.
    pub(super) sources: &'p [LoadSource],
    /// What in her profile changes how she does an exercise.
    pub(super) signs: Signs,
    /// The weights of each of [`OWNED_KINDS`] she may use this week, worked out on first use.
    pub(super) owned: [std::cell::OnceCell<&'p [f64]>; 3],
}

/// Why an exercise is not open to her this week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Block {
    Equipment(EquipmentKind),
    ImpactNotCleared,
    ImpactPaused,
    ImpactLater,
    HighPressure,
    Phase,
    Earliest(u8),
    Ache(Ache),
    CaesareanLimit,
    OutgrownCarSeat,
    BuggyRunning,
    LoggedSymptom,
    AbdominalWall,
    ChildTooBig,
    NoLightWeight,
    LoadHeld,
    Ballistic,
}

impl Block {
    pub(super) fn describe(self, phase: Phase) -> String {
        match self {
            Block::Equipment(k) => {
                format!("it needs {}, which is not in your equipment", k.describe())
            }
            Block::ImpactNotCleared => {
                "impact is not open to you yet: your screening does not clear it".to_owned()
            }
            Block::ImpactPaused => "impact is paused after the symptom you logged".to_owned(),
            Block::ImpactLater => "impact drills come with the return-to-running phase".to_owned(),
            Block::HighPressure => {
                "heavy, high-pressure work waits for now (see the phases)".to_owned()
            }
            Block::Phase => format!("it is beyond the {} phase", phase.title()),
            Block::Earliest(w) => format!("it starts from {w} weeks after birth"),
            Block::Ache(a) => format!("it can aggravate your {}", a.describe()),
            Block::CaesareanLimit => {
                "after your caesarean, nothing heavier than your baby yet".to_owned()
            }
            Block::OutgrownCarSeat => "your child has outgrown the carried car seat".to_owned(),
            Block::BuggyRunning => "running with the buggy starts at 6 months".to_owned(),
            Block::LoggedSymptom => "you logged symptoms during it".to_owned(),
            Block::ChildTooBig => {
                "exercises that use your child as the weight are for the first two years".to_owned()
            }
            Block::AbdominalWall => {
                "core work stays low-pressure until your tummy gap or doming has been assessed"
                    .to_owned()
            }
            Block::NoLightWeight => "none of your weights is light enough yet".to_owned(),
            Block::Ballistic => format!(
                "a ballistic lift is for experienced lifters with no symptoms after a pelvic-health assessment, in the Perform phase ({})",
                sources::GOOM_2019
            ),
            Block::LoadHeld => {
                "all your weights are heavier than what you lift every day, and loads stay at that for now".to_owned()
            }
        }
    }
}

/// Everything of a week that [`WeekCtx::find_block`] reads and that changes from week to week:
/// two weeks with the same key block the same exercises for the same reasons, so a week takes
/// over the blocks worked out the week before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct BlockKey {
    impact_ok: bool,
    impact_allowed: bool,
    impact_paused: bool,
    high_pressure_ok: bool,
    phase: Phase,
    /// How many of the library's earliest weeks after birth she has reached.
    earliest_reached: usize,
    child_too_big: bool,
    limited: bool,
    infant_car_seat: bool,
    before_buggy_running: bool,
    abdominal_signs: bool,
    held: bool,
    /// For each of [`OWNED_KINDS`], whether none of her weights may be used.
    no_owned: [bool; 3],
}

/// The blocks of the library's exercises worked out so far, by position, with the week's key.
pub(super) type Blocks = Vec<std::cell::OnceCell<Option<Block>>>;

/// The earliest weeks after birth the library's exercises start from for her delivery, sorted
/// and each once: the thresholds [`BlockKey`] counts.
pub(super) fn earliest_thresholds(library: &crate::library::Library, profile: &Profile) -> Vec<u8> {
    let caesarean = profile.birth.delivery.is_caesarean();
    let mut weeks: Vec<u8> = library
        .exercises()
        .iter()
        .map(|e| e.earliest_weeks_for(caesarean))
        .collect();
    weeks.sort_unstable();
    weeks.dedup();
    weeks
}

impl WeekCtx<'_> {
    /// This week's [`BlockKey`]; `earliest` from [`earliest_thresholds`].
    pub(super) fn block_key(&self, earliest: &[u8]) -> BlockKey {
        let no_owned = std::array::from_fn(|i| {
            self.owned[i]
                .get_or_init(|| self.find_owned_loads(OWNED_KINDS[i]))
                .is_empty()
        });
        BlockKey {
            impact_ok: self.impact_ok,
            impact_allowed: self.screening.impact_allowed,
            impact_paused: self.avoid.is_some(),
            high_pressure_ok: self.high_pressure_ok,
            phase: self.phase,
            earliest_reached: earliest.partition_point(|w| i64::from(*w) <= self.weeks_pp),
            child_too_big: self.weeks_pp > BABY_LOAD_MAX_WEEKS,
            limited: self.limit_kg.is_some(),
            infant_car_seat: self.infant_car_seat,
            before_buggy_running: self.starts < self.screening.running.buggy_from,
            abdominal_signs: self.abdominal_signs,
            held: self.hold.is_some(),
            no_owned,
        }
    }

    /// Where an exercise's load comes from ([`Exercise::load_source`], looked up once per plan).
    pub(super) fn source(&self, ex: &Exercise) -> LoadSource {
        match self.sources.get(ex.position()) {
            Some(s) => *s,
            None => ex.load_source(),
        }
    }

    /// "baby" in the first year, "child" after.
    pub(super) fn baby_word(&self) -> &'static str {
        if self.weeks_pp >= 52 { "child" } else { "baby" }
    }

    /// Whether an exercise may be prescribed this week.
    pub(super) fn allows(&self, ex: &Exercise) -> bool {
        self.block(ex).is_none()
    }

    /// The first reason an exercise is not open to her this week, if any.
    pub(super) fn block(&self, ex: &Exercise) -> Option<Block> {
        match self.blocks.get(ex.position()) {
            Some(cell) => *cell.get_or_init(|| self.find_block(ex)),
            None => self.find_block(ex),
        }
    }

    /// [`WeekCtx::block`], worked out.
    pub(super) fn find_block(&self, ex: &Exercise) -> Option<Block> {
        let p = self.profile;
        if let Some(k) = ex.needs().find(|k| !p.training.equipment.has(*k)) {
            return Some(Block::Equipment(k));
        }
        if let Some(a) = ex.aches.iter().find(|a| p.training.aches.contains(a)) {
            return Some(Block::Ache(*a));
        }
        if ex.impact != Impact::None && !self.impact_ok {
            return Some(if !self.screening.impact_allowed {
                Block::ImpactNotCleared
            } else if self.avoid.is_some() {
                Block::ImpactPaused
            } else {
                Block::ImpactLater
            });
        }
        if ex.pressure == Pressure::High && !self.high_pressure_ok {
            return Some(Block::HighPressure);
        }
        if ex.pressure > self.phase.pressure_cap() || ex.level > self.phase.level_cap() {
            return Some(Block::Phase);
        }
        let earliest = ex.earliest_weeks_for(p.birth.delivery.is_caesarean());
        if i64::from(earliest) > self.weeks_pp {
            return Some(Block::Earliest(earliest));
        }
        if self.source(ex) == LoadSource::Baby && self.weeks_pp > BABY_LOAD_MAX_WEEKS {
            return Some(Block::ChildTooBig);
        }
        if self.source(ex) == LoadSource::CarSeat {
            if self.limit_kg.is_some() {
                return Some(Block::CaesareanLimit);
            }
            if !self.infant_car_seat {
                return Some(Block::OutgrownCarSeat);
            }
        }
        if ex.impact != Impact::None
            && ex.equipment.contains(&EquipmentKind::Buggy)
            && self.starts < self.screening.running.buggy_from
        {
            return Some(Block::BuggyRunning);
        }
        if self.avoid.is_some_and(|ids| ids.contains(&ex.id)) {
            return Some(Block::LoggedSymptom);
        }
        if ex.pattern == Pattern::Impact
            && ex.level > RUNNER_IMPACT_MAX_LEVEL
            && p.training.goals.contains(&Goal::Running)
        {
            // Her runs are the running practice: drills stay drills.
            return Some(Block::Phase);
        }
        if BALLISTIC_LIFTS.contains(&ex.id.as_str())
            && (p.training.experience != Experience::Experienced
                || !p.health.pelvic_health_assessment_done
                || self.phase != Phase::Perform)
        {
            return Some(Block::Ballistic);
        }
        if self.abdominal_signs && ex.pattern == Pattern::Core && ex.pressure > Pressure::Low {
            return Some(Block::AbdominalWall);
        }
        if self.owned_loads(ex).is_some_and(|w| w.is_empty()) {
            return Some(if self.limit_kg.is_some() {
                Block::CaesareanLimit
            } else if self.hold.is_some() {
                Block::LoadHeld
            } else {
                Block::NoLightWeight
            });
        }
        None
    }

    pub(super) fn load_kg(&self, state: &SlotState) -> Option<f64> {
        match self.source(state.exercise) {
            LoadSource::Kettlebell | LoadSource::Dumbbells | LoadSource::Barbell => {
                let loads = self.owned_loads(state.exercise)?;
                state
                    .load_index
                    .and_then(|i| loads.get(i.min(loads.len().saturating_sub(1))).copied())
            }
            LoadSource::Baby => Some(round1(self.baby_kg)),
            LoadSource::CarSeat => None,
            LoadSource::Band | LoadSource::Bodyweight | LoadSource::Cable | LoadSource::Machine => {
                None
            }
        }
    }
}

pub(super) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// What the week's screening `s` (at the week's first day) allows.
pub(super) fn week_ctx<'p>(
    inputs: &'p Inputs,
    s: Screening,
    starts: Date,
    progress: &Progress,
    impact_paused: bool,
) -> (WeekCtx<'p>, String) {
    let (profile, options) = (inputs.profile, inputs.options);
    let avoid = impact_paused.then_some(&inputs.avoid_ids);
    let history = &inputs.history;
    let age_days = (starts - profile.birth.date).whole_days();
    let baby_kg = estimated_baby_weight_kg(
        profile.birth.baby_birth_weight_kg,
        profile.birth.baby_sex,
        age_days,
    );
    let limit_kg = s
        .lifting_limit
        .as_ref()
        .filter(|l| starts < l.until)
        .map(|_| round1(baby_kg));
    let (phase, why) = decide_phase(profile, &s, progress, impact_paused, starts);
    let impact_ok = s.impact_allowed
        && !impact_paused
        && (phase == Phase::ReturnToImpact
            || phase == Phase::Perform && !profile.training.goals.contains(&Goal::Running)
            || phase == Phase::Perform && progress.walk_run_done);
    let infant_car_seat = age_days <= INFANT_CAR_SEAT_MAX_AGE_DAYS;
    let seat = if infant_car_seat {
        options.car_seat_kg
    } else {
        0.0
    };
    let babies = f64::from(profile.birth.babies.max(1));
    let everyday_kg = round1((baby_kg + seat).max(baby_kg * babies));
    let signs =
        s.fired(crate::screening::PFD_SYMPTOMS.id) || s.fired(crate::screening::ABDOMINAL_WALL.id);
    // A pelvic-floor symptom logged in the last week counts like one in the profile.
    let high_pressure_ok = s.high_pressure_allowed && !impact_paused;
    let hold = if signs {
        Some(LoadHold::Signs)
    } else if s.fired(crate::screening::OASI_PHYSIO.id)
        && !profile.health.pelvic_health_assessment_done
    {
        Some(LoadHold::AwaitingAssessment)
    } else if starts < s.high_effort_from || s.weeks_postpartum < 12 {
        Some(LoadHold::Early)
    } else if !high_pressure_ok || phase.pressure_cap() < Pressure::High {
        Some(LoadHold::NotYetOpen)
    } else {
        None
    };
    let ctx = WeekCtx {
        profile,
        starts,
        phase,
        weeks_pp: s.weeks_postpartum,
        impact_ok,
        high_pressure_ok: high_pressure_ok && hold.is_none(),
        baby_kg,
        car_seat_kg: options.car_seat_kg,
        infant_car_seat,
        limit_kg,
        avoid,
        abdominal_signs: s.fired(crate::screening::ABDOMINAL_WALL.id)
            || hold == Some(LoadHold::Signs),
        everyday_kg,
        hold,
        history,
        screening: s,
        blocks: Vec::new(),
        everyday_words: fmt_kg(everyday_kg),
        owned: Default::default(),
        sources: &inputs.sources,
        signs: inputs.signs,
    };
    (ctx, why)
}
