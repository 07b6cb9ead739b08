//! Reads a YAML submission (docs/data-format.md) into the [`Submission`] model.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{Entry, Format, Located, Narrative, Product, Raw, Submission, TaskReport, Value};
use crate::diag::{Code, Diagnostic, Source, Span};
use crate::limits::Limits;
use crate::yaml::{Entries, Pos, Scalar, Spanned, YamlDate, pos};

fn span<T>(s: &Spanned<T>) -> Span {
    let p: Pos = pos(s);
    Span::Text {
        line: p.line,
        col: p.col,
    }
}

/// A scalar or null.
struct RawScalar(Raw);

impl<'de> Deserialize<'de> for RawScalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<Scalar>::deserialize(d).map(|s| RawScalar(s.map_or(Raw::Missing, to_raw)))
    }
}

fn to_raw(s: Scalar) -> Raw {
    if s.native_number {
        return match s.decimal() {
            Ok(d) => Raw::Number(d),
            Err(_) => Raw::Text(s.text),
        };
    }
    match s.text.as_str() {
        "true" => Raw::Bool(true),
        "false" => Raw::Bool(false),
        _ => match crate::date::parse_date(&s.text) {
            Ok(d) if s.text.len() == 10 && s.text.as_bytes()[4] == b'-' => Raw::Date(d),
            _ => Raw::Text(s.text),
        },
    }
}

/// A value node: a scalar, null, or an object of annotations.
enum RawValue {
    Scalar(Raw),
    Object(Box<ObjectValue>),
}

