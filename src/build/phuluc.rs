//! The phụ lục tables of a report: (1) indicators against the plan, (2) task progress,
//! (3) per-unit figures with a Tổng row, (4) sản phẩm chuyển đổi số per unit,
//! (5) submission status.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::figures::{amount_text, evaluation, target_of, target_text, value_text};
use super::table::{Cell, Head, Row, RowKind, Table};
use crate::aggregate::Total;
use crate::period::Period;
use crate::report::{Amount, UnitReport};
use crate::schema::{
    DocumentRef, Indicator, IndicatorKind, PlanIndicator, Selector, TaskList, UnitKind,
};
use crate::workspace::Workspace;

/// Roman numerals for section rows.
pub fn roman(n: usize) -> String {
    const R: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// "QĐ 36/QĐ-UBND ngày 12/01/2024".
fn short_citation(d: &DocumentRef) -> String {
    let kind = match d.kind.as_str() {
        "Quyết định" => "QĐ",
        "Kế hoạch" => "KH",
        "Nghị quyết" => "NQ",
        other => other,
    };
    let date = d
        .date
        .map(|x| format!(" ngày {}", crate::date::format_date(x.0)))
        .unwrap_or_default();
    format!("{kind} {}{date}", d.number)
}

/// The number shown in a table for an amount: a fraction as its percentage.
fn amount_cell(ind: &Indicator, a: Option<&Amount>) -> Cell {
    match a {
        Some(Amount::Number { value }) => Cell::number(
            *value,
            if ind.kind == IndicatorKind::Count {
                0
            } else {
                ind.decimals
            },
            true,
        ),
        Some(a @ Amount::Fraction { .. }) => a
            .numeric()
            .map_or_else(|| Cell::text("-"), |p| Cell::number(p, ind.decimals, false)),
        Some(a @ (Amount::Bool { .. } | Amount::Text { .. } | Amount::NotAssessed { .. })) => {
            Cell::text(value_text(ind, a))
        }
        Some(Amount::Missing) | None => Cell::text("-"),
    }
}

fn target_cell(ind: &Indicator, pi: Option<&PlanIndicator>, period: Period) -> Cell {
    match pi.and_then(|pi| target_of(pi, period)) {
        Some(crate::schema::Target::Value(v)) => Cell::number(*v, v.normalize().scale(), true),
        Some(t) => Cell::text(target_text(ind, t)),
        None => Cell::text("-"),
    }
}

fn ratio_cell(r: Option<Decimal>) -> Cell {
    r.map_or_else(|| Cell::text("-"), |v| Cell::number(v, 2, true))
}

/// Context shared by every table.
pub struct Ctx<'a> {
    /// The workspace.
    pub ws: &'a Workspace,
    /// The period reported on.
    pub period: Period,
    /// Provincial figures of the period.
    pub totals: &'a BTreeMap<String, Total>,
    /// Last year's figures for the same kind of period.
    pub previous: Option<&'a BTreeMap<String, Total>>,
    /// Last full year's figures (column "Thực hiện năm trước" of a partial-year table).
    pub previous_year: Option<&'a BTreeMap<String, Total>>,
    /// Checked submissions.
    pub reports: &'a [UnitReport],
    /// "(Kèm theo Báo cáo số: …/BC-BĐHCĐS ngày …)".
    pub attached: String,
}

