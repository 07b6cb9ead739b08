//! Reporting periods: a year, its first 6 or 9 months, a quarter or a month.
//!
//! Canonical forms are `2024`, `2024-6T`, `2024-9T`, `2024-Q1`…`2024-Q4` and `2024-T05`.
//! Input also accepts the aliases of the specification (`6T2024`, `2024-H1`, lower case)
//! and the Vietnamese labels the seeds print ("6 tháng đầu năm 2024", "Quý II/2024",
//! "Tháng 01/2024", "Năm 2024").

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// Years a period may name; anything else is an input error, not a date calculation.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// What part of the year a period covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    /// The first `n` months of the year (6 or 9): "6 tháng đầu năm".
    FirstMonths(u8),
    /// Quarter 1–4.
    Quarter(u8),
    /// Month 1–12.
    Month(u8),
    /// The whole year.
    Year,
}

/// A reporting period of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    year: i32,
    kind: PeriodKind,
}

/// Why a text is not a period.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("kỳ báo cáo không hợp lệ: «{text}» ({reason})")]
pub struct PeriodError {
    /// The text as given.
    pub text: String,
    /// What is wrong with it, in Vietnamese.
    pub reason: &'static str,
}

/// A span of dates that is not itself a reporting period, such as the remainder
/// "6 tháng cuối năm 2024" of 2024 after 2024-6T.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    /// First day, inclusive.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
}

impl Period {
    /// Makes a period, checking the year range and the kind's number.
    pub fn new(year: i32, kind: PeriodKind) -> Result<Self, PeriodError> {
        let bad = |reason| PeriodError {
            text: format!("{year}"),
            reason,
        };
        if !YEARS.contains(&year) {
            return Err(bad("năm nằm ngoài khoảng 1990–2100"));
        }
        match kind {
            PeriodKind::FirstMonths(6 | 9) | PeriodKind::Year => {}
            PeriodKind::FirstMonths(_) => {
                return Err(bad("chỉ có kỳ 6 tháng (6T) và 9 tháng (9T)"));
            }
            PeriodKind::Quarter(1..=4) => {}
            PeriodKind::Quarter(_) => return Err(bad("quý phải từ 1 đến 4")),
            PeriodKind::Month(1..=12) => {}
            PeriodKind::Month(_) => return Err(bad("tháng phải từ 1 đến 12")),
        }
        Ok(Self { year, kind })
    }

    /// The whole year.
    pub fn year(year: i32) -> Result<Self, PeriodError> {
        Self::new(year, PeriodKind::Year)
    }

    /// The calendar year the period belongs to.
    pub fn year_number(&self) -> i32 {
        self.year
    }

    /// What part of the year it covers.
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// Whether this is a whole year.
    pub fn is_year(&self) -> bool {
        self.kind == PeriodKind::Year
    }

    /// First month (1–12) and last month of the period.
    fn months(&self) -> (u32, u32) {
        match self.kind {
            PeriodKind::Year => (1, 12),
            PeriodKind::FirstMonths(n) => (1, u32::from(n)),
            PeriodKind::Quarter(q) => (u32::from(q) * 3 - 2, u32::from(q) * 3),
            PeriodKind::Month(m) => (u32::from(m), u32::from(m)),
        }
    }

    /// First day of the period.
    pub fn start(&self) -> NaiveDate {
        first_of_month(self.year, self.months().0)
    }

    /// Last day of the period.
    pub fn end(&self) -> NaiveDate {
        last_of_month(self.year, self.months().1)
    }

    /// The same period one year earlier, if that year is in range.
    pub fn previous_year(&self) -> Option<Self> {
        Self::new(self.year - 1, self.kind).ok()
    }

    /// Whether every day of `other` lies in this period.
    pub fn contains(&self, other: &Period) -> bool {
        self.start() <= other.start() && other.end() <= self.end()
    }

