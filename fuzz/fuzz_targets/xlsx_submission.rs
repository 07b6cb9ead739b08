//! An Excel submission from arbitrary bytes: a submission or one diagnostic, never a panic.
//! Seed the corpus with real forms (`cdsreport template`) so the fuzzer starts inside zips.
//!
//! A panic inside the workbook reader on a damaged file is caught by cdsreport and becomes
//! E100 (`cdsreport::guard`); as in the binary, the panic hook stays silent for it. Any
//! other panic aborts, which libFuzzer reports as a crash.
#![no_main]

use std::sync::Once;

use cdsreport::limits::Limits;
use cdsreport::submission::xlsx;
use libfuzzer_sys::fuzz_target;

static HOOK: Once = Once::new();

fuzz_target!(|bytes: &[u8]| {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            if !cdsreport::guard::is_quiet() {
                eprintln!("{info}");
                std::process::abort();
            }
        }));
    });
    let rel = "submissions/2024/h-ninh-hai.xlsx";
    if let Err(d) = xlsx::read_bytes(bytes.to_vec(), rel, &Limits::default()) {
        let _ = d.render();
    }
});
