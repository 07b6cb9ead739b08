//! A year's plan (data/plans/<year>.yaml): the plan document, its indicators with targets,
//! further indicator sets, and task lists.

use crate::HashSet;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::indicators::{Catalogue, IndicatorKind};
use super::selector::Selector;
use super::units::Registry;
use crate::diag::{Code, Diagnostic, Source};
use crate::period::Period;
use crate::yaml::{self, Pos, Scalar, Spanned, SpannedList, YamlDate, pos};

/// A cited document: "Kế hoạch số 1446/KH-BĐHCĐS ngày 04/4/2024 của Ban Điều hành …".
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    /// Loại văn bản ("Kế hoạch", "Quyết định").
    pub kind: String,
    /// Số, ký hiệu ("1446/KH-BĐHCĐS"); empty when unknown.
    #[serde(default)]
    pub number: String,
    /// Ngày ban hành.
    #[serde(default)]
    pub date: Option<YamlDate>,
    /// Cơ quan ban hành.
    #[serde(default)]
    pub issuer: String,
    /// Trích yếu.
    #[serde(default)]
    pub title: String,
}

impl DocumentRef {
    /// The citation as reports write it.
    pub fn citation(&self) -> String {
        let mut s = self.kind.clone();
        if !self.number.is_empty() {
            s.push_str(" số ");
            s.push_str(&self.number);
        }
        if let Some(d) = self.date {
            s.push_str(" ngày ");
            s.push_str(&crate::date::format_date(d.0));
        }
        if !self.issuer.is_empty() {
            s.push_str(" của ");
            s.push_str(&self.issuer);
        }
        if !self.title.is_empty() {
            s.push(' ');
            s.push_str(&self.title);
        }
        s
    }
}

