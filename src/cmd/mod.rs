//! One module per subcommand, each with its arguments and an `execute` function, plus the
//! little they share: loading the workspace, output formats, exit codes.

pub mod build;
pub mod diff;
pub mod explain;
pub mod init;
pub mod status;
pub mod template;
pub mod validate;

use std::path::Path;
use std::process::ExitCode;

use crate::diag::{Diagnostic, Severity};
use crate::workspace::Workspace;

/// Output format of commands that print findings or tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Văn bản cho người đọc.
    Text,
    /// JSON cho chương trình khác.
    Json,
}

/// Finds and loads the workspace around `base`.
pub fn load(base: &Path) -> anyhow::Result<Workspace> {
    Ok(Workspace::open(base)?)
}

/// 0 when clean (warnings allowed), 1 for errors (or warnings under `--strict`).
pub fn exit_code(diags: &[Diagnostic], strict: bool) -> ExitCode {
    let failing = diags
        .iter()
        .any(|d| d.severity == Severity::Error || (strict && d.severity == Severity::Warning));
    if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
