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

mod bar;
mod calendar;
mod line;
mod scale;
mod svg;

use time::Date;

pub use bar::bar_chart;
pub use calendar::{calendar, strip};
pub use line::line_chart;
pub use scale::number;

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

/// `24 Nov`: a short date for axes.
pub fn short_date(date: Date) -> String {
    let fmt = time::macros::format_description!("[day padding:none] [month repr:short]");
    date.format(&fmt).unwrap_or_else(|_| date.to_string())
}

#[cfg(test)]
mod tests;
