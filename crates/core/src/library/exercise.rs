//! One exercise and the words that describe it: pattern, impact, pressure, dose, focus and
//! where its load comes from.

use serde::{Deserialize, Serialize};

use crate::vocab::{Ache, EquipmentKind};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    pub(super) position: usize,
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
