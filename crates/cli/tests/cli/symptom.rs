//! One meaning for a logged symptom: a leak during squats, logged through the CLI's `--log` or
//! stored by the service, gives the same referral and the same pause (Goom, Donnelly & Brockwell
//! 2019: leaking means see a pelvic-health physio, and no impact until symptom-free).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mumstrong_core::records::SetRecord;
use mumstrong_core::vocab::Symptom;
use mumstrong_core::{Profile, ProfileFormat};
use mumstrong_server::domain::{self, PlanRequest};
use serde_json::Value;
use time::macros::date;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const LOG: &str = "date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after\n\
2026-11-20,pause_squat,3,8,8,,6,urinary_leakage,\n\
2026-11-20,band_row,3,10,10,,6,,\n";

fn set(exercise: &str, symptoms: Vec<Symptom>) -> SetRecord {
    SetRecord {
        date: date!(2026 - 11 - 20),
        exercise: exercise.to_owned(),
        reps: 8,
        target_reps: Some(8),
        load_kg: None,
        rpe: Some(6),
        symptoms,
        red_flags: Vec::new(),
    }
}

fn referrals(screening: &Value) -> Vec<String> {
    screening["referrals"]
        .as_array()
        .expect("referrals")
        .iter()
        .map(|r| r.as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_leak_during_squats_means_the_same_in_the_cli_and_the_service() {
    let profile_path = root().join("examples/profiles/ready-to-run-14-weeks.toml");
    let dir = std::env::temp_dir().join(format!("mumstrong-symptom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log_path = dir.join("log.csv");
    std::fs::write(&log_path, LOG).unwrap();

    // The CLI.
    let out = Command::cargo_bin("mumstrong")
        .unwrap()
        .args(["plan", "--format", "json", "--profile"])
        .arg(&profile_path)
        .arg("--log")
        .arg(&log_path)
        .assert()
        .success();
    let cli: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();

    // The service, from the same sets.
    let text = std::fs::read_to_string(&profile_path).unwrap();
    let today = date!(2026 - 11 - 24);
    let profile = Profile::parse(&text, ProfileFormat::Toml, today).unwrap();
    let sets = [
        set("pause_squat", vec![Symptom::UrinaryLeakage]),
        set("band_row", Vec::new()),
    ];
    let generated = domain::generate(
        &profile,
        PlanRequest {
            start: today,
            weeks: 12,
            car_seat_kg: None,
        },
        &sets,
        &[],
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let service: Value = serde_json::from_str(&generated.plan_json).unwrap();
    let screened = serde_json::to_value(domain::screen(&profile, &sets, &[], today)).unwrap();

    let physio = "pelvic_health_physio".to_owned();
    assert!(
        referrals(&cli["screening"]).contains(&physio),
        "{}",
        cli["screening"]
    );
    assert_eq!(
        referrals(&cli["screening"]),
        referrals(&service["screening"])
    );
    assert_eq!(referrals(&cli["screening"]), referrals(&screened));

    let weeks = |v: &Value| -> Vec<Value> {
        v["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["cleared"].clone())
            .collect()
    };
    assert_eq!(weeks(&cli), weeks(&service), "same pause week by week");
    for cleared in weeks(&cli) {
        assert_eq!(cleared["impact"], false, "{cleared}");
        assert_eq!(cleared["running"], false, "{cleared}");
    }
    for v in [&cli, &service] {
        let notes = v["notes"].as_array().unwrap();
        assert!(
            notes
                .iter()
                .all(|n| !n.as_str().unwrap().contains("Running: cleared")),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.as_str().unwrap().starts_with("Running: paused")),
            "{notes:?}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
