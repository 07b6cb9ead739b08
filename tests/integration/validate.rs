//! `cdsreport validate`: every diagnostic code triggered from a real file, with its location.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{cdsreport, copy_fixture, write_xlsx};

/// Runs `validate --period 2024 --format json` on a copy of the mini fixture after `edit`,
/// returning the exit code and the findings.
fn run(edit: impl FnOnce(&Path)) -> (i32, Vec<Value>) {
    let ws = copy_fixture("mini");
    edit(ws.path());
    let out = cdsreport()
        .args(["validate", "--period", "2024", "--format", "json", "-C"])
        .arg(ws.path())
        .output()
        .expect("runs");
    let code = out.status.code().expect("exit code");
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("json: {e}\n{}", String::from_utf8_lossy(&out.stderr)));
    (
        code,
        json["diagnostics"].as_array().cloned().unwrap_or_default(),
    )
}

/// The finding with `code`, or a panic listing what was found.
fn find<'a>(diags: &'a [Value], code: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:#?}"))
}

fn loc(d: &Value) -> String {
    match (
        d["line"].as_u64(),
        d["col"].as_u64(),
        d["sheet"].as_str(),
        d["cell"].as_str(),
    ) {
        (Some(l), Some(c), _, _) => format!("{}:{l}:{c}", d["file"].as_str().unwrap_or("")),
        (_, _, Some(s), Some(c)) => format!("{} › {s} › {c}", d["file"].as_str().unwrap_or("")),
        _ => d["file"].as_str().unwrap_or("").to_string(),
    }
}

