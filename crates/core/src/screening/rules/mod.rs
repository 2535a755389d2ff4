//! The checks of the rule table, grouped by what they look at. Each returns the rule's finding
//! (its reason and all its effects) or `None` when the rule does not fire.

pub(super) mod mood;
pub(super) mod notes;
pub(super) mod pelvic;
pub(super) mod red_flags;
pub(super) mod running;
pub(super) mod symptoms;
pub(super) mod timing;
