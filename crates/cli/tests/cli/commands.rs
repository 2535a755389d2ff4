//! The `mumstrong` binary as a user runs it: example profiles, JSON output, exit codes, and bad
//! input tried the way a new user would get it wrong. Text output is snapshot-tested (insta).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/profiles")
}

fn mumstrong() -> Command {
    Command::cargo_bin("mumstrong").expect("binary built")
}

const EXAMPLES: [&str; 7] = [
    "early-vaginal-birth.toml",
    "caesarean-wound-problem.toml",
    "ready-to-run-14-weeks.toml",
    "leaking-at-5-months.toml",
    "three-years-beginner.toml",
    "low-mood.toml",
    "twins-no-check.json",
];

/// Runs `mumstrong screen` on an example with extra arguments; asserts success, returns stdout.
fn screen_example(example: &str, extra: &[&str]) -> String {
    let out = mumstrong()
        .arg("screen")
        .args(extra)
        .arg("--profile")
        .arg(examples().join(example))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 output")
}

fn screen_json(example: &str) -> serde_json::Value {
    serde_json::from_str(&screen_example(example, &["--format", "json"])).expect("valid JSON")
}

#[test]
fn every_example_screens_and_matches_its_snapshot() {
    for example in EXAMPLES {
        let text = screen_example(example, &[]);
        assert!(text.contains("not a medical diagnosis"), "{example}");
        let name = example.rsplit_once('.').unwrap().0;
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn examples_reach_the_decisions_they_describe() {
    let s = screen_json("early-vaginal-birth.toml");
    assert_eq!(s["weeks_postpartum"], 3);
    assert_eq!(s["exercise"], "gentle");
    assert_eq!(s["impact_allowed"], false);

    let s = screen_json("caesarean-wound-problem.toml");
    assert_eq!(s["urgent"], true);
    assert_eq!(s["referrals"], serde_json::json!(["gp"]));
    assert_eq!(s["lifting_limit"]["max"], "baby_weight");

    let s = screen_json("ready-to-run-14-weeks.toml");
    assert_eq!(s["weeks_postpartum"], 14);
    assert_eq!(s["running"]["cleared"], true);
    assert_eq!(s["running"]["blockers"], serde_json::json!([]));

    let s = screen_json("leaking-at-5-months.toml");
    assert_eq!(s["referrals"], serde_json::json!(["pelvic_health_physio"]));
    assert_eq!(s["running"]["cleared"], false);
    assert!(s["running"]["blockers"].as_array().unwrap().len() > 2);

    let s = screen_json("three-years-beginner.toml");
    assert_eq!(s["stage"], "beyond_first_year");
    assert_eq!(s["referrals"], serde_json::json!([]));
    assert_eq!(s["phq9"]["band"], "minimal");

    let s = screen_json("low-mood.toml");
    assert_eq!(
        s["epds"],
        serde_json::json!({"score": 14, "band": "probable", "self_harm": false})
    );
    assert_eq!(s["referrals"], serde_json::json!(["mental_health"]));
    assert_eq!(s["urgent"], false);

    let s = screen_json("twins-no-check.json");
    assert_eq!(
        s["referrals"],
        serde_json::json!(["gp", "pelvic_health_physio"])
    );
    assert_eq!(s["exercise"], "gentle");
}

#[test]
fn as_of_flag_screens_another_date() {
    let out = screen_example(
        "early-vaginal-birth.toml",
        &["-f", "json", "--as-of", "2027-03-01"],
    );
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["as_of"], "2027-03-01");
    assert_eq!(s["weeks_postpartum"], 16);
}

#[test]
fn template_is_a_valid_profile() {
    let template = mumstrong()
        .arg("template")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let dir = tempdir();
    let path = dir.join("me.toml");
    std::fs::write(&path, template).unwrap();
    mumstrong()
        .args(["screen", "--as-of", "2026-11-24", "--profile"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("13 weeks"));
}

#[test]
fn rules_lists_every_rule_with_its_source() {
    let out = mumstrong()
        .args(["rules", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
    assert!(rules.len() >= 20);
    for r in &rules {
        assert!(!r["source"].as_str().unwrap().is_empty());
    }
    mumstrong().arg("rules").assert().success().stdout(
        predicate::str::contains("pfd-symptoms-refer")
            .and(predicate::str::contains("Goom, Donnelly & Brockwell 2019")),
    );
}

#[test]
fn help_explains_itself() {
    mumstrong().arg("--help").assert().success().stdout(
        predicate::str::contains("screen").and(predicate::str::contains("not a medical diagnosis")),
    );
    mumstrong().assert().code(2);
}

/// A scratch directory under the target dir, unique per test run.
fn tempdir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bad(name: &str, text: &str, field: &str) {
    let dir = tempdir();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    mumstrong()
        .args(["screen", "--profile"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(field));
}

const GOOD_BIRTH: &str = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n";

#[test]
fn bad_input_exits_2_and_names_the_field() {
    bad(
        "missing-date.toml",
        "[birth]\ndelivery = \"vaginal\"\n",
        "birth.date: is required",
    );
    bad(
        "future-birth.toml",
        "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-12-24\"\ndelivery = \"vaginal\"\n",
        "birth.date: 2026-12-24 is after",
    );
    bad(
        "eleven-epds.toml",
        &format!("{GOOD_BIRTH}[health]\nepds = [0,0,0,0,0,0,0,0,0,0,0]\n"),
        "health.epds: expected 10 answers",
    );
    bad(
        "epds-four.toml",
        &format!("{GOOD_BIRTH}[health]\nepds = [0,0,0,0,4,0,0,0,0,0]\n"),
        "health.epds[4]: item 5: 4 is not allowed",
    );
    bad(
        "unknown-symptom.toml",
        &format!("{GOOD_BIRTH}[health]\nsymptoms = [\"tired\"]\n"),
        "health.symptoms[0]: unknown value `tired`",
    );
    bad(
        "malformed.toml",
        "[birth\ndate = 2026-08-20\n",
        "not valid TOML",
    );
    bad(
        "unknown-field.toml",
        &format!("{GOOD_BIRTH}[training]\nweeks = 12\n"),
        "training.weeks: unknown field `weeks`, expected one of `experience`",
    );
    bad("bad-json.json", "{\"birth\": ", "not valid JSON");
    bad(
        "wrong-type.json",
        "{\"birth\": {\"date\": 20260820, \"delivery\": \"vaginal\"}}",
        "birth.date: invalid type",
    );
    bad("profile.yaml", "birth: {}", "--profile");
    bad("binary.toml", "\u{0}\u{1}\u{2}garbage", "not valid TOML");
}

#[test]
fn unreadable_files_exit_2() {
    mumstrong()
        .args(["screen", "--profile", "/no/such/profile.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--profile: cannot read"));
    let dir = tempdir();
    let path = dir.join("latin1.toml");
    std::fs::write(&path, b"[birth]\ndate = \"2026-08-20\" # caf\xe9\n").unwrap();
    mumstrong()
        .args(["screen", "--profile"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
    mumstrong()
        .args(["screen", "--as-of", "yesterday", "--profile"])
        .arg(examples().join("low-mood.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--as-of"));
}

#[test]
fn utf16_files_from_windows_editors_are_read() {
    let dir = tempdir();
    let path = dir.join("notepad.toml");
    let text = "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, bytes).unwrap();
    mumstrong()
        .args(["screen", "--profile"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("13 weeks (96 days)"));
}

#[test]
fn as_of_flag_errors_blame_the_flag() {
    mumstrong()
        .args(["screen", "--as-of", "2026-08-19", "--profile"])
        .arg(examples().join("low-mood.toml"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("birth.date")
                .and(predicate::str::contains("comes from --as-of")),
        );
    mumstrong()
        .args(["screen", "--as-of", "9999-01-01", "--profile"])
        .arg(examples().join("low-mood.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: --as-of: 9999-01-01 is out of range",
        ));
}
