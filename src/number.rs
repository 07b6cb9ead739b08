//! Vietnamese numbers: exact parsing of "1.126", "2.826,5", "99,47%" and friends, and
//! formatting with '.' thousands and ',' decimals, rounding half up.
//!
//! Text that a person could read two ways ("1,030", "11. 835", "85.53%") is parsed with
//! the Vietnamese reading and flagged with an [`Ambiguity`], never guessed silently.

use rust_decimal::{Decimal, RoundingStrategy};
use thiserror::Error;

/// Why a number text needs a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ambiguity {
    /// A comma followed by exactly three digits ("1,030", "96,475"): Vietnamese reads a
    /// decimal, English a thousands separator.
    CommaThreeDigits,
    /// Commas used as thousands separators ("1,234,567").
    CommaGrouping,
    /// A point used as the decimal separator ("85.53", "1.5").
    DotDecimal,
    /// A space inside the digits ("11. 835").
    StraySpace,
    /// Digit groups of unequal length ("1.12.345").
    IrregularGrouping,
    /// An approximation word before the number ("hơn 460.100", "ước 27.822"): the figure is
    /// read as written but is not exact.
    Approximate,
    /// An unsigned number in brackets ("(12)"): accountants write a negative so; the
    /// figure is read as positive, as in "(+37,9%)".
    Bracketed,
}

impl Ambiguity {
    /// Vietnamese explanation for diagnostics.
    pub fn explain(self) -> &'static str {
        match self {
            Self::CommaThreeDigits => {
                "dấu phẩy trước đúng 3 chữ số có thể là dấu thập phân hoặc dấu phân cách hàng nghìn"
            }
            Self::CommaGrouping => {
                "dấu phẩy được dùng làm dấu phân cách hàng nghìn (kiểu tiếng Anh)"
            }
            Self::DotDecimal => "dấu chấm được dùng làm dấu thập phân (kiểu tiếng Anh)",
            Self::StraySpace => "có khoảng trắng lẫn giữa các chữ số",
            Self::IrregularGrouping => "các nhóm chữ số không đều 3 chữ số",
            Self::Approximate => {
                "số có chữ «hơn», «gần», «khoảng», «trên» hoặc «ước» đi kèm nên chỉ là số gần đúng"
            }
            Self::Bracketed => {
                "số trong ngoặc đơn không có dấu: theo cách ghi kế toán có thể là số âm; đã đọc là số dương"
            }
        }
    }
}

/// An approximation word kept from the text ("hơn 460.100", "gần 200", "ước đạt 27.822").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "hơn", "trên", ">"
    MoreThan,
    /// "gần"
    Nearly,
    /// "khoảng"
    About,
    /// "ước", "ước đạt", "ước thực hiện"
    Estimate,
}

impl Qualifier {
    /// The Vietnamese word printed before the number.
    pub fn word(self) -> &'static str {
        match self {
            Self::MoreThan => "hơn",
            Self::Nearly => "gần",
            Self::About => "khoảng",
            Self::Estimate => "ước",
        }
    }
}

/// A number read from Vietnamese text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The exact value.
    pub value: Decimal,
    /// The text ended with "%".
    pub percent: bool,
    /// An approximation word before the number.
    pub qualifier: Option<Qualifier>,
    /// Unit words after the number ("tỷ đồng", "thuê bao/100 dân"), if any.
    pub unit: Option<String>,
    /// Set when the text can be read another way; the value is the Vietnamese reading.
    pub ambiguity: Option<Ambiguity>,
}

/// Why a text is not a number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberError {
    /// Nothing but white space.
    #[error("ô trống")]
    Empty,
    /// No digits where a number was expected.
    #[error("«{0}» không phải là số")]
    NotANumber(String),
    /// "từ 90 - 95%": a range, not one figure.
    #[error("«{0}» là một khoảng giá trị, không phải một số")]
    Range(String),
    /// Beyond 10^15, more than 10 decimals, or an exponent.
    #[error(
        "«{0}» vượt quá độ lớn hoặc số chữ số thập phân cho phép (nhỏ hơn 10^15, tối đa 10 chữ số thập phân)"
    )]
    TooLarge(String),
}

