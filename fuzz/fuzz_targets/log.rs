//! Any bytes as a training log (CSV and JSON): a log or an error naming the line and field,
//! never a panic; a log that parses gives its symptoms and its impact pause.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mumstrong_core::library::Library;
use mumstrong_core::log::{LogFormat, TrainingLog};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let library = Library::builtin();
    let start = time::macros::date!(2026 - 11 - 25);
    for format in [LogFormat::Csv, LogFormat::Json] {
        if let Ok(log) = TrainingLog::parse(text, format, library) {
            let _ = log.last_date();
            let _ = mumstrong_core::plan::log_symptoms(&log).count();
            let _ = mumstrong_core::plan::impact_pause(&log, start);
        }
    }
});
