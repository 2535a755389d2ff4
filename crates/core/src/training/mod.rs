//! Her training: the log of what she did, the records the service stores, and the progress
//! figures drawn from them.

#[cfg(test)]
mod fixtures;
pub mod log;
pub mod progress;
pub mod records;