/// Parses a Vietnamese number: optional sign or brackets, approximation word, digits with
/// '.' thousands and ',' decimals, optional "%" and trailing unit words.
pub fn parse(text: &str) -> Result<Parsed, NumberError> {
    let text = crate::text::nfc(text);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    let not_a_number = || NumberError::NotANumber(trimmed.to_string());

    let (qualifier, rest) = strip_qualifier(trimmed);
    let mut rest = rest.trim();
    // "(+37,9%)" — a signed change in brackets.
    let mut bracketed = false;
    if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        rest = inner.trim();
        bracketed = !rest.starts_with(['+', '-', '−', '–']);
    }
    let (negative, rest) = match rest.chars().next() {
        Some('-' | '−' | '–') => (
            true,
            rest[rest.chars().next().map_or(0, char::len_utf8)..].trim_start(),
        ),
        Some('+') => (false, rest[1..].trim_start()),
        _ => (false, rest),
    };

    // The numeric core: digits, separators and single inner spaces.
    let core_len = rest
        .char_indices()
        .take_while(|&(i, c)| {
            c.is_ascii_digit()
                || ((c == '.' || c == ',')
                    && rest[i + 1..].starts_with(|n: char| n.is_ascii_digit() || n == ' '))
                || (c == ' ' && is_stray_space(rest, i))
        })
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    let core = &rest[..core_len];
    if !core.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(not_a_number());
    }
    let mut tail = rest[core_len..].trim_start();
    if tail.starts_with(['-', '–'])
        && tail[tail.chars().next().map_or(0, char::len_utf8)..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return Err(NumberError::Range(trimmed.to_string()));
    }
    let percent = tail.starts_with('%');
    if percent {
        tail = tail[1..].trim_start();
    }
    if tail
        .starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',' || c == 'e' || c == 'E')
    {
        return Err(if tail.starts_with(['e', 'E']) {
            NumberError::TooLarge(trimmed.to_string())
        } else {
            not_a_number()
        });
    }
    let unit = (!tail.is_empty()).then(|| tail.to_string());

    let (mut value, ambiguity) =
        parse_core(core).ok_or_else(|| NumberError::NotANumber(trimmed.to_string()))?;
    value = bounded(value).map_err(|_| NumberError::TooLarge(trimmed.to_string()))?;
    if negative {
        value.set_sign_negative(true);
    }
    Ok(Parsed {
        value,
        percent,
        qualifier,
        unit,
        ambiguity: ambiguity.or(bracketed.then_some(Ambiguity::Bracketed)),
    })
}

/// A space counts as part of the number only in "11. 835": after a separator, before digits.
fn is_stray_space(s: &str, i: usize) -> bool {
    let before = s[..i].chars().last();
    let after = s[i + 1..].chars().next();
    matches!(before, Some('.' | ',')) && after.is_some_and(|c| c.is_ascii_digit())
}

fn strip_qualifier(s: &str) -> (Option<Qualifier>, &str) {
    const WORDS: [(&str, Qualifier); 8] = [
        ("ước thực hiện", Qualifier::Estimate),
        ("ước đạt", Qualifier::Estimate),
        ("ước", Qualifier::Estimate),
        ("hơn", Qualifier::MoreThan),
        ("trên", Qualifier::MoreThan),
        ("gần", Qualifier::Nearly),
        ("khoảng", Qualifier::About),
        (">", Qualifier::MoreThan),
    ];
    let lower = s.to_lowercase();
    for (word, q) in WORDS {
        if lower.starts_with(word) && lower.len() == s.len() {
            let rest = &s[word.len()..];
            if word == ">" || rest.starts_with(' ') {
                return (Some(q), rest);
            }
        }
    }
    (None, s)
}

