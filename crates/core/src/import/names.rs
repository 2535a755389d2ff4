//! Mapping exercise names from other apps onto the library: the alias table, then exact words,
//! then fuzzy similarity above [`FUZZY_THRESHOLD`].

use std::collections::HashMap;

use super::values::too_long;
use super::{FUZZY_THRESHOLD, MAX_NAME_CHARS, Mapping, MatchKind};
use crate::library::{Exercise, Library, LoadSource, edit_distance};
use crate::vocab::EquipmentKind;

/// A name other apps use, and the library exercise it means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alias {
    /// The name as the apps write it (matched ignoring case, punctuation and plurals).
    pub name: &'static str,
    /// The library id.
    pub id: &'static str,
    /// How close the library exercise is: 1 the same movement on the same kit, 0.9 the same
    /// movement where the name leaves the kit open (a goblet squat as the kettlebell one), below
    /// [`FUZZY_THRESHOLD`] only the nearest movement the library has (a crunch as a curl-up), so
    /// the preview shows it as unsure. An alias never maps one kit onto another: a barbell,
    /// cable or machine lift is not its dumbbell, band or bodyweight cousin.
    pub score: f32,
}

pub(super) const fn alias(name: &'static str, id: &'static str, score: f32) -> Alias {
    Alias { name, id, score }
}

