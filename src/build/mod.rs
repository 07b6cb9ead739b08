//! `build`: from checked submissions to the report, its phụ lục and the figures file.

pub mod context;
pub mod figures;
pub mod output;
pub mod phuluc;
pub mod provenance;
pub mod run;
pub mod table;

pub use run::{BuildError, Built, Docx, Options, build};
