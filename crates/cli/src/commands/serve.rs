//! `mumstrong serve`, `migrate` and `backup`.

use std::path::Path;
use std::process::ExitCode;

use mumstrong_server::{Server, shutdown_signal};
use mumstrong_store::{Store, StoreOptions, redact_url};

use super::service::*;

/// `mumstrong serve`: migrate, listen, and serve until SIGTERM or Ctrl-C.
pub fn serve(args: &ServeArgs) -> Result<ExitCode, Failure> {
    let mut config = serve_config(args)?;
    init_tracing();
    fit_open_files(&mut config);
    runtime()?.block_on(async move {
        let url = redact_url(&config.database_url);
        let server = Server::build(config)
            .await
            .map_err(|e| internal(format!("cannot start: {e:#}")))?;
        tracing::info!(addr = %server.addr, database = %url, "mumstrong is listening");
        println!("mumstrong is listening on http://{}", server.addr);
        server
            .run(shutdown_signal())
            .await
            .map_err(|e| internal(format!("server stopped: {e:#}")))?;
        tracing::info!("stopped cleanly");
        Ok(ExitCode::SUCCESS)
    })
}

/// `mumstrong migrate`: apply pending migrations and say how many.
pub fn migrate(db: &DbArgs) -> Result<ExitCode, Failure> {
    runtime()?.block_on(async move {
        let config = base_config(db)?;
        let store = Store::connect(&config.database_url, &StoreOptions::default())
            .await
            .map_err(|e| match e {
                mumstrong_store::StoreError::Url(m) => bad(format!("--database-url: {m}")),
                other => internal(other),
            })?;
        let applied = store.migrate().await.map_err(internal)?;
        store.close().await;
        println!(
            "{} is up to date ({applied} migration{} applied now)",
            redact_url(&config.database_url),
            if applied == 1 { "" } else { "s" }
        );
        Ok(ExitCode::SUCCESS)
    })
}

/// `mumstrong backup --to FILE`: a consistent copy of a live SQLite database.
pub fn backup(db: &DbArgs, to: &Path) -> Result<ExitCode, Failure> {
    // A missing directory is her typo, not our failure: say which path, before opening anything.
    let dir = match to.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(bad(format!(
            "--to {}: the directory {} does not exist; make it first or choose another path",
            to.display(),
            dir.display()
        )));
    }
    runtime()?.block_on(async move {
        let store = open(db).await?;
        store.backup_to(to).await.map_err(|e| match e {
            mumstrong_store::StoreError::Refused(m) => bad(format!("--to: {m}")),
            other => internal(other),
        })?;
        store.close().await;
        println!("backup written to {}", to.display());
        Ok(ExitCode::SUCCESS)
    })
}
