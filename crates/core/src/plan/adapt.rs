use crate::library::{Exercise, Library, Pattern};
use crate::log::{LogEntry, TrainingLog};
use crate::profile::Profile;
use crate::readiness::READINESS_TESTS;
use crate::screening::screen;
use crate::sources;
use crate::vocab::Symptom;
use std::collections::{BTreeMap, BTreeSet};
use time::{Date, Duration};

use super::Decision;
use super::context::{Block, WeekCtx};
use super::everyday_load::LOAD_TOLERANCE_KG;
use super::ladders::{Ladders, fresh_state, settle};
use super::progression::{SlotState, Step, WorkingWeight, step_up};
use super::sessions::{templates, variant_of};
use super::view::{capitalised, describe_step, fmt_kg, symptom_words};
use super::{Adaptation, LoggedRedFlag, PlanOptions, RED_FLAG_LOOKBACK_DAYS, UrgentStop};

pub(super) fn count_symptom(s: Symptom) -> bool {
    s.is_pelvic_floor_sign() || s.is_abdominal_wall_sign()
}

/// The pelvic-floor or tummy symptom in the log that pauses impact and running, if any: the
/// latest one in the last [`RED_FLAG_LOOKBACK_DAYS`] days, unless she has since logged a
/// symptom-free week of training ([`symptom_free_week_logged`]). A date passing is not enough:
/// the pause holds for the whole plan until her log shows that week.
pub fn impact_pause(log: &TrainingLog, start: Date) -> Option<Date> {
    let recent = start - Duration::days(RED_FLAG_LOOKBACK_DAYS);
    let last_symptom = log
        .entries
        .iter()
        .filter(|e| e.date >= recent && e.date <= start)
        .filter(|e| {
            e.symptoms_during
                .iter()
                .chain(&e.symptoms_after)
                .any(|s| count_symptom(*s))
        })
        .map(|e| e.date)
        .max()?;
    (!symptom_free_week_logged(log, last_symptom)).then_some(last_symptom)
}

/// Sessions on at least this many days after a symptom, none with symptoms, make the
/// symptom-free week of training that brings impact back.
pub const SYMPTOM_FREE_SESSIONS: usize = 2;

/// Whether the log shows a symptom-free week of training after `symptom_on`: sessions on at least
/// [`SYMPTOM_FREE_SESSIONS`] days after it, the last a week or more after it, and no symptom or
/// warning sign in any of them (Goom, Donnelly & Brockwell 2019: go back to the last level that
/// was symptom-free).
pub fn symptom_free_week_logged(log: &TrainingLog, symptom_on: Date) -> bool {
    let after: Vec<&LogEntry> = log.entries.iter().filter(|e| e.date > symptom_on).collect();
    if after.iter().any(|e| e.has_symptoms()) {
        return false;
    }
    let days: BTreeSet<Date> = after.iter().map(|e| e.date).collect();
    days.len() >= SYMPTOM_FREE_SESSIONS
        && days
            .last()
            .is_some_and(|last| *last >= symptom_on + Duration::days(7))
}

/// The one meaning of a symptom she logs, wherever she logs it (a set, a check-in, the CLI's
/// `--log`): each symptom dated within [`crate::records::SYMPTOM_LOOKBACK_DAYS`] up to `as_of`
/// counts as if she had answered it in her profile, so the screening refers on for it (leaking
/// or heaviness: a pelvic-health physio) and the plan keeps impact, running and heavy loads back.
/// The service's screening and [`generate`](super::generate) both call this.
pub fn with_logged_symptoms(
    profile: &Profile,
    logged: impl IntoIterator<Item = (Date, Symptom)>,
    as_of: Date,
) -> Profile {
    let from = as_of - Duration::days(crate::records::SYMPTOM_LOOKBACK_DAYS);
    let mut out = profile.clone();
    out.health.symptoms.extend(
        logged
            .into_iter()
            .filter(|(d, _)| (from..=as_of).contains(d))
            .map(|(_, s)| s),
    );
    out
}

/// Every symptom of a training log, with its date (during and after).
pub fn log_symptoms(log: &TrainingLog) -> impl Iterator<Item = (Date, Symptom)> + '_ {
    log.entries.iter().flat_map(|e| {
        e.symptoms_during
            .iter()
            .chain(&e.symptoms_after)
            .map(move |s| (e.date, *s))
    })
}