/// Phụ lục 1 for a year: the plan's indicators by group, with last year, plan, result,
/// ratio to plan and verdict.
fn indicators_year(c: &Ctx, label: &str) -> Option<Table> {
    let plan = c.ws.plan(c.period.year_number())?;
    let prev = c
        .period
        .previous_year()
        .map_or_else(|| "năm trước".to_string(), |p| p.label_vi());
    let y = c.period.year_number();
    let header = vec![
        vec![
            Head::cell("TT"),
            Head::cell("Chỉ tiêu"),
            Head::cell("Đơn vị"),
            Head::cell(format!("Thực hiện {prev}")),
            Head::cell(format!("Kế hoạch năm {y}")),
            Head::cell(format!("Thực hiện năm {y}")),
            Head::cell("Tỷ lệ so với kế hoạch (%)"),
            Head::cell("Đánh giá"),
        ],
        [
            "(1)",
            "(2)",
            "(3)",
            "(4)",
            "(5)",
            "(6)",
            "(7)=(6)/(5)",
            "(8)",
        ]
        .into_iter()
        .map(Head::cell)
        .collect(),
    ];
    let mut rows = Vec::new();
    let mut section = 0;
    let mut n = 0;
    for g in c.ws.catalogue.groups() {
        let items: Vec<(&PlanIndicator, &Indicator)> = plan
            .indicators
            .iter()
            .filter_map(|pi| Some((pi, c.ws.catalogue.get(&pi.code)?)))
            .filter(|(_, i)| i.group == g.id)
            .collect();
        if items.is_empty() {
            continue;
        }
        section += 1;
        rows.push(Row {
            kind: RowKind::Section,
            cells: vec![Cell::text(format!(
                "{}. {}",
                roman(section),
                g.name.to_uppercase()
            ))],
        });
        for (pi, ind) in items {
            n += 1;
            let total = c.totals.get(&ind.code);
            let e = evaluation(ind, Some(plan), c.period, total);
            rows.push(Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::text(n.to_string()),
                    Cell::text(&ind.name),
                    Cell::text(&ind.unit),
                    amount_cell(
                        ind,
                        c.previous.and_then(|p| p.get(&ind.code)).map(|t| &t.amount),
                    ),
                    target_cell(ind, Some(pi), c.period),
                    amount_cell(ind, total.map(|t| &t.amount)),
                    ratio_cell(e.as_ref().and_then(|e| e.ratio_to_plan)),
                    Cell::text(e.map_or("", |e| e.status.label())),
                ],
            });
        }
    }
    Some(Table {
        label: label.to_string(),
        title: format!(
            "Kết quả thực hiện các chỉ tiêu chuyển đổi số năm {y} theo {}",
            plan.document.citation()
        ),
        attached: c.attached.clone(),
        sheet: "PL1 Chỉ tiêu".to_string(),
        header,
        widths: vec![5, 48, 10, 12, 12, 12, 12, 12],
        rows,
    })
}

