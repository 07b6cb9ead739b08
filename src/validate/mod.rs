//! Validation: every submission of a period checked against the workspace's reference
//! data, every finding collected (never stopping at the first), and the checked
//! submissions handed on to aggregation. One file per family of rules.

mod claims;
mod identity;
mod period;
mod tasks;
mod values;

use std::path::Path;

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic, Span};
use crate::period::Period;
use crate::progress::Progress;
use crate::report::UnitReport;
use crate::submission::{self, Submission};
use crate::workspace::{SubmissionFile, Workspace};

/// Everything validation found, and the submissions it could check.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Findings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Checked submissions, sorted by unit id.
    pub reports: Vec<UnitReport>,
    /// Number of files looked at.
    pub files: usize,
    /// The provincial figures of the same period a year earlier, when validation of a
    /// whole period had them (for claims, and for the report's comparisons).
    pub previous: Option<Totals>,
    /// The provincial figures of the period, when validation of a whole period made them
    /// for its checks (a build with errors does not use them).
    pub totals: Totals,
}

/// Provincial figures by indicator code.
pub type Totals = std::collections::BTreeMap<String, crate::aggregate::Total>;

impl Outcome {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::Severity::Error)
    }

    fn finish(mut self) -> Self {
        self.diagnostics.sort();
        self.diagnostics.dedup();
        self.reports.sort_by(report_order);
        self
    }
}

/// The order of reports in every result: by unit, then file.
fn report_order(a: &UnitReport, b: &UnitReport) -> std::cmp::Ordering {
    a.unit.cmp(&b.unit).then_with(|| a.file.cmp(&b.file))
}

/// Builds a diagnostic at a span of a submission, with the source line (YAML) or the cell
/// content (XLSX) as snippet.
pub(crate) fn at(
    sub: &Submission,
    code: Code,
    span: &Span,
    cell: Option<String>,
    message: impl Into<String>,
) -> Diagnostic {
    let d = Diagnostic::new(code, sub.file.clone(), message).at(span.clone());
    match span {
        Span::Text { line, .. } => match sub.line(*line) {
            Some(l) => d.with_snippet(l),
            None => d,
        },
        Span::Cell { cell: name, .. } => match cell {
            Some(c) => d.with_snippet(format!("{name} = «{c}»")),
            None => d,
        },
        Span::File => d,
    }
}

/// Checks every submission of `period`, then the checks that need the whole period.
pub fn validate_period(ws: &Workspace, period: Period, progress: &Progress) -> Outcome {
    let files = ws.submission_files(&period);
    let mut out = check_files(ws, &files, Some(period), progress);
    // In unit order now, so that each figure's contributions come out sorted.
    out.reports.sort_by(report_order);
    period::duplicates(&files, &mut out.diagnostics);
    let previous = previous_totals(ws, period, progress);
    out.totals = period::whole_period(ws, period, &out.reports, &mut out.diagnostics);
    claims::check(
        ws,
        period,
        &out.reports,
        previous.as_ref(),
        &mut out.diagnostics,
    );
    out.previous = previous;
    out.finish()
}

