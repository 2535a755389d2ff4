//! Mood questionnaires: the Whooley questions, the Edinburgh Postnatal Depression Scale (EPDS),
//! the PHQ-9 and the GAD-7.
//!
//! For the EPDS the profile stores the *position* of the chosen answer for each item, never the
//! item wording: the EPDS wording may not be reproduced without the Royal College of
//! Psychiatrists' permission, so items are referred to by number only. A mum who has the scores
//! her health visitor wrote on the paper form gives them through [`Epds::from_item_scores`],
//! which turns them back into positions. Scoring (including the EPDS reversed items) happens
//! here. The PHQ-9 and GAD-7 are free to reproduce; their wording is in [`super::wording`].

use serde::{Deserialize, Serialize};

/// Number of EPDS items.
pub const EPDS_ITEMS: usize = 10;
/// Number of PHQ-9 items.
pub const PHQ9_ITEMS: usize = 9;
/// EPDS items (1-based) that are scored 3, 2, 1, 0 from the top answer down (Cox et al. 1987).
pub const EPDS_REVERSED_ITEMS: [usize; 7] = [3, 5, 6, 7, 8, 9, 10];

/// A completed EPDS: for each of the 10 items, the position (0..=3, from the top of the printed
/// form) of the answer she chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Epds {
    answer_positions: [u8; EPDS_ITEMS],
}

/// A completed PHQ-9: the 9 item scores, each 0..=3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phq9 {
    item_scores: [u8; PHQ9_ITEMS],
}

/// Number of GAD-7 items.
pub const GAD7_ITEMS: usize = 7;

/// A completed GAD-7 (anxiety): the 7 item scores, each 0..=3 (Spitzer et al. 2006).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gad7 {
    item_scores: [u8; GAD7_ITEMS],
}

/// The two Whooley questions NICE CG192 asks at every postnatal contact, and the third asked
/// after a yes. Plain answers, stored as given: a yes to either leads to a full assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Whooley {
    /// "During the past month, have you often been bothered by feeling down, depressed or
    /// hopeless?"
    pub down: bool,
    /// "During the past month, have you often been bothered by having little interest or
    /// pleasure in doing things?"
    pub no_interest: bool,
    /// "Is this something you feel you need or want help with?", asked only after a yes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wants_help: Option<bool>,
}

impl Whooley {
    /// A yes to either question: NICE CG192 says to go on to a full assessment.
    pub fn positive(&self) -> bool {
        self.down || self.no_interest
    }
}

/// Why a questionnaire could not be read. The profile parser adds the field name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionnaireError {
    /// Not the right number of answers.
    #[error("expected {expected} answers, one per item, but got {got}")]
    WrongLength {
        /// Items the questionnaire has.
        expected: usize,
        /// Answers given.
        got: usize,
    },
    /// An answer outside 0..=3.
    #[error("item {item}: {value} is not allowed; expected a whole number 0, 1, 2 or 3")]
    OutOfRange {
        /// 1-based item number.
        item: usize,
        /// What was given.
        value: i64,
    },
}

fn read_answers<const N: usize>(answers: &[i64]) -> Result<[u8; N], QuestionnaireError> {
    if answers.len() != N {
        return Err(QuestionnaireError::WrongLength {
            expected: N,
            got: answers.len(),
        });
    }
    let mut out = [0u8; N];
    for (i, &value) in answers.iter().enumerate() {
        out[i] = match u8::try_from(value) {
            Ok(v) if v <= 3 => v,
            _ => return Err(QuestionnaireError::OutOfRange { item: i + 1, value }),
        };
    }
    Ok(out)
}

impl Epds {
    /// Reads 10 answer positions (0 = top answer on the form, 3 = bottom).
    pub fn from_answer_positions(answers: &[i64]) -> Result<Self, QuestionnaireError> {
        Ok(Epds {
            answer_positions: read_answers::<EPDS_ITEMS>(answers)?,
        })
    }

