//! The indicator catalogue (data/indicators.yaml): what each figure is, how it is
//! reported, aggregated and judged.

use crate::HashMap;

use serde::Deserialize;

use super::selector::Selector;
use super::units::Registry;
use crate::diag::{Code, Diagnostic, Source};
use crate::yaml::{self, Pos, Spanned, SpannedList, pos};

/// What kind of figure an indicator is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A whole count (DVCTT, hồ sơ, người).
    Count,
    /// A quantity with decimals (tỷ đồng, giờ).
    Amount,
    /// A percentage stated as such, without numerator and denominator.
    Percent,
    /// Numerator over denominator, printed as a percentage.
    Ratio,
    /// A position in a ranking (DTI 27/63).
    Rank,
    /// Done or not.
    YesNo,
    /// Free text.
    Text,
}

impl IndicatorKind {
    /// The YAML name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Count => "count",
            Self::Amount => "amount",
            Self::Percent => "percent",
            Self::Ratio => "ratio",
            Self::Rank => "rank",
            Self::YesNo => "yes_no",
            Self::Text => "text",
        }
    }

    /// Whether values of this kind are numbers.
    pub fn is_numeric(self) -> bool {
        !matches!(self, Self::YesNo | Self::Text)
    }
}

/// Stock (a level at the period's end) or flow (accumulated from 1 January).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// A level.
    #[default]
    Stock,
    /// An accumulation.
    Flow,
}

/// How the provincial figure is made from units' figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// Sum of units' values.
    Sum,
    /// Sum of numerators over sum of denominators.
    RatioOfSums,
    /// Mean of units' values.
    Mean,
    /// Smallest value.
    Min,
    /// Largest value.
    Max,
    /// Reported by its owning unit only.
    Owner,
}

impl Aggregate {
    /// The YAML name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sum => "sum",
            Self::RatioOfSums => "ratio_of_sums",
            Self::Mean => "mean",
            Self::Min => "min",
            Self::Max => "max",
            Self::Owner => "owner",
        }
    }
}

/// What the denominator of a ratio or percentage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DenominatorKind {
    /// The whole population: a value over 100 % is an error.
    Universe,
    /// A target base: over 100 % is allowed and means vượt.
    Target,
}

/// Which direction is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// More is better.
    #[default]
    Higher,
    /// Less is better.
    Lower,
}

/// A group of indicators (a section of the phụ lục).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Short id, the prefix of its codes.
    pub id: String,
    /// Vietnamese title.
    pub name: String,
}

/// One indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// `group.slug`.
    pub code: String,
    /// Verbatim Vietnamese name.
    pub name: String,
    /// Group id.
    pub group: String,
    /// Đơn vị tính as printed.
    pub unit: String,
    /// Kind of figure.
    pub kind: IndicatorKind,
    /// What a ratio's numerator counts.
    pub numerator_label: Option<String>,
    /// What a ratio's denominator counts.
    pub denominator_label: Option<String>,
    /// Unit of a ratio's numerator and denominator.
    pub count_unit: Option<String>,
    /// Decimals printed.
    pub decimals: u32,
    /// Stock or flow.
    pub flow: Flow,
    /// Aggregation rule.
    pub aggregate: Aggregate,
    /// Who reports it.
    pub reporters: Vec<Selector>,
    /// Denominator kind (ratio and percent).
    pub denominator: Option<DenominatorKind>,
    /// Codes whose sum must equal this one.
    pub parts: Vec<String>,
    /// "Trong đó" components.
    pub of_which: Vec<String>,
    /// Good direction.
    pub better: Better,
    /// Size of the ranking (rank only).
    pub out_of: Option<u32>,
    /// Units of this kind make the denominator (coverage "62/62 xã"), or bound a count.
    pub roster: Option<super::units::UnitKind>,
    /// The provincial figure that the sum of units' values must match.
    pub province_figure: Option<String>,
    /// Seed reference.
    pub source: Option<String>,
    /// Where it is declared.
    pub pos: Pos,
}

impl Indicator {
    /// Whether more than 100 % is allowed.
    pub fn allows_over_100(&self) -> bool {
        self.denominator == Some(DenominatorKind::Target)
    }
}

