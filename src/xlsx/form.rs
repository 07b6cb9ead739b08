//! The unit's Excel form (`cdsreport template`): its indicators with what to enter and
//! last period's figure for reference, its tasks with a status dropdown, products and
//! narrative sheets; headers and codes locked, input cells open, panes frozen.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::{Styles, write_text};
use crate::aggregate::Total;
use crate::period::Period;
use crate::report::{Amount, SECTIONS, Status};
use crate::schema::{Indicator, IndicatorKind, Selector, Unit};
use crate::submission::xlsx::{header, info, sheet};
use crate::workspace::Workspace;

/// Rows of empty product lines offered.
const PRODUCT_ROWS: u32 = 10;

/// The indicators a unit reports: every catalogue indicator naming it or its kind.
pub fn unit_indicators<'w>(ws: &'w Workspace, unit: &Unit) -> Vec<&'w Indicator> {
    ws.catalogue
        .indicators()
        .iter()
        .filter(|i| i.reporters.iter().any(|s| s.matches(unit)))
        .collect()
}

/// What to enter, in words.
fn how_to(ind: &Indicator) -> String {
    match ind.kind {
        IndicatorKind::Ratio => format!(
            "Tử số: {}; Mẫu số: {}",
            ind.numerator_label.as_deref().unwrap_or("số đạt"),
            ind.denominator_label.as_deref().unwrap_or("tổng số")
        ),
        IndicatorKind::Percent => "Tỷ lệ % (ví dụ 99,47)".to_string(),
        IndicatorKind::Count => "Số nguyên".to_string(),
        IndicatorKind::Amount => format!("Số ({})", ind.unit),
        IndicatorKind::Rank => format!(
            "Thứ hạng{}",
            ind.out_of
                .map(|o| format!(" (trên {o})"))
                .unwrap_or_default()
        ),
        IndicatorKind::YesNo => "Có hoặc Không".to_string(),
        IndicatorKind::Text => "Nội dung".to_string(),
    }
}

