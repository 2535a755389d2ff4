use super::scale::{label_indices, nice_scale};
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
        html.contains("<details") && html.contains("<td>12.5</td>") && html.contains("<td>–</td>")
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
            Series::new("Baby and car seat", vec![Some(9.8), Some(9.9), Some(10.0)]).short("Baby"),
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
    assert!(html.contains(">150 min a week</text>") && html.contains("stroke-dasharray=\"6 4\""));
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
