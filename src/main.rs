//! The `cdsreport` binary: parse arguments, run, map the outcome to an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cdsreport::cli::Cli::parse();
    // A bug must never show a Rust backtrace to a report officer: say what happened in
    // Vietnamese and exit 2.
    std::panic::set_hook(Box::new(|info| {
        // A reader's panic on a damaged file becomes that file's diagnostic.
        if cdsreport::guard::is_quiet() {
            return;
        }
        let at = info
            .location()
            .map(|l| format!(" tại {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "lỗi nội bộ của cdsreport{at}; xin gửi lệnh đã chạy và các tệp số liệu cho nhóm phát triển"
        );
    }));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cdsreport::run(cli)));
    let Ok(result) = outcome else {
        return ExitCode::from(2);
    };
    match result {
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