/// The indicator catalogue.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    groups: Vec<Group>,
    indicators: Vec<Indicator>,
    index: HashMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    groups: Vec<Spanned<Group>>,
    indicators: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    code: Spanned<String>,
    name: String,
    group: Spanned<String>,
    unit: String,
    kind: Spanned<IndicatorKind>,
    #[serde(default)]
    numerator_label: Option<String>,
    #[serde(default)]
    denominator_label: Option<String>,
    #[serde(default)]
    count_unit: Option<String>,
    #[serde(default)]
    decimals: Option<u32>,
    #[serde(default)]
    flow: Flow,
    aggregate: Spanned<Aggregate>,
    reporters: SpannedList<Selector>,
    #[serde(default)]
    denominator: Option<Spanned<DenominatorKind>>,
    #[serde(default)]
    parts: SpannedList<String>,
    #[serde(default)]
    of_which: SpannedList<String>,
    #[serde(default)]
    better: Option<Better>,
    #[serde(default)]
    out_of: Option<Spanned<u32>>,
    #[serde(default)]
    roster: Option<super::units::UnitKind>,
    #[serde(default)]
    province_figure: Option<Spanned<String>>,
    #[serde(default)]
    source: Option<String>,
}

/// Whether `code` is `group.slug` with `[a-z0-9_]` on both sides of one dot.
fn is_code(code: &str) -> bool {
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    code.len() <= 96 && code.split_once('.').is_some_and(|(g, s)| ok(g) && ok(s))
}

