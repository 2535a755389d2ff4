//! Charts as SVG made on the server: readable at a glance on a phone, accessible (a title, a
//! description and a data table for screen readers; lines and bars labelled, not told apart
//! by colour alone).
//!
//! Every chart is a pure function of its data returning markup: a `figure` with the SVG
//! (`role="img"`, `<title>` and `<desc>` named by `aria-labelledby`) and a `<details>` table
//! with the numbers, or a friendly message when there is nothing to draw. The SVG is drawn in a
//! 340-unit-wide `viewBox` scaled to the width of its box, so on a 390 px phone (a card inside
//! the page, about 324 px) one unit is about 0.95 px and the 14-unit text is about 13 px.
//! Colours come from the Okabe-Ito colour-blind-safe set, darkened to at least 4.5:1 on white;
//! each line also has its own dash pattern and marker, and each stacked layer its own texture.
//! No `style` attributes anywhere (the Content-Security-Policy forbids them): presentation
//! attributes and the classes in `charts.css` only.

use std::fmt::Write as _;

use maud::{Markup, html};
use time::Date;

/// The `viewBox` width every chart is drawn in.
pub const WIDTH: f64 = 340.0;
/// Text size of labels, in viewBox units.
const FONT: f64 = 14.0;
/// Text size of tick labels.
const SMALL: f64 = 13.0;
/// About how wide one character of label text is, for layout.
const CHAR: f64 = 7.4;
/// Height of the plotting area.
const PLOT_H: f64 = 150.0;

const INK: &str = "#1f1a1c";
const MUTED: &str = "#5a4f54";
const GRID: &str = "#e4dadf";
const AXIS: &str = "#8c7f85";

/// How one series is told apart: colour, dash pattern and marker (and its texture as a layer).
#[derive(Debug, Clone, Copy)]
struct Look {
    colour: &'static str,
    dash: Option<&'static str>,
    marker: Marker,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// Okabe-Ito blue, vermillion, bluish green and reddish purple, darkened for 4.5:1 on white.
const LOOKS: [Look; 4] = [
    Look {
        colour: "#0072b2",
        dash: None,
        marker: Marker::Circle,
    },
    Look {
        colour: "#b34700",
        dash: Some("7 4"),
        marker: Marker::Square,
    },
    Look {
        colour: "#00795a",
        dash: Some("2 3"),
        marker: Marker::Triangle,
    },
    Look {
        colour: "#a8437f",
        dash: Some("10 3 2 3"),
        marker: Marker::Diamond,
    },
];

fn look(i: usize) -> Look {
    LOOKS[i % LOOKS.len()]
}

/// One labelled series of values, one per x label (`None`: nothing that week).
#[derive(Debug, Clone, Default)]
pub struct Series {
    /// Its name in the legend and the table (`Goblet squat`).
    pub name: String,
    /// A short name for the label at the end of the line (`Lift`); empty for the value alone.
    pub short: String,
    /// The values, aligned with the chart's `x_labels`.
    pub values: Vec<Option<f64>>,
}

impl Series {
    /// A series with a name and values.
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>) -> Series {
        Series {
            name: name.into(),
            short: String::new(),
            values,
        }
    }

    /// With a short name for the end-of-line label.
    pub fn short(mut self, short: impl Into<String>) -> Series {
        self.short = short.into();
        self
    }
}

/// A dashed reference line (`150 min a week`).
#[derive(Debug, Clone)]
pub struct Target {
    /// Where it is.
    pub value: f64,
    /// What it means, written by the line.
    pub label: String,
}

/// What a chart shows: the same description serves every kind of chart.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    /// A unique slug for the element ids (`lift-goblet_squat`).
    pub id: String,
    /// Short title, for the SVG's `<title>` and the table's caption.
    pub title: String,
    /// What the chart shows in words, for screen readers (`<desc>`).
    pub desc: String,
    /// What the x axis counts (`Week starting`).
    pub x_title: String,
    /// One label per point or bar, oldest first.
    pub x_labels: Vec<String>,
    /// The unit of the values (`kg`, `minutes`), written on the y axis and by the values.
    pub unit: String,
    /// The series (lines, or bar layers from the bottom up).
    pub series: Vec<Series>,
    /// An optional dashed reference line.
    pub target: Option<Target>,
    /// A fixed y range (a 1-5 mood scale), else from 0 to a round number above the data.
    pub y_range: Option<(f64, f64)>,
    /// Named y ticks (`1 low`, `5 good`) instead of numbers; needs `y_range`.
    pub y_ticks: Vec<(f64, String)>,
    /// Said instead of an empty chart when there is nothing to draw.
    pub empty: String,
    /// Name the series in a legend even when there is only one (stacked bars).
    pub legend: bool,
}