#[derive(Default)]
struct ObjectValue {
    value: Option<Spanned<RawScalar>>,
    numerator: Option<Spanned<RawScalar>>,
    denominator: Option<Spanned<RawScalar>>,
    printed: Option<Spanned<RawScalar>>,
    change_points: Option<Spanned<RawScalar>>,
    change_percent: Option<Spanned<RawScalar>>,
    estimate: bool,
    as_of: Option<Spanned<YamlDate>>,
    note: Option<String>,
    not_assessed: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("một số, một chuỗi, ~ hoặc {numerator: …, denominator: …}")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Scalar(Raw::Missing))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Scalar(Raw::Missing))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue::Scalar(Raw::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Scalar(Raw::Number(v.into())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Scalar(Raw::Number(v.into())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
                let s = Scalar {
                    text: format!("{v}"),
                    native_number: true,
                };
                if !v.is_finite() {
                    return Err(E::custom(
                        "giá trị không hữu hạn (NaN, vô cực) không được chấp nhận",
                    ));
                }
                Ok(RawValue::Scalar(to_raw(s)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::Scalar(to_raw(Scalar {
                    text: crate::text::nfc(v).into_owned(),
                    native_number: false,
                })))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let mut o = ObjectValue::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "value" => o.value = Some(map.next_value()?),
                        "numerator" => o.numerator = Some(map.next_value()?),
                        "denominator" => o.denominator = Some(map.next_value()?),
                        "printed" => o.printed = Some(map.next_value()?),
                        "change_points" => o.change_points = Some(map.next_value()?),
                        "change_percent" => o.change_percent = Some(map.next_value()?),
                        "estimate" => o.estimate = map.next_value()?,
                        "as_of" => o.as_of = Some(map.next_value()?),
                        "note" => o.note = Some(crate::text::nfc_string(map.next_value()?)),
                        "not_assessed" => o.not_assessed = Some(map.next_value()?),
                        other => {
                            return Err(de::Error::custom(format!(
                                "khóa «{other}» không hợp lệ; dùng value, numerator, denominator, printed, \
                                 change_points, change_percent, estimate, as_of, note, not_assessed"
                            )));
                        }
                    }
                }
                if o.value.is_some() && (o.numerator.is_some() || o.denominator.is_some()) {
                    return Err(de::Error::custom(
                        "ghi «value», hoặc «numerator» và «denominator», không ghi cả hai cách cho một chỉ tiêu",
                    ));
                }
                Ok(RawValue::Object(Box::new(o)))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    #[serde(default)]
    status: Option<Spanned<String>>,
    #[serde(default)]
    result: Option<String>,
    #[serde(default)]
    documents: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProduct {
    name: Spanned<String>,
    #[serde(default)]
    status: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    unit: Spanned<crate::yaml::ScalarText>,
    period: Spanned<crate::yaml::ScalarText>,
    #[serde(default)]
    as_of: Option<Spanned<RawScalar>>,
    #[serde(default)]
    prepared_by: Option<String>,
    #[serde(default)]
    values: Entries<Spanned<RawValue>>,
    #[serde(default)]
    tasks: Entries<RawTask>,
    #[serde(default)]
    products: Vec<RawProduct>,
    #[serde(default)]
    narrative: Entries<String>,
}

fn located(s: Spanned<RawScalar>) -> Located<Raw> {
    let sp = span(&s);
    Located::new(s.value.0, sp)
}

/// Parses a YAML submission within `limits`. A syntax or shape error is E100 (the file
/// cannot be read); a breached limit keeps its own code.
pub fn read(source: &Source, limits: &Limits) -> Result<Submission, Diagnostic> {
    let raw: RawFile = crate::yaml::parse_within(source, limits).map_err(|d| {
        if d.code == Code::E002 {
            Diagnostic {
                code: Code::E100,
                severity: Code::E100.severity(),
                ..d
            }
        } else {
            d
        }
    })?;
    let mut sub = Submission::empty(source.path.clone(), Format::Yaml);
    sub.text = Some(source.text.clone());
    sub.unit = Some(Located::new(raw.unit.value.0.clone(), span(&raw.unit)));
    sub.period = Some(Located::new(raw.period.value.0.clone(), span(&raw.period)));
    sub.as_of = raw.as_of.map(located);
    sub.prepared_by = raw.prepared_by.map(crate::text::nfc_string);
    for (key, v) in raw.values.0 {
        let code = Located::new(key.value.clone(), span(&key));
        let at = span(&v);
        let value = match v.value {
            RawValue::Scalar(r) => Value::plain(Located::new(r, at)),
            RawValue::Object(o) => {
                let o = *o;
                let (main, denominator) = match (o.value, o.numerator, o.denominator) {
                    (Some(v), None, None) => (located(v), None),
                    (None, Some(n), d) => (located(n), d.map(located)),
                    (None, None, Some(d)) => {
                        (Located::new(Raw::Missing, at.clone()), Some(located(d)))
                    }
                    (None, None, None) => (Located::new(Raw::Missing, at.clone()), None),
                    // Both forms are refused while reading (see RawValue).
                    (Some(v), _, _) => (located(v), None),
                };
                Value {
                    main,
                    denominator,
                    printed: o.printed.map(located),
                    change_points: o.change_points.map(located),
                    change_percent: o.change_percent.map(located),
                    estimate: o.estimate,
                    as_of: o.as_of.map(|d| Located::new(d.value.0, span(&d))),
                    note: o.note,
                    not_assessed: o
                        .not_assessed
                        .map(|n| Located::new(crate::text::nfc_string(n.value.clone()), span(&n))),
                }
            }
        };
        sub.entries.push(Entry { code, value });
    }
    for (key, t) in raw.tasks.0 {
        sub.tasks.push(TaskReport {
            id: Located::new(key.value.clone(), span(&key)),
            status: t.status.map(|s| Located::new(s.value.clone(), span(&s))),
            result: t.result.map(crate::text::nfc_string),
            documents: t
                .documents
                .into_iter()
                .map(crate::text::nfc_string)
                .collect(),
        });
    }
    for p in raw.products {
        sub.products.push(Product {
            name: Located::new(crate::text::nfc_string(p.name.value.clone()), span(&p.name)),
            status: p.status.map(|s| Located::new(s.value.clone(), span(&s))),
            note: p.note.map(crate::text::nfc_string),
        });
    }
    for (key, text) in raw.narrative.0 {
        sub.narrative.push(Narrative {
            section: Located::new(key.value.clone(), span(&key)),
            text: crate::text::nfc_string(text),
        });
    }
    Ok(sub)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads within the default limits.
    fn read(source: &Source) -> Result<Submission, Diagnostic> {
        super::read(source, &Limits::default())
    }

    #[test]
    fn nesting_and_alias_limits_have_their_own_codes() {
        let deep = format!(
            "unit: a\nperiod: 2024\nnarrative: {}{}\n",
            "[".repeat(40),
            "]".repeat(40)
        );
        let d = read(&Source::new("x.yaml", deep)).expect_err("too deep");
        assert_eq!(d.code, Code::E126, "{}", d.render());
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..11 {
            let j = i - 1;
            bomb.push_str(&format!("a{i}: &a{i} [*a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}]\n"));
        }
        let d = read(&Source::new("x.yaml", bomb)).expect_err("alias bomb");
        assert_eq!(d.code, Code::E127, "{}", d.render());
        // One date anchor reused 40 times is an ordinary file.
        let mut reuse = String::from("unit: a\nperiod: 2024\nas_of: &d 2024-12-08\nvalues:\n");
        for i in 0..40 {
            reuse.push_str(&format!("  a.b{i}: {{value: 1, as_of: *d}}\n"));
        }
        read(&Source::new("x.yaml", reuse)).expect("an anchor reused 40 times");
        let tight = Limits {
            yaml_aliases: 2,
            ..Limits::default()
        };
        let three = "unit: &u a\nperiod: 2024\nnarrative: {a: *u, b: *u, c: *u}\n";
        let d = super::read(&Source::new("x.yaml", three.into()), &tight).expect_err("aliases");
        assert_eq!(d.code, Code::E127, "{}", d.render());
    }

    const GOOD: &str = "unit: h-bac-ai
period: 2024
as_of: 2024-12-13
values:
  xhs.bhyt_vneid: {numerator: 13493, denominator: 12197}
  xhs.dddt_muc2: 76880
  tcns.hs_huong_dan: ~
  kts.grdp: \"27.822\"
  kts.kts_grdp: {value: 10.16, change_points: 0.54}
  kts.kts_nganh: {not_assessed: không có kinh phí}
tasks:
  A.I.1: {status: hoan_thanh, result: Xong, documents: [\"185/KH-UBND ngày 12/01/2024\"]}
products:
  - {name: Sản phẩm A, status: hoan_thanh}
narrative:
  cqs: Đoạn văn.
";

    #[test]
    fn reads_every_part_with_locations() {
        let s = read(&Source::new("submissions/2024/h-bac-ai.yaml", GOOD.into())).expect("reads");
        assert_eq!(s.unit.as_ref().map(|u| u.value.as_str()), Some("h-bac-ai"));
        assert_eq!(s.period.as_ref().map(|u| u.value.as_str()), Some("2024"));
        assert_eq!(s.entries.len(), 6);
        let e = &s.entries[0];
        assert_eq!(e.code.span, Span::Text { line: 5, col: 3 });
        assert_eq!(e.value.main.value, Raw::Number(13493.into()));
        assert_eq!(e.value.main.span, Span::Text { line: 5, col: 31 });
        assert_eq!(
            e.value.denominator.as_ref().map(|d| d.value.clone()),
            Some(Raw::Number(12197.into()))
        );
        assert_eq!(s.entries[2].value.main.value, Raw::Missing);
        assert_eq!(
            s.entries[3]
                .value
                .main
                .value
                .number()
                .map(|n| n.0.to_string()),
            Ok("27822".into())
        );
        assert_eq!(s.entries[4].value.main.value.display(), "10.16");
        assert!(s.entries[4].value.change_points.is_some());
        assert!(s.entries[5].value.not_assessed.is_some());
        assert_eq!(
            s.tasks[0].status.as_ref().map(|t| t.value.as_str()),
            Some("hoan_thanh")
        );
        assert_eq!(s.products.len(), 1);
        assert_eq!(s.narrative[0].section.value, "cqs");
        assert_eq!(
            s.as_of.map(|a| a.value),
            Some(Raw::Date(
                chrono::NaiveDate::from_ymd_opt(2024, 12, 13).expect("date")
            ))
        );
    }

    #[test]
    fn malformed_files_give_one_located_error() {
        let d = read(&Source::new(
            "x.yaml",
            "unit: a\nperiod: 2024\nvalues:\n  a.b: {numerator: 1, bogus: 2}\n".into(),
        ))
        .expect_err("bad key");
        assert_eq!(d.code, Code::E100);
        assert!(d.message.contains("bogus"), "{}", d.message);
        assert!(d.line_col().is_some());
        let d = read(&Source::new("x.yaml", "unit: a\nperiod: [\n".into())).expect_err("syntax");
        assert_eq!(d.code, Code::E100);
    }
}
