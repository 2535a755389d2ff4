//! Any bytes through format detection and every importer: an import or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mumstrong_core::import::{self, ImportFormat, ImportOptions, WeightUnit};
use mumstrong_core::library::Library;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let library = Library::builtin();
    let options = ImportOptions {
        unit: Some(WeightUnit::Kg),
    };
    if let Ok(format) = import::detect(text)
        && let Ok(parsed) = import::parse(text, format, &options, library)
    {
        let _ = parsed.summary();
        let _ = parsed.to_set_records();
    }
    // Force every importer onto the text too, past detection.
    for format in ImportFormat::ALL {
        let _ = import::parse(text, format, &options, library);
    }
});