impl Chart {
    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().copied().flatten())
            .filter(|v| v.is_finite())
    }

    fn has_data(&self) -> bool {
        !self.x_labels.is_empty() && self.values().next().is_some()
    }

    fn title_id(&self) -> String {
        format!("chart-{}-title", self.id)
    }

    fn desc_id(&self) -> String {
        format!("chart-{}-desc", self.id)
    }

    fn value(&self, series: usize, i: usize) -> Option<f64> {
        self.series
            .get(series)
            .and_then(|s| s.values.get(i).copied().flatten())
            .filter(|v| v.is_finite())
    }
}

// ---- numbers ------------------------------------------------------------------------------------

/// A coordinate for an attribute: one decimal, never NaN.
fn c(x: f64) -> String {
    if x.is_finite() {
        let r = (x * 10.0).round() / 10.0;
        if r.fract() == 0.0 {
            format!("{r:.0}")
        } else {
            format!("{r:.1}")
        }
    } else {
        "0".to_owned()
    }
}

/// A value for people: whole numbers without decimals, else one decimal; huge ones shortened.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    let a = v.abs();
    if a >= 1e9 {
        format!("{v:.1e}")
    } else if a >= 1e6 {
        format!("{}M", trim((v / 1e6 * 10.0).round() / 10.0))
    } else if a >= 1e4 {
        format!("{}k", trim((v / 1e3 * 10.0).round() / 10.0))
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else {
        trim((v * 10.0).round() / 10.0)
    }
}

fn trim(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A value with its unit (`12.5 kg`).
fn with_unit(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        number(v)
    } else {
        format!("{} {unit}", number(v))
    }
}

/// A round top for the y axis and the step between gridlines (about 3 steps).
fn nice_scale(max: f64, whole: bool) -> (f64, f64) {
    if !(max.is_finite() && max > 0.0) {
        return if whole { (1.0, 1.0) } else { (1.0, 0.5) };
    }
    let raw = max / 3.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = mag
        * if norm <= 1.0 {
            1.0
        } else if norm <= 2.0 {
            2.0
        } else if norm <= 2.5 && !whole {
            2.5
        } else if norm <= 5.0 {
            5.0
        } else {
            10.0
        };
    let step = if whole { step.max(1.0) } else { step };
    let top = (max / step).ceil() * step;
    if top.is_finite() && step.is_finite() && step > 0.0 {
        (top, step)
    } else {
        (max, max)
    }
}

