//! An Excel submission from arbitrary bytes: a submission or one diagnostic, never a panic.
//! Seed the corpus with real forms (`cdsreport template`) so the fuzzer starts inside zips.
#![no_main]

use cdsreport::limits::Limits;
use cdsreport::submission::xlsx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Err(d) = xlsx::read_bytes(bytes.to_vec(), "submissions/2024/h-ninh-hai.xlsx", &Limits::default()) {
        let _ = d.render();
    }
});