/// Marks a readiness test as not passed; true if it was passed.
pub(super) fn forget_test(r: &mut crate::readiness::Readiness, key: &str) -> bool {
    let field = match key {
        "walk_30_min" => &mut r.walk_30_min,
        "single_leg_balance_10s" => &mut r.single_leg_balance_10s,
        "single_leg_squat_10" => &mut r.single_leg_squat_10,
        "jog_on_spot_1_min" => &mut r.jog_on_spot_1_min,
        "forward_bounds_10" => &mut r.forward_bounds_10,
        "hop_on_spot_10" => &mut r.hop_on_spot_10,
        "single_leg_running_man_10" => &mut r.single_leg_running_man_10,
        "single_leg_calf_raise_20" => &mut r.single_leg_calf_raise_20,
        "single_leg_bridge_20" => &mut r.single_leg_bridge_20,
        "single_leg_sit_to_stand_20" => &mut r.single_leg_sit_to_stand_20,
        "side_lying_abduction_20" => &mut r.side_lying_abduction_20,
        _ => return false,
    };
    std::mem::replace(field, false)
}

/// Exercises she logged pelvic-floor symptoms during, recently: avoided while impact is paused.
pub(super) fn symptom_exercises(options: &PlanOptions, log: &TrainingLog) -> BTreeSet<String> {
    let recent = options.start - Duration::days(RED_FLAG_LOOKBACK_DAYS);
    log.entries
        .iter()
        .filter(|e| e.date >= recent)
        .filter(|e| e.symptoms_during.iter().any(|s| count_symptom(*s)))
        .map(|e| e.exercise.clone())
        .collect()
}

/// Seeds the ladders from what she logged: progress, repeat or regress each exercise, and say why.
pub(super) fn adapt_from_log<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    log: &TrainingLog,
    ladders: &mut Ladders<'a>,
    notes: &mut Vec<String>,
) -> Vec<Adaptation> {
    let mut latest: BTreeMap<&str, &LogEntry> = BTreeMap::new();
    for e in &log.entries {
        latest.insert(e.exercise.as_str(), e);
    }
    let mut by_date: Vec<&LogEntry> = latest.into_values().collect();
    by_date.sort_by_key(|e| (e.date, e.line));
    let mut adaptations = Vec::new();
    for e in by_date {
        let Some(ex) = lib.get(&e.exercise) else {
            continue;
        };
        let logged = Logged::new(ctx, e, ex);
        let (state, decision, mut text) = logged.decide(lib, ctx, notes);
        // The first session template that trains this pattern and has no logged exercise yet.
        let variant = (0..templates(ctx.phase).len())
            .map(|t| variant_of(ctx.phase, t, ex.pattern))
            .find(|v| !ladders.states.contains_key(&(ex.pattern, *v)))
            .unwrap_or(0);
        let slot = (ex.pattern, variant);
        logged.this_week_words(lib, ctx, state, decision, &mut text);
        ladders
            .changes
            .insert(slot, format!("From your log: {text}"));
        ladders.states.insert(slot, state);
        adaptations.push(Adaptation {
            exercise: ex.id.clone(),
            date: e.date,
            decision,
            text,
        });
    }
    for st in ladders.states.values() {
        ladders.doses.insert(st.exercise.position(), *st);
    }
    adaptations
}

/// One exercise's last logged session, read against the week.
struct Logged<'a, 'e> {
    e: &'e LogEntry,
    ex: &'a Exercise,
    /// What she did, as a dose on the ladder.
    done: SlotState<'a>,
    /// The reps she aimed at.
    target: u16,
    /// Her recent working weight, when heavier than this session's load, with its index in
    /// the weights she owns: progress starts from it.
    working: Option<(WorkingWeight, usize)>,
    /// The session's date, in words.
    when: String,
    /// Within the red-flag lookback: a symptom in it pauses impact.
    recent: bool,
}

