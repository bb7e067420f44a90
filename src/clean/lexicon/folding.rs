//! Case folding (an ASCII fast path) and the entries of a word list.

use super::*;

/// Lower-cases a token (ASCII fast path).
pub(crate) fn fold(token: &str) -> String {
    fold_cow(token).into_owned()
}

/// Lower-cases a token, borrowing it when it is lower case already.
pub(crate) fn fold_cow(token: &str) -> Cow<'_, str> {
    // One pass, eight bytes at a time, settles the common case: ASCII with
    // no capital.
    let (ascii, capital) = ascii_and_capital(token.as_bytes());
    if ascii {
        if capital {
            Cow::Owned(token.to_ascii_lowercase())
        } else {
            Cow::Borrowed(token)
        }
    } else if caseless_beyond_ascii(token.as_bytes()) {
        // Those characters are no capitals and fold to themselves: only the
        // ASCII ones fold (`Don’t`, `deformèd`).
        if capital {
            Cow::Owned(token.to_ascii_lowercase())
        } else {
            Cow::Borrowed(token)
        }
    } else if !token.chars().any(char::is_uppercase) {
        Cow::Borrowed(token)
    } else {
        Cow::Owned(token.to_lowercase())
    }
}

/// Are all non-ASCII characters of `b` (UTF-8) General Punctuation
/// (U+2000 to U+206F: `’`, `—`, `…`) or lower-case Latin-1 letters (U+00DF
/// to U+00FF: `è`, `ß`)? None of them is a capital or changes when folded.
pub(super) fn caseless_beyond_ascii(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        i += match (c, b.get(i + 1), b.get(i + 2)) {
            (..0x80, _, _) => 1,
            (0xE2, Some(0x80), _) | (0xE2, Some(0x81), Some(..0xB0)) => 3,
            (0xC3, Some(0x9F..=0xBF), _) => 2,
            _ => return false,
        };
    }
    true
}

/// [`caseless_beyond_ascii`], and no `’` (a joiner, see [`has_joiner`]).
pub(super) fn caseless_beyond_ascii_without_apostrophe(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        i += match (c, b.get(i + 1), b.get(i + 2)) {
            (..0x80, _, _) => 1,
            (0xE2, Some(0x80), Some(0x99)) => return false,
            (0xE2, Some(0x80), _) | (0xE2, Some(0x81), Some(..0xB0)) => 3,
            (0xC3, Some(0x9F..=0xBF), _) => 2,
            _ => return false,
        };
    }
    true
}

/// Does `s` hold an apostrophe or a hyphen (the forms whose parts or stem
/// may be words)? One byte scan: `’` is the only character whose UTF-8
/// holds E2 80 99.
pub(super) fn has_joiner(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'\'' | b'-' => true,
        0xE2 => b.get(i + 1..i + 3) == Some(&[0x80, 0x99]),
        _ => false,
    })
}

pub(super) fn list_entries(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(fold)
}