/// Reads the digits-and-separators core, returning the value and any ambiguity.
fn parse_core(core: &str) -> Option<(Decimal, Option<Ambiguity>)> {
    let mut ambiguity = None;
    let compact: String = if core.contains(' ') {
        ambiguity = Some(Ambiguity::StraySpace);
        core.chars().filter(|c| *c != ' ').collect()
    } else {
        core.to_string()
    };
    let dots = compact.matches('.').count();
    let commas = compact.matches(',').count();
    let groups_ok = |s: &str, sep: char| {
        let mut parts = s.split(sep);
        let first = parts.next().unwrap_or("");
        // A leading "0" group ("0.424") is a decimal, never thousands grouping.
        !first.is_empty() && first.len() <= 3 && first != "0" && parts.all(|g| g.len() == 3)
    };
    let (int_part, frac_part): (String, String) = match (dots, commas) {
        (0, 0) => (compact.clone(), String::new()),
        (_, 0) => {
            if groups_ok(&compact, '.') {
                (compact.replace('.', ""), String::new())
            } else if dots == 1 {
                ambiguity = ambiguity.or(Some(Ambiguity::DotDecimal));
                let (i, f) = compact.split_once('.')?;
                (i.to_string(), f.to_string())
            } else {
                ambiguity = ambiguity.or(Some(Ambiguity::IrregularGrouping));
                (compact.replace('.', ""), String::new())
            }
        }
        (0, 1) => {
            let (i, f) = compact.split_once(',')?;
            // "0,424" cannot be a thousands separator; "1,030" can.
            if f.len() == 3 && !i.trim_start_matches('0').is_empty() {
                ambiguity = ambiguity.or(Some(Ambiguity::CommaThreeDigits));
            }
            (i.to_string(), f.to_string())
        }
        (0, _) => {
            if !groups_ok(&compact, ',') {
                return None;
            }
            ambiguity = ambiguity.or(Some(Ambiguity::CommaGrouping));
            (compact.replace(',', ""), String::new())
        }
        (_, 1) => {
            let (i, f) = compact.split_once(',')?;
            if f.contains('.') {
                // "1,234.5": English.
                let (f_int, f_frac) = f.split_once('.')?;
                ambiguity = ambiguity.or(Some(Ambiguity::CommaGrouping));
                (format!("{i}{f_int}"), f_frac.to_string())
            } else {
                if !groups_ok(i, '.') {
                    ambiguity = ambiguity.or(Some(Ambiguity::IrregularGrouping));
                }
                (i.replace('.', ""), f.to_string())
            }
        }
        _ => return None,
    };
    if int_part.is_empty()
        || !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits = format!("{int_part}{frac_part}");
    let scale = u32::try_from(frac_part.len()).ok()?;
    if digits.trim_start_matches('0').len() > 28 || scale > 28 {
        return None;
    }
    let mantissa: i128 = digits.parse().ok()?;
    let value = Decimal::try_from_i128_with_scale(mantissa, scale).ok()?;
    Some((value, ambiguity))
}

/// The largest magnitude a figure may have (a quadrillion: more than any provincial count
/// or amount in đồng), and the most decimals. Bounded figures can be summed, multiplied by
/// 100 and divided by one another without overflowing an exact decimal.
pub const MAX_ABS: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0); // 10^15
/// The most decimal places a figure may have.
pub const MAX_SCALE: u32 = 10;

/// `v` if it is within [`MAX_ABS`] and [`MAX_SCALE`].
pub fn bounded(v: Decimal) -> Result<Decimal, NumberError> {
    let n = v.normalize();
    if n.abs() >= MAX_ABS || n.scale() > MAX_SCALE {
        return Err(NumberError::TooLarge(n.to_string()));
    }
    Ok(n)
}

/// Rounds half away from zero to `decimals` places (half up for the positive figures of
/// reports). Never banker's rounding.
pub fn round(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// How to print a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Decimal places after rounding.
    pub decimals: u32,
    /// Drop trailing zeros after rounding ("50" rather than "50,00").
    pub trim: bool,
    /// Append "%".
    pub percent: bool,
    /// Pad the integer part with zeros to this many digits ("05", "03/44").
    pub pad: u8,
    /// Print "+" before positive values (changes).
    pub sign: bool,
}

impl Style {
    /// `decimals` places, nothing else.
    pub fn decimals(decimals: u32) -> Self {
        Self {
            decimals,
            ..Self::default()
        }
    }

    /// A percentage with `decimals` places.
    pub fn percent(decimals: u32) -> Self {
        Self {
            decimals,
            percent: true,
            ..Self::default()
        }
    }
}

/// Formats a value the Vietnamese way: `1.126`, `99,47%`, `2.826,5`, `-0,54`.
pub fn format(value: Decimal, style: Style) -> String {
    let mut out = String::new();
    format_into(&mut out, value, style);
    out
}