    /// Whether a date lies in the period.
    pub fn contains_date(&self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// What is left of this period after `other`, when `other` is a proper beginning of it
    /// (2024 minus 2024-6T is 1 July – 31 December 2024).
    pub fn remainder(&self, other: &Period) -> Option<DateSpan> {
        if other.start() != self.start() || !self.contains(other) || other.end() >= self.end() {
            return None;
        }
        let start = other.end().succ_opt()?;
        Some(DateSpan {
            start,
            end: self.end(),
        })
    }

    /// The Vietnamese label: "năm 2024", "6 tháng đầu năm 2024", "quý II/2024", "tháng 01/2024".
    pub fn label_vi(&self) -> String {
        let y = self.year;
        match self.kind {
            PeriodKind::Year => format!("năm {y}"),
            PeriodKind::FirstMonths(n) => format!("{n} tháng đầu năm {y}"),
            PeriodKind::Quarter(q) => format!("quý {}/{y}", roman(q)),
            PeriodKind::Month(m) => format!("tháng {m:02}/{y}"),
        }
    }

    /// The label of the part without its year, for a column that already names the year:
    /// "năm", "6 tháng đầu năm", "quý II", "tháng 01".
    pub fn part_label_vi(&self) -> String {
        match self.kind {
            PeriodKind::Year => "năm".to_string(),
            PeriodKind::FirstMonths(n) => format!("{n} tháng đầu năm"),
            PeriodKind::Quarter(q) => format!("quý {}", roman(q)),
            PeriodKind::Month(m) => format!("tháng {m:02}"),
        }
    }
}

impl DateSpan {
    /// The Vietnamese label of the span: "6 tháng cuối năm 2024", "quý IV/2024", or
    /// "từ tháng 7 đến tháng 9 năm 2024".
    pub fn label_vi(&self) -> String {
        let (m1, m2, y) = (self.start.month(), self.end.month(), self.end.year());
        let whole_months = self.start.day() == 1 && self.end == last_of_month(y, m2);
        if whole_months && self.start.year() == y {
            if m2 == 12 && m1 > 1 {
                let n = 13 - m1;
                if n == 3 {
                    return format!("quý IV/{y}");
                }
                return format!("{n} tháng cuối năm {y}");
            }
            if m1 % 3 == 1 && m2 == m1 + 2 {
                return format!("quý {}/{y}", roman(m2 as u8 / 3));
            }
            if m1 == m2 {
                return format!("tháng {m1:02}/{y}");
            }
            return format!("từ tháng {m1} đến tháng {m2} năm {y}");
        }
        format!(
            "từ ngày {} đến ngày {}",
            crate::date::format_date(self.start),
            crate::date::format_date(self.end)
        )
    }
}

fn first_of_month(year: i32, month: u32) -> NaiveDate {
    // Year and month are checked by `Period::new`; the fallback is never reached.
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        first_of_month(year + 1, 1)
    } else {
        first_of_month(year, month + 1)
    };
    next.pred_opt().unwrap_or(NaiveDate::MIN)
}