/// Phụ lục 1 for part of a year, in the layout of the seeds' 6-month report: the first
/// indicator set (or the plan's list) with last year, year plan, estimate, (6)/(5), the set
/// document's target and (6)/(7); "Trong đó" components as unnumbered sub-rows.
fn indicators_partial(c: &Ctx, label: &str) -> Option<Table> {
    let plan = c.ws.plan(c.period.year_number())?;
    let (title, items, doc) = match plan.indicator_sets.first() {
        Some(s) => (s.title.clone(), &s.indicators, s.document.as_ref()),
        None => (
            "Các chỉ tiêu chuyển đổi số".to_string(),
            &plan.indicators,
            None,
        ),
    };
    let y = c.period.year_number();
    let prev = y - 1;
    let part = c.period.part_label_vi();
    let doc_head = doc.map_or_else(
        || format!("Kế hoạch năm {y}"),
        |d| format!("Theo {}", short_citation(d)),
    );
    let doc_short = doc.map_or_else(
        || "kế hoạch".to_string(),
        |d| {
            short_citation(d)
                .split(" ngày")
                .next()
                .unwrap_or("")
                .split('/')
                .next()
                .unwrap_or("")
                .to_string()
        },
    );
    let header = vec![
        vec![
            Head::span("TT", 2, 1),
            Head::span("Chỉ tiêu", 2, 1),
            Head::span("Đơn vị", 2, 1),
            Head::span(format!("Thực hiện năm {prev}"), 2, 1),
            Head::span(format!("Năm {y}"), 1, 3),
            Head::span(doc_head, 2, 1),
            Head::span(format!("Ước thực hiện {part} so với {doc_short} (%)"), 2, 1),
        ],
        vec![
            Head::cell(format!("Kế hoạch năm {y}")),
            Head::cell(format!("Ước thực hiện {part}")),
            Head::cell(format!("Ước thực hiện {part} so với Kế hoạch")),
        ],
        [
            "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(6)/(5)", "(7)", "(6)/(7)",
        ]
        .into_iter()
        .map(Head::cell)
        .collect(),
    ];
    let mut rows = Vec::new();
    let mut n = 0;
    let sub_codes: Vec<&str> = items
        .iter()
        .filter_map(|pi| c.ws.catalogue.get(&pi.code))
        .flat_map(|i| i.of_which.iter().map(String::as_str))
        .collect();
    for pi in items.iter() {
        let Some(ind) = c.ws.catalogue.get(&pi.code) else {
            continue;
        };
        let sub_index = sub_codes.iter().position(|s| *s == ind.code);
        let is_first_sub = sub_index.is_some()
            && items
                .iter()
                .filter_map(|p| c.ws.catalogue.get(&p.code))
                .any(|parent| parent.of_which.first() == Some(&ind.code));
        // A component is named without its parent's prefix ("… – Chương trình địa phương").
        let parent_name = items
            .iter()
            .filter_map(|p| c.ws.catalogue.get(&p.code))
            .find(|p| p.of_which.contains(&ind.code))
            .map(|p| format!("{} – ", p.name));
        let short = parent_name
            .as_deref()
            .and_then(|p| ind.name.strip_prefix(p))
            .unwrap_or(&ind.name);
        let (tt, name) = match sub_index {
            Some(_) if is_first_sub => (String::new(), format!("Trong đó: - {short}")),
            Some(_) => (String::new(), format!("- {short}")),
            None => {
                n += 1;
                (n.to_string(), ind.name.clone())
            }
        };
        let year_target = pi.target.as_ref();
        let total = c.totals.get(&ind.code);
        let value = total.and_then(|t| t.amount.numeric());
        let ratio = |t: Option<&crate::schema::Target>| match (value, t) {
            (
                Some(v),
                Some(
                    crate::schema::Target::Value(g)
                    | crate::schema::Target::Min(g)
                    | crate::schema::Target::Max(g),
                ),
            ) if !g.is_zero() => Some(v * Decimal::ONE_HUNDRED / *g),
            _ => None,
        };
        let tcell = |t: Option<&crate::schema::Target>| match t {
            Some(crate::schema::Target::Value(v)) => Cell::number(*v, v.normalize().scale(), true),
            Some(t) => Cell::text(target_text(ind, t)),
            None => Cell::text("-"),
        };
        rows.push(Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::text(tt),
                Cell::text(name),
                Cell::text(&ind.unit),
                amount_cell(
                    ind,
                    c.previous_year
                        .and_then(|p| p.get(&ind.code))
                        .map(|t| &t.amount),
                ),
                tcell(year_target),
                amount_cell(ind, total.map(|t| &t.amount)),
                ratio_cell(ratio(year_target)),
                tcell(year_target),
                ratio_cell(ratio(year_target)),
            ],
        });
    }
    Some(Table {
        label: label.to_string(),
        title: format!("{title} thực hiện {}", c.period.label_vi()),
        attached: c.attached.clone(),
        sheet: "PL1 Chỉ tiêu".to_string(),
        header,
        widths: vec![5, 44, 10, 12, 12, 12, 14, 14, 14],
        rows,
    })
}

