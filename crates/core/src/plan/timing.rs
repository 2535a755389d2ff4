use crate::library::Pattern;
use std::borrow::Cow;

use super::Prescription;
use super::phases::Phase;

/// Seconds one prescription takes: sets × (work + rest) plus a transition.
pub fn prescription_seconds(p: &Prescription) -> u32 {
    u32::from(p.sets) * set_seconds(p) + TRANSITION_SECONDS
}

/// Seconds one set of a prescription takes: its work (both sides) and its rest.
pub(super) fn set_seconds(p: &Prescription) -> u32 {
    let sides = if p.each_side { 2 } else { 1 };
    let work = match (p.reps, p.seconds, p.metres) {
        (Some(r), _, _) => u32::from(r) * 3,
        (_, Some(s), _) => u32::from(s),
        (_, _, Some(m)) => u32::from(m) * 5 / 4,
        _ => 0,
    } * sides;
    work + u32::from(p.rest_seconds)
}

/// Minutes for a number of seconds, rounded up, as [`session_minutes`] counts them.
pub(super) fn minutes_of(seconds: u32) -> u32 {
    seconds.div_ceil(60).min(u32::from(u16::MAX))
}

/// Seconds to move from one exercise to the next.
pub const TRANSITION_SECONDS: u32 = 30;

/// A session's estimated minutes, rounded up.
pub fn session_minutes(exercises: &[Prescription]) -> u16 {
    minutes_u16(exercises.iter().map(prescription_seconds).sum())
}

/// The longest session the plan makes: beyond an hour, more sessions help more than longer ones.
pub const SESSION_MINUTES_MAX: u16 = 60;

/// How long a prescription's place in a session is kept when time is short: pelvic-floor work
/// and carries last, the warm-up next, then the session's own order.
pub(super) fn keep_rank(p: &Prescription, position: usize) -> usize {
    match p.pattern {
        Pattern::PelvicFloor => usize::MAX,
        // Readiness drills and running strength: what stands between her and running (in a
        // walk-run week, one of them is the session's running strength).
        _ if p.slot.is_readiness() => usize::MAX - 1,
        Pattern::Carry => usize::MAX - 2,
        Pattern::Breathing => usize::MAX - 3,
        _ => usize::MAX - 4 - position,
    }
}

/// Fills a session towards [`FILL_SHARE`] of her minutes with one more set at a time (up to
/// [`MAX_SETS_FILLED`]), strength exercises first in session order, never past her minutes.
pub(super) fn fill(exercises: &mut [Prescription], minutes: u16, phase: Phase) {
    let target = u32::from(minutes) * FILL_SHARE_PERCENT / 100;
    let minutes = u32::from(minutes);
    let most = if phase == Phase::Reconnect {
        3
    } else {
        MAX_SETS_FILLED
    };
    // The session's seconds, kept as sets and rests change (the same sum as session_minutes).
    let mut secs: u32 = exercises.iter().map(prescription_seconds).sum();
    loop {
        if minutes_of(secs) >= target {
            return;
        }
        let mut grew = false;
        for p in exercises.iter_mut() {
            if matches!(p.pattern, Pattern::Breathing | Pattern::Mobility) || p.sets >= most {
                continue;
            }
            let one_set = set_seconds(p);
            if minutes_of(secs + one_set) > minutes {
                continue;
            }
            p.sets += 1;
            secs += one_set;
            grew = true;
            if minutes_of(secs) >= target {
                return;
            }
        }
        if !grew {
            break;
        }
    }
    // Then fuller rests between sets (up to 90 seconds), which heavier sets deserve anyway.
    for _ in 0..4 {
        for p in exercises.iter_mut() {
            if matches!(p.pattern, Pattern::Breathing | Pattern::Mobility)
                || p.rest_seconds == 0
                || p.rest_seconds >= 90
            {
                continue;
            }
            let longer = 15 * u32::from(p.sets);
            if minutes_of(secs + longer) <= minutes {
                p.rest_seconds += 15;
                secs += longer;
            }
            if minutes_of(secs) >= target {
                return;
            }
        }
    }
}

/// The share of her minutes a session aims to use, in percent.
pub const FILL_SHARE_PERCENT: u32 = 85;

/// The most sets filling adds up to.
pub(super) const MAX_SETS_FILLED: u8 = 4;

