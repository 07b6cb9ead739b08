//! The registry of reporting units (data/units.yaml), with validity dates so that the
//! roster of any period — and mergers such as the 2025 reorganisation — are data.

use crate::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Source};
use crate::period::Period;
use crate::yaml::{self, Pos, Spanned, SpannedList, YamlDate, pos};

/// What kind of body a unit is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Sở, ban, ngành and đơn vị sự nghiệp at province level.
    SoNganh,
    /// UBND huyện / thành phố.
    Huyen,
    /// UBND xã / phường / thị trấn.
    Xa,
    /// Central agencies' provincial branches (Công an, BHXH, NHNN, Cục Thuế…).
    NganhDoc,
    /// Party bodies and mass organisations.
    DangDoanThe,
    /// Enterprises (telecoms, điện lực…).
    DoanhNghiep,
}

impl UnitKind {
    /// Every kind, in report order.
    pub const ALL: [UnitKind; 6] = [
        Self::SoNganh,
        Self::Huyen,
        Self::Xa,
        Self::NganhDoc,
        Self::DangDoanThe,
        Self::DoanhNghiep,
    ];

    /// The YAML name.
    pub fn name(self) -> &'static str {
        match self {
            Self::SoNganh => "so_nganh",
            Self::Huyen => "huyen",
            Self::Xa => "xa",
            Self::NganhDoc => "nganh_doc",
            Self::DangDoanThe => "dang_doan_the",
            Self::DoanhNghiep => "doanh_nghiep",
        }
    }

    /// The kind with this YAML name.
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == s)
    }

    /// Vietnamese label of the group, as report tables head it.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::SoNganh => "Sở, ban, ngành",
            Self::Huyen => "UBND các huyện, thành phố",
            Self::Xa => "UBND các xã, phường, thị trấn",
            Self::NganhDoc => "Cơ quan ngành dọc",
            Self::DangDoanThe => "Cơ quan Đảng, đoàn thể",
            Self::DoanhNghiep => "Doanh nghiệp",
        }
    }
}

/// One reporting unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Stable id, also the submission file name.
    pub id: String,
    /// Full Vietnamese name.
    pub name: String,
    /// Short name for tables.
    pub short: String,
    /// Kind of body.
    pub kind: UnitKind,
    /// Unit it belongs to, if any.
    pub parent: Option<String>,
    /// First day of validity (inclusive).
    pub valid_from: Option<NaiveDate>,
    /// Last day of validity (inclusive).
    pub valid_to: Option<NaiveDate>,
    /// Successors after a merger or split.
    pub replaced_by: Vec<String>,
    /// Free note.
    pub note: Option<String>,
    /// Where the unit is declared.
    pub pos: Pos,
}

impl Unit {
    /// Whether the unit exists on `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_to.is_none_or(|t| date <= t)
    }

    /// Whether the unit exists at some time during `period`.
    pub fn valid_in(&self, period: &Period) -> bool {
        self.valid_from.is_none_or(|f| f <= period.end())
            && self.valid_to.is_none_or(|t| period.start() <= t)
    }

    /// Whether the unit reports for `period`: it exists on the period's last day. A unit
    /// merged away during the period is reported for by its successor, whose figures
    /// cover the whole period.
    pub fn reports_for(&self, period: &Period) -> bool {
        self.valid_on(period.end())
    }
}

/// Units known only by their number (the seeds name no xã).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitCount {
    /// Kind counted.
    pub kind: UnitKind,
    /// How reports name them ("xã, phường, thị trấn").
    pub label: String,
    /// How many.
    pub count: u32,
    /// First day (inclusive).
    pub valid_from: Option<NaiveDate>,
    /// Last day (inclusive).
    pub valid_to: Option<NaiveDate>,
    /// Free note.
    pub note: Option<String>,
}

/// The unit registry.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    units: Vec<Unit>,
    index: HashMap<String, usize>,
    counts: Vec<UnitCount>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    units: Vec<RawUnit>,
    #[serde(default)]
    counts: Vec<Spanned<RawCount>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    id: Spanned<String>,
    name: String,
    short: String,
    kind: UnitKind,
    #[serde(default)]
    parent: Option<Spanned<String>>,
    #[serde(default)]
    valid_from: Option<YamlDate>,
    #[serde(default)]
    valid_to: Option<Spanned<YamlDate>>,
    #[serde(default)]
    replaced_by: SpannedList<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCount {
    kind: UnitKind,
    label: String,
    count: u32,
    #[serde(default)]
    valid_from: Option<YamlDate>,
    #[serde(default)]
    valid_to: Option<YamlDate>,
    #[serde(default)]
    note: Option<String>,
}

