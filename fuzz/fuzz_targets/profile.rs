//! Any bytes as a TOML or JSON profile: a profile or an error naming the field, never a panic;
//! a valid profile always screens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mumstrong_core::profile::{ProfileFormat, ProfileInput};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = time::macros::date!(2026 - 11 - 25);
    for format in [ProfileFormat::Toml, ProfileFormat::Json] {
        if let Ok(input) = ProfileInput::from_str(text, format)
            && let Ok(profile) = input.validate(today)
        {
            let _ = mumstrong_core::screening::screen(&profile);
        }
    }
});
