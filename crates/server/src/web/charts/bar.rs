//! The bar chart, plain or stacked.

use std::fmt::Write as _;

use maud::Markup;

use super::scale::{c, number};
use super::svg::{Swatch, empty, escape, figure, frame, legend, target_line, x_labels};
use super::{Chart, LOOKS, SMALL, look};

pub(super) fn layer_fill(i: usize, pattern_id: &str) -> String {
    if i.is_multiple_of(LOOKS.len()) {
        look(i).colour.to_owned()
    } else {
        format!("url(#{pattern_id}-{i})")
    }
}

/// Textures for the layers after the first: stripes, dots, cross-hatch.
pub(super) fn patterns(out: &mut String, pattern_id: &str, layers: usize) {
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
