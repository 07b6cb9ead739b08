//! `cdsreport diff`: periods (with the remainder of the year and merged units) and files.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{cdsreport, copy_fixture, write_xlsx};

fn json(args: &[&str], ws: &std::path::Path) -> Value {
    let out = cdsreport()
        .args(args)
        .args(["--format", "json", "-C"])
        .arg(ws)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn row<'a>(d: &'a Value, code: &str, unit: Option<&str>) -> &'a Value {
    d["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["code"] == code && r["unit"].as_str() == unit)
        .unwrap_or_else(|| panic!("no row {code} {unit:?}"))
}

#[test]
fn year_on_year_changes_use_points_for_rates_and_per_cent_for_counts() {
    let ws = copy_fixture("mini");
    let d = json(&["diff", "2023", "2024"], ws.path());
    let grdp = row(&d, "kts.kts_grdp", None);
    assert_eq!(
        (grdp["a"].as_str(), grdp["b"].as_str()),
        (Some("9.56"), Some("10.16"))
    );
    assert_eq!(grdp["change"]["absolute"], "0.60");
    assert_eq!(grdp["change"]["points"], true);
    let cards = row(&d, "kts.the_thanh_toan", None);
    assert_eq!(cards["change"]["absolute"], "211756");
    assert!(
        cards["change"]["relative"]
            .as_str()
            .is_some_and(|r| r.starts_with("37.93"))
    );
    assert_eq!(
        d["only_in_b_plan"],
        serde_json::json!(["cqs.dti", "cqs.dvctt_dong_bo", "kts.kts_grdp"])
    );
    cdsreport()
        .args(["diff", "2023", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("9,56%     10,16%")
                .and(predicate::str::contains("+0,60 điểm phần trăm"))
                .and(predicate::str::contains("+211.756 (+37,93%)")),
        );
}

#[test]
fn six_months_against_the_year_shows_the_remainder_of_flows() {
    let ws = copy_fixture("mini");
    let d = json(&["diff", "2024-6T", "2024"], ws.path());
    assert_eq!(d["remainder"], "6 tháng cuối năm 2024");
    // Broadcasting hours are a flow: 20.659 in the year, 10.314 in the first half.
    assert_eq!(row(&d, "cqs.gio_phat_thanh", None)["remainder"], "10345");
    // The number of online services is a stock: no remainder.
    assert!(row(&d, "cqs.dvctt_tong", None).get("remainder").is_none());
    cdsreport()
        .args(["diff", "6T2024", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("6 tháng cuối năm 2024"));
}

#[test]
fn merged_units_are_mapped_to_their_successor() {
    let ws = copy_fixture("mini");
    let d = json(&["diff", "2024", "2025", "--by-unit"], ws.path());
    let r = row(&d, "cqs.dvctt_tong", Some("so-khcn"));
    assert_eq!(r["mapped_from"], "Sở TTTT → Sở KH&CN");
    assert_eq!(
        (r["a"].as_str(), r["b"].as_str()),
        (Some("1126"), Some("1200"))
    );
}

#[test]
fn csv_md_and_xlsx_outputs() {
    let ws = copy_fixture("mini");
    let csv = ws.path().join("d.csv");
    cdsreport()
        .args(["diff", "2023", "2024", "--format", "csv", "-o"])
        .arg(&csv)
        .arg("-C")
        .arg(ws.path())
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        text.starts_with("Mã,Chỉ tiêu,năm 2023,năm 2024,Thay đổi"),
        "{text}"
    );
    assert!(text.contains("kts.kts_grdp,Tỷ trọng kinh tế số trong GRDP của tỉnh,\"9,56%\",\"10,16%\",\"'+0,60 điểm phần trăm\""), "{text}");
    cdsreport().args(["diff", "2023", "2024", "--format", "md", "-C"]).arg(ws.path()).assert().success().stdout(predicate::str::contains("| kts.kts_grdp | Tỷ trọng kinh tế số trong GRDP của tỉnh | 9,56% | 10,16% | +0,60 điểm phần trăm |"));
    let xlsx = ws.path().join("d.xlsx");
    cdsreport()
        .args(["diff", "2023", "2024", "--format", "xlsx", "-o"])
        .arg(&xlsx)
        .arg("-C")
        .arg(ws.path())
        .assert()
        .success();
    let mut book = calamine::open_workbook_auto(&xlsx).expect("xlsx");
    let range = calamine::Reader::worksheet_range(&mut book, "So sánh").expect("sheet");
    let grdp = range.rows().find(|r| r[0] == "kts.kts_grdp").expect("row");
    assert_eq!(
        (grdp[3].clone(), grdp[4].clone()),
        (calamine::Data::Float(9.56), calamine::Data::Float(10.16))
    );
    cdsreport()
        .args(["diff", "2023", "2024", "--format", "xlsx", "-C"])
        .arg(ws.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o"));
}

#[test]
fn two_versions_of_a_submission_show_exactly_the_changed_cells() {
    let ws = copy_fixture("mini");
    let sheets = |a: &str, b: &str| {
        vec![
            (
                "Thông tin",
                vec![
                    vec!["Mã đơn vị".to_string(), "h-bac-ai".to_string()],
                    vec!["Kỳ báo cáo".into(), "2024".into()],
                ],
            ),
            (
                "Chỉ tiêu",
                vec![
                    vec![
                        "Mã".into(),
                        "Chỉ tiêu".into(),
                        "Đơn vị tính".into(),
                        "Giá trị hoặc Tử số".into(),
                        "Mẫu số".into(),
                    ],
                    vec![
                        "xhs.dddt_huyen".into(),
                        String::new(),
                        String::new(),
                        a.to_string(),
                    ],
                    vec![
                        "xhs.bhyt_vneid".into(),
                        String::new(),
                        String::new(),
                        b.to_string(),
                        "#12197".into(),
                    ],
                ],
            ),
        ]
    };
    let write = |name: &str, a: &str, b: &str| {
        let s = sheets(a, b);
        let refs: Vec<(&str, Vec<Vec<&str>>)> = s
            .iter()
            .map(|(n, rows)| {
                (
                    *n,
                    rows.iter()
                        .map(|r| r.iter().map(String::as_str).collect())
                        .collect(),
                )
            })
            .collect();
        let rows: Vec<(&str, Vec<&[&str]>)> = refs
            .iter()
            .map(|(n, rows)| (*n, rows.iter().map(Vec::as_slice).collect()))
            .collect();
        let sheets: Vec<(&str, &[&[&str]])> =
            rows.iter().map(|(n, r)| (*n, r.as_slice())).collect();
        write_xlsx(&ws.path().join(name), &sheets);
    };
    write("old.xlsx", "#76880", "#13493");
    write("new.xlsx", "#16880", "#13439");
    cdsreport().current_dir(ws.path()).args(["diff", "old.xlsx", "new.xlsx"]).assert().success().stdout(
        predicate::str::contains("~ xhs.dddt_huyen: 76.880 -> 16.880\n~ xhs.bhyt_vneid: 13.493/12.197 -> 13.439/12.197\n2 thay đổi"),
    );
    // A YAML version equal in value to the Excel one: no change reported for the values.
    std::fs::write(ws.path().join("same.yaml"), "unit: h-bac-ai\nperiod: 2024\nvalues:\n  xhs.dddt_huyen: 76880\n  xhs.bhyt_vneid: {numerator: \"13.493\", denominator: 12197}\n").expect("write");
    cdsreport()
        .current_dir(ws.path())
        .args(["diff", "old.xlsx", "same.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 thay đổi"));
}
