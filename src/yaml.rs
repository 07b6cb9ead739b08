//! Reading YAML with serde-saphyr: source locations for every value, resource budgets,
//! errors turned into diagnostics with file:line:col, and scalars kept as their text so
//! that numbers never pass through binary floating point.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_saphyr::budget::{Budget, BudgetBreach, EnforcingPolicy, check_yaml_budget};
use serde_saphyr::{DuplicateKeyPolicy, Location, NonFiniteFloatPolicy, Options};

use crate::diag::{Code, Diagnostic, Source};
use crate::limits::Limits;

/// A 1-based line and column in a YAML file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub col: u32,
}

impl From<Location> for Pos {
    fn from(l: Location) -> Self {
        let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        Self {
            line: clamp(l.line()),
            col: clamp(l.column()),
        }
    }
}

/// A value with the position of its YAML node.
pub type Spanned<T> = serde_saphyr::Spanned<T>;

/// The position of a spanned value.
pub fn pos<T>(s: &Spanned<T>) -> Pos {
    s.referenced.into()
}

fn budget(limits: &Limits) -> Budget {
    let mut budget = Budget::default();
    budget.max_depth = limits.yaml_depth;
    budget.max_aliases = limits.yaml_aliases;
    budget.max_anchors = limits.yaml_aliases;
    // "Billion laughs" reuses each of a few anchors many times. A form that reuses one
    // anchor (a date, say) up to 50 times is fine; the threshold grows with the limit,
    // so raising `yaml_aliases` also raises it.
    budget.alias_anchor_min_aliases = (limits.yaml_aliases / 20).max(1);
    budget.alias_anchor_ratio_multiplier = 5;
    budget
}

/// Parser options used for every file: duplicate keys are errors; depth and aliases are
/// bounded by `limits`, the other budgets by the parser's own defaults.
fn options(limits: &Limits) -> Options {
    let mut o = Options::default();
    o.duplicate_keys = DuplicateKeyPolicy::Error;
    o.budget = Some(budget(limits));
    // Application tags (`!!python/object`) are refused; `!!binary` text is kept as written,
    // so base64 cannot hide a figure; `.nan` and `.inf` arrive as text, which is no number.
    o.reject_unsupported_tags = true;
    o.ignore_binary_tag_for_string = true;
    o.non_finite_float_policy = NonFiniteFloatPolicy::AsString;
    o
}

/// Parses `source` into `T` within the default [`Limits`], or returns the one diagnostic
/// saying where and why not.
pub fn parse<T: DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
    parse_within(source, &Limits::default())
}

/// Parses `source` into `T` within `limits`: E126 for too deep a nesting, E127 for too
/// many aliases or too large an expansion, E002 for anything else.
pub fn parse_within<T: DeserializeOwned>(
    source: &Source,
    limits: &Limits,
) -> Result<T, Diagnostic> {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    serde_saphyr::from_str_with_options::<T>(text, options(limits)).map_err(|e| {
        let at = e.location().map(Pos::from);
        // Values are read lazily, so a wrong shape may stop reading before the parser
        // meets a breached limit; the limit is the real cause, so look for it first.
        let breach = breach_of(&e).cloned().or_else(|| {
            match check_yaml_budget(text, budget(limits), EnforcingPolicy::AllContent) {
                Ok(report) => report.breached,
                // The scanner's own limit on nested brackets, met before the budget's.
                Err(scan) if scan.to_string().starts_with("recursion limit exceeded") => {
                    Some(BudgetBreach::Depth { depth: usize::MAX })
                }
                Err(_) => None,
            }
        });
        if let Some((code, message, key)) = breach.and_then(|b| limit_breached(&b, limits)) {
            return source
                .diag(code, at, message)
                .with_hint(crate::limits::hint(key));
        }
        let detail = plain_message(&e);
        source.diag(Code::E002, at, translate(&detail)).with_hint(
            "kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu hai chấm sau mỗi khóa, \
             và tên khóa theo docs/data-format.md",
        )
    })
}