/// Names from Strong, Hevy and FitNotes for exercises the library has (or has a close cousin
/// of). Where a name could mean several rungs of a ladder, it maps to the lower one: the
/// engine then starts her where she is sure to be safe. Where the library lacks the kit a name
/// says (`Lunge (Dumbbell)`, `Face Pull (Cable)`), there is no alias: the name is unsure.
pub const ALIASES: &[Alias] = &[
    // Squats.
    alias("Goblet Squat (Kettlebell)", "goblet_squat_kettlebell", 1.0),
    alias("Goblet Squat (Dumbbell)", "goblet_squat_dumbbell", 1.0),
    alias("Goblet Squat", "goblet_squat_kettlebell", 0.9),
    alias("Squat (Bodyweight)", "bodyweight_squat", 1.0),
    alias("Air Squat", "bodyweight_squat", 1.0),
    alias("Squat (Barbell)", "barbell_back_squat", 1.0),
    alias("Back Squat (Barbell)", "barbell_back_squat", 1.0),
    alias("Leg Press (Machine)", "leg_press", 1.0),
    alias("Front Squat (Dumbbell)", "dumbbell_front_squat", 1.0),
    // Hevy's plain sumo squat is without a weight: only near the kettlebell one.
    alias("Sumo Squat", "kettlebell_sumo_squat", 0.7),
    alias("Sumo Squat (Kettlebell)", "kettlebell_sumo_squat", 1.0),
    // A box squat is usually a barbell lift; the chair version is only near it.
    alias("Box Squat", "sit_to_stand", 0.7),
    alias("Paused Squat", "pause_squat", 1.0),
    alias("Pistol Squat", "single_leg_squat", 0.7),
    // Hinges.
    alias(
        "Romanian Deadlift (Dumbbell)",
        "dumbbell_romanian_deadlift",
        1.0,
    ),
    alias(
        "Romanian Deadlift (Barbell)",
        "barbell_romanian_deadlift",
        1.0,
    ),
    // FitNotes writes its barbell lifts without the kit, as gyms say them.
    alias("Romanian Deadlift", "barbell_romanian_deadlift", 1.0),
    alias("Deadlift (Kettlebell)", "kettlebell_deadlift", 1.0),
    alias("Deadlift (Barbell)", "barbell_deadlift", 1.0),
    alias("Deadlift", "barbell_deadlift", 1.0),
    alias("Kettlebell Swing", "kettlebell_swing", 1.0),
    alias("Russian Kettlebell Swing", "kettlebell_swing", 1.0),
    alias(
        "Single Leg Romanian Deadlift (Dumbbell)",
        "dumbbell_single_leg_deadlift",
        1.0,
    ),
    alias(
        "Single Leg Romanian Deadlift (Kettlebell)",
        "kettlebell_single_leg_deadlift",
        1.0,
    ),
    alias(
        "Single Leg Romanian Deadlift (Bodyweight)",
        "single_leg_deadlift",
        1.0,
    ),
    // Glutes.
    alias("Glute Bridge", "glute_bridge", 1.0),
    alias("Hip Thrust (Barbell)", "barbell_hip_thrust", 1.0),
    alias("Hip Thrust (Dumbbell)", "dumbbell_hip_thrust", 1.0),
    alias("Hip Thrust (Bodyweight)", "hip_thrust", 1.0),
    alias("Hip Thrust", "hip_thrust", 1.0),
    alias("Single Leg Glute Bridge", "single_leg_bridge", 1.0),
    alias("Single Leg Hip Thrust", "single_leg_hip_thrust", 1.0),
    alias("Clamshell", "clams", 1.0),
    alias("Clamshell (Band)", "clams_band", 1.0),
    alias("Side Lying Leg Raise", "side_lying_leg_raise", 1.0),
    alias("Lateral Band Walk", "band_side_steps", 1.0),
    alias("Monster Walk", "band_side_steps", 0.8),
    // Core.
    alias("Dead Bug", "dead_bug", 1.0),
    alias("Plank", "plank", 1.0),
    alias("Side Plank", "side_plank", 1.0),
    alias("Plank (Knees)", "plank_on_knees", 1.0),
    alias("Kneeling Plank", "plank_on_knees", 1.0),
    alias("Side Plank (Knees)", "side_plank_on_knees", 1.0),
    alias("Bird Dog", "bird_dog", 1.0),
    alias("Pallof Press", "pallof_press_standing", 0.9),
    alias("Pallof Press (Band)", "pallof_press_standing", 1.0),
    alias("Bear Plank", "bear_hold", 1.0),
    alias("Crunch", "curl_up", 0.7),
    alias("Plank Shoulder Taps", "plank_shoulder_taps", 1.0),
    // Lunges and single-leg work.
    alias("Lunge", "forward_lunge", 0.9),
    alias("Lunge (Bodyweight)", "forward_lunge", 1.0),
    alias("Walking Lunge", "walking_lunge", 1.0),
    alias("Lateral Lunge", "lateral_lunge", 1.0),
    alias("Split Squat", "split_squat", 1.0),
    alias("Bulgarian Split Squat", "bulgarian_split_squat", 1.0),
    alias("Step Up", "step_up", 1.0),
    // The library's step-up takes no weight: near, not the same.
    alias("Step Up (Dumbbell)", "step_up", 0.7),
    alias("Calf Raise", "calf_raise", 1.0),
    alias("Standing Calf Raise", "calf_raise", 1.0),
    alias("Single Leg Calf Raise", "single_leg_calf_raise", 1.0),
    // Pushing.
    alias("Push Up", "press_up", 1.0),
    alias("Push Up (Knees)", "knee_press_up", 1.0),
    alias("Knee Push Up", "knee_press_up", 1.0),
    alias("Incline Push Up", "incline_press_up", 1.0),
    alias("Wall Push Up", "wall_press_up", 1.0),
    alias("Close Grip Push Up", "close_grip_press_up", 1.0),
    alias("Diamond Push Up", "close_grip_press_up", 0.9),
    alias("Floor Press (Dumbbell)", "dumbbell_floor_press", 1.0),
    alias("Floor Press (Kettlebell)", "kettlebell_floor_press", 1.0),
    alias("Bench Press (Dumbbell)", "dumbbell_floor_press", 0.7),
    alias("Bench Press (Barbell)", "barbell_bench_press", 1.0),
    alias("Bench Press", "barbell_bench_press", 1.0),
    alias("Overhead Press (Dumbbell)", "dumbbell_overhead_press", 1.0),
    alias("Shoulder Press (Dumbbell)", "dumbbell_overhead_press", 1.0),
    alias(
        "Overhead Press (Kettlebell)",
        "kettlebell_overhead_press",
        1.0,
    ),
    alias("Overhead Press (Barbell)", "barbell_overhead_press", 1.0),
    alias("Overhead Press", "barbell_overhead_press", 1.0),
    // Pulling.
    alias("Bent Over Row (Dumbbell)", "dumbbell_bent_over_row", 1.0),
    alias(
        "Bent Over Row (Kettlebell)",
        "kettlebell_bent_over_row",
        1.0,
    ),
    alias("Bent Over Row (Barbell)", "barbell_bent_over_row", 1.0),
    alias("Barbell Row", "barbell_bent_over_row", 1.0),
    alias("Bent Over Row (Band)", "band_bent_over_row", 1.0),
    alias("Dumbbell Row", "dumbbell_supported_row", 1.0),
    alias("Single Arm Row (Dumbbell)", "dumbbell_supported_row", 1.0),
    alias("Lat Pulldown (Cable)", "lat_pulldown", 1.0),
    alias("Lat Pulldown (Machine)", "lat_pulldown", 1.0),
    alias("Lat Pulldown", "lat_pulldown", 1.0),
    alias("Seated Row (Cable)", "seated_cable_row", 1.0),
    alias("Seated Row (Machine)", "seated_cable_row", 1.0),
    alias("Seated Row (Band)", "band_row", 1.0),
    alias("Band Pull Apart", "band_pull_apart", 1.0),
    alias("Reverse Fly (Band)", "band_pull_apart", 0.9),
    // Carries.
    alias("Farmer Walk", "dumbbell_farmer_carry", 1.0),
    alias("Farmer Walk (Dumbbell)", "dumbbell_farmer_carry", 1.0),
    alias("Farmer Carry", "dumbbell_farmer_carry", 1.0),
    // Pelvic floor.
    alias("Kegel", "pf_long_holds_lying", 0.8),
    alias("Kegel Hold", "pf_long_holds_lying", 0.8),
    alias("Pelvic Floor Exercise", "pf_long_holds_lying", 0.8),
    alias("Quick Kegel", "pf_quick_squeezes_lying", 0.8),
    // Mobility and impact.
    alias("Cat Cow", "cat_cow", 1.0),
    alias("Child's Pose", "childs_pose", 1.0),
    alias("Hip Flexor Stretch", "kneeling_hip_flexor_stretch", 0.9),
    alias("World's Greatest Stretch", "worlds_greatest_stretch", 1.0),
    alias("Pelvic Tilt", "pelvic_tilts", 1.0),
    alias("90/90 Hip Switch", "ninety_ninety", 1.0),
    alias("Jog in Place", "jog_on_spot", 1.0),
    alias("High Knees", "high_knee_march", 0.7),
    alias("Running", "run_walk_intervals", 0.6),
];

