//! The exercise library: a data-driven set of exercises linked into ladders.
//!
//! The library lives in `data/exercises.toml` and is compiled into the binary. Each exercise links
//! to its one easier variant (`regression`) and to its harder variants (`progressions`), so the
//! library forms trees a programme can walk up when she is ready and down when symptoms show.
//! [`Library::parse`] checks every invariant the generator relies on, so a bad edit of the data
//! fails the tests instead of producing an unsafe plan.
//!
//! `exercise` holds one exercise and its words; `validate` holds the invariants.

mod exercise;
mod validate;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

pub use exercise::{
    CABLE_STEP_KG, Dose, Exercise, ExerciseListing, Focus, Impact, LoadSource, LoadStep,
    MACHINE_STEP_KG, Pattern, Pressure,
};
pub use validate::is_breath_cue;

/// The library text shipped in the binary.
pub const BUILTIN_TOML: &str = include_str!("../../../../data/exercises.toml");

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
    /// For each pattern (in [`Pattern::ALL`] order), its exercises' positions in file order:
    /// the generator looks for a pattern's exercises many times a plan.
    by_pattern: Vec<Vec<usize>>,
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
                return Err(validate::invalid(&ex.id, "id", "appears twice".into()));
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
            by_pattern: Vec::new(),
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
        library.by_pattern = Pattern::ALL
            .iter()
            .map(|p| {
                library
                    .exercises
                    .iter()
                    .filter(|e| e.pattern == *p)
                    .map(|e| e.position)
                    .collect()
            })
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

    /// The exercises of one pattern, in file order.
    pub fn of_pattern(&self, pattern: Pattern) -> impl Iterator<Item = &Exercise> + '_ {
        let indexed = Pattern::ALL
            .iter()
            .position(|p| *p == pattern)
            .and_then(|i| self.by_pattern.get(i));
        let by_index = indexed
            .into_iter()
            .flatten()
            .filter_map(|&i| self.exercises.get(i));
        // A library built without the index (none is) would still answer, by scanning.
        let by_scan = indexed
            .is_none()
            .then(|| self.exercises.iter().filter(move |e| e.pattern == pattern))
            .into_iter()
            .flatten();
        by_index.chain(by_scan)
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
mod tests;
