//! The corpus of broken and hostile submission files (tests/corpus/, listed in
//! tests/corpus/cases.toml): each must give exit code 1 or 2 and its own diagnostic code
//! with a Vietnamese message naming the file, never a panic, within 10 s and 4 GB of
//! address space. One test runs every case and reports every failure at once.

use std::fmt::Write as _;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

/// Wall-clock limit per case.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Address-space limit per case, in KiB (`ulimit -v`).
const MEMORY_KIB: u64 = 4_000_000;
/// Characters of a `generate = "long-yaml-string"` text.
const LONG_TEXT_CHARS: usize = 5_000_000;
/// Bytes of a `generate = "pad-2mb"` file.
const PADDED_BYTES: usize = 2 * 1024 * 1024 + 4096;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    control: Vec<Control>,
    case: Vec<Case>,
}

/// A valid file the cases start from: it must pass `validate --strict`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Control {
    file: String,
    place: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    file: String,
    place: String,
    code: String,
    about: String,
    #[serde(default)]
    args: Option<Vec<String>>,
    #[serde(default)]
    limits: Option<toml::Table>,
    #[serde(default)]
    generate: Option<String>,
}

/// What one run of the binary gave.
struct Run {
    /// Exit code; `None` when killed by a signal or by the timeout.
    code: Option<i32>,
    timed_out: bool,
    output: String,
    took: Duration,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// `place` as a relative path that stays inside the workspace (a name may hold odd
/// characters, a backslash included, but no `..` component).
fn checked_place(place: &str) -> PathBuf {
    let p = PathBuf::from(place);
    assert!(
        p.components().all(|c| matches!(c, Component::Normal(_))),
        "place «{place}» must be a plain relative path"
    );
    p
}

/// A fresh workspace: examples/ninh-thuan's cdsreport.toml (plus `limits`) and data/, an
/// empty submissions/2024/, and `file` at `place`.
fn workspace(
    file: &str,
    place: &str,
    limits: Option<&toml::Table>,
    generate: Option<&str>,
) -> tempfile::TempDir {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ninh-thuan");
    let ws = tempfile::tempdir().expect("tempdir");
    let mut config =
        std::fs::read_to_string(example.join("cdsreport.toml")).expect("cdsreport.toml");
    if let Some(limits) = limits {
        let mut table = toml::Table::new();
        table.insert("limits".into(), toml::Value::Table(limits.clone()));
        config.push('\n');
        config.push_str(&toml::to_string(&table).expect("limits as toml"));
    }
    std::fs::write(ws.path().join("cdsreport.toml"), config).expect("write cdsreport.toml");
    copy_dir(&example.join("data"), &ws.path().join("data"));
    std::fs::create_dir_all(ws.path().join("submissions/2024")).expect("mkdir submissions");
    let target = ws.path().join(checked_place(place));
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir place");
    let bytes = std::fs::read(corpus_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    std::fs::write(&target, generated(bytes, generate)).expect("place the file");
    ws
}

/// The few cases too big to commit are made here from their committed file.
fn generated(bytes: Vec<u8>, generate: Option<&str>) -> Vec<u8> {
    match generate {
        None => bytes,
        Some("long-yaml-string") => {
            let text = String::from_utf8(bytes).expect("long-yaml-string: UTF-8");
            assert!(
                text.contains("@@LONG_TEXT@@"),
                "long-yaml-string: no @@LONG_TEXT@@"
            );
            let long: String = "Số liệu chuyển đổi số năm 2024. "
                .chars()
                .cycle()
                .take(LONG_TEXT_CHARS)
                .collect();
            text.replacen("@@LONG_TEXT@@", &long, 1).into_bytes()
        }
        Some("pad-2mb") => {
            let mut out = bytes;
            let line = b"# dong dem: tep hop le, chi dai them bang chu thich cho du 2 MiB\n";
            while out.len() < PADDED_BYTES {
                out.extend_from_slice(line);
            }
            out
        }
        Some(other) => panic!("unknown generate = «{other}»"),
    }
}

/// Runs the binary in `ws` with `args` under the memory limit and the timeout; output goes
/// to files, so a huge output cannot block the child on a full pipe.
fn run(ws: &Path, args: &[String]) -> Run {
    let bin = env!("CARGO_BIN_EXE_cdsreport");
    let mut out = tempfile::tempfile().expect("output file");
    let err = out.try_clone().expect("clone output file");
    let start = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB}; exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .current_dir(ws)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::from(out.try_clone().expect("clone output file")))
        .stderr(Stdio::from(err))
        .spawn()
        .expect("spawn sh");
    let (status, timed_out) = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break (Some(status), false);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    let mut bytes = Vec::new();
    out.seek(SeekFrom::Start(0)).expect("seek output");
    out.read_to_end(&mut bytes).expect("read output");
    Run {
        code: status.and_then(|s| s.code()),
        timed_out,
        output: String::from_utf8_lossy(&bytes).into_owned(),
        took,
    }
}

