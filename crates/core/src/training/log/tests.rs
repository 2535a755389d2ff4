use super::*;
use crate::library::Pattern;
use time::macros::date;

/// A tiny valid library: one root per pattern, with a squat (reps), a plank (seconds) and a
/// carry (metres) among them.
fn library() -> Library {
    let mut text = String::from("version = \"test\"\n");
    for pattern in Pattern::ALL {
        let (id, dose) = match pattern {
            Pattern::Squat => ("bodyweight_squat", "reps"),
            Pattern::Core => ("plank", "seconds"),
            Pattern::Carry => ("suitcase_carry", "distance"),
            Pattern::Glutes => ("glute_bridge", "reps"),
            _ => (pattern.as_str(), "reps"),
        };
        text.push_str(&format!(
            r#"
[[exercise]]
id = "{id}"
name = "{id}"
pattern = "{pattern}"
focus = ["legs"]
equipment = ["bodyweight"]
impact = "none"
pressure = "low"
level = 1
earliest_weeks = 0
earliest_weeks_caesarean = 0
dose = "{dose}"
range = [8, 12]
cues = ["Exhale on the effort", "Stay tall"]
"#,
            pattern = pattern.as_str()
        ));
    }
    Library::parse(&text).unwrap()
}

fn csv(text: &str) -> Result<TrainingLog, LogError> {
    TrainingLog::parse(text, LogFormat::Csv, &library())
}

fn json(text: &str) -> Result<TrainingLog, LogError> {
    TrainingLog::parse(text, LogFormat::Json, &library())
}

fn csv_err(text: &str) -> LogError {
    csv(text).unwrap_err()
}

fn json_err(text: &str) -> LogError {
    json(text).unwrap_err()
}

#[test]
fn formats_come_from_file_names() {
    assert_eq!(LogFormat::from_file_name("log.csv"), Some(LogFormat::Csv));
    assert_eq!(LogFormat::from_file_name("A.JSON"), Some(LogFormat::Json));
    assert_eq!(LogFormat::from_file_name("log.toml"), None);
    assert_eq!(LogFormat::from_file_name("csv"), None);
}

#[test]
fn a_good_csv_log_is_read_and_sorted() {
    let log = csv("\
# my log
Date, Exercise ,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after

2026-11-26,plank,2,30,,,7,urinary_leakage,pelvic_heaviness
2026-11-24,bodyweight_squat,3,10/10/8,10,4.5,6,none,
2026-11-24,glute_bridge,2,12,12,0,,,
")
    .unwrap();
    assert_eq!(log.entries.len(), 3);
    assert_eq!(log.last_date(), Some(date!(2026 - 11 - 26)));
    assert!(!log.is_empty());
    let squat = &log.entries[0];
    assert_eq!(squat.line, 5);
    assert_eq!(squat.date, date!(2026 - 11 - 24));
    assert_eq!(squat.exercise, "bodyweight_squat");
    assert_eq!(squat.sets, 3);
    assert_eq!(squat.reps, vec![10, 10, 8]);
    assert_eq!(squat.target_reps, Some(10));
    assert_eq!(squat.load_kg, Some(4.5));
    assert_eq!(squat.rpe, Some(6));
    assert!(!squat.has_symptoms());
    let bridge = &log.entries[1];
    assert_eq!(bridge.line, 6);
    assert_eq!(bridge.reps, vec![12, 12]);
    assert_eq!(bridge.load_kg, None, "0 kg is bodyweight");
    assert_eq!(bridge.rpe, None);
    let plank = &log.entries[2];
    assert_eq!(plank.line, 4);
    assert_eq!(plank.reps, vec![30, 30]);
    assert_eq!(plank.symptoms_during, vec![Symptom::UrinaryLeakage]);
    assert_eq!(plank.symptoms_after, vec![Symptom::PelvicHeaviness]);
    assert!(plank.red_flags.is_empty());
    assert!(plank.has_symptoms());
}

#[test]
fn a_header_only_log_is_empty() {
    let log = csv("date,exercise,sets,reps\n").unwrap();
    assert!(log.is_empty());
    assert_eq!(log.last_date(), None);
    assert!(json("[]").unwrap().is_empty());
}

#[test]
fn a_good_json_log_is_read() {
    let log = json(
        r#"[
              {"date": "2026-11-26", "exercise": "suitcase_carry", "sets": 2, "reps": [20, 15],
               "load_kg": 8, "rpe": null, "symptoms": ["low_back_pain"],
               "symptoms_after": ["fever", "perineal_pain"]},
              {"date": "2026-11-25", "exercise": "plank", "sets": 3, "reps": 20,
               "target_reps": 30, "symptoms_during": []}
            ]"#,
    )
    .unwrap();
    assert_eq!(log.entries.len(), 2);
    let plank = &log.entries[0];
    assert_eq!(plank.line, 2);
    assert_eq!(plank.reps, vec![20, 20, 20]);
    assert_eq!(plank.target_reps, Some(30));
    assert_eq!(plank.load_kg, None);
    let carry = &log.entries[1];
    assert_eq!(carry.line, 1);
    assert_eq!(carry.reps, vec![20, 15]);
    assert_eq!(carry.load_kg, Some(8.0));
    assert_eq!(carry.rpe, None);
    assert_eq!(carry.symptoms_during, vec![Symptom::LowBackPain]);
    assert_eq!(carry.symptoms_after, vec![Symptom::PerinealPain]);
    assert_eq!(carry.red_flags, vec![RedFlag::Fever]);
    // The entry serialises with an ISO date.
    let out = serde_json::to_value(carry).unwrap();
    assert_eq!(out["date"], "2026-11-26");
    assert_eq!(out["red_flags"][0], "fever");
}

