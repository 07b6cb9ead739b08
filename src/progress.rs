//! A progress bar for long runs: drawn on stderr, only on a terminal, and only once the
//! work has taken more than a second, so quick runs and piped output stay clean.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// How long work runs before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// Progress over a number of files; cheap to tick from several threads.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// No bar at all (tests, quiet runs, commands whose work is short).
    pub fn hidden() -> Self {
        Self {
            bar: None,
            start: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    /// A bar labelled `label` ("Đang kiểm tra"), shown on stderr when it is a terminal and
    /// the work takes over a second; hidden when `quiet`.
    pub fn on_terminal(label: &'static str, quiet: bool) -> Self {
        if quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            return Self::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        // Counts printed the Vietnamese way (10.000), not indicatif's own.
        if let Ok(style) = ProgressStyle::with_template("{msg} {bar:30} {vi_pos}/{vi_len} tệp") {
            bar.set_style(
                style
                    .with_key(
                        "vi_pos",
                        |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = w.write_str(&vi_count(s.pos()));
                        },
                    )
                    .with_key(
                        "vi_len",
                        |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = w.write_str(&vi_count(s.len().unwrap_or(0)));
                        },
                    ),
            );
        }
        bar.set_message(label);
        Self {
            bar: Some(bar),
            start: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    /// Announces `n` more files of work.
    pub fn add(&self, n: usize) {
        if let Some(bar) = &self.bar {
            bar.inc_length(u64::try_from(n).unwrap_or(u64::MAX));
        }
    }

    /// One file done.
    pub fn tick(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if self.start.elapsed() > DELAY && !self.shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn vi_count(n: u64) -> String {
    crate::number::count(usize::try_from(n).unwrap_or(usize::MAX))
}
