//! Panics inside third-party readers, turned into diagnostics. A damaged workbook can make
//! a reader panic (an arithmetic overflow on a cell reference such as `A99999999999`);
//! that is a fact about the file, not a bug of cdsreport, so it must not end the run.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Whether the current thread is inside [`catch`]: the binary's panic hook then stays
/// silent, as the panic becomes a diagnostic.
pub fn is_quiet() -> bool {
    QUIET.with(Cell::get)
}

/// Runs `f`; `None` if it panicked.
pub fn catch<T>(f: impl FnOnce() -> T) -> Option<T> {
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_none_and_quiet_is_restored() {
        let r: Option<()> = catch(|| {
            assert!(is_quiet());
            panic!("damaged input");
        });
        assert_eq!(r, None);
        assert!(!is_quiet());
        assert_eq!(catch(|| 7), Some(7));
    }
}
