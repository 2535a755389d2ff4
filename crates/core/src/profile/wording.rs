//! The published wording of the mood questions that may be shown: the Whooley questions
//! (NICE CG192), the PHQ-9 (Kroenke, Spitzer & Williams 2001) and the GAD-7 (Spitzer et al.
//! 2006). The PHQ-9 and GAD-7 were developed with a grant from Pfizer and carry no copyright
//! restriction on showing them. The EPDS wording is not here: it needs permission to reproduce.
//!
//! Kept in the domain so every page and printout asks the same words, in the same order as the
//! stored answers.

use super::questionnaire::{GAD7_ITEMS, PHQ9_ITEMS};

/// The first Whooley question (NICE CG192).
pub const WHOOLEY_DOWN: &str =
    "During the past month, have you often been bothered by feeling down, depressed or hopeless?";
/// The second Whooley question (NICE CG192).
pub const WHOOLEY_NO_INTEREST: &str = "During the past month, have you often been bothered by having little interest or pleasure in doing things?";
/// The third question, asked after a yes to either of the first two (NICE CG192).
pub const WHOOLEY_WANTS_HELP: &str = "Is this something you feel you need or want help with?";

/// The PHQ-9's and GAD-7's answers, with the score each gives, in printed order.
pub const FREQUENCY_ANSWERS: [(u8, &str); 4] = [
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
];

/// What the PHQ-9 asks before its items.
pub const PHQ9_STEM: &str =
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

/// The nine PHQ-9 items, item 1 first. Item 9 is the self-harm item.
pub const PHQ9_QUESTIONS: [&str; PHQ9_ITEMS] = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
];

/// What the GAD-7 asks before its items.
pub const GAD7_STEM: &str =
    "Over the last 2 weeks, how often have you been bothered by the following problems?";

/// The seven GAD-7 items, item 1 first.
pub const GAD7_QUESTIONS: [&str; GAD7_ITEMS] = [
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
];

/// The words of an answer score (0..=3), or `None` outside that range.
pub fn frequency_label(score: i64) -> Option<&'static str> {
    FREQUENCY_ANSWERS
        .iter()
        .find(|(s, _)| i64::from(*s) == score)
        .map(|(_, label)| *label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_answer_scores_zero_and_the_last_three() {
        assert_eq!(frequency_label(0), Some("Not at all"));
        assert_eq!(frequency_label(3), Some("Nearly every day"));
        assert_eq!(frequency_label(4), None);
        assert!(PHQ9_QUESTIONS[8].contains("better off dead"));
    }
}
