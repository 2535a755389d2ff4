//! The exercise library: a data-driven set of exercises linked into ladders.
//!
//! The library lives in `data/exercises.toml` and is compiled into the binary. Each exercise links
//! to its one easier variant (`regression`) and to its harder variants (`progressions`), so the
//! library forms trees a programme can walk up when she is ready and down when symptoms show.
//! [`Library::parse`] checks every invariant the generator relies on, so a bad edit of the data
//! fails the tests instead of producing an unsafe plan.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::readiness::READINESS_TESTS;
use crate::vocab::{Ache, EquipmentKind};

/// The library text shipped in the binary.
pub const BUILTIN_TOML: &str = include_str!("../../../data/exercises.toml");

/// Movement patterns, the unit of a programme's slots and of weekly volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Breathing and pelvic-floor connection: the warm-up of every session.
    Breathing,
    /// Pelvic-floor muscle training in positions that get harder.
    PelvicFloor,
    /// Deep abdominals first, then anti-extension and anti-rotation.
    Core,
    /// Glutes: bridges, clams, side-lying and hip work ("back and bum").
    Glutes,
    /// Squats, including holding the baby.
    Squat,
    /// Hip hinges: how she lifts the baby, the car seat and the washing basket.
    Hinge,
    /// Split squats, lunges, step-ups and single-leg work.
    Lunge,
    /// Pushing: wall, incline and floor press-ups, overhead press.
    Push,
    /// Pulling and upper back: rows, pull-aparts, posture.
    Pull,
    /// Loaded carries, including the car seat.
    Carry,
    /// Gentle mobility for the neck, back, hips and shoulders.
    Mobility,
    /// Impact and running drills, only ever when the screening allows impact.
    Impact,
}

impl Pattern {
    /// Every pattern, in the order a plan lists them.
    pub const ALL: [Pattern; 12] = [
        Pattern::Breathing,
        Pattern::PelvicFloor,
        Pattern::Core,
        Pattern::Glutes,
        Pattern::Squat,
        Pattern::Hinge,
        Pattern::Lunge,
        Pattern::Push,
        Pattern::Pull,
        Pattern::Carry,
        Pattern::Mobility,
        Pattern::Impact,
    ];

    /// The word used in data and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Pattern::Breathing => "breathing",
            Pattern::PelvicFloor => "pelvic_floor",
            Pattern::Core => "core",
            Pattern::Glutes => "glutes",
            Pattern::Squat => "squat",
            Pattern::Hinge => "hinge",
            Pattern::Lunge => "lunge",
            Pattern::Push => "push",
            Pattern::Pull => "pull",
            Pattern::Carry => "carry",
            Pattern::Mobility => "mobility",
            Pattern::Impact => "impact",
        }
    }
}

/// Ground-reaction demand: any impact needs the screening's `impact_allowed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Feet (or body) stay in contact: no landing.
    None,
    /// Small landings: jogging on the spot, low skips.
    Low,
    /// Bounds, hops, jumps and running.
    High,
}

/// Intra-abdominal pressure demand: high needs the screening's `high_pressure_allowed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pressure {
    /// Lying, kneeling, light: fine from the first days.
    Low,
    /// Standing with load, planks on knees, moderate effort.
    Medium,
    /// Heavy lifts, full planks, anything that tempts breath-holding.
    High,
}

impl Impact {
    /// The word used in data and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Low => "low",
            Impact::High => "high",
        }
    }
}

impl Pressure {
    /// The word used in data and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Pressure::Low => "low",
            Pressure::Medium => "medium",
            Pressure::High => "high",
        }
    }
}

/// How an exercise is dosed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dose {
    /// Repetitions per set.
    Reps,
    /// Seconds per set (holds, balance, mobility flows).
    Seconds,
    /// Metres per set (carries, walking lunges).
    Distance,
}

/// Focus tags: what an exercise is for, used for the "why" in a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    /// Pelvic-floor strength, endurance and coordination.
    PelvicFloor,
    /// Deep abdominals (transversus abdominis) and the breath.
    DeepCore,
    /// Resisting arching under load.
    AntiExtension,
    /// Resisting twisting under load.
    AntiRotation,
    /// Glute strength for hips, back and running.
    Glutes,
    /// Upper and lower back strength.
    Back,
    /// Leg strength.
    Legs,
    /// Arms, chest and shoulders.
    UpperBody,
    /// Feeding and carrying posture.
    Posture,
    /// Standing on one leg.
    Balance,
    /// Preparing for impact and running.
    RunningPrep,
    /// Range of movement and ease.
    Mobility,
    /// Practising the lifts and carries of a day with a baby.
    EverydayLifting,
}

