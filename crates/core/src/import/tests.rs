use super::csv::Records;
use super::names::words;
use super::values::{number, parse_datetime, parse_duration};
use time::macros::datetime;

#[test]
fn dates_in_every_form_the_apps_write() {
    let cases = [
        ("2025-03-04 09:15:00", datetime!(2025-03-04 09:15:00)),
        ("2025-03-04T09:15", datetime!(2025-03-04 09:15:00)),
        ("21 Feb 2025, 07:17", datetime!(2025-02-21 07:17:00)),
        ("Jan 1, 2024, 10:00 AM", datetime!(2024-01-01 10:00:00)),
        ("Jan 1, 2024, 12:30 AM", datetime!(2024-01-01 00:30:00)),
        ("Dec 31, 2024, 12:05 PM", datetime!(2024-12-31 12:05:00)),
        (
            "Mar 4, 2025, 7:05\u{202f}PM",
            datetime!(2025-03-04 19:05:00),
        ),
        ("05.06.2026, 07:30", datetime!(2026-06-05 07:30:00)),
        ("2024-02-01 07:00:00", datetime!(2024-02-01 07:00:00)),
        ("2025-03-04", datetime!(2025-03-04 00:00:00)),
        ("04/03/2025", datetime!(2025-03-04 00:00:00)),
        ("2025/03/04", datetime!(2025-03-04 00:00:00)),
        ("4 September 2025 18:00", datetime!(2025-09-04 18:00:00)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_datetime(text), Some(expected), "{text}");
    }
    for bad in [
        "",
        "2025-13-01",
        "2025-02-30 10:00",
        "12/25/2025",
        "25:00",
        "2025-03-04 25:00",
        "Jan 1, 2024, 13:00 PM",
        "1949-12-31",
        "Foo 1, 2024",
        "2025-03-04 09:15:00 +01:00",
        "5.6.26",
    ] {
        assert_eq!(parse_datetime(bad), None, "{bad}");
    }
}

#[test]
fn durations_in_every_form() {
    for (text, seconds) in [
        ("29m", 29 * 60),
        ("1h 5m", 3900),
        ("1h5m30s", 3930),
        ("45s", 45),
        ("0:01:48", 108),
        ("30:00", 1800),
        ("2100", 2100),
        ("30.0", 30),
        ("1 h 5 min", 3900),
    ] {
        assert_eq!(parse_duration(text), Some(seconds), "{text}");
    }
    for bad in ["", "m", "5x", "1:60:00", "-5", "1:2:3:4", "99999999999h"] {
        assert_eq!(parse_duration(bad), None, "{bad}");
    }
}

#[test]
fn numbers_are_plain_decimals() {
    assert_eq!(number("62,5", true), Some(62.5));
    assert_eq!(number("62,5", false), None);
    assert_eq!(number(" 20.0 ", false), Some(20.0));
    for bad in ["inf", "NaN", "1e3", "1.2.3", "-", ".", "1,000.5x"] {
        assert_eq!(number(bad, true), None, "{bad}");
    }
}

#[test]
fn the_reader_keeps_physical_lines() {
    let text = "a,b\n\"x\ny\",2\r\n\n\"q\"\"q\",3\rlast,4\n \n\"r\rs\",5\n6,\"t";
    let mut records = Records::new(text, b',');
    let mut seen = Vec::new();
    let names = ["one".to_owned(), "two".to_owned()];
    let unclosed = loop {
        match records.next(Some(&names)) {
            Ok(Some(line)) => seen.push((
                line,
                records
                    .fields()
                    .iter()
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            )),
            Ok(None) => panic!("expected an unclosed quote"),
            Err(e) => break e,
        }
    };
    let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // Blank lines are skipped; a lone `\r` ends a line, except inside quotes.
    assert_eq!(
        seen,
        vec![
            (1, strs(&["a", "b"])),
            (2, strs(&["x\ny", "2"])),
            (5, strs(&["q\"q", "3"])),
            (6, strs(&["last", "4"])),
            (8, strs(&["r\rs", "5"])),
        ]
    );
    assert_eq!((unclosed.line, unclosed.column.as_str()), (Some(9), "two"));

    // Without any `\r`, the same lines.
    let mut records = Records::new("a\n\n\"x\ny\",2\n3,4\n", b',');
    let lines: Vec<_> = std::iter::from_fn(|| records.next(None).unwrap()).collect();
    assert_eq!(lines, [1, 3, 5]);
}

#[test]
fn words_spell_out_shorthands() {
    assert_eq!(words("Push-ups (DB)"), ["press", "up", "dumbbell"]);
    assert_eq!(words("Farmer's Walks"), ["farmer", "walk"]);
    assert_eq!(words("Bench Press"), ["bench", "press"]);
    assert_eq!(words("Single Arm Row"), ["one", "arm", "row"]);
}
