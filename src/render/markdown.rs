//! Phụ lục tables as Markdown that pandoc converts: pipe tables when the header is one
//! plain row, grid tables (pandoc 3 row and column spans) when it has merged cells. Cell
//! text from units is escaped so it cannot break a table or inject markup.

use crate::build::table::{Row, RowKind, Table};

/// Escapes Markdown markup characters in a cell's or paragraph's text, folding line
/// breaks to spaces, so that unit-provided text can neither break a table nor start a list,
/// a heading or a quote ("- Riêng tiếng…", "(1)", "1. …" stay text).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let trimmed = text.trim_start();
    // A marker counts only when a space or the end follows it, as in Markdown.
    let ends_marker = |rest: &str| rest.is_empty() || rest.starts_with(' ');
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let list_marker = (trimmed.starts_with(['-', '+', '=']) && ends_marker(&trimmed[1..]))
        || (digits > 0
            && trimmed[digits..].starts_with(['.', ')'])
            && ends_marker(&trimmed[digits + 1..]))
        || (trimmed.starts_with('(') && trimmed[1..].starts_with(|c: char| c.is_ascii_digit()));
    if list_marker {
        out.push('\\');
    }
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Splits `text` into lines of at most `width` characters at spaces (longer words stay whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = cur.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// The caption block and the table, as Markdown: a grid table when the header has merged
/// cells, else a pipe table.
pub fn table(t: &Table) -> String {
    table_for(t, true)
}

/// Like [`table`]; without `spans` (pandoc before 3 reads no merged cells) every table is a
/// pipe table whose one header row joins the texts of the merged header cells above each
/// column ("Năm 2024 – Kế hoạch năm 2024").
pub fn table_for(t: &Table, spans: bool) -> String {
    let mut out = format!(
        "<!-- cdsreport:giua -->\n**{}**\n\n**{}**\n\n*{}*\n<!-- /cdsreport:giua -->\n\n",
        t.label,
        escape(&t.title),
        escape(&t.attached)
    );
    out.push_str(&if spans && t.has_spans() {
        grid(t)
    } else {
        pipe(t)
    });
    out.push('\n');
    out
}

/// One header text per column: the texts of the header cells covering it, top to bottom.
fn flat_header(t: &Table) -> Vec<String> {
    let (starts, owners) = t.header_layout();
    (0..t.columns())
        .map(|c| {
            let mut parts: Vec<&str> = Vec::new();
            for line in &owners {
                let (r, c0) = line[c];
                if let Some(h) = starts[r][c0]
                    && !parts.contains(&h.text.as_str())
                {
                    parts.push(&h.text);
                }
            }
            parts.join(" – ")
        })
        .collect()
}

fn pipe(t: &Table) -> String {
    let cells = |v: Vec<String>| format!("| {} |\n", v.join(" | "));
    let mut out = cells(flat_header(t).iter().map(|h| escape(h)).collect());
    out.push_str(&format!(
        "|{}\n",
        t.widths
            .iter()
            .map(|w| format!("{}|", "-".repeat(usize::from(*w).clamp(3, 60))))
            .collect::<String>()
    ));
    for r in &t.rows {
        let mut v: Vec<String> = r.cells.iter().map(|c| escape(&c.text)).collect();
        if r.kind == RowKind::Section {
            v.resize(t.columns(), String::new());
            v[0] = format!("**{}**", v[0]);
        }
        if matches!(r.kind, RowKind::Total | RowKind::Group) {
            v = v
                .into_iter()
                .map(|c| if c.is_empty() { c } else { format!("**{c}**") })
                .collect();
        }
        out.push_str(&cells(v));
    }
    out
}

use crate::build::table::Owners;

fn grid(t: &Table) -> String {
    let n = t.columns();
    let (hg, mut owners) = t.header_layout();
    let header_rows = t.header.len();
    // Body owners: sections span the width.
    for (i, row) in t.rows.iter().enumerate() {
        let r = header_rows + i;
        owners.push(
            (0..n)
                .map(|c| {
                    if row.kind == RowKind::Section {
                        (r, 0)
                    } else {
                        (r, c)
                    }
                })
                .collect(),
        );
    }
    // Column widths: the declared width, at least the widest unbreakable word.
    let mut w: Vec<usize> = t
        .widths
        .iter()
        .map(|x| usize::from(*x).clamp(3, 60))
        .collect();
    let text_at = |r: usize, c: usize| -> Option<String> {
        if r < header_rows {
            hg[r][c].map(|h| escape(&h.text))
        } else {
            let row = &t.rows[r - header_rows];
            row.cells.get(c).map(|cell| cell_text(row, &cell.text))
        }
    };
    for r in 0..owners.len() {
        for c in 0..n {
            if owners[r][c] == (r, c)
                && span_cols(&owners, r, c) == 1
                && let Some(text) = text_at(r, c)
            {
                let longest = text
                    .split(' ')
                    .map(|s| s.chars().count())
                    .max()
                    .unwrap_or(0);
                w[c] = w[c].max(longest);
            }
        }
    }
    let mut out = border(&owners, None, 0, &w, '-');
    for r in 0..owners.len() {
        // Content lines: each owner prints its wrapped text on its first row only.
        let starts: Vec<usize> = (0..n)
            .filter(|&c| c == 0 || owners[r][c] != owners[r][c - 1])
            .collect();
        let spans: Vec<(usize, usize)> = starts
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, starts.get(i + 1).copied().unwrap_or(n)))
            .collect();
        let contents: Vec<Vec<String>> = spans
            .iter()
            .map(|&(s, e)| {
                let width = (s..e).map(|c| w[c]).sum::<usize>() + 3 * (e - s - 1);
                if owners[r][s] == (r, s) {
                    text_at(r, s).map_or_else(|| vec![String::new()], |t| wrap(&t, width))
                } else {
                    vec![String::new()]
                }
            })
            .collect();
        let height = contents.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let mut s = String::new();
            for (k, &(a, b)) in spans.iter().enumerate() {
                let width = (a..b).map(|c| w[c]).sum::<usize>() + 3 * (b - a - 1);
                s.push_str("| ");
                s.push_str(&pad(
                    contents[k].get(line).map_or("", String::as_str),
                    width,
                ));
                s.push(' ');
            }
            s.push_str("|\n");
            out.push_str(&s);
        }
        let fill = if r + 1 == header_rows { '=' } else { '-' };
        out.push_str(&border(&owners, Some(r), r + 1, &w, fill));
    }
    out
}

