//! How long importing a long history takes: 100,000 Strong classic rows (about ten years of
//! training), detected, parsed, mapped and summarised. Target: well under a second, so an upload
//! of that size answers within a few seconds end to end.

use criterion::{Criterion, criterion_group, criterion_main};
use mumstrong_core::import::{ImportOptions, WeightUnit, detect, parse};
use mumstrong_core::library::Library;
use std::fmt::Write;
use std::hint::black_box;

/// Rows per generated file.
const ROWS: usize = 100_000;

/// Names as Strong writes them: aliases, exact names, a typo and customs, so every matching
/// path is taken.
const NAMES: [&str; 12] = [
    "Goblet Squat (Kettlebell)",
    "Romanian Deadlift (Dumbbell)",
    "Plank",
    "Glute Bridge",
    "Bent Over Row (Dumbbell)",
    "Farmer Walk",
    "Split Squat",
    "Push Up (Knees)",
    "Kettlebell Goblet Squat",
    "Gobelt Squat (Kettlebell)",
    "Bicep Curl (Dumbbell)",
    "Leg Press",
];

/// A Strong classic export of `rows` sets: eight sets a session, one session a day, with a
/// rest timer after every fourth set and quoted names.
fn strong_classic(rows: usize) -> String {
    let mut text = String::with_capacity(rows * 120);
    text.push_str(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,\
         Workout Notes,RPE\n",
    );
    let start = time::macros::date!(2016 - 01 - 01);
    for i in 0..rows {
        let day = start + time::Duration::days((i / 8) as i64);
        let name = NAMES[(i / 2) % NAMES.len()];
        let order = match i % 8 {
            0 => "W".to_owned(),
            7 => "D".to_owned(),
            n => n.to_string(),
        };
        if i % 4 == 3 {
            let _ = writeln!(
                text,
                "{day} 07:30:00,\"Morning, postnatal\",42m,\"Rest Timer\",Rest Timer,0,0,0,90.0,\"\",\"\","
            );
        } else {
            let _ = writeln!(
                text,
                "{day} 07:30:00,\"Morning, postnatal\",42m,\"{name}\",{order},{}.5,{}.0,0,0,\"\",\"week {}\",{}",
                8 + i % 10,
                6 + i % 7,
                i / 56,
                6 + i % 4
            );
        }
    }
    text
}

fn benches(c: &mut Criterion) {
    let text = strong_classic(ROWS);
    let library = Library::builtin();
    let options = ImportOptions {
        unit: Some(WeightUnit::Kg),
        ..ImportOptions::default()
    };
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("strong_classic_100k_rows_detect_parse_summary", |b| {
        b.iter(|| {
            let format = detect(black_box(&text)).unwrap();
            let import = parse(&text, format, &options, library).unwrap();
            black_box(import.summary())
        })
    });
    let import = parse(&text, detect(&text).unwrap(), &options, library).unwrap();
    group.bench_function("strong_classic_100k_rows_to_set_records", |b| {
        b.iter(|| black_box(import.to_set_records()))
    });
    group.finish();
}

criterion_group!(import, benches);
criterion_main!(import);