impl Registry {
    /// Parses and checks data/units.yaml.
    pub fn load(source: &Source) -> Result<Self, Vec<Diagnostic>> {
        let raw: RawFile = yaml::parse(source).map_err(|d| vec![d])?;
        let mut diags = Vec::new();
        let mut reg = Registry::default();
        let mut refs = Vec::new();
        for u in raw.units {
            let id = u.id.value.clone();
            let at = pos(&u.id);
            if !super::is_unit_id(&id) {
                diags.push(source.diag(Code::E010, Some(at), format!("mã đơn vị «{id}» không hợp lệ"))
                    .with_hint("mã đơn vị chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ so-tttt"));
                continue;
            }
            if let Some(&first) = reg.index.get(&id) {
                let line = reg.units[first].pos.line;
                diags.push(
                    source
                        .diag(
                            Code::E011,
                            Some(at),
                            format!("mã đơn vị «{id}» bị khai báo hai lần"),
                        )
                        .with_hint(format!(
                            "lần khai báo đầu ở dòng {line}; mỗi đơn vị chỉ khai báo một lần"
                        )),
                );
                continue;
            }
            let valid_to = u.valid_to.as_ref().map(|v| v.value.0);
            if let (Some(f), Some(t)) = (u.valid_from, &u.valid_to)
                && f.0 > t.value.0
            {
                diags.push(source.diag(
                    Code::E014,
                    Some(pos(t)),
                    format!(
                        "đơn vị «{id}» hết hiệu lực ({}) trước ngày bắt đầu hiệu lực ({})",
                        crate::date::format_date(t.value.0),
                        crate::date::format_date(f.0)
                    ),
                ));
            }
            if let Some(p) = &u.parent {
                refs.push((Code::E012, id.clone(), p.value.clone(), Some(pos(p))));
            }
            for r in &u.replaced_by.items {
                refs.push((Code::E013, id.clone(), r.clone(), u.replaced_by.pos));
            }
            reg.index.insert(id.clone(), reg.units.len());
            reg.units.push(Unit {
                id,
                name: crate::text::nfc_string(u.name),
                short: crate::text::nfc_string(u.short),
                kind: u.kind,
                parent: u.parent.map(|p| p.value),
                valid_from: u.valid_from.map(|d| d.0),
                valid_to,
                replaced_by: u.replaced_by.items,
                note: u.note,
                pos: at,
            });
        }
        for (code, owner, target, at) in refs {
            if owner == target {
                diags.push(source.diag(
                    code,
                    at,
                    format!("đơn vị «{owner}» tham chiếu đến chính nó"),
                ));
            } else if !reg.index.contains_key(&target) {
                let what = if code == Code::E012 {
                    "đơn vị cấp trên"
                } else {
                    "đơn vị thay thế"
                };
                diags.push(
                    source
                        .diag(
                            code,
                            at,
                            format!("{what} «{target}» của «{owner}» không có trong danh mục"),
                        )
                        .with_hint("khai báo đơn vị đó trong data/units.yaml hoặc sửa lại mã"),
                );
            }
        }
        for (i, c) in raw.counts.iter().enumerate() {
            let a = &c.value;
            for other in &raw.counts[..i] {
                let b = &other.value;
                let overlap = a.kind == b.kind
                    && a.valid_from
                        .is_none_or(|f| b.valid_to.is_none_or(|t| f <= t))
                    && b.valid_from
                        .is_none_or(|f| a.valid_to.is_none_or(|t| f <= t));
                if overlap {
                    diags.push(source.diag(Code::E015, Some(pos(c)), format!(
                        "hai mục «counts» cho loại «{}» có thời gian hiệu lực chồng lên nhau", a.kind.name()))
                        .with_hint("mỗi thời điểm chỉ được có một số lượng cho mỗi loại đơn vị"));
                }
            }
        }
        reg.counts = raw
            .counts
            .into_iter()
            .map(|c| {
                let c = c.value;
                UnitCount {
                    kind: c.kind,
                    label: crate::text::nfc_string(c.label),
                    count: c.count,
                    valid_from: c.valid_from.map(|d| d.0),
                    valid_to: c.valid_to.map(|d| d.0),
                    note: c.note,
                }
            })
            .collect();
        if diags.is_empty() {
            Ok(reg)
        } else {
            Err(diags)
        }
    }

    /// Every unit, in file order.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The unit with this id.
    pub fn get(&self, id: &str) -> Option<&Unit> {
        self.index.get(id).map(|&i| &self.units[i])
    }