impl<'a, 'e> Logged<'a, 'e> {
    fn new(ctx: &WeekCtx, e: &'e LogEntry, ex: &'a Exercise) -> Self {
        let loads = ctx.owned_loads(ex);
        let load_index = loads.map(|loads| {
            let logged = e.load_kg.unwrap_or(0.0);
            loads.iter().rposition(|w| *w <= logged + 0.01).unwrap_or(0)
        });
        let target = e
            .target_reps
            .unwrap_or_else(|| e.reps.iter().copied().max().unwrap_or(ex.range[0]));
        let done = SlotState {
            exercise: ex,
            load_index,
            amount: target.clamp(ex.range[0], ex.range[1]),
            from_log: None,
        };
        let working = ctx
            .history
            .get(&ex.id)
            .filter(|w| {
                !w.harder_variant && e.load_kg.is_none_or(|kg| w.kg > kg + LOAD_TOLERANCE_KG)
            })
            .and_then(|w| {
                let i = loads?
                    .iter()
                    .rposition(|kg| *kg <= w.kg + LOAD_TOLERANCE_KG)?;
                (Some(i) != load_index).then_some((*w, i))
            });
        Logged {
            e,
            ex,
            done,
            target,
            working,
            when: crate::render::long_date(e.date),
            recent: e.date >= ctx.starts - Duration::days(RED_FLAG_LOOKBACK_DAYS),
        }
    }

    /// Progress, repeat, regress or not yet: the ladder's new state, the decision and why.
    fn decide(
        &self,
        lib: &'a Library,
        ctx: &WeekCtx,
        notes: &mut Vec<String>,
    ) -> (SlotState<'a>, Decision, String) {
        let (e, ex, done, when) = (self.e, self.ex, self.done, &self.when);
        let counted = |list: &[Symptom]| -> Vec<Symptom> {
            list.iter().copied().filter(|s| count_symptom(*s)).collect()
        };
        let during = counted(&e.symptoms_during);
        let after = counted(&e.symptoms_after);
        let over_limit = ctx
            .limit_kg
            .is_some_and(|limit| e.load_kg.is_some_and(|kg| kg > limit + 0.05));
        let blocked = if over_limit {
            Some(Block::CaesareanLimit)
        } else {
            ctx.block(ex).filter(|b| *b != Block::LoggedSymptom)
        };
        let other: Vec<Symptom> = e
            .symptoms_during
            .iter()
            .chain(&e.symptoms_after)
            .copied()
            .filter(|s| !count_symptom(*s))
            .collect();
        if let (Some(block), true) = (blocked, during.is_empty()) {
            self.not_yet(lib, ctx, block)
        } else if !during.is_empty() {
            self.regress(lib, ctx, &during, notes)
        } else if !after.is_empty() {
            notes.push(format!(
                "You logged {} after {} on {when}. If it happens again, or lasts, see a pelvic-health physio ({}).",
                symptom_words(&after),
                ex.name,
                sources::GOOM_2019
            ));
            (
                done,
                Decision::Repeat,
                format!(
                    "{} after the session on {when}: {} stays the same until a week without symptoms; impact stops until then.",
                    capitalised(&symptom_words(&after)),
                    ex.name
                ),
            )
        } else if !other.is_empty() || !e.red_flags.is_empty() {
            let mut words: Vec<&str> = other.iter().map(|s| s.describe()).collect();
            words.extend(e.red_flags.iter().map(|f| f.describe()));
            (
                done,
                Decision::Repeat,
                format!(
                    "{} on {when}: you logged {}. It stays the same, with no progression, until you have seen your GP.",
                    ex.name,
                    words.join("; ")
                ),
            )
        } else if e.reps.iter().any(|r| *r < self.target) {
            (
                done,
                Decision::Repeat,
                format!(
                    "{} on {when}: some sets fell short of {}, so repeat the same dose before moving on.",
                    ex.name, self.target
                ),
            )
        } else if e.rpe.is_some_and(|r| r > 8) {
            (
                done,
                Decision::Repeat,
                format!(
                    "{} on {when}: all reps done but it felt very hard (effort {} of 10), so repeat it before moving on.",
                    ex.name,
                    e.rpe.unwrap_or(9)
                ),
            )
        } else {
            self.progress(lib, ctx)
        }
    }

    /// Not open to her this week: the nearest rung that is, and why.
    fn not_yet(
        &self,
        lib: &'a Library,
        ctx: &WeekCtx,
        block: Block,
    ) -> (SlotState<'a>, Decision, String) {
        let instead = settle(lib, ctx, self.done);
        (
            instead.unwrap_or(self.done),
            Decision::NotYet,
            format!(
                "{} on {}: not for you yet: {}. {}",
                self.ex.name,
                self.when,
                block.describe(ctx.phase),
                match block {
                    Block::Equipment(k) => format!(
                        "If you have {}, add `{}` to your profile's equipment; until then the plan chooses what fits what you have.",
                        k.describe(),
                        k.as_str()
                    ),
                    _ => "Please stop doing it for now; the plan chooses what is open to you."
                        .to_owned(),
                }
            ),
        )
    }

