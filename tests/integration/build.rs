//! `cdsreport build` and `explain` on the mini workspace: outputs, determinism, atomicity,
//! the workbook read back cell by cell.

use calamine::{Data, Reader, open_workbook_auto};
use predicates::prelude::*;

use crate::util::{cdsreport, copy_fixture, snapshot_tree};

#[test]
fn writes_the_four_outputs_and_a_rebuild_is_byte_identical() {
    let ws = copy_fixture("mini");
    cdsreport().args(["build", "2024", "-C"]).arg(ws.path()).assert().success().stdout(
        predicate::str::contains("Đã lập báo cáo năm 2024 tại out/2024/: bao-cao.md, phu-luc.md, phu-luc.xlsx, tong-hop.json")
            .and(predicate::str::contains("Đơn vị: 5/6 đơn vị đã nộp, 1 chưa nộp (BHXH tỉnh)"))
            .and(predicate::str::contains("Chỉ tiêu kế hoạch (3): 1 đạt và vượt, 2 chưa đạt, 0 chưa đánh giá")),
    );
    let out = ws.path().join("out/2024");
    let first = snapshot_tree(&out);
    assert_eq!(
        first.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["bao-cao.md", "phu-luc.md", "phu-luc.xlsx", "tong-hop.json"]
    );
    cdsreport()
        .args(["build", "2024", "-q", "-C"])
        .arg(ws.path())
        .assert()
        .success()
        .stdout("");
    assert!(
        snapshot_tree(&out) == first,
        "a rebuild must be byte-identical"
    );

    let md = std::fs::read_to_string(out.join("bao-cao.md")).expect("md");
    assert!(md.contains("đã có 01/3 chỉ tiêu đạt và vượt kế hoạch; còn 02/3 chỉ tiêu chưa đạt kế hoạch (gồm: Tỷ trọng kinh tế số trong GRDP của tỉnh và Xếp hạng DTI)"), "{md}");
    assert!(md.contains(
        "Thực hiện Kế hoạch số 1446/KH-BĐHCĐS ngày 04/4/2024 của Ban Điều hành chuyển đổi số"
    ));
    assert!(md.contains("Đoạn văn về chính quyền số. *(Sở TTTT)*"));
    assert!(md.contains("./.\n"));

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("tong-hop.json")).expect("json"))
            .expect("parses");
    let dvctt = json["chi_tieu"]
        .as_array()
        .expect("figures")
        .iter()
        .find(|f| f["code"] == "cqs.dvctt_dong_bo")
        .expect("figure");
    assert_eq!(dvctt["text"], "1.120/1.126 (99,47%)");
    assert_eq!(
        dvctt["sources"][0]["location"],
        "submissions/2024/so-tttt.yaml:7:34"
    );
}

#[test]
fn the_workbook_reads_back_cell_by_cell() {
    let ws = copy_fixture("mini");
    cdsreport()
        .args(["build", "2024-6T", "-C"])
        .arg(ws.path())
        .assert()
        .success();
    let path = ws.path().join("out/2024-6T/phu-luc.xlsx");
    let mut book = open_workbook_auto(&path).expect("xlsx");
    let names = book.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("PL1 Chỉ tiêu"));
    assert!(
        names.iter().any(|n| n.ends_with("Tình hình nộp")),
        "{names:?}"
    );
    let pl1 = book.worksheet_range("PL1 Chỉ tiêu").expect("sheet");
    assert_eq!(
        pl1.get_value((0, 0)),
        Some(&Data::String("PHỤ LỤC 1".into()))
    );
    assert_eq!(
        pl1.get_value((4, 4)),
        Some(&Data::String("Năm 2024".into()))
    );
    assert_eq!(
        pl1.get_value((5, 4)),
        Some(&Data::String("Kế hoạch năm 2024".into()))
    );
    assert_eq!(pl1.get_value((6, 6)), Some(&Data::String("(6)/(5)".into())));
    // The year target is stored as a number.
    assert_eq!(pl1.get_value((7, 4)), Some(&Data::Float(12.0)));
    if let calamine::Sheets::Xlsx(x) = &mut book {
        let merged: Vec<String> = x
            .merge_cells_by_sheet_name("PL1 Chỉ tiêu")
            .expect("merged")
            .iter()
            .map(|d| format!("{:?}-{:?}", d.start, d.end))
            .collect();
        for want in [
            "(4, 0)-(5, 0)",
            "(4, 4)-(4, 6)",
            "(4, 8)-(5, 8)",
            "(0, 0)-(0, 8)",
        ] {
            assert!(merged.iter().any(|m| m == want), "{want} not in {merged:?}");
        }
    } else {
        panic!("not an xlsx workbook");
    }
}