/// Where a load comes from, derived from the equipment an exercise needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadSource {
    /// No load beyond her body.
    Bodyweight,
    /// A kettlebell she owns, at one of its weights.
    Kettlebell,
    /// Dumbbells she owns, at one of their weights.
    Dumbbells,
    /// A resistance band: no number in kilograms.
    Band,
    /// Her baby: the baby's estimated weight.
    Baby,
    /// Her baby in the car seat: the baby's weight plus the seat's.
    CarSeat,
    /// A barbell, at one of the loads she listed (bar and plates together).
    Barbell,
    /// A cable station's weight stack.
    Cable,
    /// A gym machine's weight stack (leg press, lat pulldown).
    Machine,
}

/// How a load source's kilograms go up from one session to the next.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum LoadStep {
    /// No kilograms: she progresses by reps, time, tempo or the next rung.
    None,
    /// To the next of the weights she listed for this equipment, lightest first.
    Owned {
        /// The equipment whose listed weights are the steps.
        equipment: EquipmentKind,
    },
    /// Her baby's or car seat's weight: it grows with the baby, not with her.
    Everyday,
    /// A weight stack: up by this many kilograms at a time, from the lightest plate.
    Stack {
        /// One plate of the stack, in kg.
        step_kg: f64,
        /// The lightest setting, in kg.
        lightest_kg: f64,
    },
}

/// One plate of a cable station's stack, in kg (most stacks step by 2.5 to 5 kg).
pub const CABLE_STEP_KG: f64 = 2.5;
/// One plate of a gym machine's stack, in kg.
pub const MACHINE_STEP_KG: f64 = 5.0;

impl LoadSource {
    /// Every load source, in the order the library documents them.
    pub const ALL: [LoadSource; 9] = [
        LoadSource::Bodyweight,
        LoadSource::Kettlebell,
        LoadSource::Dumbbells,
        LoadSource::Band,
        LoadSource::Baby,
        LoadSource::CarSeat,
        LoadSource::Barbell,
        LoadSource::Cable,
        LoadSource::Machine,
    ];

    /// The word used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            LoadSource::Bodyweight => "bodyweight",
            LoadSource::Kettlebell => "kettlebell",
            LoadSource::Dumbbells => "dumbbells",
            LoadSource::Band => "band",
            LoadSource::Baby => "baby",
            LoadSource::CarSeat => "car_seat",
            LoadSource::Barbell => "barbell",
            LoadSource::Cable => "cable",
            LoadSource::Machine => "machine",
        }
    }

    /// What she reads: "your body weight", "a kettlebell".
    pub fn label(self) -> &'static str {
        match self {
            LoadSource::Bodyweight => "your body weight",
            LoadSource::Kettlebell => "a kettlebell",
            LoadSource::Dumbbells => "dumbbells",
            LoadSource::Band => "a resistance band",
            LoadSource::Baby => "your baby",
            LoadSource::CarSeat => "your baby in the car seat",
            LoadSource::Barbell => "a barbell",
            LoadSource::Cable => "a cable stack",
            LoadSource::Machine => "a machine's weight stack",
        }
    }

    /// How its load goes up.
    pub fn step(self) -> LoadStep {
        match self {
            LoadSource::Bodyweight | LoadSource::Band => LoadStep::None,
            LoadSource::Kettlebell => LoadStep::Owned {
                equipment: EquipmentKind::Kettlebell,
            },
            LoadSource::Dumbbells => LoadStep::Owned {
                equipment: EquipmentKind::Dumbbells,
            },
            LoadSource::Barbell => LoadStep::Owned {
                equipment: EquipmentKind::Barbell,
            },
            LoadSource::Baby | LoadSource::CarSeat => LoadStep::Everyday,
            LoadSource::Cable => LoadStep::Stack {
                step_kg: CABLE_STEP_KG,
                lightest_kg: CABLE_STEP_KG,
            },
            LoadSource::Machine => LoadStep::Stack {
                step_kg: MACHINE_STEP_KG,
                lightest_kg: MACHINE_STEP_KG,
            },
        }
    }

    /// The equipment whose listed weights are her loads (kettlebell, dumbbells, barbell).
    pub fn owned_weights(self) -> Option<EquipmentKind> {
        match self.step() {
            LoadStep::Owned { equipment } => Some(equipment),
            _ => None,
        }
    }

    /// True when the load is external and counted in kilograms she can raise (not her body, a
    /// band, or her baby).
    pub fn is_external_weight(self) -> bool {
        matches!(self.step(), LoadStep::Owned { .. } | LoadStep::Stack { .. })
    }
}

