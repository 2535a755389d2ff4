use std::collections::BTreeMap;
use std::rc::Rc;

use super::sessions::TRAINING_DAYS_MAX;

/// Days between two impact sessions (drills or runs), counted across the end of the week too:
/// 48 hours, so never on consecutive days.
pub const IMPACT_GAP_DAYS: i64 = 2;

/// Where a week's sessions, walk-runs and impact drills fall (day offsets 0 to 6).
#[derive(Debug, Clone, Default)]
pub(super) struct Layout {
    /// Strength (or recovery) session days, in order.
    pub(super) sessions: Vec<i64>,
    /// Walk-run days.
    pub(super) runs: Vec<i64>,
    /// Session days that may carry impact drills.
    pub(super) drill_days: Vec<i64>,
}

/// Days apart on the weekly cycle (day 6 and the next week's day 0 are 1 apart).
pub(super) fn cycle_gap(a: i64, b: i64) -> i64 {
    let d = (a - b).rem_euclid(7);
    d.min(7 - d)
}

/// Walk-runs among her training days: one with 2 or 3 days, two with 4 or 5, three with 6.
pub(super) fn runs_for(days: u8) -> u8 {
    match days {
        0 | 1 => 0,
        2 | 3 => 1,
        4 | 5 => 2,
        _ => 3,
    }
}

/// Lays out her week: `days_per_week` training days in all (walk-runs included, at most
/// [`TRAINING_DAYS_MAX`]), impact sessions (runs and drill sessions) at least
/// [`IMPACT_GAP_DAYS`] apart across weeks, strength sessions spread so that two rarely fall on
/// consecutive days. Drills go in at most one session beside runs, two without.
pub(super) fn layout_for(days: u8, running: bool) -> Layout {
    let n = days.clamp(1, TRAINING_DAYS_MAX);
    if !running {
        // Every other day up to 4 sessions, spread evenly beyond.
        let sessions: Vec<i64> = (0..n)
            .map(|i| {
                if n == 4 {
                    i64::from(i) * 2
                } else {
                    i64::from(i) * 7 / i64::from(n)
                }
            })
            .collect();
        let drill_days = pick_drill_days(&sessions, &[], 2);
        return Layout {
            sessions,
            runs: Vec::new(),
            drill_days,
        };
    }
    let r = usize::from(runs_for(n));
    let n = usize::from(n);
    let mut best: Option<(i64, Layout)> = None;
    for mask in 0u8..128 {
        if mask.count_ones() as usize != n || mask & 1 == 0 {
            continue;
        }
        let chosen: Vec<i64> = (0..7).filter(|d| mask & (1 << d) != 0).collect();
        for run_mask in 0u8..(1 << n) {
            if run_mask.count_ones() as usize != r {
                continue;
            }
            let runs: Vec<i64> = (0..n)
                .filter(|i| run_mask & (1 << i) != 0)
                .map(|i| chosen[i])
                .collect();
            let sessions: Vec<i64> = (0..n)
                .filter(|i| run_mask & (1 << i) == 0)
                .map(|i| chosen[i])
                .collect();
            let spaced = runs.iter().enumerate().all(|(i, a)| {
                runs.iter()
                    .skip(i + 1)
                    .all(|b| cycle_gap(*a, *b) >= IMPACT_GAP_DAYS)
            });
            if !spaced || sessions.first() != Some(&0) {
                continue;
            }
            let drill_days = pick_drill_days(&sessions, &runs, 1);
            let adjacent = |a: &[i64], b: &[i64]| -> i64 {
                let mut count = 0;
                for x in a {
                    count += b.iter().filter(|y| cycle_gap(*x, **y) == 1).count() as i64;
                }
                count
            };
            // Strength next to strength costs most, any two days side by side a little, and a
            // week with no room for drills more.
            let score = 4 * adjacent(&sessions, &sessions) / 2
                + adjacent(&chosen, &chosen) / 2
                + if drill_days.is_empty() { 3 } else { 0 };
            if best.as_ref().is_none_or(|(b, _)| score < *b) {
                best = Some((
                    score,
                    Layout {
                        sessions,
                        runs,
                        drill_days,
                    },
                ));
            }
        }
    }
    best.map(|(_, l)| l).unwrap_or_default()
}

/// Session days that may carry drills: the earliest ones at least [`IMPACT_GAP_DAYS`] from
/// every run and every other drill day, up to `max`.
pub(super) fn pick_drill_days(sessions: &[i64], runs: &[i64], max: usize) -> Vec<i64> {
    let mut picked: Vec<i64> = Vec::new();
    for s in sessions {
        if picked.len() < max
            && runs
                .iter()
                .chain(&picked)
                .all(|x| cycle_gap(*s, *x) >= IMPACT_GAP_DAYS)
        {
            picked.push(*s);
        }
    }
    picked
}

/// Layouts worked out once per plan: one per (days, running), shared by the weeks.
#[derive(Default)]
pub(super) struct Layouts(BTreeMap<(u8, bool), Rc<Layout>>);

impl Layouts {
    pub(super) fn get(&mut self, days: u8, running: bool) -> Rc<Layout> {
        Rc::clone(
            self.0
                .entry((days, running))
                .or_insert_with(|| Rc::new(layout_for(days, running))),
        )
    }
}
