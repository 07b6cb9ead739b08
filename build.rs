//! Rebuilds the binary when the embedded example workspace changes (include_dir cannot
//! tell cargo about files it reads).

fn main() {
    println!("cargo:rerun-if-changed=examples/ninh-thuan");
    println!("cargo:rerun-if-changed=build.rs");
}