#[test]
fn semicolon_csv_with_a_decimal_comma_and_a_bom() {
    let log = csv("\u{feff}DATE;exercise;sets;reps;load_kg;symptoms\r\n\
                       2026-11-24;bodyweight_squat;3;10;2,5;urinary_leakage|low_back_pain\r\n")
    .unwrap();
    let e = &log.entries[0];
    assert_eq!(e.line, 2);
    assert_eq!(e.load_kg, Some(2.5));
    assert_eq!(
        e.symptoms_during,
        vec![Symptom::UrinaryLeakage, Symptom::LowBackPain]
    );
    // A decimal comma is not accepted in a comma-separated file (it would be a new field),
    // and a quoted one is refused with the example.
    let err = csv_err("date,exercise,sets,reps,load_kg\n2026-11-24,plank,1,10,\"2,5\"\n");
    assert_eq!(err.field, "load_kg");
    assert!(err.message.contains("`2.5`"), "{err}");
}

#[test]
fn a_bom_before_a_comma_header_is_stripped() {
    let log = csv("\u{feff}date,exercise,sets,reps\n2026-11-24,plank,1,45\n").unwrap();
    assert_eq!(log.entries[0].reps, vec![45]);
}

#[test]
fn symptoms_split_on_spaces_pipes_and_semicolons_and_red_flags_are_collected() {
    let log = csv("\
date,exercise,sets,reps,symptoms,symptoms_after
2026-11-24,plank,1,20,urinary_leakage heavy_bleeding;urinary_leakage,chest_pain | HEAVY_BLEEDING
")
    .unwrap();
    let e = &log.entries[0];
    assert_eq!(e.symptoms_during, vec![Symptom::UrinaryLeakage]);
    assert!(e.symptoms_after.is_empty());
    assert_eq!(
        e.red_flags,
        vec![RedFlag::HeavyBleeding, RedFlag::ChestPain]
    );
}

#[test]
fn errors_name_the_line_and_field() {
    let head = "date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after\n";
    let row = |cells: &str| csv_err(&format!("{head}{cells}\n"));

    let e = row("2026-11-24,plank,1,20,,,11,,");
    assert_eq!(
        e.to_string(),
        "log line 2, `rpe`: expected a whole number from 1 to 10, got `11`"
    );
    assert_eq!(e.line, Some(2));

    let e = row("2026-02-30,plank,1,20,,,,,");
    assert_eq!(e.field, "date");
    assert!(e.message.contains("not a real calendar date"), "{e}");
    assert!(
        row("24/11/2026,plank,1,20,,,,,")
            .message
            .contains("YYYY-MM-DD")
    );
    assert!(
        row("1900-01-01,plank,1,20,,,,,")
            .message
            .contains("out of range")
    );
    assert_eq!(
        row(",plank,1,20,,,,,").message,
        "missing; expected a date as YYYY-MM-DD, e.g. 2026-11-24"
    );

    let e = row("2026-11-24,plnk,1,20,,,,,");
    assert_eq!(
        e.to_string(),
        "log line 2, `exercise`: unknown exercise `plnk`; did you mean `plank`?"
    );
    let e = row("2026-11-24,deadlift_with_a_barbell,1,20,,,,,");
    assert_eq!(
        e.message,
        "unknown exercise `deadlift_with_a_barbell`; see `mumstrong exercises` for the ids"
    );

    assert_eq!(
        row("2026-11-24,plank,0,20,,,,,").message,
        "expected a whole number from 1 to 20, got `0`"
    );
    assert_eq!(row("2026-11-24,plank,21,20,,,,,").field, "sets");
    assert_eq!(row("2026-11-24,plank,two,20,,,,,").field, "sets");

    assert_eq!(
        row("2026-11-24,plank,3,10/10,,,,,").message,
        "expected 3 numbers separated by `/` (one for each set, as `sets` says), got 2"
    );
    assert_eq!(
        row("2026-11-24,plank,2,10/x,,,,,").message,
        "set 2: expected a whole number from 0 to 1000, got `x`"
    );
    assert_eq!(row("2026-11-24,plank,1,1001,,,,,").field, "reps");
    assert_eq!(row("2026-11-24,plank,1,-1,,,,,").field, "reps");
    assert_eq!(
        row("2026-11-24,plank,1,,,,,,").message.split(';').next(),
        Some("missing")
    );

    assert_eq!(row("2026-11-24,plank,1,20,0,,,,").field, "target_reps");
    assert_eq!(row("2026-11-24,plank,1,20,,301,,,").field, "load_kg");
    assert_eq!(row("2026-11-24,plank,1,20,,-2,,,").field, "load_kg");
    assert_eq!(row("2026-11-24,plank,1,20,,NaN,,,").field, "load_kg");
    assert_eq!(row("2026-11-24,plank,1,20,,,0,,").field, "rpe");
    assert_eq!(row("2026-11-24,plank,1,20,,,7.5,,").field, "rpe");

    let e = row("2026-11-24,plank,1,20,,,,leaky,");
    assert_eq!(e.field, "symptoms");
    assert!(
        e.message
            .starts_with("unknown symptom `leaky`; expected `none`, a symptom"),
        "{e}"
    );
    let e = row("2026-11-24,plank,1,20,,,,,urinary_leakge");
    assert_eq!(
        e.to_string(),
        "log line 2, `symptoms_after`: unknown symptom `urinary_leakge`; did you mean \
             `urinary_leakage`?"
    );
    assert!(
        row("2026-11-24,plank,1,20,,,,none fever,")
            .message
            .contains("`none` cannot")
    );
}

#[test]
fn shape_errors_name_columns_and_lines() {
    let e = csv_err("date,exercise,sets,reps,weight\n");
    assert_eq!(e.line, Some(1));
    assert_eq!(e.field, "weight");
    assert!(
        e.message
            .starts_with("unknown column `weight`; expected one of `date`"),
        "{e}"
    );
    assert!(e.message.contains("`symptoms_after`"));

    let e = csv_err("# comment\ndate,exercise\n");
    assert_eq!(
        e.to_string(),
        "log line 2, `header`: missing columns `sets` and `reps`; every log needs `date`, \
             `exercise`, `sets` and `reps`"
    );

    let e = csv_err("date,exercise,sets,reps\n2026-11-24,plank,1\n");
    assert_eq!(e.line, Some(2));
    assert_eq!(e.field, "row");
    assert!(e.message.starts_with("expected 4 fields"), "{e}");

    let e = csv_err("date,exercise,sets,reps,symptoms,symptoms_during\n");
    assert_eq!(e.field, "symptoms_during");
    assert!(
        csv_err("date,exercise,sets,reps,sets\n")
            .message
            .contains("twice")
    );
    assert!(csv_err("date,,sets,reps\n").message.contains("no name"));

    let e = csv_err("");
    assert_eq!(e.line, None);
    assert_eq!(e.field, "header");
    assert!(
        e.to_string()
            .starts_with("log, `header`: expected a header row")
    );
    assert_eq!(csv_err("# only\n\n   \n").field, "header");
}

#[test]
fn line_numbers_count_comments_and_blank_lines() {
    let err = csv_err(
        "# a\n\ndate,exercise,sets,reps\n# b\n\n2026-11-24,plank,1,20\n2026-11-24,plank,x,20\n",
    );
    assert_eq!(err.line, Some(7));
    // CRLF endings, a whitespace-only line, a comment and a quoted field spanning two lines.
    let text = "date,exercise,sets,reps,symptoms\r\n\
                    2026-11-24,plank,1,20,\"fever\r\nchest_pain\"\r\n\
                    \x20\x20\r\n\
                    # note\r\n\
                    2026-11-25,plank,1,20,\r\n\
                    2026-11-26,plank,1,x,\r\n";
    let err = csv_err(text);
    assert_eq!(err.line, Some(7), "{err}");
    let ok = text.rsplit_once("2026-11-26").unwrap().0;
    let log = csv(ok).unwrap();
    let lines: Vec<usize> = log.entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![2, 6]);
    assert_eq!(
        log.entries[0].red_flags,
        vec![RedFlag::Fever, RedFlag::ChestPain]
    );
}

