//! A report a coach or pelvic-health physio can read: one printable HTML page with the profile,
//! the screening (with reasons and sources) and its history, the programme phase, adherence,
//! loads and best sets, symptoms over time, the mood trend, pelvic-floor practice and the
//! readiness tests, with small inline SVG charts (no scripts, no external assets).

use std::fmt::Write;

use time::Date;

use crate::plan::Plan;
use crate::profile::Profile;
use crate::readiness::READINESS_TESTS;
use crate::records::Progress;
use crate::screening::Screening;

/// Everything the report shows, gathered by the caller (the domain reads no store).
pub struct ReportData<'a> {
    /// Her name as her coach knows it.
    pub name: &'a str,
    /// First day covered.
    pub from: Date,
    /// Last day covered.
    pub to: Date,
    /// The day it was made.
    pub generated: Date,
    /// Her latest profile.
    pub profile: &'a Profile,
    /// Today's screening of it.
    pub screening: &'a Screening,
    /// Earlier screenings: (day, profile version, outcome; `None` for a stored word this
    /// version does not know), newest first.
    pub history: &'a [(Date, i64, Option<crate::state::Outcome>)],
    /// Her current programme, if she has one.
    pub plan: Option<&'a Plan<'a>>,
    /// Progress over the period.
    pub progress: &'a Progress,
    /// Pelvic-floor sets ticked per week (Monday, count).
    pub pelvic_floor: &'a [(Date, usize)],
    /// The paper it is printed on.
    pub paper: Paper,
}

/// The paper a printed report is laid out for: A4 (the default, as in the UK, Europe and most of
/// the world) or US Letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Every paper, for a policy that allows each one's style block.
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    /// Reads `a4` or `letter` (any case).
    pub fn from_word(word: &str) -> Option<Paper> {
        match word.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }

    /// The CSS page rule: the size, and margins that leave room for a printer's edge.
    fn page_css(self) -> &'static str {
        match self {
            Paper::A4 => "@page{size:A4;margin:12mm 12mm 14mm}",
            Paper::Letter => "@page{size:letter;margin:0.5in 0.5in 0.6in}",
        }
    }
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn short(d: Date) -> String {
    format!("{} {}", d.day(), &format!("{:?}", d.month())[..3])
}

/// A bar chart as inline SVG: one bar per (label, value), scaled to the largest (or `max`).
fn bars(title: &str, points: &[(String, f64)], max: Option<f64>, unit: &str) -> String {
    if points.is_empty() {
        return format!(
            "<p class=\"none\">{}: nothing logged in this period.</p>",
            esc(title)
        );
    }
    let top = max
        .unwrap_or_else(|| points.iter().map(|p| p.1).fold(0.0, f64::max))
        .max(1.0);
    let (w, h, left, bottom) = (640.0, 180.0, 36.0, 28.0);
    let step = (w - left) / points.len() as f64;
    let bar = (step * 0.7).min(40.0);
    let mut svg = format!(
        "<figure><svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = esc(title)
    );
    for frac in [0.0, 0.5, 1.0] {
        let y = (h - bottom) * (1.0 - frac) + 4.0;
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{w}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"grid\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{}</text>",
            left - 4.0,
            y + 4.0,
            fmt_num(top * frac)
        );
    }
    for (i, (label, value)) in points.iter().enumerate() {
        let x = left + step * i as f64 + (step - bar) / 2.0;
        let bh = (h - bottom - 4.0) * (value / top).clamp(0.0, 1.0);
        let y = h - bottom - bh;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" class=\"bar\"><title>{}: {} {}</title></rect>",
            esc(label),
            fmt_num(*value),
            esc(unit)
        );
        if points.len() <= 16 || i % 2 == 0 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"middle\">{}</text>",
                x + bar / 2.0,
                h - 10.0,
                esc(label)
            );
        }
    }
    svg.push_str("</svg>");
    let _ = write!(svg, "<figcaption>{}</figcaption></figure>", esc(title));
    svg
}

fn fmt_num(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{}", v.round())
    } else {
        format!("{v:.1}")
    }
}

/// The report's one `<style>` block for this paper: its page rule, then [`CSS`]. A page that
/// allows inline style by hash hashes this.
pub fn style(paper: Paper) -> String {
    format!("{}{CSS}", paper.page_css())
}

/// The report as one HTML document.
pub fn html(data: &ReportData<'_>) -> String {
    let s = data.screening;
    let mut h = String::with_capacity(32 * 1024);
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>mumstrong report: {name}</title><style>{style}</style></head><body><header><h1>mumstrong report: {name}</h1><p>{from} to {to} · made {gen} · {weeks} weeks after birth</p><p class=\"disclaimer\">{disc}</p></header>",
        name = esc(data.name),
        from = crate::text::long_date(data.from),
        to = crate::text::long_date(data.to),
        gen = crate::text::long_date(data.generated),
        weeks = s.weeks_postpartum,
        disc = esc(s.disclaimer),
        style = style(data.paper),
    );

    profile_section(&mut h, data);
    screening_section(&mut h, data);
    readiness_section(&mut h, data);
    programme_section(&mut h, data);
    loads_section(&mut h, data);
    symptoms_mood_pelvic_floor(&mut h, data);
    h.push_str("</section><footer><p>");
    h.push_str(&esc(s.disclaimer));
    h.push_str("</p></footer></body></html>\n");
    h
}

