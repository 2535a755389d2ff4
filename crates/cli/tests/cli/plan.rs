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
    // Gym kit: the load source, how it steps, and the equipment in words.
    let find = |id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"))
            .clone()
    };
    let squat = find("barbell_back_squat");
    assert_eq!(squat["load"], "barbell");
    assert_eq!(squat["load_label"], "a barbell");
    assert_eq!(
        squat["load_step"],
        serde_json::json!({"kind": "owned", "equipment": "barbell"})
    );
    assert_eq!(squat["equipment"], serde_json::json!(["barbell"]));
    assert_eq!(squat["equipment_labels"], serde_json::json!(["Barbell"]));
    let pulldown = find("lat_pulldown");
    assert_eq!(pulldown["load"], "machine");
    assert_eq!(pulldown["load_step"]["kind"], "stack");
    assert!(pulldown["load_step"]["step_kg"].as_f64().unwrap() > 0.0);
    assert_eq!(find("glute_bridge")["load_step"]["kind"], "none");
    assert_eq!(
        find("glute_bridge")["equipment_labels"],
        serde_json::json!([])
    );
    assert!(text.contains("barbell_bench_press") && text.contains("[Barbell, Bench]"));
    mumstrong()
        .args(["exercises", "--pattern", "squats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--pattern").and(predicate::str::contains("squat")));
}

/// Runs `mumstrong` with its stdout (or stderr) read for a few bytes and then closed, as
/// `| head -c 64` does; returns the exit code and what it said on the other stream.
fn with_closed_pipe(args: &[&str], on_stderr: bool) -> (Option<i32>, String) {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("mumstrong");
    let mut child = Std::new(bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mumstrong starts");
    let (mut closing, mut other): (Box<dyn Read>, Box<dyn Read>) = if on_stderr {
        (
            Box::new(child.stderr.take().unwrap()),
            Box::new(child.stdout.take().unwrap()),
        )
    } else {
        (
            Box::new(child.stdout.take().unwrap()),
            Box::new(child.stderr.take().unwrap()),
        )
    };
    let mut head = [0u8; 64];
    let _ = closing.read(&mut head);
    drop(closing);
    let mut said = String::new();
    other.read_to_string(&mut said).unwrap();
    (child.wait().unwrap().code(), said)
}

#[test]
fn a_reader_that_stops_early_gets_a_quiet_exit_not_a_panic() {
    // 52 weeks of plan is far more than a pipe holds, so the write meets the closed pipe.
    let ready = example("ready-to-run-14-weeks.toml");
    let ready = ready.to_str().unwrap();
    let urgent = example("caesarean-wound-problem.toml");
    let urgent = urgent.to_str().unwrap();
    let mut runs: Vec<(Vec<&str>, i32)> = Vec::new();
    for format in ["text", "json", "ics"] {
        runs.push((
            vec![
                "plan",
                "--weeks",
                "52",
                "--profile",
                ready,
                "--format",
                format,
            ],
            0,
        ));
    }
    for format in ["text", "json"] {
        runs.push((vec!["screen", "--profile", ready, "--format", format], 0));
        runs.push((vec!["exercises", "--format", format], 0));
        runs.push((vec!["rules", "--format", format], 0));
        // An urgent stop keeps its exit code (3): the pipe closing changes nothing.
        runs.push((vec!["plan", "--profile", urgent, "--format", format], 3));
    }
    runs.push((vec!["template"], 0));
    for (args, code) in &runs {
        let (got, stderr) = with_closed_pipe(args, false);
        assert_eq!(got, Some(*code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} is not quiet: {stderr}");
    }
    // The urgent calendar goes to stderr (stdout is for the calendar file): closing it is
    // quiet too.
    let (got, stdout) = with_closed_pipe(&["plan", "--profile", urgent, "--format", "ics"], true);
    assert_eq!(got, Some(3), "{stdout}");
}

#[test]
fn the_gym_mum_example_is_planned_with_her_barbell_at_her_loads() {
    let path = example("gym-mum-6-months.toml");
    let text = stdout(plan(&["--profile", path.to_str().unwrap()]).success());
    assert!(text.contains("barbell 20/30/40 kg"), "her kit is listed");
    let json = stdout(plan(&["--profile", path.to_str().unwrap(), "--format", "json"]).success());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut barbell = 0;
    for week in v["plan"]["weeks"]
        .as_array()
        .or(v["weeks"].as_array())
        .unwrap()
    {
        for session in week["sessions"].as_array().unwrap() {
            for p in session["exercises"].as_array().unwrap() {
                if p["load"] == "barbell" {
                    barbell += 1;
                    let kg = p["load_kg"].as_f64().expect("a barbell load in kg");
                    assert!(
                        [20.0, 30.0, 40.0].contains(&kg),
                        "{kg} kg is not one of hers"
                    );
                }
            }
        }
    }
    assert!(barbell > 0, "no barbell lift in 12 weeks");
}

/// The running lines of a 24-week plan for the ready-to-run example: the walk-run, then the long
/// run to 45 minutes and a quality run, each with its cues, and the buggy only after 6 months
/// and 30 minutes continuous (issue 13; docs/clinical-facts.md a).
#[test]
fn a_runner_s_24_weeks_go_past_30_minutes_to_a_long_run_and_strides() {
    let path = example("ready-to-run-14-weeks.toml");
    let text = stdout(plan(&["--profile", path.to_str().unwrap(), "--weeks", "24"]).success());
    let mut running = String::new();
    let mut keep = false;
    for line in text.lines() {
        if line.starts_with("WEEK ") {
            running.push_str(line);
            running.push('\n');
            keep = false;
            continue;
        }
        if line.starts_with("Walk-run: ") || line.starts_with("Running: ") {
            keep = true;
        } else if !line.starts_with("  ") || line.starts_with("  Day ") {
            keep = false;
        }
        if keep {
            running.push_str(line);
            running.push('\n');
        }
    }
    assert!(running.contains("Long run: 45 minutes"), "{running}");
    assert!(running.contains("Strides: "), "{running}");
    insta::assert_snapshot!("plan-ready-to-run-24-weeks-running", running);
}
