//! Importing history from other apps, as a use case the API, the pages and the CLI share:
//! [`prepare`] reads and checks a file (format, rows, names mapped, each set's identity), and
//! [`run`] previews it or stores it in one transaction. Re-importing the same file adds nothing:
//! each set's `client_ref` is derived from what it is (session start, exercise, set type and
//! place, numbers), so a set already stored is skipped.

use std::collections::HashSet;

use mumstrong_core::import::{self, ImportOptions, ImportSummary, WeightUnit};
use mumstrong_core::library::Dose;
use mumstrong_store::{ImportExtras, ImportedSetRow, NewCheckIn, NewSet, Store};
use serde::Serialize;
use serde_json::Value;
use time::Date;

use crate::domain;
use crate::error::{AppError, AppResult};

/// Prefix of the client refs of imported sets.
pub const IMPORT_REF_PREFIX: &str = "import:";

/// A parsed file, ready to preview or store.
pub struct Prepared {
    /// The format read.
    pub format: &'static str,
    /// The file's SHA-256, hex.
    pub sha256: String,
    /// The preview.
    pub summary: ImportSummary,
    /// Every set as a row to store.
    pub rows: Vec<ImportedSetRow>,
    /// What our own export brings back beside sets.
    pub extras: ImportExtras,
}

/// Reads and checks a file: format from its header, every row parsed, names mapped; sessions
/// after `today` (her clock's date) are flagged in the preview.
///
/// # Errors
/// 422 naming `file` (with the line and column in the message), or `unit` when the file does not
/// say its weight unit and none was given.
pub fn prepare(bytes: &[u8], unit: Option<WeightUnit>, today: Date) -> AppResult<Prepared> {
    prepare_until(bytes, unit, &[], today, &|| false)
}

/// Files read at once, process-wide: each holds a file of up to 20 MB and its rows, and keeps a
/// core busy; more would only slow every other request on a small server.
pub const IMPORT_PERMITS: usize = 2;
/// How long an upload waits for a reading slot before it is told to try again (503).
pub const IMPORT_QUEUE_SECS: u64 = 20;
/// How long reading one file may take before it is stopped (422): a 100,000-row export takes
/// about 4 s on two cores, so this is a file no app writes.
pub const IMPORT_DEADLINE_SECS: u64 = 30;

static IMPORT_SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(IMPORT_PERMITS);

/// As [`prepare`], with names she remapped in the preview (`(name as written, Some(library
/// id))`, or `None` to keep it as her own custom exercise), on a blocking thread (never on the threads that answer requests, so
/// `/healthz` and her other pages stay quick while a big file is read), after waiting at most
/// [`IMPORT_QUEUE_SECS`] for one of [`IMPORT_PERMITS`] slots, and stopped after
/// [`IMPORT_DEADLINE_SECS`].
///
/// # Errors
/// As [`prepare`]; 422 naming `remap` for an id not in the library; 503 (`busy`, with Retry-After) when no slot frees in time; 422 naming
/// `file` when the deadline passes.
pub async fn prepare_off_thread(
    bytes: impl AsRef<[u8]> + Send + 'static,
    unit: Option<WeightUnit>,
    remap: Vec<(String, Option<String>)>,
    today: Date,
) -> AppResult<Prepared> {
    let permit = tokio::time::timeout(
        std::time::Duration::from_secs(IMPORT_QUEUE_SECS),
        IMPORT_SLOTS.acquire(),
    )
    .await
    .map_err(|_| {
        AppError::busy(
            30,
            "other files are being read right now; please try again in a minute",
        )
    })?
    .map_err(AppError::internal)?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(IMPORT_DEADLINE_SECS);
    let prepared = tokio::task::spawn_blocking(move || {
        prepare_until(bytes.as_ref(), unit, &remap, today, &|| {
            std::time::Instant::now() >= deadline
        })
    })
    .await
    .map_err(AppError::internal)?;
    drop(permit);
    prepared
}

