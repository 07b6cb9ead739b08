//! Dates as Vietnamese administrative documents write them (Nghị định 30/2020/NĐ-CP,
//! Phụ lục I): day always two digits, month padded only for January and February —
//! "04/4/2024", "12/01/2024" — and the long form "ngày 04 tháng 4 năm 2024".

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "ngày không hợp lệ: «{0}» (dạng hợp lệ: 2024-12-13, 13/12/2024 hoặc ngày 13 tháng 12 năm 2024)"
)]
pub struct DateError(pub String);

/// Day and month as NĐ 30/2020 pads them.
fn day_month(date: NaiveDate) -> (String, String) {
    let m = date.month();
    let month = if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    };
    (format!("{:02}", date.day()), month)
}

/// "04/4/2024", "12/01/2024", "08/12/2024".
pub fn format_date(date: NaiveDate) -> String {
    let (d, m) = day_month(date);
    format!("{d}/{m}/{}", date.year())
}

/// "ngày 04 tháng 4 năm 2024".
pub fn format_long(date: NaiveDate) -> String {
    let (d, m) = day_month(date);
    format!("ngày {d} tháng {m} năm {}", date.year())
}

/// Parses ISO `2024-12-13`, numeric `13/12/2024` (any padding: "7/5/2019", "13/03/2024")
/// and the long form "ngày 15 tháng 12 năm 2021".
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let norm = crate::text::nfc(text.trim()).to_lowercase();
    let err = || DateError(text.trim().to_string());
    let num = |s: &str| -> Result<u32, DateError> {
        let s = s.trim();
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        s.parse().map_err(|_| err())
    };
    let (y, m, d) = if let Some(rest) = norm.strip_prefix("ngày ") {
        let (d, rest) = rest.split_once(" tháng ").ok_or_else(err)?;
        let (m, y) = rest.split_once(" năm ").ok_or_else(err)?;
        (num(y)?, num(m)?, num(d)?)
    } else if norm.contains('/') {
        let parts: Vec<&str> = norm.split('/').collect();
        let [d, m, y] = parts[..] else {
            return Err(err());
        };
        if y.trim().len() != 4 {
            return Err(err());
        }
        (num(y)?, num(m)?, num(d)?)
    } else {
        let parts: Vec<&str> = norm.split('-').collect();
        let [y, m, d] = parts[..] else {
            return Err(err());
        };
        if y.len() != 4 {
            return Err(err());
        }
        (num(y)?, num(m)?, num(d)?)
    };
    let year = i32::try_from(y).map_err(|_| err())?;
    if !crate::period::YEARS.contains(&year) {
        return Err(err());
    }
    NaiveDate::from_ymd_opt(year, m, d).ok_or_else(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// The dates of EXTRACT.md §6.2, printed the NĐ 30/2020 way.
    #[test]
    fn seed_dates_print_per_decree_30() {
        assert_eq!(format_date(d(2024, 4, 4)), "04/4/2024");
        assert_eq!(format_date(d(2024, 1, 12)), "12/01/2024");
        assert_eq!(format_date(d(2024, 12, 8)), "08/12/2024");
        assert_eq!(format_date(d(2024, 8, 30)), "30/8/2024");
        assert_eq!(format_date(d(2024, 4, 16)), "16/4/2024");
        assert_eq!(format_date(d(2024, 2, 26)), "26/02/2024");
        assert_eq!(format_date(d(2024, 2, 29)), "29/02/2024");
        assert_eq!(format_date(d(2024, 1, 17)), "17/01/2024");
        assert_eq!(format_date(d(2024, 3, 13)), "13/3/2024");
        assert_eq!(format_long(d(2021, 12, 15)), "ngày 15 tháng 12 năm 2021");
        assert_eq!(format_long(d(2024, 1, 4)), "ngày 04 tháng 01 năm 2024");
    }

    /// Every date form of EXTRACT.md §6.2 reads, including the seeds' deviations.
    #[test]
    fn seed_date_forms_parse() {
        let cases = [
            ("04/4/2024", d(2024, 4, 4)),
            ("12/01/2024", d(2024, 1, 12)),
            ("08/12/2024", d(2024, 12, 8)),
            ("13/03/2024", d(2024, 3, 13)),
            ("14/03/2024", d(2024, 3, 14)),
            ("29/06/2020", d(2020, 6, 29)),
            ("03/2/2021", d(2021, 2, 3)),
            ("09/2/2018", d(2018, 2, 9)),
            ("7/5/2019", d(2019, 5, 7)),
            ("9/8/2019", d(2019, 8, 9)),
            ("2024-12-13", d(2024, 12, 13)),
            ("ngày 15 tháng 12 năm 2021", d(2021, 12, 15)),
            ("Ngày 04 tháng 4 năm 2024", d(2024, 4, 4)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for t in [
            "",
            "31/02/2024",
            "32/1/2024",
            "2024-13-01",
            "ngày /5/2024",
            "1/1/24",
            "abc",
            "ngày            tháng      năm 2022",
            "2024-1-1-1",
            "01/01/0000",
            "12/12/99999",
        ] {
            assert!(parse_date(t).is_err(), "{t} should be rejected");
        }
    }
}
