//! How long parsing and screening a profile takes: the server will do this on every profile save.

use criterion::{Criterion, criterion_group, criterion_main};
use mumstrong_core::{Profile, ProfileFormat, render, screen};
use std::hint::black_box;
use time::macros::date;

const PROFILE: &str = include_str!("../../../examples/profiles/leaking-at-5-months.toml");

fn benches(c: &mut Criterion) {
    let today = date!(2026 - 11 - 24);
    let profile = Profile::parse(PROFILE, ProfileFormat::Toml, today).unwrap();
    c.bench_function("parse_toml_profile", |b| {
        b.iter(|| Profile::parse(black_box(PROFILE), ProfileFormat::Toml, today).unwrap())
    });
    c.bench_function("screen", |b| b.iter(|| screen(black_box(&profile))));
    let s = screen(&profile);
    c.bench_function("render_text", |b| {
        b.iter(|| render::screening_text(black_box(&profile), black_box(&s)))
    });
}

criterion_group!(screening, benches);
criterion_main!(screening);