/// As [`prepare_off_thread`], on this thread, giving up when `stop` says so (see [`import::parse_until`]).
fn prepare_until(
    bytes: &[u8],
    unit: Option<WeightUnit>,
    remap: &[(String, Option<String>)],
    today: Date,
    stop: &dyn Fn() -> bool,
) -> AppResult<Prepared> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        AppError::invalid(
            "file",
            format!(
                "not a text export (invalid UTF-8 at byte {}); export CSV or JSON from the app",
                e.valid_up_to()
            ),
        )
    })?;
    let library = domain::library();
    let fail = |e: import::ImportError| {
        let field = if e.kind == import::ImportErrorKind::UnitNeeded {
            "unit"
        } else {
            "file"
        };
        AppError::invalid(field, e.to_string())
    };
    let format = import::detect(text).map_err(fail)?;
    let options = ImportOptions {
        unit,
        today: Some(today),
    };
    let mut parsed = import::parse_until(text, format, &options, library, stop).map_err(fail)?;
    for (name, id) in remap {
        parsed
            .remap(name, id.as_deref(), library)
            .map_err(|e| AppError::invalid("remap", e))?;
    }
    let summary = parsed.summary();
    let mut rows = Vec::with_capacity(summary.sets);
    for (session, set) in parsed.sets() {
        let (exercise, dose) = match set.exercise.sure_id() {
            Some(id) => (
                id.to_owned(),
                library.get(id).map_or(Dose::Reps, |e| e.dose),
            ),
            // Our own export already writes custom exercises as `custom:NAME`.
            None if set.exercise_name.starts_with("custom:") => {
                (set.exercise_name.clone(), Dose::Reps)
            }
            // Not in the library, or only a guess: her own exercise until she picks one.
            None => (format!("custom:{}", set.exercise_name), Dose::Reps),
        };
        let amount = match dose {
            Dose::Reps => set.reps.map(u32::from).or(set.seconds),
            Dose::Seconds => set.seconds.or(set.reps.map(u32::from)),
            Dose::Distance => set
                .distance_m
                .map(|m| m.round().clamp(0.0, 1e9) as u32)
                .or(set.reps.map(u32::from)),
        }
        .unwrap_or(0);
        let set_type = serde_json::to_value(set.set_type)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "normal".to_owned());
        let identity = format!(
            "{}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}",
            session.started,
            set.exercise_name,
            set_type,
            set.set_index,
            set.reps,
            set.weight_kg.map(|w| (w * 1000.0).round() as i64),
            set.seconds,
            set.distance_m.map(|m| m.round() as i64)
        );
        let reference = format!(
            "{IMPORT_REF_PREFIX}{}",
            &crate::auth::sha256_hex(identity.as_bytes())[..32]
        );
        rows.push(ImportedSetRow {
            set: NewSet {
                done_on: session.started.date(),
                exercise,
                set_number: Some(i64::from(set.set_index)),
                reps: i64::from(amount.min(u32::from(mumstrong_core::log::MAX_REPS))),
                target_reps: set.target_reps.map(i64::from),
                load_kg: set
                    .weight_kg
                    .filter(|kg| *kg > 0.0)
                    .map(|kg| kg.min(mumstrong_core::log::MAX_LOAD_KG)),
                rpe: set
                    .rpe
                    .map(|r| r.round() as i64)
                    .filter(|r| (1..=10).contains(r)),
                symptoms: serde_json::to_string(&set.symptoms).unwrap_or_else(|_| "[]".into()),
                red_flags: serde_json::to_string(&set.red_flags).unwrap_or_else(|_| "[]".into()),
                client_ref: Some(reference),
            },
            set_type,
            exercise_name: set.exercise_name.clone(),
        });
    }
    let extras = if format == import::ImportFormat::Mumstrong {
        extras_of(text)?
    } else {
        ImportExtras::default()
    };
    Ok(Prepared {
        format: format.as_str(),
        sha256: crate::auth::sha256_hex(bytes),
        summary,
        rows,
        extras,
    })
}

/// A set as it reads whatever its source: day, exercise, set number, amount and load (to the
/// gram), for telling a set she has from a new one.
type SetKey = (time::Date, String, Option<i64>, i64, Option<i64>);

fn set_key(
    day: time::Date,
    exercise: &str,
    set_number: Option<i64>,
    amount: i64,
    load_kg: Option<f64>,
) -> SetKey {
    let grams = load_kg
        .filter(|kg| *kg > 0.0)
        .map(|kg| (kg * 1000.0).round() as i64);
    (day, exercise.to_owned(), set_number, amount, grams)
}

/// Removes the rows she has a set for already (same day, exercise, set number, amount and load).
async fn drop_sets_she_has(
    store: &Store,
    user_id: i64,
    rows: &mut Vec<ImportedSetRow>,
) -> AppResult<()> {
    let (Some(from), Some(to)) = (
        rows.iter().map(|r| r.set.done_on).min(),
        rows.iter().map(|r| r.set.done_on).max(),
    ) else {
        return Ok(());
    };
    let hers: HashSet<SetKey> = store
        .sets_between(user_id, from, to, crate::domain::MAX_LOG_ROWS)
        .await?
        .iter()
        .map(|s| set_key(s.done_on, &s.exercise, s.set_number, s.reps, s.load_kg))
        .collect();
    if !hers.is_empty() {
        rows.retain(|r| {
            let s = &r.set;
            !hers.contains(&set_key(
                s.done_on,
                &s.exercise,
                s.set_number,
                s.reps,
                s.load_kg,
            ))
        });
    }
    Ok(())
}

