//! What a rule finds, with all its effects, and the decision the findings fold into.

use std::collections::BTreeSet;

use super::rule::{Rule, URGENT_RULES};
use super::{Blocker, ExerciseLevel, LiftingLimit, Reason, Referral};

/// How much of the harder work a finding holds back. Ordered: holding heavy effort holds impact
/// and running too; holding impact holds running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Hold {
    /// Running waits.
    Running,
    /// Jumping, hopping and other impact wait (and running).
    Impact,
    /// Heavy lifting and breath-holding effort wait (and impact, and running).
    HeavyEffort,
}

/// Something a wait names as what it waits for, in the order the waits list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum WaitOn {
    /// The 6-8 week postnatal check (holds back load and intensity).
    PostnatalCheck,
    /// A GP review of bleeding beyond 8 weeks (holds back load and intensity).
    BleedingReview,
    /// A check of the caesarean scar (holds back load and intensity).
    ScarCheck,
    /// A pelvic-health physio for pelvic-floor symptoms (holds back heavy effort).
    PelvicFloorPhysio,
    /// A pelvic-health physio for abdominal-wall signs (holds back heavy effort).
    TummyPhysio,
    /// A pelvic-health physio assessment of a third- or fourth-degree tear (holds back impact).
    TearAssessment,
}

/// One rule's finding: the reason she reads (if any) and every effect of the rule.
#[derive(Debug, Default)]
pub(super) struct Finding {
    /// What was decided and why; `None` for a finding with effects only (a rule that stays quiet
    /// while a warning sign comes first but still names what blocks running).
    pub text: Option<String>,
    /// Who to see because of it.
    pub referral: Option<Referral>,
    /// The highest exercise level it allows.
    pub level: Option<ExerciseLevel>,
    /// What harder work it holds back.
    pub hold: Option<Hold>,
    /// What it puts in the way of running.
    pub blockers: Vec<Blocker>,
    /// A lifting limit it sets.
    pub lifting_limit: Option<LiftingLimit>,
    /// What the waits name as waited for because of it.
    pub waits_on: Vec<WaitOn>,
}

impl Finding {
    /// A finding with a reason and no effects yet.
    pub fn says(text: impl Into<String>) -> Self {
        Finding {
            text: Some(text.into()),
            ..Finding::default()
        }
    }

    /// A finding with effects only.
    pub fn quiet() -> Self {
        Finding::default()
    }

    /// Refers her to someone (or not).
    pub fn refer(mut self, referral: impl Into<Option<Referral>>) -> Self {
        self.referral = referral.into();
        self
    }

    /// Caps the exercise level.
    pub fn level(mut self, level: ExerciseLevel) -> Self {
        self.level = Some(level);
        self
    }

    /// Holds harder work back.
    pub fn hold(mut self, hold: Hold) -> Self {
        self.hold = Some(hold);
        self
    }

    /// Puts blockers in the way of running.
    pub fn blocks(mut self, blockers: impl IntoIterator<Item = Blocker>) -> Self {
        self.blockers.extend(blockers);
        self
    }

    /// Names what the waits wait for.
    pub fn waits_on(mut self, on: WaitOn) -> Self {
        self.waits_on.push(on);
        self
    }
}

/// The decision so far: the findings folded in rule order.
#[derive(Debug)]
pub(super) struct Decision {
    /// Every reason, in rule order.
    pub reasons: Vec<Reason>,
    /// Who to see, most urgent first.
    pub referrals: BTreeSet<Referral>,
    /// An urgent rule fired: stop and get help.
    pub urgent: bool,
    /// The lowest level any finding allows.
    pub level: ExerciseLevel,
    /// The most any finding holds back.
    pub hold: Option<Hold>,
    /// What stands in the way of running, in rule order (sorted when the fold ends).
    pub blockers: Vec<Blocker>,
    /// The lifting limit in force.
    pub lifting_limit: Option<LiftingLimit>,
    /// What the waits wait for.
    pub waits_on: BTreeSet<WaitOn>,
}

impl Decision {
    /// Before any rule: progressive, nothing held.
    pub fn new() -> Self {
        Decision {
            reasons: Vec::new(),
            referrals: BTreeSet::new(),
            urgent: false,
            level: ExerciseLevel::Progressive,
            hold: None,
            blockers: Vec::new(),
            lifting_limit: None,
            waits_on: BTreeSet::new(),
        }
    }

    /// Folds one rule's finding in.
    pub fn apply(&mut self, rule: Rule, finding: Finding) {
        let urgent = URGENT_RULES.contains(&rule.id);
        self.urgent |= urgent;
        if let Some(r) = finding.referral {
            self.referrals.insert(r);
        }
        if let Some(text) = finding.text {
            self.reasons.push(Reason {
                rule: rule.id,
                text,
                source: rule.source,
                referral: finding.referral,
                urgent,
            });
        }
        if let Some(level) = finding.level {
            self.level = self.level.min(level);
        }
        self.hold = self.hold.max(finding.hold);
        self.blockers.extend(finding.blockers);
        if finding.lifting_limit.is_some() {
            self.lifting_limit = finding.lifting_limit;
        }
        self.waits_on.extend(finding.waits_on);
    }

    /// Lists the blockers in their fixed order, once each.
    pub fn finish(&mut self) {
        self.blockers.sort_by_key(Blocker::rank);
        self.blockers.dedup();
    }

    /// Heavy lifting and breath-holding effort allowed, so far.
    pub fn high_pressure_allowed(&self) -> bool {
        self.level == ExerciseLevel::Progressive && self.hold < Some(Hold::HeavyEffort)
    }

    /// Impact allowed, so far.
    pub fn impact_allowed(&self) -> bool {
        self.level == ExerciseLevel::Progressive && self.hold < Some(Hold::Impact)
    }

    /// Running cleared, so far.
    pub fn running_cleared(&self) -> bool {
        self.level == ExerciseLevel::Progressive && self.hold.is_none()
    }
}