fn lead_text(c: &Ctx, sel: &[Selector]) -> String {
    let kinds: Vec<UnitKind> = sel
        .iter()
        .filter_map(|s| match s {
            Selector::Kind(k) => Some(*k),
            Selector::Unit(_) => None,
        })
        .collect();
    if kinds.contains(&UnitKind::SoNganh) && kinds.contains(&UnitKind::Huyen) {
        let rest: Vec<String> = sel
            .iter()
            .filter_map(|s| match s {
                Selector::Unit(u) => {
                    Some(c.ws.registry.get(u).map_or(u.clone(), |x| x.short.clone()))
                }
                Selector::Kind(_) => None,
            })
            .collect();
        let mut s = "Các Sở, ban, ngành; địa phương".to_string();
        if !rest.is_empty() {
            s = format!("{}, {s}", rest.join(", "));
        }
        return s;
    }
    let names: Vec<String> = sel
        .iter()
        .map(|s| match s {
            Selector::Unit(u) => c.ws.registry.get(u).map_or(u.clone(), |x| x.short.clone()),
            Selector::Kind(k) => k.label_vi().to_string(),
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

fn progress<'r>(c: &'r Ctx, id: &str) -> Vec<(&'r UnitReport, &'r crate::report::TaskProgress)> {
    c.reports
        .iter()
        .flat_map(|r| r.tasks.iter().filter(|t| t.id == id).map(move |t| (r, t)))
        .collect()
}

/// Phụ lục 2: a task list, hierarchical (groups as rows, tasks numbered by their last id
/// segment), with each unit's reported result.
pub fn tasks(c: &Ctx, list: &TaskList, label: &str) -> Table {
    let part = c.period.label_vi();
    if list.tasks.iter().any(|t| t.approver.is_some()) {
        return tasks_assigned(c, list, label);
    }
    let header = vec![vec![
        Head::cell("TT"),
        Head::cell("Tên nhiệm vụ, dự án"),
        Head::cell("Đơn vị chủ trì"),
        Head::cell("Thời gian thực hiện"),
        Head::cell(format!("Kết quả thực hiện {part}")),
        Head::cell("Ghi chú"),
    ]];
    let mut rows = Vec::new();
    let mut emitted: Vec<&str> = Vec::new();
    for t in &list.tasks {
        // Group rows of every ancestor not yet shown, outermost first.
        let segments: Vec<&str> = t.id.split('.').collect();
        for depth in 1..segments.len() {
            let gid = segments[..depth].join(".");
            if emitted.iter().any(|e| *e == gid) {
                continue;
            }
            if let Some(g) = list.groups.iter().find(|g| g.id == gid) {
                emitted.push(&g.id);
                let tt = g.id.rsplit('.').next().unwrap_or(&g.id);
                if depth == 1 && g.id.chars().all(|ch| ch.is_ascii_alphabetic()) && g.id.len() > 1 {
                    rows.push(Row {
                        kind: RowKind::Section,
                        cells: vec![Cell::text(&g.title)],
                    });
                } else {
                    rows.push(Row {
                        kind: RowKind::Group,
                        cells: vec![
                            Cell::text(tt),
                            Cell::text(&g.title),
                            Cell::text(""),
                            Cell::text(""),
                            Cell::text(""),
                            Cell::text(""),
                        ],
                    });
                }
            }
        }
        let done = progress(c, &t.id);
        let result = done
            .iter()
            .map(|(r, p)| {
                let who = if done.len() > 1 {
                    format!(
                        "{}: ",
                        c.ws.registry
                            .get(&r.unit)
                            .map_or(&*r.unit, |u| u.short.as_str())
                    )
                } else {
                    String::new()
                };
                let status = p
                    .status
                    .map(|s| format!("{}. ", s.label()))
                    .unwrap_or_default();
                let docs = if p.documents.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", p.documents.join("; "))
                };
                format!(
                    "{who}{status}{}{docs}",
                    p.result.clone().unwrap_or_default()
                )
                .trim()
                .to_string()
            })
            .collect::<Vec<_>>()
            .join(" ");
        let tt = segments
            .iter()
            .skip(segments.len().saturating_sub(2))
            .copied()
            .collect::<Vec<_>>();
        let tt = if segments.first().is_some_and(|s| s.len() > 1) {
            tt.join(".")
        } else {
            segments.last().copied().unwrap_or("").to_string()
        };
        rows.push(Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::text(tt),
                Cell::text(&t.title),
                Cell::text(lead_text(c, &t.lead)),
                Cell::text(t.due_label.clone().unwrap_or_else(|| due_label(t.due))),
                Cell::text(result),
                Cell::text(""),
            ],
        });
    }
    Table {
        label: label.to_string(),
        title: list.title.clone(),
        attached: c.attached.clone(),
        sheet: format!("{} Nhiệm vụ", label.replace("PHỤ LỤC ", "PL")),
        header,
        widths: vec![6, 50, 18, 14, 60, 10],
        rows,
    }
}

