//! A selector names the units a rule applies to: one unit id, or every unit of a kind.

use std::fmt;

use serde::{Deserialize, Deserializer};

use super::units::UnitKind;

/// A unit id or a unit kind (`so-tttt`, `huyen`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Selector {
    /// Every unit of this kind.
    Kind(UnitKind),
    /// One unit.
    Unit(String),
}

impl Selector {
    /// Reads a selector: a kind name if it is one, else a unit id.
    pub fn parse(s: &str) -> Self {
        match UnitKind::from_name(s) {
            Some(k) => Self::Kind(k),
            None => Self::Unit(s.to_string()),
        }
    }
}

impl Selector {
    /// Whether the selector names this unit, by id or by kind.
    pub fn matches(&self, unit: &super::units::Unit) -> bool {
        match self {
            Self::Kind(k) => *k == unit.kind,
            Self::Unit(u) => *u == unit.id,
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Kind(k) => f.write_str(k.name()),
            Self::Unit(u) => f.write_str(u),
        }
    }
}

impl<'de> Deserialize<'de> for Selector {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(d)?))
    }
}
