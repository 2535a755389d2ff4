//! mumstrong's pure domain: the postnatal profile, its vocabularies, the mood questionnaires,
//! the return-to-running readiness tests, the screening rules with their sources, the exercise
//! library, the WHO growth table, the training log and the programme generator.
//!
//! No I/O and no clock: callers pass text in and the date ("today") explicitly, so every rule is
//! a pure function that can be tested exhaustively.
//!
//! ```
//! use mumstrong_core::{Profile, ProfileFormat, Referral, screen};
//! use time::macros::date;
//!
//! let text = r#"
//!     as_of = "2026-11-24"
//!     [birth]
//!     date = "2026-08-20"
//!     delivery = "vaginal"
//!     [health]
//!     postnatal_check_done = true
//!     symptoms = ["urinary_leakage"]
//! "#;
//! let profile = Profile::parse(text, ProfileFormat::Toml, date!(2026 - 11 - 24)).unwrap();
//! let screening = screen(&profile);
//! assert_eq!(screening.weeks_postpartum, 13);
//! assert!(!screening.impact_allowed);
//! assert_eq!(screening.referrals, vec![Referral::PelvicHealthPhysio]);
//! assert_eq!(screening.reasons_for("pfd-symptoms-refer").next().unwrap().source,
//!            "Goom, Donnelly & Brockwell 2019");
//! ```
#![forbid(unsafe_code)]

pub mod export;
pub mod growth;
pub mod import;
pub mod library;
pub mod plan;
pub mod profile;
pub mod render;
pub mod render_plan;
pub mod report;
pub mod screening;
pub mod sources;
pub mod state;
pub mod text;
pub mod training;

pub use profile::{Profile, ProfileError, ProfileFormat, ProfileInput};
pub use profile::{questionnaire, readiness, vocab, wording};
pub use screening::{DISCLAIMER, RULES, Referral, Screening, screen};
pub use training::{log, records};