/// The budget breach behind a parser error, if any.
fn breach_of(e: &serde_saphyr::Error) -> Option<&BudgetBreach> {
    let mut err = e;
    while let serde_saphyr::Error::WithSnippet { error, .. }
    | serde_saphyr::Error::AliasError { error, .. } = err
    {
        err = error;
    }
    match err {
        serde_saphyr::Error::Budget { breach, .. } => Some(breach),
        _ => None,
    }
}

/// The diagnostic of a breached limit, as (code, message, setting); `None` for the
/// parser's own budgets, whose message the parser gives.
fn limit_breached(breach: &BudgetBreach, limits: &Limits) -> Option<(Code, String, &'static str)> {
    match breach {
        BudgetBreach::Depth { .. } => Some((
            Code::E126,
            format!(
                "tệp lồng nhau sâu hơn {} cấp (biểu mẫu chỉ cần vài cấp)",
                limits.yaml_depth
            ),
            "yaml_depth",
        )),
        BudgetBreach::AliasAnchorRatio { aliases, anchors } => Some((
            Code::E127,
            format!(
                "tệp dùng {} bí danh cho {} neo (&neo / *bí danh): dấu hiệu của tệp «bom bí danh»",
                crate::number::count(*aliases),
                crate::number::count(*anchors)
            ),
            "yaml_aliases",
        )),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. }
        | BudgetBreach::MergeKeys { .. } => Some((
            Code::E127,
            format!(
                "tệp dùng bí danh (&neo / *bí danh) vượt giới hạn {} lần hoặc bung ra quá lớn",
                crate::number::count(limits.yaml_aliases)
            ),
            "yaml_aliases",
        )),
        _ => None,
    }
}

/// The parser's message without its own location (prefix or suffix) and snippet.
fn plain_message(e: &serde_saphyr::Error) -> String {
    let full = e.without_snippet().to_string();
    let first = full.lines().next().unwrap_or("").trim();
    let mut msg = first.strip_prefix("error: ").unwrap_or(first);
    // "line 3 column 3: duplicate mapping key: a" → "duplicate mapping key: a"
    if let Some((_, rest)) = msg.strip_prefix("line ").and_then(|r| r.split_once(": ")) {
        msg = rest;
    }
    // "unknown variant `x`, expected … at line 1, column 7" → without the suffix
    if let Some(i) = msg.rfind(" at line ") {
        msg = &msg[..i];
    }
    msg.to_string()
}

/// Vietnamese wording for the parser and serde messages a person is likely to meet.
pub(crate) fn translate(msg: &str) -> String {
    let quoted = msg.split('`').nth(1).unwrap_or_default();
    let allowed = msg
        .split_once("expected one of ")
        .map(|(_, l)| l.replace('`', ""))
        .unwrap_or_default();
    if msg.starts_with("unknown field") {
        return format!("khóa không hợp lệ «{quoted}»; các khóa hợp lệ: {allowed}");
    }
    if msg.starts_with("missing field") {
        return format!("thiếu khóa bắt buộc «{quoted}»");
    }
    if let Some(k) = msg.strip_prefix("duplicate mapping key: ") {
        let k = k.split(',').next().unwrap_or(k);
        return format!("khóa «{k}» xuất hiện hai lần");
    }
    if msg.starts_with("unknown variant") {
        return format!("giá trị «{quoted}» không hợp lệ; chỉ được dùng: {allowed}");
    }
    if msg.starts_with("invalid")
        || msg.starts_with("cannot deserialize")
        || msg.starts_with("expected")
    {
        return format!("sai kiểu dữ liệu ({msg})");
    }
    if msg.contains("budget") || msg.contains("alias") {
        return format!("tệp vượt giới hạn an toàn của trình đọc YAML ({msg})");
    }
    let syntax = [
        (
            "did not find expected key",
            "thụt lề không đúng hoặc thiếu dấu hai chấm",
        ),
        (
            "unexpected EOF",
            "tệp kết thúc giữa chừng (thiếu dấu đóng ngoặc hoặc dấu nháy?)",
        ),
        (
            "cannot start any token",
            "có ký tự không được phép ở đây (ví dụ dấu tab)",
        ),
        (
            "mapping values are not allowed",
            "dấu hai chấm đặt sai chỗ (giá trị có dấu hai chấm cần đặt trong dấu nháy)",
        ),
        ("did not find expected", "cú pháp không đúng"),
    ];
    if let Some((_, vi)) = syntax.iter().find(|(en, _)| msg.contains(en)) {
        return format!("{vi} ({msg})");
    }
    // Our own messages from custom deserializers are already Vietnamese.
    if !msg.is_ascii() {
        return msg.to_string();
    }
    format!("cú pháp YAML không hợp lệ ({msg})")
}

