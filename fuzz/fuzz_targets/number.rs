//! Vietnamese number text: parsing never panics, and whatever parses formats back.
#![no_main]

use cdsreport::number::{self, Style};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(p) = number::parse(text) {
        let _ = number::format(p.value, Style::decimals(2));
        let _ = number::natural(p.value);
    }
});
