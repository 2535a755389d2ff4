//! The line chart.

use std::fmt::Write as _;

use maud::Markup;

use super::scale::{c, text_width, with_unit};
use super::svg::{
    Swatch, dash_attr, empty, escape, figure, frame, legend, marker, spread, target_line, x_labels,
};
use super::{Chart, SMALL, WIDTH, look};

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