/// Words that say what an exercise is loaded with, not what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hint {
    Library(EquipmentKind),
    /// Smith machine, EZ bar, trap bar, sled…: equipment the library never uses.
    Other,
}

fn equipment_word(word: &str) -> Option<Hint> {
    Some(match word {
        "kettlebell" => Hint::Library(EquipmentKind::Kettlebell),
        "dumbbell" => Hint::Library(EquipmentKind::Dumbbells),
        "band" | "banded" | "resistance" => Hint::Library(EquipmentKind::Band),
        "bodyweight" => Hint::Library(EquipmentKind::Bodyweight),
        "barbell" => Hint::Library(EquipmentKind::Barbell),
        "cable" => Hint::Library(EquipmentKind::Cable),
        "machine" => Hint::Library(EquipmentKind::Machines),
        "smith" | "ez" | "bar" | "trap" | "plate" | "landmine" | "sled" | "weighted"
        | "assisted" => Hint::Other,
        _ => return None,
    })
}

/// The gym kit a load source is counted on, if any.
pub(super) fn gym_kind_of(load: LoadSource) -> Option<EquipmentKind> {
    match load {
        LoadSource::Barbell => Some(EquipmentKind::Barbell),
        LoadSource::Cable => Some(EquipmentKind::Cable),
        LoadSource::Machine => Some(EquipmentKind::Machines),
        _ => None,
    }
}

/// A cable stack and a machine's stack count the same kilograms; a barbell only a barbell's.
pub(super) fn same_gym_load(a: EquipmentKind, b: EquipmentKind) -> bool {
    let stack = |k| matches!(k, EquipmentKind::Cable | EquipmentKind::Machines);
    a == b || (stack(a) && stack(b))
}

/// An alias on kit the library never uses scores this much of its own score: below
/// [`FUZZY_THRESHOLD`], so the preview shows it as unsure.
const FOREIGN_KIT_FACTOR: f32 = 0.7;

/// Little words that say nothing about the movement.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "with", "on", "of", "and", "or", "to", "in", "your", "you", "as",
];