/// Her profile: the birth, checks, symptoms and training.
fn profile_section(h: &mut String, data: &ReportData<'_>) {
    let p = data.profile;
    // Profile.
    let symptoms: Vec<&str> = p.health.symptoms.iter().map(|x| x.label()).collect();
    let _ = write!(
        h,
        "<section><h2>Profile</h2><dl><dt>Birth</dt><dd>{} · {}{}{}</dd><dt>Postnatal check</dt><dd>{}</dd><dt>Pelvic-health assessment</dt><dd>{}</dd><dt>Symptoms</dt><dd>{}</dd><dt>Tummy gap</dt><dd>{}</dd><dt>Training</dt><dd>{} · {} days a week · {} minutes</dd></dl></section>",
        crate::text::long_date(p.birth.date),
        esc(p.birth.delivery.describe()),
        p.birth
            .perineal_tear
            .map_or(String::new(), |t| format!(" · tear: {}", esc(t.describe()))),
        if p.birth.babies > 1 {
            format!(" · {} babies", p.birth.babies)
        } else {
            String::new()
        },
        if p.health.postnatal_check_done {
            "done"
        } else {
            "not yet"
        },
        if p.health.pelvic_health_assessment_done {
            "done"
        } else {
            "not yet"
        },
        if symptoms.is_empty() {
            "none reported".to_owned()
        } else {
            esc(&symptoms.join(", "))
        },
        p.health
            .diastasis_finger_widths
            .map_or("not measured".to_owned(), |w| format!("{w} finger widths")),
        esc(p.training.experience.describe()),
        p.training.days_per_week,
        p.training.minutes_per_session,
    );
}

