//! Who has reported for a period: every expected unit (valid in the period and named by
//! the catalogue or the plan), its file, cut-off date, findings, and whether it is missing
//! or late against a deadline.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::Severity;
use crate::period::Period;
use crate::submission::Format;
use crate::validate::Outcome;
use crate::workspace::Workspace;
use crate::{HashMap, HashSet};

/// One unit's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Submitted, on time (or no deadline given).
    Submitted,
    /// Submitted with a cut-off date after the deadline.
    Late,
    /// Expected, nothing received.
    Missing,
    /// A file from a unit that is not expected in the period.
    Unexpected,
}

impl State {
    /// Vietnamese label.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Submitted => "Đã nộp",
            Self::Late => "Nộp muộn",
            Self::Missing => "Chưa nộp",
            Self::Unexpected => "Ngoài danh sách",
        }
    }
}

/// A row of the status table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Unit id.
    pub unit: String,
    /// Unit short name.
    pub name: String,
    /// State.
    pub state: State,
    /// Submission file, if any.
    pub file: Option<String>,
    /// Its format.
    pub format: Option<Format>,
    /// Ngày chốt số liệu.
    pub as_of: Option<NaiveDate>,
    /// Errors found in the file.
    pub errors: usize,
    /// Warnings found in the file.
    pub warnings: usize,
}

/// The status of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Period.
    pub period: Period,
    /// Deadline used for "late".
    pub deadline: Option<NaiveDate>,
    /// Units expected.
    pub expected: usize,
    /// Expected units that submitted.
    pub submitted: usize,
    /// Of those, late.
    pub late: usize,
    /// Rows: expected units in registry order, then unexpected files.
    pub rows: Vec<Row>,
}

impl Status {
    /// "48/54 đơn vị đã nộp, 3 nộp muộn, 6 chưa nộp".
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{}/{} đơn vị đã nộp",
            crate::number::count(self.submitted),
            crate::number::count(self.expected)
        );
        if self.deadline.is_some() {
            s.push_str(&format!(", {} nộp muộn", crate::number::count(self.late)));
        }
        s.push_str(&format!(
            ", {} chưa nộp",
            crate::number::count(self.expected.saturating_sub(self.submitted))
        ));
        s
    }
}

/// Builds the status of `period` from a validation outcome of that period.
pub fn status(
    ws: &Workspace,
    period: Period,
    outcome: &Outcome,
    deadline: Option<NaiveDate>,
) -> Status {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for d in &outcome.diagnostics {
        let c = counts.entry(d.file.as_str()).or_default();
        match d.severity {
            Severity::Error => c.0 += 1,
            Severity::Warning => c.1 += 1,
        }
    }
    let files = ws.submission_files(&period);
    // The first file and report of each unit, looked up by id.
    let mut by_stem: HashMap<&str, &crate::workspace::SubmissionFile> = HashMap::default();
    for f in &files {
        by_stem.entry(f.stem.as_str()).or_insert(f);
    }
    let mut reports: HashMap<&str, &crate::report::UnitReport> = HashMap::default();
    for r in &outcome.reports {
        reports.entry(&*r.unit).or_insert(r);
    }
    let expected = crate::cmd::template::expected_units(ws, period);
    let expected_ids: HashSet<&str> = expected.iter().map(|u| u.id.as_str()).collect();
    let mut rows = Vec::new();
    let row = |unit: &str, name: &str, expected: bool| {
        let file = by_stem.get(unit).copied();
        let report = reports.get(unit);
        let as_of = report.and_then(|r| r.as_of);
        let (errors, warnings) = file
            .and_then(|f| counts.get(f.rel.as_str()).copied())
            .unwrap_or_default();
        let state = match (file, expected) {
            (None, _) => State::Missing,
            (Some(_), false) => State::Unexpected,
            (Some(_), true) if deadline.zip(as_of).is_some_and(|(d, a)| a > d) => State::Late,
            (Some(_), true) => State::Submitted,
        };
        Row {
            unit: unit.to_string(),
            name: name.to_string(),
            state,
            file: file.map(|f| f.rel.clone()),
            format: file.and_then(|f| {
                crate::submission::Format::from_extension(
                    f.path.extension().and_then(|e| e.to_str()).unwrap_or(""),
                )
            }),
            as_of,
            errors,
            warnings,
        }
    };
    for u in &expected {
        rows.push(row(&u.id, &u.short, true));
    }
    for f in &files {
        if !expected_ids.contains(f.stem.as_str()) {
            let name = ws
                .registry
                .get(&f.stem)
                .map_or(f.stem.clone(), |u| u.short.clone());
            rows.push(row(&f.stem, &name, false));
        }
    }
    let submitted = rows
        .iter()
        .filter(|r| matches!(r.state, State::Submitted | State::Late))
        .count();
    let late = rows.iter().filter(|r| r.state == State::Late).count();
    Status {
        period,
        deadline,
        expected: expected.len(),
        submitted,
        late,
        rows,
    }
}
