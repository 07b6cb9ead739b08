//! Comparisons: two periods (per indicator, with the remainder of a year after its first
//! months, and per unit through mergers), or two versions of one unit's submission.

pub mod files;
pub mod periods;