    /// Symptoms during it: one step down its ladder (or fewer reps at the bottom).
    fn regress(
        &self,
        lib: &'a Library,
        ctx: &WeekCtx,
        during: &[Symptom],
        notes: &mut Vec<String>,
    ) -> (SlotState<'a>, Decision, String) {
        let (ex, when) = (self.ex, &self.when);
        let words = symptom_words(during);
        notes.push(format!(
            "You logged {words} during {} on {when}. Ease off as the plan does; if it happens again, or lasts, see a pelvic-health physio ({}).",
            ex.name,
            sources::GOOM_2019
        ));
        let impact_stops = if self.recent {
            ", and impact stops until a week without symptoms"
        } else {
            ""
        };
        match lib.regression_of(ex) {
            Some(down) => (
                fresh_state(ctx, down),
                Decision::Regress,
                format!(
                    "{} during {} on {when}: one step down its ladder to {}{impact_stops}.",
                    capitalised(&words),
                    ex.name,
                    down.name,
                ),
            ),
            None => {
                let lighter = SlotState {
                    amount: ex.range[0],
                    load_index: self.done.load_index.map(|i| i.saturating_sub(1)),
                    ..self.done
                };
                (
                    lighter,
                    Decision::Regress,
                    format!(
                        "{} during {} on {when}: it is already the easiest variant, so fewer reps (and a lighter load if you have one){impact_stops}.",
                        capitalised(&words),
                        ex.name,
                    ),
                )
            }
        }
    }

    /// All done, no symptoms: one step up, from her working weight if it is heavier.
    fn progress(&self, lib: &'a Library, ctx: &WeekCtx) -> (SlotState<'a>, Decision, String) {
        let (e, ex, when) = (self.e, self.ex, &self.when);
        let base = self.working.map_or(self.done, |(_, i)| SlotState {
            load_index: Some(i),
            ..self.done
        });
        let (next, step) = step_up(lib, ctx, base, 0);
        let from = self.working.map_or(String::new(), |(w, _)| {
            format!(
                "from the {} kg you lifted on {}, ",
                fmt_kg(w.kg),
                crate::render::long_date(w.date)
            )
        });
        let text = match step {
            Step::Top => format!(
                "{} on {when}: all done; you are at the top of this ladder for now, so keep it here.",
                ex.name
            ),
            _ => format!(
                "{} on {when}: {} of {}{} with no symptoms, so progress: {from}{}.",
                ex.name,
                if e.sets == 1 {
                    "the set".to_owned()
                } else {
                    format!("all {} sets", e.sets)
                },
                self.target,
                e.rpe
                    .map_or(String::new(), |r| format!(" at effort {r} of 10")),
                describe_step(ctx, &base, &next, step, false)
                    .unwrap_or_default()
                    .trim_end_matches('.')
                    .to_lowercase()
            ),
        };
        (next, Decision::Progress, text)
    }

    /// What the decision means this week: a regression not open to her, or a load above what
    /// the week allows (history never lifts her above it), said when it holds her back.
    fn this_week_words(
        &self,
        lib: &'a Library,
        ctx: &WeekCtx,
        state: SlotState<'a>,
        decision: Decision,
        text: &mut String,
    ) {
        if decision == Decision::Regress
            && let Some(down) = ctx.block(state.exercise)
        {
            match settle(lib, ctx, state) {
                Some(st) => text.push_str(&format!(
                    " This week that means {}, because {} is not open to you: {}.",
                    st.exercise.name,
                    state.exercise.name,
                    down.describe(ctx.phase)
                )),
                None => text.push_str(" The plan leaves this movement out this week."),
            }
        }
        let lifted = self.working.map(|(w, _)| w.kg).or(self.e.load_kg);
        if let (Some(kg), Some(now), true) =
            (lifted, ctx.load_kg(&state), state.exercise.id == self.ex.id)
            && kg > now + LOAD_TOLERANCE_KG
            && (ctx.hold.is_some() || ctx.limit_kg.is_some())
        {
            text.push_str(&format!(
                " Your {} kg is more than the plan allows for now: {} kg until loads may rise (see the note on loads).",
                fmt_kg(kg),
                fmt_kg(now)
            ));
        }
    }
}