fn due_label(d: Option<crate::schema::Due>) -> String {
    match d {
        Some(crate::schema::Due::Period(p)) => {
            let l = p.label_vi();
            format!("{}{}", l[..1].to_uppercase(), &l[1..])
        }
        Some(crate::schema::Due::Date(d)) => crate::date::format_date(d),
        None => String::new(),
    }
}

/// Tasks assigned by a decision (QĐ 36): Kết quả thực hiện split in three.
fn tasks_assigned(c: &Ctx, list: &TaskList, label: &str) -> Table {
    let doc = list
        .document
        .as_ref()
        .map(short_citation)
        .unwrap_or_default();
    let doc_no = doc.split(" ngày").next().unwrap_or("").to_string();
    let header = vec![
        vec![
            Head::span("STT", 2, 1),
            Head::span(
                format!("STT theo {}", doc_no.replace("QĐ", "Quyết định")),
                2,
                1,
            ),
            Head::span("Nội dung nhiệm vụ", 2, 1),
            Head::span(
                format!(
                    "Thời gian hoàn thành theo {}",
                    doc_no.replace("QĐ ", "Quyết định số ")
                ),
                2,
                1,
            ),
            Head::span("Cấp trình, ban hành", 2, 1),
            Head::span("Sản phẩm trình", 2, 1),
            Head::span("Kết quả thực hiện", 1, 3),
        ],
        vec![
            Head::cell("Tiến độ thực hiện"),
            Head::cell("Số, ngày văn bản trình UBND tỉnh"),
            Head::cell("Số, ngày văn bản của UBND tỉnh ban hành"),
        ],
    ];
    let mut rows = Vec::new();
    for g in &list.groups {
        rows.push(Row {
            kind: RowKind::Section,
            cells: vec![Cell::text(&g.title)],
        });
    }
    for (i, t) in list.tasks.iter().enumerate() {
        let done = progress(c, &t.id);
        let status = done
            .iter()
            .filter_map(|(_, p)| p.status.map(|s| s.label()))
            .collect::<Vec<_>>()
            .join("; ");
        // Documents: the unit's own submission first, the province's issued one second.
        let docs: Vec<&String> = done.iter().flat_map(|(_, p)| p.documents.iter()).collect();
        let half = docs.len().div_ceil(2);
        let list_docs = |d: &[&String]| {
            d.iter()
                .map(|s| {
                    if d.len() > 1 {
                        format!("- {s}")
                    } else {
                        (*s).clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        rows.push(Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::text((i + 1).to_string()),
                Cell::text(t.id.rsplit('.').next().unwrap_or(&t.id)),
                Cell::text(&t.title),
                Cell::text(t.due_label.clone().unwrap_or_else(|| due_label(t.due))),
                Cell::text(t.approver.clone().unwrap_or_default()),
                Cell::text(t.output.clone().unwrap_or_default()),
                Cell::text(status),
                Cell::text(list_docs(&docs[..half])),
                Cell::text(list_docs(&docs[half..])),
            ],
        });
    }
    Table {
        label: label.to_string(),
        title: list.title.clone(),
        attached: c.attached.clone(),
        sheet: format!(
            "{} {}",
            label.replace("PHỤ LỤC ", "PL"),
            doc_no.replace('/', "-")
        )
        .chars()
        .take(31)
        .collect(),
        header,
        widths: vec![5, 8, 40, 14, 12, 12, 14, 24, 24],
        rows,
    }
}

/// Phụ lục 3: figures reported by every unit of a kind (districts), one row per unit, with
/// a Tổng row computed by each indicator's rule.
fn per_unit(c: &Ctx, kind: UnitKind, label: &str) -> Option<Table> {
    let units: Vec<&crate::schema::Unit> =
        c.ws.registry
            .reporting(c.period)
            .filter(|u| u.kind == kind)
            .collect();
    let ids: crate::HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let inds: Vec<&Indicator> =
        c.ws.catalogue
            .indicators()
            .iter()
            .filter(|i| {
                i.reporters.contains(&Selector::Kind(kind))
                    && c.totals
                        .get(&i.code)
                        .is_some_and(|t| t.reporting_units().any(|x| ids.contains(&*x.unit)))
            })
            .collect();
    if units.is_empty() || inds.is_empty() {
        return None;
    }
    let mut head = vec![Head::cell("TT"), Head::cell("Đơn vị")];
    head.extend(inds.iter().map(|i| {
        Head::cell(if i.name.ends_with(')') || i.unit.is_empty() {
            i.name.clone()
        } else {
            format!("{} ({})", i.name, i.unit)
        })
    }));
    // Each indicator's figures by unit, looked up once per cell.
    let by_unit: Vec<crate::HashMap<&str, &Amount>> = inds
        .par_iter()
        .map(|ind| {
            c.totals.get(&ind.code).map_or_else(Default::default, |t| {
                t.contributions
                    .iter()
                    .map(|x| (&*x.unit, &x.amount))
                    .collect()
            })
        })
        .collect();
    // One row per unit, made in parallel (thousands of units after the 2025 reform).
    let mut rows: Vec<Row> = units
        .par_iter()
        .enumerate()
        .map(|(n, u)| {
            let mut cells = Vec::with_capacity(inds.len() + 2);
            cells.extend([Cell::text((n + 1).to_string()), Cell::text(&u.name)]);
            for (ind, figures) in inds.iter().zip(&by_unit) {
                cells.push(per_unit_cell(ind, figures.get(u.id.as_str()).copied()));
            }
            Row {
                kind: RowKind::Data,
                cells,
            }
        })
        .collect();
    // The Tổng row combines these units' figures only, by each indicator's rule.
    let mut total = vec![Cell::text(""), Cell::text("Tổng")];
    for ind in &inds {
        let own = c.totals.get(&ind.code).map(|t| {
            t.contributions
                .iter()
                .filter(|x| ids.contains(&*x.unit))
                .map(|x| &x.amount)
        });
        total.push(per_unit_cell(
            ind,
            Some(&crate::aggregate::combine(ind, own.into_iter().flatten())),
        ));
    }
    rows.push(Row {
        kind: RowKind::Total,
        cells: total,
    });
    let mut widths = vec![5, 26];
    widths.extend(inds.iter().map(|_| 20));
    Some(Table {
        label: label.to_string(),
        title: format!(
            "Kết quả thực hiện của {} {}",
            kind.label_vi(),
            c.period.label_vi()
        ),
        attached: c.attached.clone(),
        sheet: format!("{} {}", label.replace("PHỤ LỤC ", "PL"), "Theo đơn vị"),
        header: vec![head],
        widths,
        rows,
    })
}

/// A per-unit cell: fractions as "N/D (x%)", empty for not reported.
fn per_unit_cell(ind: &Indicator, a: Option<&Amount>) -> Cell {
    match a {
        Some(a @ Amount::Fraction { .. }) => Cell::text(amount_text(ind, a)),
        Some(Amount::Missing) | None => Cell::text(""),
        Some(other) => amount_cell(ind, Some(other)),
    }
}

/// Phụ lục 4: sản phẩm chuyển đổi số by unit, with status.
pub fn products(c: &Ctx, label: &str) -> Option<Table> {
    let with: Vec<&UnitReport> = c
        .reports
        .iter()
        .filter(|r| !r.products.is_empty())
        .collect();
    if with.is_empty() {
        return None;
    }
    let header = vec![vec![
        Head::cell("TT"),
        Head::cell("Cơ quan, đơn vị"),
        Head::cell("Tên sản phẩm chuyển đổi số"),
        Head::cell("Tình trạng"),
        Head::cell("Ghi chú"),
    ]];
    let mut rows = Vec::new();
    let mut n = 0;
    for r in with {
        let unit =
            c.ws.registry
                .get(&r.unit)
                .map_or_else(|| r.unit.to_string(), |u| u.name.clone());
        for p in &r.products {
            n += 1;
            rows.push(Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::text(n.to_string()),
                    Cell::text(&unit),
                    Cell::text(&p.name),
                    Cell::text(p.status.map_or("", |s| s.label())),
                    Cell::text(p.note.clone().unwrap_or_default()),
                ],
            });
        }
    }
    Some(Table {
        label: label.to_string(),
        title: format!(
            "Kết quả triển khai sản phẩm chuyển đổi số của các cơ quan, đơn vị {}",
            c.period.label_vi()
        ),
        attached: c.attached.clone(),
        sheet: format!("{} Sản phẩm", label.replace("PHỤ LỤC ", "PL")),
        header,
        widths: vec![5, 36, 50, 18, 30],
        rows,
    })
}