    /// Reads 10 item *scores* (0..=3 each, as a health visitor writes them on the form) and
    /// keeps them as the positions they came from: the reversed items 3 and 5 to 10 score
    /// 3 - position, so position = 3 - score for them, and position = score for the others.
    pub fn from_item_scores(scores: &[i64]) -> Result<Self, QuestionnaireError> {
        let mut positions = read_answers::<EPDS_ITEMS>(scores)?;
        for (i, p) in positions.iter_mut().enumerate() {
            if EPDS_REVERSED_ITEMS.contains(&(i + 1)) {
                *p = 3 - *p;
            }
        }
        Ok(Epds {
            answer_positions: positions,
        })
    }

    /// The answer positions as given.
    pub fn answer_positions(&self) -> [u8; EPDS_ITEMS] {
        self.answer_positions
    }

    /// The score of every item, item 1 first.
    pub fn item_scores(&self) -> [u8; EPDS_ITEMS] {
        std::array::from_fn(|i| self.item_score(i + 1))
    }

    /// The score of one item (1-based), applying the reversal of items 3 and 5 to 10.
    pub fn item_score(&self, item: usize) -> u8 {
        let position = self.answer_positions[item - 1];
        if EPDS_REVERSED_ITEMS.contains(&item) {
            3 - position
        } else {
            position
        }
    }

    /// Total score, 0..=30.
    pub fn total(&self) -> u8 {
        (1..=EPDS_ITEMS).map(|i| self.item_score(i)).sum()
    }

    /// Item 10 (thoughts of self-harm) scoring above 0 needs urgent follow-up whatever the total.
    pub fn self_harm(&self) -> bool {
        self.item_score(10) > 0
    }

    /// The band of the total: below 10 unlikely, 10 to 12 possible, 13 or more probable.
    pub fn band(&self) -> EpdsBand {
        match self.total() {
            0..=9 => EpdsBand::Unlikely,
            10..=12 => EpdsBand::Possible,
            _ => EpdsBand::Probable,
        }
    }

    /// The result as reported in a screening.
    pub fn result(&self) -> QuestionnaireResult {
        QuestionnaireResult {
            score: self.total(),
            band: self.band().as_str(),
            self_harm: self.self_harm(),
        }
    }
}

impl Phq9 {
    /// Reads 9 item scores, each 0..=3.
    pub fn from_item_scores(scores: &[i64]) -> Result<Self, QuestionnaireError> {
        Ok(Phq9 {
            item_scores: read_answers::<PHQ9_ITEMS>(scores)?,
        })
    }

    /// The item scores as given.
    pub fn item_scores(&self) -> [u8; PHQ9_ITEMS] {
        self.item_scores
    }

    /// Total score, 0..=27.
    pub fn total(&self) -> u8 {
        self.item_scores.iter().sum()
    }

    /// Item 9 (better off dead or self-harm) above 0 needs immediate follow-up.
    pub fn self_harm(&self) -> bool {
        self.item_scores[8] > 0
    }

    /// Severity band: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe.
    pub fn band(&self) -> Phq9Band {
        match self.total() {
            0..=4 => Phq9Band::Minimal,
            5..=9 => Phq9Band::Mild,
            10..=14 => Phq9Band::Moderate,
            15..=19 => Phq9Band::ModeratelySevere,
            _ => Phq9Band::Severe,
        }
    }

    /// The result as reported in a screening.
    pub fn result(&self) -> QuestionnaireResult {
        QuestionnaireResult {
            score: self.total(),
            band: self.band().as_str(),
            self_harm: self.self_harm(),
        }
    }
}

impl Gad7 {
    /// Reads 7 item scores, each 0..=3.
    pub fn from_item_scores(scores: &[i64]) -> Result<Self, QuestionnaireError> {
        Ok(Gad7 {
            item_scores: read_answers::<GAD7_ITEMS>(scores)?,
        })
    }

