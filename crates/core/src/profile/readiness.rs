//! The return-to-running readiness tests of Goom, Donnelly & Brockwell (2019).
//!
//! Seven load-and-impact tests and four strength tests, each to be done without pain, heaviness,
//! dragging or leaking. The profile records which she has passed; screening says what remains.

use serde::{Deserialize, Serialize};

/// Which group a readiness test belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TestGroup {
    /// Load-and-impact management: all seven gate impact (jumping, hopping, running drills).
    LoadAndImpact,
    /// Strength, 20 reps each side: all four (plus impact) gate running.
    Strength,
}

/// One readiness test: its profile key, what to do, and its group.
#[derive(Debug, Clone, Copy)]
pub struct ReadinessTest {
    /// Key in the profile's `[readiness]` table.
    pub key: &'static str,
    /// What to do, in plain words, with the dose.
    pub task: &'static str,
    /// Load-and-impact or strength.
    pub group: TestGroup,
    /// Reads this test's result from a profile's readiness answers.
    pub passed: fn(&Readiness) -> bool,
}

/// All eleven tests in the order the guideline lists them.
pub const READINESS_TESTS: [ReadinessTest; 11] = [
    ReadinessTest {
        key: "walk_30_min",
        task: "walk for 30 minutes",
        group: TestGroup::LoadAndImpact,
        passed: |r| r.walk_30_min,
    },
    ReadinessTest {
        key: "single_leg_balance_10s",
        task: "balance on one leg for 10 seconds, each side",
        group: TestGroup::LoadAndImpact,
        passed: |r| r.single_leg_balance_10s,
    },
    ReadinessTest {
        key: "single_leg_squat_10",
        task: "10 single-leg squats, each side",
        group: TestGroup::LoadAndImpact,
        passed: |r| r.single_leg_squat_10,
    },
    ReadinessTest {
        key: "jog_on_spot_1_min",
        task: "jog on the spot for 1 minute",
        group: TestGroup::LoadAndImpact,
        passed: |r| r.jog_on_spot_1_min,
    },
    ReadinessTest {
        key: "forward_bounds_10",
        task: "10 forward bounds",
        group: TestGroup::LoadAndImpact,
        passed: |r| r.forward_bounds_10,
    },
    ReadinessTest {
        key: "hop_on_spot_10",
        task: "hop on the spot 10 times, each leg",
        group: TestGroup::LoadAndImpact,
        passed: |r| r.hop_on_spot_10,
    },
    ReadinessTest {
        key: "single_leg_running_man_10",
        task: "10 single-leg 'running man' (opposite arm and leg swing), each side",
        group: TestGroup::LoadAndImpact,
        passed: |r| r.single_leg_running_man_10,
    },
    ReadinessTest {
        key: "single_leg_calf_raise_20",
        task: "20 single-leg calf raises, each side",
        group: TestGroup::Strength,
        passed: |r| r.single_leg_calf_raise_20,
    },
    ReadinessTest {
        key: "single_leg_bridge_20",
        task: "20 single-leg bridges, each side",
        group: TestGroup::Strength,
        passed: |r| r.single_leg_bridge_20,
    },
    ReadinessTest {
        key: "single_leg_sit_to_stand_20",
        task: "20 single-leg sit-to-stands, each side",
        group: TestGroup::Strength,
        passed: |r| r.single_leg_sit_to_stand_20,
    },
    ReadinessTest {
        key: "side_lying_abduction_20",
        task: "20 side-lying leg raises (hip abduction), each side",
        group: TestGroup::Strength,
        passed: |r| r.side_lying_abduction_20,
    },
];

/// Which readiness tests she has passed: done without pain, heaviness, dragging or leaking.
/// A test not mentioned counts as not yet passed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Readiness {
    /// Walk for 30 minutes.
    pub walk_30_min: bool,
    /// Single-leg balance, 10 s each side.
    pub single_leg_balance_10s: bool,
    /// Single-leg squat, 10 each side.
    pub single_leg_squat_10: bool,
    /// Jog on the spot, 1 minute.
    pub jog_on_spot_1_min: bool,
    /// Forward bounds, 10.
    pub forward_bounds_10: bool,
    /// Hop on the spot, 10 each leg.
    pub hop_on_spot_10: bool,
    /// Single-leg running man, 10 each side.
    pub single_leg_running_man_10: bool,
    /// Single-leg calf raise, 20 each side.
    pub single_leg_calf_raise_20: bool,
    /// Single-leg bridge, 20 each side.
    pub single_leg_bridge_20: bool,
    /// Single-leg sit-to-stand, 20 each side.
    pub single_leg_sit_to_stand_20: bool,
    /// Side-lying hip abduction, 20 each side.
    pub side_lying_abduction_20: bool,
}

impl Readiness {
    /// Every test passed: what a mum who has cleared all of them would write.
    pub const ALL_PASSED: Readiness = Readiness {
        walk_30_min: true,
        single_leg_balance_10s: true,
        single_leg_squat_10: true,
        jog_on_spot_1_min: true,
        forward_bounds_10: true,
        hop_on_spot_10: true,
        single_leg_running_man_10: true,
        single_leg_calf_raise_20: true,
        single_leg_bridge_20: true,
        single_leg_sit_to_stand_20: true,
        side_lying_abduction_20: true,
    };

    /// The tests of a group not yet passed, in guideline order.
    pub fn remaining(&self, group: TestGroup) -> Vec<&'static ReadinessTest> {
        READINESS_TESTS
            .iter()
            .filter(|t| t.group == group && !(t.passed)(self))
            .collect()
    }

    /// All seven load-and-impact tests passed.
    pub fn load_and_impact_passed(&self) -> bool {
        self.remaining(TestGroup::LoadAndImpact).is_empty()
    }

    /// All four strength tests passed.
    pub fn strength_passed(&self) -> bool {
        self.remaining(TestGroup::Strength).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_the_serde_fields() {
        let json = serde_json::to_value(Readiness::ALL_PASSED).unwrap();
        let obj = json.as_object().unwrap();
        assert_eq!(obj.len(), READINESS_TESTS.len());
        for t in READINESS_TESTS {
            assert_eq!(
                obj.get(t.key),
                Some(&serde_json::Value::Bool(true)),
                "{}",
                t.key
            );
            assert!((t.passed)(&Readiness::ALL_PASSED));
            assert!(!(t.passed)(&Readiness::default()));
            // The accessor reads its own field: flip just that one.
            let mut one = Readiness::default();
            let mut obj = serde_json::to_value(one).unwrap();
            obj[t.key] = serde_json::Value::Bool(true);
            one = serde_json::from_value(obj).unwrap();
            assert!((t.passed)(&one), "{}", t.key);
            assert_eq!(
                READINESS_TESTS.iter().filter(|u| (u.passed)(&one)).count(),
                1
            );
        }
    }

    #[test]
    fn seven_load_tests_and_four_strength_tests() {
        let none = Readiness::default();
        assert_eq!(none.remaining(TestGroup::LoadAndImpact).len(), 7);
        assert_eq!(none.remaining(TestGroup::Strength).len(), 4);
        assert!(Readiness::ALL_PASSED.load_and_impact_passed());
        assert!(Readiness::ALL_PASSED.strength_passed());
    }
}