fn write(ws: &Path, rel: &str, text: &str) {
    let p = ws.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn replace(ws: &Path, rel: &str, from: &str, to: &str) {
    let p = ws.join(rel);
    let text = std::fs::read_to_string(&p).expect("read");
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(p, text.replacen(from, to, 1)).expect("write");
}

const TTTT: &str = "submissions/2024/so-tttt.yaml";

/// Replaces Ninh Hải's YAML submission with an Excel form holding these value rows
/// (code, name, unit, value).
fn ninh_hai_xlsx(ws: &Path, rows: &[&[&str]]) {
    std::fs::remove_file(ws.join("submissions/2024/h-ninh-hai.yaml")).expect("rm");
    let header: &[&str] = &[
        "Mã",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Giá trị hoặc Tử số",
        "Mẫu số",
        "Ghi chú",
    ];
    let values: Vec<&[&str]> = std::iter::once(header)
        .chain(rows.iter().copied())
        .collect();
    write_xlsx(
        &ws.join("submissions/2024/h-ninh-hai.xlsx"),
        &[
            (
                "Thông tin",
                &[&["Mã đơn vị", "h-ninh-hai"], &["Kỳ báo cáo", "2024"]],
            ),
            ("Chỉ tiêu", &values),
        ],
    );
}

#[test]
fn the_fixture_is_clean() {
    let (code, diags) = run(|_| {});
    assert_eq!((code, diags.len()), (0, 0), "{diags:#?}");
}

/// (code, expected exit status, location) for a single edit.
fn case(code: &str, status: i32, location: &str, edit: impl FnOnce(&Path)) {
    let (exit, diags) = run(edit);
    let d = find(&diags, code);
    assert_eq!(loc(d), location, "{code}: {d:#}");
    assert_eq!(exit, status, "{code}: exit status");
    assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[test]
fn e100_malformed_yaml_and_xlsx() {
    case("E100", 1, "submissions/2024/h-ninh-hai.yaml:3:9", |ws| {
        write(
            ws,
            "submissions/2024/h-ninh-hai.yaml",
            "unit: h-ninh-hai\nperiod: 2024\nvalues: [\n",
        )
    });
    case("E100", 1, "submissions/2024/h-ninh-hai.xlsx", |ws| {
        std::fs::remove_file(ws.join("submissions/2024/h-ninh-hai.yaml")).expect("rm");
        write(
            ws,
            "submissions/2024/h-ninh-hai.xlsx",
            "this is not a zip file",
        );
    });
}

#[test]
fn e101_form_without_its_sheet() {
    case("E101", 1, "submissions/2024/h-ninh-hai.xlsx", |ws| {
        std::fs::remove_file(ws.join("submissions/2024/h-ninh-hai.yaml")).expect("rm");
        write_xlsx(
            &ws.join("submissions/2024/h-ninh-hai.xlsx"),
            &[(
                "Thông tin",
                &[&["Mã đơn vị", "h-ninh-hai"], &["Kỳ báo cáo", "2024"]],
            )],
        );
    });
}

#[test]
fn e102_e103_file_names() {
    case("E102", 1, "submissions/2024/Báo cáo.yaml", |ws| {
        write(
            ws,
            "submissions/2024/Báo cáo.yaml",
            "unit: x\nperiod: 2024\n",
        )
    });
    case("E103", 1, "submissions/2024/so-xyz.yaml", |ws| {
        write(
            ws,
            "submissions/2024/so-xyz.yaml",
            "unit: so-xyz\nperiod: 2024\n",
        )
    });
}

#[test]
fn e104_e105_e106_identity() {
    case("E104", 1, "submissions/2024/ca-tinh.yaml:1:7", |ws| {
        replace(
            ws,
            "submissions/2024/ca-tinh.yaml",
            "unit: ca-tinh",
            "unit: so-tttt",
        )
    });
    case("E105", 1, "submissions/2024/h-moi.yaml:1:7", |ws| {
        write(
            ws,
            "submissions/2024/h-moi.yaml",
            "unit: h-moi\nperiod: 2024\n",
        )
    });
    case("E106", 1, "submissions/2024/ca-tinh.yaml:2:9", |ws| {
        replace(
            ws,
            "submissions/2024/ca-tinh.yaml",
            "period: 2024",
            "period: 2023",
        )
    });
    case("E106", 1, "submissions/2024/ca-tinh.yaml:2:9", |ws| {
        replace(
            ws,
            "submissions/2024/ca-tinh.yaml",
            "period: 2024",
            "period: 2024-Q5",
        )
    });
}

#[test]
fn e107_e108_codes() {
    case("E107", 1, "submissions/2024/ca-tinh.yaml:4:3", |ws| {
        replace(
            ws,
            "submissions/2024/ca-tinh.yaml",
            "values:\n",
            "values:\n  xhs.dddt_muc3: 1\n",
        );
    });
    case(
        "E108",
        1,
        "submissions/2024/h-ninh-hai.xlsx › Chỉ tiêu › A3",
        |ws| {
            ninh_hai_xlsx(
                ws,
                &[
                    &["xhs.dddt_huyen", "", "", "#65056"],
                    &["xhs.dddt_huyen", "", "", "#1"],
                ],
            );
        },
    );
}

#[test]
fn a_formatted_empty_cell_beyond_the_column_limit_is_not_a_value() {
    let mut row = vec![""; 70];
    row[0] = "xhs.dddt_huyen";
    row[3] = "#65056";
    row[69] = "~fmt";
    let (exit, diags) = run(|ws| ninh_hai_xlsx(ws, &[&row]));
    assert_eq!((exit, diags.len()), (0, 0), "{diags:#?}");
    row[69] = "x";
    let (exit, diags) = run(|ws| ninh_hai_xlsx(ws, &[&row]));
    assert_eq!(
        loc(find(&diags, "E122")),
        "submissions/2024/h-ninh-hai.xlsx › Chỉ tiêu › BR2"
    );
    assert_eq!(exit, 1);
}

#[test]
fn e109_text_in_a_number_cell_names_sheet_and_cell() {
    let (exit, diags) = run(|ws| {
        ninh_hai_xlsx(ws, &[&["xhs.dddt_huyen", "", "", "abc"]]);
    });
    let d = find(&diags, "E109");
    assert_eq!(loc(d), "submissions/2024/h-ninh-hai.xlsx › Chỉ tiêu › D2");
    assert_eq!(exit, 1);
    assert_eq!(d["snippet"], "D2 = «abc»");
}

#[test]
fn e110_to_e113_values() {
    case("E110", 1, "submissions/2024/h-ninh-hai.yaml:4:19", |ws| {
        replace(ws, "submissions/2024/h-ninh-hai.yaml", "65056", "-65056")
    });
    case("E111", 1, "submissions/2024/so-tttt.yaml:7:34", |ws| {
        replace(ws, TTTT, "numerator: 1120", "numerator: 1130")
    });
    case("E111", 1, "submissions/2024/so-tttt.yaml:19:29", |ws| {
        replace(
            ws,
            TTTT,
            "kts.kts_grdp: {value: 10.16, change_points: 0.60}",
            "kts.kts_grdp: {numerator: 12, denominator: 10}",
        )
    });
    case("E112", 1, "submissions/2024/so-tttt.yaml:7:53", |ws| {
        replace(ws, TTTT, "denominator: 1126", "denominator: 0")
    });
    case(
        "E113",
        1,
        "submissions/2024/h-ninh-hai.xlsx › Chỉ tiêu › D2",
        |ws| {
            ninh_hai_xlsx(ws, &[&["xhs.dddt_huyen", "", "", "#DIV/0!"]]);
        },
    );
}

#[test]
fn e114_e115_e116_file_level() {
    case("E114", 1, TTTT, |ws| {
        replace(
            ws,
            TTTT,
            "  kts.kts_grdp: {value: 10.16, change_points: 0.60}\n",
            "",
        )
    });
    case("E115", 1, "submissions/2024/so-tttt.yaml:3:8", |ws| {
        replace(ws, TTTT, "as_of: 2024-12-13", "as_of: 2025-01-05")
    });
    case("E116", 1, "submissions/2024/ca-tinh.yaml", |ws| {
        write_xlsx(
            &ws.join("submissions/2024/ca-tinh.xlsx"),
            &[
                (
                    "Thông tin",
                    &[&["Mã đơn vị", "ca-tinh"], &["Kỳ báo cáo", "2024"]],
                ),
                ("Chỉ tiêu", &[&["Mã", "Giá trị hoặc Tử số"]]),
            ],
        );
    });
}

#[test]
fn e117_e118_e119_tasks_products_narrative() {
    case("E117", 1, "submissions/2024/so-tttt.yaml:23:3", |ws| {
        replace(ws, TTTT, "  A.I.1:", "  A.I.9:")
    });
    case("E118", 1, "submissions/2024/so-tttt.yaml:23:19", |ws| {
        replace(
            ws,
            TTTT,
            "status: hoan_thanh, result",
            "status: xong, result",
        )
    });
    case("E119", 1, "submissions/2024/so-tttt.yaml:27:3", |ws| {
        replace(ws, TTTT, "  cqs: Đoạn", "  chinh_quyen: Đoạn")
    });
}

#[test]
fn e120_w130_one_owner_per_figure() {
    let (_, diags) = run(|ws| {
        write(
            ws,
            "submissions/2024/so-khcn.yaml",
            "unit: so-khcn\nperiod: 2024\nvalues:\n  cqs.dvctt_tong: 1126\n",
        )
    });
    assert!(
        loc(find(&diags, "E120")).starts_with("submissions/2024/so-tttt.yaml:")
            || loc(find(&diags, "E120")).starts_with("submissions/2024/so-khcn.yaml:")
    );
    assert_eq!(
        loc(find(&diags, "W130")),
        "submissions/2024/so-khcn.yaml:4:3"
    );
}

#[test]
fn warnings_do_not_fail_unless_strict() {
    case("W131", 0, "submissions/2024/h-ninh-hai.yaml:4:19", |ws| {
        replace(
            ws,
            "submissions/2024/h-ninh-hai.yaml",
            "65056",
            "\"65. 056\"",
        )
    });
    let ws = copy_fixture("mini");
    replace(
        ws.path(),
        "submissions/2024/h-ninh-hai.yaml",
        "65056",
        "\"65. 056\"",
    );
    cdsreport()
        .args(["validate", "--period", "2024", "--strict", "-C"])
        .arg(ws.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("cảnh báo[W131]")
                .and(predicate::str::contains("0 lỗi, 1 cảnh báo trong 5 tệp")),
        );
}

#[test]
fn w132_to_w139_seed_slips() {
    case("W132", 0, "submissions/2024/so-ldtbxh.yaml:5:61", |ws| {
        replace(
            ws,
            "submissions/2024/so-ldtbxh.yaml",
            "\"68,09\"",
            "\"65,41\"",
        )
    });
    case("W133", 0, "submissions/2024/so-tttt.yaml:8:18", |ws| {
        replace(ws, TTTT, "cqs.khai_thac: 24240", "cqs.khai_thac: 33757")
    });
    case("W134", 0, "submissions/2024/so-tttt.yaml:12:23", |ws| {
        replace(
            ws,
            TTTT,
            "cqs.gio_dia_phuong: 6750",
            "cqs.gio_dia_phuong: 26750",
        )
    });
    case("W135", 0, "submissions/2024/so-tttt.yaml:19:47", |ws| {
        replace(ws, TTTT, "change_points: 0.60", "change_points: 0.54")
    });
    case("W136", 0, "submissions/2024/so-ldtbxh.yaml:6:48", |ws| {
        replace(
            ws,
            "submissions/2024/so-ldtbxh.yaml",
            "change_points: 31.07",
            "change_percent: 31.07",
        )
    });
    case("W137", 0, "submissions/2024/so-tttt.yaml:21:31", |ws| {
        replace(
            ws,
            TTTT,
            "value: 770000, change_percent: 37.9",
            "value: 7700000",
        )
    });
    case("W138", 0, "submissions/2024/ca-tinh.yaml:4:30", |ws| {
        replace(ws, "submissions/2024/h-bac-ai.yaml", "332962", "412959")
    });
    case("W139", 0, "submissions/2024/so-tttt.yaml:15:15", |ws| {
        replace(ws, TTTT, "cqs.wan_xa: 62", "cqs.wan_xa: 65")
    });
}

#[test]
fn text_output_is_rustc_like_with_a_summary() {
    let ws = copy_fixture("mini");
    replace(
        ws.path(),
        "submissions/2024/so-ldtbxh.yaml",
        "\"68,09\"",
        "\"65,41\"",
    );
    cdsreport().args(["validate", "--period", "2024", "-C"]).arg(ws.path()).assert().success().stdout(
        predicate::str::contains("cảnh báo[W132]: «xhs.asxh»: 18.129/26.625 là 68,09%, không phải 65,41% như đã ghi\n  --> submissions/2024/so-ldtbxh.yaml:5:61\n")
            .and(predicate::str::contains("0 lỗi, 1 cảnh báo trong 5 tệp")),
    );
}

#[test]
fn single_files_and_usage_errors() {
    let ws = copy_fixture("mini");
    cdsreport()
        .current_dir(ws.path())
        .args(["validate", TTTT])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 lỗi, 0 cảnh báo trong 1 tệp"));
    cdsreport()
        .current_dir(ws.path())
        .args(["validate", "nope.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("không tìm thấy tệp"));
    cdsreport()
        .current_dir(ws.path())
        .args(["validate", "--period", "2024-Q7"])
        .assert()
        .code(2);
    cdsreport()
        .current_dir(ws.path())
        .args(["validate", "--period", "2022"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("không có thư mục số liệu"));
}