/// Writes the form of `unit` for `period` into a new workbook.
pub fn build(
    ws: &Workspace,
    unit: &Unit,
    period: Period,
    previous: Option<(&Period, &std::collections::BTreeMap<String, Total>)>,
) -> Result<Workbook, XlsxError> {
    let mut wb = super::workbook(&format!(
        "Biểu mẫu số liệu chuyển đổi số — {} — {}",
        unit.short,
        period.label_vi()
    ))?;
    let st = Styles::new();
    let protection = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        delete_rows: true,
        ..ProtectionOptions::default()
    };

    // Thông tin
    let s = wb.add_worksheet().set_name(sheet::INFO)?;
    s.set_column_width(0, 24)?.set_column_width(1, 60)?;
    write_text(s, 0, 0, "BIỂU MẪU SỐ LIỆU CHUYỂN ĐỔI SỐ", &st.title)?;
    write_text(
        s,
        1,
        0,
        &format!("{} — {}", ws.config.province.name, period.label_vi()),
        &st.note,
    )?;
    let rows: [(&str, &str); 3] = [
        (info::UNIT, &unit.id),
        ("Tên đơn vị", &unit.name),
        (info::PERIOD, &period.to_string()),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let r = 3 + u32::try_from(i).unwrap_or(0);
        write_text(s, r, 0, label, &st.header)?;
        write_text(s, r, 1, value, &st.text)?;
    }
    write_text(s, 6, 0, info::AS_OF, &st.header)?;
    s.write_blank(6, 1, &st.input_date)?;
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            excel_date(period.start())?,
            excel_date(period.end())?,
        ))
        .set_error_message(format!(
            "Ngày chốt số liệu phải nằm trong {}",
            period.label_vi()
        ))?;
    s.add_data_validation(6, 1, 6, 1, &dates)?;
    write_text(s, 7, 0, info::PREPARED_BY, &st.header)?;
    write_text(s, 7, 1, "", &st.input_text)?;
    let guide = [
        "Hướng dẫn: điền số liệu vào các ô trắng ở trang «Chỉ tiêu», «Nhiệm vụ», «Sản phẩm», «Thuyết minh».",
        "Số nhập dạng số; nếu nhập dạng chữ, dùng dấu chấm phân cách hàng nghìn và dấu phẩy thập phân (1.126; 2.826,5).",
        "Ô để trống nghĩa là «không báo cáo» (khác với số 0).",
        "Kiểm tra trước khi gửi: cdsreport validate <tệp này>",
    ];
    for (i, g) in guide.iter().enumerate() {
        write_text(s, 9 + u32::try_from(i).unwrap_or(0), 0, g, &st.note)?;
    }
    s.protect_with_options(&protection);

    // Chỉ tiêu
    let prev_label = previous.map_or_else(
        || "Kỳ trước (tham khảo)".to_string(),
        |(p, _)| format!("Số liệu {} (tham khảo)", p.label_vi()),
    );
    let s = wb.add_worksheet().set_name(sheet::VALUES)?;
    let heads = [
        header::CODE,
        header::NAME,
        header::UNIT,
        header::VALUE,
        header::DENOMINATOR,
        header::NOTE,
        &prev_label,
        "Cách nhập",
    ];
    let widths = [22.0, 60.0, 12.0, 16.0, 14.0, 24.0, 18.0, 36.0];
    for (c, (h, w)) in heads.iter().zip(widths).enumerate() {
        let c = u16::try_from(c).unwrap_or(0);
        s.set_column_width(c, w)?;
        write_text(s, 0, c, h, &st.header)?;
    }
    s.set_row_height(0, 32)?;
    let non_negative = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_message("Giá trị phải là số không âm")?;
    let yes_no = DataValidation::new().allow_list_strings(&["Có", "Không"])?;
    for (i, ind) in unit_indicators(ws, unit).into_iter().enumerate() {
        let r = 1 + u32::try_from(i).unwrap_or(0);
        write_text(s, r, 0, &ind.code, &st.text)?;
        write_text(s, r, 1, &ind.name, &st.text)?;
        write_text(s, r, 2, &ind.unit, &st.text)?;
        match ind.kind {
            IndicatorKind::Text => write_text(s, r, 3, "", &st.input_text)?,
            IndicatorKind::YesNo => {
                write_text(s, r, 3, "", &st.input_text)?;
                s.add_data_validation(r, 3, r, 3, &yes_no)?;
            }
            _ => {
                s.write_blank(r, 3, &st.input_number)?;
                s.add_data_validation(r, 3, r, 3, &non_negative)?;
            }
        }
        if ind.kind == IndicatorKind::Ratio {
            s.write_blank(r, 4, &st.input_number)?;
            s.add_data_validation(r, 4, r, 4, &non_negative)?;
        } else {
            s.write_blank(r, 4, &st.disabled)?;
        }
        write_text(s, r, 5, "", &st.input_text)?;
        write_previous(
            s,
            r,
            previous.and_then(|(_, t)| t.get(&ind.code)),
            &unit.id,
            &st,
        )?;
        write_text(s, r, 7, &how_to(ind), &st.text)?;
    }
    s.set_freeze_panes(1, 3)?;
    s.protect_with_options(&protection);

    // Nhiệm vụ
    let s = wb.add_worksheet().set_name(sheet::TASKS)?;
    let heads = [
        header::CODE,
        header::TASK,
        header::STATUS,
        header::RESULT,
        header::DOCUMENTS,
    ];
    for (c, (h, w)) in heads.iter().zip([12.0, 60.0, 20.0, 50.0, 36.0]).enumerate() {
        let c = u16::try_from(c).unwrap_or(0);
        s.set_column_width(c, w)?;
        write_text(s, 0, c, h, &st.header)?;
    }
    let labels: Vec<&str> = Status::ALL.iter().map(|st| st.label()).collect();
    let statuses = DataValidation::new().allow_list_strings(&labels)?;
    let tasks: Vec<_> = ws
        .plan(period.year_number())
        .map(|p| p.tasks().filter(|t| leads(&t.lead, unit)).collect())
        .unwrap_or_default();
    for (i, t) in tasks.iter().enumerate() {
        let r = 1 + u32::try_from(i).unwrap_or(0);
        write_text(s, r, 0, &t.id, &st.text)?;
        write_text(s, r, 1, &t.title, &st.text)?;
        write_text(s, r, 2, "", &st.input_text)?;
        s.add_data_validation(r, 2, r, 2, &statuses)?;
        write_text(s, r, 3, "", &st.input_text)?;
        write_text(s, r, 4, "", &st.input_text)?;
    }
    s.set_freeze_panes(1, 2)?;
    s.protect_with_options(&protection);

    // Sản phẩm
    let s = wb.add_worksheet().set_name(sheet::PRODUCTS)?;
    for (c, (h, w)) in [
        header::NUMBER,
        header::PRODUCT,
        header::STATUS,
        header::NOTE,
    ]
    .iter()
    .zip([6.0, 60.0, 22.0, 40.0])
    .enumerate()
    {
        let c = u16::try_from(c).unwrap_or(0);
        s.set_column_width(c, w)?;
        write_text(s, 0, c, h, &st.header)?;
    }
    for r in 1..=PRODUCT_ROWS {
        s.write_number_with_format(r, 0, f64::from(r), &st.text)?;
        write_text(s, r, 1, "", &st.input_text)?;
        write_text(s, r, 2, "", &st.input_text)?;
        s.add_data_validation(r, 2, r, 2, &statuses)?;
        write_text(s, r, 3, "", &st.input_text)?;
    }
    s.set_freeze_panes(1, 0)?;
    s.protect_with_options(&protection);

    // Thuyết minh
    let s = wb.add_worksheet().set_name(sheet::NARRATIVE)?;
    for (c, (h, w)) in [header::SECTION, "Phần báo cáo", header::CONTENT]
        .iter()
        .zip([14.0, 40.0, 90.0])
        .enumerate()
    {
        let c = u16::try_from(c).unwrap_or(0);
        s.set_column_width(c, w)?;
        write_text(s, 0, c, h, &st.header)?;
    }
    for (i, (key, title)) in SECTIONS.iter().enumerate() {
        let r = 1 + u32::try_from(i).unwrap_or(0);
        write_text(s, r, 0, key, &st.text)?;
        write_text(s, r, 1, title, &st.text)?;
        write_text(s, r, 2, "", &st.input_text)?;
    }
    s.set_freeze_panes(1, 2)?;
    s.protect_with_options(&protection);
    Ok(wb)
}