#[test]
fn json_errors_name_the_entry_and_key() {
    let good = r#""date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20"#;
    let entry = |extra: &str| json_err(&format!("[{{{good}}}, {{{good}{extra}}}]"));

    let e = entry(r#", "rpe": "hard""#);
    assert_eq!(
        e.to_string(),
        "log line 2, `rpe`: expected a whole number from 1 to 10, got `\"hard\"`"
    );
    let e = entry(r#", "weight": 3"#);
    assert_eq!(e.field, "weight");
    assert!(
        e.message
            .starts_with("unknown key `weight`; expected one of"),
        "{e}"
    );
    assert_eq!(entry(r#", "symptoms": "fever""#).field, "symptoms");
    assert_eq!(entry(r#", "symptoms_after": [3]"#).field, "symptoms_after");
    assert!(
        entry(r#", "symptoms": [], "symptoms_during": []"#)
            .message
            .contains("same key")
    );
    assert_eq!(entry(r#", "load_kg": "8""#).field, "load_kg");
    assert_eq!(entry(r#", "target_reps": 2.5"#).field, "target_reps");

    let e = json_err(r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 2, "reps": [1]}]"#);
    assert_eq!(e.line, Some(1));
    assert_eq!(e.field, "reps");
    assert!(e.message.contains("numbers in the list"), "{e}");
    assert_eq!(
        json_err(r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": "10"}]"#).field,
        "reps"
    );
    assert_eq!(
        json_err(r#"[{"date": 20261124, "exercise": "plank", "sets": 1, "reps": 1}]"#).field,
        "date"
    );
    assert_eq!(
        json_err(r#"[{"exercise": "plank", "sets": 1, "reps": 1}]"#).message,
        "missing; expected a date as YYYY-MM-DD, e.g. 2026-11-24"
    );
    assert_eq!(json_err("[1]").field, "entry");
    assert_eq!(json_err("{}").field, "file");
    let e = json_err("[\n{\"date\": }\n]");
    assert_eq!((e.line, e.field.as_str()), (Some(2), "file"));
}

#[test]
fn limits_are_errors_not_panics() {
    let big = "#".repeat(MAX_LOG_BYTES + 1);
    let e = csv_err(&big);
    assert_eq!((e.line, e.field.as_str()), (None, "file"));
    assert_eq!(json_err(&big).field, "file");

    let mut text = String::from("date,exercise,sets,reps\n");
    for _ in 0..=MAX_LOG_ENTRIES {
        text.push_str("2026-11-24,plank,1,20\n");
    }
    let e = csv_err(&text);
    assert_eq!(e.line, Some(MAX_LOG_ENTRIES + 2));
    assert!(e.message.contains("at most 20000 entries"), "{e}");

    let one = r#"{"date":"2026-11-24","exercise":"plank","sets":1,"reps":1}"#;
    let items = vec![one; MAX_LOG_ENTRIES + 1].join(",");
    assert!(json_err(&format!("[{items}]")).message.contains("at most"));

    // Deep nesting stops at serde_json's recursion limit.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(json_err(&deep).field, "file");
}

#[test]
fn rows_of_only_delimiters_are_skipped_like_blank_lines() {
    let head = "date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after\n";
    let log = csv(&format!(
        ",,,,,,,,\n{head},,,,,,,,\n , ,\t,,  ,,,,\n,,\n2026-11-24,plank,1,20,,,,,\n,,,,,,,,\n\
             2026-11-24,plank,1,x,,,,,\n"
    ));
    let err = log.unwrap_err();
    assert_eq!((err.line, err.field.as_str()), (Some(8), "reps"), "{err}");
    let log = csv(&format!(
        "{head},,,,,,,,\n2026-11-24,plank,1,20,,,,,\n,,,,,,,,\n"
    ))
    .unwrap();
    assert_eq!(log.entries.len(), 1);
    assert_eq!(log.entries[0].line, 3);
    let log = csv("date;exercise;sets;reps\n;;;\n2026-11-24;plank;1;20\n ; ; ; \n").unwrap();
    assert_eq!(log.entries[0].line, 3);
    // A row with something in it is still checked.
    assert_eq!(
        csv_err(&format!("{head},,,,,,7,,\n")).to_string(),
        "log line 2, `date`: missing; expected a date as YYYY-MM-DD, e.g. 2026-11-24"
    );
}

#[test]
fn an_unclosed_quote_is_named() {
    let head = "date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after\n";
    let e = csv_err(&format!(
        "{head}2026-11-19,plank,1,20,,,,,\n2026-11-20,\"pause_squat,3,10\n2026-11-21,plank,1,20,,,,,\n"
    ));
    assert_eq!((e.line, e.field.as_str()), (Some(3), "row"), "{e}");
    assert!(
        e.message
            .starts_with("there is an opening `\"` without a closing one"),
        "{e}"
    );
    // Also in the last field of the last line, where the field count would be right.
    let e = csv_err("date,exercise,sets,reps,symptoms\n2026-11-24,plank,1,20,\"fever");
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.message.contains("opening `\"`"), "{e}");
    // In the header, and after a quoted field spanning lines.
    let e = csv_err("date,\"exercise,sets,reps\n2026-11-24,plank,1,20\n");
    assert_eq!((e.line, e.field.as_str()), (Some(1), "header"), "{e}");
    let e = csv_err(
        "date,exercise,sets,reps,symptoms\n2026-11-24,plank,1,20,\"fever\nchest_pain\",\"x\n",
    );
    assert_eq!(e.line, Some(3), "{e}");
    // A quote closed only by a later row's quote: the field count error says so.
    let e = csv_err(
        "date,exercise,sets,reps\n2026-11-20,\"pause_squat,3,10\n2026-11-21,plank,1,\"20\"\n",
    );
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.message.starts_with("expected 4 fields"), "{e}");
    assert!(
        e.message
            .contains("the `\"` opened on line 2 is closed only on line 3"),
        "{e}"
    );
    // Balanced quotes, escaped quotes and a quote inside a field are fine.
    let log =
        csv("date,exercise,sets,reps,symptoms\n\"2026-11-24\",\"plank\",1,\"20\",\"fever\"\"\"\n");
    assert_eq!(log.unwrap_err().field, "symptoms");
    let log = csv("date,exercise,sets,reps\n\"2026-11-24\",\"plank\",1,\"20\"\n").unwrap();
    assert_eq!(log.entries[0].reps, vec![20]);
    let e = csv_err("date,exercise,sets,reps\n2026-11-24,plank\",1,20\n");
    assert_eq!(e.field, "exercise", "{e}");
}

#[test]
fn tab_separated_logs_are_read_with_or_without_a_bom() {
    for bom in ["", "\u{feff}"] {
        let log = csv(&format!(
            "{bom}# exported\n\n\t\t\t\t\t\nDate\texercise\tsets\treps\tload_kg\tsymptoms\r\n\
                 2026-11-24\tbodyweight_squat\t3\t10/10/8\t2,5\turinary_leakage, low_back_pain\r\n\
                 \t\t\t\t\t\r\n2026-11-25\tplank\t1\t30\t\t\r\n"
        ))
        .unwrap();
        assert_eq!(log.entries.len(), 2);
        let squat = &log.entries[0];
        assert_eq!(squat.line, 5);
        assert_eq!(squat.reps, vec![10, 10, 8]);
        assert_eq!(squat.load_kg, Some(2.5));
        assert_eq!(
            squat.symptoms_during,
            vec![Symptom::UrinaryLeakage, Symptom::LowBackPain]
        );
        assert_eq!(log.entries[1].line, 7);
    }
    let e = csv_err("\u{feff}date\texercise\tsets\treps\n2026-11-24\tplank\t1\n");
    assert_eq!(
        e.to_string(),
        "log line 2, `row`: expected 4 fields, as in the header (date exercise sets reps, \
             separated by tabs), got 3"
    );
    // Tabs mixed with commas get a hint instead of a bare unknown column.
    let e = csv_err("date,exercise\tsets\treps\n");
    assert!(e.message.contains("mixes tabs with `,` or `;`"), "{e}");
}

#[test]
fn a_repeated_json_key_is_refused() {
    let e = json(
        r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20},
                {"date": "2026-11-24", "exercise": "plank", "date": "2026-11-25", "sets": 1,
                 "reps": 20}]"#,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "log line 2, `date`: appears twice in this entry"
    );
    let e = json_err(
        r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20, "reps": 20}]"#,
    );
    assert_eq!((e.line, e.field.as_str()), (Some(1), "reps"));
    assert_eq!(e.message, "appears twice in this entry");
    // The alias pair keeps its own message; repeats deeper down are not entries' keys.
    let e = json_err(
        r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20,
                 "symptoms_during": [], "symptoms": []}]"#,
    );
    assert!(e.message.contains("same key"), "{e}");
    let e = json_err(
        r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1,
                 "reps": {"a": 1, "a": 2}}]"#,
    );
    assert_eq!(e.field, "reps");
    assert!(e.message.contains(r#"got `{"a":2}`"#), "{e}");
}

#[test]
fn a_json_key_in_the_wrong_case_gets_a_hint() {
    let e = json_err(r#"[{"Date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20}]"#);
    assert_eq!(
        e.to_string(),
        "log line 1, `Date`: unknown key `Date`; write it as `date` (keys are lowercase)"
    );
    let e = json_err(
        r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20,
                 "SYMPTOMS_After": []}]"#,
    );
    assert!(
        e.message
            .ends_with("write it as `symptoms_after` (keys are lowercase)"),
        "{e}"
    );
    // Keys stay case-sensitive, and other unknown keys keep the list.
    assert!(
        json_err(
            r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20, "Weight": 1}]"#
        )
        .message
        .starts_with("unknown key `Weight`; expected one of")
    );
}

proptest::proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in ".*") {
        let library = library();
        let _ = TrainingLog::parse(&text, LogFormat::Csv, &library);
        let _ = TrainingLog::parse(&text, LogFormat::Json, &library);
    }

    #[test]
    fn csv_like_text_never_panics(
        body in "(date|exercise|sets|reps|rpe|load_kg|symptoms|plank|fever|2026-11-24|[0-9]{1,4}|[,;/|#\" \n\r.-])*"
    ) {
        let library = library();
        let text = format!("date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms\n{body}");
        let _ = TrainingLog::parse(&text, LogFormat::Csv, &library);
        let _ = TrainingLog::parse(&body, LogFormat::Csv, &library);
    }

    #[test]
    fn json_like_text_never_panics(
        body in r#"(\{|\}|\[|\]|"date"|"reps"|"sets"|"exercise"|"plank"|"2026-11-24"|:|,|null|-?[0-9]{1,5}(\.[0-9])?)*"#
    ) {
        let library = library();
        let _ = TrainingLog::parse(&format!("[{body}]"), LogFormat::Json, &library);
    }
}
