//! The bundled Ninh Thuận workspace: reference data true to the seeds, the seeds' slips
//! found, the report's figures, the 6-month phụ lục cell by cell, comparisons and status.

use calamine::{Data, Reader, open_workbook_auto};
use predicates::prelude::*;
use serde_json::Value;

use crate::util::{cdsreport, example, example_copy, units_in_state};

#[test]
fn reference_data_is_true_to_the_seeds() {
    let ws = cdsreport::Workspace::load(&example()).expect("the example loads");
    let plan = ws.plan(2024).expect("plan 2024");
    assert_eq!(plan.indicators.len(), 44);
    assert_eq!(plan.indicator_total, Some(44));
    assert_eq!(
        plan.document.citation(),
        "Kế hoạch số 1446/KH-BĐHCĐS ngày 04/4/2024 của Ban Điều hành chuyển đổi số về triển khai thực hiện chuyển đổi số năm 2024 trên địa bàn tỉnh Ninh Thuận"
    );
    let districts: Vec<&str> = ws
        .registry
        .units()
        .iter()
        .filter(|u| u.kind == cdsreport::schema::UnitKind::Huyen)
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(
        districts,
        [
            "Thành phố Phan Rang - Tháp Chàm",
            "Huyện Bác Ái",
            "Huyện Ninh Sơn",
            "Huyện Ninh Hải",
            "Huyện Ninh Phước",
            "Huyện Thuận Bắc",
            "Huyện Thuận Nam"
        ]
    );
    // The roster of communes is data valid for periods: 65 in May 2024, 62 at the end of 2024.
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).expect("date");
    assert_eq!(
        ws.registry
            .count_on(cdsreport::schema::UnitKind::Xa, d(2024, 5, 28)),
        Some(65)
    );
    assert_eq!(
        ws.registry
            .count_on(cdsreport::schema::UnitKind::Xa, d(2024, 12, 31)),
        Some(62)
    );
    // The 2025 reorganisation: Sở TTTT merged into Sở KH&CN, then into Khánh Hòa's.
    let succ: Vec<&str> = ws
        .registry
        .successors_on("so-tttt", d(2025, 12, 31))
        .iter()
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(succ, ["kh-so-khcn"]);
    assert!(
        ws.registry
            .successors_on("h-bac-ai", d(2025, 12, 31))
            .is_empty()
    );
    assert_eq!(ws.plan(2023).and_then(|p| p.indicator_total), Some(19));
}

#[test]
fn every_example_submission_names_known_units_and_indicators() {
    for period in ["2023", "2023-6T", "2024-6T", "2024"] {
        let out = cdsreport()
            .args(["validate", "--period", period, "--format", "json", "-C"])
            .arg(example())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{period}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(v["errors"], 0, "{period}");
    }
}

#[test]
fn validate_2024_lists_exactly_the_seed_slips() {
    let out = cdsreport()
        .args(["validate", "--period", "2024", "-C"])
        .arg(example())
        .output()
        .expect("runs");
    assert!(out.status.success());
    insta::assert_snapshot!("validate_2024", String::from_utf8_lossy(&out.stdout));
    let out = cdsreport()
        .args(["validate", "--period", "2024", "--format", "json", "-C"])
        .arg(example())
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json parses");
    let mut found: Vec<String> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    found.sort();
    let expect = [
        "W131 giá trị của «tcns.hs_huong_dan» viết là «11. 835»",
        "W132 «cqs.hs_truc_tiep»: 60.036/313.736 là 19,14%, không phải 19,13%",
        "W132 «cqs.mxh_trung_lap»: 188.785/218.366 là 86,5%, không phải 86,4%",
        "W132 «da06.asxh»: 18.129/26.625 là 68,09%, không phải 65,41%",
        "W132 «dl.duoc_ban_buon»: 8/484 là 1,7%, không phải 1,5%",
        "W132 «dl.duoc_quay_thuoc»: 342/484 là 70,7%, không phải 70,8%",
        "W132 «xhs.bhxh_chi_tra»: 36.041/39.007 là 92,4%, không phải 92,3%",
        "W132 «xhs.ttkdtm_vien_phi»: 92.452/475.097 là 19,5%, không phải 19,4%",
        "W133 «cqs.csdl_dan_cu_khai_thac» ghi 33.757 nhưng các thành phần cộng lại 16.095 + 1.528 + 6.617 = 24.240",
        "W133 «kts.hddt» ghi 5.207 nhưng các thành phần cộng lại 4.185 + 1.002 = 5.187",
        "W135 «kts.kts_grdp» nêu thay đổi +0,54 điểm phần trăm so với năm 2023 (9,56%), nhưng số liệu đã lưu cho thấy +0,60 điểm phần trăm",
        "W136 «xhs.ttkdtm_giao_duc» nêu «tăng 31,07%»",
        "W138 tổng «tcns.dddt_muc2» của 7 đơn vị là 478.015, khác số liệu toàn tỉnh «xhs.dddt_muc2» là 398.018",
        "W139 «hts.wan_xa» ghi 65 nhưng danh mục có 62 xã, phường, thị trấn",
        "W139 «tcns.to_cns_xa» ghi 65 nhưng danh mục có 62 xã, phường, thị trấn",
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for (f, e) in found.iter().zip(expect) {
        assert!(f.starts_with(e), "{f}\n  does not start with\n{e}");
    }
    // Bác Ái's 76.880 is named as the suspect value.
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("giá trị của Huyện Bác Ái (76.880) khác thường")
    );
}