/// Lowercase words without punctuation, with the apps' shorthands spelt out and plurals
/// dropped (`Push-ups (DB)` → `press up dumbbell`), so names compare by their words.
pub(super) fn words(name: &str) -> Vec<String> {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let raw: Vec<&str> = cleaned.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(raw.len() + 1);
    let mut i = 0;
    while i < raw.len() {
        let (w, next) = (raw[i], raw.get(i + 1).copied());
        let pair = |a: &str, b: &str| w == a && next == Some(b);
        let (replacement, used): (&[&str], usize) = if pair("push", "up") || pair("push", "ups") {
            (&["press", "up"], 2)
        } else if pair("body", "weight") {
            (&["bodyweight"], 2)
        } else if pair("single", "arm") || pair("1", "arm") {
            (&["one", "arm"], 2)
        } else if pair("one", "leg") || pair("1", "leg") {
            (&["single", "leg"], 2)
        } else {
            match w {
                "pushup" | "pushups" | "pressup" | "pressups" => (&["press", "up"], 1),
                "stepup" | "stepups" => (&["step", "up"], 1),
                "db" | "dbs" => (&["dumbbell"], 1),
                "kb" | "kbs" => (&["kettlebell"], 1),
                "bw" => (&["bodyweight"], 1),
                "rdl" | "rdls" => (&["romanian", "deadlift"], 1),
                _ => (&[], 1),
            }
        };
        if replacement.is_empty() {
            out.push(stem(w));
        } else {
            out.extend(replacement.iter().map(|r| (*r).to_owned()));
        }
        i += used;
    }
    out
}

/// Drops a plural `s` (`raises` → `raise`, `dumbbells` → `dumbbell`), not the `s` of `press`.
fn stem(word: &str) -> String {
    if word.len() > 2
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && word.is_ascii()
    {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// The key two names share when they are the same words in any order.
fn bag_key(words: &[String]) -> String {
    let mut sorted: Vec<&str> = words.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.join(" ")
}

/// The words that describe the movement (no equipment, no little words).
fn movement_words(words: &[String]) -> Vec<String> {
    words
        .iter()
        .filter(|w| equipment_word(w).is_none() && !STOP_WORDS.contains(&w.as_str()))
        .cloned()
        .collect()
}

/// The equipment a name states: in its parentheses first, else anywhere in it.
pub(super) fn hint_of(name: &str) -> Option<Hint> {
    let in_parens = name
        .split_once('(')
        .map(|(_, rest)| rest.split(')').next().unwrap_or_default())
        .and_then(|inside| words(inside).iter().find_map(|w| equipment_word(w)));
    in_parens.or_else(|| words(name).iter().find_map(|w| equipment_word(w)))
}

/// Kit that carries the load: what a name's equipment word must agree with.
fn loaded(kind: EquipmentKind) -> bool {
    matches!(
        kind,
        EquipmentKind::Kettlebell
            | EquipmentKind::Dumbbells
            | EquipmentKind::Band
            | EquipmentKind::Baby
            | EquipmentKind::CarSeat
            | EquipmentKind::Barbell
            | EquipmentKind::Cable
            | EquipmentKind::Machines
    )
}

/// How the kit a name states fits a library exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kit {
    /// The same kit, or the name states none.
    Agrees,
    /// Kit the library never uses (Smith machine, trap bar, a weight vest…).
    Foreign,
    /// Other kit than the exercise's: not the same exercise.
    Differs,
}

/// Whether `exercise` is done on the kit `hint` names: a bodyweight name on an exercise without
/// loaded kit, a cable name on a cable or machine stack (they count the same kilograms), any
/// other on an exercise that lists it.
fn kit_fit(hint: Option<Hint>, exercise: &Exercise) -> Kit {
    let has = |k: EquipmentKind| exercise.equipment.contains(&k);
    let fits = match hint {
        None => true,
        Some(Hint::Other) => return Kit::Foreign,
        Some(Hint::Library(EquipmentKind::Bodyweight)) => {
            !exercise.equipment.iter().any(|k| loaded(*k))
        }
        Some(Hint::Library(kind @ (EquipmentKind::Cable | EquipmentKind::Machines))) => {
            exercise.equipment.iter().any(|k| same_gym_load(*k, kind))
        }
        Some(Hint::Library(kind)) => has(kind),
    };
    if fits { Kit::Agrees } else { Kit::Differs }
}

/// The loaded kit an exercise is done with (cable and machine as one), to tell apart two
/// exercises whose names say the same movement.
fn kit_of(exercise: &Exercise) -> Vec<EquipmentKind> {
    let mut kit: Vec<EquipmentKind> = exercise
        .equipment
        .iter()
        .copied()
        .filter(|k| loaded(*k))
        .map(|k| {
            if k == EquipmentKind::Machines {
                EquipmentKind::Cable
            } else {
                k
            }
        })
        .collect();
    kit.sort_unstable_by_key(|k| k.as_str());
    kit.dedup();
    kit
}

/// A name that holds any of these words is a different exercise from one that lacks it, and
/// the other way round: decline is not incline, a single-leg or one-arm lift not the two-sided
/// one, a front squat not a back squat, a lying leg raise not a side-lying one.
const DISTINCT_WORDS: &[&str] = &[
    "incline", "decline", "front", "side", "lateral", "single", "one", "sumo", "reverse",
    "hanging", "overhead", "jump", "jumping",
];

/// Words a library name may leave out (a squat is a back squat) but an app's name may not add
/// (a seated press is not the standing one).
const ADDED_WORDS: &[&str] = &["back", "seated", "lying", "kneeling"];

/// Whether an app's movement words and a library name's say different exercises.
fn distinct(name: &[String], library: &[String]) -> bool {
    let has = |words: &[String], w: &str| words.iter().any(|x| x == w);
    DISTINCT_WORDS
        .iter()
        .any(|w| has(name, w) != has(library, w))
        || ADDED_WORDS.iter().any(|w| has(name, w) && !has(library, w))
}

/// Similarity of two word lists, 0 to 1: the better of word overlap (Dice, a one-letter slip
/// forgiven in words of five letters or more) and edit distance over the joined words; then
/// the worse of the two, to tell ties apart.
fn similarity(a: &[String], b: &[String]) -> (f32, f32) {
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0);
    }
    let mut used = vec![false; b.len()];
    let mut shared = 0usize;
    for word in a {
        let found = b.iter().enumerate().position(|(j, other)| {
            !used[j]
                && (word == other
                    || (word.len() >= 5 && other.len() >= 5 && edit_distance(word, other) <= 1))
        });
        if let Some(j) = found {
            used[j] = true;
            shared += 1;
        }
    }
    let dice = 2.0 * shared as f32 / (a.len() + b.len()) as f32;
    let (x, y) = (a.join(" "), b.join(" "));
    let longest = x.chars().count().max(y.chars().count()).max(1);
    let chars = 1.0 - edit_distance(&x, &y) as f32 / longest as f32;
    (dice.max(chars), dice.min(chars))
}

