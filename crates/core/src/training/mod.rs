//! Her training: the log of what she did and the progress figures drawn from it.

pub mod log;
pub mod records;
