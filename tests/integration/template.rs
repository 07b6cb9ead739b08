//! `cdsreport template`: the form a unit fills, read back and validated.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use predicates::prelude::*;

use crate::util::{cdsreport, copy_fixture};

/// Copies a workbook cell by cell, putting `fill` values (code → value, denominator) into
/// the "Giá trị hoặc Tử số" and "Mẫu số" columns of the rows with those codes — what a unit
/// officer does in Excel.
fn fill_form(src: &Path, dst: &Path, fill: &[(&str, &str, Option<&str>)], as_of: Option<&str>) {
    let mut book = open_workbook_auto(src).expect("open form");
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        let ws = out.add_worksheet();
        ws.set_name(&name).expect("name");
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (i, row) in range.rows().enumerate() {
            let r = r0 + u32::try_from(i).expect("row");
            let code = row.first().map(|d| d.to_string()).unwrap_or_default();
            let filled = fill.iter().find(|(c, _, _)| *c == code);
            for (j, cell) in row.iter().enumerate() {
                let c = u16::try_from(c0 as usize + j).expect("col");
                let text = match (name.as_str(), filled, c, as_of) {
                    ("Chỉ tiêu", Some((_, v, _)), 3, _) => Some(v.to_string()),
                    ("Chỉ tiêu", Some((_, _, Some(d))), 4, _) => Some(d.to_string()),
                    ("Thông tin", _, 1, Some(a)) if code == "Ngày chốt số liệu" => {
                        Some(a.to_string())
                    }
                    _ => None,
                };
                match (text, cell) {
                    (Some(t), _) => match t.parse::<f64>() {
                        Ok(n) => ws.write_number(r, c, n).map(|_| ()),
                        Err(_) => ws.write_string(r, c, &t).map(|_| ()),
                    },
                    (None, Data::Float(f)) => ws.write_number(r, c, *f).map(|_| ()),
                    (None, Data::Int(n)) => ws.write_number(r, c, *n as f64).map(|_| ()),
                    (None, Data::Empty) => Ok(()),
                    (None, other) => ws.write_string(r, c, other.to_string()).map(|_| ()),
                }
                .expect("write cell");
            }
        }
    }
    out.save(dst).expect("save");
}

#[test]
fn a_filled_form_validates_clean_and_a_bad_cell_is_named() {
    let ws = copy_fixture("mini");
    let form = ws.path().join("form.xlsx");
    cdsreport()
        .args(["template", "h-bac-ai", "2024", "-o"])
        .arg(&form)
        .arg("-C")
        .arg(ws.path())
        .assert()
        .success();

    // The form lists the unit's indicators with name, unit and how to enter them.
    let mut book = open_workbook_auto(&form).expect("open");
    assert_eq!(
        book.sheet_names(),
        [
            "Thông tin",
            "Chỉ tiêu",
            "Nhiệm vụ",
            "Sản phẩm",
            "Thuyết minh"
        ]
    );
    let values = book.worksheet_range("Chỉ tiêu").expect("sheet");
    let header: Vec<String> = values
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        &header[..6],
        [
            "Mã",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Giá trị hoặc Tử số",
            "Mẫu số",
            "Ghi chú"
        ]
    );
    let codes: Vec<String> = values.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(codes, ["xhs.dddt_huyen", "xhs.bhyt_vneid"]);
    let info = book.worksheet_range("Thông tin").expect("info");
    assert!(
        info.rows()
            .any(|r| r[0] == "Mã đơn vị" && r[1] == "h-bac-ai")
    );

    // Filled with the unit's figures, it replaces the YAML submission and validates clean.
    let target = ws.path().join("submissions/2024/h-bac-ai.xlsx");
    std::fs::remove_file(ws.path().join("submissions/2024/h-bac-ai.yaml")).expect("rm");
    fill_form(
        &form,
        &target,
        &[
            ("xhs.dddt_huyen", "332962", None),
            ("xhs.bhyt_vneid", "13493", Some("12197")),
        ],
        Some("13/12/2024"),
    );
    cdsreport()
        .args(["validate", "--period", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("0 lỗi, 0 cảnh báo trong 5 tệp"));

    // Text in a number cell: exit 1, naming the file, sheet and cell.
    fill_form(
        &form,
        &target,
        &[
            ("xhs.dddt_huyen", "abc", None),
            ("xhs.bhyt_vneid", "13493", Some("12197")),
        ],
        None,
    );
    cdsreport()
        .args(["validate", "--period", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("lỗi[E109]")
                .and(predicate::str::contains(
                    "--> submissions/2024/h-bac-ai.xlsx › Chỉ tiêu › D2",
                ))
                .and(predicate::str::contains("D2 = «abc»")),
        );
}

#[test]
fn forms_for_every_expected_unit_and_no_overwrite() {
    let ws = copy_fixture("mini");
    let dir = ws.path().join("forms");
    cdsreport()
        .args(["template", "--all"])
        .arg(&dir)
        .args(["2024", "-C"])
        .arg(ws.path())
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // h-moi is valid only from 2025; so-khcn reports nothing and leads no task.
    // bhxh-tinh reports but has not submitted: it still gets a form.
    assert_eq!(
        names,
        [
            "bhxh-tinh.xlsx",
            "ca-tinh.xlsx",
            "h-bac-ai.xlsx",
            "h-ninh-hai.xlsx",
            "so-ldtbxh.xlsx",
            "so-tttt.xlsx"
        ]
    );
    cdsreport()
        .args(["template", "--all"])
        .arg(&dir)
        .args(["2024", "-C"])
        .arg(ws.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("không ghi đè"));
    cdsreport()
        .args(["template", "h-moi", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("chưa có hiệu lực vào cuối kỳ"));
    cdsreport()
        .args(["template", "xyz", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("không có trong danh mục"));
}

#[test]
fn the_form_is_byte_identical_on_rewrite() {
    let ws = copy_fixture("mini");
    let a = ws.path().join("a.xlsx");
    let b = ws.path().join("b.xlsx");
    cdsreport()
        .args(["template", "so-tttt", "2024", "-o"])
        .arg(&a)
        .arg("-C")
        .arg(ws.path())
        .assert()
        .success();
    cdsreport()
        .args(["template", "so-tttt", "2024", "-o"])
        .arg(&b)
        .arg("-C")
        .arg(ws.path())
        .assert()
        .success();
    assert!(std::fs::read(&a).expect("a") == std::fs::read(&b).expect("b"));
}
