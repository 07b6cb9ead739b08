//! What report templates see: the issuing body, the period, the plan citation, every
//! figure (`f["cqs.dvctt_tong"]`), the plan evaluation with its sentence, the units'
//! narrative by section, submission counts and the phụ lục list.

use std::collections::BTreeMap;

use serde::Serialize;

use super::figures::{Fig, evaluation};
use super::table::Table;
use crate::aggregate::Total;
use crate::evaluate::Status;
use crate::number::{self, Style};
use crate::period::Period;
use crate::report::UnitReport;
use crate::workspace::Workspace;

/// The issuing body.
#[derive(Debug, Serialize)]
pub struct Issuer {
    /// Name.
    pub ten: String,
    /// Upper-case name for the header.
    pub ten_in_hoa: String,
    /// Ký hiệu.
    pub ky_hieu: String,
    /// Cơ quan chủ quản.
    pub chu_quan: Option<String>,
    /// Địa danh.
    pub dia_danh: String,
    /// Signer's title.
    pub chuc_danh: Option<String>,
    /// Signer's name.
    pub nguoi_ky: Option<String>,
    /// Nơi nhận.
    pub noi_nhan: Vec<String>,
}

/// The period.
#[derive(Debug, Serialize)]
pub struct Ky {
    /// "2024-6T".
    pub ma: String,
    /// "năm 2024", "6 tháng đầu năm 2024".
    pub nhan: String,
    /// The year.
    pub nam: i32,
    /// A whole year.
    pub la_nam: bool,
    /// "năm 2023".
    pub truoc: Option<String>,
}

/// The plan evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Kh {
    /// The plan document cited.
    pub trich_dan: String,
    /// Its number ("1446/KH-BĐHCĐS").
    pub so: String,
    /// Indicators evaluated.
    pub tong: usize,
    /// Đạt or vượt.
    pub dat_vuot: usize,
    /// Chưa đạt.
    pub chua_dat: usize,
    /// Chưa đánh giá.
    pub chua_danh_gia: usize,
    /// Names of the chưa đạt.
    pub ds_chua_dat: Vec<String>,
    /// Names of the chưa đánh giá.
    pub ds_chua_danh_gia: Vec<String>,
    /// "39/44 chỉ tiêu đạt và vượt kế hoạch; còn 03/44 …".
    pub cau: String,
}

/// A unit's paragraph.
#[derive(Debug, Serialize)]
pub struct Doan {
    /// Unit short name.
    pub don_vi: String,
    /// Text.
    pub text: String,
}

/// Submission counts.
#[derive(Debug, Serialize)]
pub struct Dv {
    /// Expected units.
    pub du_kien: usize,
    /// Submitted.
    pub da_nop: usize,
    /// Names of missing units.
    pub chua_nop: Vec<String>,
    /// "48/54 đơn vị đã nộp, …".
    pub cau: String,
}

/// A phụ lục reference.
#[derive(Debug, Serialize)]
pub struct PhuLuc {
    /// "PHỤ LỤC 1".
    pub so: String,
    /// "Phụ lục 1".
    pub ten: String,
    /// Title.
    pub tieu_de: String,
}

/// The whole template context.
#[derive(Debug, Serialize)]
pub struct ReportCtx {
    /// Province name.
    pub tinh: String,
    /// Issuer.
    pub co_quan: Issuer,
    /// Period.
    pub ky: Ky,
    /// Plan evaluation, if the year has a plan.
    pub kh: Option<Kh>,
    /// Narrative by section key.
    pub nd: BTreeMap<String, Vec<Doan>>,
    /// Submissions.
    pub dv: Dv,
    /// Phụ lục list.
    pub phu_luc: Vec<PhuLuc>,
}

fn join_vi(items: &[String], sep: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(sep)),
    }
}

