//! Numbers and scales: coordinates, tick values, the y axis and which x labels fit.

use super::{CHAR, Chart, FONT, SMALL};

/// A coordinate for an attribute: one decimal, never NaN.
pub(super) fn c(x: f64) -> String {
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

pub(super) fn trim(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A value with its unit (`12.5 kg`).
pub(super) fn with_unit(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        number(v)
    } else {
        format!("{} {unit}", number(v))
    }
}

/// A round top for the y axis and the step between gridlines (about 3 steps).
pub(super) fn nice_scale(max: f64, whole: bool) -> (f64, f64) {
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
pub(super) fn y_axis(chart: &Chart, stacked: bool) -> (f64, f64, Vec<(f64, String)>) {
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

pub(super) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * CHAR * size / FONT
}

/// Which x labels to write: the first, the last and evenly between, as many as fit.
pub(super) fn label_indices(labels: &[String], plot_w: f64) -> Vec<usize> {
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
