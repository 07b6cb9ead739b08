//! Plan evaluation: each plan indicator's provincial figure against its target — đạt,
//! vượt, chưa đạt, or chưa đánh giá (no data, no target, or marked not assessable) — by the
//! indicator's good direction and the target's form.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::number;
use crate::report::Amount;
use crate::schema::{Better, Indicator, Target};

/// The verdict on one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Target exceeded.
    Vuot,
    /// Target met exactly.
    Dat,
    /// Target missed.
    ChuaDat,
    /// Cannot be judged.
    ChuaDanhGia,
}

impl Status {
    /// The word in the Đánh giá column.
    pub fn label(self) -> &'static str {
        match self {
            Self::Vuot => "Vượt",
            Self::Dat => "Đạt",
            Self::ChuaDat => "Chưa đạt",
            Self::ChuaDanhGia => "Chưa đánh giá",
        }
    }

    /// Đạt or vượt.
    pub fn is_met(self) -> bool {
        matches!(self, Self::Vuot | Self::Dat)
    }
}

/// Why an indicator could not be judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Unjudged {
    /// The plan gives no target for it.
    NoTarget,
    /// No unit reported it.
    NoData,
    /// The reporting unit marked it not assessable.
    NotAssessed {
        /// The unit's reason.
        text: String,
    },
}

/// An evaluated plan indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// The verdict.
    pub status: Status,
    /// Why not judged, for chưa đánh giá.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unjudged: Option<Unjudged>,
    /// The compared actual value (a fraction as a percentage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Decimal>,
    /// The target value, when it is a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Decimal>,
    /// Actual as a percentage of the target ("Tỷ lệ so với KH"), when both are numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio_to_plan: Option<Decimal>,
}

impl Evaluation {
    fn unjudged(why: Unjudged) -> Self {
        Self {
            status: Status::ChuaDanhGia,
            unjudged: Some(why),
            actual: None,
            target: None,
            ratio_to_plan: None,
        }
    }
}