#[test]
fn errors_stop_the_build_and_keep_previous_outputs() {
    let ws = copy_fixture("mini");
    cdsreport()
        .args(["build", "2024", "-q", "-C"])
        .arg(ws.path())
        .assert()
        .success();
    let before = snapshot_tree(&ws.path().join("out/2024"));
    std::fs::write(
        ws.path().join("submissions/2024/h-ninh-hai.yaml"),
        "unit: h-ninh-hai\nperiod: 2024\nvalues:\n  xhs.dddt_huyen: abc\n",
    )
    .expect("write");
    cdsreport()
        .args(["build", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("lỗi[E109]").and(predicate::str::contains(
                "Chưa lập báo cáo; kết quả cũ (nếu có) trong out/2024 được giữ nguyên.",
            )),
        );
    assert!(snapshot_tree(&ws.path().join("out/2024")) == before);
    // --strict also stops on warnings.
    std::fs::write(
        ws.path().join("submissions/2024/h-ninh-hai.yaml"),
        "unit: h-ninh-hai\nperiod: 2024\nvalues:\n  xhs.dddt_huyen: \"65. 056\"\n",
    )
    .expect("write");
    cdsreport()
        .args(["build", "2024", "--strict", "-C"])
        .arg(ws.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("cảnh báo[W131]"));
    cdsreport()
        .args(["build", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("1 cảnh báo"));
}

#[test]
fn explain_names_each_contributing_file_and_cell() {
    let ws = copy_fixture("mini");
    cdsreport().args(["explain", "2024", "xhs.bhyt_vneid", "-C"]).arg(ws.path()).assert().success().stdout(
        predicate::str::contains("Giá trị năm 2024: 67.661/66.245 (102,14%)")
            .and(predicate::str::contains("Cách tính: tổng tử số / tổng mẫu số của 2 đơn vị × 100"))
            .and(predicate::str::contains("Huyện Bác Ái — submissions/2024/h-bac-ai.yaml:5:31 — 13.493/12.197 (110,63%)"))
            .and(predicate::str::contains("Huyện Ninh Hải — submissions/2024/h-ninh-hai.yaml:5:31 — 54.168/54.048 (100,22%)")),
    );
    cdsreport()
        .args(["explain", "2024", "xhs.nope", "-C"])
        .arg(ws.path())
        .assert()
        .code(2);
}

#[test]
fn a_workspace_template_overrides_the_built_in_one_and_undefined_variables_are_named() {
    let ws = copy_fixture("mini");
    std::fs::create_dir_all(ws.path().join("templates")).expect("mkdir");
    std::fs::write(
        ws.path().join("templates/bao-cao-nam.md"),
        "Riêng: {{ f[\"kts.kts_grdp\"].text }} {{ f[\"kts.kts_grdp\"].thay_doi }}\n",
    )
    .expect("write");
    cdsreport()
        .args(["build", "2024", "-q", "-C"])
        .arg(ws.path())
        .assert()
        .success();
    let md = std::fs::read_to_string(ws.path().join("out/2024/bao-cao.md")).expect("md");
    assert_eq!(
        md,
        "Riêng: 10,16% tăng 0,60 điểm phần trăm so với năm 2023\n"
    );
    std::fs::write(
        ws.path().join("templates/bao-cao-nam.md"),
        "Dòng 1\n{{ khong_co }}\n",
    )
    .expect("write");
    cdsreport()
        .args(["build", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "mẫu «bao-cao-nam.md», dòng 2: biến không xác định «khong_co»",
        ));
}

#[test]
fn a_previous_year_file_with_errors_is_not_compared_against() {
    let ws = copy_fixture("mini");
    std::fs::create_dir_all(ws.path().join("templates")).expect("mkdir");
    std::fs::write(
        ws.path().join("templates/bao-cao-nam.md"),
        "{{ f[\"cqs.dvctt_tong\"].truoc or \"không có\" }}\n",
    )
    .expect("write");
    let build = |ws: &std::path::Path| {
        cdsreport()
            .args(["build", "2024", "-q", "-C"])
            .arg(ws)
            .assert()
            .success();
        std::fs::read_to_string(ws.join("out/2024/bao-cao.md")).expect("md")
    };
    assert_eq!(build(ws.path()), "1.000\n");
    let prev = ws.path().join("submissions/2023/so-tttt.yaml");
    let text = std::fs::read_to_string(&prev).expect("read");
    std::fs::write(
        &prev,
        text.replace("kts.kts_grdp: 9.56", "kts.kts_grdp: -9.56"),
    )
    .expect("write");
    assert_eq!(build(ws.path()), "không có\n");
}

#[test]
fn unit_text_that_looks_like_a_formula_or_markup_stays_text() {
    let ws = copy_fixture("mini");
    let file = ws.path().join("submissions/2024/so-tttt.yaml");
    let yaml = std::fs::read_to_string(&file).expect("read");
    let hyperlink = r#"=HYPERLINK("http://evil.example","Bấm vào đây")"#;
    let yaml = yaml
        .replace(
            r#"- {name: "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh", status: hoan_thanh}"#,
            &format!(
                "- {{name: '{hyperlink}', status: hoan_thanh, note: \"+cmd|' /C calc'!A0\"}}\n  - {{name: \"@SUM(1+1) | cột giả\\n# Tiêu đề giả\", status: hoan_thanh}}"
            ),
        )
        .replace(
            "cqs: Đoạn văn về chính quyền số.",
            "cqs: \"Đoạn | có ống\\n# Tiêu đề giả\\n<script>alert(1)</script> [bấm](javascript:alert(1)) **đậm**\"",
        );
    std::fs::write(&file, yaml).expect("write");
    cdsreport()
        .args(["build", "2024", "-q", "-C"])
        .arg(ws.path())
        .assert()
        .success();
    let out = ws.path().join("out/2024");

    // The workbook holds the text as a string cell, with no formula anywhere near it.
    let mut book = open_workbook_auto(out.join("phu-luc.xlsx")).expect("xlsx");
    let mut found = Vec::new();
    for name in book.sheet_names() {
        let values = book.worksheet_range(&name).expect("sheet");
        let formulas = book.worksheet_formula(&name).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} has a formula"
        );
        for (r, c, v) in values.used_cells() {
            if matches!(v, Data::String(s) if s.starts_with(['=', '+', '@'])) {
                found.push((name.clone(), r, c, v.clone()));
            }
        }
    }
    for text in [hyperlink, "+cmd|' /C calc'!A0"] {
        assert!(
            found
                .iter()
                .any(|(_, _, _, v)| *v == Data::String(text.into())),
            "{text} not written as text: {found:?}"
        );
    }

    // Markdown: unit text cannot open a heading, a raw HTML block, a link or a table cell.
    for md in ["bao-cao.md", "phu-luc.md"] {
        let text = std::fs::read_to_string(out.join(md)).expect("md");
        assert!(!text.contains("<script>"), "{md}: raw HTML");
        assert!(
            !text.replace(r"\]", "").contains("](javascript"),
            "{md}: live link"
        );
        assert!(
            !text.lines().any(|l| l.starts_with("# Tiêu đề giả")),
            "{md}: injected heading"
        );
    }
    let report = std::fs::read_to_string(out.join("bao-cao.md")).expect("md");
    assert!(
        report.contains(r"Đoạn \| có ống \# Tiêu đề giả \<script\>alert(1)\</script\>"),
        "narrative not escaped"
    );
    let annex = std::fs::read_to_string(out.join("phu-luc.md")).expect("md");
    let row = annex
        .lines()
        .find(|l| l.contains("@SUM"))
        .expect("product row in phu-luc.md");
    let header = annex
        .lines()
        .take_while(|l| *l != row)
        .filter(|l| l.starts_with('|'))
        .last()
        .expect("table above the row");
    let cells = |l: &str| l.replace(r"\|", "").matches('|').count();
    assert_eq!(cells(row), cells(header), "{row}");
}