fn leads(sel: &[Selector], unit: &Unit) -> bool {
    sel.iter().any(|s| s.matches(unit))
}

fn excel_date(d: chrono::NaiveDate) -> Result<rust_xlsxwriter::ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    let y = u16::try_from(d.year()).map_err(|_| XlsxError::ParameterError("year".into()))?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(
        y,
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )
}

/// The unit's own previous figure, or nothing.
fn write_previous(
    s: &mut Worksheet,
    r: u32,
    total: Option<&Total>,
    unit: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let own = total
        .and_then(|t| t.contributions.iter().find(|c| *c.unit == *unit))
        .map(|c| &c.amount);
    match own {
        Some(Amount::Number { value }) => {
            s.write_number_with_format(r, 6, value.to_f64().unwrap_or_default(), &st.number)?;
        }
        Some(Amount::Fraction {
            numerator,
            denominator,
        }) => {
            let text = format!(
                "{}/{}",
                crate::number::format(
                    *numerator,
                    crate::number::Style {
                        decimals: 3,
                        trim: true,
                        ..Default::default()
                    }
                ),
                crate::number::format(
                    *denominator,
                    crate::number::Style {
                        decimals: 3,
                        trim: true,
                        ..Default::default()
                    }
                )
            );
            write_text(s, r, 6, &text, &st.text)?;
        }
        Some(Amount::Bool { value }) => {
            write_text(s, r, 6, if *value { "Có" } else { "Không" }, &st.text)?
        }
        Some(Amount::Text { value }) => write_text(s, r, 6, value, &st.text)?,
        _ => {
            s.write_blank(r, 6, &st.text)?;
        }
    }
    Ok(())
}