/// Checks the given files. A file under `submissions/<period>/` takes its period from the
/// folder; others from `period` or from their own content.
pub fn validate_files(
    ws: &Workspace,
    paths: &[&Path],
    period: Option<Period>,
    progress: &Progress,
) -> Outcome {
    let mut out = Outcome::default();
    let mut by_period: std::collections::BTreeMap<Option<Period>, Vec<SubmissionFile>> =
        Default::default();
    let submissions = ws.root.join(&ws.config.paths.submissions);
    for p in paths {
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let rel = abs
            .strip_prefix(&ws.root)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| p.display().to_string());
        let name = abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(s, _)| s)
            .to_string();
        let folder_name = abs
            .parent()
            .filter(|d| d.parent() == Some(submissions.as_path()))
            .and_then(|d| d.file_name())
            .and_then(|n| n.to_str());
        let folder = folder_name.and_then(|n| {
            let p: Period = n.parse().ok()?;
            (p.to_string() == n).then_some(p)
        });
        if let (Some(name), None) = (folder_name, folder) {
            let why = match name.parse::<Period>() {
                Err(e) => e.to_string(),
                Ok(p) => format!("viết đúng là «{p}»"),
            };
            out.diagnostics.push(
                Diagnostic::new(
                    Code::E106,
                    rel.clone(),
                    format!("tệp nằm trong thư mục «{name}», không phải thư mục của một kỳ báo cáo ({why})"),
                )
                .with_hint("đặt tệp vào thư mục của kỳ: 2024, 2024-6T, 2024-9T, 2024-Q1…Q4, 2024-T01…T12"),
            );
        }
        by_period
            .entry(folder.or(period))
            .or_default()
            .push(SubmissionFile {
                rel,
                path: abs,
                stem,
            });
    }
    for (p, files) in by_period {
        let mut part = check_files(ws, &files, p, progress);
        if let Some(p) = p {
            let previous = previous_totals(ws, p, progress);
            claims::check(
                ws,
                p,
                &part.reports,
                previous.as_ref(),
                &mut part.diagnostics,
            );
        }
        out.files += part.files;
        out.diagnostics.extend(part.diagnostics);
        out.reports.extend(part.reports);
    }
    out.finish()
}

/// Checks files in parallel; the result is in the order of `files`, whatever the threads.
fn check_files(
    ws: &Workspace,
    files: &[SubmissionFile],
    period: Option<Period>,
    progress: &Progress,
) -> Outcome {
    progress.add(files.len());
    let checked: Vec<(Option<UnitReport>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|f| {
            let mut diags = Vec::new();
            let report = check_file(ws, f, period, &mut diags);
            progress.tick();
            (report, diags)
        })
        .collect();
    let mut out = Outcome {
        files: files.len(),
        ..Outcome::default()
    };
    for (report, diags) in checked {
        out.reports.extend(report);
        out.diagnostics.extend(diags);
    }
    out
}

/// Reads and checks one file; `None` when it cannot be attributed to a unit and period.
fn check_file(
    ws: &Workspace,
    f: &SubmissionFile,
    folder: Option<Period>,
    diags: &mut Vec<Diagnostic>,
) -> Option<UnitReport> {
    let sub = match submission::read(&f.path, &f.rel, &ws.config.limits) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let ident = identity::check(ws, f, &sub, folder, diags)?;
    let figures = values::check(ws, &ident, &sub, diags);
    let (tasks, products, narrative) = tasks::check(ws, &ident, &sub, diags);
    Some(UnitReport {
        unit: ident.unit.id.as_str().into(),
        period: ident.period,
        file: sub.file.clone(),
        format: sub.format,
        as_of: ident.as_of,
        prepared_by: sub.prepared_by.clone(),
        figures,
        tasks,
        products,
        narrative,
    })
}

/// The previous year's provincial figures for the same kind of period, from the
/// workspace's own submissions (their findings are not reported here).
pub fn previous_totals(ws: &Workspace, period: Period, progress: &Progress) -> Option<Totals> {
    totals_of(ws, period.previous_year()?, progress)
}

/// The provincial figures of `period` from the workspace's submissions, `None` when the
/// period has none. Files with errors are left out, as a build of that period would refuse
/// them (findings are not reported here).
pub fn totals_of(ws: &Workspace, period: Period, progress: &Progress) -> Option<Totals> {
    let files = ws.submission_files(&period);
    if files.is_empty() {
        return None;
    }
    let Outcome {
        diagnostics,
        reports,
        ..
    } = check_files(ws, &files, Some(period), progress);
    let faulty: std::collections::BTreeSet<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .map(|d| d.file.as_str())
        .collect();
    let clean: Vec<UnitReport> = reports
        .into_iter()
        .filter(|r| !faulty.contains(r.file.as_str()))
        .collect();
    Some(crate::aggregate::aggregate(&ws.catalogue, &clean))
}
