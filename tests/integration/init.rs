//! `cdsreport init`.

use predicates::prelude::*;

use crate::util::{cdsreport, example, snapshot_tree};

#[test]
fn writes_the_example_workspace_then_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("ws");
    cdsreport()
        .arg("init")
        .arg(&ws)
        .assert()
        .success()
        .stdout(predicate::str::contains("Đã tạo không gian làm việc mẫu"));
    for f in [
        "cdsreport.toml",
        "data/units.yaml",
        "data/indicators.yaml",
        "data/plans/2024.yaml",
    ] {
        assert!(ws.join(f).is_file(), "{f} written");
    }
    assert!(ws.join("submissions/2024").is_dir());
    // The embedded files are the repository's example, byte for byte.
    let written = snapshot_tree(&ws);
    let source: Vec<_> = snapshot_tree(&example())
        .into_iter()
        .filter(|(p, _)| !p.starts_with("out/"))
        .collect();
    assert_eq!(
        written.iter().map(|f| &f.0).collect::<Vec<_>>(),
        source.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(
        written == source,
        "contents differ from examples/ninh-thuan"
    );

    // A second run changes nothing and says why, in Vietnamese.
    std::fs::write(ws.join("data/units.yaml"), "edited").expect("edit");
    cdsreport()
        .arg("init")
        .arg(&ws)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("đã có tệp").and(predicate::str::contains("--force")));
    assert_eq!(
        std::fs::read_to_string(ws.join("data/units.yaml")).expect("read"),
        "edited"
    );

    // --force restores the example files.
    cdsreport()
        .args(["init", "--force", "--quiet"])
        .arg(&ws)
        .assert()
        .success()
        .stdout("");
    assert_ne!(
        std::fs::read_to_string(ws.join("data/units.yaml")).expect("read"),
        "edited"
    );
}

#[test]
fn init_into_a_file_is_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("f");
    std::fs::write(&file, "x").expect("write");
    cdsreport()
        .arg("init")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("không phải là thư mục"));
}
