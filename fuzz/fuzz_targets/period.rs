//! Period labels ("2024", "2024-6T", "2024-Q3", "2024-T05"): parsing never panics, and a
//! parsed period has consistent dates and labels.
#![no_main]

use cdsreport::period::Period;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(p) = text.parse::<Period>() {
        assert!(p.start() <= p.end());
        let _ = (p.label_vi(), p.part_label_vi(), p.previous_year());
        assert_eq!(p.to_string().parse::<Period>().ok(), Some(p));
    }
});
