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

    /// A number printed with `decimals` places; with `trim`, a value that rounds to a whole
    /// number prints without decimals ("50", "100" but "99,50"), as the seeds' tables do.
    pub fn number(v: Decimal, decimals: u32, trim: bool) -> Self {
        let rounded = crate::number::round(v, decimals);
        let decimals = if trim && rounded.fract().is_zero() {
            0
        } else {
            decimals
        };
        let text = crate::number::format(v, crate::number::Style::decimals(decimals));
        Self {
            text,
            number: Some((rounded, decimals)),
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
    /// A group heading inside a numbered hierarchy (bold, numbered like data).
    Group,
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

/// For each header position, the (row, column) where the covering cell starts.
pub type Owners = Vec<Vec<(usize, usize)>>;

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

    /// The header laid out on a grid: each position holds the (row, column) of the header
    /// cell covering it, and that cell where it starts. Cells fill the positions not yet
    /// covered by spans from rows above, left to right.
    pub fn header_layout(&self) -> (Vec<Vec<Option<&Head>>>, Owners) {
        let n = self.columns();
        let rows = self.header.len();
        let mut starts: Vec<Vec<Option<&Head>>> = vec![vec![None; n]; rows];
        let mut owner: Vec<Vec<Option<(usize, usize)>>> = vec![vec![None; n]; rows];
        for (r, row) in self.header.iter().enumerate() {
            let mut c = 0;
            for h in row {
                while c < n && owner[r][c].is_some() {
                    c += 1;
                }
                if c >= n {
                    break;
                }
                starts[r][c] = Some(h);
                for line in owner.iter_mut().skip(r).take(h.rowspan) {
                    for pos in line.iter_mut().skip(c).take(h.colspan) {
                        *pos = Some((r, c));
                    }
                }
                c += h.colspan;
            }
        }
        let owners = owner
            .into_iter()
            .enumerate()
            .map(|(r, line)| {
                line.into_iter()
                    .enumerate()
                    .map(|(c, o)| o.unwrap_or((r, c)))
                    .collect()
            })
            .collect();
        (starts, owners)
    }

    /// The header cells at the positions where they start.
    pub fn header_grid(&self) -> Vec<Vec<Option<&Head>>> {
        self.header_layout().0
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