/// Any YAML scalar, kept as written (numbers as their digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The text of the scalar.
    pub text: String,
    /// The scalar was a plain YAML number (English decimal point), not a string.
    pub native_number: bool,
}

/// Any YAML scalar as text; `2024` and `"2024"` both give "2024".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScalarText(pub String);

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("một giá trị đơn (số, chữ hoặc ngày)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar {
            text: crate::text::nfc(v).into_owned(),
            native_number: false,
        })
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar {
            text: crate::text::nfc_string(v),
            native_number: false,
        })
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar {
            text: v.to_string(),
            native_number: false,
        })
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar {
            text: v.to_string(),
            native_number: true,
        })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar {
            text: v.to_string(),
            native_number: true,
        })
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Scalar, E> {
        Ok(Scalar {
            text: v.to_string(),
            native_number: true,
        })
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Scalar, E> {
        Ok(Scalar {
            text: v.to_string(),
            native_number: true,
        })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        if !v.is_finite() {
            return Err(E::custom(
                "«số» không hữu hạn (NaN, vô cực) không được chấp nhận",
            ));
        }
        // Rust prints the shortest text that reads back to the same float, which is the
        // literal as written for any figure of up to 15 significant digits.
        Ok(Scalar {
            text: format!("{v}"),
            native_number: true,
        })
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

impl<'de> Deserialize<'de> for ScalarText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self(Scalar::deserialize(d)?.text))
    }
}

impl Scalar {
    /// The exact decimal: plain YAML numbers in English notation, strings in Vietnamese
    /// notation ("2.826,5"). Ambiguous Vietnamese text is refused here; data files must
    /// be unambiguous (submissions report ambiguity as a warning instead).
    pub fn decimal(&self) -> Result<Decimal, String> {
        if self.native_number {
            let too_large = || crate::number::NumberError::TooLarge(self.text.clone()).to_string();
            let v = Decimal::from_str(&self.text)
                .or_else(|_| Decimal::from_scientific(&self.text))
                .map_err(|_| too_large())?;
            return crate::number::bounded(v).map_err(|_| too_large());
        }
        match crate::number::parse(&self.text) {
            Ok(p) if p.ambiguity.is_none() && p.unit.is_none() && p.qualifier.is_none() => {
                Ok(p.value)
            }
            Ok(p) => Err(format!(
                "«{}» không rõ nghĩa: {}",
                self.text,
                p.ambiguity
                    .map_or("có chữ kèm theo số", crate::number::Ambiguity::explain)
            )),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// A date written `2024-12-13` (or `13/12/2024`) in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YamlDate(pub NaiveDate);

impl<'de> Deserialize<'de> for YamlDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = ScalarText::deserialize(d)?;
        crate::date::parse_date(&s.0)
            .map(YamlDate)
            .map_err(de::Error::custom)
    }
}

/// An exact decimal written as a YAML number or Vietnamese text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YamlDecimal(pub Decimal);

impl<'de> Deserialize<'de> for YamlDecimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Scalar::deserialize(d)?
            .decimal()
            .map(YamlDecimal)
            .map_err(de::Error::custom)
    }
}