fn cell_text(row: &Row, text: &str) -> String {
    let t = escape(text);
    match row.kind {
        RowKind::Section if !t.is_empty() => format!("**{t}**"),
        RowKind::Total | RowKind::Group if !t.is_empty() => format!("**{t}**"),
        _ => t,
    }
}

fn span_cols(owners: &Owners, r: usize, c: usize) -> usize {
    owners[r]
        .iter()
        .skip(c)
        .take_while(|o| **o == owners[r][c])
        .count()
}

/// The line between row `above` (None: top edge) and row `below` (== len: bottom edge).
fn border(owners: &Owners, above: Option<usize>, below: usize, w: &[usize], fill: char) -> String {
    let n = w.len();
    let at = |r: Option<usize>, c: usize| r.and_then(|r| owners.get(r)).map(|row| row[c]);
    let (a, b) = (above, (below < owners.len()).then_some(below));
    // A column segment has a horizontal line unless one cell continues through it.
    let horiz = |c: usize| at(a, c).is_none() || at(b, c).is_none() || at(a, c) != at(b, c);
    let mut s = String::new();
    #[allow(clippy::needless_range_loop)] // c runs over the n + 1 junctions, not the n columns
    for c in 0..=n {
        let h = (c > 0 && horiz(c - 1)) || (c < n && horiz(c));
        let v = c == 0
            || c == n
            || [a, b]
                .iter()
                .any(|&r| at(r, c - 1).is_some() && at(r, c - 1) != at(r, c));
        s.push(match (h, v) {
            (true, true) => '+',
            (false, true) => '|',
            (true, false) => fill,
            (false, false) => ' ',
        });
        if c < n {
            let seg = if horiz(c) { fill } else { ' ' };
            s.push_str(&seg.to_string().repeat(w[c] + 2));
        }
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::table::{Cell, Head};

    fn sample(spans: bool) -> Table {
        let header = if spans {
            vec![
                vec![
                    Head::span("TT", 2, 1),
                    Head::span("Chỉ tiêu", 2, 1),
                    Head::span("Năm 2024", 1, 2),
                ],
                vec![Head::cell("Kế hoạch"), Head::cell("Thực hiện")],
            ]
        } else {
            vec![vec![
                Head::cell("TT"),
                Head::cell("Chỉ tiêu"),
                Head::cell("Kế hoạch"),
                Head::cell("Thực hiện"),
            ]]
        };
        Table {
            label: "PHỤ LỤC 1".into(),
            title: "Các chỉ tiêu".into(),
            attached: "(Kèm theo Báo cáo số …)".into(),
            sheet: "PL1".into(),
            header,
            widths: vec![4, 20, 9, 9],
            rows: vec![
                Row {
                    kind: RowKind::Section,
                    cells: vec![Cell::text("I. CHÍNH QUYỀN SỐ")],
                },
                Row {
                    kind: RowKind::Data,
                    cells: vec![
                        Cell::text("1"),
                        Cell::text("Tỷ lệ | hồ sơ *trực tuyến*"),
                        Cell::text("80"),
                        Cell::text("80,68"),
                    ],
                },
            ],
        }
    }

    #[test]
    fn pipe_table_escapes_unit_text() {
        let md = table(&sample(false));
        assert!(
            md.contains("| TT | Chỉ tiêu | Kế hoạch | Thực hiện |\n"),
            "{md}"
        );
        assert!(
            md.contains("| 1 | Tỷ lệ \\| hồ sơ \\*trực tuyến\\* | 80 | 80,68 |"),
            "{md}"
        );
        assert!(md.contains("| **I. CHÍNH QUYỀN SỐ** |  |  |  |"), "{md}");
    }

    #[test]
    fn without_spans_the_header_is_flattened_into_one_pipe_row() {
        let md = table_for(&sample(true), false);
        assert!(
            md.contains("| TT | Chỉ tiêu | Năm 2024 – Kế hoạch | Năm 2024 – Thực hiện |\n"),
            "{md}"
        );
        assert!(!md.contains("+---"), "{md}");
    }

    #[test]
    fn block_markers_at_the_start_stay_text() {
        assert_eq!(
            escape("- Riêng tiếng Dân tộc thiểu số"),
            "\\- Riêng tiếng Dân tộc thiểu số"
        );
        assert_eq!(escape("(1)"), "\\(1)");
        assert_eq!(escape("(6)/(5)"), "\\(6)/(5)");
        assert_eq!(escape("-"), "\\-");
        assert_eq!(escape("1. Kế hoạch"), "\\1. Kế hoạch");
        assert_eq!(escape("-0,54"), "-0,54");
        assert_eq!(escape("1.126"), "1.126");
        assert_eq!(escape("# tiêu đề"), "\\# tiêu đề");
        assert_eq!(
            escape("Trong đó: - Chương trình"),
            "Trong đó: - Chương trình"
        );
    }

    #[test]
    fn grid_table_with_row_and_column_spans() {
        let md = grid(&sample(true));
        let expected = "\
+------+----------------------+-----------------------+
| TT   | Chỉ tiêu             | Năm 2024              |
|      |                      +-----------+-----------+
|      |                      | Kế hoạch  | Thực hiện |
+======+======================+===========+===========+
| **I. CHÍNH QUYỀN SỐ**                               |
+------+----------------------+-----------+-----------+
| 1    | Tỷ lệ \\| hồ sơ       | 80        | 80,68     |
|      | \\*trực tuyến\\*       |           |           |
+------+----------------------+-----------+-----------+
";
        assert_eq!(md, expected, "\n{md}");
    }
}
