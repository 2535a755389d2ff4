//! Gathering sets into sessions as rows are read.

use std::collections::HashMap;

use time::PrimitiveDateTime;

use super::format::location;
use super::names::Matcher;
use super::result::LibraryInfo;
use super::{
    Import, ImportError, ImportErrorKind, ImportFormat, ImportedSession, ImportedSet, Mapping,
    STOP_CHECK_ROWS,
};
use crate::library::Library;

/// What tells sessions apart: the start, Strong's `Workout #`, and the name.
pub(super) struct SessionKey<'s> {
    pub(super) started: PrimitiveDateTime,
    pub(super) id: Option<&'s str>,
    pub(super) name: Option<&'s str>,
}

/// What a session's rows say about the whole session (the first non-blank is kept).
pub(super) struct SessionExtras<'s> {
    pub(super) duration: Option<u32>,
    pub(super) notes: Option<&'s str>,
}

/// A [`SessionKey`] kept past its row.
type SessionKeyOwned = (PrimitiveDateTime, Option<String>, Option<String>);

/// Gathers sets into sessions as rows are read.
pub(super) struct Builder<'m, 'l> {
    format: ImportFormat,
    pub(super) matcher: &'m Matcher<'l>,
    stop: &'m dyn Fn() -> bool,
    sessions: Vec<ImportedSession>,
    keys: HashMap<SessionKeyOwned, usize>,
    last: Option<(PrimitiveDateTime, Option<String>, Option<String>, usize)>,
    set_counts: HashMap<(usize, String), u16>,
    mappings: HashMap<String, Mapping>,
    /// Exercises' notes (Strong's `Note` rows) by session and exercise name, kept for the
    /// exercise's sets when all rows are read (a note row may come before its sets).
    exercise_notes: Vec<(SessionKeyOwned, String, String)>,
    pub(super) rows_read: usize,
    pub(super) rows_skipped: usize,
}

impl<'m, 'l> Builder<'m, 'l> {
    pub(super) fn new(
        format: ImportFormat,
        matcher: &'m Matcher<'l>,
        stop: &'m dyn Fn() -> bool,
    ) -> Self {
        Builder {
            format,
            matcher,
            stop,
            sessions: Vec::new(),
            keys: HashMap::new(),
            last: None,
            set_counts: HashMap::new(),
            mappings: HashMap::new(),
            exercise_notes: Vec::new(),
            rows_read: 0,
            rows_skipped: 0,
        }
    }

    /// Every [`STOP_CHECK_ROWS`] rows, whether the caller asked to stop.
    pub(super) fn check_stop(&self, line: usize) -> Result<(), ImportError> {
        if self.rows_read.is_multiple_of(STOP_CHECK_ROWS) && (self.stop)() {
            return Err(location(Some(line), "file").error(
                ImportErrorKind::Stopped,
                "reading this file took too long and was stopped; nothing was imported: export \
                 a shorter date range and try again",
            ));
        }
        Ok(())
    }

    fn session(&mut self, key: &SessionKey<'_>) -> usize {
        // Rows of one session are nearly always together: check the last session first.
        if let Some((started, id, name, i)) = &self.last
            && *started == key.started
            && id.as_deref() == key.id
            && name.as_deref() == key.name
        {
            return *i;
        }
        let owned = (
            key.started,
            key.id.map(str::to_owned),
            key.name.map(str::to_owned),
        );
        let next = self.sessions.len();
        let i = *self.keys.entry(owned.clone()).or_insert(next);
        if i == next {
            self.sessions.push(ImportedSession {
                started: key.started,
                name: key.name.map(str::to_owned),
                duration_seconds: None,
                notes: None,
                sets: Vec::new(),
            });
        }
        self.last = Some((owned.0, owned.1, owned.2, i));
        i
    }

    /// Adds a set to its session, numbering it; a name from another app is mapped (once per
    /// name), a set whose `exercise` is already decided (`map_name` false) keeps it.
    pub(super) fn push(
        &mut self,
        key: SessionKey<'_>,
        extras: SessionExtras<'_>,
        mut set: ImportedSet,
        map_name: bool,
    ) {
        let i = self.session(&key);
        let count = self
            .set_counts
            .entry((i, set.exercise_name.clone()))
            .or_insert(0);
        *count = count.saturating_add(1);
        set.set_index = *count;
        if map_name {
            set.exercise = match self.mappings.get(&set.exercise_name) {
                Some(mapping) => mapping.clone(),
                None => {
                    let mapping = self.matcher.map(&set.exercise_name);
                    self.mappings
                        .insert(set.exercise_name.clone(), mapping.clone());
                    mapping
                }
            };
        }
        let session = &mut self.sessions[i];
        if session.duration_seconds.is_none() {
            session.duration_seconds = extras.duration;
        }
        if session.notes.is_none() {
            session.notes = extras.notes.map(str::to_owned);
        }
        session.sets.push(set);
    }

    /// Keeps an exercise's note (Strong's `Note` row) for its sets in the session of `key`; a
    /// second note for one exercise is added on a new line.
    pub(super) fn exercise_note(&mut self, key: &SessionKey<'_>, exercise: &str, note: &str) {
        let owned = (
            key.started,
            key.id.map(str::to_owned),
            key.name.map(str::to_owned),
        );
        match self
            .exercise_notes
            .iter_mut()
            .find(|(k, e, _)| *k == owned && e == exercise)
        {
            Some((_, _, text)) => {
                text.push('\n');
                text.push_str(note);
            }
            None => self
                .exercise_notes
                .push((owned, exercise.to_owned(), note.to_owned())),
        }
    }

    /// Gives each exercise's note to its sets in its session that have no note of their own
    /// (a set's own note says more about that set). A note whose exercise has no set there is
    /// dropped: there is nothing to attach it to.
    fn attach_exercise_notes(&mut self) {
        for (key, exercise, note) in std::mem::take(&mut self.exercise_notes) {
            let Some(&i) = self.keys.get(&key) else {
                continue;
            };
            for set in &mut self.sessions[i].sets {
                if set.exercise_name == exercise && set.notes.is_none() {
                    set.notes = Some(note.clone());
                }
            }
        }
    }

    pub(super) fn finish(mut self, library: &Library) -> Import {
        self.attach_exercise_notes();
        // Stable: sessions with one start keep their file order.
        self.sessions.sort_by_key(|s| s.started);
        let exercises = self
            .sessions
            .iter()
            .flat_map(|s| &s.sets)
            .filter_map(|set| set.exercise.id())
            .filter_map(|id| library.get(id))
            .map(|e| {
                let info = LibraryInfo {
                    name: e.name.clone(),
                    dose: e.dose,
                    load_source: e.load_source(),
                };
                (e.id.clone(), info)
            })
            .collect();
        Import {
            format: self.format,
            sessions: self.sessions,
            rows_read: self.rows_read,
            rows_skipped: self.rows_skipped,
            exercises,
            today: None,
        }
    }
}
