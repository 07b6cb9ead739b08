//! A YAML submission from arbitrary text: a submission or one diagnostic, never a panic.
#![no_main]

use cdsreport::diag::Source;
use cdsreport::limits::Limits;
use cdsreport::submission::yaml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let source = Source::new("submissions/2024/so-tttt.yaml", text.to_string());
    if let Err(d) = yaml::read(&source, &Limits::default()) {
        let _ = d.render();
    }
});