/// Judges `actual` against `target` for `ind`. Values are compared after rounding the
/// actual to the indicator's printed decimals, so that 99,996 % counts as 100 %.
pub fn evaluate(ind: &Indicator, target: Option<&Target>, actual: &Amount) -> Evaluation {
    if let Amount::NotAssessed { reason } = actual {
        return Evaluation::unjudged(Unjudged::NotAssessed {
            text: reason.clone(),
        });
    }
    let Some(target) = target else {
        return Evaluation::unjudged(Unjudged::NoTarget);
    };
    if let (Target::Yes(want), Amount::Bool { value }) = (target, actual) {
        let status = if value == want {
            Status::Dat
        } else {
            Status::ChuaDat
        };
        return Evaluation {
            status,
            unjudged: None,
            actual: None,
            target: None,
            ratio_to_plan: None,
        };
    }
    let Some(raw) = actual.numeric() else {
        return Evaluation::unjudged(Unjudged::NoData);
    };
    let value = number::round(raw, ind.decimals);
    let (goal, higher_is_better) = match target {
        Target::Value(t) => (*t, ind.better == Better::Higher),
        Target::Min(t) => (*t, true),
        Target::Max(t) => (*t, false),
        Target::RankAtMost(r) => (Decimal::from(*r), false),
        Target::Yes(_) => return Evaluation::unjudged(Unjudged::NoData),
    };
    let status = match (value.cmp(&goal), higher_is_better) {
        (std::cmp::Ordering::Equal, _) => Status::Dat,
        (std::cmp::Ordering::Greater, true) | (std::cmp::Ordering::Less, false) => Status::Vuot,
        _ => Status::ChuaDat,
    };
    let ratio_to_plan = (!goal.is_zero() && !matches!(target, Target::RankAtMost(_)))
        .then(|| {
            raw.checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(goal))
        })
        .flatten();
    Evaluation {
        status,
        unjudged: None,
        actual: Some(raw),
        target: Some(goal),
        ratio_to_plan,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;
    use crate::schema::{Catalogue, Registry};
    use std::str::FromStr;

    fn catalogue() -> Catalogue {
        let reg = Registry::load(&Source::new(
            "u",
            "units:\n  - {id: a, name: A, short: A, kind: so_nganh}\n".into(),
        ))
        .expect("units");
        Catalogue::load(&Source::new("i", "groups: [{id: g, name: G}]\nindicators:
  - {code: g.pct, name: P, group: g, unit: '%', kind: percent, decimals: 2, aggregate: owner, reporters: a}
  - {code: g.late, name: L, group: g, unit: '%', kind: percent, better: lower, aggregate: owner, reporters: a}
  - {code: g.rank, name: R, group: g, unit: hạng, kind: rank, out_of: 63, aggregate: owner, reporters: a}
  - {code: g.yes, name: Y, group: g, unit: '', kind: yes_no, aggregate: owner, reporters: a}
  - {code: g.ratio, name: Q, group: g, unit: '%', kind: ratio, aggregate: owner, reporters: a, denominator: target}
".into()), &reg).expect("catalogue")
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn num(s: &str) -> Amount {
        Amount::Number { value: d(s) }
    }

    #[test]
    fn directions_and_target_forms() {
        let c = catalogue();
        let pct = c.get("g.pct").expect("pct");
        // kts.kts_grdp 2024: 10,16 % against 12 % → chưa đạt, 84,67 % of plan.
        let e = evaluate(pct, Some(&Target::Value(d("12"))), &num("10.1592"));
        assert_eq!(e.status, Status::ChuaDat);
        assert_eq!(
            e.ratio_to_plan.map(|r| number::round(r, 2)),
            Some(d("84.66"))
        );
        assert_eq!(
            evaluate(pct, Some(&Target::Value(d("12"))), &num("12")).status,
            Status::Dat
        );
        assert_eq!(
            evaluate(pct, Some(&Target::Value(d("12"))), &num("12.5")).status,
            Status::Vuot
        );
        assert_eq!(
            evaluate(pct, Some(&Target::Value(d("100"))), &num("99.996")).status,
            Status::Dat
        );
        assert_eq!(
            evaluate(pct, Some(&Target::Max(d("5"))), &num("4")).status,
            Status::Vuot
        );
        assert_eq!(
            evaluate(pct, Some(&Target::Min(d("5"))), &num("4")).status,
            Status::ChuaDat
        );
        let late = c.get("g.late").expect("late");
        assert_eq!(
            evaluate(late, Some(&Target::Value(d("1"))), &num("0.27")).status,
            Status::Vuot
        );
        assert_eq!(
            evaluate(late, Some(&Target::Value(d("1"))), &num("1.5")).status,
            Status::ChuaDat
        );
        let rank = c.get("g.rank").expect("rank");
        assert_eq!(
            evaluate(rank, Some(&Target::RankAtMost(15)), &num("27")).status,
            Status::ChuaDat
        );
        assert_eq!(
            evaluate(rank, Some(&Target::RankAtMost(30)), &num("27")).status,
            Status::Vuot
        );
        assert_eq!(
            evaluate(rank, Some(&Target::RankAtMost(30)), &num("27")).ratio_to_plan,
            None
        );
        let yes = c.get("g.yes").expect("yes");
        assert_eq!(
            evaluate(yes, Some(&Target::Yes(true)), &Amount::Bool { value: true }).status,
            Status::Dat
        );
        assert_eq!(
            evaluate(
                yes,
                Some(&Target::Yes(true)),
                &Amount::Bool { value: false }
            )
            .status,
            Status::ChuaDat
        );
        let ratio = c.get("g.ratio").expect("ratio");
        // BHYT on VNeID: 371.163/359.834 = 103,15 % against 100 % → vượt.
        let e = evaluate(
            ratio,
            Some(&Target::Value(d("100"))),
            &Amount::Fraction {
                numerator: d("371163"),
                denominator: d("359834"),
            },
        );
        assert_eq!(e.status, Status::Vuot);
        assert_eq!(e.actual.map(|a| number::round(a, 2)), Some(d("103.15")));
    }

    #[test]
    fn what_cannot_be_judged() {
        let c = catalogue();
        let pct = c.get("g.pct").expect("pct");
        let reason = Amount::NotAssessed {
            reason: "không có kinh phí và cơ sở tính toán".into(),
        };
        let e = evaluate(pct, Some(&Target::Value(d("7"))), &reason);
        assert_eq!(e.status, Status::ChuaDanhGia);
        assert!(matches!(e.unjudged, Some(Unjudged::NotAssessed { .. })));
        assert_eq!(
            evaluate(pct, Some(&Target::Value(d("7"))), &Amount::Missing).unjudged,
            Some(Unjudged::NoData)
        );
        assert_eq!(
            evaluate(pct, None, &num("7")).unjudged,
            Some(Unjudged::NoTarget)
        );
        assert_eq!(Status::ChuaDanhGia.label(), "Chưa đánh giá");
        assert!(Status::Vuot.is_met() && Status::Dat.is_met() && !Status::ChuaDat.is_met());
    }
}
