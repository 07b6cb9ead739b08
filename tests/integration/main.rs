//! Integration tests: the real binary on real files.

mod init;
mod template;
mod util;
mod validate;
mod workspace;