/// Roman numerals I–IV for quarters.
fn roman(q: u8) -> &'static str {
    match q {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

fn parse_roman(s: &str) -> Option<u8> {
    match s {
        "I" => Some(1),
        "II" => Some(2),
        "III" => Some(3),
        "IV" => Some(4),
        _ => None,
    }
}

impl fmt::Display for Period {
    /// The canonical form, also the folder name under `submissions/`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let y = self.year;
        match self.kind {
            PeriodKind::Year => write!(f, "{y}"),
            PeriodKind::FirstMonths(n) => write!(f, "{y}-{n}T"),
            PeriodKind::Quarter(q) => write!(f, "{y}-Q{q}"),
            PeriodKind::Month(m) => write!(f, "{y}-T{m:02}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = |reason| PeriodError {
            text: text.to_string(),
            reason,
        };
        let s: String = crate::text::nfc(text.trim()).to_uppercase();
        if s.is_empty() {
            return Err(err("chuỗi rỗng"));
        }
        if let Some(p) = parse_label(&s) {
            return p.map_err(|e| PeriodError {
                text: text.to_string(),
                reason: e.reason,
            });
        }
        let digits =
            |t: &str| !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
        let year_of = |t: &str| -> Result<i32, PeriodError> {
            if t.len() != 4 || !digits(t) {
                return Err(err("năm phải có 4 chữ số"));
            }
            t.parse::<i32>().map_err(|_| err("năm phải có 4 chữ số"))
        };
        let small = |t: &str| -> Option<u8> {
            if digits(t) && t.len() <= 2 {
                t.parse().ok()
            } else {
                None
            }
        };
        let build = |year: i32, kind| Period::new(year, kind).map_err(|e| err(e.reason));

        // "6T2024", "9T2024"
        if let Some((n, y)) = s
            .split_once('T')
            .filter(|(n, y)| small(n).is_some() && y.len() == 4)
        {
            let n = small(n).ok_or_else(|| err("số tháng không hợp lệ"))?;
            return build(year_of(y)?, PeriodKind::FirstMonths(n));
        }
        let (y, rest) = match s.split_once('-') {
            Some((y, rest)) => (y, Some(rest)),
            None => (s.as_str(), None),
        };
        let year = year_of(y)?;
        let Some(rest) = rest else {
            return build(year, PeriodKind::Year);
        };
        let kind = if let Some(n) = rest.strip_suffix('T').and_then(small) {
            PeriodKind::FirstMonths(n)
        } else if let Some(h) = rest.strip_prefix('H') {
            match h {
                "1" => PeriodKind::FirstMonths(6),
                _ => return Err(err("chỉ có nửa đầu năm H1 (= 6T)")),
            }
        } else if let Some(q) = rest.strip_prefix('Q').and_then(small) {
            PeriodKind::Quarter(q)
        } else if let Some(m) = rest.strip_prefix('T').and_then(small) {
            PeriodKind::Month(m)
        } else {
            return Err(err(
                "dạng hợp lệ: 2024, 2024-6T, 2024-9T, 2024-Q1…Q4, 2024-T05",
            ));
        };
        build(year, kind)
    }
}

/// Parses the Vietnamese labels ("NĂM 2024", "6 THÁNG ĐẦU NĂM 2024", "QUÝ II/2024",
/// "THÁNG 01/2024"); the text is already upper case. `None` when it is not such a label.
fn parse_label(s: &str) -> Option<Result<Period, PeriodError>> {
    let year = |t: &str| t.trim().parse::<i32>().ok().filter(|_| t.trim().len() == 4);
    if let Some(y) = s.strip_prefix("NĂM ").and_then(year) {
        return Some(Period::year(y));
    }
    if let Some((n, y)) = s.split_once(" THÁNG ĐẦU NĂM ") {
        let n = n.trim().parse::<u8>().ok()?;
        return Some(Period::new(year(y)?, PeriodKind::FirstMonths(n)));
    }
    if let Some((q, y)) = s.strip_prefix("QUÝ ").and_then(|r| r.split_once('/')) {
        let q = parse_roman(q.trim())?;
        return Some(Period::new(year(y)?, PeriodKind::Quarter(q)));
    }
    if let Some((m, y)) = s.strip_prefix("THÁNG ").and_then(|r| r.split_once('/')) {
        let m = m.trim().parse::<u8>().ok()?;
        return Some(Period::new(year(y)?, PeriodKind::Month(m)));
    }
    None
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    /// Chronological by end date, then the shorter period first.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.end(), std::cmp::Reverse(self.start()))
            .cmp(&(other.end(), std::cmp::Reverse(other.start())))
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    /// Accepts `2024` written as a YAML number as well as the string forms.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = crate::yaml::ScalarText::deserialize(d)?;
        text.0.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn canonical_forms_round_trip() {
        for s in [
            "2024", "2024-6T", "2024-9T", "2024-Q1", "2024-Q4", "2024-T05", "2023-T12",
        ] {
            assert_eq!(p(s).to_string(), s);
        }
    }

    #[test]
    fn aliases_print_canonically() {
        assert_eq!(p("6T2024").to_string(), "2024-6T");
        assert_eq!(p("2024-H1").to_string(), "2024-6T");
        assert_eq!(p("2024-h1").to_string(), "2024-6T");
        assert_eq!(p("2024-6t").to_string(), "2024-6T");
        assert_eq!(p("2024-q2").to_string(), "2024-Q2");
        assert_eq!(p("2024-t5").to_string(), "2024-T05");
        assert_eq!(p(" 2024 ").to_string(), "2024");
    }

    #[test]
    fn vietnamese_labels_of_the_seeds_parse() {
        assert_eq!(p("Năm 2024").to_string(), "2024");
        assert_eq!(p("năm 2024").to_string(), "2024");
        assert_eq!(p("6 tháng đầu năm 2024").to_string(), "2024-6T");
        assert_eq!(p("Quý I/2024").to_string(), "2024-Q1");
        assert_eq!(p("Quý IV/2024").to_string(), "2024-Q4");
        assert_eq!(p("Tháng 01/2024").to_string(), "2024-T01");
        // Decomposed (NFD) input is normalised first.
        let nfd = "Qu\u{0079}\u{0301} II/2024";
        assert_eq!(p(nfd).to_string(), "2024-Q2");
    }

    #[test]
    fn labels_print_in_vietnamese() {
        assert_eq!(p("2024").label_vi(), "năm 2024");
        assert_eq!(p("2024-6T").label_vi(), "6 tháng đầu năm 2024");
        assert_eq!(p("2024-Q2").label_vi(), "quý II/2024");
        assert_eq!(p("2024-Q2").part_label_vi(), "quý II");
        assert_eq!(p("2024-6T").part_label_vi(), "6 tháng đầu năm");
        assert_eq!(p("2024-T01").part_label_vi(), "tháng 01");
        assert_eq!(p("2024-T01").label_vi(), "tháng 01/2024");
    }

    #[test]
    fn impossible_periods_are_rejected() {
        for s in [
            "",
            "2024-Q5",
            "2024-Q0",
            "2024-T13",
            "2024-T00",
            "2024-7T",
            "24",
            "20245",
            "2024-H2",
            "2024-X",
            "1800",
            "abc",
            "2024-",
            "-6T",
            "2024-6T-1",
            "6T24",
            "2024-T123",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s} should be rejected");
        }
    }

    #[test]
    fn start_and_end_dates() {
        assert_eq!(
            (p("2024").start(), p("2024").end()),
            (d(2024, 1, 1), d(2024, 12, 31))
        );
        assert_eq!(p("2024-6T").end(), d(2024, 6, 30));
        assert_eq!(p("2024-9T").end(), d(2024, 9, 30));
        assert_eq!(
            (p("2024-Q2").start(), p("2024-Q2").end()),
            (d(2024, 4, 1), d(2024, 6, 30))
        );
        assert_eq!(p("2024-T02").end(), d(2024, 2, 29));
        assert_eq!(p("2023-T02").end(), d(2023, 2, 28));
    }

    #[test]
    fn previous_year_and_containment() {
        assert_eq!(p("2024-6T").previous_year(), Some(p("2023-6T")));
        assert!(p("2024").contains(&p("2024-6T")));
        assert!(p("2024-6T").contains(&p("2024-Q2")));
        assert!(!p("2024-6T").contains(&p("2024-Q3")));
        assert!(!p("2024").contains(&p("2023")));
        assert!(p("2024-6T").contains_date(d(2024, 5, 28)));
        assert!(!p("2024-6T").contains_date(d(2024, 7, 1)));
    }

    #[test]
    fn remainder_of_a_year_after_six_months() {
        let rest = p("2024").remainder(&p("2024-6T")).expect("remainder");
        assert_eq!((rest.start, rest.end), (d(2024, 7, 1), d(2024, 12, 31)));
        assert_eq!(rest.label_vi(), "6 tháng cuối năm 2024");
        assert_eq!(
            p("2024")
                .remainder(&p("2024-9T"))
                .map(|r| r.label_vi())
                .as_deref(),
            Some("quý IV/2024")
        );
        assert_eq!(
            p("2024-6T")
                .remainder(&p("2024-Q1"))
                .map(|r| r.label_vi())
                .as_deref(),
            Some("quý II/2024")
        );
        assert_eq!(p("2024").remainder(&p("2024-Q2")), None);
        assert_eq!(p("2024").remainder(&p("2024")), None);
        assert_eq!(p("2024-6T").remainder(&p("2024")), None);
    }

    #[test]
    fn order_is_chronological() {
        let mut v = [
            p("2024"),
            p("2023"),
            p("2024-6T"),
            p("2024-Q2"),
            p("2024-T01"),
        ];
        v.sort();
        let s: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(s, ["2023", "2024-T01", "2024-Q2", "2024-6T", "2024"]);
    }

    proptest::proptest! {
        #[test]
        fn display_parse_round_trip(year in 1990i32..=2100, k in 0u8..4, n in 1u8..=12) {
            let kind = match k {
                0 => PeriodKind::Year,
                1 => PeriodKind::FirstMonths(if n % 2 == 0 { 6 } else { 9 }),
                2 => PeriodKind::Quarter(1 + n % 4),
                _ => PeriodKind::Month(n),
            };
            let period = Period::new(year, kind).expect("valid");
            proptest::prop_assert_eq!(period.to_string().parse::<Period>(), Ok(period));
            proptest::prop_assert_eq!(period.label_vi().parse::<Period>(), Ok(period));
        }
    }
}
