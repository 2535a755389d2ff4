use crate::library::{Dose, Exercise, LoadSource, Pattern};
use crate::profile::Profile;
use crate::vocab::{Ache, Symptom};
use std::borrow::Cow;

use super::Prescription;
use super::context::{WeekCtx, round1};
use super::everyday_load::{LOAD_TOLERANCE_KG, effective_load_kg, effective_pressure};
use super::progression::{SlotState, Step, WorkingWeight};
use super::sessions::SlotId;

/// The text that explains one week's step up a ladder; after a lighter week, it says so first
/// ("After the lighter week: up from 8 to 10 reps.").
pub(super) fn describe_step(
    ctx: &WeekCtx,
    before: &SlotState,
    after: &SlotState,
    step: Step,
    after_lighter: bool,
) -> Option<String> {
    if step == Step::Top {
        return None;
    }
    let unit = match after.exercise.dose {
        Dose::Reps => "reps",
        Dose::Seconds => "seconds",
        Dose::Distance => "metres",
    };
    let mut text = String::with_capacity(128);
    let opening = |text: &mut String, word: &str| {
        if after_lighter {
            text.push_str("After the lighter week: ");
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_lowercase());
            }
            text.push_str(chars.as_str());
        } else {
            text.push_str(word);
        }
    };
    match step {
        Step::More => {
            opening(&mut text, "Up from ");
            push_number(&mut text, before.amount);
            text.push_str(" to ");
            push_number(&mut text, after.amount);
            text.push(' ');
            text.push_str(unit);
            text.push('.');
        }
        Step::Heavier => {
            opening(&mut text, "Heavier: ");
            text.push_str(&fmt_kg(ctx.load_kg(after).unwrap_or(0.0)));
            text.push_str(" kg, back to ");
            push_number(&mut text, after.amount);
            text.push(' ');
            text.push_str(unit);
            text.push_str(" (you reached the top of the range at ");
            text.push_str(&fmt_kg(ctx.load_kg(before).unwrap_or(0.0)));
            text.push_str(" kg).");
        }
        Step::Harder => {
            opening(&mut text, "New this week: one step up from ");
            text.push_str(&before.exercise.name);
            text.push_str(", which you mastered.");
        }
        Step::Top => return None,
    }
    Some(text)
}

/// Writes a count in digits, as `{}` would.
pub(super) fn push_number(text: &mut String, n: u16) {
    push_integer(text, i64::from(n));
}

/// Kilograms without a trailing `.0`.
pub fn fmt_kg(kg: f64) -> String {
    let r = round1(kg);
    if !r.is_finite() {
        return format!("{r:.1}");
    }
    let mut text = String::with_capacity(8);
    if (r - r.round()).abs() < 1e-9 {
        push_integer(&mut text, r.round() as i64);
    } else {
        // `{:.1}` of a number already rounded to tenths: its whole part, a point and the tenth.
        let tenths = (r * 10.0).round() as i64;
        if tenths < 0 {
            text.push('-');
        }
        push_integer(&mut text, (tenths / 10).abs());
        text.push('.');
        push_integer(&mut text, (tenths % 10).abs());
    }
    text
}

/// Writes a whole number in digits, as `{}` would.
fn push_integer(text: &mut String, n: i64) {
    if n < 0 {
        text.push('-');
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for d in &digits[at..] {
        text.push(char::from(*d));
    }
}

/// One exercise as prescribed this week, with why it is here and what changed (`change`).
pub(super) fn prescribe<'a>(ctx: &WeekCtx, s: &SlotState<'a>, change: &str) -> Prescription<'a> {
    let mut p = prescribe_as(ctx, s, Cow::Borrowed(""));
    p.why = why_words(ctx, s, p.load_kg, change);
    p
}

/// A prescription whose words the caller gives (running strength, drills, cool-downs): its
/// dose, load and demands for the week, without building the words [`prescribe`] would.
pub(super) fn prescribe_as<'a>(
    ctx: &WeekCtx,
    s: &SlotState<'a>,
    why: Cow<'a, str>,
) -> Prescription<'a> {
    let ex = s.exercise;
    let light = matches!(ex.pattern, Pattern::Breathing | Pattern::Mobility);
    let sets = if light {
        1
    } else {
        ctx.phase.base_sets(ctx.weeks_pp)
    };
    let (reps, seconds, metres) = match ex.dose {
        Dose::Reps => (Some(s.amount), None, None),
        Dose::Seconds => (None, Some(s.amount), None),
        Dose::Distance => (None, None, Some(s.amount)),
    };
    let rest = if light { 15 } else { ctx.phase.rest_seconds() };
    let source = ctx.source(ex);
    let load_kg = match source {
        LoadSource::CarSeat => Some(round1(ctx.baby_kg + ctx.car_seat_kg)),
        _ => ctx.load_kg(s),
    };
    let effective = effective_load_kg(source, load_kg);
    let pressure = effective_pressure(ex.pressure, effective, ctx.everyday_kg);
    Prescription {
        id: &ex.id,
        name: &ex.name,
        sets,
        reps,
        seconds,
        metres,
        each_side: ex.each_side,
        load_kg,
        load: source,
        rest_seconds: rest,
        impact: ex.impact,
        pressure,
        equipment: &ex.equipment,
        pattern: ex.pattern,
        slot: SlotId {
            pattern: ex.pattern,
            variant: SlotId::READINESS,
        },
        cues: &ex.cues,
        why,
        position: ex.position(),
    }
}

