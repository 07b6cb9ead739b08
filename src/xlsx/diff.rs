//! A period comparison as a workbook: one sheet, bordered header, numbers as numbers.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::{Styles, write_text};
use crate::diff::periods::{PeriodDiff, change_text};
use crate::workspace::Workspace;

/// Writes the comparison `d`.
pub fn build(ws: &Workspace, d: &PeriodDiff) -> Result<Workbook, XlsxError> {
    let mut wb = super::workbook(&format!("So sánh {} và {}", d.a.label_vi(), d.b.label_vi()))?;
    let st = Styles::new();
    let s = wb.add_worksheet().set_name("So sánh")?;
    let head = [
        "Mã",
        "Chỉ tiêu",
        "Đơn vị",
        &d.a.label_vi(),
        &d.b.label_vi(),
        "Thay đổi",
        d.remainder.as_deref().unwrap_or("Còn lại"),
        "Đánh giá 1",
        "Đánh giá 2",
    ];
    for (c, (h, w)) in head
        .iter()
        .zip([22.0, 60.0, 16.0, 18.0, 18.0, 26.0, 18.0, 14.0, 14.0])
        .enumerate()
    {
        let c = u16::try_from(c).unwrap_or(0);
        s.set_column_width(c, w)?;
        write_text(s, 0, c, h, &st.header)?;
    }
    for (i, r) in d.rows.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let ind = ws.catalogue.get(&r.code);
        write_text(s, row, 0, &r.code, &st.text)?;
        let name = r.unit.as_deref().map_or_else(
            || r.name.clone(),
            |u| {
                format!(
                    "  {}",
                    r.mapped_from.clone().unwrap_or_else(|| ws
                        .registry
                        .get(u)
                        .map_or(u.to_string(), |x| x.short.clone()))
                )
            },
        );
        write_text(s, row, 1, &name, &st.text)?;
        write_text(s, row, 2, r.unit.as_deref().unwrap_or(""), &st.text)?;
        for (col, v) in [(3u16, r.a), (4, r.b), (6, r.remainder)] {
            match v.and_then(|v| v.to_f64()) {
                Some(f) => s
                    .write_number_with_format(row, col, f, &st.number)
                    .map(|_| ())?,
                None => s.write_blank(row, col, &st.text).map(|_| ())?,
            }
        }
        let change = ind
            .zip(r.change.as_ref())
            .map(|(i, c)| change_text(i, c))
            .unwrap_or_default();
        write_text(s, row, 5, &change, &st.text)?;
        write_text(s, row, 7, r.status_a.map_or("", |x| x.label()), &st.text)?;
        write_text(s, row, 8, r.status_b.map_or("", |x| x.label()), &st.text)?;
    }
    s.set_freeze_panes(1, 2)?;
    Ok(wb)
}
