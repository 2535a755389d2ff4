//! `mumstrong report`: the physio report as HTML, or as PDF through Chromium.

use std::path::Path;
use std::process::{Command, ExitCode};

use super::service::*;

/// Whether this process runs as root (user id 0), read from `/proc` on Linux; elsewhere `false`,
/// so the sandbox stays on.
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Uid:"))?;
            line.split_whitespace().nth(2).map(|euid| euid == "0")
        })
        .unwrap_or(false)
}

/// `mumstrong report --user EMAIL [--from] [--to] [--format html|pdf] [--paper a4|letter] --out FILE`.
pub fn report(
    user: &str,
    from: Option<&str>,
    to: Option<&str>,
    pdf: bool,
    paper: mumstrong_core::report::Paper,
    out: &Path,
    db: &DbArgs,
) -> Result<ExitCode, Failure> {
    let date = |flag: &str, text: Option<&str>| {
        text.map(|t| {
            mumstrong_core::profile::parse_iso_date(t).map_err(|m| bad(format!("{flag}: {m}")))
        })
        .transpose()
    };
    let (from, to) = (date("--from", from)?, date("--to", to)?);
    let html = runtime()?.block_on(async move {
        let config = base_config(db)?;
        let store = open(db).await?;
        let user_id = member_id(&store, user).await?;
        let state = app_state(store.clone(), config.database_url);
        let html = mumstrong_app::report::report_html(&state, user_id, from, to, paper)
            .await
            .map_err(|e| Failure {
                message: format!(
                    "{}{}",
                    e.field
                        .as_ref()
                        .map(|f| format!("{f}: "))
                        .unwrap_or_default(),
                    e.message
                ),
                code: e.exit_code(),
            })?;
        store.close().await;
        Ok::<_, Failure>(html)
    })?;
    if !pdf {
        std::fs::write(out, html).map_err(|e| bad(format!("--out {}: {e}", out.display())))?;
        println!("report written to {}", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    // PDF: Chromium prints the same HTML, charts and all, better than any PDF crate here.
    let dir = std::env::temp_dir().join(format!("mumstrong-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(internal)?;
    let page = dir.join("report.html");
    std::fs::write(&page, html).map_err(internal)?;
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
        .ok_or_else(|| bad("--format pdf needs Chromium (apt-get install chromium); or use --format html and print it"))?;
    let out_abs = std::path::absolute(out).map_err(internal)?;
    let mut chromium = Command::new(browser);
    // Chromium's sandbox keeps a page it prints from reaching the machine; it cannot start as
    // root, so only then does it go (a container's root user).
    if running_as_root() {
        chromium.arg("--no-sandbox");
    }
    let status = chromium
        .args([
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", out_abs.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(internal)?;
    let _ = std::fs::remove_dir_all(&dir);
    if !status.success() || !out_abs.exists() {
        return Err(internal("Chromium could not print the report"));
    }
    println!("report written to {}", out.display());
    Ok(ExitCode::SUCCESS)
}
