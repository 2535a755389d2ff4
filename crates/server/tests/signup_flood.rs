//! A sign-up flood keeps memory flat: 200 sign-ups at once (from 200 addresses, so the per-address
//! limit does not stop them) may hash at most two passwords at a time, each in a reused work
//! area. Before, each ran at once in its own 19 MiB of argon2 memory (3.4 GiB for 200).
//! Alone in its own test binary (not in `api/`), so the process's memory is this test's.

mod common;
use reqwest::StatusCode;
use serde_json::json;

/// A line of `/proc/self/status` in KiB (`VmRSS`, `VmHWM`), where there is one.
fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_signups_at_once_keep_memory_flat() {
    let Some(url) = common::fresh_database(common::Db::Sqlite, "signup_flood").await else {
        return;
    };
    let app = common::spawn_on(&url, |c| c.trust_proxy = true).await;
    // Warm up: one sign-up makes the first work area and the connection pools.
    let client = reqwest::Client::new();
    let base = app.base().to_owned();
    let r = client
        .post(format!("{base}/api/v1/auth/signup"))
        .header("x-forwarded-for", "192.0.2.250")
        .json(&json!({"email": "first@example.org", "password": common::PASSWORD}))
        .send()
        .await
        .expect("sign-up");
    assert_eq!(r.status(), StatusCode::CREATED);
    let Some(before) = status_kib("VmRSS") else {
        eprintln!("no /proc/self/status here: memory not measured");
        app.stop().await;
        return;
    };

    let jobs: Vec<_> = (0..200)
        .map(|i| {
            let client = client.clone();
            let base = base.clone();
            tokio::spawn(async move {
                client
                    .post(format!("{base}/api/v1/auth/signup"))
                    .header("x-forwarded-for", format!("10.0.{}.{}", i / 250, i % 250))
                    .json(&json!({"email": format!("flood{i}@example.org"), "password": common::PASSWORD}))
                    .send()
                    .await
                    .map(|r| r.status())
            })
        })
        .collect();
    let mut made = 0;
    let mut busy = 0;
    for job in jobs {
        match job.await.expect("task").expect("reply") {
            StatusCode::CREATED => made += 1,
            StatusCode::SERVICE_UNAVAILABLE => busy += 1,
            other => panic!("a sign-up answered {other}"),
        }
    }
    let after = status_kib("VmRSS").unwrap_or(0);
    let peak = status_kib("VmHWM").unwrap_or(0);
    {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "signup flood: {made} made, {busy} told to retry; RSS {} MiB before, {} MiB after, \
             peak {} MiB",
            before / 1024,
            after / 1024,
            peak / 1024
        );
    }
    assert!(made + busy == 200);
    assert!(made > 0, "no sign-up got through");
    // Two work areas of 19 MiB and some slack; 200 areas would be 3.8 GiB.
    assert!(
        peak.saturating_sub(before) < 150 * 1024,
        "peak memory grew by {} MiB",
        peak.saturating_sub(before) / 1024
    );
    assert!(
        after.saturating_sub(before) < 100 * 1024,
        "memory grew by {} MiB and stayed",
        after.saturating_sub(before) / 1024
    );
    app.stop().await;
}