    /// The item scores as given.
    pub fn item_scores(&self) -> [u8; GAD7_ITEMS] {
        self.item_scores
    }

    /// Total score, 0..=21.
    pub fn total(&self) -> u8 {
        self.item_scores.iter().sum()
    }

    /// Severity band: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe anxiety.
    pub fn band(&self) -> &'static str {
        match self.total() {
            0..=4 => "minimal",
            5..=9 => "mild",
            10..=14 => "moderate",
            _ => "severe",
        }
    }

    /// The result as reported in a screening (the GAD-7 has no self-harm item).
    pub fn result(&self) -> QuestionnaireResult {
        QuestionnaireResult {
            score: self.total(),
            band: self.band(),
            self_harm: false,
        }
    }
}

/// EPDS bands (Cox et al. 1987: >= 13 probable depression, >= 10 when more sensitivity is needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EpdsBand {
    /// Total below 10.
    Unlikely,
    /// Total 10 to 12.
    Possible,
    /// Total 13 or more.
    Probable,
}

impl EpdsBand {
    /// The band's word in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EpdsBand::Unlikely => "unlikely",
            EpdsBand::Possible => "possible",
            EpdsBand::Probable => "probable",
        }
    }
}

/// PHQ-9 severity bands (Kroenke et al. 2001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phq9Band {
    /// 0-4.
    Minimal,
    /// 5-9.
    Mild,
    /// 10-14.
    Moderate,
    /// 15-19.
    ModeratelySevere,
    /// 20-27.
    Severe,
}

impl Phq9Band {
    /// The band's word in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Phq9Band::Minimal => "minimal",
            Phq9Band::Mild => "mild",
            Phq9Band::Moderate => "moderate",
            Phq9Band::ModeratelySevere => "moderately_severe",
            Phq9Band::Severe => "severe",
        }
    }
}

