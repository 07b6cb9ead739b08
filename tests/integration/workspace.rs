//! Broken reference data: every load-time check names file:line:col and exits 2.

use std::path::Path;

use predicates::prelude::*;

use crate::util::{cdsreport, copy_fixture};

/// Applies `edit` to a copy of the mini workspace, runs `validate`, and checks exit 2 with
/// the code and location on stderr.
fn broken(code: &str, location: &str, edit: impl FnOnce(&Path)) {
    let ws = copy_fixture("mini");
    edit(ws.path());
    cdsreport()
        .args(["validate", "--period", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains(format!("lỗi[{code}]"))
                .and(predicate::str::contains(format!("--> {location}\n"))),
        );
}

fn edit(ws: &Path, rel: &str, from: &str, to: &str) {
    let p = ws.join(rel);
    let text = std::fs::read_to_string(&p).expect("read");
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(p, text.replacen(from, to, 1)).expect("write");
}

const UNITS: &str = "data/units.yaml";
const INDICATORS: &str = "data/indicators.yaml";
const PLAN: &str = "data/plans/2024.yaml";

#[test]
fn bad_yaml() {
    broken("E002", "data/indicators.yaml:6:27", |ws| {
        edit(
            ws,
            INDICATORS,
            "  - {code: cqs.dvctt_tong,",
            "  - {code: cqs.dvctt_tong,,",
        )
    });
    broken("E002", "data/units.yaml:3:3", |ws| {
        edit(ws, UNITS, "  - {id: so-tttt", "  \t- {id: so-tttt")
    });
}

#[test]
fn duplicate_indicator_code() {
    broken("E020", "data/indicators.yaml:16:12", |ws| {
        edit(ws, INDICATORS, "code: cqs.dti,", "code: cqs.dvctt_tong,")
    });
}

#[test]
fn unknown_kind() {
    broken("E002", "data/indicators.yaml:6:99", |ws| {
        edit(
            ws,
            INDICATORS,
            "kind: count, aggregate: owner, reporters: so-tttt}\n  - {code: cqs.dvctt_dong_bo",
            "kind: tally, aggregate: owner, reporters: so-tttt}\n  - {code: cqs.dvctt_dong_bo",
        )
    });
    broken("E002", "data/units.yaml:7:61", |ws| {
        edit(
            ws,
            UNITS,
            "kind: huyen, valid_to: 2025-06-30}\n  - {id: h-ninh-hai",
            "kind: tinh, valid_to: 2025-06-30}\n  - {id: h-ninh-hai",
        )
    });
}

#[test]
fn plan_naming_an_unknown_indicator() {
    broken("E031", "data/plans/2024.yaml:5:12", |ws| {
        edit(ws, PLAN, "code: kts.kts_grdp", "code: kts.kts_grdp_x")
    });
}

#[test]
fn other_load_time_checks() {
    broken("E011", "data/units.yaml:3:10", |ws| {
        edit(ws, UNITS, "{id: so-khcn,", "{id: so-tttt,")
    });
    broken("E012", "data/units.yaml:2:139", |ws| {
        edit(
            ws,
            UNITS,
            "replaced_by: so-khcn}",
            "replaced_by: so-khcn, parent: ubnd}",
        )
    });
    broken("E013", "data/units.yaml:2:122", |ws| {
        edit(ws, UNITS, "replaced_by: so-khcn}", "replaced_by: so-khcm}")
    });
    broken("E024", "data/indicators.yaml:8:12", |ws| {
        edit(
            ws,
            INDICATORS,
            "reporters: so-tttt, parts: [cqs.khai_thac_tinh",
            "reporters: so-tttt, parts: [cqs.khai_thac",
        )
    });
    broken("E025", "data/indicators.yaml:6:117", |ws| {
        edit(
            ws,
            INDICATORS,
            "kind: count, aggregate: owner, reporters: so-tttt}\n  - {code: cqs.dvctt_dong_bo",
            "kind: count, aggregate: ratio_of_sums, reporters: so-tttt}\n  - {code: cqs.dvctt_dong_bo",
        )
    });
    broken("E026", "data/indicators.yaml:6:135", |ws| {
        edit(
            ws,
            INDICATORS,
            "aggregate: owner, reporters: so-tttt}\n  - {code: cqs.dvctt_dong_bo",
            "aggregate: owner, reporters: so-tttx}\n  - {code: cqs.dvctt_dong_bo",
        )
    });
    broken("E034", "data/plans/2024.yaml:3:18", |ws| {
        edit(ws, PLAN, "indicator_total: 3", "indicator_total: 44")
    });
    broken("E037", "data/plans/2024.yaml:13:57", |ws| {
        edit(ws, PLAN, "lead: so-tttt", "lead: so-khcm")
    });
    broken("E005", "data/plans/ke-hoach.yaml", |ws| {
        std::fs::write(ws.join("data/plans/ke-hoach.yaml"), "year: 2024\n").expect("write")
    });
    broken("E003", "cdsreport.toml:6:1", |ws| {
        edit(ws, "cdsreport.toml", "[issuer]", "[issuer]\nnam = 1")
    });
    broken("E001", "data/units.yaml", |ws| {
        std::fs::remove_file(ws.join(UNITS)).expect("rm")
    });
}

#[test]
fn no_workspace_here() {
    let dir = tempfile::tempdir().expect("tempdir");
    cdsreport()
        .current_dir(dir.path())
        .arg("validate")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("lỗi[E004]").and(predicate::str::contains("cdsreport init")),
        );
}