/// The plan evaluation summary.
pub fn plan_summary(
    ws: &Workspace,
    period: Period,
    totals: &BTreeMap<String, Total>,
) -> Option<Kh> {
    let plan = ws.plan(period.year_number())?;
    let mut statuses = Vec::new();
    for pi in &plan.indicators {
        let Some(ind) = ws.catalogue.get(&pi.code) else {
            continue;
        };
        // An indicator without a target for this period is not part of its evaluation.
        if let Some(e) = evaluation(ind, Some(plan), period, totals.get(&ind.code))
            && e.unjudged != Some(crate::evaluate::Unjudged::NoTarget)
        {
            statuses.push((ind.name.clone(), e.status));
        }
    }
    // A year counts every indicator the plan states; part of a year only those with a target
    // for it.
    let tong = if period.is_year() {
        plan.indicator_total
            .map_or(statuses.len(), |t| t as usize)
            .max(statuses.len())
    } else {
        statuses.len()
    };
    let names = |f: fn(Status) -> bool| {
        statuses
            .iter()
            .filter(|(_, s)| f(*s))
            .map(|(n, _)| n.clone())
            .collect::<Vec<_>>()
    };
    let met = names(Status::is_met);
    let missed = names(|s| s == Status::ChuaDat);
    let unjudged = names(|s| s == Status::ChuaDanhGia);
    let pad = |n: usize| {
        number::format(
            n.into(),
            Style {
                pad: 2,
                ..Style::default()
            },
        )
    };
    let mut cau = format!("{}/{tong} chỉ tiêu đạt và vượt kế hoạch", pad(met.len()));
    if !missed.is_empty() {
        cau.push_str(&format!(
            "; còn {}/{tong} chỉ tiêu chưa đạt kế hoạch (gồm: {})",
            pad(missed.len()),
            join_vi(&missed, "; ")
        ));
    }
    if !unjudged.is_empty() {
        cau.push_str(&format!(
            ", {}/{tong} chỉ tiêu chưa đánh giá được (gồm: {})",
            pad(unjudged.len()),
            join_vi(&unjudged, ", ")
        ));
    }
    Some(Kh {
        trich_dan: plan.document.citation(),
        so: plan.document.number.clone(),
        tong,
        dat_vuot: met.len(),
        chua_dat: missed.len(),
        chua_danh_gia: unjudged.len(),
        ds_chua_dat: missed,
        ds_chua_danh_gia: unjudged,
        cau,
    })
}

/// Every figure by code, for templates as `f["cqs.dvctt_tong"]`. A code the workspace's
/// catalogue does not have reads as a figure not reported (`co` false), so that the built-in
/// templates serve any catalogue; every other missing variable is still an error.
#[derive(Debug)]
pub struct Figures(pub BTreeMap<String, Fig>);

impl minijinja::value::Object for Figures {
    fn get_value(self: &std::sync::Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        let code = key.as_str()?;
        let fig = self
            .0
            .get(code)
            .cloned()
            .unwrap_or_else(|| Fig::absent(code));
        Some(minijinja::Value::from(minijinja::value::Serde(fig)))
    }
}

/// The context as a template value: the serialised context plus the figures object.
pub fn value(ctx: &ReportCtx, figs: BTreeMap<String, Fig>) -> minijinja::Value {
    minijinja::context! { f => minijinja::Value::from_object(Figures(figs)), ..minijinja::Value::from(minijinja::value::Serde(ctx)) }
}

/// Builds the template context.
pub fn build(
    ws: &Workspace,
    period: Period,
    kh: Option<Kh>,
    reports: &[UnitReport],
    st: &crate::status::Status,
    tables: &[Table],
) -> ReportCtx {
    let c = &ws.config;
    let mut nd: BTreeMap<String, Vec<Doan>> = BTreeMap::new();
    // Narrative in registry order, so that sở come before huyện as the seeds write them.
    let mut by_unit: crate::HashMap<&str, Vec<&UnitReport>> = Default::default();
    for r in reports {
        by_unit.entry(&*r.unit).or_default().push(r);
    }
    for u in ws.registry.units() {
        for r in by_unit.get(u.id.as_str()).into_iter().flatten() {
            for (key, text) in &r.narrative {
                nd.entry(key.clone()).or_default().push(Doan {
                    don_vi: u.short.clone(),
                    text: text.clone(),
                });
            }
        }
    }
    let chua_nop: Vec<String> = st
        .rows
        .iter()
        .filter(|r| r.state == crate::status::State::Missing)
        .map(|r| r.name.clone())
        .collect();
    ReportCtx {
        tinh: c.province.name.clone(),
        co_quan: Issuer {
            ten: c.issuer.name.clone(),
            ten_in_hoa: c.issuer.name.to_uppercase(),
            ky_hieu: c.issuer.short.clone(),
            chu_quan: c.issuer.parent.clone(),
            dia_danh: c.issuer.place.clone(),
            chuc_danh: c.issuer.signer_title.clone(),
            nguoi_ky: c.issuer.signer_name.clone().filter(|s| !s.is_empty()),
            noi_nhan: c.issuer.recipients.clone(),
        },
        ky: Ky {
            ma: period.to_string(),
            nhan: period.label_vi(),
            nam: period.year_number(),
            la_nam: period.is_year(),
            truoc: period.previous_year().map(|p| p.label_vi()),
        },
        kh,
        nd,
        dv: Dv {
            du_kien: st.expected,
            da_nop: st.submitted,
            chua_nop,
            cau: st.summary(),
        },
        phu_luc: tables
            .iter()
            .map(|t| PhuLuc {
                so: t.label.clone(),
                ten: t.label.replace("PHỤ LỤC", "Phụ lục"),
                tieu_de: t.title.clone(),
            })
            .collect(),
    }
}
