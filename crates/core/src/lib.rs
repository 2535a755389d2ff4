//! mumstrong's pure domain: the postnatal profile, its vocabularies, the mood questionnaires,
//! the return-to-running readiness tests and the screening rules with their sources.
//!
//! No I/O and no clock: callers pass text in and the date ("today") explicitly, so every rule is
//! a pure function that can be tested exhaustively.
#![forbid(unsafe_code)]

pub mod profile;
pub mod questionnaire;
pub mod readiness;
pub mod render;
pub mod screening;
pub mod sources;
pub mod vocab;

pub use profile::{Profile, ProfileError, ProfileFormat, ProfileInput};
pub use screening::{DISCLAIMER, RULES, Referral, Screening, screen};
