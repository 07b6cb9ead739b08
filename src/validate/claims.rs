//! Figures against the previous year's stored figures: stated changes ("tăng 0,54 điểm
//! phần trăm", "tăng 31,07%") and values far from the unit's previous value.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::aggregate::Total;
use crate::diag::{Code, Diagnostic};
use crate::number::{self, Style};
use crate::period::Period;
use crate::report::{ClaimKind, UnitReport};
use crate::schema::{Aggregate, IndicatorKind};
use crate::workspace::Workspace;

/// A value this many times larger or smaller than the unit's previous one is flagged.
const OUTLIER_FACTOR: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

pub(crate) fn check(
    ws: &Workspace,
    period: Period,
    reports: &[UnitReport],
    previous: Option<&BTreeMap<String, Total>>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(previous) = previous else { return };
    let Some(prev_period) = period.previous_year() else {
        return;
    };
    for r in reports {
        for f in &r.figures {
            let Some(ind) = ws.catalogue.get(&f.code) else {
                continue;
            };
            let Some(prev_total) = previous.get(&f.code) else {
                continue;
            };
            let own = prev_total
                .contributions
                .iter()
                .find(|c| c.unit == r.unit)
                .map(|c| &c.amount);
            let base = own
                .or((ind.aggregate == Aggregate::Owner).then_some(&prev_total.amount))
                .and_then(|a| a.numeric());
            let (Some(cur), Some(prev)) = (f.amount.numeric(), base) else {
                continue;
            };
            let is_rate = matches!(ind.kind, IndicatorKind::Percent | IndicatorKind::Ratio);
            if let Some(claim) = &f.claim {
                let dp = claim.value.scale();
                let points = cur - prev;
                let relative =
                    (!prev.is_zero()).then(|| (cur - prev) * Decimal::ONE_HUNDRED / prev);
                let pct = |v: Decimal, unit: &str| {
                    format!(
                        "{} {unit}",
                        number::format(
                            v,
                            Style {
                                sign: true,
                                ..Style::decimals(dp.max(1))
                            }
                        )
                    )
                };
                let stated = match claim.kind {
                    ClaimKind::Points => pct(claim.value, "điểm phần trăm"),
                    ClaimKind::Percent => pct(claim.value, "%"),
                };
                let prev_text = number::format(
                    prev,
                    Style {
                        decimals: ind.decimals.max(
                            Some(prev.normalize().scale())
                                .filter(|s| *s <= 4)
                                .unwrap_or(0),
                        ),
                        trim: false,
                        percent: is_rate,
                        ..Style::default()
                    },
                );
                let base_msg = format!("so với {} ({prev_text})", prev_period.label_vi());
                match claim.kind {
                    ClaimKind::Points if is_rate && number::round(points, dp) != claim.value => {
                        diags.push(claim_diag(f, Code::W135, format!(
                            "«{}» nêu thay đổi {stated} {base_msg}, nhưng số liệu đã lưu cho thấy {}", f.code, pct(points, "điểm phần trăm"))));
                    }
                    ClaimKind::Percent if is_rate && number::round(points, dp) == claim.value => {
                        diags.push(claim_diag(f, Code::W136, format!(
                            "«{}» nêu «tăng {}%» {base_msg}, nhưng đó là chênh lệch giữa hai tỷ lệ: {}", f.code,
                            number::format(claim.value, Style::decimals(dp)), pct(points, "điểm phần trăm")))
                            .with_hint("chênh lệch giữa hai tỷ lệ phần trăm ghi bằng «điểm phần trăm»; báo cáo sẽ viết đúng như vậy"));
                    }
                    ClaimKind::Percent
                        if relative.is_some_and(|rel| number::round(rel, dp) != claim.value) =>
                    {
                        let rel = relative.unwrap_or_default();
                        diags.push(claim_diag(f, Code::W135, format!(
                            "«{}» nêu thay đổi {stated} {base_msg}, nhưng số liệu đã lưu cho thấy {}", f.code, pct(rel, "%"))));
                    }
                    _ => {}
                }
            }
            if !is_rate && !prev.is_zero() && !cur.is_zero() {
                let ratio = cur / prev;
                if ratio >= OUTLIER_FACTOR || ratio * OUTLIER_FACTOR <= Decimal::ONE {
                    let style = Style::decimals(ind.decimals);
                    diags.push(
                        Diagnostic::new(
                            Code::W137,
                            &*f.file,
                            format!(
                                "«{}» là {}, {} {} của chính đơn vị ({})",
                                f.code,
                                number::format(cur, style),
                                if ratio >= Decimal::ONE {
                                    format!(
                                        "gấp {} lần",
                                        number::format(
                                            ratio,
                                            Style {
                                                decimals: 1,
                                                trim: true,
                                                ..Style::default()
                                            }
                                        )
                                    )
                                } else {
                                    format!(
                                        "chỉ bằng {} số liệu",
                                        number::format(
                                            ratio * Decimal::ONE_HUNDRED,
                                            Style {
                                                decimals: 1,
                                                trim: true,
                                                percent: true,
                                                ..Style::default()
                                            }
                                        )
                                    )
                                },
                                prev_period.label_vi(),
                                number::format(prev, style)
                            ),
                        )
                        .at(f.span.clone())
                        .with_hint(
                            "kiểm tra lại số liệu (nhầm đơn vị tính, thừa hoặc thiếu chữ số?)",
                        ),
                    );
                }
            }
        }
    }
}

fn claim_diag(f: &crate::report::Figure, code: Code, msg: String) -> Diagnostic {
    let span = f
        .claim
        .as_ref()
        .map_or_else(|| f.span.clone(), |c| c.span.clone());
    Diagnostic::new(code, &*f.file, msg).at(span)
}