/// Her screening today, urgent reasons first.
fn screening_section(h: &mut String, data: &ReportData<'_>) {
    let s = data.screening;
    // Screening today.
    let _ = write!(
        h,
        "<section><h2>Screening today{}</h2>",
        if s.urgent {
            ": <strong class=\"urgent\">urgent</strong>"
        } else {
            ""
        }
    );
    if !s.referrals.is_empty() {
        h.push_str("<p><strong>Who to see:</strong> ");
        let who: Vec<String> = s.referrals.iter().map(|r| esc(r.advice())).collect();
        h.push_str(&who.join("; "));
        h.push_str("</p>");
    }
    h.push_str("<h3>Safe now</h3><ul>");
    for line in &s.safe_now {
        let _ = write!(h, "<li>{}</li>", esc(line));
    }
    h.push_str("</ul><h3>Waits</h3><ul>");
    for wait in &s.waits {
        let _ = write!(
            h,
            "<li><strong>{}</strong>{}: {}</li>",
            esc(&wait.what),
            wait.until
                .map_or(String::new(), |d| format!(" (until {d})")),
            esc(&wait.why)
        );
    }
    h.push_str("</ul><h3>Reasons</h3><table><thead><tr><th>Decision</th><th>Source</th></tr></thead><tbody>");
    for r in &s.reasons {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&r.text),
            esc(r.source)
        );
    }
    h.push_str("</tbody></table>");
    if !data.history.is_empty() {
        h.push_str("<h3>Screening history</h3><table><thead><tr><th>Day</th><th>Profile version</th><th>Outcome</th></tr></thead><tbody>");
        for (day, version, outcome) in data.history {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{version}</td><td>{}</td></tr>",
                crate::text::long_date(*day),
                outcome.map_or("not known to this version", |o| o.label())
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</section>");
}

/// The return-to-running readiness tests, passed or still to do.
fn readiness_section(h: &mut String, data: &ReportData<'_>) {
    let p = data.profile;
    // Readiness tests.
    h.push_str("<section><h2>Return-to-running readiness tests</h2><ul class=\"tests\">");
    for test in &READINESS_TESTS {
        let passed = (test.passed)(&p.readiness);
        let _ = write!(
            h,
            "<li class=\"{}\">{} {}</li>",
            if passed { "pass" } else { "todo" },
            if passed { "✓" } else { "○" },
            esc(test.task)
        );
    }
    h.push_str("</ul></section>");
}

/// Her programme and how much of it she did.
fn programme_section(h: &mut String, data: &ReportData<'_>) {
    // Programme and adherence.
    h.push_str("<section><h2>Programme and adherence</h2>");
    match data.plan {
        Some(plan) => {
            let current = plan
                .weeks
                .iter()
                .rev()
                .find(|w| w.starts <= data.to)
                .or(plan.weeks.first());
            if let Some(week) = current {
                let _ = write!(
                    h,
                    "<p><strong>Week {} of {}: {}</strong>{}. {}</p>",
                    week.week,
                    plan.weeks.len(),
                    esc(week.phase.title()),
                    if week.deload { " (lighter week)" } else { "" },
                    esc(&week.phase_why)
                );
            }
            let planned = plan
                .weeks
                .iter()
                .flat_map(|w| w.sessions.iter())
                .filter(|x| x.date >= data.from && x.date <= data.to && x.date <= data.generated)
                .count();
            let _ = write!(
                h,
                "<p>Sessions planned in this period (up to today): {planned} · days with logged training: {}</p>",
                data.progress.totals.days_trained
            );
        }
        None => h.push_str("<p>No programme yet (or training is stopped: see the screening).</p>"),
    }
    h.push_str("</section>");
}

/// Loads and best sets per exercise.
fn loads_section(h: &mut String, data: &ReportData<'_>) {
    // Loads and best sets.
    h.push_str("<section><h2>Loads and best sets</h2>");
    if data.progress.exercises.is_empty() {
        h.push_str("<p class=\"none\">No sets logged in this period.</p>");
    } else {
        h.push_str("<table><thead><tr><th>Exercise</th><th>Sets</th><th>Best set</th><th>Est. 1RM</th></tr></thead><tbody>");
        for e in &data.progress.exercises {
            let best = &e.best_set;
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{} {}{} ({})</td><td>{}</td></tr>",
                esc(&e.name),
                e.sets_logged,
                best.reps,
                esc(e.unit),
                best.load_kg
                    .map_or(String::new(), |kg| format!(" × {} kg", fmt_num(kg))),
                crate::text::long_date(best.date),
                e.estimated_1rm_kg
                    .map_or("–".to_owned(), |kg| format!("{} kg", fmt_num(kg)))
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</section>");
}

/// Symptoms over time, mood and pelvic-floor practice as charts.
fn symptoms_mood_pelvic_floor(h: &mut String, data: &ReportData<'_>) {
    // Symptoms, mood, pelvic floor.
    let symptom_points: Vec<(String, f64)> = data
        .progress
        .symptoms
        .iter()
        .map(|w| {
            (
                short(w.week_start),
                (w.sets_with_symptoms + w.checkins_with_symptoms) as f64,
            )
        })
        .collect();
    let mood_points: Vec<(String, f64)> = data
        .progress
        .mood
        .iter()
        .filter_map(|w| w.mood.map(|m| (short(w.week_start), m)))
        .collect();
    let pf_points: Vec<(String, f64)> = data
        .pelvic_floor
        .iter()
        .map(|(d, n)| (short(*d), *n as f64))
        .collect();
    h.push_str("<section><h2>Symptoms over time</h2>");
    h.push_str(&bars(
        "Sets and check-ins with symptoms, per week",
        &symptom_points,
        None,
        "reports",
    ));
    let mut words: Vec<(String, usize)> = Vec::new();
    for w in &data.progress.symptoms {
        for (symptom, n) in &w.by_symptom {
            match words.iter_mut().find(|(s, _)| s == symptom.label()) {
                Some(entry) => entry.1 += n,
                None => words.push((symptom.label().to_owned(), *n)),
            }
        }
    }
    if !words.is_empty() {
        let list: Vec<String> = words
            .iter()
            .map(|(w, n)| format!("{} ({n})", esc(w)))
            .collect();
        let _ = write!(h, "<p>Reported: {}</p>", list.join(", "));
    }
    h.push_str("</section><section><h2>Mood</h2>");
    h.push_str(&bars(
        "Average mood per week (1 low to 5 good)",
        &mood_points,
        Some(5.0),
        "of 5",
    ));
    h.push_str("</section><section><h2>Pelvic-floor practice</h2>");
    h.push_str(&bars(
        "Pelvic-floor sets ticked per week (target 21: three a day)",
        &pf_points,
        Some(21.0),
        "sets",
    ));
}

/// The report's stylesheet, inline so a saved report is one file (the server allows it by hash).
pub const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:1rem auto;padding:0 1rem;color:#222;line-height:1.4}h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:2px solid #7a4f9a;padding-bottom:.2rem;margin-top:1.6rem}h3{font-size:1rem;margin-bottom:.3rem}table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;border-bottom:1px solid #ddd;padding:.3rem .4rem;vertical-align:top}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}.disclaimer{font-size:.85rem;color:#555}.urgent{color:#b00020}.tests{list-style:none;padding:0;columns:2}.pass{color:#1b6e2b}.todo{color:#666}.none{color:#666;font-style:italic}figure{margin:.5rem 0}svg{width:100%;height:auto}.bar{fill:#7a4f9a}.grid{stroke:#ddd}.axis{font-size:11px;fill:#555}figcaption{font-size:.85rem;color:#555}@media (max-width:34rem){dl{grid-template-columns:1fr;gap:0}dd{margin:0 0 .4rem}.tests{columns:1}table{font-size:.8rem}}@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{margin-top:1rem;break-after:avoid}tr,figure,dl,li{break-inside:avoid}svg{max-height:55mm}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_empty_charts_say_so() {
        assert_eq!(
            esc("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
        assert!(bars("Mood", &[], Some(5.0), "of 5").contains("nothing logged"));
        let svg = bars(
            "Mood",
            &[("2 Nov".to_owned(), 4.0), ("9 Nov".to_owned(), 2.5)],
            Some(5.0),
            "of 5",
        );
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<title>9 Nov: 2.5 of 5</title>"));
    }
}