/// The y range and its ticks.
fn y_axis(chart: &Chart, stacked: bool) -> (f64, f64, Vec<(f64, String)>) {
    if let Some((lo, hi)) = chart.y_range.filter(|(lo, hi)| lo.is_finite() && hi > lo) {
        let ticks = if chart.y_ticks.is_empty() {
            vec![(lo, number(lo)), (hi, number(hi))]
        } else {
            chart.y_ticks.clone()
        };
        return (lo, hi, ticks);
    }
    let mut max = if stacked {
        (0..chart.x_labels.len())
            .map(|i| {
                (0..chart.series.len())
                    .filter_map(|s| chart.value(s, i))
                    .map(|v| v.max(0.0))
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    } else {
        chart.values().fold(0.0, f64::max)
    };
    if let Some(t) = chart.target.as_ref().filter(|t| t.value.is_finite()) {
        // Room above the line for its label.
        max = max.max(t.value * 1.15);
    }
    let whole = chart.values().all(|v| v.fract() == 0.0)
        && chart.target.as_ref().is_none_or(|t| t.value.fract() == 0.0);
    let (top, step) = nice_scale(max, whole);
    let mut ticks = Vec::new();
    let mut v = 0.0;
    let mut guard = 0;
    while v <= top + step / 2.0 && guard < 12 {
        ticks.push((v, number(v)));
        v += step;
        guard += 1;
    }
    (0.0, top, ticks)
}

fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * CHAR * size / FONT
}

/// Which x labels to write: the first, the last and evenly between, as many as fit.
fn label_indices(labels: &[String], plot_w: f64) -> Vec<usize> {
    let n = labels.len();
    if n == 0 {
        return Vec::new();
    }
    let widest = labels
        .iter()
        .map(|l| text_width(l, SMALL))
        .fold(0.0, f64::max)
        + 10.0;
    let fit = ((plot_w / widest).floor() as usize).max(2);
    if n <= fit {
        return (0..n).collect();
    }
    let step = (n - 1).div_ceil(fit - 1);
    let mut out: Vec<usize> = (0..n).step_by(step.max(1)).collect();
    if out.last() != Some(&(n - 1)) {
        // Drop the one before the last if it would touch it.
        if let Some(&prev) = out.last()
            && n - 1 - prev < step
            && out.len() > 1
        {
            out.pop();
        }
        out.push(n - 1);
    }
    out
}

// ---- the parts of a chart -------------------------------------------------------------------------

/// The figure around an SVG: the drawing and the table of numbers.
fn figure(chart: &Chart, height: f64, body: &str) -> Markup {
    html! {
        figure.chart {
            (svg_root(chart, height, body))
            (table(chart))
        }
    }
}

/// The numbers behind a chart, in a table under a disclosure.
fn table(chart: &Chart) -> Markup {
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
fn empty(chart: &Chart) -> Markup {
    html! {
        div.chart-empty {
            p { (if chart.empty.is_empty() { "Nothing logged yet." } else { chart.empty.as_str() }) }
        }
    }
}

/// Escapes text for SVG made with `format!`.
fn escape(text: &str) -> String {
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

fn marker(out: &mut String, m: Marker, x: f64, y: f64, colour: &str) {
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

fn dash_attr(dash: Option<&str>) -> String {
    dash.map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default()
}

/// One legend item's sample: a short line with the series' dash and marker, or a swatch.
enum Swatch {
    Line(Look),
    Layer(usize, String),
}

/// Legend items, flowed into rows across the width. Returns the height used.
fn legend(out: &mut String, items: &[(Swatch, String)], top: f64) -> f64 {
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
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    lo: f64,
    hi: f64,
    height: f64,
}

impl Frame {
    fn y(&self, v: f64) -> f64 {
        let span = self.hi - self.lo;
        let t = if span > 0.0 {
            (v - self.lo) / span
        } else {
            0.0
        };
        self.bottom - t.clamp(-0.05, 1.05) * (self.bottom - self.top)
    }

    fn width(&self) -> f64 {
        self.right - self.left
    }
}

fn frame(
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

fn x_labels(out: &mut String, chart: &Chart, f: &Frame, xs: &[f64]) {
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

fn target_line(out: &mut String, chart: &Chart, f: &Frame) {
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
fn spread(ys: &mut [(usize, f64)], gap: f64, lo: f64, hi: f64) {
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

// ---- line chart ----------------------------------------------------------------------------------

/// Lines over weeks (or days): one per series with its own colour, dash and markers, the last
/// value written at the end of each line, and an optional dashed target.
pub fn line_chart(chart: &Chart) -> Markup {
    if !chart.has_data() {
        return empty(chart);
    }
    let n = chart.x_labels.len();
    let end_labels: Vec<Option<(usize, String)>> = chart
        .series
        .iter()
        .enumerate()
        .map(|(s, series)| {
            let last = (0..n)
                .rev()
                .find_map(|i| chart.value(s, i).map(|v| (i, v)))?;
            let value = with_unit(last.1, &chart.unit);
            let text = if series.short.is_empty() {
                value
            } else {
                format!("{} {value}", series.short)
            };
            Some((last.0, text))
        })
        .collect();
    let right_margin = end_labels
        .iter()
        .flatten()
        .map(|(_, t)| text_width(t, SMALL) + 14.0)
        .fold(16.0, f64::max)
        .min(WIDTH * 0.45);

    let mut out = String::new();
    let mut items: Vec<(Swatch, String)> = Vec::new();
    if chart.series.len() > 1 {
        for (s, series) in chart.series.iter().enumerate() {
            items.push((Swatch::Line(look(s)), series.name.clone()));
        }
    }
    let legend_h = legend(&mut out, &items, 0.0);
    let f = frame(&mut out, chart, legend_h, right_margin, false);
    let xs: Vec<f64> = (0..n)
        .map(|i| {
            if n == 1 {
                f.left + f.width() / 2.0
            } else {
                f.left + 6.0 + (f.width() - 12.0) * i as f64 / (n - 1) as f64
            }
        })
        .collect();
    target_line(&mut out, chart, &f);
    let markers_everywhere = n <= 20;
    let mut label_ys: Vec<(usize, f64)> = Vec::new();
    for (s, _) in chart.series.iter().enumerate() {
        let l = look(s);
        let points: Vec<(f64, f64)> = (0..n)
            .filter_map(|i| chart.value(s, i).map(|v| (xs[i], f.y(v))))
            .collect();
        if points.len() > 1 {
            let d: Vec<String> = points
                .iter()
                .enumerate()
                .map(|(k, (x, y))| format!("{}{},{}", if k == 0 { "M" } else { "L" }, c(*x), c(*y)))
                .collect();
            let _ = write!(
                out,
                r#"<path d="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"{}/>"#,
                d.join(" "),
                l.colour,
                dash_attr(l.dash)
            );
        }
        let shown: Vec<&(f64, f64)> = if markers_everywhere {
            points.iter().collect()
        } else {
            points.last().into_iter().collect()
        };
        for (x, y) in shown {
            marker(&mut out, l.marker, *x, *y, l.colour);
        }
        if let Some((x, y)) = points.last() {
            let _ = x;
            label_ys.push((s, *y));
        }
    }
    let mut spread_ys = label_ys.clone();
    spread(&mut spread_ys, 16.0, f.top - 8.0, f.bottom + 4.0);
    for (s, y) in spread_ys {
        let Some(Some((i, text))) = end_labels.get(s) else {
            continue;
        };
        let x = xs[*i] + 8.0;
        let anchor_end = x + text_width(text, SMALL) > WIDTH;
        let (x, anchor) = if anchor_end {
            (WIDTH - 1.0, "end")
        } else {
            (x, "start")
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{SMALL}" font-weight="700" fill="{}" text-anchor="{anchor}" dominant-baseline="middle">{}</text>"#,
            c(x),
            c(y),
            look(s).colour,
            escape(text)
        );
    }
    x_labels(&mut out, chart, &f, &xs);
    figure(chart, f.height, &out)
}

// ---- bar chart -----------------------------------------------------------------------------------

fn layer_fill(i: usize, pattern_id: &str) -> String {
    if i.is_multiple_of(LOOKS.len()) {
        look(i).colour.to_owned()
    } else {
        format!("url(#{pattern_id}-{i})")
    }
}

/// Textures for the layers after the first: stripes, dots, cross-hatch.
fn patterns(out: &mut String, pattern_id: &str, layers: usize) {
    out.push_str("<defs>");
    for i in 1..layers {
        let colour = look(i).colour;
        let id = format!("{pattern_id}-{i}");
        let _ = match i % LOOKS.len() {
            1 => write!(
                out,
                r##"<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{colour}"/><line x1="0" y1="0" x2="0" y2="6" stroke="white" stroke-width="2"/></pattern>"##
            ),
            2 => write!(
                out,
                r##"<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{colour}"/><circle cx="3" cy="3" r="1.3" fill="white"/></pattern>"##
            ),
            _ => write!(
                out,
                r##"<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{colour}"/><line x1="0" y1="3" x2="6" y2="3" stroke="white" stroke-width="1.5"/></pattern>"##
            ),
        };
    }
    out.push_str("</defs>");
}

/// Bars per week: one series as plain bars, several stacked from the bottom up (each layer its
/// own colour and texture, named in a legend), the total written over each bar when they fit
/// (else over the last), and an optional dashed target.
pub fn bar_chart(chart: &Chart) -> Markup {
    if !chart.has_data() {
        return empty(chart);
    }
    let n = chart.x_labels.len();
    let stacked = chart.series.len() > 1;
    let pattern_id = format!("chart-{}-fill", chart.id);
    let mut out = String::new();
    if stacked {
        patterns(&mut out, &pattern_id, chart.series.len());
    }
    let mut items: Vec<(Swatch, String)> = Vec::new();
    if stacked || chart.legend {
        for (s, series) in chart.series.iter().enumerate() {
            items.push((Swatch::Layer(s, pattern_id.clone()), series.name.clone()));
        }
    }
    let legend_h = legend(&mut out, &items, 0.0);
    let f = frame(&mut out, chart, legend_h, 8.0, true);
    let band = f.width() / n as f64;
    let bar_w = (band * 0.7).min(44.0);
    let xs: Vec<f64> = (0..n).map(|i| f.left + band * (i as f64 + 0.5)).collect();
    let totals: Vec<f64> = (0..n)
        .map(|i| {
            (0..chart.series.len())
                .filter_map(|s| chart.value(s, i))
                .map(|v| v.max(0.0))
                .sum()
        })
        .collect();
    let label_all = n <= 8;
    for (i, x) in xs.iter().enumerate() {
        let mut base = 0.0;
        for s in 0..chart.series.len() {
            let Some(v) = chart.value(s, i).map(|v| v.max(0.0)) else {
                continue;
            };
            if v <= 0.0 {
                continue;
            }
            let y0 = f.y(base);
            let y1 = f.y(base + v);
            let fill = if stacked || chart.legend {
                layer_fill(s, &pattern_id)
            } else {
                "#0072b2".to_owned()
            };
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="{}" stroke-width="{}"/>"#,
                c(x - bar_w / 2.0),
                c(y1),
                c(bar_w),
                c((y0 - y1).max(0.5)),
                if stacked { look(s).colour } else { "none" },
                if stacked { "1" } else { "0" },
            );
            base += v;
        }
        let has_any = (0..chart.series.len()).any(|s| chart.value(s, i).is_some());
        if has_any && (label_all || i == n - 1) {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{SMALL}" font-weight="700" text-anchor="middle">{}</text>"#,
                c(*x),
                c(f.y(totals[i]) - 6.0),
                escape(&number(totals[i]))
            );
        }
    }
    target_line(&mut out, chart, &f);
    x_labels(&mut out, chart, &f, &xs);
    figure(chart, f.height, &out)
}

// ---- calendar and strips -------------------------------------------------------------------------

/// One day or week in a strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Nothing done (an empty box).
    Empty,
    /// Some done: how many of the day's sets (a light box with the number).
    Partial(u8),
    /// All done, or a good week (a dark box with a tick).
    Done,
    /// Symptoms noted (an amber box with `!`).
    Warn,
    /// Nothing logged at all (a dashed box with a dash).
    NoData,
    /// Not yet (after today): not drawn.
    Future,
}

impl Mark {
    fn words(self) -> String {
        match self {
            Mark::Empty => "none".to_owned(),
            Mark::Partial(n) => format!("{n} done"),
            Mark::Done => "done".to_owned(),
            Mark::Warn => "symptoms".to_owned(),
            Mark::NoData => "nothing logged".to_owned(),
            Mark::Future => "to come".to_owned(),
        }
    }
}

const DONE_FILL: &str = "#00795a";
const PARTIAL_FILL: &str = "#cfe8df";
const WARN_FILL: &str = "#fff3dc";
const WARN_INK: &str = "#8a4b00";

fn cell(out: &mut String, mark: Mark, x: f64, y: f64, size: f64, today: bool) {
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

fn svg_root(chart: &Chart, height: f64, body: &str) -> Markup {
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

/// `24 Nov`: a short date for axes.
pub fn short_date(date: Date) -> String {
    let fmt = time::macros::format_description!("[day padding:none] [month repr:short]");
    date.format(&fmt).unwrap_or_else(|_| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that every tag opened is closed, in order (a tiny XML well-formedness check).
    fn balanced(svg: &str) -> Result<(), String> {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let end = rest.find('>').ok_or("unclosed <")?;
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if tag.starts_with('!') || tag.starts_with('?') {
                continue;
            }
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack
                    .pop()
                    .ok_or_else(|| format!("</{name}> closes nothing"))?;
                if open != name.trim() {
                    return Err(format!("<{open}> closed by </{name}>"));
                }
            } else if !tag.ends_with('/') {
                let name = tag.split_whitespace().next().unwrap_or("").to_owned();
                if !matches!(name.as_str(), "input" | "br" | "meta" | "link" | "img") {
                    stack.push(name);
                }
            }
        }
        if stack.is_empty() {
            Ok(())
        } else {
            Err(format!("left open: {stack:?}"))
        }
    }

    fn check(html: &str) {
        balanced(html).unwrap_or_else(|e| panic!("{e}: {html}"));
        assert!(!html.contains("NaN") && !html.contains("inf"), "{html}");
        assert!(!html.contains("style="), "no inline style: {html}");
    }

    fn weeks(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("W{}", i + 1)).collect()
    }

    fn lift(values: Vec<Option<f64>>) -> Chart {
        Chart {
            id: "lift".into(),
            title: "Goblet squat".into(),
            desc: "Heaviest load each week".into(),
            x_title: "Week starting".into(),
            x_labels: weeks(values.len()),
            unit: "kg".into(),
            series: vec![Series::new("Heaviest load", values)],
            empty: "Nothing logged yet: your lifts appear here.".into(),
            ..Chart::default()
        }
    }

    #[test]
    fn a_line_chart_is_valid_accessible_svg_with_its_last_value() {
        let html = line_chart(&lift(vec![Some(8.0), None, Some(10.0), Some(12.5)])).into_string();
        check(&html);
        assert!(html.contains(r#"role="img""#));
        assert!(html.contains(r#"aria-labelledby="chart-lift-title chart-lift-desc""#));
        assert!(html.contains(r#"<title id="chart-lift-title">Goblet squat</title>"#));
        assert!(html.contains(r#"<desc id="chart-lift-desc">Heaviest load each week</desc>"#));
        assert!(html.contains(">12.5 kg</text>"), "end label: {html}");
        assert!(
            html.contains("<details")
                && html.contains("<td>12.5</td>")
                && html.contains("<td>–</td>")
        );
        assert!(html.contains(r#"viewBox="0 0 340 "#) && html.contains(r#"width="100%""#));
    }

    #[test]
    fn nothing_to_draw_says_so() {
        for chart in [
            lift(vec![]),
            lift(vec![None, None]),
            lift(vec![Some(f64::NAN)]),
        ] {
            let html = line_chart(&chart).into_string();
            check(&html);
            assert!(
                html.contains("Nothing logged yet") && !html.contains("<svg"),
                "{html}"
            );
            let html = bar_chart(&chart).into_string();
            assert!(
                html.contains("Nothing logged yet") && !html.contains("<svg"),
                "{html}"
            );
        }
    }

    #[test]
    fn one_point_zero_and_huge_values_draw_without_nan() {
        for values in [
            vec![Some(5.0)],
            vec![Some(0.0), Some(0.0)],
            vec![Some(1e15), Some(3e300)],
            vec![Some(-2.0), Some(f64::INFINITY), Some(4.0)],
        ] {
            let chart = lift(values);
            let html = line_chart(&chart).into_string();
            check(&html);
            assert!(html.contains("<svg"), "{html}");
            let html = bar_chart(&chart).into_string();
            check(&html);
        }
        let html = line_chart(&lift(vec![Some(5.0)])).into_string();
        assert!(
            html.contains(">5 kg</text>") && html.contains("<circle"),
            "{html}"
        );
    }

    #[test]
    fn series_differ_by_dash_and_marker_and_are_labelled() {
        let chart = Chart {
            id: "load".into(),
            title: "Everyday load".into(),
            desc: "d".into(),
            x_labels: weeks(3),
            unit: "kg".into(),
            series: vec![
                Series::new("Baby and car seat", vec![Some(9.8), Some(9.9), Some(10.0)])
                    .short("Baby"),
                Series::new("Plan lift", vec![None, Some(4.0), Some(6.0)]).short("Lift"),
            ],
            ..Chart::default()
        };
        let html = line_chart(&chart).into_string();
        check(&html);
        assert!(html.contains("stroke-dasharray=\"7 4\"") && html.contains("<rect"));
        assert!(html.contains(">Baby 10 kg</text>") && html.contains(">Lift 6 kg</text>"));
        assert!(html.contains(">Baby and car seat</text>"), "legend: {html}");
    }

    #[test]
    fn bars_show_the_target_and_totals() {
        let mut chart = lift(vec![Some(90.0), Some(160.0), Some(0.0)]);
        chart.unit = "minutes".into();
        chart.target = Some(Target {
            value: 150.0,
            label: "150 min a week".into(),
        });
        let html = bar_chart(&chart).into_string();
        check(&html);
        assert!(
            html.contains(">150 min a week</text>") && html.contains("stroke-dasharray=\"6 4\"")
        );
        assert!(html.contains(">160</text>") && html.contains(">0</text>"));

        let stacked = Chart {
            series: vec![
                Series::new("Legs", vec![Some(6.0), Some(9.0)]),
                Series::new("Upper body", vec![Some(3.0), None]),
                Series::new("Core", vec![Some(2.0), Some(2.0)]),
            ],
            x_labels: weeks(2),
            ..chart
        };
        let html = bar_chart(&stacked).into_string();
        check(&html);
        assert!(
            html.contains("<pattern")
                && html.contains(">11</text>")
                && html.contains(">Upper body</text>")
        );
    }

    #[test]
    fn calendar_and_strip() {
        let first = time::macros::date!(2026 - 11 - 02);
        let mut days = vec![Mark::Done, Mark::Partial(2), Mark::Empty];
        days.extend([Mark::Future; 4]);
        let chart = Chart {
            id: "pf".into(),
            title: "Pelvic floor".into(),
            desc: "d".into(),
            empty: "Nothing ticked yet.".into(),
            ..Chart::default()
        };
        let html = calendar(
            &chart,
            first,
            &days,
            Some(time::macros::date!(2026 - 11 - 04)),
        )
        .into_string();
        check(&html);
        assert!(html.contains("✓") && html.contains(">2</text>") && html.contains(">2 Nov</text>"));
        assert!(html.contains("<td>done</td><td>2 done</td><td>none</td>"));
        let html = calendar(&chart, first, &[Mark::Future; 7], None).into_string();
        assert!(html.contains("Nothing ticked yet"));
        let html = calendar(&chart, first, &[Mark::Empty; 7], None).into_string();
        assert!(html.contains("Nothing ticked yet") && !html.contains("<svg"));

        let chart = Chart {
            x_labels: weeks(3),
            x_title: "Week".into(),
            ..chart
        };
        let html = strip(&chart, &[Mark::Done, Mark::Warn, Mark::NoData]).into_string();
        check(&html);
        assert!(html.contains(">!</text>") && html.contains("<td>symptoms</td>"));
    }

    #[test]
    fn labels_are_escaped_and_thinned() {
        let mut chart = lift(vec![Some(1.0); 30]);
        chart.title = "<script>".into();
        let html = line_chart(&chart).into_string();
        check(&html);
        assert!(!html.contains("<script>"));
        let shown = label_indices(&chart.x_labels, 260.0);
        assert!(
            shown.len() < 30 && shown.first() == Some(&0) && shown.last() == Some(&29),
            "{shown:?}"
        );
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(12.25), "12.3");
        assert_eq!(number(150.4), "150");
        assert_eq!(number(25_000.0), "25k");
        assert_eq!(number(f64::NAN), "–");
        assert_eq!(nice_scale(0.0, false), (1.0, 0.5));
        assert_eq!(nice_scale(150.0, true), (150.0, 50.0));
        assert_eq!(nice_scale(12.5, false), (15.0, 5.0));
        assert_eq!(nice_scale(1.0, true), (1.0, 1.0), "no half sets");
        assert_eq!(nice_scale(7.0, true), (10.0, 5.0));
        assert_eq!(nice_scale(7.0, false), (7.5, 2.5));
    }
}
