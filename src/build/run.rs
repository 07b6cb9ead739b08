//! The build itself: validate, aggregate, evaluate, render, write.

use std::sync::{Mutex, PoisonError};

use crate::progress::Progress;
use thiserror::Error;

use super::table::Table;
use super::{context, figures, phuluc, provenance};
use crate::period::Period;
use crate::render::{RenderError, Renderer};
use crate::validate::Outcome;
use crate::workspace::Workspace;

/// The built-in report templates, overridable by the workspace's `templates/`.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "bao-cao-nam.md",
        include_str!("../../templates/bao-cao-nam.md"),
    ),
    (
        "bao-cao-6t.md",
        include_str!("../../templates/bao-cao-6t.md"),
    ),
    ("cau.md", include_str!("../../templates/cau.md")),
];

/// Why a build stopped.
#[derive(Debug, Error)]
pub enum BuildError {
    /// The submissions have errors (or warnings under `--strict`).
    #[error("số liệu còn lỗi; chưa lập báo cáo")]
    Invalid(Box<Outcome>),
    /// A template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Output could not be written.
    #[error("không ghi được thư mục kết quả «{path}»: {source}")]
    Io {
        /// Folder.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
    /// pandoc failed.
    #[error(transparent)]
    Docx(#[from] crate::render::docx::DocxError),
}

impl BuildError {
    /// An I/O error on the output folder `dir`.
    fn io(dir: &str) -> impl Fn(std::io::Error) -> Self + Copy + '_ {
        move |source| Self::Io {
            path: dir.to_string(),
            source,
        }
    }
}

/// What a build produced.
#[derive(Debug)]
pub struct Built {
    /// Validation findings (warnings only, or none).
    pub outcome: Outcome,
    /// Workspace-relative output folder.
    pub dir: String,
    /// Files written, by name.
    pub files: Vec<String>,
    /// Units expected / submitted / missing.
    pub status: crate::status::Status,
    /// Plan evaluation, if any.
    pub plan: Option<context::Kh>,
    /// Figures some of whose expected reporters did not report: (code, "6/7 huyện báo cáo").
    pub partial: Vec<(String, String)>,
    /// DOCX outcome.
    pub docx: Docx,
    /// Printed percentages corrected (W132), parts that did not add up (W133), claims
    /// corrected (W135, W136).
    pub corrected: usize,
}

/// Options of a build.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Stop on warnings too.
    pub strict: bool,
    /// Also write DOCX through pandoc.
    pub docx: bool,
}

/// What became of the DOCX output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Docx {
    /// Not asked for.
    NotRequested,
    /// Written with this pandoc version.
    Written((u32, u32)),
    /// Written with a pandoc older than 3: merged header cells flattened.
    Flattened((u32, u32)),
    /// Asked for, but pandoc is not installed.
    NoPandoc,
}

/// Builds the report of `period` into `out/<period>/`.
pub fn build(
    ws: &Workspace,
    period: Period,
    opts: Options,
    progress: &Progress,
) -> Result<Built, BuildError> {
    let dir = format!("{}/{period}", ws.config.paths.out.trim_end_matches('/'));
    let io = BuildError::io(&dir);
    // Held until the build returns: a second build of the period waits for this one.
    let out_dir = ws.root.join(&dir);
    let _lock = super::output::lock(&out_dir).map_err(io)?;
    super::output::recover(&out_dir).map_err(io)?;
    let mut outcome = crate::validate::validate_period(ws, period, progress);
    let blocked = outcome.has_errors() || (opts.strict && !outcome.diagnostics.is_empty());
    if blocked {
        return Err(BuildError::Invalid(Box::new(outcome)));
    }
    // The whole-period checks aggregated the same reports already.
    let totals = std::mem::take(&mut outcome.totals);
    let previous = outcome.previous.take();
    let previous_year = if period.is_year() {
        None
    } else {
        Period::year(period.year_number() - 1)
            .ok()
            .and_then(|y| crate::validate::totals_of(ws, y, progress))
    };
    let status = crate::status::status(ws, period, &outcome, None);
    let figs = figures::figures(ws, period, &totals, previous.as_ref());
    let partial = figs
        .iter()
        .filter(|(_, f)| f.co)
        .filter_map(|(c, f)| Some((c.clone(), f.bao_cao.clone()?)))
        .collect();
    let plan = context::plan_summary(ws, period, &totals);
    let issuer = &ws.config.issuer;
    let attached = format!(
        "(Kèm theo Báo cáo số:      /BC-{} ngày      /      /{} của {})",
        issuer.short,
        period.year_number(),
        issuer.name
    );
    let c = phuluc::Ctx {
        ws,
        period,
        totals: &totals,
        previous: previous.as_ref(),
        previous_year: if period.is_year() {
            previous.as_ref()
        } else {
            previous_year.as_ref()
        },
        reports: &outcome.reports,
        attached,
    };
    let staging = super::output::Staging::new(&out_dir).map_err(io)?;
    let summary = provenance::Summary {
        ky: period.to_string(),
        nhan: period.label_vi(),
        chi_tieu: provenance::Traces {
            ws,
            totals: &totals,
        },
        danh_gia: plan.as_ref(),
        don_vi: provenance::Counts {
            du_kien: status.expected,
            da_nop: status.submitted,
        },
        canh_bao: &outcome.diagnostics,
    };
    let out = Out {
        staging: &staging,
        dir: &dir,
        written: std::sync::Mutex::default(),
    };
    // The phụ lục tables first, made on both cores. Then the workbook, whose compression
    // is the longest single step, on one core, while tong-hop.json (every contribution of
    // every figure, streamed into its file) and the report are written on the other.
    let tables = phuluc::all(&c, &status);
    let (xlsx, documents) = rayon::join(
        || write_workbook(period, &tables, &out),
        || {
            out.write("tong-hop.json", |w| {
                serde_json::to_writer(w, &summary).map_err(std::io::Error::from)
            })?;
            write_documents(&c, &status, plan.clone(), figs, &tables, opts, &out)
        },
    );
    xlsx?;
    let docx = documents?;
    let mut files = out
        .written
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    files.sort();
    // Freeing the tables and figures (millions of small allocations at national scale)
    // overlaps the swap.
    let ((), committed) = rayon::join(move || drop((tables, totals)), || staging.commit());
    committed.map_err(io)?;
    let corrected = outcome
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code.as_str(), "W132" | "W133" | "W135" | "W136"))
        .count();
    Ok(Built {
        outcome,
        dir,
        files,
        status,
        plan,
        partial,
        docx,
        corrected,
    })
}

