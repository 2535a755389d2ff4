//! `mumstrong import`: a Strong, Hevy, FitNotes or mumstrong file into her account, with a preview and undo.

use std::path::Path;
use std::process::ExitCode;

use super::service::*;

/// `mumstrong import FILE --user EMAIL [--unit kg|lb] [--dry-run]` and `--undo ID`.
pub fn import(
    file: Option<&Path>,
    user: &str,
    unit: Option<&str>,
    dry_run: bool,
    undo: Option<i64>,
    db: &DbArgs,
) -> Result<ExitCode, Failure> {
    let unit = match unit {
        None => None,
        Some(word) => Some(
            mumstrong_core::import::WeightUnit::from_word(word)
                .ok_or_else(|| bad(format!("--unit: `{word}`; expected kg or lb")))?,
        ),
    };
    let bytes = match (file, undo) {
        (Some(path), None) => {
            let meta =
                std::fs::metadata(path).map_err(|e| bad(format!("{}: {e}", path.display())))?;
            if meta.len() > mumstrong_core::import::MAX_IMPORT_BYTES as u64 {
                return Err(bad(format!(
                    "{}: {} bytes; an export of at most 20 MB is expected",
                    path.display(),
                    meta.len()
                )));
            }
            Some(std::fs::read(path).map_err(|e| bad(format!("{}: {e}", path.display())))?)
        }
        (None, Some(_)) => None,
        _ => return Err(bad("give a FILE to import, or --undo ID (not both)")),
    };
    runtime()?.block_on(async move {
        let store = open(db).await?;
        let user_id = member_id(&store, user).await?;
        let clock = time::OffsetDateTime::now_utc();
        let now = clock.unix_timestamp();
        if let Some(id) = undo {
            let removed = store.undo_import(user_id, id, now).await.map_err(internal)?;
            store.close().await;
            return match removed {
                Some(n) => {
                    println!("import {id} undone: {n} sets removed");
                    Ok(ExitCode::SUCCESS)
                }
                None => Err(bad(format!("--undo: no import {id} to undo for {user}"))),
            };
        }
        let bytes = bytes.unwrap_or_default();
        let started = std::time::Instant::now();
        let prepared = mumstrong_app::imports::prepare(&bytes, unit, clock.date())
            .map_err(|e| bad(format!("{}: {}", e.field.unwrap_or_default(), e.message)))?;
        // A progress bar on the terminal for large files (hidden when output is not a terminal).
        let bar = if prepared.rows.len() >= 5000 && !dry_run {
            indicatif::ProgressBar::new(prepared.rows.len() as u64)
        } else {
            indicatif::ProgressBar::hidden()
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} sets {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let ticker = bar.clone();
        let outcome = mumstrong_app::imports::run(
            &store,
            user_id,
            prepared,
            dry_run,
            now,
            &move |done| ticker.set_position(done),
        )
        .await
        .map_err(|e| internal(e.message))?;
        bar.finish_and_clear();
        store.close().await;
        let s = &outcome.summary;
        println!(
            "{}: {} sessions, {} sets ({} on library exercises), {} to {}",
            s.format.describe(),
            s.sessions,
            s.sets,
            s.library_sets,
            s.first.map_or("-".to_owned(), |d| mumstrong_core::text::long_date(d.date())),
            s.last.map_or("-".to_owned(), |d| mumstrong_core::text::long_date(d.date())),
        );
        for e in s.exercises.iter().take(40) {
            let mapped = match (&e.mapping, &e.library_name) {
                (m @ mumstrong_core::import::Mapping::Library { score, .. }, Some(name))
                    if m.is_guess() =>
                {
                    format!(
                        "unsure: maybe {name} ({:.0} %), kept as your own exercise (pick it on the import page)",
                        score * 100.0
                    )
                }
                (mumstrong_core::import::Mapping::Library { score, .. }, Some(name)) => {
                    format!("{name} ({:.0} %)", score * 100.0)
                }
                _ => "custom exercise (not in the library)".to_owned(),
            };
            println!("  {:>5} × {} → {mapped}", e.sets, e.name);
        }
        if s.exercises.len() > 40 {
            println!("  … and {} more names", s.exercises.len() - 40);
        }
        for odd in &s.suspicious {
            println!("  check line {}: {} ({})", odd.line, odd.message, odd.exercise_name);
        }
        match outcome.import_id {
            None if outcome.status == "nothing_new" => println!(
                "nothing new: {} in this file {} already stored, so nothing was imported",
                if outcome.duplicate_sets == 1 {
                    "the one set".to_owned()
                } else {
                    format!("all {} sets", outcome.duplicate_sets)
                },
                if outcome.duplicate_sets == 1 { "is" } else { "are" }
            ),
            None => println!(
                "preview only: {} new sets, {} already stored. Run again without --dry-run to import.",
                outcome.new_sets, outcome.duplicate_sets
            ),
            Some(id) => println!(
                "imported {} new sets ({} already stored) in {:.1} s as import {id}; undo with `mumstrong import --undo {id} --user {user}`",
                outcome.new_sets,
                outcome.duplicate_sets,
                started.elapsed().as_secs_f64()
            ),
        }
        let o = outcome.others;
        if o.total() > 0 {
            println!(
                "{} {} check-ins, {} pelvic-floor ticks, {} baby weights, {} profile versions",
                if outcome.import_id.is_some() { "also added:" } else { "the file also holds:" },
                o.checkins,
                o.pelvic_floor,
                o.baby_weights,
                o.profiles
            );
        }
        Ok(ExitCode::SUCCESS)
    })
}
