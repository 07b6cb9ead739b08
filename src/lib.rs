//! cdsreport compiles a Vietnamese province's digital-transformation (chuyển đổi số)
//! report from its units' submissions. The binary only parses arguments and calls
//! [`run`]; everything else lives in this library.

pub mod aggregate;
pub mod build;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod date;
pub mod diag;
pub mod diff;
pub mod embedded;
pub mod evaluate;
pub mod fsutil;
pub mod guard;
pub mod limits;
pub mod number;
pub mod period;
pub mod progress;
pub mod render;
pub mod report;
pub mod schema;
pub mod status;
pub mod submission;
pub mod table;
pub mod text;
pub mod validate;
pub mod workspace;
pub mod xlsx;
pub mod yaml;

use std::process::ExitCode;

pub use diag::{Code, Diagnostic, Severity};
pub use workspace::{LoadError, Workspace};

/// Hash maps keyed by unit ids, indicator codes and file names, with foldhash instead of
/// std's SipHash (hashing had been about 4 % of a large build). Iteration order is never
/// relied on: outputs come from ordered maps and sorted lists.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// Hash sets, likewise.
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// Runs one command line. Errors are returned for `main` to print (exit code 2).
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    let base = match &cli.dir {
        Some(d) => d.clone(),
        None => std::env::current_dir()?,
    };
    match &cli.command {
        cli::Command::Build(args) => cmd::build::execute(args, &base, cli.quiet),
        cli::Command::Diff(args) => cmd::diff::execute(args, &base),
        cli::Command::Explain(args) => cmd::explain::execute(args, &base),
        cli::Command::Init(args) => cmd::init::execute(args, &base, cli.quiet),
        cli::Command::Status(args) => cmd::status::execute(args, &base),
        cli::Command::Template(args) => cmd::template::execute(args, &base, cli.quiet),
        cli::Command::Validate(args) => cmd::validate::execute(args, &base, cli.quiet),
    }
}
