//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};

/// The `cdsreport` binary, with colours off.
pub fn cdsreport() -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("cdsreport");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// The bundled example workspace.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ninh-thuan")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let name = entry.file_name();
        if name == "out" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Every file below `dir` as (relative path, bytes), sorted.
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            let rel = path
                .strip_prefix(root)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read(&path).expect("read")));
        }
    }
}

/// A fresh copy of `tests/fixtures/<name>`.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        dir.path(),
    );
    dir
}

/// Writes a hand-made workbook: sheets of rows of cells. A cell "#123" is written as the
/// number 123; "#DIV/0!" as a formula whose cached result is that error; "~fmt" as an
/// empty cell with a format; "" is left out; others as text.
pub fn write_xlsx(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (
                    u32::try_from(r).expect("row"),
                    u16::try_from(c).expect("col"),
                );
                if cell.is_empty() {
                    continue;
                } else if *cell == "~fmt" {
                    let bold = rust_xlsxwriter::Format::new().set_bold();
                    ws.write_blank(r, c, &bold).expect("blank");
                } else if *cell == "#DIV/0!" {
                    ws.write_formula(
                        r,
                        c,
                        rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
                    )
                    .expect("formula");
                } else if let Some(n) = cell.strip_prefix('#') {
                    ws.write_number(r, c, n.parse::<f64>().expect("number"))
                        .expect("number");
                } else {
                    ws.write_string(r, c, *cell).expect("string");
                }
            }
        }
    }
    wb.save(path).expect("save");
}

/// A fresh copy of the example workspace, without its outputs.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&example(), dir.path());
    dir
}

/// The unit ids of `status --format json` rows in `state` ("missing", "late"…).
pub fn units_in_state<'a>(status: &'a serde_json::Value, state: &str) -> Vec<&'a str> {
    status["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["state"] == state)
        .filter_map(|r| r["unit"].as_str())
        .collect()
}
