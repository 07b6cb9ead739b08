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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_is_composed() {
        let nfd = "Chuye\u{0302}\u{0309}n đo\u{0302}\u{0309}i so\u{0302}\u{0301}";
        assert_eq!(nfc(nfd), "Chuyển đổi số");
        assert!(matches!(nfc("Chuyển đổi số"), Cow::Borrowed(_)));
        assert_eq!(nfc_string(nfd.to_string()), "Chuyển đổi số");
    }
}