#[test]
fn the_six_month_slips_are_found_too() {
    let out = cdsreport()
        .args(["validate", "--period", "2024-6T", "-C"])
        .arg(example())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for slip in [
        "«cqs.vb_di_den» ghi 445.442 nhưng các thành phần cộng lại 101.198 + 344.224 = 445.422",
        "«bcvt.tb_dien_thoai» ghi 710.482 nhưng các thành phần cộng lại 44.000 + 58.363 + 607.619 = 709.982",
        "«cqs.hs_tre_han_huyen»: 7/5.962 là 0,12%, không phải 1,19%",
        "viết là «96,475»",
        "viết là «1,030»",
    ] {
        assert!(text.contains(slip), "missing: {slip}\n{text}");
    }
}

/// Figure strings of the 2024 report (000) that the example data covers.
const FIGURES_2024: &[&str] = &[
    "39/44 chỉ tiêu đạt và vượt kế hoạch",
    "03/44 chỉ tiêu chưa đạt",
    "02/44 chỉ tiêu chưa đánh giá được",
    "1.126 DVCTT",
    "582 DVCTT toàn trình",
    "(cấp tỉnh: 490 DVCTT, cấp huyện: 58 DVCTT và cấp xã: 34 DVCTT)",
    "544 DVCTT một phần",
    "(cấp tỉnh: 363 DVCTT, cấp huyện: 138 DVCTT và cấp xã: 43 DVCTT)",
    "1.120/1.126 DVCTT đạt 99,47%",
    "676 DVCTT/1.126 DVCTT đạt 60,04%",
    "313.736 hồ sơ",
    "253.117 hồ sơ tiếp nhận trực tuyến chiếm 80,68%",
    "583 hồ sơ tiếp nhận qua bưu chính công ích chiếm 0,19%",
    "307.021 hồ sơ",
    "306.181 hồ sơ chiếm 99,73%",
    "840 hồ sơ chiếm 0,27%",
    "286.315/313.736 hồ sơ đạt 91,26%",
    "33.757 lượt khai thác",
    "(cấp tỉnh 16.095 lượt, cấp huyện 1.528 lượt và cấp xã 6.617 lượt)",
    "62/62 xã, phường, thị trấn",
    "26/26 sở, ban, ngành",
    "7/7 UBND cấp huyện",
    "62/62 UBND cấp xã",
    "98,42% đối với cấp huyện",
    "99,44% đối với cấp xã",
    "16 hệ thống thông tin",
    "140.600",
    "218.366 tin",
    "18.051 (8,3% tổng số tin)",
    "11.530 (5,3% tổng số tin)",
    "618 phản ánh",
    "lũy kế 2.794 phản ánh",
    "47 cơ quan, đơn vị",
    "710/1.030",
    "27.822 tỷ đồng",
    "2.826,5 tỷ đồng",
    "10,16% GRDP",
    "(kế hoạch là 12%)",
    "210 doanh nghiệp",
    "94 cơ sở, doanh nghiệp",
    "368 sản phẩm",
    "770.000 thẻ",
    "100 máy ATM",
    "672 máy POS",
    "648.303 tỷ đồng",
    "490.000 tỷ đồng",
    "75,6%",
    "4.609 doanh nghiệp",
    "948 doanh nghiệp",
    "5.207 người nộp thuế",
    "4.185 doanh nghiệp, 1.002 hộ kinh doanh",
    "3/6",
    "652.203/690.848",
    "94,4%",
    "371.163/359.834",
    "103,15%",
    "90,7%",
    "602.054/665.643 hồ sơ đạt 90,45%",
    "36.041/39.007",
    "23.266/24.931",
    "93,3%",
    "17.416/18.129",
    "96,07%",
    "100% (28/28)",
    "30 thành viên",
    "54 cơ quan, đơn vị",
    "81 sản phẩm",
    "49 cơ quan, đơn vị",
    "63 sản phẩm",
    "52 đơn vị hoàn thành",
    "01 đơn vị xin ngừng triển khai",
    "01 đơn vị chưa triển khai",
    "238.869/254.419 hồ sơ (đạt 93,89%)",
    "217.620/229.702 hồ sơ (đạt 94,74%)",
    "21.249/24.717 hồ sơ (đạt 85,97%)",
    "651.152/747.962",
    "398.018/382.171",
    "104,15%",
    "259/661",
    "39,18%",
    "13/19 mô hình",
    "20/25 mô hình",
    "87 người",
    "04 CCVC",
    "10 lớp",
    "386 cán bộ",
    "1.532 học viên",
    "(cấp tỉnh: 413 học viên; cấp huyện, xã: 1.119 học viên)",
    "717 học viên",
    "(cấp tỉnh: 137 học viên; cấp huyện, xã: 580 học viên)",
    "903 người",
    "210 cán bộ lãnh đạo UBND cấp xã",
    "983 thành viên",
    "150 cán bộ Đoàn",
    "38 sở, ban, ngành",
    "07 huyện, thành phố",
    "01 Nghị quyết, 06 Quyết định, 21 Kế hoạch/Công văn",
    "01 đơn vị chuyên trách",
    "446 Tổ công nghệ số cộng đồng cấp thôn với 2.439 thành viên",
    "100% thôn/khu phố",
    "87 trạm 5G",
    "13.876 tin bài",
    "12 tin bài",
    "113 hồ sơ dự thi",
    "28 thí sinh đạt giải",
    "Kế hoạch số 1446/KH-BĐHCĐS ngày 04/4/2024",
];

