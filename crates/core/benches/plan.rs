//! How long generating a plan takes: the server regenerates it whenever she logs a symptom.
//! Target: under 200 microseconds for a 24-week plan (12-week plans shown too).

use criterion::{Criterion, criterion_group, criterion_main};
use mumstrong_core::library::Library;
use mumstrong_core::log::TrainingLog;
use mumstrong_core::plan::{PlanOptions, generate};
use mumstrong_core::{Profile, ProfileFormat, render_plan};
use std::hint::black_box;
use time::macros::date;

const PROFILES: [(&str, &str); 4] = [
    (
        "leaking_5_months",
        include_str!("../../../examples/profiles/leaking-at-5-months.toml"),
    ),
    (
        "ready_to_run",
        include_str!("../../../examples/profiles/ready-to-run-14-weeks.toml"),
    ),
    (
        "three_years",
        include_str!("../../../examples/profiles/three-years-beginner.toml"),
    ),
    (
        "gym_mum",
        include_str!("../../../examples/profiles/gym-mum-6-months.toml"),
    ),
];

fn benches(c: &mut Criterion) {
    let today = date!(2026 - 11 - 24);
    let library = Library::builtin();
    let log = TrainingLog::default();
    for (name, text) in PROFILES {
        let profile = Profile::parse(text, ProfileFormat::Toml, today).unwrap();
        let options = PlanOptions::new(profile.as_of);
        c.bench_function(&format!("plan_12_weeks_{name}"), |b| {
            b.iter(|| generate(black_box(&profile), library, &options, &log).unwrap())
        });
        let options = PlanOptions {
            weeks: 24,
            ..PlanOptions::new(profile.as_of)
        };
        c.bench_function(&format!("plan_24_weeks_{name}"), |b| {
            b.iter(|| generate(black_box(&profile), library, &options, &log).unwrap())
        });
    }
    let profile = Profile::parse(PROFILES[1].1, ProfileFormat::Toml, today).unwrap();
    let outcome = generate(&profile, library, &PlanOptions::new(profile.as_of), &log).unwrap();
    if let mumstrong_core::plan::PlanOutcome::Ready(plan) = outcome {
        c.bench_function("render_plan_text", |b| {
            b.iter(|| render_plan::plan_text(black_box(&profile), black_box(&plan)))
        });
    }
}

criterion_group!(plan, benches);
criterion_main!(plan);
