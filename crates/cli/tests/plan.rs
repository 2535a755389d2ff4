//! `mumstrong plan` and `mumstrong exercises` as a user runs them: every example profile, the
//! three formats, adapting to a log, the urgent stop (exit 3) and bad input (exit 2).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> PathBuf {
    root().join("examples/profiles").join(name)
}

fn mumstrong() -> Command {
    Command::cargo_bin("mumstrong").expect("binary built")
}

fn plan(args: &[&str]) -> assert_cmd::assert::Assert {
    mumstrong().arg("plan").args(args).assert()
}

fn stdout(a: assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).expect("UTF-8")
}

const PLANNED: [&str; 6] = [
    "early-vaginal-birth.toml",
    "ready-to-run-14-weeks.toml",
    "leaking-at-5-months.toml",
    "three-years-beginner.toml",
    "low-mood.toml",
    "twins-no-check.json",
];

#[test]
fn every_example_plans_and_matches_its_snapshot() {
    for name in PLANNED {
        let path = example(name);
        let text = stdout(plan(&["--profile", path.to_str().unwrap()]).success());
        assert!(text.contains("WEEK 12"), "{name}");
        assert!(text.contains("not a medical diagnosis"), "{name}");
        let snap = format!("plan-{}", name.rsplit_once('.').unwrap().0);
        insta::assert_snapshot!(snap, text);
    }
}

#[test]
fn an_urgent_screening_gives_no_plan_and_exits_3() {
    let path = example("caesarean-wound-problem.toml");
    let text = stdout(plan(&["--profile", path.to_str().unwrap()]).code(3));
    assert!(text.contains("STOP EXERCISING AND GET HELP NOW"));
    assert!(text.contains("No programme"));
    assert!(!text.contains("WEEK 1"));
    let json = stdout(plan(&["--profile", path.to_str().unwrap(), "--format", "json"]).code(3));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["urgent"], true);
    assert_eq!(v["screening"]["urgent"], true);
}

