//! A workspace: the folder holding cdsreport.toml, found from the current directory or
//! `-C DIR` upwards, and its reference data loaded once, typed and checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Source};
use crate::schema::{Catalogue, Plan, Registry};

/// The workspace marker file.
pub const CONFIG_FILE: &str = "cdsreport.toml";

/// Largest data file read (a real registry or catalogue is a few hundred kilobytes).
pub const MAX_DATA_FILE: u64 = 16 * 1024 * 1024;

/// Why a workspace could not be loaded: every finding, each with its location.
#[derive(Debug, Error)]
#[error("không gian làm việc có {} lỗi", .0.len())]
pub struct LoadError(pub Vec<Diagnostic>);

/// A loaded, checked workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder holding cdsreport.toml.
    pub root: PathBuf,
    /// cdsreport.toml.
    pub config: Config,
    /// data/units.yaml.
    pub registry: Registry,
    /// data/indicators.yaml.
    pub catalogue: Catalogue,
    /// data/plans/<year>.yaml by year.
    pub plans: BTreeMap<i32, Plan>,
}

/// Finds the workspace root: `start` or the nearest parent holding cdsreport.toml.
pub fn find(start: &Path) -> Result<PathBuf, LoadError> {
    let start = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
    for dir in start.ancestors() {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    Err(LoadError(vec![Diagnostic::new(
        Code::E004,
        start.display().to_string(),
        format!("không tìm thấy {CONFIG_FILE} trong thư mục này hay các thư mục cha"),
    )
    .with_hint("chạy trong thư mục không gian làm việc, dùng -C THƯ_MỤC, hoặc tạo mới bằng «cdsreport init THƯ_MỤC»")]))
}

/// Reads a workspace file as text, relative path for messages.
pub fn read_source(root: &Path, rel: &str) -> Result<Source, Diagnostic> {
    let path = root.join(rel);
    let fail = |msg: String| Diagnostic::new(Code::E001, rel, msg);
    let meta = std::fs::metadata(&path).map_err(|e| fail(io_message(&e)))?;
    if meta.len() > MAX_DATA_FILE {
        return Err(fail(format!(
            "tệp lớn {} byte, vượt giới hạn {MAX_DATA_FILE} byte",
            meta.len()
        )));
    }
    let bytes = std::fs::read(&path).map_err(|e| fail(io_message(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {})",
            e.utf8_error().valid_up_to()
        ))
        .with_hint("lưu lại tệp với mã hóa UTF-8")
    })?;
    Ok(Source::new(rel, crate::text::nfc_string(text)))
}

/// Vietnamese wording of common I/O errors.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không tìm thấy tệp".to_string(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp".to_string(),
        _ => format!("không đọc được tệp ({e})"),
    }
}

impl Workspace {
    /// Finds and loads the workspace around `start`.
    pub fn open(start: &Path) -> Result<Self, LoadError> {
        Self::load(&find(start)?)
    }

    /// Loads and checks every reference file under `root`, collecting all findings.
    pub fn load(root: &Path) -> Result<Self, LoadError> {
        let one = |d: Diagnostic| LoadError(vec![d]);
        let config = Config::load(&read_source(root, CONFIG_FILE).map_err(one)?).map_err(one)?;
        let data = config.paths.data.trim_end_matches('/').to_string();
        let registry =
            Registry::load(&read_source(root, &format!("{data}/units.yaml")).map_err(one)?)
                .map_err(LoadError)?;
        let catalogue = Catalogue::load(
            &read_source(root, &format!("{data}/indicators.yaml")).map_err(one)?,
            &registry,
        )
        .map_err(LoadError)?;
        let mut diags = Vec::new();
        let mut plans = BTreeMap::new();
        for (rel, year) in plan_files(root, &data, &mut diags) {
            match read_source(root, &rel) {
                Ok(src) => match Plan::load(&src, year, &catalogue, &registry) {
                    Ok(p) => {
                        plans.insert(year, p);
                    }
                    Err(ds) => diags.extend(ds),
                },
                Err(d) => diags.push(d),
            }
        }
        if !diags.is_empty() {
            diags.sort();
            return Err(LoadError(diags));
        }
        Ok(Self {
            root: root.to_path_buf(),
            config,
            registry,
            catalogue,
            plans,
        })
    }

    /// The plan of a year.
    pub fn plan(&self, year: i32) -> Option<&Plan> {
        self.plans.get(&year)
    }
}

/// `data/plans/<year>.yaml` files, sorted; other names are reported.
fn plan_files(root: &Path, data: &str, diags: &mut Vec<Diagnostic>) -> Vec<(String, i32)> {
    let dir = format!("{data}/plans");
    let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{dir}/{name}");
        let year = name
            .strip_suffix(".yaml")
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|y| crate::period::YEARS.contains(y));
        match year {
            Some(y) => out.push((rel, y)),
            None => diags.push(
                Diagnostic::new(
                    Code::E005,
                    rel,
                    format!("tên tệp kế hoạch «{name}» không hợp lệ"),
                )
                .with_hint("tệp kế hoạch phải đặt tên theo năm, ví dụ data/plans/2024.yaml"),
            ),
        }
    }
    out.sort();
    out
}

/// A submission file found under `submissions/<period>/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SubmissionFile {
    /// Workspace-relative path with '/'.
    pub rel: String,
    /// Absolute path.
    pub path: PathBuf,
    /// The file name without extension (the unit id, if the name is valid).
    pub stem: String,
}

impl Workspace {
    /// Workspace-relative folder of a period's submissions.
    pub fn submissions_dir(&self, period: &crate::period::Period) -> String {
        format!(
            "{}/{period}",
            self.config.paths.submissions.trim_end_matches('/')
        )
    }

    /// The submission files of a period, sorted by name; hidden files and editor
    /// lock files (`~$x.xlsx`) are skipped. A missing folder is an empty list.
    pub fn submission_files(&self, period: &crate::period::Period) -> Vec<SubmissionFile> {
        let rel_dir = self.submissions_dir(period);
        let Ok(entries) = std::fs::read_dir(self.root.join(&rel_dir)) else {
            return Vec::new();
        };
        let mut out: Vec<SubmissionFile> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') || name.starts_with("~$") {
                    return None;
                }
                let stem = name
                    .rsplit_once('.')
                    .map_or(name.as_str(), |(s, _)| s)
                    .to_string();
                Some(SubmissionFile {
                    rel: format!("{rel_dir}/{name}"),
                    path: e.path(),
                    stem,
                })
            })
            .collect();
        out.sort();
        out
    }

    /// Periods that have a submissions folder, oldest first.
    pub fn submission_periods(&self) -> Vec<crate::period::Period> {
        let dir = self.root.join(&self.config.paths.submissions);
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut out: Vec<crate::period::Period> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                let p: crate::period::Period = name.parse().ok()?;
                // Only canonical folder names: "2024-6T", not "6T2024".
                (p.to_string() == name).then_some(p)
            })
            .collect();
        out.sort();
        out
    }
}
