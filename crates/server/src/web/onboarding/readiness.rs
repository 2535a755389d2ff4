//! Step 5, the return-to-running readiness tests (Goom, Donnelly & Brockwell 2019).

use maud::{Markup, html};
use mumstrong_core::readiness::{READINESS_TESTS, Readiness, TestGroup};

use super::Ctx;
use super::draft::{Draft, set_passed};
use super::input::invalid;
use super::widgets::{choice, choice_group};
use crate::error::AppError;
use crate::web::{WebForm, capitalised};

/// Checks the readiness answers into the draft, noting the tests tried but not passed.
pub(super) fn read(form: &WebForm, d: &mut Draft) -> Result<(), AppError> {
    let mut readiness = Readiness::default();
    let mut not_passed: Vec<String> = Vec::new();
    for t in READINESS_TESTS {
        let field = format!("readiness.{}", t.key);
        let passed = match form.get(&field) {
            None | Some("not_tried") => false,
            Some("passed") => true,
            Some("not_passed") => {
                not_passed.push(t.key.to_owned());
                false
            }
            Some(_) => {
                return Err(invalid(
                    &field,
                    "choose passed, not passed (tried, with symptoms) or not tried",
                ));
            }
        };
        set_passed(&mut readiness, t.key, passed);
    }
    d.readiness = readiness;
    d.web.readiness_not_passed = not_passed;
    Ok(())
}

/// How to do a test, by its key.
pub(super) fn how_to(key: &str) -> &'static str {
    match key {
        "walk_30_min" => {
            "Walk at a comfortable, steady pace for 30 minutes without stopping; pushing the buggy is fine."
        }
        "single_leg_balance_10s" => {
            "Stand on one leg, the other foot off the floor, for 10 seconds without holding on. Then the other leg."
        }
        "single_leg_squat_10" => {
            "Stand on one leg and bend that knee as if to sit, knee in line with your toes, then stand tall. 10 on each leg."
        }
        "jog_on_spot_1_min" => "Jog gently on the spot for one minute.",
        "forward_bounds_10" => {
            "Leap forwards from one foot and land on the other, like long running strides, 10 times."
        }
        "hop_on_spot_10" => "Hop on one leg on the spot 10 times, then on the other leg.",
        "single_leg_running_man_10" => {
            "Stand on one leg, lean forwards a little, then drive the other knee up while the opposite arm swings forwards, as in running. 10 on each side."
        }
        "single_leg_calf_raise_20" => {
            "Stand on one leg, fingertips on a wall for balance, rise up onto your toes and lower slowly. 20 on each leg."
        }
        "single_leg_bridge_20" => {
            "Lie on your back, knees bent, lift one foot; push through the other heel to lift your hips, then lower. 20 on each side."
        }
        "single_leg_sit_to_stand_20" => {
            "Sit on a chair, lift one foot and stand up on the other leg, then sit down slowly. 20 on each leg."
        }
        "side_lying_abduction_20" => {
            "Lie on your side with straight legs; lift the top leg towards the ceiling, slightly behind you, and lower slowly. 20 on each side."
        }
        _ => "",
    }
}

/// The readiness step: each test passed, not passed or not tried.
pub(super) fn page(form: &WebForm, error: Option<&AppError>, draft: &Draft, ctx: &Ctx) -> Markup {
    let weeks = draft.birth.date.map(|b| (ctx.today - b).whole_weeks());
    let group = |g: TestGroup| -> Markup {
        html! {
            @for t in READINESS_TESTS.iter().filter(|t| t.group == g) {
                @let name = format!("readiness.{}", t.key);
                @let choices = [
                    choice("passed", "Passed", None),
                    choice("not_passed", "Not passed", None),
                    choice("not_tried", "Not tried", None),
                ];
                (choice_group(form, error, &name, &capitalised(t.task), Some(how_to(t.key)), false, &choices, "test"))
            }
        }
    };
    html! {
        p.lead { "These tests show when your body is ready for jumping and running (Goom, Donnelly & Brockwell 2019). A test counts as passed only if you can do it without pain, heaviness, dragging or leaking; if you tried and one of those came on, choose \"Not passed\"." }
        @if let Some(w) = weeks.filter(|w| *w < 12) {
            div.notice.info {
                p { "You are " (w) (if w == 1 { " week" } else { " weeks" }) " after birth. These tests are for 12 weeks onwards, so leave them at \"Not tried\" for now and come back to them later." }
            }
        } @else {
            div.notice.warn {
                p { "Don't try them if you have leaking, heaviness or pain now: leave those at \"Not tried\". Stop a test if any of these come on." }
            }
        }
        h2 { "Load and impact" }
        p.muted { "All seven open the way to jumping and hopping." }
        (group(TestGroup::LoadAndImpact))
        h2 { "Strength" }
        p.muted { "All four, with the seven above, open the way to running." }
        (group(TestGroup::Strength))
    }
}