/// Fits a session into her minutes. First fewer sets (down to 2; in Perform, 3 sets stay and
/// pairs of exercises become supersets, rest after both), then the exercise with the lowest
/// [`keep_rank`] goes: pelvic-floor work and carries are the last to go.
pub(super) fn fit(exercises: &mut Vec<Prescription>, minutes: u16, phase: Phase) {
    let floor_sets = if phase == Phase::Perform { 3 } else { 2 };
    let mut supersets = false;
    // The session's seconds, kept as sets drop and exercises go (the sum session_minutes makes).
    let mut secs: u32 = exercises.iter().map(prescription_seconds).sum();
    while minutes_u16(secs) > minutes {
        let most_sets = exercises
            .iter()
            .map(|p| p.sets)
            .filter(|sets| *sets > floor_sets)
            .max();
        if let Some(most) = most_sets {
            // A set fewer for each exercise with the most sets, in session order, until the
            // session fits (one at a time, the first with the most sets first).
            for p in exercises.iter_mut().filter(|p| p.sets == most) {
                p.sets -= 1;
                secs -= set_seconds(p);
                if minutes_u16(secs) <= minutes {
                    break;
                }
            }
        } else if phase == Phase::Perform && !supersets && exercises.len() > 2 {
            supersets = true;
            superset(exercises);
            secs = exercises.iter().map(prescription_seconds).sum();
        } else if exercises.len() > 1 {
            let drop = exercises
                .iter()
                .enumerate()
                .min_by_key(|(i, p)| keep_rank(p, *i))
                .map_or(exercises.len() - 1, |(i, _)| i);
            secs -= prescription_seconds(&exercises.remove(drop));
        } else if exercises[0].sets > 1 {
            exercises[0].sets -= 1;
            secs -= set_seconds(&exercises[0]);
        } else {
            let p = &mut exercises[0];
            // One set of one exercise still too long: shorten the set.
            if let Some(r) = p.reps.as_mut() {
                *r = (*r / 2).max(1);
            } else if let Some(s) = p.seconds.as_mut() {
                *s = (*s / 2).max(5);
            } else if let Some(m) = p.metres.as_mut() {
                *m = (*m / 2).max(5);
            }
            p.rest_seconds = p.rest_seconds.min(30);
            secs = exercises.iter().map(prescription_seconds).sum();
            let shortest = exercises[0].reps.is_none_or(|r| r <= 1);
            if shortest && minutes_u16(secs) > minutes {
                break;
            }
        }
    }
}

/// [`session_minutes`] for a session of `secs` seconds.
fn minutes_u16(secs: u32) -> u16 {
    u16::try_from(secs.div_ceil(60)).unwrap_or(u16::MAX)
}

/// Adds `pieces` to a prescription's words, after a space.
fn append(why: &mut Cow<str>, pieces: &[&str]) {
    let extra: usize = 1 + pieces.iter().map(|p| p.len()).sum::<usize>();
    let text = match why {
        Cow::Owned(text) => {
            text.reserve(extra);
            text
        }
        Cow::Borrowed(words) => {
            let mut text = String::with_capacity(words.len() + extra);
            text.push_str(words);
            *why = Cow::Owned(text);
            why.to_mut()
        }
    };
    text.push(' ');
    for piece in pieces {
        text.push_str(piece);
    }
}

/// Pairs neighbouring strength exercises as supersets: she alternates their sets and rests
/// once after both, so each keeps 3 sets in less time.
pub(super) fn superset(exercises: &mut [Prescription]) {
    let strength: Vec<usize> = exercises
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            !matches!(
                p.pattern,
                Pattern::Breathing | Pattern::PelvicFloor | Pattern::Mobility | Pattern::Impact
            )
        })
        .map(|(i, _)| i)
        .collect();
    for pair in strength.chunks(2) {
        if let [a, b] = pair {
            let (first, second) = (exercises[*a].name, exercises[*b].name);
            exercises[*a].rest_seconds = 0;
            append(
                &mut exercises[*a].why,
                &[
                    "Superset with ",
                    second,
                    ": go straight to it, rest after both.",
                ],
            );
            append(
                &mut exercises[*b].why,
                &["Superset with ", first, ": rest after this one."],
            );
        }
    }
}
