//! The calendar of days and the strip of weeks.

use std::fmt::Write as _;

use maud::{Markup, html};
use time::Date;

use super::scale::c;
use super::svg::{Frame, empty, escape, svg_root, x_labels};
use super::{AXIS, Chart, GRID, INK, MUTED, Mark, SMALL, WIDTH, short_date};

pub(super) const DONE_FILL: &str = "#00795a";
pub(super) const PARTIAL_FILL: &str = "#cfe8df";
pub(super) const WARN_FILL: &str = "#fff3dc";
pub(super) const WARN_INK: &str = "#8a4b00";

pub(super) fn cell(out: &mut String, mark: Mark, x: f64, y: f64, size: f64, today: bool) {
    let cx = c(x + size / 2.0);
    let cy = c(y + size / 2.0 + 1.0);
    let glyph = |out: &mut String, text: &str, colour: &str| {
        let _ = write!(
            out,
            r#"<text x="{cx}" y="{cy}" text-anchor="middle" dominant-baseline="middle" font-weight="700" fill="{colour}">{text}</text>"#
        );
    };
    let rect = |out: &mut String, fill: &str, stroke: &str, dash: &str| {
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="5" fill="{fill}" stroke="{stroke}" stroke-width="{}"{dash}/>"#,
            c(x),
            c(y),
            c(size),
            c(size),
            if today { "3" } else { "1.5" },
        );
    };
    let today_stroke = |normal: &'static str| if today { INK } else { normal };
    match mark {
        Mark::Empty => rect(out, "white", today_stroke(AXIS), ""),
        Mark::Partial(n) => {
            rect(out, PARTIAL_FILL, today_stroke(DONE_FILL), "");
            glyph(out, &n.to_string(), "#0b4d3a");
        }
        Mark::Done => {
            rect(out, DONE_FILL, today_stroke(DONE_FILL), "");
            glyph(out, "✓", "white");
        }
        Mark::Warn => {
            rect(out, WARN_FILL, today_stroke(WARN_INK), "");
            glyph(out, "!", WARN_INK);
        }
        Mark::NoData => {
            rect(
                out,
                "white",
                today_stroke(GRID),
                r#" stroke-dasharray="3 3""#,
            );
            glyph(out, "–", MUTED);
        }
        Mark::Future => {}
    }
}

/// A calendar of days, a row per week from Monday: each day's box says what was done (a tick,
/// a number or nothing), today outlined. `first` should be a Monday; `days` start on it. When
/// nothing was done and the chart has an `empty` message, the message instead.
pub fn calendar(chart: &Chart, first: Date, days: &[Mark], today: Option<Date>) -> Markup {
    let nothing_done = days
        .iter()
        .all(|m| matches!(m, Mark::Future | Mark::NoData | Mark::Empty));
    if nothing_done && !chart.empty.is_empty() {
        return empty(chart);
    }
    let mut out = String::new();
    let label_w = 56.0;
    let col = (WIDTH - label_w) / 7.0;
    let size = (col - 6.0).min(36.0);
    let head = 18.0;
    for (i, d) in ["M", "T", "W", "T", "F", "S", "S"].iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{}" y="12" font-size="{SMALL}" text-anchor="middle" fill="{MUTED}">{d}</text>"#,
            c(label_w + col * i as f64 + col / 2.0),
        );
    }
    let rows = days.len().div_ceil(7);
    let mut table_rows: Vec<(String, Vec<String>)> = Vec::new();
    for r in 0..rows {
        let y = head + r as f64 * (size + 6.0);
        let monday = first + time::Duration::days(7 * r as i64);
        let label = short_date(monday);
        let _ = write!(
            out,
            r#"<text x="0" y="{}" font-size="{SMALL}" dominant-baseline="middle" fill="{MUTED}">{}</text>"#,
            c(y + size / 2.0 + 1.0),
            escape(&label)
        );
        let mut words = Vec::new();
        for k in 0..7 {
            let i = r * 7 + k;
            let Some(mark) = days.get(i) else { break };
            let date = first + time::Duration::days(i as i64);
            let x = label_w + col * k as f64 + (col - size) / 2.0;
            cell(&mut out, *mark, x, y, size, Some(date) == today);
            words.push(mark.words());
        }
        table_rows.push((label, words));
    }
    let height = head + rows as f64 * (size + 6.0) + 4.0;
    let svg = svg_root(chart, height, &out);
    html! {
        figure.chart.chart-calendar {
            (svg)
            details.chart-data {
                summary { "Show the days" }
                div.table-wrap tabindex="0" role="region" aria-label=(format!("{}: the numbers", chart.title)) {
                    table {
                        caption.visually-hidden { (chart.title) }
                        thead { tr {
                            th scope="col" { "Week starting" }
                            @for d in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] { th scope="col" { (d) } }
                        } }
                        tbody {
                            @for (label, words) in &table_rows {
                                tr {
                                    th scope="row" { (label) }
                                    @for w in words { td { (w) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A row of boxes, one per week (or anything else), each with a mark and labelled below.
pub fn strip(chart: &Chart, marks: &[Mark]) -> Markup {
    if marks.is_empty()
        || marks
            .iter()
            .all(|m| matches!(m, Mark::NoData | Mark::Future))
    {
        return empty(chart);
    }
    let n = marks.len();
    let col = WIDTH / n as f64;
    let size = (col - 4.0).clamp(8.0, 36.0);
    let mut out = String::new();
    let xs: Vec<f64> = (0..n).map(|i| col * i as f64 + col / 2.0).collect();
    for (i, m) in marks.iter().enumerate() {
        cell(&mut out, *m, xs[i] - size / 2.0, 2.0, size, false);
    }
    let f = Frame {
        left: 0.0,
        right: WIDTH,
        top: 0.0,
        bottom: size + 2.0,
        lo: 0.0,
        hi: 1.0,
        height: 0.0,
    };
    x_labels(&mut out, chart, &f, &xs);
    let height = size + 2.0 + if chart.x_title.is_empty() { 26.0 } else { 46.0 };
    let svg = svg_root(chart, height, &out);
    html! {
        figure.chart.chart-strip {
            (svg)
            details.chart-data {
                summary { "Show the weeks" }
                div.table-wrap tabindex="0" role="region" aria-label=(format!("{}: the numbers", chart.title)) {
                    table {
                        caption.visually-hidden { (chart.title) }
                        thead { tr { th scope="col" { (chart.x_title) } th scope="col" { "" } } }
                        tbody {
                            @for (i, m) in marks.iter().enumerate() {
                                tr {
                                    th scope="row" { (chart.x_labels.get(i).map_or("", String::as_str)) }
                                    td { (m.words()) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
