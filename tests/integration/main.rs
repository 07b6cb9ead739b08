//! Integration tests: the real binary on real files.

mod atomic;
mod build;
mod corpus;
mod diff;
mod docx;
mod example;
mod init;
mod scale;
mod status;
mod template;
mod util;
mod validate;
mod workspace;
