//! Each reported figure against its indicator: known code, right type, sign, ratios,
//! the printed percentage, parts summing to their total, required indicators.

use crate::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::at;
use super::identity::Identity;
use crate::diag::{Code, Diagnostic};
use crate::number::{self, Style};
use crate::report::{Amount, Figure, percent_of};
use crate::schema::{Indicator, IndicatorKind, Selector};
use crate::submission::{Located, NotNumber, Raw, Submission, Value};
use crate::workspace::Workspace;

pub(crate) fn check(
    ws: &Workspace,
    id: &Identity,
    sub: &Submission,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Figure> {
    let mut figures = Vec::with_capacity(sub.entries.len());
    let file: std::sync::Arc<str> = sub.file.as_str().into();
    let mut seen: HashMap<&str, &Located<String>> = HashMap::default();
    for e in &sub.entries {
        let code = e.code.value.as_str();
        let Some(ind) = ws.catalogue.get(code) else {
            diags.push(
                at(
                    sub,
                    Code::E107,
                    &e.code.span,
                    Some(code.to_string()),
                    format!("mã chỉ tiêu «{code}» không có trong danh mục"),
                )
                .with_hint(suggest(ws, code)),
            );
            continue;
        };
        if let Some(first) = seen.insert(code, &e.code) {
            diags.push(
                at(
                    sub,
                    Code::E108,
                    &e.code.span,
                    Some(code.to_string()),
                    format!("chỉ tiêu «{code}» đã có ở {}", where_(&first.span)),
                )
                .with_hint("mỗi chỉ tiêu chỉ ghi một lần trong một tệp"),
            );
            continue;
        }
        if !reports(ind, id) {
            diags.push(
                at(
                    sub,
                    Code::W130,
                    &e.code.span,
                    Some(code.to_string()),
                    format!(
                        "đơn vị «{}» không thuộc danh sách đơn vị báo cáo chỉ tiêu «{code}»",
                        id.unit.short
                    ),
                )
                .with_hint(format!(
                    "đơn vị báo cáo theo danh mục: {}",
                    list(&ind.reporters)
                )),
            );
        }
        let Some(amount) = amount(sub, ind, &e.value, diags) else {
            continue;
        };
        figures.push(Figure {
            code: code.to_string(),
            amount,
            file: file.clone(),
            span: e.value.main.span.clone(),
            estimate: e.value.estimate,
            as_of: e.value.as_of.as_ref().map(|a| a.value),
            note: e.value.note.clone(),
            claim: claim(sub, ind, &e.value, diags),
        });
    }
    parts(ws, sub, &figures, diags);
    required(ws, id, sub, &seen, diags);
    figures
}

fn where_(span: &crate::diag::Span) -> String {
    match span {
        crate::diag::Span::Text { line, .. } => format!("dòng {line}"),
        crate::diag::Span::Cell { cell, .. } => format!("ô {cell}"),
        crate::diag::Span::File => "trong tệp".to_string(),
    }
}

fn list(sel: &[Selector]) -> String {
    sel.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the unit is among the indicator's reporters.
pub(crate) fn reports(ind: &Indicator, id: &Identity) -> bool {
    ind.reporters.iter().any(|s| s.matches(id.unit))
}

/// The closest known code, for "did you mean".
fn suggest(ws: &Workspace, code: &str) -> String {
    let best = ws
        .catalogue
        .indicators()
        .iter()
        .map(|i| (strsim(code, &i.code), &i.code))
        .min();
    match best {
        Some((d, c)) if d <= 3 => format!("có phải là «{c}»?"),
        _ => "xem danh mục chỉ tiêu trong data/indicators.yaml".to_string(),
    }
}

/// Levenshtein distance (small strings).
fn strsim(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Reads a number from a located raw value, reporting type errors and ambiguity.
fn num(
    sub: &Submission,
    ind: &Indicator,
    raw: &Located<Raw>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    match raw.value.number() {
        Ok((v, amb)) => {
            if let Some(a) = amb {
                diags.push(at(sub, Code::W131, &raw.span, Some(raw.value.display()), format!(
                    "{what} của «{}» viết là «{}»: {}; đã đọc là {}", ind.code, raw.value.display(), a.explain(),
                    number::format(v, Style { decimals: 6, trim: true, ..Style::default() })))
                    .with_hint("viết số theo kiểu Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy thập phân (1.126; 2.826,5), hoặc nhập ô dạng số"));
            }
            if v.is_sign_negative() && !v.is_zero() {
                diags.push(at(
                    sub,
                    Code::E110,
                    &raw.span,
                    Some(raw.value.display()),
                    format!("{what} của «{}» là số âm", ind.code),
                ));
                return None;
            }
            Some(v)
        }
        Err(NotNumber::Missing) => None,
        Err(NotNumber::CellError(e)) => {
            diags.push(
                at(
                    sub,
                    Code::E113,
                    &raw.span,
                    Some(e.clone()),
                    format!("ô có giá trị lỗi {e} thay cho {what} của «{}»", ind.code),
                )
                .with_hint(if e == "#GETTING_DATA" {
                    "công thức trong ô chưa được tính (tệp do chương trình khác tạo): mở tệp bằng Excel, lưu lại rồi nộp"
                } else {
                    "sửa công thức trong ô, hoặc nhập trực tiếp giá trị"
                }),
            );
            None
        }
        Err(NotNumber::Invalid(why)) => {
            diags.push(
                at(
                    sub,
                    Code::E109,
                    &raw.span,
                    Some(raw.value.display()),
                    format!("{what} của «{}» phải là một số: {why}", ind.code),
                )
                .with_hint(format!(
                    "nhập một số ({}), hoặc để trống nếu không báo cáo",
                    ind.unit
                )),
            );
            None
        }
    }
}

/// The typed amount of a value for its indicator, or `None` after reporting why not.
fn amount(
    sub: &Submission,
    ind: &Indicator,
    v: &Value,
    diags: &mut Vec<Diagnostic>,
) -> Option<Amount> {
    if let Some(reason) = &v.not_assessed {
        return Some(Amount::NotAssessed {
            reason: reason.value.clone(),
        });
    }
    let main = &v.main;
    let type_err = |d: &mut Vec<Diagnostic>, msg: String, hint: &str| {
        d.push(
            at(sub, Code::E109, &main.span, Some(main.value.display()), msg)
                .with_hint(hint.to_string()),
        );
    };
    match ind.kind {
        IndicatorKind::Text => Some(match &main.value {
            Raw::Missing => Amount::Missing,
            r => Amount::Text { value: r.display() },
        }),
        IndicatorKind::YesNo => match &main.value {
            Raw::Missing => Some(Amount::Missing),
            Raw::Bool(b) => Some(Amount::Bool { value: *b }),
            Raw::Text(t) => match crate::text::nfc(t.trim()).to_lowercase().as_str() {
                "có" | "x" | "đạt" | "true" => Some(Amount::Bool { value: true }),
                "không" | "chưa" | "false" => Some(Amount::Bool { value: false }),
                _ => {
                    type_err(
                        diags,
                        format!(
                            "chỉ tiêu «{}» chỉ nhận «có» hoặc «không», không phải «{t}»",
                            ind.code
                        ),
                        "ghi «có» hoặc «không»",
                    );
                    None
                }
            },
            r => {
                type_err(
                    diags,
                    format!(
                        "chỉ tiêu «{}» chỉ nhận «có» hoặc «không», không phải «{}»",
                        ind.code,
                        r.display()
                    ),
                    "ghi «có» hoặc «không»",
                );
                None
            }
        },
        IndicatorKind::Ratio => {
            let Some(den_raw) = &v.denominator else {
                if main.value.is_missing() {
                    return Some(Amount::Missing);
                }
                type_err(
                    diags,
                    format!("chỉ tiêu «{}» là tỷ lệ, cần cả tử số và mẫu số", ind.code),
                    "YAML: {numerator: …, denominator: …}; Excel: tử số ở cột «Giá trị hoặc Tử số», mẫu số ở cột «Mẫu số»",
                );
                return None;
            };
            let n = num(sub, ind, main, "tử số", diags);
            let d = num(sub, ind, den_raw, "mẫu số", diags);
            let (n, d) = match (n, d) {
                (Some(n), Some(d)) => (n, d),
                (None, None) if main.value.is_missing() && den_raw.value.is_missing() => {
                    return Some(Amount::Missing);
                }
                (None, Some(_)) | (Some(_), None)
                    if main.value.is_missing() || den_raw.value.is_missing() =>
                {
                    let missing = if main.value.is_missing() {
                        main
                    } else {
                        den_raw
                    };
                    diags.push(at(
                        sub,
                        Code::E109,
                        &missing.span,
                        None,
                        format!(
                            "chỉ tiêu «{}» thiếu {}",
                            ind.code,
                            if main.value.is_missing() {
                                "tử số"
                            } else {
                                "mẫu số"
                            }
                        ),
                    ));
                    return None;
                }
                _ => return None,
            };
            if !nonzero(sub, ind, den_raw, d, diags) {
                return None;
            }
            over_100(sub, ind, main, n, d, diags);
            printed(sub, ind, v, n, d, diags);
            Some(Amount::Fraction {
                numerator: n,
                denominator: d,
            })
        }
        IndicatorKind::Count
        | IndicatorKind::Amount
        | IndicatorKind::Percent
        | IndicatorKind::Rank => {
            if v.denominator.is_some() && ind.kind != IndicatorKind::Percent {
                type_err(
                    diags,
                    format!(
                        "chỉ tiêu «{}» nhận một giá trị, không nhận tử số và mẫu số",
                        ind.code
                    ),
                    "ghi một số duy nhất",
                );
                return None;
            }
            if main.value.is_missing() && v.denominator.is_none() {
                return Some(Amount::Missing);
            }
            let value = num(sub, ind, main, "giá trị", diags)?;
            if let Some(den_raw) = &v.denominator {
                let d = num(sub, ind, den_raw, "mẫu số", diags)?;
                if !nonzero(sub, ind, den_raw, d, diags) {
                    return None;
                }
                over_100(sub, ind, main, value, d, diags);
                printed(sub, ind, v, value, d, diags);
                return Some(Amount::Fraction {
                    numerator: value,
                    denominator: d,
                });
            }
            match ind.kind {
                IndicatorKind::Count if !value.fract().is_zero() => {
                    type_err(
                        diags,
                        format!("chỉ tiêu «{}» là số đếm, phải là số nguyên", ind.code),
                        "bỏ phần thập phân",
                    );
                    return None;
                }
                IndicatorKind::Rank
                    if value.fract() != Decimal::ZERO
                        || value < Decimal::ONE
                        || ind.out_of.is_some_and(|o| value > Decimal::from(o)) =>
                {
                    type_err(
                        diags,
                        format!(
                            "thứ hạng của «{}» phải là số nguyên từ 1 đến {}",
                            ind.code,
                            ind.out_of.unwrap_or(u32::MAX)
                        ),
                        "ghi thứ hạng, ví dụ 27",
                    );
                    return None;
                }
                IndicatorKind::Percent
                    if value > Decimal::ONE_HUNDRED && !ind.allows_over_100() =>
                {
                    diags.push(at(
                        sub,
                        Code::E111,
                        &main.span,
                        Some(main.value.display()),
                        format!("tỷ lệ của «{}» vượt 100%", ind.code),
                    ));
                }
                _ => {}
            }
            Some(Amount::Number { value })
        }
    }
}

/// Reports a numerator above its denominator when the denominator is the whole (E111).
fn over_100(
    sub: &Submission,
    ind: &Indicator,
    main: &Located<Raw>,
    n: Decimal,
    d: Decimal,
    diags: &mut Vec<Diagnostic>,
) {
    if n > d && !ind.allows_over_100() {
        diags.push(at(sub, Code::E111, &main.span, Some(main.value.display()), format!(
            "tử số {} lớn hơn mẫu số {} của «{}» (tỷ lệ không thể vượt 100%)",
            number::natural(n), number::natural(d), ind.code))
            .with_hint("kiểm tra lại tử số và mẫu số; nếu mẫu số là chỉ tiêu giao (có thể vượt), khai báo «denominator: target» trong danh mục"));
    }
}

/// Reports a zero denominator (E112); true when it is not zero.
fn nonzero(
    sub: &Submission,
    ind: &Indicator,
    raw: &Located<Raw>,
    d: Decimal,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if d.is_zero() {
        diags.push(at(
            sub,
            Code::E112,
            &raw.span,
            Some(raw.value.display()),
            format!("mẫu số của «{}» bằng 0", ind.code),
        ));
    }
    !d.is_zero()
}

/// The change versus last year the unit stated, if any (sign allowed).
fn claim(
    sub: &Submission,
    ind: &Indicator,
    v: &Value,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::report::Claim> {
    use crate::report::{Claim, ClaimKind};
    let (kind, raw) = match (&v.change_points, &v.change_percent) {
        (Some(p), _) => (ClaimKind::Points, p),
        (None, Some(p)) => (ClaimKind::Percent, p),
        (None, None) => return None,
    };
    match raw.value.number() {
        Ok((value, _)) => Some(Claim {
            kind,
            value,
            span: raw.span.clone(),
        }),
        Err(_) => {
            diags.push(at(
                sub,
                Code::E109,
                &raw.span,
                Some(raw.value.display()),
                format!("mức thay đổi của «{}» phải là số", ind.code),
            ));
            None
        }
    }
}

/// Checks the percentage a unit printed against its own numerator and denominator.
fn printed(
    sub: &Submission,
    ind: &Indicator,
    v: &Value,
    n: Decimal,
    d: Decimal,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(p) = &v.printed else { return };
    let Ok((shown, _)) = p.value.number() else {
        diags.push(at(
            sub,
            Code::E109,
            &p.span,
            Some(p.value.display()),
            format!("tỷ lệ ghi sẵn của «{}» phải là số", ind.code),
        ));
        return;
    };
    let Some(exact) = percent_of(n, d) else {
        return;
    };
    let decimals = shown.scale();
    if number::round(exact, decimals) != shown {
        let style = Style::percent(decimals.max(ind.decimals));
        diags.push(
            at(
                sub,
                Code::W132,
                &p.span,
                Some(p.value.display()),
                format!(
                    "«{}»: {}/{} là {}, không phải {} như đã ghi",
                    ind.code,
                    number::natural(n),
                    number::natural(d),
                    number::format(exact, style),
                    number::format(shown, Style::percent(decimals))
                ),
            )
            .with_hint(format!(
                "báo cáo sẽ dùng tỷ lệ tính từ tử số và mẫu số ({})",
                number::format(exact, Style::percent(decimals))
            )),
        );
    }
}

/// Parts that do not add up to their total, within the file.
fn parts(ws: &Workspace, sub: &Submission, figures: &[Figure], diags: &mut Vec<Diagnostic>) {
    let by_code: HashMap<&str, &Figure> = figures.iter().map(|f| (f.code.as_str(), f)).collect();
    for f in figures {
        let Some(ind) = ws.catalogue.get(&f.code) else {
            continue;
        };
        let Some(total) = f
            .amount
            .numeric()
            .filter(|_| matches!(f.amount, Amount::Number { .. }))
        else {
            continue;
        };
        let style = Style::decimals(ind.decimals);
        if !ind.parts.is_empty() {
            let values: Option<Vec<Decimal>> = ind
                .parts
                .iter()
                .map(|p| {
                    by_code.get(p.as_str()).and_then(|g| match g.amount {
                        Amount::Number { value } => Some(value),
                        _ => None,
                    })
                })
                .collect();
            if let Some(values) = values {
                let sum: Decimal = values.iter().sum();
                if sum != total {
                    let terms = values
                        .iter()
                        .map(|v| number::format(*v, style))
                        .collect::<Vec<_>>()
                        .join(" + ");
                    diags.push(
                        at(
                            sub,
                            Code::W133,
                            &f.span,
                            Some(number::format(total, style)),
                            format!(
                                "«{}» ghi {} nhưng các thành phần cộng lại {} = {} (chênh {})",
                                f.code,
                                number::format(total, style),
                                terms,
                                number::format(sum, style),
                                number::format(
                                    total - sum,
                                    Style {
                                        sign: true,
                                        ..style
                                    }
                                )
                            ),
                        )
                        .with_hint(format!(
                            "kiểm tra lại số tổng và các thành phần: {}",
                            ind.parts.join(", ")
                        )),
                    );
                }
            }
        }
        for w in &ind.of_which {
            if let Some(Amount::Number { value }) = by_code.get(w.as_str()).map(|g| &g.amount)
                && *value > total
            {
                diags.push(at(
                    sub,
                    Code::W134,
                    &f.span,
                    Some(number::format(total, style)),
                    format!(
                        "thành phần «{w}» ({}) lớn hơn số tổng «{}» ({})",
                        number::format(*value, style),
                        f.code,
                        number::format(total, style)
                    ),
                ));
            }
        }
    }
}

/// Plan indicators this unit is named to report (by id) but left out, for a year's report.
fn required(
    ws: &Workspace,
    id: &Identity,
    sub: &Submission,
    seen: &HashMap<&str, &Located<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    if !id.period.is_year() {
        return;
    }
    let Some(plan) = ws.plan(id.period.year_number()) else {
        return;
    };
    let mut done = HashSet::default();
    for pi in plan
        .indicators
        .iter()
        .chain(plan.indicator_sets.iter().flat_map(|s| s.indicators.iter()))
    {
        let Some(ind) = ws.catalogue.get(&pi.code) else {
            continue;
        };
        let named = ind
            .reporters
            .iter()
            .any(|s| matches!(s, Selector::Unit(u) if *u == id.unit.id));
        if named && !seen.contains_key(pi.code.as_str()) && done.insert(pi.code.as_str()) {
            diags.push(Diagnostic::new(Code::E114, sub.file.clone(), format!(
                "thiếu chỉ tiêu «{}» ({}) của kế hoạch năm {}", pi.code, ind.name, plan.year))
                .with_hint("thêm giá trị; nếu không có số liệu, ghi «~» (YAML) hoặc để trống ô (Excel) để xác nhận là không báo cáo"));
        }
    }
}
