//! The service commands as an admin runs them: migrate, user add, backup, serve (start, health,
//! graceful stop on SIGTERM), and their errors.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use predicates::prelude::*;

fn temp_dir(name: &str) -> PathBuf {
    super::temp_dir(&format!("cli-{name}"))
}

fn mumstrong() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("mumstrong").unwrap();
    // Keep the user's own settings out of the tests.
    cmd.env_remove("MUMSTRONG_DATABASE_URL")
        .env_remove("MUMSTRONG_CONFIG")
        .env_remove("MUMSTRONG_BIND")
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("mumstrong-no-config"),
        );
    cmd
}

#[test]
fn migrate_user_add_and_backup() {
    let dir = temp_dir("admin");
    let url = format!("sqlite://{}", dir.join("nested/app.db").display());
    mumstrong()
        .args(["migrate", "--database-url", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "({} migrations applied now)",
            std::fs::read_dir(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../store/migrations/sqlite"
            ))
            .unwrap()
            .count()
        )));
    mumstrong()
        .args(["migrate", "--database-url", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 migrations applied now"));

    let out = mumstrong()
        .args([
            "user",
            "add",
            "--coach",
            "Physio@Example.org",
            "--database-url",
            &url,
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("coach account made for physio@example.org"),
        "{out}"
    );
    let password = out
        .lines()
        .find_map(|l| l.split_once("): ").map(|(_, p)| p.trim().to_owned()))
        .expect("a password line");
    assert_eq!(password.len(), 20);
    // Again: the account exists; it stays a coach, password unchanged.
    mumstrong()
        .args([
            "user",
            "add",
            "--coach",
            "physio@example.org",
            "--database-url",
            &url,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("already had an account"));
    mumstrong()
        .args([
            "user",
            "add",
            "--coach",
            "not-an-email",
            "--database-url",
            &url,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--coach"));
    mumstrong()
        .args([
            "user",
            "add",
            "--coach",
            "two@example.org",
            "--password-stdin",
            "--database-url",
            &url,
        ])
        .write_stdin("short\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--password-stdin"));

    let backup = dir.join("backup.db");
    mumstrong()
        .args([
            "backup",
            "--to",
            backup.to_str().unwrap(),
            "--database-url",
            &url,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("backup written"));
    assert!(std::fs::metadata(&backup).unwrap().len() > 0);
    // The backup is a whole database: the coach is in it.
    let backup_url = format!("sqlite://{}", backup.display());
    mumstrong()
        .args([
            "user",
            "add",
            "--coach",
            "physio@example.org",
            "--database-url",
            &backup_url,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("already had an account"));
    // Never overwrite a backup.
    mumstrong()
        .args([
            "backup",
            "--to",
            backup.to_str().unwrap(),
            "--database-url",
            &url,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    // A directory that does not exist is her mistake (exit 2), named with the path.
    let missing = dir.join("missing/dir/x.db");
    mumstrong()
        .args([
            "backup",
            "--to",
            missing.to_str().unwrap(),
            "--database-url",
            &url,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "--to {}: the directory {} does not exist",
            missing.display(),
            dir.join("missing/dir").display()
        )));
    assert!(!missing.exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_settings_name_what_is_wrong() {
    let dir = temp_dir("settings");
    mumstrong()
        .args(["migrate", "--database-url", "mysql://x"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--database-url").and(predicate::str::contains("sqlite://")),
        );
    let config = dir.join("config.toml");
    std::fs::write(&config, "bind = \"127.0.0.1:0\"\ncolour = \"blue\"\n").unwrap();
    mumstrong()
        .args(["serve", "--config", config.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("colour"));
    mumstrong()
        .args([
            "serve",
            "--bind",
            "localhost",
            "--database-url",
            "sqlite::memory:",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--bind"));
    mumstrong()
        .args([
            "serve",
            "--durability",
            "extreme",
            "--database-url",
            "sqlite::memory:",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--durability"));
    let _ = std::fs::remove_dir_all(dir);
}

struct Running {
    child: Child,
    addr: String,
}

fn start(url: &str, extra_env: &[(&str, &str)]) -> Running {
    let mut cmd = Command::new(cargo_bin("mumstrong"));
    cmd.args(["serve", "--database-url", url])
        .env("MUMSTRONG_BIND", "127.0.0.1:0")
        .env_remove("MUMSTRONG_CONFIG")
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("mumstrong-no-config"),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start mumstrong serve");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("mumstrong is listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();
    Running { child, addr }
}

fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_answers_and_stops_cleanly_on_sigterm() {
    let dir = temp_dir("serve");
    let url = format!("sqlite://{}", dir.join("app.db").display());
    let mut server = start(&url, &[("MUMSTRONG_LOG", "info")]);
    let health = get(&server.addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let doc = get(&server.addr, "/api/v1/openapi.json");
    assert!(
        doc.contains("\"openapi\":\"3."),
        "{}",
        &doc[..doc.len().min(300)]
    );
    let unauth = get(&server.addr, "/api/v1/me");
    assert!(unauth.starts_with("HTTP/1.1 401"), "{unauth}");
    assert!(unauth.contains("\"code\":\"unauthenticated\""), "{unauth}");

    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = server.child.wait().unwrap();
    assert!(exit.success(), "exit status {exit:?}");
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("shutting down"), "{stderr}");
    assert!(stderr.contains("stopped cleanly"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn sigterm_with_a_half_open_connection_stops_within_the_deadline() {
    let dir = temp_dir("deadline");
    let url = format!("sqlite://{}", dir.join("app.db").display());
    // Headers may take a minute here, so only the shutdown deadline (1 s) can end the wait.
    let mut server = start(
        &url,
        &[
            ("MUMSTRONG_LOG", "info"),
            ("MUMSTRONG_HEADER_READ_TIMEOUT_SECS", "60"),
            ("MUMSTRONG_SHUTDOWN_GRACE_SECS", "1"),
        ],
    );
    let mut half = TcpStream::connect(&server.addr).unwrap();
    half.write_all(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Le")
        .unwrap();
    // The server has the connection (a full request on another one is answered after it).
    let health = get(&server.addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // Patience, not a timing assertion: the old server waited forever here.
    let started = std::time::Instant::now();
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = server.child.kill();
            panic!(
                "mumstrong serve did not stop within 30 s of SIGTERM with a half-open connection"
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "exit status {exit:?}");
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("shutdown deadline passed"), "{stderr}");
    assert!(stderr.contains("stopped cleanly"), "{stderr}");
    drop(half);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn connection_settings_are_checked() {
    for (flag, value) in [
        ("--header-read-timeout-secs", "0"),
        ("--max-open-connections", "3"),
        ("--shutdown-grace-secs", "9999"),
    ] {
        mumstrong()
            .args(["serve", flag, value, "--database-url", "sqlite::memory:"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(flag));
    }
}

/// `user reset-password`: a generated password printed once, or one from standard input (same
/// rules as sign-up); either way every session and API token of hers ends.
#[test]
fn user_reset_password_ends_every_session_and_token() {
    use mumstrong_store::{Store, StoreOptions};
    let dir = temp_dir("reset");
    let url = format!("sqlite://{}", dir.join("app.db").display());
    mumstrong()
        .args([
            "user",
            "add",
            "--member",
            "ana@example.org",
            "--database-url",
            &url,
        ])
        .assert()
        .success();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store = rt
        .block_on(Store::connect(&url, &StoreOptions::default()))
        .unwrap();
    let id = rt
        .block_on(store.user_by_email("ana@example.org"))
        .unwrap()
        .unwrap()
        .0
        .id;
    let sessions_and_tokens = |store: &Store| {
        rt.block_on(async {
            let session = store.session_user("session-hash").await.unwrap();
            let tokens = store.tokens_of(id).await.unwrap();
            (session.is_some(), tokens.len())
        })
    };
    rt.block_on(async {
        store
            .create_session("session-hash", id, 1, i64::MAX / 2)
            .await
            .unwrap();
        store
            .create_token(id, "script", "token-hash", 1, None)
            .await
            .unwrap();
    });
    assert_eq!(sessions_and_tokens(&store), (true, 1));

    // Too short from standard input: refused, nothing changes.
    mumstrong()
        .args([
            "user",
            "reset-password",
            "ana@example.org",
            "--password-stdin",
            "--database-url",
            &url,
        ])
        .write_stdin("short\n")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--password-stdin").and(predicate::str::contains("too short")),
        );
    assert_eq!(sessions_and_tokens(&store), (true, 1));

    // No such account: exit 2 naming it.
    mumstrong()
        .args([
            "user",
            "reset-password",
            "nobody@example.org",
            "--database-url",
            &url,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no account for nobody@example.org",
        ));

    // From standard input: the new password works, the sessions and the token are gone.
    mumstrong()
        .args([
            "user",
            "reset-password",
            "Ana@Example.org",
            "--password-stdin",
            "--database-url",
            &url,
        ])
        .write_stdin("a brand new long password\n")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("1 session ended and 1 API token deleted")
                .and(predicate::str::contains("a brand new long password").not()),
        );
    assert_eq!(sessions_and_tokens(&store), (false, 0));
    let hash = rt
        .block_on(store.user_by_email("ana@example.org"))
        .unwrap()
        .unwrap()
        .1;
    assert!(
        rt.block_on(mumstrong_server::auth::verify_password(
            "a brand new long password".to_owned(),
            Some(hash.clone())
        ))
        .unwrap()
    );

    // Generated: printed once, and it is her password now.
    let out = mumstrong()
        .args([
            "user",
            "reset-password",
            "ana@example.org",
            "--database-url",
            &url,
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let password = out
        .lines()
        .find_map(|l| l.split_once("give it to her safely): "))
        .map(|(_, p)| p.trim().to_owned())
        .unwrap_or_else(|| panic!("no password printed: {out}"));
    assert_eq!(password.chars().count(), 20, "{out}");
    let hash = rt
        .block_on(store.user_by_email("ana@example.org"))
        .unwrap()
        .unwrap()
        .1;
    assert!(
        rt.block_on(mumstrong_server::auth::verify_password(
            password,
            Some(hash)
        ))
        .unwrap()
    );
    rt.block_on(store.close());
    let _ = std::fs::remove_dir_all(&dir);
}