impl Catalogue {
    /// Parses and checks data/indicators.yaml against the unit registry.
    pub fn load(source: &Source, registry: &Registry) -> Result<Self, Vec<Diagnostic>> {
        let raw: RawFile = yaml::parse(source).map_err(|d| vec![d])?;
        let mut diags = Vec::new();
        let mut cat = Catalogue::default();
        for g in raw.groups {
            if cat.groups.iter().any(|x| x.id == g.value.id) {
                diags.push(source.diag(
                    Code::E028,
                    Some(pos(&g)),
                    format!("mã nhóm «{}» bị khai báo hai lần", g.value.id),
                ));
            } else {
                cat.groups.push(Group {
                    id: g.value.id,
                    name: crate::text::nfc_string(g.value.name),
                });
            }
        }
        let mut part_refs = Vec::new();
        for r in raw.indicators {
            let code = r.code.value.clone();
            let at = pos(&r.code);
            if !is_code(&code) {
                diags.push(source.diag(Code::E021, Some(at), format!("mã chỉ tiêu «{code}» không hợp lệ"))
                    .with_hint("mã chỉ tiêu có dạng nhóm.tên, chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, ví dụ cqs.dvctt_tong"));
                continue;
            }
            if let Some(&first) = cat.index.get(&code) {
                let line = cat.indicators[first].pos.line;
                diags.push(
                    source
                        .diag(
                            Code::E020,
                            Some(at),
                            format!("mã chỉ tiêu «{code}» bị khai báo hai lần"),
                        )
                        .with_hint(format!("lần khai báo đầu ở dòng {line}")),
                );
                continue;
            }
            let group = r.group.value.clone();
            if !cat.groups.iter().any(|g| g.id == group) {
                diags.push(source.diag(
                    Code::E022,
                    Some(pos(&r.group)),
                    format!("nhóm «{group}» không có trong danh sách «groups»"),
                ));
            } else if !code.starts_with(&format!("{group}.")) {
                diags.push(source.diag(
                    Code::E021,
                    Some(at),
                    format!("mã chỉ tiêu «{code}» phải bắt đầu bằng tên nhóm «{group}.»"),
                ));
            }
            let kind = r.kind.value;
            let mut bad = |p: Option<Pos>, what: String| {
                diags.push(source.diag(Code::E025, p, format!("chỉ tiêu «{code}»: {what}")));
            };
            let agg = r.aggregate.value;
            match (agg, kind) {
                (crate::schema::Aggregate::RatioOfSums, k) if k != IndicatorKind::Ratio => {
                    bad(
                        Some(pos(&r.aggregate)),
                        format!(
                            "cách tổng hợp «ratio_of_sums» chỉ dùng cho loại «ratio», không dùng cho «{}»",
                            k.name()
                        ),
                    );
                }
                (
                    crate::schema::Aggregate::Sum,
                    IndicatorKind::Percent
                    | IndicatorKind::Rank
                    | IndicatorKind::YesNo
                    | IndicatorKind::Text
                    | IndicatorKind::Ratio,
                ) => {
                    bad(
                        Some(pos(&r.aggregate)),
                        format!("không thể cộng các giá trị loại «{}»", kind.name()),
                    );
                }
                (
                    crate::schema::Aggregate::Mean
                    | crate::schema::Aggregate::Min
                    | crate::schema::Aggregate::Max,
                    IndicatorKind::YesNo | IndicatorKind::Text,
                ) => {
                    bad(
                        Some(pos(&r.aggregate)),
                        format!(
                            "cách tổng hợp «{}» không dùng được cho loại «{}»",
                            agg.name(),
                            kind.name()
                        ),
                    );
                }
                _ => {}
            }
            if let Some(d) = &r.denominator
                && !matches!(kind, IndicatorKind::Ratio | IndicatorKind::Percent)
            {
                bad(
                    Some(pos(d)),
                    format!(
                        "khóa «denominator» chỉ dùng cho loại «ratio» hoặc «percent», không dùng cho «{}»",
                        kind.name()
                    ),
                );
            }
            if kind != IndicatorKind::Ratio
                && (r.numerator_label.is_some()
                    || r.denominator_label.is_some()
                    || r.count_unit.is_some())
            {
                bad(Some(pos(&r.kind)), "các khóa numerator_label, denominator_label, count_unit chỉ dùng cho loại «ratio»".to_string());
            }
            if let Some(o) = &r.out_of
                && kind != IndicatorKind::Rank
            {
                bad(
                    Some(pos(o)),
                    "khóa «out_of» chỉ dùng cho loại «rank»".to_string(),
                );
            }
            if r.reporters.items.is_empty() {
                bad(
                    r.reporters.pos,
                    "phải nêu ít nhất một đơn vị báo cáo («reporters»)".to_string(),
                );
            }
            for s in &r.reporters.items {
                if let Selector::Unit(id) = s
                    && registry.get(id).is_none()
                {
                    diags.push(source.diag(Code::E026, r.reporters.pos, format!("đơn vị báo cáo «{id}» của chỉ tiêu «{code}» không có trong danh mục đơn vị"))
                        .with_hint("dùng mã đơn vị trong data/units.yaml hoặc một loại đơn vị: so_nganh, huyen, xa, nganh_doc, dang_doan_the, doanh_nghiep"));
                }
            }
            if let Some(pf) = &r.province_figure {
                part_refs.push((code.clone(), pf.value.clone(), Some(pos(pf)), false));
            }
            for p in &r.parts.items {
                part_refs.push((code.clone(), p.clone(), r.parts.pos, true));
            }
            for p in &r.of_which.items {
                part_refs.push((code.clone(), p.clone(), r.of_which.pos, false));
            }
            let default_decimals = if matches!(kind, IndicatorKind::Ratio | IndicatorKind::Percent)
            {
                2
            } else {
                0
            };
            cat.index.insert(code.clone(), cat.indicators.len());
            cat.indicators.push(Indicator {
                code,
                name: crate::text::nfc_string(r.name),
                group,
                unit: crate::text::nfc_string(r.unit),
                kind,
                numerator_label: r.numerator_label.map(crate::text::nfc_string),
                denominator_label: r.denominator_label.map(crate::text::nfc_string),
                count_unit: r.count_unit.map(crate::text::nfc_string),
                decimals: r.decimals.unwrap_or(default_decimals),
                flow: r.flow,
                aggregate: agg,
                reporters: r.reporters.items,
                denominator: r.denominator.map(|d| d.value),
                parts: r.parts.items,
                of_which: r.of_which.items,
                // A smaller rank is better unless the catalogue says otherwise.
                better: r.better.unwrap_or(if kind == IndicatorKind::Rank {
                    Better::Lower
                } else {
                    Better::Higher
                }),
                out_of: r.out_of.map(|o| o.value),
                roster: r.roster,
                province_figure: r.province_figure.map(|p| p.value),
                source: r.source,
                pos: at,
            });
        }
        for (owner, part, at, additive) in &part_refs {
            let Some(p) = cat.get(part) else {
                diags.push(source.diag(
                    Code::E023,
                    *at,
                    format!("chỉ tiêu thành phần «{part}» của «{owner}» không có trong danh mục"),
                ));
                continue;
            };
            let Some(o) = cat.get(owner) else { continue };
            if *additive && (p.kind != o.kind || p.unit != o.unit) {
                diags.push(source.diag(Code::E027, *at, format!(
                    "chỉ tiêu thành phần «{part}» ({}, {}) không cùng loại và đơn vị tính với «{owner}» ({}, {})",
                    p.kind.name(), p.unit, o.kind.name(), o.unit)));
            }
        }
        diags.extend(cat.part_cycles(source));
        if diags.is_empty() {
            Ok(cat)
        } else {
            Err(diags)
        }
    }

