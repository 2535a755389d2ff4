//! The one rendering of her state's urgent stop and referrals: every page that shows what she may
//! do (Screening, Today, Plan, Pelvic floor, Progress, the coach's view of her) calls these, so
//! the heading, what to do now and the call buttons read the same everywhere. Nothing here
//! decides anything: it renders [`mumstrong_core::state::MemberState`]'s stop.

use maud::{Markup, html};
use mumstrong_core::state::UrgentStop;

use super::lower_first;
use super::screening::with_phone_links;

/// Whose page it is: her own (she is told what to do) or a coach's view of her.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
    /// The member herself.
    Member,
    /// Her coach or physio.
    Coach,
    /// The member during onboarding: the step's own title is the page's heading, and her
    /// answers are kept for later.
    Onboarding,
}

/// The urgent stop, first on the page: heading, why, what to do now, the numbers to call for
/// her reasons, the guidelines behind it, and what happens once she has had help.
pub(crate) fn stop(stop: &UrgentStop, reader: Reader) -> Markup {
    let mut sources: Vec<&str> = stop.reasons.iter().map(|r| r.source).collect();
    sources.sort_unstable();
    sources.dedup();
    html! {
        section.urgent.takeover #urgent role="alert" aria-labelledby="urgent-title" {
            @match reader {
                Reader::Member => h1 #urgent-title { (stop.heading) },
                Reader::Coach => h2 #urgent-title { "She reported a warning sign: " (lower_first(stop.heading)) },
                Reader::Onboarding => h2 #urgent-title { (stop.heading) },
            }
            @for r in &stop.reasons {
                p.urgent-reason { (r.text) }
            }
            h2 { "What to do now" }
            ul.help-now {
                @for line in &stop.now { li { (with_phone_links(line)) } }
            }
            @if !stop.calls.is_empty() {
                div.call-buttons {
                    @for call in &stop.calls {
                        a.button.danger.call href={ "tel:" (call.tel) } { (call.label) }
                    }
                }
            }
            @if !sources.is_empty() {
                p.source { "Source: " (sources.join("; ")) }
            }
            @if reader == Reader::Onboarding {
                p { strong { "Do not exercise until you have been seen." } " Your answers are saved: you can finish these questions later." }
            }
        }
        @if reader == Reader::Member {
            section.after-help.card {
                h2 { "When you have had help" }
                p { "Once a doctor, midwife or physio has seen you and says you can exercise again, change your answers (untick the warning sign) and you will get a new screening and a plan." }
                p { a href="/onboarding" { "Change my answers" } }
            }
        }
    }
}