/// Every `[E123]`-like code in the output, in order, without repeats.
fn codes_in(output: &str) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for (i, _) in output.match_indices('[') {
        let Some(code) = output.get(i + 1..i + 5) else {
            continue;
        };
        let mut chars = code.chars();
        let well_formed = matches!(chars.next(), Some('E' | 'W'))
            && chars.all(|c| c.is_ascii_digit())
            && output.get(i + 5..i + 6) == Some("]");
        if well_formed && !codes.iter().any(|c| c == code) {
            codes.push(code.to_string());
        }
    }
    codes
}

/// The first `n` lines of `output`, each cut to 200 characters.
fn head(output: &str, n: usize) -> String {
    output
        .lines()
        .take(n)
        .map(|l| {
            let cut: String = l.chars().take(200).collect();
            if cut.len() < l.len() {
                format!("    {cut}…\n")
            } else {
                format!("    {cut}\n")
            }
        })
        .collect()
}

/// Why a case's run is wrong, or `None` when it is right.
fn judge(case: &Case, run: &Run) -> Option<String> {
    let name = Path::new(&case.place)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&case.place);
    let tag = format!("[{}]", case.code);
    let mut wrong = Vec::new();
    if run.timed_out {
        wrong.push(format!("no answer within {} s", TIMEOUT.as_secs()));
    } else if !matches!(run.code, Some(1 | 2)) {
        wrong.push(match run.code {
            Some(c) => format!("exit code {c}, not 1 or 2"),
            None => "killed by a signal (out of memory or crash)".to_string(),
        });
    }
    // A panic prints «panicked» by default; cdsreport's own panic hook prints «lỗi nội bộ».
    if ["panicked", "RUST_BACKTRACE", "lỗi nội bộ"]
        .iter()
        .any(|p| run.output.contains(p))
    {
        wrong.push("panicked".to_string());
    }
    match run.output.lines().find(|l| l.contains(&tag)) {
        None => wrong.push(format!("no {tag}")),
        Some(line) => {
            // The message after «lỗi[E100]: » must be Vietnamese, not a library's English.
            let message = line.split_once("]:").map_or("", |(_, m)| m);
            if !message.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
                wrong.push(format!("the {tag} message is not Vietnamese"));
            }
        }
    }
    if !run.output.contains(name) {
        wrong.push(format!(
            "the output does not name «{}»",
            name.escape_debug()
        ));
    }
    (!wrong.is_empty()).then(|| wrong.join("; "))
}