/// The new contents of the output folder, the folder's name for messages, and the names
/// of the files written so far.
struct Out<'a> {
    staging: &'a super::output::Staging,
    dir: &'a str,
    written: Mutex<Vec<String>>,
}

impl Out<'_> {
    /// Writes the file `name`.
    fn write(
        &self,
        name: &str,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), BuildError> {
        self.staging
            .write(name, write)
            .map_err(BuildError::io(self.dir))?;
        self.written
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(name.to_string());
        Ok(())
    }
}

/// Writes the phụ lục workbook, phu-luc.xlsx.
fn write_workbook(period: Period, tables: &[Table], out: &Out) -> Result<(), BuildError> {
    let title = format!("Phụ lục báo cáo chuyển đổi số {}", period.label_vi());
    out.write("phu-luc.xlsx", |w| {
        let mut wb = crate::xlsx::phuluc::build(&title, tables).map_err(std::io::Error::other)?;
        w.write_all(&wb.save_to_buffer().map_err(std::io::Error::other)?)
    })
}

/// Renders and writes bao-cao.md and phu-luc.md, and the DOCX files when asked.
fn write_documents(
    c: &phuluc::Ctx,
    status: &crate::status::Status,
    plan: Option<context::Kh>,
    figs: std::collections::BTreeMap<String, figures::Fig>,
    tables: &[Table],
    opts: Options,
    out: &Out,
) -> Result<Docx, BuildError> {
    let (ws, period) = (c.ws, c.period);
    let ctx = context::build(ws, period, plan, c.reports, status, tables);
    let overrides = ws.root.join(&ws.config.paths.templates);
    let renderer = Renderer::new(TEMPLATES, Some(&overrides))?;
    let template = if period.is_year() {
        "bao-cao-nam.md"
    } else {
        "bao-cao-6t.md"
    };
    let bao_cao = normalize(&renderer.render(template, &context::value(&ctx, figs))?);
    let annexes = |spans: bool| -> String {
        let parts: Vec<String> = tables
            .iter()
            .map(|t| crate::render::markdown::table_for(t, spans))
            .collect();
        parts.join("\n<!-- cdsreport:trang -->\n\n")
    };
    let phu_luc = annexes(true);
    let put = |name: &str, bytes: &[u8]| out.write(name, |w| w.write_all(bytes));
    let mut docx = Docx::NotRequested;
    if opts.docx {
        use crate::render::docx::{Pandoc, REFERENCE, REFERENCE_LANDSCAPE, prepare};
        match Pandoc::find() {
            Some(p) => {
                let annex_md = if p.has_spans() {
                    phu_luc.clone()
                } else {
                    annexes(false)
                };
                let bytes = p.convert(&prepare(&bao_cao), REFERENCE, "bao-cao.docx")?;
                put("bao-cao.docx", &bytes)?;
                let bytes = p.convert(&prepare(&annex_md), REFERENCE_LANDSCAPE, "phu-luc.docx")?;
                put("phu-luc.docx", &bytes)?;
                docx = if p.has_spans() {
                    Docx::Written(p.version)
                } else {
                    Docx::Flattened(p.version)
                };
            }
            None => docx = Docx::NoPandoc,
        }
    }
    put("bao-cao.md", bao_cao.as_bytes())?;
    put("phu-luc.md", phu_luc.as_bytes())?;
    Ok(docx)
}

/// Tidies rendered Markdown: one blank line between blocks (templates leave runs of them
/// where a section is empty), a blank line around every heading, one final newline.
fn normalize(md: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in md.lines().map(str::trim_end) {
        let heading = line.starts_with('#');
        if heading && lines.last().is_some_and(|l| !l.is_empty()) {
            lines.push("");
        }
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        if !line.is_empty() && lines.last().is_some_and(|l| l.starts_with('#')) {
            lines.push("");
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n") + "\n"
}
