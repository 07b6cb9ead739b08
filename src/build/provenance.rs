//! tong-hop.json and `explain`: every computed figure with its value, formatted text,
//! formula, and the unit, file and line or cell of each contribution.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::aggregate::Total;
use crate::diag::Span;
use crate::report::Amount;
use crate::schema::{Aggregate, Indicator};
use crate::workspace::Workspace;

/// One contribution to a figure, borrowed from the period's totals and registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source<'a> {
    /// Unit id.
    pub unit: &'a str,
    /// Unit name.
    pub name: &'a str,
    /// File.
    pub file: &'a str,
    /// Where in it.
    pub location: String,
    /// The amount as reported.
    pub amount: &'a Amount,
    /// Formatted.
    pub text: String,
}

/// One computed figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Traced<'a> {
    /// Indicator code.
    pub code: &'a str,
    /// Indicator name.
    pub name: &'a str,
    /// Đơn vị tính.
    pub unit: &'a str,
    /// The provincial amount.
    pub amount: &'a Amount,
    /// Exact value (a fraction as its percentage), as a decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// As printed.
    pub text: String,
    /// How it is computed, in words.
    pub formula: String,
    /// Contributions.
    pub sources: Vec<Source<'a>>,
}

/// tong-hop.json: the period, every figure traced, the plan evaluation, who reported and
/// every warning.
#[derive(Debug, Serialize)]
pub struct Summary<'a> {
    /// "2024-6T".
    pub ky: String,
    /// "6 tháng đầu năm 2024".
    pub nhan: String,
    /// Every figure with its contributions.
    pub chi_tieu: Traces<'a>,
    /// The plan evaluation, if the year has a plan.
    pub danh_gia: Option<&'a crate::build::context::Kh>,
    /// Units expected and submitted.
    pub don_vi: Counts,
    /// Warnings (a build with errors writes nothing).
    pub canh_bao: &'a [crate::diag::Diagnostic],
}

/// Units expected and submitted.
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Expected.
    pub du_kien: usize,
    /// Submitted.
    pub da_nop: usize,
}

fn location(file: &str, span: &Span) -> String {
    match span {
        Span::File => file.to_string(),
        Span::Text { line, col } => format!("{file}:{line}:{col}"),
        Span::Cell { sheet, cell } => format!("{file} › {sheet} › {cell}"),
    }
}

/// The formula of an aggregation rule, in Vietnamese.
fn formula(ws: &Workspace, ind: &Indicator, total: &Total) -> String {
    let n = total.reporting_units().count();
    match ind.aggregate {
        Aggregate::Owner => match total.reporting_units().next() {
            Some(c) => format!(
                "số liệu do {} báo cáo",
                ws.registry
                    .get(&c.unit)
                    .map_or(&*c.unit, |u| u.short.as_str())
            ),
            None => "chưa có đơn vị báo cáo".to_string(),
        },
        Aggregate::Sum => format!("tổng số liệu của {n} đơn vị"),
        Aggregate::RatioOfSums => format!("tổng tử số / tổng mẫu số của {n} đơn vị × 100"),
        Aggregate::Mean => format!("trung bình cộng của {n} đơn vị"),
        Aggregate::Min => format!("giá trị nhỏ nhất trong {n} đơn vị"),
        Aggregate::Max => format!("giá trị lớn nhất trong {n} đơn vị"),
    }
}

/// Traces one indicator's figure.
pub fn trace<'a>(ws: &'a Workspace, ind: &'a Indicator, total: &'a Total) -> Traced<'a> {
    let sources = total
        .contributions
        .iter()
        .map(|c| Source {
            unit: &c.unit,
            name: ws.registry.get(&c.unit).map_or(&c.unit, |u| &u.name),
            file: &c.file,
            location: location(&c.file, &c.span),
            amount: &c.amount,
            text: super::figures::amount_text(ind, &c.amount),
        })
        .collect();
    Traced {
        code: &ind.code,
        name: &ind.name,
        unit: &ind.unit,
        amount: &total.amount,
        value: total.amount.numeric().map(|v| v.normalize().to_string()),
        text: super::figures::amount_text(ind, &total.amount),
        formula: formula(ws, ind, total),
        sources,
    }
}

/// Every figure of the period, in catalogue order. Serialising traces the figures a few at
/// a time, each into its JSON text in parallel, and writes them in order: the whole trace
/// (tens of megabytes at national scale) is never held in memory at once.
#[derive(Debug, Clone, Copy)]
pub struct Traces<'a> {
    /// The workspace.
    pub ws: &'a Workspace,
    /// The period's figures.
    pub totals: &'a BTreeMap<String, Total>,
}

/// Figures traced at once.
const AT_ONCE: usize = 8;

impl Serialize for Traces<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use rayon::prelude::*;
        use serde::ser::{Error, SerializeSeq};
        let figures: Vec<(&Indicator, &Total)> = self
            .ws
            .catalogue
            .indicators()
            .iter()
            .filter_map(|ind| Some((ind, self.totals.get(&ind.code)?)))
            .collect();
        let mut seq = serializer.serialize_seq(None)?;
        for group in figures.chunks(AT_ONCE) {
            let texts: Vec<Box<serde_json::value::RawValue>> = group
                .par_iter()
                .map(|(ind, t)| serde_json::value::to_raw_value(&trace(self.ws, ind, t)))
                .collect::<Result<_, _>>()
                .map_err(S::Error::custom)?;
            for text in &texts {
                seq.serialize_element(text)?;
            }
        }
        seq.end()
    }
}