/// A target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A value to reach in the indicator's good direction.
    Value(Decimal),
    /// At least this.
    Min(Decimal),
    /// At most this.
    Max(Decimal),
    /// A rank of this or better (smaller).
    RankAtMost(u32),
    /// Done (true) or explicitly not required.
    Yes(bool),
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Target;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("một số, true/false, hoặc {min: …}, {max: …}, {rank_at_most: …}")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Target, E> {
                Ok(Target::Yes(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Target, E> {
                Ok(Target::Value(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Target, E> {
                Ok(Target::Value(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Target, E> {
                let s = Scalar {
                    text: format!("{v}"),
                    native_number: true,
                };
                s.decimal().map(Target::Value).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Target, E> {
                let s = Scalar {
                    text: v.to_string(),
                    native_number: false,
                };
                s.decimal().map(Target::Value).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Target, A::Error> {
                let Some(key) = map.next_key::<String>()? else {
                    return Err(de::Error::custom("chỉ tiêu kế hoạch rỗng"));
                };
                let value: Scalar = map.next_value()?;
                if map.next_key::<String>()?.is_some() {
                    return Err(de::Error::custom(
                        "chỉ tiêu kế hoạch chỉ có một khóa: min, max hoặc rank_at_most",
                    ));
                }
                match key.as_str() {
                    "min" => value.decimal().map(Target::Min).map_err(de::Error::custom),
                    "max" => value.decimal().map(Target::Max).map_err(de::Error::custom),
                    "rank_at_most" => value
                        .text
                        .parse::<u32>()
                        .map(Target::RankAtMost)
                        .map_err(|_| de::Error::custom("«rank_at_most» phải là số nguyên dương")),
                    other => Err(de::Error::custom(format!(
                        "khóa «{other}» không hợp lệ; chỉ được dùng min, max, rank_at_most"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// How a plan figure is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Stated in a seed document.
    Seed,
    /// Assumed from the Đề án trajectory.
    Assumed,
    /// Inferred.
    Inferred,
}

/// An indicator of the plan with its targets.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanIndicator {
    /// Indicator code.
    pub code: String,
    /// Year target.
    pub target: Option<Target>,
    /// 6-month target.
    pub target_6t: Option<Target>,
    /// How the target is known.
    pub basis: Option<Basis>,
    /// Note.
    pub note: Option<String>,
    /// Where it is declared.
    pub pos: Pos,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlanIndicator {
    code: Spanned<String>,
    #[serde(default)]
    target: Option<Spanned<Target>>,
    #[serde(default)]
    target_6t: Option<Spanned<Target>>,
    #[serde(default)]
    basis: Option<Basis>,
    #[serde(default)]
    note: Option<String>,
}

/// A further list of indicators with targets (e.g. the ngành TTTT indicators of QĐ 36).
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorSet {
    /// Short id.
    pub id: String,
    /// Title printed above its table.
    pub title: String,
    /// Source document.
    pub document: Option<DocumentRef>,
    /// Rows, in order.
    pub indicators: Vec<PlanIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicatorSet {
    id: String,
    title: String,
    #[serde(default)]
    document: Option<DocumentRef>,
    indicators: Vec<RawPlanIndicator>,
}

/// When a task is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// By the end of a period.
    Period(Period),
    /// By a date.
    Date(NaiveDate),
}

impl Due {
    /// The last day.
    pub fn end(&self) -> NaiveDate {
        match self {
            Self::Period(p) => p.end(),
            Self::Date(d) => *d,
        }
    }
}

impl<'de> Deserialize<'de> for Due {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = yaml::ScalarText::deserialize(d)?.0;
        if let Ok(p) = s.parse::<Period>() {
            return Ok(Self::Period(p));
        }
        crate::date::parse_date(&s).map(Self::Date).map_err(|_| {
            de::Error::custom(format!(
                "«{s}» không phải là kỳ (2024, 2024-Q2, Quý II/2024…) hay ngày"
            ))
        })
    }
}

/// A row of the task hierarchy (A, A.I …).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskGroup {
    /// Dotted id.
    pub id: String,
    /// Title.
    pub title: String,
}

/// One task (nhiệm vụ).
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// Dotted id.
    pub id: String,
    /// Verbatim title.
    pub title: String,
    /// Đơn vị chủ trì.
    pub lead: Vec<Selector>,
    /// Đơn vị phối hợp.
    pub partners: Vec<Selector>,
    /// Deadline.
    pub due: Option<Due>,
    /// Printed deadline when it is not the period's own name ("Hàng năm").
    pub due_label: Option<String>,
    /// Cấp trình, ban hành.
    pub approver: Option<String>,
    /// Sản phẩm đầu ra / tiêu chí giám sát.
    pub output: Option<String>,
    /// Seed reference.
    pub source: Option<String>,
    /// Where it is declared.
    pub pos: Pos,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    lead: SpannedList<Selector>,
    #[serde(default)]
    partners: SpannedList<Selector>,
    #[serde(default)]
    due: Option<Due>,
    #[serde(default)]
    due_label: Option<String>,
    #[serde(default)]
    approver: Option<String>,
    #[serde(default)]
    output: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// A list of tasks under one document.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskList {
    /// Short id.
    pub id: String,
    /// Title printed above its table.
    pub title: String,
    /// Source document (the plan's when absent).
    pub document: Option<DocumentRef>,
    /// Hierarchy rows.
    pub groups: Vec<TaskGroup>,
    /// Tasks.
    pub tasks: Vec<Task>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaskList {
    id: String,
    title: String,
    #[serde(default)]
    document: Option<DocumentRef>,
    #[serde(default)]
    groups: Vec<Spanned<TaskGroup>>,
    #[serde(default)]
    tasks: Vec<RawTask>,
}

/// A year's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The year.
    pub year: i32,
    /// The plan document.
    pub document: DocumentRef,
    /// The number of indicators the document states.
    pub indicator_total: Option<u32>,
    /// Whether `indicators` lists all of them.
    pub indicators_complete: bool,
    /// The plan's indicators, in order.
    pub indicators: Vec<PlanIndicator>,
    /// Further indicator sets.
    pub indicator_sets: Vec<IndicatorSet>,
    /// Task lists.
    pub task_lists: Vec<TaskList>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    year: Spanned<i32>,
    document: DocumentRef,
    #[serde(default)]
    indicator_total: Option<Spanned<u32>>,
    #[serde(default = "yes")]
    indicators_complete: bool,
    #[serde(default)]
    indicators: Vec<RawPlanIndicator>,
    #[serde(default)]
    indicator_sets: Vec<RawIndicatorSet>,
    #[serde(default)]
    task_lists: Vec<RawTaskList>,
}

fn yes() -> bool {
    true
}

/// Whether a task id is dot-separated `[A-Za-z0-9]+` segments.
fn is_task_id(id: &str) -> bool {
    id.len() <= 64
        && id
            .split('.')
            .all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Plan {
    /// Parses data/plans/<file_year>.yaml and checks it against the catalogue and registry.
    pub fn load(
        source: &Source,
        file_year: i32,
        catalogue: &Catalogue,
        registry: &Registry,
    ) -> Result<Self, Vec<Diagnostic>> {
        let raw: RawPlan = yaml::parse(source).map_err(|d| vec![d])?;
        let mut diags = Vec::new();
        let year = raw.year.value;
        if year != file_year {
            diags.push(source.diag(
                Code::E030,
                Some(pos(&raw.year)),
                format!("năm kế hoạch {year} khác với tên tệp {file_year}.yaml"),
            ));
        }
        let Ok(year_period) = Period::year(year) else {
            diags.push(source.diag(
                Code::E030,
                Some(pos(&raw.year)),
                format!("năm kế hoạch {year} nằm ngoài khoảng cho phép"),
            ));
            return Err(diags);
        };
        let indicators = check_indicators(source, raw.indicators, catalogue, &mut diags);
        if let Some(total) = &raw.indicator_total {
            let n = indicators.len();
            let listed = u32::try_from(n).unwrap_or(u32::MAX);
            if (raw.indicators_complete && listed != total.value) || listed > total.value {
                diags.push(source.diag(Code::E034, Some(pos(total)), format!(
                    "kế hoạch nêu {} chỉ tiêu nhưng danh sách có {n}", total.value))
                    .with_hint("sửa «indicator_total», hoặc đặt «indicators_complete: false» nếu tài liệu gốc không nêu đủ các chỉ tiêu"));
            }
        }
        let indicator_sets = raw
            .indicator_sets
            .into_iter()
            .map(|s| IndicatorSet {
                id: s.id,
                title: crate::text::nfc_string(s.title),
                document: s.document,
                indicators: check_indicators(source, s.indicators, catalogue, &mut diags),
            })
            .collect();
        let mut seen_tasks = HashSet::default();
        let mut task_lists = Vec::new();
        for l in raw.task_lists {
            let groups: Vec<TaskGroup> = l.groups.iter().map(|g| g.value.clone()).collect();
            let group_ids: HashSet<&str> = groups.iter().map(|g| g.id.as_str()).collect();
            for g in &l.groups {
                if let Some((parent, _)) = g.value.id.rsplit_once('.')
                    && !group_ids.contains(parent)
                {
                    diags.push(source.diag(
                        Code::E036,
                        Some(pos(g)),
                        format!(
                            "nhóm nhiệm vụ «{}» không có nhóm cha «{parent}»",
                            g.value.id
                        ),
                    ));
                }
            }
            let mut tasks = Vec::new();
            for t in l.tasks {
                let id = t.id.value.clone();
                let at = pos(&t.id);
                if !is_task_id(&id) || !seen_tasks.insert(id.clone()) {
                    let why = if is_task_id(&id) {
                        "bị trùng"
                    } else {
                        "không hợp lệ"
                    };
                    diags.push(source.diag(Code::E035, Some(at), format!("mã nhiệm vụ «{id}» {why}"))
                        .with_hint("mã nhiệm vụ gồm các đoạn chữ/số nối bằng dấu chấm, ví dụ A.I.1, và không lặp lại"));
                    continue;
                }
                if let Some((parent, _)) = id.rsplit_once('.')
                    && !group_ids.contains(parent)
                {
                    diags.push(source.diag(
                        Code::E036,
                        Some(at),
                        format!("nhiệm vụ «{id}» không có nhóm cha «{parent}» trong «groups»"),
                    ));
                }
                for (sel, list) in [(&t.lead, "chủ trì"), (&t.partners, "phối hợp")] {
                    for s in &sel.items {
                        let Selector::Unit(uid) = s else { continue };
                        let msg = match registry.get(uid) {
                            None => format!(
                                "đơn vị {list} «{uid}» của nhiệm vụ «{id}» không có trong danh mục đơn vị"
                            ),
                            Some(u) if !u.valid_in(&year_period) => format!(
                                "đơn vị {list} «{uid}» của nhiệm vụ «{id}» không còn hiệu lực trong năm {year}"
                            ),
                            Some(_) => continue,
                        };
                        diags.push(source.diag(Code::E037, sel.pos, msg));
                    }
                }
                tasks.push(Task {
                    id,
                    title: crate::text::nfc_string(t.title),
                    lead: t.lead.items,
                    partners: t.partners.items,
                    due: t.due,
                    due_label: t.due_label,
                    approver: t.approver,
                    output: t.output.map(crate::text::nfc_string),
                    source: t.source,
                    pos: at,
                });
            }
            task_lists.push(TaskList {
                id: l.id,
                title: crate::text::nfc_string(l.title),
                document: l.document,
                groups,
                tasks,
            });
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        Ok(Plan {
            year,
            document: raw.document,
            indicator_total: raw.indicator_total.map(|t| t.value),
            indicators_complete: raw.indicators_complete,
            indicators,
            indicator_sets,
            task_lists,
        })
    }

    /// Every task of every list.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.task_lists.iter().flat_map(|l| l.tasks.iter())
    }
}

fn check_indicators(
    source: &Source,
    raw: Vec<RawPlanIndicator>,
    catalogue: &Catalogue,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PlanIndicator> {
    let mut out: Vec<PlanIndicator> = Vec::new();
    for r in raw {
        let code = r.code.value.clone();
        let at = pos(&r.code);
        let Some(ind) = catalogue.get(&code) else {
            diags.push(source.diag(Code::E031, Some(at), format!("chỉ tiêu «{code}» không có trong danh mục chỉ tiêu (data/indicators.yaml)"))
                .with_hint("thêm chỉ tiêu vào danh mục hoặc sửa lại mã"));
            continue;
        };
        if let Some(first) = out.iter().find(|i| i.code == code) {
            diags.push(source.diag(
                Code::E032,
                Some(at),
                format!(
                    "chỉ tiêu «{code}» đã có trong danh sách (dòng {})",
                    first.pos.line
                ),
            ));
            continue;
        }
        for t in [&r.target, &r.target_6t].into_iter().flatten() {
            let fits = match (&t.value, ind.kind) {
                (Target::Yes(_), k) => k == IndicatorKind::YesNo,
                (Target::RankAtMost(_), k) => k == IndicatorKind::Rank,
                (Target::Value(_) | Target::Min(_) | Target::Max(_), k) => k.is_numeric(),
            };
            if !fits {
                diags.push(source.diag(Code::E033, Some(pos(t)), format!(
                    "chỉ tiêu «{code}» thuộc loại «{}», không dùng được dạng kế hoạch này", ind.kind.name()))
                    .with_hint("loại yes_no dùng true/false; loại rank dùng {rank_at_most: n}; loại số dùng một số, {min: …} hoặc {max: …}"));
            }
        }
        out.push(PlanIndicator {
            code,
            target: r.target.map(|t| t.value),
            target_6t: r.target_6t.map(|t| t.value),
            basis: r.basis,
            note: r.note,
            pos: at,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> (Registry, Catalogue) {
        let reg = Registry::load(&Source::new(
            "u.yaml",
            "units:\n  - {id: so-tttt, name: S, short: S, kind: so_nganh, valid_to: 2025-02-28}\n"
                .into(),
        ))
        .expect("registry");
        let cat = Catalogue::load(&Source::new("i.yaml", "groups: [{id: kts, name: Kinh tế số}]\nindicators:
  - {code: kts.grdp, name: G, group: kts, unit: '%', kind: percent, aggregate: owner, reporters: so-tttt}
  - {code: kts.dti, name: D, group: kts, unit: hạng, kind: rank, out_of: 63, aggregate: owner, reporters: so-tttt}
".into()), &reg).expect("catalogue");
        (reg, cat)
    }

    fn load(text: &str, year: i32) -> Result<Plan, Vec<Diagnostic>> {
        let (reg, cat) = fixtures();
        Plan::load(
            &Source::new(format!("data/plans/{year}.yaml"), text.into()),
            year,
            &cat,
            &reg,
        )
    }

    const HEAD: &str = "year: 2024\ndocument: {kind: Kế hoạch, number: 1446/KH-BĐHCĐS, date: 2024-04-04, issuer: Ban Điều hành chuyển đổi số}\n";

    #[test]
    fn loads_targets_and_tasks() {
        let text = format!(
            "{HEAD}indicator_total: 2\nindicators:\n  - {{code: kts.grdp, target: 12, basis: seed}}\n  - {{code: kts.dti, target: {{rank_at_most: 15}}}}\ntask_lists:\n  - id: kh1446\n    title: T\n    groups: [{{id: A, title: X}}, {{id: A.I, title: Y}}]\n    tasks:\n      - {{id: A.I.1, title: Z, lead: [so-tttt, huyen], due: Quý I/2024}}\n      - {{id: A.I.2, title: W, lead: so-tttt, due: 2024, due_label: Hàng năm}}\n"
        );
        let p = load(&text, 2024).expect("loads");
        assert_eq!(p.indicators.len(), 2);
        assert_eq!(
            p.indicators[0].target,
            Some(Target::Value(Decimal::from(12)))
        );
        assert_eq!(p.indicators[1].target, Some(Target::RankAtMost(15)));
        assert_eq!(p.tasks().count(), 2);
        assert_eq!(
            p.tasks()
                .next()
                .and_then(|t| t.due)
                .map(|d| d.end().to_string())
                .as_deref(),
            Some("2024-03-31")
        );
        assert_eq!(
            p.document.citation(),
            "Kế hoạch số 1446/KH-BĐHCĐS ngày 04/4/2024 của Ban Điều hành chuyển đổi số"
        );
    }

    fn codes(text: &str, year: i32) -> Vec<Code> {
        load(text, year)
            .expect_err("must fail")
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn load_time_checks() {
        assert_eq!(codes(HEAD, 2023), [Code::E030]);
        assert_eq!(
            codes(
                &format!("{HEAD}indicators:\n  - {{code: kts.nope, target: 1}}\n"),
                2024
            ),
            [Code::E031]
        );
        assert_eq!(
            codes(
                &format!("{HEAD}indicators:\n  - {{code: kts.grdp}}\n  - {{code: kts.grdp}}\n"),
                2024
            ),
            [Code::E032]
        );
        assert_eq!(
            codes(
                &format!(
                    "{HEAD}indicators:\n  - {{code: kts.grdp, target: {{rank_at_most: 3}}}}\n"
                ),
                2024
            ),
            [Code::E033]
        );
        assert_eq!(
            codes(
                &format!("{HEAD}indicator_total: 44\nindicators:\n  - {{code: kts.grdp}}\n"),
                2024
            ),
            [Code::E034]
        );
        let tasks = |body: &str| {
            format!(
                "{HEAD}task_lists:\n  - id: l\n    title: T\n    groups: [{{id: A, title: X}}]\n    tasks:\n{body}"
            )
        };
        assert_eq!(
            codes(
                &tasks("      - {id: A.1, title: a}\n      - {id: A.1, title: b}\n"),
                2024
            ),
            [Code::E035]
        );
        assert_eq!(
            codes(&tasks("      - {id: 'A..1', title: a}\n"), 2024),
            [Code::E035]
        );
        assert_eq!(
            codes(&tasks("      - {id: B.1, title: a}\n"), 2024),
            [Code::E036]
        );
        assert_eq!(
            codes(&tasks("      - {id: A.1, title: a, lead: so-xyz}\n"), 2024),
            [Code::E037]
        );
        let y2026 = tasks("      - {id: A.1, title: a, lead: so-tttt}\n")
            .replace("year: 2024", "year: 2026");
        assert_eq!(codes(&y2026, 2026), [Code::E037]);
    }
}