impl std::fmt::Display for LoadSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One exercise of the library, exactly as `data/exercises.toml` describes it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Stable snake_case id, used in logs and links.
    pub id: String,
    /// The name she sees.
    pub name: String,
    /// Movement pattern: which programme slot it fills.
    pub pattern: Pattern,
    /// What it is for.
    pub focus: Vec<Focus>,
    /// Everything it needs; `bodyweight` alone means nothing at all.
    pub equipment: Vec<EquipmentKind>,
    /// Landing demand.
    pub impact: Impact,
    /// Intra-abdominal pressure demand.
    pub pressure: Pressure,
    /// Demand within the library, 1 (first days after birth) to 10; rises along every ladder.
    pub level: u8,
    /// Earliest weeks after a vaginal birth.
    pub earliest_weeks: u8,
    /// Earliest weeks after a caesarean birth (never earlier than `earliest_weeks`).
    pub earliest_weeks_caesarean: u8,
    /// Reps, seconds or metres.
    pub dose: Dose,
    /// The working range of the dose, low to high: double progression climbs it.
    pub range: [u16; 2],
    /// Done on each side in turn (doubles the time).
    #[serde(default)]
    pub each_side: bool,
    /// Two to four coaching cues, with the breath: exhale on effort, lift the pelvic floor first.
    pub cues: Vec<String>,
    /// The one easier variant, if any.
    #[serde(default)]
    pub regression: Option<String>,
    /// Harder variants, the preferred first.
    #[serde(default)]
    pub progressions: Vec<String>,
    /// Aches this exercise tends to aggravate: skipped when she reports one of them.
    #[serde(default)]
    pub aches: Vec<Ache>,
    /// Aches this exercise tends to ease (gentle mobility for a stiff neck, back or hips): a plan
    /// can prefer it when she reports one of them. Never one it also aggravates.
    #[serde(default)]
    pub eases: Vec<Ache>,
    /// The return-to-running readiness test this exercise practises, if any.
    #[serde(default)]
    pub readiness_test: Option<String>,
    /// Its place in the library, set when the library is parsed: ladders are walked by position.
    #[serde(skip)]
    position: usize,
}

impl Exercise {
    /// Its place in the library's file order (stable within one library version).
    pub fn position(&self) -> usize {
        self.position
    }

    /// Where the load comes from: owned weights first (kettlebell, dumbbells, barbell), then a
    /// cable or machine stack, then the baby in her car seat, then the baby, then a band.
    pub fn load_source(&self) -> LoadSource {
        let has = |k| self.equipment.contains(&k);
        if has(EquipmentKind::Kettlebell) {
            LoadSource::Kettlebell
        } else if has(EquipmentKind::Dumbbells) {
            LoadSource::Dumbbells
        } else if has(EquipmentKind::Barbell) {
            LoadSource::Barbell
        } else if has(EquipmentKind::Cable) {
            LoadSource::Cable
        } else if has(EquipmentKind::Machines) {
            LoadSource::Machine
        } else if has(EquipmentKind::CarSeat) {
            LoadSource::CarSeat
        } else if has(EquipmentKind::Baby) {
            LoadSource::Baby
        } else if has(EquipmentKind::Band) {
            LoadSource::Band
        } else {
            LoadSource::Bodyweight
        }
    }

    /// The equipment she must own, leaving out `bodyweight` (which everyone has).
    pub fn needs(&self) -> impl Iterator<Item = EquipmentKind> + '_ {
        self.equipment
            .iter()
            .copied()
            .filter(|k| *k != EquipmentKind::Bodyweight)
    }

    /// The earliest weeks after birth for this delivery.
    pub fn earliest_weeks_for(&self, caesarean: bool) -> u8 {
        if caesarean {
            self.earliest_weeks_caesarean
        } else {
            self.earliest_weeks
        }
    }
}