/// Why an exercise is here: its focus, then what it means for her, what changed and where its
/// first load came from. One string, built only when there is more to say than the focus.
fn why_words<'a>(
    ctx: &WeekCtx,
    s: &SlotState<'a>,
    load_kg: Option<f64>,
    change: &str,
) -> Cow<'a, str> {
    let ex = s.exercise;
    let focus = focus_words(ex, ctx.baby_word());
    let effective = effective_load_kg(ctx.source(ex), load_kg);
    let mut text = String::new();
    for_her_words(ctx, ex, effective, &mut |part| {
        push_part(&mut text, focus, part)
    });
    if !change.is_empty() {
        push_part(&mut text, focus, &[change]);
    }
    if let (Some(w), Some(now)) = (s.from_log, load_kg) {
        push_part(&mut text, focus, &[&logged_load_words(ctx, w, now)]);
    }
    if text.is_empty() {
        Cow::Borrowed(focus)
    } else {
        Cow::Owned(text)
    }
}

/// Where a first load comes from, in her words: her recent working weight, or why it starts
/// below it (the week's cap, or the nearest weight she owns).
pub(super) fn logged_load_words(ctx: &WeekCtx, w: WorkingWeight, now_kg: f64) -> String {
    let lifted = format!(
        "{} kg you lifted{} on {}",
        fmt_kg(w.kg),
        if w.harder_variant {
            " in a harder variant"
        } else {
            ""
        },
        crate::render::long_date(w.date)
    );
    if now_kg + LOAD_TOLERANCE_KG >= w.kg {
        format!("Starts from the {lifted}.")
    } else if ctx.hold.is_some() || ctx.limit_kg.is_some() {
        format!(
            "Starts at {} kg, as much as the plan allows for now, though you have lifted more: the {lifted} (see the note on loads).",
            fmt_kg(now_kg)
        )
    } else {
        format!(
            "Starts at {} kg, the nearest of your weights below the {lifted}.",
            fmt_kg(now_kg)
        )
    }
}

/// Adds `part` to a prescription's text, which starts with `focus`, a space between them.
/// The part may come in pieces, to be joined without a space.
pub(super) fn push_part(text: &mut String, focus: &str, pieces: &[&str]) {
    if text.is_empty() {
        text.reserve(focus.len() + 256);
        text.push_str(focus);
    }
    text.push(' ');
    for piece in pieces {
        text.push_str(piece);
    }
}

/// What an exercise means for her in particular, when her situation changes how she does it:
/// doming, leaking or heaviness, a back ache, or a load held at her everyday weight. Each part
/// goes to `out`, in order.
pub(super) fn for_her_words(
    ctx: &WeekCtx,
    ex: &Exercise,
    load_kg: Option<f64>,
    out: &mut dyn FnMut(&[&str]),
) {
    let Signs {
        leaks,
        heavy,
        doming,
        back,
    } = ctx.signs;
    let loaded = load_kg.is_some_and(|kg| kg > 0.0);
    let lift = matches!(
        ex.pattern,
        Pattern::Squat
            | Pattern::Hinge
            | Pattern::Carry
            | Pattern::Lunge
            | Pattern::Push
            | Pattern::Pull
    );
    match ex.pattern {
        Pattern::Core | Pattern::Push if doming => out(&[
            "For your tummy gap: breathe out and draw the tummy in before you move; if a ridge or dome shows along the middle, make it easier or stop.",
        ]),
        Pattern::PelvicFloor | Pattern::Breathing if leaks || heavy => {
            out(&[match (leaks, heavy) {
                (true, true) => {
                    "For the leaking and heaviness you report: this is your main treatment; squeeze and lift before a cough, a sneeze or a lift (the knack)."
                }
                (true, false) => {
                    "For the leaking you report: this is your main treatment; squeeze and lift before a cough, a sneeze or a lift (the knack)."
                }
                _ => {
                    "For the heaviness you report: this is your main treatment; squeeze and lift before a cough, a sneeze or a lift (the knack)."
                }
            }])
        }
        Pattern::Hinge | Pattern::Glutes if back => out(&[
            "For your back: move from the hips with a long spine, and stop short of any back pain.",
        ]),
        _ => {}
    }
    if lift && loaded && (leaks || heavy) && !matches!(ex.pattern, Pattern::Core) {
        out(&[
            "Lift the pelvic floor before the effort and breathe out through it; stop the set if you leak or feel heaviness.",
        ]);
    }
    let stack = matches!(ctx.source(ex), LoadSource::Cable | LoadSource::Machine);
    if stack && ctx.hold.is_some() {
        out(&[
            "Set the stack at ",
            &ctx.everyday_words,
            " kg or less, the weight you lift every day; effort light to moderate.",
        ]);
    }
    if lift && loaded && ctx.hold.is_some() {
        out(&[
            "Held at ",
            &ctx.everyday_words,
            " kg or less, the weight you lift every day; effort light to moderate.",
        ]);
    }
}