/// A scored questionnaire as it appears in the screening output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionnaireResult {
    /// Total score.
    pub score: u8,
    /// Band word (`unlikely`/`possible`/`probable` for EPDS; PHQ-9 severity for PHQ-9).
    pub band: &'static str,
    /// The self-harm item scored above 0.
    pub self_harm: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epds_issue_example_scores_zero() {
        let e = Epds::from_answer_positions(&[0, 0, 3, 0, 3, 3, 3, 3, 3, 3]).unwrap();
        assert_eq!(e.total(), 0);
        assert_eq!(e.band(), EpdsBand::Unlikely);
        assert!(!e.self_harm());
    }

    #[test]
    fn epds_all_top_answers_score_the_reversed_items_at_three() {
        let e = Epds::from_answer_positions(&[0; 10]).unwrap();
        assert_eq!(e.total(), 21, "7 reversed items x 3");
        assert!(e.self_harm(), "top answer of item 10 is 'yes, quite often'");
        assert_eq!(e.band(), EpdsBand::Probable);
    }

    #[test]
    fn epds_bands_at_10_and_13() {
        // Items 1, 2, 4 scored as positioned (max 9); reversed items at position 3 score 0.
        let mut a = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
        assert_eq!(Epds::from_answer_positions(&a).unwrap().total(), 9);
        a[2] = 2; // item 3 scores 1 -> 10
        let e = Epds::from_answer_positions(&a).unwrap();
        assert_eq!((e.total(), e.band()), (10, EpdsBand::Possible));
        a[4] = 1; // item 5 scores 2 -> 12
        let e = Epds::from_answer_positions(&a).unwrap();
        assert_eq!((e.total(), e.band()), (12, EpdsBand::Possible));
        a[5] = 2; // item 6 scores 1 -> 13
        let e = Epds::from_answer_positions(&a).unwrap();
        assert_eq!((e.total(), e.band()), (13, EpdsBand::Probable));
        assert!(!e.self_harm());
    }

    #[test]
    fn epds_item_10_above_zero_is_self_harm_whatever_the_total() {
        let e = Epds::from_answer_positions(&[0, 0, 3, 0, 3, 3, 3, 3, 3, 2]).unwrap();
        assert_eq!(e.total(), 1);
        assert!(e.self_harm());
    }

    #[test]
    fn epds_rejects_wrong_length_and_out_of_range() {
        assert_eq!(
            Epds::from_answer_positions(&[0; 11]),
            Err(QuestionnaireError::WrongLength {
                expected: 10,
                got: 11
            })
        );
        assert_eq!(
            Epds::from_answer_positions(&[0, 0, 4, 0, 0, 0, 0, 0, 0, 0]),
            Err(QuestionnaireError::OutOfRange { item: 3, value: 4 })
        );
        assert!(Epds::from_answer_positions(&[0, 0, -1, 0, 0, 0, 0, 0, 0, 0]).is_err());
    }

    #[test]
    fn epds_scores_are_kept_as_the_positions_they_came_from() {
        // Every item scored 0, as on a form with no concerns: positions 0, 0, 3, 0, 3, ...
        let e = Epds::from_item_scores(&[0; 10]).unwrap();
        assert_eq!(e.answer_positions(), [0, 0, 3, 0, 3, 3, 3, 3, 3, 3]);
        assert_eq!((e.total(), e.self_harm()), (0, false));
        // Scores read back as given, item by item.
        let scores = [1, 2, 3, 0, 1, 2, 3, 0, 1, 2];
        let e = Epds::from_item_scores(&scores).unwrap();
        assert_eq!(e.item_scores(), [1, 2, 3, 0, 1, 2, 3, 0, 1, 2]);
        assert_eq!(e.total(), 15);
        assert!(e.self_harm(), "item 10 scored 2");
        assert_eq!(e.answer_positions()[9], 1);
        assert_eq!(
            Epds::from_item_scores(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 4]),
            Err(QuestionnaireError::OutOfRange { item: 10, value: 4 })
        );
    }

    #[test]
    fn gad7_bands_refer_from_10() {
        let g = Gad7::from_item_scores(&[3, 3, 3, 1, 0, 0, 0]).unwrap();
        assert_eq!((g.total(), g.band()), (10, "moderate"));
        let g = Gad7::from_item_scores(&[3, 3, 3, 0, 0, 0, 0]).unwrap();
        assert_eq!((g.total(), g.band()), (9, "mild"));
        let g = Gad7::from_item_scores(&[3; 7]).unwrap();
        assert_eq!((g.total(), g.band()), (21, "severe"));
        assert!(!g.result().self_harm);
        assert!(Gad7::from_item_scores(&[0; 9]).is_err());
    }

    #[test]
    fn a_yes_to_either_whooley_question_is_positive() {
        let w = |down, no_interest| Whooley {
            down,
            no_interest,
            wants_help: None,
        };
        assert!(!w(false, false).positive());
        assert!(w(true, false).positive());
        assert!(w(false, true).positive());
    }

    #[test]
    fn phq9_bands_and_item_9() {
        let cases = [
            (4, "minimal"),
            (5, "mild"),
            (9, "mild"),
            (10, "moderate"),
            (14, "moderate"),
            (15, "moderately_severe"),
            (19, "moderately_severe"),
            (20, "severe"),
            (24, "severe"),
        ];
        for (total, band) in cases {
            let mut items = [0i64; 9];
            let mut left = total;
            for item in items.iter_mut().take(8) {
                let v = left.min(3);
                *item = v;
                left -= v;
            }
            assert_eq!(left, 0, "test setup for {total}");
            let p = Phq9::from_item_scores(&items).unwrap();
            assert_eq!(p.total() as i64, total);
            assert_eq!(p.band().as_str(), band, "total {total}");
            assert!(!p.self_harm());
        }
        let p = Phq9::from_item_scores(&[0, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap();
        assert!(p.self_harm());
        assert_eq!(p.band(), Phq9Band::Minimal);
    }
}