#[test]
fn every_corpus_case_gives_its_code() {
    let text = std::fs::read_to_string(corpus_dir().join("cases.toml")).expect("cases.toml");
    let manifest: Manifest = toml::from_str(&text).expect("cases.toml parses");
    assert!(
        manifest.case.len() >= 65,
        "only {} cases",
        manifest.case.len()
    );
    let default_args: Vec<String> = ["validate", "--period", "2024", "--strict"]
        .map(String::from)
        .to_vec();

    let mut failures = String::new();
    let mut table = String::new();
    let mut failed = 0;

    // Every case has its own name, and every committed file is used by a case or control.
    let mut names: Vec<&str> = manifest.case.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    for pair in names.windows(2).filter(|w| w[0] == w[1]) {
        failed += 1;
        let _ = write!(failures, "\ntwo cases are named «{}»\n", pair[0]);
    }
    let used: Vec<&str> = manifest
        .case
        .iter()
        .map(|c| c.file.as_str())
        .chain(manifest.control.iter().map(|c| c.file.as_str()))
        .collect();
    for dir in ["base", "xlsx", "yaml"] {
        for entry in std::fs::read_dir(corpus_dir().join(dir))
            .expect("corpus folder")
            .flatten()
        {
            let file = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if !used.contains(&file.as_str()) {
                failed += 1;
                let _ = write!(failures, "\n{file} is in no case of cases.toml\n");
            }
        }
    }

    for control in &manifest.control {
        let ws = workspace(&control.file, &control.place, None, None);
        let run = run(ws.path(), &default_args);
        let ok = run.code == Some(0)
            && !run.output.contains("panicked")
            && !run.output.contains("lỗi nội bộ");
        let _ = writeln!(
            table,
            "{:<6} control {}",
            if ok { "ok" } else { "FAIL" },
            control.file
        );
        if !ok {
            failed += 1;
            let _ = write!(
                failures,
                "\ncontrol {} at {}: a base file must pass validate --strict, got exit {:?}\n{}",
                control.file,
                control.place,
                run.code,
                head(&run.output, 8)
            );
        }
    }

    // Cases run two at a time: each is one process, limited in time and memory.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    let results: Vec<(usize, Run)> = std::thread::scope(|s| {
        let chunks: Vec<Vec<usize>> = (0..threads)
            .map(|t| (t..manifest.case.len()).step_by(threads).collect())
            .collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|indices| {
                let cases = &manifest.case;
                let default_args = &default_args;
                s.spawn(move || {
                    indices
                        .into_iter()
                        .map(|i| {
                            let case = &cases[i];
                            let ws = workspace(
                                &case.file,
                                &case.place,
                                case.limits.as_ref(),
                                case.generate.as_deref(),
                            );
                            let args: Vec<String> = case
                                .args
                                .as_ref()
                                .unwrap_or(default_args)
                                .iter()
                                .map(|a| a.replace("{place}", &case.place))
                                .collect();
                            (i, run(ws.path(), &args))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<(usize, Run)> = handles
            .into_iter()
            .flat_map(|h| h.join().expect("runner thread"))
            .collect();
        all.sort_by_key(|(i, _)| *i);
        all
    });

    for (i, run) in &results {
        let case = &manifest.case[*i];
        let got = codes_in(&run.output);
        let verdict = judge(case, run);
        let _ = writeln!(
            table,
            "{:<6} {:<40} want {}  got {:<20} exit {:<4} {:>6} ms",
            if verdict.is_none() { "ok" } else { "FAIL" },
            case.name,
            case.code,
            if got.is_empty() {
                "-".to_string()
            } else {
                got.join(",")
            },
            run.code.map_or("-".to_string(), |c| c.to_string()),
            run.took.as_millis()
        );
        if let Some(why) = verdict {
            failed += 1;
            let _ = write!(
                failures,
                "\n{} ({}): want [{}], got {} — {why}\n  about: {}\n{}",
                case.name,
                case.file,
                case.code,
                if got.is_empty() {
                    "no code".to_string()
                } else {
                    got.join(", ")
                },
                case.about,
                head(&run.output, 4)
            );
        }
    }
    println!("{table}");
    assert!(
        failed == 0,
        "{failed} of {} corpus cases and controls failed:\n{failures}",
        manifest.case.len() + manifest.control.len()
    );
}