#[test]
fn the_2024_report_holds_the_seed_figures_with_slips_corrected() {
    let ws = example_copy();
    cdsreport()
        .args(["build", "2024", "-C"])
        .arg(ws.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains(
                "Chỉ tiêu kế hoạch (44): 39 đạt và vượt, 3 chưa đạt, 2 chưa đánh giá",
            )
            .and(predicate::str::contains(
                "Đơn vị: 31/38 đơn vị đã nộp, 7 chưa nộp",
            ))
            .and(predicate::str::contains("Đã tính lại trong báo cáo 11 chỗ")),
        );
    let md = std::fs::read_to_string(ws.path().join("out/2024/bao-cao.md")).expect("md");
    assert!(FIGURES_2024.len() >= 60);
    let missing: Vec<&&str> = FIGURES_2024.iter().filter(|f| !md.contains(**f)).collect();
    assert!(missing.is_empty(), "missing from bao-cao.md: {missing:#?}");
    // Slips corrected: the computed ratio, not the printed one; points, not per cent.
    for (right, wrong) in [
        (
            "18.129/26.625 đối tượng hưởng an sinh xã hội, đạt 68,09%",
            "65,41%",
        ),
        ("chiếm 19,14%", "chiếm 19,13%"),
        ("đạt 19,5%", "19,4%"),
        ("đạt tỷ lệ 92,4%", "92,3%"),
        ("tăng 0,60 điểm phần trăm so với năm 2023", "0,54"),
        ("90,7%, tăng 31,07 điểm phần trăm", "tăng 31,07%"),
        ("188.785 (86,5% tổng số tin)", "86,4%"),
    ] {
        assert!(md.contains(right), "{right}");
        assert!(!md.contains(wrong), "{wrong} must not appear");
    }
    insta::assert_snapshot!("bao_cao_2024", md);
    insta::assert_snapshot!(
        "phu_luc_2024",
        std::fs::read_to_string(ws.path().join("out/2024/phu-luc.md")).expect("md")
    );
}

