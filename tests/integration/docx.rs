//! `build --docx`: the Word files unzipped and checked — page size and margins of
//! NĐ 30/2020, fonts, page numbers, every phụ lục as a Word table with its merged header,
//! Vietnamese text intact. Needs pandoc 3: CI installs it; elsewhere these tests say they
//! are skipped when pandoc is absent.

use std::io::Read;
use std::path::Path;

use predicates::prelude::*;

use crate::util::{cdsreport, example_copy};

/// Whether pandoc 3 is available; on CI its absence is a failure.
fn pandoc() -> bool {
    match cdsreport::render::docx::Pandoc::find() {
        Some(p) if p.has_spans() => true,
        other => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must provide pandoc 3 (found {other:?})"
            );
            eprintln!("pandoc 3 không có trên máy này: bỏ qua kiểm thử DOCX");
            false
        }
    }
}

fn part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).expect("docx")).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", docx.display()))
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

/// The visible text of a piece of document XML: the contents of its `<w:t>` runs.
fn text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t") {
        let after = &rest[i + 4..];
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(open_end) = after.find('>') else {
            break;
        };
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</w:t>") else {
            break;
        };
        out.push_str(&body[..close]);
        rest = &body[close..];
    }
    out
}

/// The XML of each `<w:tbl>` … `</w:tbl>` at the top level of a document.
fn tables(doc: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = doc;
    while let Some(i) = rest.find("<w:tbl>") {
        let after = &rest[i..];
        let end = after
            .find("</w:tbl>")
            .map_or(after.len(), |e| e + "</w:tbl>".len());
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

#[test]
fn the_report_has_the_decree_layout() {
    if !pandoc() {
        return;
    }
    let ws = example_copy();
    cdsreport()
        .args(["build", "2024", "--docx", "-C"])
        .arg(ws.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "bao-cao.docx, bao-cao.md, phu-luc.docx",
        ));
    let docx = ws.path().join("out/2024/bao-cao.docx");
    let doc = part(&docx, "word/document.xml");
    assert!(
        doc.contains(r#"<w:pgSz w:h="16838" w:w="11906" />"#),
        "A4 portrait"
    );
    for m in [
        r#"w:top="1134""#,
        r#"w:bottom="1134""#,
        r#"w:left="1701""#,
        r#"w:right="850""#,
    ] {
        assert!(doc.contains(m), "margin {m}");
    }
    assert!(doc.contains("<w:titlePg />"), "no number on the first page");
    assert!(
        part(&docx, "word/header1.xml").contains(" PAGE "),
        "page number at the top"
    );
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    assert!(styles.contains(r#"<w:sz w:val="28" />"#), "14 pt body");
    assert!(
        styles.contains(r#"<w:ind w:firstLine="567" /><w:jc w:val="both" />"#),
        "justified, first-line indent"
    );
    // The header block is a borderless two-column table; the text survives in NFC.
    let t = tables(&doc);
    assert!(
        t[0].contains(r#"<w:top w:val="nil"/>"#)
            && t[0].contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            && t[0].contains("BAN ĐIỀU HÀNH CHUYỂN ĐỔI SỐ TỈNH NINH THUẬN")
    );
    assert!(
        t.last()
            .is_some_and(|s| s.contains("Nơi nhận:") && s.contains("TRƯỞNG BAN")),
        "signature block"
    );
    let shown = text(&doc);
    for t in [
        "Kết quả thực hiện chuyển đổi số tỉnh Ninh Thuận năm 2024",
        "1.120/1.126 DVCTT đạt 99,47%",
        "tăng 0,60 điểm phần trăm so với năm 2023",
    ] {
        assert!(shown.contains(t), "{t}");
    }
    assert!(
        !doc.chars().any(|c| ('\u{0300}'..='\u{036f}').contains(&c)),
        "decomposed characters in the DOCX"
    );
    // A rebuild gives the same bytes.
    let first = std::fs::read(&docx).expect("read");
    cdsreport()
        .args(["build", "2024", "--docx", "-q", "-C"])
        .arg(ws.path())
        .assert()
        .success();
    assert!(
        std::fs::read(&docx).expect("read") == first,
        "DOCX must be byte-identical on rebuild"
    );
}

#[test]
fn every_annex_is_a_landscape_word_table_with_its_merged_header() {
    if !pandoc() {
        return;
    }
    let ws = example_copy();
    cdsreport()
        .args(["build", "2024-6T", "--docx", "-q", "-C"])
        .arg(ws.path())
        .assert()
        .success();
    let md = std::fs::read_to_string(ws.path().join("out/2024-6T/phu-luc.md")).expect("md");
    let docx = ws.path().join("out/2024-6T/phu-luc.docx");
    let doc = part(&docx, "word/document.xml");
    assert!(
        doc.contains(r#"w:orient="landscape""#) && doc.contains(r#"w:w="16838""#),
        "landscape A4"
    );
    let t = tables(&doc);
    let annexes = md.matches("**PHỤ LỤC ").count();
    assert_eq!(t.len(), annexes, "one Word table per phụ lục");
    // PHỤ LỤC 1 as in 001: 3 header rows + 17 rows, 9 columns, "Năm 2024" over three
    // columns, six header cells spanning two rows, header rows repeated on each page.
    let pl1 = t[0];
    assert_eq!(pl1.matches("<w:tr>").count(), 20);
    assert_eq!(pl1.matches("<w:gridCol ").count(), 9);
    assert_eq!(pl1.matches(r#"<w:gridSpan w:val="3" />"#).count(), 1);
    assert_eq!(pl1.matches(r#"<w:vMerge w:val="restart" />"#).count(), 6);
    assert_eq!(pl1.matches("<w:tblHeader").count(), 3);
    let shown = text(pl1);
    for t in [
        "Ước thực hiện 6 tháng đầu năm so với QĐ 36 (%)",
        "Trong đó: - Chương trình địa phương",
        "- Riêng tiếng Dân tộc thiểu số",
        "101,74",
    ] {
        assert!(shown.contains(t), "{t} not in {shown}");
    }
    assert!(
        doc.contains(r#"<w:br w:type="page"/>"#),
        "each phụ lục on a new page"
    );
}

#[test]
fn without_pandoc_markdown_and_xlsx_are_written_and_docx_exits_2() {
    let ws = example_copy();
    cdsreport()
        .env("CDSREPORT_PANDOC", ws.path().join("khong-co-pandoc"))
        .args(["build", "2024", "--docx", "-q", "-C"])
        .arg(ws.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("không tìm thấy pandoc")
                .and(predicate::str::contains("pip install pypandoc-binary")),
        );
    for f in ["bao-cao.md", "phu-luc.md", "phu-luc.xlsx", "tong-hop.json"] {
        assert!(ws.path().join("out/2024").join(f).is_file(), "{f}");
    }
    assert!(!ws.path().join("out/2024/bao-cao.docx").exists());
}