    /// Units that report for `period` (see [`Unit::reports_for`]), in file order.
    pub fn reporting(&self, period: Period) -> impl Iterator<Item = &Unit> + '_ {
        self.units.iter().filter(move |u| u.reports_for(&period))
    }

    /// How many units of `kind` exist on `date`: registered units of that kind if any are
    /// valid then, else the declared count.
    pub fn count_on(&self, kind: UnitKind, date: NaiveDate) -> Option<u32> {
        let listed = self
            .units
            .iter()
            .filter(|u| u.kind == kind && u.valid_on(date))
            .count();
        if listed > 0 {
            return u32::try_from(listed).ok();
        }
        self.counts
            .iter()
            .find(|c| {
                c.kind == kind
                    && c.valid_from.is_none_or(|f| f <= date)
                    && c.valid_to.is_none_or(|t| date <= t)
            })
            .map(|c| c.count)
    }

    /// The declared counts.
    pub fn counts(&self) -> &[UnitCount] {
        &self.counts
    }

    /// Successors of a unit, following chains of mergers to units valid on `date`.
    pub fn successors_on(&self, id: &str, date: NaiveDate) -> Vec<&Unit> {
        let mut out = Vec::new();
        let mut stack = vec![id.to_string()];
        let mut seen = crate::HashSet::default();
        while let Some(cur) = stack.pop() {
            if !seen.insert(cur.clone()) {
                continue;
            }
            let Some(u) = self.get(&cur) else { continue };
            if u.valid_on(date) {
                out.push(u);
            } else {
                stack.extend(u.replaced_by.iter().rev().cloned());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Registry, Vec<Diagnostic>> {
        Registry::load(&Source::new("data/units.yaml", text.to_string()))
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    const GOOD: &str = "units:
  - {id: so-tttt, name: Sở Thông tin và Truyền thông, short: Sở TTTT, kind: so_nganh, valid_to: 2025-02-28, replaced_by: so-khcn}
  - {id: so-khcn, name: Sở Khoa học và Công nghệ, short: Sở KHCN, kind: so_nganh, valid_to: 2025-06-30, replaced_by: [kh-so-khcn]}
  - {id: kh-so-khcn, name: Sở Khoa học và Công nghệ tỉnh Khánh Hòa, short: Sở KHCN, kind: so_nganh, valid_from: 2025-07-01}
  - {id: h-bac-ai, name: Huyện Bác Ái, short: Bác Ái, kind: huyen, valid_to: 2025-06-30}
counts:
  - {kind: xa, label: 'xã, phường, thị trấn', count: 65, valid_to: 2024-11-30}
  - {kind: xa, label: 'xã, phường, thị trấn', count: 62, valid_from: 2024-12-01, valid_to: 2025-06-30}
";

    #[test]
    fn loads_validity_rosters_and_mergers() {
        let r = load(GOOD).expect("loads");
        assert_eq!(r.units().len(), 4);
        let y2024: Period = "2024".parse().expect("period");
        assert_eq!(r.reporting(y2024).count(), 3);
        let y2025: Period = "2025".parse().expect("period");
        let ids: Vec<&str> = r.reporting(y2025).map(|u| u.id.as_str()).collect();
        assert!(
            ids.contains(&"kh-so-khcn") && !ids.contains(&"h-bac-ai"),
            "{ids:?}"
        );
        let h1: Period = "2025-6T".parse().expect("period");
        assert!(r.reporting(h1).any(|u| u.id == "h-bac-ai"));
        assert_eq!(r.count_on(UnitKind::Xa, d(2024, 5, 28)), Some(65));
        assert_eq!(r.count_on(UnitKind::Xa, d(2024, 12, 31)), Some(62));
        assert_eq!(r.count_on(UnitKind::Xa, d(2025, 12, 31)), None);
        assert_eq!(r.count_on(UnitKind::Huyen, d(2024, 12, 31)), Some(1));
        let succ: Vec<&str> = r
            .successors_on("so-tttt", d(2025, 12, 31))
            .iter()
            .map(|u| u.id.as_str())
            .collect();
        assert_eq!(succ, ["kh-so-khcn"]);
        let succ: Vec<&str> = r
            .successors_on("so-tttt", d(2025, 4, 1))
            .iter()
            .map(|u| u.id.as_str())
            .collect();
        assert_eq!(succ, ["so-khcn"]);
        assert!(r.successors_on("h-bac-ai", d(2025, 12, 31)).is_empty());
    }

    fn codes(text: &str) -> Vec<(Code, Option<(u32, u32)>)> {
        load(text)
            .expect_err("must fail")
            .iter()
            .map(|d| (d.code, d.line_col()))
            .collect()
    }

    #[test]
    fn load_time_checks() {
        assert_eq!(
            codes(
                "units:\n  - {id: a, name: A, short: A, kind: so_nganh}\n  - {id: a, name: B, short: B, kind: huyen}\n"
            ),
            [(Code::E011, Some((3, 10)))]
        );
        assert_eq!(
            codes("units:\n  - {id: ../x, name: A, short: A, kind: so_nganh}\n"),
            [(Code::E010, Some((2, 10)))]
        );
        assert_eq!(
            codes("units:\n  - {id: a, name: A, short: A, kind: so_nganh, parent: zz}\n")[0].0,
            Code::E012
        );
        assert_eq!(
            codes("units:\n  - {id: a, name: A, short: A, kind: so_nganh, replaced_by: [zz]}\n")[0]
                .0,
            Code::E013
        );
        assert_eq!(codes("units:\n  - {id: a, name: A, short: A, kind: so_nganh, valid_from: 2025-01-01, valid_to: 2024-01-01}\n")[0].0, Code::E014);
        assert_eq!(
            codes("units:\n  - {id: a, name: A, short: A, kind: phuong}\n")[0].0,
            Code::E002
        );
        assert_eq!(codes("units: []\ncounts:\n  - {kind: xa, label: x, count: 1}\n  - {kind: xa, label: x, count: 2, valid_from: 2024-01-01}\n")[0].0, Code::E015);
    }
}
