//! One model for every phụ lục table, rendered two ways (Markdown for pandoc, XLSX):
//! a caption block, header rows whose cells may span rows and columns, and body rows
//! (section headings spanning the width, data rows, a Tổng row).

use rust_decimal::Decimal;
use serde::Serialize;

/// A header cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    /// Text.
    pub text: String,
    /// Columns spanned (≥ 1).
    pub colspan: usize,
    /// Rows spanned (≥ 1).
    pub rowspan: usize,
}

impl Head {
    /// A one-by-one header cell.
    pub fn cell(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
        }
    }

    /// A cell spanning `rowspan` rows and `colspan` columns.
    pub fn span(text: impl Into<String>, rowspan: usize, colspan: usize) -> Self {
        Self {
            text: text.into(),
            colspan: colspan.max(1),
            rowspan: rowspan.max(1),
        }
    }
}

/// A body cell: its printed text, and the exact number behind it when it is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The text as printed ("1.126", "99,47").
    pub text: String,
    /// The value and printed decimals, stored as a number in XLSX.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<(Decimal, u32)>,
}

impl Cell {
    /// A text cell.
    pub fn text(t: impl Into<String>) -> Self {
        Self {
            text: t.into(),
            number: None,
        }
    }

    /// A number printed with `decimals` places (or fewer when `trim`).
    pub fn number(v: Decimal, decimals: u32, trim: bool) -> Self {
        let text = crate::number::format(
            v,
            crate::number::Style {
                decimals,
                trim,
                ..Default::default()
            },
        );
        Self {
            text,
            number: Some((crate::number::round(v, decimals), decimals)),
        }
    }
}

/// What a body row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A heading spanning the table (its text is the first cell).
    Section,
    /// A row of data.
    Data,
    /// A total row, bold.
    Total,
}

/// A body row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Kind.
    pub kind: RowKind,
    /// Cells (one for a section row).
    pub cells: Vec<Cell>,
}

/// A phụ lục.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// "PHỤ LỤC 1".
    pub label: String,
    /// Title line.
    pub title: String,
    /// "(Kèm theo Báo cáo số …)".
    pub attached: String,
    /// Short sheet name for XLSX (≤ 31 characters).
    pub sheet: String,
    /// Header rows.
    pub header: Vec<Vec<Head>>,
    /// Relative column widths (characters) for XLSX.
    pub widths: Vec<u16>,
    /// Body.
    pub rows: Vec<Row>,
}

impl Table {
    /// Number of columns.
    pub fn columns(&self) -> usize {
        self.widths.len()
    }

    /// The header as a grid: for each header row, each column's text, and whether the
    /// position is covered by a span from above or the left (`None`).
    pub fn header_grid(&self) -> Vec<Vec<Option<&Head>>> {
        let n = self.columns();
        let mut grid: Vec<Vec<Option<&Head>>> = vec![vec![None; n]; self.header.len()];
        let mut taken = vec![vec![false; n]; self.header.len()];
        for (r, row) in self.header.iter().enumerate() {
            let mut c = 0;
            for h in row {
                while c < n && taken[r][c] {
                    c += 1;
                }
                if c >= n {
                    break;
                }
                grid[r][c] = Some(h);
                for rr in r..(r + h.rowspan).min(self.header.len()) {
                    for cc in c..(c + h.colspan).min(n) {
                        taken[rr][cc] = true;
                    }
                }
                c += h.colspan;
            }
        }
        grid
    }

    /// Whether any header cell spans more than one row or column.
    pub fn has_spans(&self) -> bool {
        self.header.len() > 1
            || self
                .header
                .iter()
                .flatten()
                .any(|h| h.colspan > 1 || h.rowspan > 1)
    }
}
