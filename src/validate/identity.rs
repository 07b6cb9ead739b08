//! Who sent a file and for when: file name, unit, period, cut-off date.

use chrono::NaiveDate;

use super::at;
use crate::diag::{Code, Diagnostic};
use crate::period::Period;
use crate::schema::{Unit, is_unit_id};
use crate::submission::{Raw, Submission};
use crate::workspace::{SubmissionFile, Workspace};

/// A submission's checked identity.
pub(crate) struct Identity<'w> {
    pub unit: &'w Unit,
    pub period: Period,
    pub as_of: Option<NaiveDate>,
}

pub(crate) fn check<'w>(
    ws: &'w Workspace,
    f: &SubmissionFile,
    sub: &Submission,
    folder: Option<Period>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Identity<'w>> {
    if !is_unit_id(&f.stem) {
        diags.push(
            Diagnostic::new(
                Code::E102,
                sub.file.clone(),
                format!(
                    "tên tệp «{}» không phải là mã đơn vị",
                    crate::text::visible(&f.stem)
                ),
            )
            .with_hint("đặt tên tệp theo mã đơn vị trong data/units.yaml, ví dụ h-bac-ai.xlsx"),
        );
        return None;
    }
    let Some(unit) = ws.registry.get(&f.stem) else {
        diags.push(
            Diagnostic::new(
                Code::E103,
                sub.file.clone(),
                format!("đơn vị «{}» không có trong danh mục đơn vị", f.stem),
            )
            .with_hint("kiểm tra tên tệp, hoặc khai báo đơn vị trong data/units.yaml"),
        );
        return None;
    };
    if let Some(u) = &sub.unit
        && u.value != unit.id
    {
        diags.push(
            at(
                sub,
                Code::E104,
                &u.span,
                Some(u.value.clone()),
                format!(
                    "tệp ghi mã đơn vị «{}» nhưng tên tệp là «{}»",
                    crate::text::visible(&u.value),
                    unit.id
                ),
            )
            .with_hint("sửa mã đơn vị trong tệp, hoặc đổi tên tệp cho khớp"),
        );
    }
    let written = sub.period.as_ref().map(|p| (p, p.value.parse::<Period>()));
    let period = match (written, folder) {
        (Some((p, Err(e))), _) => {
            diags.push(
                at(
                    sub,
                    Code::E106,
                    &p.span,
                    Some(p.value.clone()),
                    e.to_string(),
                )
                .with_hint("ghi kỳ theo dạng 2024, 2024-6T, 2024-9T, 2024-Q1…Q4 hoặc 2024-T05"),
            );
            folder?
        }
        (Some((p, Ok(written))), Some(folder)) => {
            if written != folder {
                diags.push(
                    at(
                        sub,
                        Code::E106,
                        &p.span,
                        Some(p.value.clone()),
                        format!(
                            "tệp ghi kỳ báo cáo {written} nhưng nằm trong thư mục của kỳ {folder}"
                        ),
                    )
                    .with_hint(format!(
                        "chuyển tệp vào thư mục submissions/{written}/ hoặc sửa kỳ trong tệp"
                    )),
                );
            }
            folder
        }
        (Some((_, Ok(written))), None) => written,
        (None, Some(folder)) => folder,
        (None, None) => {
            diags.push(
                Diagnostic::new(Code::E106, sub.file.clone(), "tệp không ghi kỳ báo cáo")
                    .with_hint("thêm «period: 2024» (YAML) hoặc dòng «Kỳ báo cáo» (Excel)"),
            );
            return None;
        }
    };
    if !unit.reports_for(&period) {
        let span = sub
            .unit
            .as_ref()
            .map_or(crate::diag::Span::File, |u| u.span.clone());
        diags.push(
            at(
                sub,
                Code::E105,
                &span,
                Some(unit.id.clone()),
                format!(
                    "đơn vị «{}» không có hiệu lực vào ngày cuối kỳ {} ({})",
                    unit.short,
                    crate::date::format_date(period.end()),
                    validity(unit)
                ),
            )
            .with_hint(match unit.replaced_by.first() {
                Some(r) => format!("số liệu của kỳ này do đơn vị «{r}» báo cáo"),
                None => {
                    "kiểm tra kỳ báo cáo và thời hạn hiệu lực trong data/units.yaml".to_string()
                }
            }),
        );
    }
    let as_of = sub.as_of.as_ref().and_then(|a| match &a.value {
        Raw::Date(d) => Some(*d),
        Raw::Text(t) => match crate::date::parse_date(t) {
            Ok(d) => Some(d),
            Err(e) => {
                diags.push(at(sub, Code::E109, &a.span, Some(t.clone()), e.to_string()));
                None
            }
        },
        Raw::Missing => None,
        other => {
            diags.push(at(
                sub,
                Code::E109,
                &a.span,
                Some(other.display()),
                "ngày chốt số liệu phải là một ngày",
            ));
            None
        }
    });
    if let (Some(d), Some(a)) = (as_of, &sub.as_of)
        && !period.contains_date(d)
    {
        diags.push(at(
            sub,
            Code::E115,
            &a.span,
            Some(crate::date::format_date(d)),
            format!(
                "ngày chốt số liệu {} nằm ngoài kỳ {} ({} – {})",
                crate::date::format_date(d),
                period.label_vi(),
                crate::date::format_date(period.start()),
                crate::date::format_date(period.end())
            ),
        ));
    }
    Some(Identity {
        unit,
        period,
        as_of,
    })
}

fn validity(u: &Unit) -> String {
    match (u.valid_from, u.valid_to) {
        (Some(f), Some(t)) => format!(
            "hiệu lực từ {} đến {}",
            crate::date::format_date(f),
            crate::date::format_date(t)
        ),
        (Some(f), None) => format!("hiệu lực từ {}", crate::date::format_date(f)),
        (None, Some(t)) => format!("hết hiệu lực sau {}", crate::date::format_date(t)),
        (None, None) => "luôn có hiệu lực".to_string(),
    }
}
