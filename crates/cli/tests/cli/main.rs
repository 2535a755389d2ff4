//! The `mumstrong` binary as a user runs it, one test binary for the whole CLI (one link instead
//! of six): the file commands, the service commands, imports, plans with logs, and crash safety.

mod commands;
mod crash;
mod interop;
mod plan;
mod service;
mod symptom;