/// An exercise as lists show it (`mumstrong exercises --format json`): every field of the
/// library, plus where its load comes from and how it steps, and the equipment in words.
#[derive(Debug, Clone, Serialize)]
pub struct ExerciseListing<'a> {
    /// The exercise as the library holds it.
    #[serde(flatten)]
    pub exercise: &'a Exercise,
    /// Where its load comes from.
    pub load: LoadSource,
    /// The load source in words.
    pub load_label: &'static str,
    /// How its load goes up.
    pub load_step: LoadStep,
    /// The equipment it needs, in words (bodyweight alone: none).
    pub equipment_labels: Vec<&'static str>,
}

impl Exercise {
    /// The exercise with its load source, load step and equipment in words, for lists.
    pub fn listing(&self) -> ExerciseListing<'_> {
        let load = self.load_source();
        ExerciseListing {
            exercise: self,
            load,
            load_label: load.label(),
            load_step: load.step(),
            equipment_labels: self.needs().map(EquipmentKind::label).collect(),
        }
    }
}

/// Why the library text was refused: the exercise and the field, with what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LibraryError {
    /// The TOML does not parse into the exercise shape.
    #[error("exercise library: {0}")]
    Syntax(String),
    /// An exercise breaks a rule of the library.
    #[error("exercise library: `{id}`: {field}: {message}")]
    Invalid {
        /// The exercise id.
        id: String,
        /// The field at fault.
        field: &'static str,
        /// What was expected.
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LibraryFile {
    version: String,
    exercise: Vec<Exercise>,
}

/// The validated library: exercises by id, in file order, with their ladders.
#[derive(Debug, Clone)]
pub struct Library {
    version: String,
    exercises: Vec<Exercise>,
    index: BTreeMap<String, usize>,
    /// For each exercise, how many rungs lie above it (itself included).
    ladder_sizes: Vec<usize>,
    /// For each exercise, the positions of its regression and its progressions.
    links: Vec<(Option<usize>, Vec<usize>)>,
    /// Its names prepared for matching imported names, built on first use.
    names: OnceLock<crate::import::NameIndex>,
}

/// The most cues an exercise may carry: a phone screen shows them at a glance.
pub const MAX_CUES: usize = 4;
/// The fewest cues an exercise may carry.
pub const MIN_CUES: usize = 2;

impl Library {
    /// The library compiled into the binary, parsed once.
    ///
    /// # Panics
    /// Only if the shipped `data/exercises.toml` is invalid, which the test suite rules out.
    pub fn builtin() -> &'static Library {
        static LIBRARY: OnceLock<Library> = OnceLock::new();
        LIBRARY.get_or_init(|| {
            Library::parse(BUILTIN_TOML).expect("the shipped exercise library is valid")
        })
    }

    /// Parses and validates a library text.
    pub fn parse(text: &str) -> Result<Library, LibraryError> {
        let file: LibraryFile =
            toml::from_str(text).map_err(|e| LibraryError::Syntax(e.message().to_string()))?;
        let mut index = BTreeMap::new();
        for (i, ex) in file.exercise.iter().enumerate() {
            if index.insert(ex.id.clone(), i).is_some() {
                return Err(invalid(&ex.id, "id", "appears twice".into()));
            }
        }
        let mut exercises = file.exercise;
        for (i, e) in exercises.iter_mut().enumerate() {
            e.position = i;
        }
        let mut library = Library {
            version: file.version,
            exercises,
            index,
            ladder_sizes: Vec::new(),
            links: Vec::new(),
            names: OnceLock::new(),
        };
        library.validate()?;
        library.links = library
            .exercises
            .iter()
            .map(|e| {
                (
                    e.regression
                        .as_deref()
                        .and_then(|id| library.index.get(id).copied()),
                    e.progressions
                        .iter()
                        .filter_map(|id| library.index.get(id.as_str()).copied())
                        .collect(),
                )
            })
            .collect();
        library.ladder_sizes = library
            .exercises
            .iter()
            .map(|e| library.count_above(e))
            .collect();
        Ok(library)
    }

    /// The library's version, stored with every programme made from it.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Every exercise, in file order.
    pub fn exercises(&self) -> &[Exercise] {
        &self.exercises
    }

    /// Its names prepared for matching the names other apps write, once per library: every
    /// import of every file shares them.
    pub fn name_index(&self) -> &crate::import::NameIndex {
        self.names
            .get_or_init(|| crate::import::NameIndex::new(self))
    }

    /// One exercise by id.
    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.index.get(id).map(|&i| &self.exercises[i])
    }

    /// The easier variant of an exercise, one rung down its ladder.
    pub fn regression_of(&self, exercise: &Exercise) -> Option<&Exercise> {
        match self.links_of(exercise) {
            Some((down, _)) => down.map(|i| &self.exercises[i]),
            None => exercise.regression.as_deref().and_then(|id| self.get(id)),
        }
    }

    /// The resolved links of an exercise of this library (by position), once parsed.
    fn links_of(&self, exercise: &Exercise) -> Option<&(Option<usize>, Vec<usize>)> {
        self.exercises
            .get(exercise.position)
            .filter(|mine| std::ptr::eq(*mine, exercise))
            .and_then(|_| self.links.get(exercise.position))
    }

    /// The harder variants of an exercise, one rung up, the preferred first.
    pub fn progressions_of<'a>(
        &'a self,
        exercise: &'a Exercise,
    ) -> impl Iterator<Item = &'a Exercise> + 'a {
        let resolved = self.links_of(exercise).map(|(_, up)| up.as_slice());
        let by_position = resolved.into_iter().flatten().map(|&i| &self.exercises[i]);
        let by_id = resolved
            .is_none()
            .then(|| exercise.progressions.iter().filter_map(|id| self.get(id)))
            .into_iter()
            .flatten();
        by_position.chain(by_id)
    }

    /// How many rungs lie on and above an exercise: the main line of a pattern is the longest.
    pub fn ladder_size(&self, exercise: &Exercise) -> usize {
        match self.links_of(exercise) {
            Some(_) => self
                .ladder_sizes
                .get(exercise.position)
                .copied()
                .unwrap_or(1),
            None => self
                .index
                .get(&exercise.id)
                .and_then(|&i| self.ladder_sizes.get(i).copied())
                .unwrap_or(1),
        }
    }

    fn count_above(&self, exercise: &Exercise) -> usize {
        1 + self
            .progressions_of(exercise)
            .map(|e| self.count_above(e))
            .sum::<usize>()
    }

    /// The bottom rungs of every ladder of a pattern, in file order.
    pub fn roots(&self, pattern: Pattern) -> impl Iterator<Item = &Exercise> + '_ {
        self.exercises
            .iter()
            .filter(move |e| e.pattern == pattern && e.regression.is_none())
    }

    /// The nearest id to a word that is not one, for "did you mean" in error messages.
    pub fn nearest_id(&self, word: &str) -> Option<&str> {
        nearest_word(word, self.exercises.iter().map(|e| e.id.as_str()))
    }

    fn validate(&self) -> Result<(), LibraryError> {
        let readiness_keys: BTreeSet<&str> = READINESS_TESTS.iter().map(|t| t.key).collect();
        for ex in &self.exercises {
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
            // Acyclic: walking down must end within the library's size.
            let mut seen = BTreeSet::new();
            let mut at = ex;
            while let Some(lower) = self.regression_of(at) {
                if !seen.insert(lower.id.as_str()) || lower.id == ex.id {
                    return Err(invalid(id, "regression", "the ladder loops".into()));
                }
                at = lower;
            }
        }
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

fn invalid(id: &str, field: &'static str, message: String) -> LibraryError {
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

/// The candidate closest to a mistyped snake_case word (case, spaces and hyphens forgiven), if
/// it is close enough to be a typo: for "did you mean" in error messages.
pub(crate) fn nearest_word<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    // A suggestion is for a typo; a long text is not one, and comparing it would cost its
    // length times every candidate's.
    if word.len() > 64 {
        return None;
    }
    let word = word.trim().to_lowercase().replace([' ', '-'], "_");
    candidates
        .map(|c| (edit_distance(&word, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance, for "did you mean" suggestions.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("bridge", "bridge"), 0);
        assert_eq!(edit_distance("brige", "bridge"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn a_broken_link_names_the_exercise_and_field() {
        let text = r#"
version = "test"
[[exercise]]
id = "a"
name = "A"
pattern = "squat"
focus = ["legs"]
equipment = ["bodyweight"]
impact = "none"
pressure = "low"
level = 1
earliest_weeks = 0
earliest_weeks_caesarean = 0
dose = "reps"
range = [8, 12]
cues = ["Exhale as you stand", "Knees over toes"]
progressions = ["missing"]
"#;
        let err = Library::parse(text).unwrap_err();
        assert_eq!(
            err,
            LibraryError::Invalid {
                id: "a".into(),
                field: "progressions",
                message: "`missing` is not an exercise".into()
            }
        );
    }
}