/// Phụ lục 5: who submitted.
pub fn submissions(c: &Ctx, st: &crate::status::Status, label: &str) -> Table {
    let header = vec![vec![
        Head::cell("TT"),
        Head::cell("Đơn vị"),
        Head::cell("Tình trạng"),
        Head::cell("Tệp số liệu"),
        Head::cell("Ngày chốt số liệu"),
        Head::cell("Số lỗi"),
        Head::cell("Số cảnh báo"),
    ]];
    let rows = st
        .rows
        .par_iter()
        .enumerate()
        .map(|(i, r)| Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::text((i + 1).to_string()),
                Cell::text(
                    c.ws.registry
                        .get(&r.unit)
                        .map_or(r.name.clone(), |u| u.name.clone()),
                ),
                Cell::text(r.state.label()),
                Cell::text(
                    r.file
                        .as_deref()
                        .and_then(|f| f.rsplit('/').next())
                        .unwrap_or(""),
                ),
                Cell::text(r.as_of.map(crate::date::format_date).unwrap_or_default()),
                Cell::text(if r.file.is_some() {
                    r.errors.to_string()
                } else {
                    String::new()
                }),
                Cell::text(if r.file.is_some() {
                    r.warnings.to_string()
                } else {
                    String::new()
                }),
            ],
        })
        .collect();
    Table {
        label: label.to_string(),
        title: format!(
            "Tình hình gửi số liệu của các cơ quan, đơn vị {} ({})",
            c.period.label_vi(),
            st.summary()
        ),
        attached: c.attached.clone(),
        sheet: format!("{} Tình hình nộp", label.replace("PHỤ LỤC ", "PL")),
        header,
        widths: vec![5, 44, 16, 30, 14, 8, 10],
        rows,
    }
}

/// Every phụ lục of the period, numbered in order.
pub fn all(c: &Ctx, st: &crate::status::Status) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let label = |out: &Vec<Table>| format!("PHỤ LỤC {}", out.len() + 1);
    let first = if c.period.is_year() {
        indicators_year(c, &label(&out))
    } else {
        indicators_partial(c, &label(&out))
    };
    out.extend(first);
    if let Some(plan) = c.ws.plan(c.period.year_number()) {
        for list in &plan.task_lists {
            let t = tasks(c, list, &label(&out));
            out.push(t);
        }
    }
    if let Some(t) = per_unit(c, UnitKind::Huyen, &label(&out)) {
        out.push(t);
    }
    if let Some(t) = products(c, &label(&out)) {
        out.push(t);
    }
    let t = submissions(c, st, &label(&out));
    out.push(t);
    out
}
