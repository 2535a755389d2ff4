//! One file per command. `service` holds what the commands that open the database share
//! (settings, the runtime, the store); the others read files and call `mumstrong-core`.

mod exercises;
mod import;
mod input;
mod plan;
mod report;
mod rules;
mod screen;
mod serve;
pub(crate) mod service;
mod user;

pub(crate) use exercises::*;
pub(crate) use import::*;
pub(crate) use input::*;
pub(crate) use plan::*;
pub(crate) use report::*;
pub(crate) use rules::*;
pub(crate) use screen::*;
pub(crate) use serve::*;
pub(crate) use service::{DbArgs, Failure, ServeArgs, UserCommand};
pub(crate) use user::*;