#[test]
fn workspace_is_found_from_a_subfolder() {
    let ws = copy_fixture("mini");
    cdsreport()
        .current_dir(ws.path().join("data/plans"))
        .args(["validate", "--period", "2024"])
        .assert()
        .success();
}

#[test]
fn every_remaining_load_time_check_from_a_real_file() {
    broken("E010", "data/units.yaml:2:10", |ws| {
        edit(ws, UNITS, "{id: so-tttt,", "{id: Sở-TTTT,")
    });
    broken("E014", "data/units.yaml:4:134", |ws| {
        edit(
            ws,
            UNITS,
            "kind: so_nganh}\n  - {id: ca-tinh",
            "kind: so_nganh, valid_from: 2025-01-01, valid_to: 2024-01-01}\n  - {id: ca-tinh",
        )
    });
    broken("E015", "data/units.yaml:12:5", |ws| {
        edit(
            ws,
            UNITS,
            "count: 62, valid_from: 2024-12-01}",
            "count: 62, valid_from: 2024-11-01}",
        )
    });
    broken("E021", "data/indicators.yaml:16:12", |ws| {
        edit(ws, INDICATORS, "code: cqs.dti,", "code: kts.dti,")
    });
    broken("E022", "data/indicators.yaml:16:48", |ws| {
        edit(
            ws,
            INDICATORS,
            "name: Xếp hạng DTI, group: cqs,",
            "name: Xếp hạng DTI, group: xyz,",
        )
    });
    broken("E023", "data/indicators.yaml:8:155", |ws| {
        edit(
            ws,
            INDICATORS,
            "parts: [cqs.khai_thac_tinh,",
            "parts: [cqs.khai_thac_tinhh,",
        )
    });
    broken("E027", "data/indicators.yaml:12:187", |ws| {
        edit(
            ws,
            INDICATORS,
            "of_which: [cqs.gio_dia_phuong]}",
            "of_which: [cqs.gio_dia_phuong], parts: [cqs.dti]}",
        )
    });
    broken("E028", "data/indicators.yaml:4:5", |ws| {
        edit(
            ws,
            INDICATORS,
            "  - {id: xhs, name: Xã hội số}",
            "  - {id: cqs, name: Xã hội số}",
        )
    });
    broken("E030", "data/plans/2024.yaml:1:7", |ws| {
        edit(ws, PLAN, "year: 2024", "year: 2023")
    });
    broken("E032", "data/plans/2024.yaml:7:12", |ws| {
        edit(ws, PLAN, "  - {code: cqs.dti,", "  - {code: kts.kts_grdp,")
    });
    broken("E033", "data/plans/2024.yaml:6:39", |ws| {
        edit(ws, PLAN, "target: 95}", "target: true}")
    });
    broken("E035", "data/plans/2024.yaml:13:14", |ws| {
        edit(ws, PLAN, "{id: A.I.1,", "{id: 'A I 1',")
    });
    broken("E036", "data/plans/2024.yaml:13:14", |ws| {
        edit(ws, PLAN, "{id: A.I.1,", "{id: B.I.1,")
    });
}