/// The weight unit asked for (`kg` or `lb`), if one was given: for the API and the upload page.
///
/// # Errors
/// 422 naming `unit` for any other word.
pub fn unit_param(word: Option<&str>) -> AppResult<Option<WeightUnit>> {
    word.map(|w| {
        WeightUnit::from_word(w).ok_or_else(|| AppError::invalid("unit", "expected `kg` or `lb`"))
    })
    .transpose()
}

/// Reads what mumstrong's own export holds beside sets: check-ins, pelvic-floor ticks, baby
/// weights and profile versions, each checked like the API checks it (the entry at fault is
/// named: `checkins[3].mood`).
///
/// # Errors
/// 422 naming the entry and field.
pub fn extras_of(text: &str) -> AppResult<ImportExtras> {
    let doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| AppError::invalid("file", format!("not valid JSON: {e}")))?;
    let list = |key: &str| {
        doc.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let date_of = |field: String, v: &Value| -> AppResult<time::Date> {
        let text = v
            .as_str()
            .ok_or_else(|| AppError::invalid(&field, "expected a date, YYYY-MM-DD"))?;
        super::parse_date(&field, text)
    };
    let small = |field: String, v: &Value, lo: i64, hi: i64| -> AppResult<Option<i64>> {
        match v {
            Value::Null => Ok(None),
            v => match v.as_i64() {
                Some(n) if (lo..=hi).contains(&n) => Ok(Some(n)),
                _ => Err(AppError::invalid(
                    field,
                    format!("expected a whole number from {lo} to {hi}"),
                )),
            },
        }
    };
    let words = |field: String, v: &Value, kind: &str| -> AppResult<String> {
        let ok = match kind {
            "symptoms" => {
                serde_json::from_value::<Vec<mumstrong_core::vocab::Symptom>>(v.clone()).is_ok()
            }
            _ => serde_json::from_value::<Vec<mumstrong_core::vocab::RedFlag>>(v.clone()).is_ok(),
        };
        if v.is_null() {
            return Ok("[]".to_owned());
        }
        if !ok {
            return Err(AppError::invalid(
                field,
                format!("expected a list of known {}", kind.replace('_', " ")),
            ));
        }
        Ok(v.to_string())
    };
    let mut extras = ImportExtras::default();
    for (i, c) in list("checkins").iter().enumerate() {
        let f = |name: &str| format!("checkins[{i}].{name}");
        let sleep_hours = match &c["sleep_hours"] {
            Value::Null => None,
            v => match v.as_f64() {
                Some(h) if (0.0..=24.0).contains(&h) => Some(h),
                _ => {
                    return Err(AppError::invalid(
                        f("sleep_hours"),
                        "expected 0 to 24 hours",
                    ));
                }
            },
        };
        let notes = c["notes"].as_str().unwrap_or("").to_owned();
        if notes.chars().count() > 2000 {
            return Err(AppError::invalid(
                f("notes"),
                "expected at most 2000 characters",
            ));
        }
        extras.checkins.push(NewCheckIn {
            done_on: date_of(f("date"), &c["date"])?,
            symptoms: words(f("symptoms"), &c["symptoms"], "symptoms")?,
            red_flags: words(f("red_flags"), &c["red_flags"], "red_flags")?,
            rpe: small(f("rpe"), &c["rpe"], 1, 10)?,
            mood: small(f("mood"), &c["mood"], 1, 5)?,
            sleep_hours,
            notes,
        });
    }
    for (i, t) in list("pelvic_floor").iter().enumerate() {
        let f = |name: &str| format!("pelvic_floor[{i}].{name}");
        let day = date_of(f("done_on"), &t["done_on"])?;
        let set = small(f("set_number"), &t["set_number"], 1, 3)?
            .ok_or_else(|| AppError::invalid(f("set_number"), "expected 1, 2 or 3"))?;
        extras.pelvic_floor.push((day, set));
    }
    for (i, w) in list("baby_weights").iter().enumerate() {
        let f = |name: &str| format!("baby_weights[{i}].{name}");
        let day = date_of(f("measured_on"), &w["measured_on"])?;
        let kg = w["weight_kg"]
            .as_f64()
            .filter(|kg| (0.3..=40.0).contains(kg))
            .ok_or_else(|| {
                AppError::invalid(f("weight_kg"), "expected a baby's weight from 0.3 to 40 kg")
            })?;
        extras.baby_weights.push((day, kg));
    }
    let mut profiles: Vec<(i64, String)> = Vec::new();
    for (i, p) in list("profiles").iter().enumerate() {
        let version = p["version"].as_i64().unwrap_or(i as i64 + 1);
        let body = serde_json::to_vec(&p["profile"]).map_err(AppError::internal)?;
        // The same reading as a profile sent to the API, at the date it describes, so a stored
        // copy and an imported one are the same text.
        let input: mumstrong_core::ProfileInput = crate::json::parse_json(&body).map_err(|e| {
            AppError::invalid(
                format!(
                    "profiles[{i}].profile{}",
                    e.field.map(|f| format!(".{f}")).unwrap_or_default()
                ),
                e.message,
            )
        })?;
        profiles.push((
            version,
            serde_json::to_string(&input).map_err(AppError::internal)?,
        ));
    }
    profiles.sort_by_key(|(v, _)| *v);
    extras.profiles = profiles.into_iter().map(|(_, json)| json).collect();
    Ok(extras)
}

