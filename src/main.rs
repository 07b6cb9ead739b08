//! The `cdsreport` binary: parse arguments, run, map the outcome to an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cdsreport::cli::Cli::parse();
    match cdsreport::run(cli) {
        Ok(code) => code,
        // A closed pipe (`cdsreport … | head`) ends output quietly, as in ripgrep.
        Err(err)
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            let color = cdsreport::diag::use_color(&std::io::stderr());
            let mut stderr = std::io::stderr().lock();
            if let Some(load) = err.downcast_ref::<cdsreport::LoadError>() {
                for d in &load.0 {
                    let _ = write!(stderr, "{}", d.render_styled(color));
                }
                let _ = writeln!(stderr, "{}: {}", cdsreport::Severity::Error.label(), err);
            } else {
                let _ = writeln!(stderr, "lỗi: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}
