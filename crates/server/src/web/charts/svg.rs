//! The SVG building blocks every chart shares: the figure and its table, markers, legend,
//! frame, axes and the root element.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::bar::layer_fill;
use super::scale::{c, label_indices, number, text_width, y_axis};
use super::{AXIS, Chart, FONT, GRID, INK, Look, MUTED, Marker, PLOT_H, SMALL, WIDTH, look};

/// The figure around an SVG: the drawing and the table of numbers.
pub(super) fn figure(chart: &Chart, height: f64, body: &str) -> Markup {
    html! {
        figure.chart {
            (svg_root(chart, height, body))
            (table(chart))
        }
    }
}

/// The numbers behind a chart, in a table under a disclosure.
pub(super) fn table(chart: &Chart) -> Markup {
    let unit = if chart.unit.is_empty() {
        String::new()
    } else {
        format!(" ({})", chart.unit)
    };
    html! {
        details.chart-data {
            summary { "Show the numbers" }
            div.table-wrap tabindex="0" role="region" aria-label=(format!("{}: the numbers", chart.title)) {
                table {
                    caption.visually-hidden { (chart.title) }
                    thead {
                        tr {
                            th scope="col" { (chart.x_title) }
                            @for s in &chart.series {
                                th scope="col" { (s.name) (unit) }
                            }
                        }
                    }
                    tbody {
                        @for (i, label) in chart.x_labels.iter().enumerate() {
                            tr {
                                th scope="row" { (label) }
                                @for s in 0..chart.series.len() {
                                    td { (chart.value(s, i).map_or_else(|| "–".to_owned(), number)) }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(t) = &chart.target {
                p.muted { "Dashed line: " (t.label) "." }
            }
        }
    }
}

/// What is said instead of an empty chart.
pub(super) fn empty(chart: &Chart) -> Markup {
    html! {
        div.chart-empty {
            p { (if chart.empty.is_empty() { "Nothing logged yet." } else { chart.empty.as_str() }) }
        }
    }
}

/// Escapes text for SVG made with `format!`.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

pub(super) fn marker(out: &mut String, m: Marker, x: f64, y: f64, colour: &str) {
    let _ = match m {
        Marker::Circle => write!(
            out,
            r#"<circle cx="{}" cy="{}" r="4" fill="{colour}" stroke="white" stroke-width="1.5"/>"#,
            c(x),
            c(y)
        ),
        Marker::Square => write!(
            out,
            r#"<rect x="{}" y="{}" width="8" height="8" fill="{colour}" stroke="white" stroke-width="1.5"/>"#,
            c(x - 4.0),
            c(y - 4.0)
        ),
        Marker::Triangle => write!(
            out,
            r#"<polygon points="{},{} {},{} {},{}" fill="{colour}" stroke="white" stroke-width="1.5"/>"#,
            c(x),
            c(y - 5.0),
            c(x + 5.0),
            c(y + 4.0),
            c(x - 5.0),
            c(y + 4.0)
        ),
        Marker::Diamond => write!(
            out,
            r#"<polygon points="{},{} {},{} {},{} {},{}" fill="{colour}" stroke="white" stroke-width="1.5"/>"#,
            c(x),
            c(y - 5.0),
            c(x + 5.0),
            c(y),
            c(x),
            c(y + 5.0),
            c(x - 5.0),
            c(y)
        ),
    };
}

pub(super) fn dash_attr(dash: Option<&str>) -> String {
    dash.map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default()
}

/// One legend item's sample: a short line with the series' dash and marker, or a swatch.
pub(super) enum Swatch {
    Line(Look),
    Layer(usize, String),
}

/// Legend items, flowed into rows across the width. Returns the height used.
pub(super) fn legend(out: &mut String, items: &[(Swatch, String)], top: f64) -> f64 {
    if items.is_empty() {
        return 0.0;
    }
    let row_h = 20.0;
    let mut x = 0.0;
    let mut y = top + 12.0;
    for (swatch, label) in items {
        let w = 30.0 + text_width(label, SMALL) + 14.0;
        if x > 0.0 && x + w > WIDTH {
            x = 0.0;
            y += row_h;
        }
        match swatch {
            Swatch::Line(l) => {
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5"{}/>"#,
                    c(x),
                    c(y),
                    c(x + 24.0),
                    c(y),
                    l.colour,
                    dash_attr(l.dash)
                );
                marker(out, l.marker, x + 12.0, y, l.colour);
            }
            Swatch::Layer(i, pattern_id) => {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="22" height="13" fill="{}" stroke="{}" stroke-width="1"/>"#,
                    c(x + 1.0),
                    c(y - 6.5),
                    layer_fill(*i, pattern_id),
                    look(*i).colour
                );
            }
        }
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{SMALL}" dominant-baseline="middle">{}</text>"#,
            c(x + 30.0),
            c(y + 1.0),
            escape(label)
        );
        x += w;
    }
    y - top + 10.0
}

/// The frame shared by line and bar charts: unit, gridlines and their labels, the x labels and
/// the x axis title. Returns the plot box.
pub(super) struct Frame {
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) top: f64,
    pub(super) bottom: f64,
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) height: f64,
}

impl Frame {
    pub(super) fn y(&self, v: f64) -> f64 {
        let span = self.hi - self.lo;
        let t = if span > 0.0 {
            (v - self.lo) / span
        } else {
            0.0
        };
        self.bottom - t.clamp(-0.05, 1.05) * (self.bottom - self.top)
    }

    pub(super) fn width(&self) -> f64 {
        self.right - self.left
    }
}

pub(super) fn frame(
    out: &mut String,
    chart: &Chart,
    legend_h: f64,
    right_margin: f64,
    stacked: bool,
) -> Frame {
    let (lo, hi, ticks) = y_axis(chart, stacked);
    let tick_w = ticks
        .iter()
        .map(|(_, l)| text_width(l, SMALL))
        .fold(0.0, f64::max);
    let left = (tick_w + 8.0).max(24.0);
    let top = legend_h + 26.0;
    let bottom = top + PLOT_H;
    let f = Frame {
        left,
        right: WIDTH - right_margin,
        top,
        bottom,
        lo,
        hi,
        height: bottom + 44.0,
    };
    // The unit, above the y labels.
    if !chart.unit.is_empty() {
        let _ = write!(
            out,
            r#"<text x="0" y="{}" font-size="{SMALL}" fill="{MUTED}">{}</text>"#,
            c(top - 10.0),
            escape(&chart.unit)
        );
    }
    for (v, label) in &ticks {
        let y = f.y(*v);
        let colour = if (*v - lo).abs() < f64::EPSILON {
            AXIS
        } else {
            GRID
        };
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="1"/><text x="{}" y="{}" font-size="{SMALL}" text-anchor="end" dominant-baseline="middle" fill="{MUTED}">{}</text>"#,
            c(f.left),
            c(f.right),
            c(f.left - 6.0),
            c(y),
            escape(label),
            y = c(y),
        );
    }
    f
}

