//! Any bytes as mumstrong's own JSON export, and as one entry of its `sets` (so the fuzzer
//! reaches the entry reader past the document's shape): an import or an error naming the entry
//! and the key, never a panic; an import that parses gives its preview and its set records.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mumstrong_core::import::{self, ImportFormat, ImportOptions, MUMSTRONG_EXPORT_FORMAT};
use mumstrong_core::library::Library;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let library = Library::builtin();
    let options = ImportOptions::default();
    let wrapped = format!(r#"{{"format":"{MUMSTRONG_EXPORT_FORMAT}","sets":[{text}]}}"#);
    for document in [text, wrapped.as_str()] {
        if let Ok(parsed) = import::parse(document, ImportFormat::Mumstrong, &options, library) {
            let _ = parsed.summary();
            let _ = parsed.to_set_records();
        }
    }
});