/// [`format`], appended to `out` (one buffer for a text made of several numbers).
pub fn format_into(out: &mut String, value: Decimal, style: Style) {
    let mut v = round(value, style.decimals);
    if style.trim {
        v = v.normalize();
    } else {
        v.rescale(style.decimals);
    }
    let negative = v.is_sign_negative() && !v.is_zero();
    // The digits of |v| without its decimal point; the last `scale` are the fraction.
    let mut buf = [0u8; 40];
    let digits = decimal_digits(v.mantissa().unsigned_abs(), &mut buf);
    let scale = v.scale() as usize;
    let int_digits = digits.len().saturating_sub(scale);
    // The integer part is at least "0", padded with zeros to `pad` digits ("03/44").
    let int_len = int_digits.max(1).max(usize::from(style.pad));
    let lead = int_len - int_digits;
    out.reserve(int_len + int_len / 3 + scale + 3);
    if negative {
        out.push('-');
    } else if style.sign && !v.is_zero() {
        out.push('+');
    }
    for i in 0..int_len {
        if i > 0 && (int_len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(if i < lead {
            '0'
        } else {
            char::from(digits[i - lead])
        });
    }
    if scale > 0 {
        out.push(',');
        let frac = &digits[int_digits..];
        out.extend(std::iter::repeat_n('0', scale - frac.len()));
        out.extend(frac.iter().map(|&d| char::from(d)));
    }
    if style.percent {
        out.push('%');
    }
}

/// Writes the decimal digits of `n` at the end of `buf`; returns them.
fn decimal_digits(mut n: u128, buf: &mut [u8; 40]) -> &[u8] {
    let mut at = buf.len();
    // u128 division is slow; a figure's mantissa nearly always fits 64 bits.
    while u64::try_from(n).is_err() {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let mut n = n as u64;
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[at..]
}

/// A value with the decimals it was written with (trailing zeros dropped):
/// 2826.5 → "2.826,5", 27822 → "27.822".
pub fn natural(value: Decimal) -> String {
    format(value, natural_style(value))
}

/// The style of [`natural`] for `value`.
pub fn natural_style(value: Decimal) -> Style {
    Style {
        decimals: value.scale().min(6),
        trim: true,
        ..Style::default()
    }
}

/// A count as Vietnamese text prints it: 10000 → "10.000".
pub fn count(n: usize) -> String {
    group_thousands(&n.to_string())
}

/// Inserts '.' every three digits from the right: "2826" → "2.826".
fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    fn value(text: &str) -> Decimal {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e}")).value
    }

    fn ambiguity(text: &str) -> Option<Ambiguity> {
        parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .ambiguity
    }

    /// Every well-formed number of EXTRACT.md §6.1.
    #[test]
    fn seed_numbers_parse_exactly() {
        let cases = [
            ("313.736", "313736"),
            ("1.126", "1126"),
            ("2.439", "2439"),
            ("276.714.000 đồng", "276714000"),
            ("32.373.810.680 đồng", "32373810680"),
            ("5.817.713 lượt", "5817713"),
            ("99,47%", "99.47"),
            ("2.826,5 tỷ đồng", "2826.5"),
            ("97.631,2 tỷ đồng", "97631.2"),
            ("62,4 mét", "62.4"),
            ("4,7 triệu", "4.7"),
            ("116,8 thuê bao/100 dân", "116.8"),
            ("0,424", "0.424"),
            ("100%", "100"),
            ("87%", "87"),
            ("0,26 %", "0.26"),
            ("28,50 %", "28.50"),
            ("  13.876  ", "13876"),
            ("1678", "1678"),
            ("28.330.758.183", "28330758183"),
        ];
        for (text, want) in cases {
            assert_eq!(value(text), dec(want), "{text}");
            assert_eq!(ambiguity(text), None, "{text} is not ambiguous");
        }
        assert!(parse("99,47%").expect("ok").percent);
        assert_eq!(
            parse("2.826,5 tỷ đồng").expect("ok").unit.as_deref(),
            Some("tỷ đồng")
        );
        assert_eq!(
            parse("116,8 thuê bao/100 dân").expect("ok").unit.as_deref(),
            Some("thuê bao/100 dân")
        );
    }

    /// The exceptions of EXTRACT.md §6.1 and seeds/README.md: read, but flagged.
    #[test]
    fn ambiguous_seed_numbers_are_flagged() {
        assert_eq!(value("96,475"), dec("96.475"));
        assert_eq!(ambiguity("96,475"), Some(Ambiguity::CommaThreeDigits));
        assert_eq!(value("1,030 tỷ đồng"), dec("1.030"));
        assert_eq!(
            ambiguity("1,030 tỷ đồng"),
            Some(Ambiguity::CommaThreeDigits)
        );
        assert_eq!(value("85.53%"), dec("85.53"));
        assert_eq!(ambiguity("85.53%"), Some(Ambiguity::DotDecimal));
        for t in ["89.04%", "88.16%", "87.72%"] {
            assert_eq!(ambiguity(t), Some(Ambiguity::DotDecimal), "{t}");
        }
        assert_eq!(value("11. 835"), dec("11835"));
        assert_eq!(ambiguity("11. 835"), Some(Ambiguity::StraySpace));
        assert_eq!(value("1,234,567"), dec("1234567"));
        assert_eq!(ambiguity("1,234,567"), Some(Ambiguity::CommaGrouping));
        assert_eq!(ambiguity("1.12.345"), Some(Ambiguity::IrregularGrouping));
        assert_eq!(value("0.424"), dec("0.424"));
        assert_eq!(ambiguity("0.424"), Some(Ambiguity::DotDecimal));
    }

    #[test]
    fn signs_brackets_and_qualifiers() {
        assert_eq!(value("(+37,9%)"), dec("37.9"));
        assert_eq!(value("(+2,04%)"), dec("2.04"));
        assert_eq!(ambiguity("(+2,04%)"), None);
        assert_eq!(value("(12)"), dec("12"));
        assert_eq!(ambiguity("(12)"), Some(Ambiguity::Bracketed));
        assert_eq!(value("-0,54"), dec("-0.54"));
        assert_eq!(value("−3,23%"), dec("-3.23"));
        let p = parse("hơn 460.100").expect("ok");
        assert_eq!(
            (p.value, p.qualifier),
            (dec("460100"), Some(Qualifier::MoreThan))
        );
        assert_eq!(
            parse("gần 200").expect("ok").qualifier,
            Some(Qualifier::Nearly)
        );
        assert_eq!(
            parse("khoảng 950").expect("ok").qualifier,
            Some(Qualifier::About)
        );
        assert_eq!(
            parse("ước đạt 27.822").expect("ok").qualifier,
            Some(Qualifier::Estimate)
        );
        assert_eq!(parse("trên 37,8 tỷ đồng").expect("ok").value, dec("37.8"));
        assert_eq!(parse(">120.000").expect("ok").value, dec("120000"));
    }

    #[test]
    fn non_numbers_are_errors() {
        assert_eq!(parse("   "), Err(NumberError::Empty));
        for t in ["abc", "NaN", "∞", "inf", "-", "%", ".5", ",5", "1e309"] {
            assert!(parse(t).is_err(), "{t} should be rejected");
        }
        assert!(matches!(parse("1e309"), Err(NumberError::TooLarge(_))));
        assert!(matches!(
            parse("từ 90 - 95%"),
            Err(NumberError::NotANumber(_))
        ));
        assert!(matches!(parse("90 - 95%"), Err(NumberError::Range(_))));
        assert!(matches!(parse("10-11%"), Err(NumberError::Range(_))));
        assert!(matches!(
            parse("100-120 tổ hợp tác"),
            Err(NumberError::Range(_))
        ));
        assert!(matches!(
            parse("1234567890123456789012345678901"),
            Err(NumberError::NotANumber(_))
        ));
        assert!(matches!(
            parse("1.000.000.000.000.000"),
            Err(NumberError::TooLarge(_))
        ));
        assert!(matches!(
            parse("0,12345678901"),
            Err(NumberError::TooLarge(_))
        ));
        assert!(parse("999.999.999.999.999").is_ok());
        assert_eq!(MAX_ABS.to_string(), "1000000000000000");
    }

    #[test]
    fn formatting_matches_the_seeds() {
        assert_eq!(format(dec("1126"), Style::decimals(0)), "1.126");
        assert_eq!(format(dec("313736"), Style::decimals(0)), "313.736");
        assert_eq!(
            format(dec("32373810680"), Style::decimals(0)),
            "32.373.810.680"
        );
        assert_eq!(format(dec("2826.5"), Style::decimals(1)), "2.826,5");
        assert_eq!(format(dec("97631.2"), Style::decimals(1)), "97.631,2");
        assert_eq!(format(dec("99.4671403197"), Style::percent(2)), "99,47%");
        assert_eq!(format(dec("0.424"), Style::decimals(3)), "0,424");
        assert_eq!(format(dec("116.8"), Style::decimals(1)), "116,8");
        assert_eq!(format(dec("100"), Style::percent(0)), "100%");
        assert_eq!(format(dec("999"), Style::decimals(0)), "999");
        assert_eq!(format(dec("0"), Style::decimals(2)), "0,00");
    }

    #[test]
    fn formatting_edge_cases() {
        assert_eq!(format(dec("0.05"), Style::decimals(2)), "0,05");
        assert_eq!(format(dec("0.0004"), Style::decimals(4)), "0,0004");
        assert_eq!(format(dec("-0.0001"), Style::decimals(2)), "0,00");
        assert_eq!(format(dec("-1126.5"), Style::decimals(1)), "-1.126,5");
        assert_eq!(format(dec("100000"), Style::decimals(0)), "100.000");
        // Mantissas beyond 64 bits: 10^15 - 1 with ten decimals, and 2^96 - 1.
        assert_eq!(
            format(dec("999999999999999.9999999999"), Style::decimals(10)),
            "999.999.999.999.999,9999999999"
        );
        assert_eq!(
            format(Decimal::MAX, Style::decimals(0)),
            "79.228.162.514.264.337.593.543.950.335"
        );
    }

    #[test]
    fn rounding_is_half_up_not_bankers() {
        assert_eq!(format(dec("19.4599"), Style::percent(1)), "19,5%");
        assert_eq!(format(dec("0.125"), Style::decimals(2)), "0,13");
        assert_eq!(format(dec("0.135"), Style::decimals(2)), "0,14");
        assert_eq!(format(dec("2.5"), Style::decimals(0)), "3");
        assert_eq!(format(dec("92.396"), Style::percent(1)), "92,4%");
        assert_eq!(format(dec("68.0901"), Style::percent(2)), "68,09%");
        assert_eq!(format(dec("-0.545"), Style::decimals(2)), "-0,55");
    }

    #[test]
    fn options_trim_pad_and_sign() {
        let trim = Style {
            decimals: 2,
            trim: true,
            ..Style::default()
        };
        assert_eq!(format(dec("50.00"), trim), "50");
        assert_eq!(format(dec("49.92497"), trim), "49,92");
        assert_eq!(format(dec("50.1"), trim), "50,1");
        let pad = Style {
            pad: 2,
            ..Style::default()
        };
        assert_eq!(format(dec("5"), pad), "05");
        assert_eq!(format(dec("3"), pad), "03");
        assert_eq!(format(dec("39"), pad), "39");
        assert_eq!(format(dec("1126"), pad), "1.126");
        let sign = Style {
            decimals: 2,
            sign: true,
            ..Style::default()
        };
        assert_eq!(format(dec("0.6"), sign), "+0,60");
        assert_eq!(format(dec("-0.6"), sign), "-0,60");
        assert_eq!(format(dec("0"), sign), "0,00");
        assert_eq!(count(10_000), "10.000");
        assert_eq!(count(999), "999");
        assert_eq!(count(0), "0");
        assert_eq!(
            format(
                dec("37.93"),
                Style {
                    decimals: 1,
                    sign: true,
                    percent: true,
                    ..Style::default()
                }
            ),
            "+37,9%"
        );
    }

    #[test]
    fn natural_keeps_written_decimals() {
        assert_eq!(natural(dec("2826.5")), "2.826,5");
        assert_eq!(natural(dec("27822")), "27.822");
        assert_eq!(natural(dec("1.50")), "1,5");
    }

    proptest::proptest! {
        #[test]
        fn format_then_parse_is_identity(mantissa in -10_000_000_000i64..10_000_000_000, scale in 0u32..5) {
            let v = Decimal::new(mantissa, scale);
            let text = format(v, Style::decimals(scale));
            let back = parse(&text).expect("own output parses");
            proptest::prop_assert_eq!(back.value, v);
            // Our own output is never ambiguous unless it has exactly three decimals.
            if scale != 3 {
                proptest::prop_assert_eq!(back.ambiguity, None);
            }
        }
    }
}
