//! Generates the benchmark's 24-week plans N times (default 20), for counting instructions
//! (`perf stat -e instructions` or `valgrind --tool=callgrind`) on a noisy machine where time
//! is not a fair measure. Usage: `plan_instructions [N] [profile index 0-3, or all]`; with
//! `PLAN_COUNTS` set it also prints how many sessions, exercises and week notes each plan has.

use mumstrong_core::library::Library;
use mumstrong_core::log::TrainingLog;
use mumstrong_core::plan::{PlanOptions, generate};
use mumstrong_core::{Profile, ProfileFormat};
use std::hint::black_box;
use time::macros::date;

const PROFILES: [&str; 4] = [
    include_str!("../../../examples/profiles/leaking-at-5-months.toml"),
    include_str!("../../../examples/profiles/ready-to-run-14-weeks.toml"),
    include_str!("../../../examples/profiles/three-years-beginner.toml"),
    include_str!("../../../examples/profiles/gym-mum-6-months.toml"),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let which: Option<usize> = args.next().and_then(|a| a.parse().ok());
    let today = date!(2026 - 11 - 24);
    let library = Library::builtin();
    let log = TrainingLog::default();
    for (i, text) in PROFILES.iter().enumerate() {
        if which.is_some_and(|w| w != i) {
            continue;
        }
        let profile = Profile::parse(text, ProfileFormat::Toml, today).expect("profile parses");
        let options = PlanOptions {
            weeks: 24,
            ..PlanOptions::new(profile.as_of)
        };
        for _ in 0..n {
            black_box(generate(black_box(&profile), library, &options, &log).expect("plan"));
        }
        if std::env::var_os("PLAN_COUNTS").is_some()
            && let Ok(mumstrong_core::plan::PlanOutcome::Ready(plan)) =
                generate(&profile, library, &options, &log)
        {
            let sessions: usize = plan.weeks.iter().map(|w| w.sessions.len()).sum();
            let exercises: usize = plan
                .weeks
                .iter()
                .flat_map(|w| &w.sessions)
                .map(|s| s.exercises.len())
                .sum();
            let notes: usize = plan.weeks.iter().map(|w| w.notes.len()).sum();
            println!("profile {i}: {sessions} sessions, {exercises} exercises, {notes} week notes");
        }
    }
}