/// One library exercise's words, prepared once per library.
#[derive(Debug, Clone)]
struct Candidate {
    /// Its position in the library.
    index: usize,
    name_words: Vec<String>,
    id_words: Vec<String>,
}

/// A library's names prepared for matching: the alias table, exact names and ids, and each
/// exercise's words. Built once per library ([`Library::name_index`]) and shared by every parse,
/// so a small file costs its own rows, not a rebuild of the library's words.
#[derive(Debug, Clone)]
pub struct NameIndex {
    aliases: HashMap<String, &'static Alias>,
    exact: HashMap<String, usize>,
    candidates: Vec<Candidate>,
}

impl NameIndex {
    /// Prepares `library`'s names.
    pub fn new(library: &Library) -> Self {
        let aliases = ALIASES
            .iter()
            .filter(|a| library.get(a.id).is_some())
            .map(|a| (bag_key(&words(a.name)), a))
            .collect();
        let mut exact = HashMap::new();
        let mut candidates = Vec::new();
        for (index, exercise) in library.exercises().iter().enumerate() {
            let name_words = words(&exercise.name);
            let id_words = words(&exercise.id);
            exact.entry(bag_key(&name_words)).or_insert(index);
            exact.entry(bag_key(&id_words)).or_insert(index);
            candidates.push(Candidate {
                index,
                name_words: movement_words(&name_words),
                id_words: movement_words(&id_words),
            });
        }
        NameIndex {
            aliases,
            exact,
            candidates,
        }
    }
}

/// Maps names onto one library: the alias table, exact names and ids, then fuzzy matching.
pub(super) struct Matcher<'l> {
    pub(super) library: &'l Library,
    names: &'l NameIndex,
}

impl<'l> Matcher<'l> {
    pub(super) fn new(library: &'l Library) -> Self {
        Matcher {
            library,
            names: library.name_index(),
        }
    }

