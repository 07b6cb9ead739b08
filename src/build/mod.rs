//! `build`: from checked submissions to the report, its phụ lục and the figures file.

pub mod table;