/// 001 PHỤ LỤC 1, columns (4) to (6)/(7), row by row.
const PL1_6T: &[(&str, &str, [&str; 6])] = &[
    (
        "1",
        "Tỷ trọng kinh tế số trong GRDP của tỉnh",
        ["9,56", "12", "-", "-", "12", "-"],
    ),
    (
        "2",
        "Mật độ điện thoại cố định và trả sau trên 100 dân",
        ["16,5", "17", "16,7", "98,24", "17", "98,24"],
    ),
    (
        "3",
        "Mật độ internet trên 100 dân",
        ["98,5", "99,4", "98,9", "99,50", "99,4", "99,50"],
    ),
    (
        "4",
        "Tỷ lệ hộ gia đình sử dụng cáp quang",
        ["78", "84", "81", "96,43", "84", "96,43"],
    ),
    (
        "5",
        "Tổng số điểm phục vụ bưu chính",
        ["115", "115", "117", "101,74", "115", "101,74"],
    ),
    (
        "6",
        "Ngăn chặn, xử lý nghiêm, kịp thời các thông tin xấu, độc, sai sự thật mà phát hiện và xác minh được trên mạng xã hội",
        ["100", "100", "100", "100", "100", "100"],
    ),
    (
        "7",
        "Số giờ phát sóng phát thanh",
        ["20.659", "20.659", "10.314", "49,92", "20.659", "49,92"],
    ),
    (
        "",
        "Trong đó: - Chương trình địa phương",
        ["6.750", "6.750", "3.420", "50,67", "6.750", "50,67"],
    ),
    (
        "",
        "- Riêng tiếng Dân tộc thiểu số",
        ["52", "52", "26", "50", "52", "50"],
    ),
    (
        "8",
        "Số giờ phát sóng truyền hình",
        ["120.450", "120.450", "60.225", "50", "120.450", "50"],
    ),
    (
        "",
        "Trong đó: - Chương trình địa phương",
        ["41.610", "41.610", "20.805", "50", "41.610", "50"],
    ),
    (
        "",
        "- Riêng tiếng Dân tộc thiểu số",
        ["52", "52", "26", "50", "52", "50"],
    ),
    (
        "9",
        "Tỉ lệ hộ nghe được Đài tiếng nói Việt Nam",
        ["100", "100", "100", "100", "100", "100"],
    ),
    (
        "10",
        "Tỷ lệ hộ xem được chương trình truyền hình Việt Nam",
        ["100", "100", "100", "100", "100", "100"],
    ),
    (
        "11",
        "Tỷ lệ số giờ truyền hình dành cho trẻ em trên số giờ phát sóng trong một tuần",
        ["0,6", "0,6", "0,6", "100", "0,6", "100"],
    ),
    (
        "12",
        "Tỷ lệ số giờ phát thanh dành cho trẻ em trên số giờ phát sóng trong một năm",
        ["2,3", "2,3", "2,3", "100", "2,3", "100"],
    ),
    (
        "13",
        "Tỷ lệ số giờ phát thanh chương trình địa phương sản xuất cho trẻ em trên số giờ phát sóng dành cho trẻ em trong một năm",
        ["50", "50", "50", "100", "50", "100"],
    ),
];

/// A cell's text as the phụ lục prints it: numbers with Vietnamese separators.
fn shown(d: &Data, decimals: usize) -> String {
    match d {
        Data::Float(f) => cdsreport::number::format(
            rust_decimal::Decimal::from_f64_retain(*f)
                .map(|x| x.round_dp(6))
                .unwrap_or_default(),
            cdsreport::number::Style::decimals(decimals as u32),
        ),
        Data::Int(i) => cdsreport::number::format((*i).into(), cdsreport::number::Style::default()),
        other => other.to_string(),
    }
}