    pub(super) fn map(&self, name: &str) -> Mapping {
        // Matching is bounded by the longest name an import accepts: a longer one is no
        // exercise name (and would make the edit distances below cost its length squared).
        if too_long(name, MAX_NAME_CHARS).is_some() {
            return Mapping::Custom;
        }
        let all = words(name);
        if all.is_empty() {
            return Mapping::Custom;
        }
        let key = bag_key(&all);
        let hint = hint_of(name);
        let exercises = self.library.exercises();
        if let Some(alias) = self.names.aliases.get(&key) {
            return library_mapping(alias.id, alias.score, MatchKind::Alias);
        }
        if let Some(&index) = self.names.exact.get(&key) {
            return library_mapping(&exercises[index].id, 1.0, MatchKind::Exact);
        }
        // An alias of the name without its equipment, if the equipment fits.
        let bare: Vec<String> = all
            .iter()
            .filter(|w| equipment_word(w).is_none())
            .cloned()
            .collect();
        let movement = movement_words(&all);
        if bare.len() < all.len()
            && let Some(alias) = self.names.aliases.get(&bag_key(&bare))
            && let Some(exercise) = self.library.get(alias.id)
        {
            match kit_fit(hint, exercise) {
                Kit::Agrees if alias.score >= FUZZY_THRESHOLD => {
                    return library_mapping(alias.id, alias.score, MatchKind::Alias);
                }
                // The movement she did, on kit the library has no exercise for: shown as
                // unsure, and her load on that kit is not counted (see `to_set_records`).
                Kit::Foreign => {
                    return library_mapping(
                        alias.id,
                        alias.score * FOREIGN_KIT_FACTOR,
                        MatchKind::Alias,
                    );
                }
                Kit::Agrees | Kit::Differs => {}
            }
        }
        if hint == Some(Hint::Other) {
            return Mapping::Custom;
        }
        // Ranked by score, then by the other similarity, then the easier exercise first; only
        // exercises on the kit the name says, and never one whose distinguishing words differ.
        let mut best: Option<(f32, f32, &Exercise)> = None;
        let mut scored: Vec<(f32, &Exercise)> = Vec::new();
        for candidate in &self.names.candidates {
            let exercise = &exercises[candidate.index];
            if kit_fit(hint, exercise) != Kit::Agrees {
                continue;
            }
            let compare = |words: &[String]| {
                if distinct(&movement, words) {
                    (0.0, 0.0)
                } else {
                    similarity(&movement, words)
                }
            };
            let by_name = compare(&candidate.name_words);
            let by_id = compare(&candidate.id_words);
            let (score, second) = if by_id > by_name { by_id } else { by_name };
            scored.push((score, exercise));
            let better = match best {
                None => true,
                Some((top, top_second, current)) => {
                    score > top
                        || (score == top && second > top_second)
                        || (score == top
                            && second == top_second
                            && (exercise.level, exercise.position())
                                < (current.level, current.position()))
                }
            };
            if better {
                best = Some((score, second, exercise));
            }
        }
        match best {
            Some((score, _, exercise)) if score >= FUZZY_THRESHOLD => {
                // A name without kit that fits exercises on different kit as well ("Floor
                // Press": dumbbells or kettlebell) is hers to say.
                let kit = kit_of(exercise);
                let ambiguous = hint.is_none()
                    && scored
                        .iter()
                        .any(|(s, other)| *s == score && kit_of(other) != kit);
                if ambiguous {
                    Mapping::Custom
                } else {
                    library_mapping(&exercise.id, score.min(1.0), MatchKind::Fuzzy)
                }
            }
            _ => Mapping::Custom,
        }
    }
}

fn library_mapping(id: &str, score: f32, how: MatchKind) -> Mapping {
    // Two decimals: enough to rank, stable to print and compare.
    let score = (score * 100.0).round() / 100.0;
    Mapping::Library {
        id: id.to_owned(),
        score,
        how,
    }
}

/// Maps an exercise name from another app onto the library.
///
/// In order: the alias table ([`ALIASES`]); the library's own names and ids (the same words in
/// any order, case, punctuation and plurals aside: `Kettlebell Goblet Squat` is `Goblet squat
/// (kettlebell)`); an alias of the name without its equipment (`Dead Bug (Bodyweight)`); then
/// the most similar library exercise, if it scores at least [`FUZZY_THRESHOLD`].
///
/// A name maps only to the same movement on the same kit, else it is unsure. The equipment in
/// a name (`(Dumbbell)`, `Kettlebell …`) must be the exercise's: `Lunge (Dumbbell)` is not the
/// bodyweight lunge but her own exercise until she picks one. Kit the library never uses
/// (`(Smith Machine)`, `(Trap bar)`) keeps an alias's movement at a score below the threshold,
/// shown as unsure. Distinguishing words must agree (decline is not
/// incline). On a tie the easier exercise wins, unless the tied exercises are on different kit
/// and the name does not say which. Anything else is [`Mapping::Custom`].
pub fn map_exercise(name: &str, library: &Library) -> Mapping {
    Matcher::new(library).map(name)
}
