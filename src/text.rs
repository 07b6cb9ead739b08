//! Text normalisation: every string that enters the tool is Unicode NFC, so that
//! "Quý" typed with a combining accent and "Quý" precomposed compare equal.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The NFC form of `s`, borrowing when it already is NFC.
pub fn nfc(s: &str) -> Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

/// Owned NFC form.
pub fn nfc_string(s: String) -> String {
    match nfc(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

/// `s` with invisible characters spelled out ("h-thuan<U+200B>-bac"), for quoting what a
/// unit wrote in a message: a zero-width space or a direction mark would otherwise make two
/// different ids look the same.
pub fn visible(s: &str) -> Cow<'_, str> {
    let invisible = |c: char| {
        c.is_control()
            || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
    };
    if !s.chars().any(invisible) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if invisible(c) {
                    format!("<U+{:04X}>", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_spelled_out() {
        assert_eq!(visible("h-thuan\u{200B}-bac"), "h-thuan<U+200B>-bac");
        assert_eq!(visible("a\tb"), "a<U+0009>b");
        assert!(matches!(visible("Sở TTTT"), Cow::Borrowed(_)));
    }

    #[test]
    fn decomposed_vietnamese_is_composed() {
        let nfd = "Chuye\u{0302}\u{0309}n đo\u{0302}\u{0309}i so\u{0302}\u{0301}";
        assert_eq!(nfc(nfd), "Chuyển đổi số");
        assert!(matches!(nfc("Chuyển đổi số"), Cow::Borrowed(_)));
        assert_eq!(nfc_string(nfd.to_string()), "Chuyển đổi số");
    }
}
