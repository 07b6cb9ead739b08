//! `cdsreport status`: submitted, late and missing units.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{cdsreport, copy_fixture, units_in_state};

#[test]
fn lists_missing_and_late_units() {
    let ws = copy_fixture("mini");
    cdsreport()
        .args(["status", "2024", "--deadline", "10/12/2024", "-C"])
        .arg(ws.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Sở TTTT       Nộp muộn    so-tttt.yaml     13/12/2024")
                .and(predicate::str::contains("BHXH tỉnh     Chưa nộp"))
                .and(predicate::str::contains(
                    "5/6 đơn vị đã nộp, 1 nộp muộn, 1 chưa nộp",
                )),
        );
    let out = cdsreport()
        .args(["status", "2024", "--format", "json", "-C"])
        .arg(ws.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (
            v["expected"].as_u64(),
            v["submitted"].as_u64(),
            v["late"].as_u64()
        ),
        (Some(6), Some(5), Some(0))
    );
    let missing = units_in_state(&v, "missing");
    assert_eq!(missing, ["bhxh-tinh"]);
}

#[test]
fn counts_findings_per_file_and_exits_1_on_errors() {
    let ws = copy_fixture("mini");
    std::fs::write(
        ws.path().join("submissions/2024/so-khcn.yaml"),
        "unit: so-khcn\nperiod: 2024\nvalues:\n  cqs.dvctt_tong: abc\n",
    )
    .expect("write");
    cdsreport()
        .args(["status", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("Sở KH&CN      Ngoài danh sách  so-khcn.yaml")
                .and(predicate::str::contains("1    1")),
        );
    cdsreport()
        .args(["status", "2024", "--deadline", "hôm qua", "-C"])
        .arg(ws.path())
        .assert()
        .code(2);
}