    /// Finds cycles in `parts` (depth-first search, colouring nodes).
    fn part_cycles(&self, source: &Source) -> Vec<Diagnostic> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        let mut marks = vec![Mark::New; self.indicators.len()];
        let mut out = Vec::new();
        for start in 0..self.indicators.len() {
            if marks[start] != Mark::New {
                continue;
            }
            // Iterative DFS: (node, next child index).
            let mut stack = vec![(start, 0usize)];
            marks[start] = Mark::Active;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let parts = &self.indicators[node].parts;
                if *next < parts.len() {
                    let child = self.index.get(&parts[*next]).copied();
                    *next += 1;
                    match child.map(|c| (c, marks[c])) {
                        Some((c, Mark::New)) => {
                            marks[c] = Mark::Active;
                            stack.push((c, 0));
                        }
                        Some((c, Mark::Active)) => {
                            let ind = &self.indicators[c];
                            out.push(source.diag(Code::E024, Some(ind.pos), format!(
                                "chỉ tiêu «{}» là thành phần của chính nó (qua «parts» của «{}»)", ind.code, self.indicators[node].code)));
                        }
                        _ => {}
                    }
                } else {
                    marks[node] = Mark::Done;
                    stack.pop();
                }
            }
        }
        out
    }

    /// Groups in declaration order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Indicators in declaration order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The indicator with this code.
    pub fn get(&self, code: &str) -> Option<&Indicator> {
        self.index.get(code).map(|&i| &self.indicators[i])
    }

    /// The position of an indicator in [`Catalogue::indicators`], by code.
    pub fn position(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry::load(&Source::new(
            "u.yaml",
            "units:\n  - {id: so-tttt, name: S, short: S, kind: so_nganh}\n".into(),
        ))
        .expect("registry")
    }

    fn load(body: &str) -> Result<Catalogue, Vec<Diagnostic>> {
        let text = format!("groups:\n  - {{id: cqs, name: Chính quyền số}}\nindicators:\n{body}");
        Catalogue::load(&Source::new("data/indicators.yaml", text), &registry())
    }

    fn ind(code: &str, extra: &str) -> String {
        format!(
            "  - {{code: {code}, name: N, group: cqs, unit: hồ sơ, kind: count, aggregate: owner, reporters: so-tttt{extra}}}\n"
        )
    }

    fn codes(body: &str) -> Vec<Code> {
        load(body)
            .expect_err("must fail")
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn loads_a_good_catalogue() {
        let body = ind("cqs.total", ", parts: [cqs.a, cqs.b]")
            + &ind("cqs.a", "")
            + &ind("cqs.b", "")
            + "  - {code: cqs.r, name: R, group: cqs, unit: '%', kind: ratio, aggregate: ratio_of_sums, reporters: [huyen], denominator: target, count_unit: người}\n";
        let c = load(&body).expect("loads");
        assert_eq!(c.indicators().len(), 4);
        assert_eq!(c.get("cqs.total").map(|i| i.parts.len()), Some(2));
        assert_eq!(
            c.get("cqs.r").map(|i| (i.decimals, i.allows_over_100())),
            Some((2, true))
        );
    }

    #[test]
    fn load_time_checks() {
        assert_eq!(codes(&(ind("cqs.a", "") + &ind("cqs.a", ""))), [Code::E020]);
        assert_eq!(codes(&ind("cqs.A-b", "")), [Code::E021]);
        assert_eq!(codes(&ind("kts.a", "")), [Code::E021]);
        assert_eq!(codes(&ind("cqs.a", ", parts: [cqs.zz]")), [Code::E023]);
        assert_eq!(
            codes(&(ind("cqs.a", ", parts: [cqs.b]") + &ind("cqs.b", ", parts: [cqs.a]"))),
            [Code::E024]
        );
        assert_eq!(
            codes(&ind("cqs.a", ", aggregate: ratio_of_sums").replace(", aggregate: owner", "")),
            [Code::E025]
        );
        assert_eq!(
            codes(&ind("cqs.a", ", denominator: universe")),
            [Code::E025]
        );
        assert_eq!(
            codes(&ind("cqs.a", ", reporters: [so-xyz]").replace(", reporters: so-tttt", "")),
            [Code::E026]
        );
        assert_eq!(
            codes(
                "  - {code: cqs.a, name: N, group: cqs, unit: hồ sơ, kind: bogus, aggregate: owner, reporters: so-tttt}\n"
            ),
            [Code::E002]
        );
        let mixed = ind("cqs.t", ", parts: [cqs.p]")
            + "  - {code: cqs.p, name: P, group: cqs, unit: '%', kind: percent, aggregate: owner, reporters: so-tttt}\n";
        assert_eq!(codes(&mixed), [Code::E027]);
    }
}
