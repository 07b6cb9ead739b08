//! The example Ninh Thuận workspace compiled into the binary, so that `cdsreport init`
//! works anywhere without network.

use include_dir::{Dir, DirEntry, include_dir};

static EXAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/examples/ninh-thuan");

/// Every file of the example workspace as (relative path with '/', contents), sorted,
/// leaving out generated outputs.
pub fn example_files() -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    collect(&EXAMPLE, &mut out);
    out.retain(|(p, _)| !p.starts_with("out/"));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(d) => collect(d, out),
            DirEntry::File(f) => {
                let path = f.path().to_string_lossy().replace('\\', "/");
                out.push((path, f.contents()));
            }
        }
    }
}
