//! Outputs are atomic: a build killed (SIGKILL) in the middle leaves `out/` holding the
//! previous complete outputs, and the next build cleans up after it.
#![cfg(unix)]

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::scale::synth;
use crate::util::snapshot_tree;

fn start_build(ws: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cdsreport"))
        .args(["build", "2024", "-q", "-C"])
        .arg(ws)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn build")
}

/// Whether a build's staging folder exists in `out/`, that is, outputs are being written.
fn writing(out: &Path) -> bool {
    std::fs::read_dir(out)
        .map(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(".2024.moi-"))
        })
        .unwrap_or(false)
}

#[test]
fn a_build_killed_midway_leaves_the_previous_outputs_whole() {
    let tmp = tempfile::tempdir().expect("tmp");
    let ws = tmp.path().join("ws");
    let made = Command::new(synth())
        .args(["--units", "600", "--seed", "11", "--out"])
        .arg(&ws)
        .output()
        .expect("the synth example is built by cargo test");
    assert!(made.status.success());
    let out = ws.join("out");
    let status = start_build(&ws).wait().expect("first build");
    assert!(status.success());
    let previous = snapshot_tree(&out.join("2024"));
    assert_eq!(previous.len(), 4);

    // New inputs, so that new outputs would differ from the previous ones.
    let subs = ws.join("submissions/2024");
    let mut files: Vec<_> = std::fs::read_dir(&subs)
        .expect("submissions")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files.iter().take(40) {
        std::fs::remove_file(f).expect("remove");
    }

    // Killed while reading and checking, then killed while writing outputs.
    let mut killed_while_writing = false;
    for wait_for_writing in [false, true, true, true] {
        let mut child = start_build(&ws);
        let started = Instant::now();
        loop {
            let ready = if wait_for_writing {
                writing(&out)
            } else {
                started.elapsed() > Duration::from_millis(150)
            };
            if ready || child.try_wait().expect("poll").is_some() {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "build hangs");
            std::thread::sleep(Duration::from_micros(200));
        }
        let finished = child.try_wait().expect("poll").is_some();
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        if finished {
            continue;
        }
        killed_while_writing |= wait_for_writing;
        assert!(
            snapshot_tree(&out.join("2024")) == previous,
            "out/2024 no longer holds the previous outputs after a kill"
        );
    }
    assert!(
        killed_while_writing,
        "every build finished before it could be killed while writing"
    );

    // The next build completes, replaces the outputs and removes what the kills left.
    assert!(start_build(&ws).wait().expect("build").success());
    assert!(snapshot_tree(&out.join("2024")) != previous);
    let names: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".2024.lock")
        .collect();
    assert_eq!(names, ["2024"]);
}
