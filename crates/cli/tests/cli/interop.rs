//! `mumstrong import` and `mumstrong report` as an admin runs them: a member made with
//! `user add --member`, a preview, the import, the same file again (nothing new), an undo,
//! bad files named by line, and the report as HTML (and PDF when Chromium is installed).

use std::path::{Path, PathBuf};

use predicates::prelude::*;

fn temp_dir(name: &str) -> PathBuf {
    super::temp_dir(&format!("interop-{name}"))
}

fn mumstrong(db: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("mumstrong").unwrap();
    cmd.env_remove("MUMSTRONG_CONFIG")
        .env(
            "MUMSTRONG_DATABASE_URL",
            format!("sqlite://{}", db.display()),
        )
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("mumstrong-no-config"),
        );
    cmd
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/imports")
        .join(name)
}

fn import_id(stdout: &[u8]) -> String {
    let text = String::from_utf8_lossy(stdout);
    text.split("as import ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("an import id in the output")
        .trim()
        .to_owned()
}

#[test]
fn import_preview_import_again_undo_and_report() {
    let dir = temp_dir("flow");
    let db = dir.join("db.sqlite");
    mumstrong(&db)
        .args([
            "user",
            "add",
            "--member",
            "ana@example.org",
            "--name",
            "Ana",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "member account made for ana@example.org",
        ))
        .stdout(predicate::str::contains("password (shown once"));
    // A second member with the same email is refused, naming the flag.
    mumstrong(&db)
        .args(["user", "add", "--member", "ana@example.org"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--member")
                .and(predicate::str::contains("already has an account")),
        );

    let hevy = example("hevy-kg.csv");
    mumstrong(&db)
        .args(["import", "--user", "ana@example.org", "--dry-run"])
        .arg(&hevy)
        .assert()
        .success()
        .stdout(predicate::str::contains("preview only"));
    let out = mumstrong(&db)
        .args(["import", "--user", "ana@example.org"])
        .arg(&hevy)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported"))
        .get_output()
        .stdout
        .clone();
    let id = import_id(&out);
    mumstrong(&db)
        .args(["import", "--user", "ana@example.org"])
        .arg(&hevy)
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing new"));

    // A truncated file names its line and stores nothing.
    mumstrong(&db)
        .args(["import", "--user", "ana@example.org", "--unit", "kg"])
        .arg(example("bad-truncated-row.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line"));

    // The report needs a profile: without one it says so.
    let html = dir.join("report.html");
    mumstrong(&db)
        .args(["report", "--user", "ana@example.org", "--out"])
        .arg(&html)
        .assert()
        .failure()
        .stderr(predicate::str::contains("profile"));

    // Our own export brings her profile, check-ins, ticks and baby weight too; then the report.
    mumstrong(&db)
        .args(["import", "--user", "ana@example.org"])
        .arg(example("mumstrong-export.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "also added: 2 check-ins, 2 pelvic-floor ticks, 1 baby weights, 1 profile versions",
        ));
    mumstrong(&db)
        .args([
            "report",
            "--user",
            "ana@example.org",
            "--from",
            "2025-01-01",
            "--out",
        ])
        .arg(&html)
        .assert()
        .success();
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.contains("mumstrong report: Ana") && text.contains("<svg"),
        "{text}"
    );
    mumstrong(&db)
        .args([
            "report",
            "--user",
            "ana@example.org",
            "--from",
            "2026-02-01",
            "--to",
            "2026-01-01",
            "--out",
        ])
        .arg(dir.join("never.html"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("from"));
    assert!(!dir.join("never.html").exists());
    if Path::new("/usr/bin/chromium").exists() {
        let pdf = dir.join("report.pdf");
        mumstrong(&db)
            .args([
                "report",
                "--user",
                "ana@example.org",
                "--format",
                "pdf",
                "--out",
            ])
            .arg(&pdf)
            .assert()
            .success();
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "a PDF");
        // A4 by default (595 × 842 points), US Letter (612 × 792) when asked.
        let media_box = |bytes: &[u8]| {
            let text = String::from_utf8_lossy(bytes);
            let at = text.find("/MediaBox").expect("a page size");
            let rest = &text[at..];
            let inner = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
            let n: Vec<f64> = inner
                .split_whitespace()
                .map(|w| w.parse().unwrap())
                .collect();
            (n[2].round() as i64, n[3].round() as i64)
        };
        assert_eq!(media_box(&bytes), (595, 842), "A4");
        let letter = dir.join("letter.pdf");
        mumstrong(&db)
            .args([
                "report",
                "--user",
                "ana@example.org",
                "--format",
                "pdf",
                "--paper",
                "letter",
                "--out",
            ])
            .arg(&letter)
            .assert()
            .success();
        assert_eq!(
            media_box(&std::fs::read(&letter).unwrap()),
            (612, 792),
            "Letter"
        );
    } else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\n!!! SKIPPED: the PDF report check: /usr/bin/chromium is not installed !!!"
        );
    }

    mumstrong(&db)
        .args(["import", "--user", "ana@example.org", "--undo", &id])
        .assert()
        .success();
    mumstrong(&db)
        .args(["import", "--user", "ana@example.org", "--undo", &id])
        .assert()
        .failure();
    let _ = std::fs::remove_dir_all(&dir);
}