#[test]
fn json_and_ics_formats() {
    let path = example("ready-to-run-14-weeks.toml");
    let p = path.to_str().unwrap();
    let json = stdout(plan(&["--profile", p, "--format", "json", "--weeks", "6"]).success());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["weeks"].as_array().unwrap().len(), 6);
    // Her 4 days are 2 strength sessions and 2 walk-runs (issue 13: walk-runs count).
    assert_eq!(v["weeks"][0]["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(v["weeks"][0]["walk_run"]["run_minutes"], 1);
    let ics = stdout(plan(&["--profile", p, "--format", "ics", "--weeks", "2"]).success());
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    // 2 strength sessions and 2 walk-runs a week: her 4 days.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 8);
    assert_eq!(ics.matches("SUMMARY:mumstrong: walk-run stage").count(), 4);
    assert!(
        ics.split("\r\n").all(|line| line.len() <= 75),
        "lines fold at 75 octets"
    );
    assert!(ics.contains("SUMMARY:mumstrong: "));
}

#[test]
fn start_weeks_and_car_seat_flags() {
    let path = example("early-vaginal-birth.toml");
    let p = path.to_str().unwrap();
    let json = stdout(
        plan(&[
            "--profile",
            p,
            "--format",
            "json",
            "--start",
            "2027-01-05",
            "--weeks",
            "3",
            "--car-seat-kg",
            "4.5",
        ])
        .success(),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["start"], "2027-01-05");
    assert_eq!(v["weeks"][2]["starts"], "2027-01-19");
    assert_eq!(v["weeks"][0]["everyday_load"]["car_seat_kg"], 4.5);
}

#[test]
fn a_log_in_csv_or_json_adapts_the_plan_and_says_why() {
    let path = example("ready-to-run-14-weeks.toml");
    let p = path.to_str().unwrap();
    let mut texts = Vec::new();
    for log in ["ready-to-run-last-week.csv", "ready-to-run-last-week.json"] {
        let log = root().join("examples/logs").join(log);
        let text = stdout(
            plan(&[
                "--profile",
                p,
                "--log",
                log.to_str().unwrap(),
                "--weeks",
                "2",
            ])
            .success(),
        );
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("What your log changed"));
        assert!(flat.contains("one step down its ladder"));
        assert!(flat.contains("some sets fell short of 8"));
        assert!(flat.contains("Impact and running are paused"));
        texts.push(text);
    }
    assert_eq!(texts[0], texts[1], "CSV and JSON logs say the same");
    insta::assert_snapshot!("plan-with-log", texts[0]);
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "mumstrong-plan-test-{}-{}",
        std::process::id(),
        std::thread::current()
            .name()
            .unwrap_or("t")
            .replace("::", "-")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A bad log exits 2 and the message names the line and the field.
fn bad_log(file: &str, text: &str, expected: &[&str]) {
    let dir = tempdir();
    let log = dir.join(file);
    std::fs::write(&log, text).unwrap();
    let profile = example("ready-to-run-14-weeks.toml");
    let out = mumstrong()
        .args(["plan", "--profile"])
        .arg(&profile)
        .arg("--log")
        .arg(&log)
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for e in expected {
        assert!(err.contains(e), "{file}: `{e}` not in: {err}");
    }
}

#[test]
fn bad_logs_exit_2_and_name_the_line_and_field() {
    bad_log(
        "typo.csv",
        "date,exercise,sets,reps\n2026-11-20,goblet_squat_kettlebel,3,10\n",
        &[
            "line 2",
            "exercise",
            "did you mean `goblet_squat_kettlebell`",
        ],
    );
    bad_log(
        "rpe.csv",
        "date,exercise,sets,reps,rpe\n2026-11-20,pause_squat,3,10,11\n",
        &["line 2", "rpe", "1 to 10"],
    );
    bad_log(
        "future.csv",
        "date,exercise,sets,reps\n2026-12-20,pause_squat,3,10\n",
        &["log line 2", "after the plan's start"],
    );
    bad_log(
        "symptom.json",
        r#"[{"date": "2026-11-20", "exercise": "pause_squat", "sets": 3, "reps": 10, "symptoms": ["leaky"]}]"#,
        &["symptoms", "leaky"],
    );
    bad_log("log.txt", "whatever", &["--log", ".csv or .json"]);
}

#[test]
fn bad_options_exit_2() {
    let path = example("early-vaginal-birth.toml");
    let p = path.to_str().unwrap();
    for (args, expected) in [
        (vec!["--weeks", "0"], "--weeks"),
        (vec!["--weeks", "53"], "--weeks"),
        (vec!["--start", "2026-13-01"], "--start"),
        (vec!["--start", "2020-01-01"], "--start"),
        (vec!["--car-seat-kg=-1"], "--car-seat-kg"),
        (vec!["--car-seat-kg", "NaN"], "--car-seat-kg"),
    ] {
        let mut all = vec!["--profile", p];
        all.extend(args);
        plan(&all)
            .code(2)
            .stderr(predicate::str::contains(expected));
    }
}

#[test]
fn the_exercise_library_is_listed() {
    let text = stdout(mumstrong().arg("exercises").assert().success());
    assert!(text.lines().count() > 80);
    assert!(text.contains("SQUAT") && text.contains("goblet_squat_kettlebell"));
    let squats = stdout(
        mumstrong()
            .args(["exercises", "--pattern", "squat"])
            .assert()
            .success(),
    );
    assert!(!squats.contains("HINGE"));
    let json = stdout(
        mumstrong()
            .args(["exercises", "--format", "json"])
            .assert()
            .success(),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v.as_array().unwrap().len() >= 80);
    mumstrong()
        .args(["exercises", "--pattern", "squats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--pattern").and(predicate::str::contains("squat")));
}