#[test]
fn the_six_month_annex_1_matches_the_seed_cell_by_cell() {
    let ws = example_copy();
    cdsreport()
        .args(["build", "2024-6T", "-q", "-C"])
        .arg(ws.path())
        .assert()
        .success();
    let md = std::fs::read_to_string(ws.path().join("out/2024-6T/phu-luc.md")).expect("md");
    let mut book = open_workbook_auto(ws.path().join("out/2024-6T/phu-luc.xlsx")).expect("xlsx");
    let sheet = book.worksheet_range("PL1 Chỉ tiêu").expect("sheet");
    let header: Vec<String> = (4..7)
        .flat_map(|r| (0..9).map(move |c| (r, c)))
        .filter_map(|(r, c)| sheet.get_value((r, c)).map(ToString::to_string))
        .filter(|s| !s.is_empty())
        .collect();
    for h in [
        "TT",
        "Chỉ tiêu",
        "Đơn vị",
        "Thực hiện năm 2023",
        "Năm 2024",
        "Kế hoạch năm 2024",
        "Ước thực hiện 6 tháng đầu năm",
        "Ước thực hiện 6 tháng đầu năm so với Kế hoạch",
        "Theo QĐ 36/QĐ-UBND ngày 12/01/2024",
        "Ước thực hiện 6 tháng đầu năm so với QĐ 36 (%)",
        "(6)/(5)",
        "(6)/(7)",
    ] {
        assert!(
            header.iter().any(|x| x == h),
            "header lacks {h}: {header:?}"
        );
    }
    for (i, (tt, name, values)) in PL1_6T.iter().enumerate() {
        let r = u32::try_from(7 + i).expect("row");
        assert_eq!(
            sheet.get_value((r, 0)).map(ToString::to_string).as_deref(),
            Some(*tt),
            "row {}",
            i + 1
        );
        assert_eq!(
            sheet.get_value((r, 1)).map(ToString::to_string).as_deref(),
            Some(*name),
            "row {}",
            i + 1
        );
        for (k, want) in values.iter().enumerate() {
            let cell = sheet
                .get_value((r, u32::try_from(3 + k).expect("col")))
                .expect("cell");
            let decimals = want.split(',').nth(1).map_or(0, str::len);
            assert_eq!(
                shown(cell, decimals),
                *want,
                "row {} column {}",
                i + 1,
                k + 4
            );
        }
        // The Markdown table carries the same row.
        let md_row = format!("| {tt}");
        assert!(md.contains(&md_row));
    }
    insta::assert_snapshot!(
        "bao_cao_2024_6t",
        std::fs::read_to_string(ws.path().join("out/2024-6T/bao-cao.md")).expect("md")
    );
    insta::assert_snapshot!("phu_luc_2024_6t", md);
}

#[test]
fn comparisons_against_hand_computed_values() {
    let json = |a: &str, b: &str| -> Value {
        let out = cdsreport()
            .args(["diff", a, b, "--format", "json", "-C"])
            .arg(example())
            .output()
            .expect("runs");
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let row = |d: &Value, code: &str| {
        d["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["code"] == code && r["unit"].is_null())
            .cloned()
            .unwrap_or_else(|| panic!("{code}"))
    };
    let y = json("2023", "2024");
    let grdp = row(&y, "kts.kts_grdp");
    assert_eq!(grdp["a"], "9.56");
    assert_eq!(
        cdsreport::number::format(
            grdp["change"]["absolute"]
                .as_str()
                .expect("abs")
                .parse()
                .expect("dec"),
            cdsreport::number::Style::decimals(2)
        ),
        "0,60"
    );
    cdsreport()
        .args(["diff", "2023", "2024", "-C"])
        .arg(example())
        .assert()
        .success()
        .stdout(predicate::str::contains("+0,60 điểm phần trăm"));
    let h = json("2024-6T", "2024");
    assert_eq!(h["remainder"], "6 tháng cuối năm 2024");
    let dvctt = row(&h, "cqs.dvctt_tong");
    assert_eq!(
        (dvctt["a"].as_str(), dvctt["b"].as_str()),
        (Some("858"), Some("1126"))
    );
    // 858 → 1.126 DVCTT: +268, +31,24 %.
    assert!(
        dvctt["change"]["relative"]
            .as_str()
            .is_some_and(|r| r.starts_with("31.23") || r.starts_with("31.24"))
    );
    // Hồ sơ received is a flow: 112.361 in the first half, 313.736 in the year → 201.375 after June.
    assert_eq!(row(&h, "cqs.hs_tiep_nhan")["remainder"], "201375");
}

#[test]
fn status_lists_the_units_without_a_submission() {
    let out = cdsreport()
        .args(["status", "2024", "--format", "json", "-C"])
        .arg(example())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let missing = units_in_state(&v, "missing");
    assert_eq!(
        missing,
        [
            "so-khcn",
            "so-gtvt",
            "so-vhttdl",
            "vp-ubnd",
            "ban-dan-toc",
            "bql-kcn",
            "buu-dien"
        ]
    );
}

#[test]
fn explain_a_ratio_names_its_file_and_line() {
    cdsreport().args(["explain", "2024", "cqs.dvctt_dong_bo_dvcqg", "-C"]).arg(example()).assert().success().stdout(
        predicate::str::contains("Giá trị năm 2024: 1.120/1.126 (99,47%)").and(predicate::str::is_match(r"Sở Thông tin và Truyền thông — submissions/2024/so-tttt\.yaml:\d+:\d+ — 1\.120/1\.126 \(99,47%\)").expect("regex")),
    );
    cdsreport()
        .args(["explain", "2024", "tcns.hs_huong_dan", "-C"])
        .arg(example())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Huyện Ninh Hải — submissions/2024/h-ninh-hai.xlsx › Chỉ tiêu › D4 — 11.835",
        ));
}