/// Check-ins, pelvic-floor ticks, baby weights and profile versions.
#[derive(Serialize, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Others {
    /// Check-ins.
    pub checkins: u64,
    /// Pelvic-floor ticks.
    pub pelvic_floor: u64,
    /// Baby weights.
    pub baby_weights: u64,
    /// Profile versions.
    pub profiles: u64,
}

impl Others {
    fn in_file(extras: &ImportExtras) -> Others {
        Others {
            checkins: extras.checkins.len() as u64,
            pelvic_floor: extras.pelvic_floor.len() as u64,
            baby_weights: extras.baby_weights.len() as u64,
            profiles: extras.profiles.len() as u64,
        }
    }

    /// How many in all.
    pub fn total(&self) -> u64 {
        self.checkins + self.pelvic_floor + self.baby_weights + self.profiles
    }
}

/// What an import did, or would do.
#[derive(Serialize)]
pub struct Outcome {
    /// `preview`, `imported`, or `nothing_new` (everything in the file was already stored, so
    /// no import was recorded).
    pub status: &'static str,
    /// The import's id, to undo it (`None` for a preview or when nothing was new).
    pub import_id: Option<i64>,
    /// Sets that are new.
    pub new_sets: u64,
    /// Sets already stored (from an earlier import of the same data), skipped.
    pub duplicate_sets: u64,
    /// Beside sets (mumstrong's own export): in a preview, how many the file holds; after an
    /// import, how many were new.
    pub others: Others,
    /// The file's preview: sessions, sets, dates, mappings, values worth a second look.
    pub summary: ImportSummary,
}

/// Previews or stores a prepared import for a member.
///
/// # Errors
/// A store error.
pub async fn run(
    store: &Store,
    user_id: i64,
    mut prepared: Prepared,
    dry_run: bool,
    now: i64,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> AppResult<Outcome> {
    // The same file again (even read with another unit) adds nothing; nor does a set she has
    // already, however it came (logged here, or in her own export read back).
    let same_file = store
        .imports_of(user_id)
        .await?
        .iter()
        .any(|i| i.undone_at.is_none() && i.file_sha256 == prepared.sha256);
    let before = prepared.rows.len() as u64;
    if same_file {
        prepared.rows.clear();
        prepared.extras = ImportExtras::default();
    } else {
        drop_sets_she_has(store, user_id, &mut prepared.rows).await?;
    }
    let already = before - prepared.rows.len() as u64;
    if dry_run {
        let known = store.known_client_refs(user_id, IMPORT_REF_PREFIX).await?;
        let mut seen: HashSet<&str> = HashSet::new();
        let duplicates = already
            + prepared
                .rows
                .iter()
                .filter_map(|r| r.set.client_ref.as_deref())
                .filter(|r| known.contains(*r) || !seen.insert(r))
                .count() as u64;
        return Ok(Outcome {
            status: "preview",
            import_id: None,
            new_sets: before - duplicates,
            duplicate_sets: duplicates,
            others: Others::in_file(&prepared.extras),
            summary: prepared.summary,
        });
    }
    let counts = store
        .import_sets(
            user_id,
            mumstrong_store::ImportSource {
                format: prepared.format,
                file_sha256: &prepared.sha256,
            },
            &prepared.rows,
            &prepared.extras,
            now,
            progress,
        )
        .await?;
    Ok(Outcome {
        status: if counts.id == 0 {
            "nothing_new"
        } else {
            "imported"
        },
        import_id: (counts.id != 0).then_some(counts.id),
        new_sets: counts.sets_added,
        duplicate_sets: counts.sets_skipped + already,
        others: Others {
            checkins: counts.checkins_added,
            pelvic_floor: counts.pelvic_floor_added,
            baby_weights: counts.baby_weights_added,
            profiles: counts.profiles_added,
        },
        summary: prepared.summary,
    })
}