/// One item or a list of items (`lead: so-tttt` or `lead: [so-tttt, so-tc]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("một giá trị hoặc một danh sách")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element()? {
                    out.push(item);
                }
                Ok(OneOrMany(out))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(de::value::StrDeserializer::new(v)).map(|t| OneOrMany(vec![t]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A list (or single item) with the position of its node; empty and without position when
/// the key is absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpannedList<T> {
    /// The items.
    pub items: Vec<T>,
    /// Where the list is written.
    pub pos: Option<Pos>,
}

impl<T> Default for SpannedList<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            pos: None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for SpannedList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<OneOrMany<T>>::deserialize(d)?;
        Ok(Self {
            pos: Some(pos(&s)),
            items: s.value.0,
        })
    }
}

/// The entries of a YAML mapping in file order, keys with their positions (a map keyed by
/// spanned strings would lose order and cannot hash the span).
#[derive(Debug, Clone)]
pub struct Entries<V>(pub Vec<(Spanned<String>, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Vis<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("một bảng khóa: giá trị")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<Spanned<String>, V>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Entries(Vec::new()))
            }
        }
        d.deserialize_map(Vis(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        amount: YamlDecimal,
        when: YamlDate,
        lead: OneOrMany<String>,
        #[serde(default)]
        values: Entries<Option<Scalar>>,
    }

    fn src(text: &str) -> Source {
        Source::new("data/x.yaml", text.to_string())
    }

    #[test]
    fn numbers_keep_their_digits() {
        let d: Doc = parse(&src("amount: 2826.5\nwhen: 2024-04-04\nlead: so-tttt\nvalues:\n  a: 0.1\n  b: \"1.126\"\n  c: ~\n"))
            .expect("parses");
        assert_eq!(d.amount.0.to_string(), "2826.5");
        assert_eq!(d.when.0, NaiveDate::from_ymd_opt(2024, 4, 4).expect("date"));
        assert_eq!(d.lead.0, ["so-tttt"]);
        let v: Vec<(String, Option<String>)> = d
            .values
            .0
            .iter()
            .map(|(k, v)| (k.value.clone(), v.as_ref().map(|s| s.text.clone())))
            .collect();
        assert_eq!(v[0], ("a".into(), Some("0.1".into())));
        assert_eq!(v[1], ("b".into(), Some("1.126".into())));
        assert_eq!(v[2], ("c".into(), None));
        assert_eq!(pos(&d.values.0[1].0), Pos { line: 6, col: 3 });
    }

    #[test]
    fn errors_name_line_and_column_in_vietnamese() {
        let e = parse::<Doc>(&src("amount: 1\nwhen: 2024-04-04\nlead: x\nbogus: 1\n"))
            .expect_err("unknown key");
        assert_eq!(e.code, Code::E002);
        assert!(
            e.message.contains("khóa không hợp lệ «bogus»"),
            "{}",
            e.message
        );
        let e = parse::<Doc>(&src("amount: 1\nwhen: 2024-02-30\nlead: x\n")).expect_err("bad date");
        assert!(e.message.contains("ngày không hợp lệ"), "{}", e.message);
        let e = parse::<Doc>(&src("amount: 1\namount: 2\n")).expect_err("duplicate");
        assert!(e.message.contains("xuất hiện hai lần"), "{}", e.message);
        assert_eq!(e.line_col(), Some((2, 1)));
        let e = parse::<Doc>(&src("amount: [\n")).expect_err("syntax");
        assert!(e.line_col().is_some());
    }

    #[test]
    fn vietnamese_text_numbers_in_data_files() {
        let d: Doc =
            parse(&src("amount: \"2.826,5\"\nwhen: 04/4/2024\nlead: [a, b]\n")).expect("parses");
        assert_eq!(d.amount.0.to_string(), "2826.5");
        assert!(parse::<Doc>(&src("amount: \"1,030\"\nwhen: 2024-01-01\nlead: a\n")).is_err());
    }
}
