//! The workspace's reference data, typed and checked at load time: the unit registry,
//! the indicator catalogue and the yearly plans.

pub mod indicators;
pub mod plan;
pub mod selector;
pub mod units;

pub use indicators::{
    Aggregate, Better, Catalogue, DenominatorKind, Flow, Group, Indicator, IndicatorKind,
};
pub use plan::{Basis, DocumentRef, Due, Plan, PlanIndicator, Target, Task, TaskList};
pub use selector::Selector;
pub use units::{Registry, Unit, UnitCount, UnitKind};

/// Whether `s` is a valid unit id: `[a-z0-9][a-z0-9-]*`, at most 64 characters.
pub fn is_unit_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

#[cfg(test)]
mod tests {
    use super::is_unit_id;

    #[test]
    fn unit_ids() {
        for ok in ["so-tttt", "h-bac-ai", "tp-phan-rang-thap-cham", "a", "0x"] {
            assert!(is_unit_id(ok), "{ok}");
        }
        for bad in [
            "", "-a", "Sở", "so_tttt", "../../x", "a/b", "A", "so tttt", "a.b",
        ] {
            assert!(!is_unit_id(bad), "{bad}");
        }
    }
}
