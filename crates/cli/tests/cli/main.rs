//! The `mumstrong` binary as a user runs it, one test binary for the whole CLI (one link instead
//! of six): the file commands, the service commands, imports, plans with logs, and crash safety.

mod commands;
mod crash;
mod interop;
mod plan;
mod service;
mod symptom;

/// A fresh directory under the system's temporary one, unique to this process and moment.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "mumstrong-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
