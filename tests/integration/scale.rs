//! The parallel pipeline: results do not depend on the number of threads.

use std::path::PathBuf;

use crate::util::{cdsreport, snapshot_tree};

/// The synthetic-workspace generator (`examples/synth.rs`), which `cargo test` builds
/// beside the binary.
pub fn synth() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_cdsreport"));
    let dir = bin.parent().expect("target dir").join("examples");
    dir.join(format!("synth{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn build_on_a_synthetic_workspace_is_the_same_on_one_thread_and_on_two() {
    let tmp = tempfile::tempdir().expect("tmp");
    let ws = tmp.path().join("ws");
    let made = std::process::Command::new(synth())
        .args(["--units", "150", "--seed", "7", "--out"])
        .arg(&ws)
        .output()
        .expect("the synth example is built by cargo test");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let validate = cdsreport()
            .env("RAYON_NUM_THREADS", threads)
            .args(["validate", "--period", "2024", "--format", "json", "-C"])
            .arg(&ws)
            .output()
            .expect("validate");
        cdsreport()
            .env("RAYON_NUM_THREADS", threads)
            .args(["build", "2024", "-q", "-C"])
            .arg(&ws)
            .assert()
            .success();
        outputs.push((validate.stdout, snapshot_tree(&ws.join("out/2024"))));
    }
    let (one, two) = (&outputs[0], &outputs[1]);
    let findings: serde_json::Value = serde_json::from_slice(&one.0).expect("json");
    let warnings = findings["diagnostics"].as_array().map_or(0, Vec::len);
    assert!(warnings > 0, "the synthetic slips are reported");
    assert_eq!(
        one.0, two.0,
        "validate output differs between 1 and 2 threads"
    );
    assert_eq!(
        one.1.len(),
        4,
        "bao-cao.md, phu-luc.md, phu-luc.xlsx, tong-hop.json"
    );
    for (a, b) in one.1.iter().zip(&two.1) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "{} differs between 1 and 2 threads", a.0);
    }
}
