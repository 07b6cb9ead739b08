//! Plain-text tables for the terminal, aligned by display width (Vietnamese letters with
//! combining-free NFC text count as one column each).

/// Renders a header and rows as an aligned table with a rule under the header.
pub fn text<const N: usize>(head: &[&str; N], rows: &[[String; N]]) -> String {
    let width = |s: &str| s.chars().count();
    let mut w: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(width(c));
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w[i] - width(c)));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(head.to_vec());
    out.push_str(&line(
        w.iter()
            .map(|n| "-".repeat(*n))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    ));
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn aligns_by_characters() {
        let t = super::text(
            &["TT", "Đơn vị"],
            &[
                ["1".into(), "Sở TTTT".into()],
                ["10".into(), "Bác Ái".into()],
            ],
        );
        assert_eq!(t, "TT  Đơn vị\n--  -------\n1   Sở TTTT\n10  Bác Ái\n");
    }
}