pub(super) fn x_labels(out: &mut String, chart: &Chart, f: &Frame, xs: &[f64]) {
    for i in label_indices(&chart.x_labels, f.width()) {
        let (Some(label), Some(x)) = (chart.x_labels.get(i), xs.get(i)) else {
            continue;
        };
        let w = text_width(label, SMALL) / 2.0;
        let x = x.clamp(w, WIDTH - w);
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{SMALL}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
            c(x),
            c(f.bottom + 18.0),
            escape(label)
        );
    }
    if !chart.x_title.is_empty() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{SMALL}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
            c(f.left + f.width() / 2.0),
            c(f.bottom + 38.0),
            escape(&chart.x_title)
        );
    }
}

pub(super) fn target_line(out: &mut String, chart: &Chart, f: &Frame) {
    let Some(t) = chart.target.as_ref().filter(|t| t.value.is_finite()) else {
        return;
    };
    let y = f.y(t.value);
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{MUTED}" stroke-width="2" stroke-dasharray="6 4"/><text x="{}" y="{}" font-size="{SMALL}" font-weight="600" fill="{MUTED}" text-anchor="end">{}</text>"#,
        c(f.left + 4.0),
        c(f.right),
        c(f.right),
        c(y - 6.0),
        escape(&t.label),
        y = c(y),
    );
}

/// Moves labels apart so none overlaps the next, keeping them inside `[lo, hi]`.
pub(super) fn spread(ys: &mut [(usize, f64)], gap: f64, lo: f64, hi: f64) {
    ys.sort_by(|a, b| a.1.total_cmp(&b.1));
    for i in 1..ys.len() {
        if ys[i].1 < ys[i - 1].1 + gap {
            ys[i].1 = ys[i - 1].1 + gap;
        }
    }
    if let Some(last) = ys.last().map(|l| l.1)
        && last > hi
    {
        let shift = last - hi;
        for y in ys.iter_mut() {
            y.1 -= shift;
        }
    }
    for y in ys.iter_mut() {
        y.1 = y.1.max(lo);
    }
}

pub(super) fn svg_root(chart: &Chart, height: f64, body: &str) -> Markup {
    maud::PreEscaped(format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{tid} {did}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="{FONT}" fill="{INK}"><title id="{tid}">{title}</title><desc id="{did}">{desc}</desc>{body}</svg>"#,
        w = c(WIDTH),
        h = c(height),
        tid = escape(&chart.title_id()),
        did = escape(&chart.desc_id()),
        title = escape(&chart.title),
        desc = escape(&chart.desc),
    ))
}