/// The urgent stop, when red flags in her profile, or logged in the last
/// [`RED_FLAG_LOOKBACK_DAYS`], make the screening urgent: no plan.
pub(super) fn urgent_stop(
    profile: &Profile,
    options: &PlanOptions,
    log: &TrainingLog,
) -> Option<UrgentStop> {
    let mut at_start = profile.clone();
    at_start.as_of = options.start;
    let lookback = options.start - Duration::days(RED_FLAG_LOOKBACK_DAYS);
    let mut from_log = Vec::new();
    for e in log.entries.iter().filter(|e| e.date >= lookback) {
        for flag in &e.red_flags {
            at_start.health.red_flags.insert(*flag);
            from_log.push(LoggedRedFlag {
                line: e.line,
                date: e.date,
                flag: *flag,
                text: format!(
                    "On {} (line {} of your training log) you recorded: {}.",
                    crate::render::long_date(e.date),
                    e.line,
                    flag.describe()
                ),
            });
        }
    }
    let screening = screen(&at_start);
    screening.urgent.then_some(UrgentStop {
        screening,
        from_log,
    })
}

/// Her profile with what she logged counted in, each change told in `notes`: symptoms that
/// need a GP (bleeding beyond 8 weeks, caesarean scar pain) logged recently, so the screening
/// keeps the plan gentle; readiness tests she had symptoms during, as not passed; older red
/// flags, never passed over in silence; and leaks or heaviness, as reported (the screening
/// refers her).
pub(super) fn profile_with_log(
    profile: &Profile,
    library: &Library,
    options: &PlanOptions,
    log: &TrainingLog,
    notes: &mut Vec<String>,
) -> Profile {
    let lookback = options.start - Duration::days(RED_FLAG_LOOKBACK_DAYS);
    let recent = || log.entries.iter().filter(move |e| e.date >= lookback);
    let mut with_log = profile.clone();
    for e in recent() {
        for s in e.symptoms_during.iter().chain(&e.symptoms_after) {
            if !count_symptom(*s) && with_log.health.symptoms.insert(*s) {
                notes.push(format!(
                    "You logged {} on {} (line {} of your log). {} The plan treats it as part of your profile: gentle work until you have been checked.",
                    s.describe(),
                    crate::render::long_date(e.date),
                    e.line,
                    "Please see your GP."
                ));
            }
        }
    }
    for e in recent() {
        forget_tests_with_symptoms(library, e, &mut with_log, notes);
    }
    for e in log
        .entries
        .iter()
        .filter(|e| e.date < lookback && !e.red_flags.is_empty())
    {
        let flags: Vec<&str> = e.red_flags.iter().map(|f| f.describe()).collect();
        notes.push(format!(
            "On {} (line {} of your log) you recorded: {}. If you have not had it checked, see your GP before you carry on, and get help at once if it comes back.",
            crate::render::long_date(e.date),
            e.line,
            flags.join("; ")
        ));
    }
    with_logged_symptoms(&with_log, log_symptoms(log), options.start)
}

/// Pelvic-floor symptoms during an impact exercise or a test drill: that test counts as not
/// passed until she does it again without symptoms.
fn forget_tests_with_symptoms(
    library: &Library,
    e: &LogEntry,
    profile: &mut Profile,
    notes: &mut Vec<String>,
) {
    let Some(ex) = library.get(&e.exercise) else {
        return;
    };
    let symptoms = e
        .symptoms_during
        .iter()
        .chain(&e.symptoms_after)
        .any(|s| count_symptom(*s));
    if !symptoms {
        return;
    }
    let mut keys: Vec<&str> = ex.readiness_test.iter().map(String::as_str).collect();
    if ex.pattern == Pattern::Impact {
        keys.push("jog_on_spot_1_min");
    }
    for key in keys {
        if forget_test(&mut profile.readiness, key)
            && let Some(test) = READINESS_TESTS.iter().find(|t| t.key == key)
        {
            notes.push(format!(
                "Because of the symptoms you logged during {} on {}, the readiness test \"{}\" counts as not passed until you do it again without leaking, heaviness or pain.",
                ex.name,
                crate::render::long_date(e.date),
                test.task
            ));
        }
    }
}