pub(super) fn focus_words(ex: &Exercise, baby: &str) -> &'static str {
    let child = baby == "child";
    match ex.pattern {
        Pattern::Squat if child => "Squat: getting up and down with your child.",
        Pattern::Carry if ex.load_source() == LoadSource::Bodyweight => {
            "Walking tall and steady: the base for carrying."
        }
        Pattern::Carry if child => "Carrying: your child, the bags and the shopping.",
        Pattern::Breathing => "Warm-up: connect breath, deep core and pelvic floor.",
        Pattern::PelvicFloor => "Pelvic-floor strength and timing, in a position that builds.",
        Pattern::Core => "Deep core first, then control against load.",
        Pattern::Glutes => "Glutes: support for your back, pelvis and knees.",
        Pattern::Squat => "Squat: getting up and down with your baby.",
        Pattern::Hinge => "Hinge: lifting from the floor, cot and car with a long back.",
        Pattern::Lunge => "Single-leg strength and balance for stairs and kerbs.",
        Pattern::Push => "Pushing strength: the buggy, getting up off the floor.",
        Pattern::Pull if child => "Upper back: posture for carrying and everyday life.",
        Pattern::Mobility if child => "Ease for the neck, back and hips.",
        Pattern::Pull => "Upper back: posture for feeding and carrying.",
        Pattern::Carry => "Carrying: your baby, the car seat and the shopping.",
        Pattern::Mobility => "Ease for the neck, back and hips after feeds and carrying.",
        Pattern::Impact => "Impact drill: preparing tendons and pelvic floor for running.",
    }
}

pub(super) fn symptom_words(symptoms: &[Symptom]) -> String {
    let words: Vec<&str> = symptoms.iter().map(|s| s.as_str()).collect();
    words.join(", ").replace('_', " ")
}

pub(super) fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What in her profile changes how she does an exercise ([`for_her_words`]): the same all
/// plan long, so worked out once.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Signs {
    /// Leaking or urgency.
    pub(super) leaks: bool,
    /// Pelvic heaviness.
    pub(super) heavy: bool,
    /// Doming, or a tummy gap wide enough to refer.
    pub(super) doming: bool,
    /// A back ache or low back pain.
    pub(super) back: bool,
}

impl Signs {
    pub(super) fn of(profile: &Profile) -> Signs {
        let h = &profile.health;
        let has = |s: Symptom| h.symptoms.contains(&s);
        Signs {
            leaks: has(Symptom::UrinaryLeakage) || has(Symptom::UrinaryUrgency),
            heavy: has(Symptom::PelvicHeaviness),
            doming: has(Symptom::AbdominalDoming)
                || h.diastasis_finger_widths
                    .is_some_and(|w| w >= crate::screening::DIASTASIS_REFER_FINGER_WIDTHS),
            back: profile.training.aches.contains(&Ache::Back) || has(Symptom::LowBackPain),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{fmt_kg, push_number};

    /// What `fmt_kg` wrote when it used `format!`, to hold the hand-written digits to it.
    fn formatted(kg: f64) -> String {
        let r = super::round1(kg);
        if (r - r.round()).abs() < 1e-9 {
            format!("{}", r.round() as i64)
        } else {
            format!("{r:.1}")
        }
    }

    #[test]
    fn kilograms_read_as_format_wrote_them() {
        for i in -300..3000 {
            let kg = f64::from(i) * 0.037;
            assert_eq!(fmt_kg(kg), formatted(kg), "{kg}");
        }
        for kg in [0.0, 0.05, 0.95, 2.5, 7.25, 12.0, 99.99, 1e6 + 0.3, f64::NAN] {
            assert_eq!(fmt_kg(kg), formatted(kg), "{kg}");
        }
        assert_eq!(fmt_kg(3.5), "3.5");
        assert_eq!(fmt_kg(12.04), "12");
    }

    #[test]
    fn counts_read_as_format_wrote_them() {
        for n in [0u16, 7, 10, 99, 100, 1234, u16::MAX] {
            let mut text = String::new();
            push_number(&mut text, n);
            assert_eq!(text, n.to_string());
        }
    }
}
