//! Line keys for the running furniture: a line's letters, folded, numbers
//! and specks dropped (see [`key_into`]), worked out once per line and
//! kept for the band's second reading of the same lines.

use super::super::lines::split_ws;

/// The keys worked out so far, line by line, in one buffer.
pub(super) struct Keys {
    text: String,
    /// Per line: not worked out (`None`), no key (`Some(None)`), or the
    /// key's bytes in `text`.
    at: Vec<Option<Option<(usize, usize)>>>,
}

impl Keys {
    pub(super) fn new(lines: usize) -> Self {
        Keys {
            text: String::new(),
            at: vec![None; lines],
        }
    }

    /// Keeps line `i`'s key (`None`: the line has none).
    pub(super) fn keep(&mut self, i: usize, key: Option<&str>) {
        self.at[i] = Some(key.map(|k| {
            let start = self.text.len();
            self.text.push_str(k);
            (start, self.text.len())
        }));
    }

    /// Line `i`'s key if it was worked out: `Some(None)` when it has none.
    pub(super) fn get(&self, i: usize) -> Option<Option<&str>> {
        self.at[i].map(|r| r.map(|(a, b)| &self.text[a..b]))
    }
}

/// A line's key, written into `k`: its letters folded, words that are
/// numbers dropped, and specks of one or two letters at either end (`@
/// SECRET ®`) dropped. False when the line has none. One pass, no
/// allocation beyond `k`'s growth: it runs on every line.
pub(super) fn key_into(trimmed: &str, k: &mut String) -> bool {
    k.clear();
    if trimmed.is_ascii() && trimmed.len() <= ASCII_BUF {
        key_ascii(trimmed.as_bytes(), k);
    } else {
        key_any(trimmed, k);
    }
    if k.chars().count() >= 4 {
        return true;
    }
    // A stamp of figures (`13-00000`): its characters are its key.
    k.clear();
    k.push('#');
    if trimmed.is_ascii() {
        k.extend(
            trimmed
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        k.extend(
            trimmed
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
    k.chars().count() > 5
}

/// Longest ASCII line keyed on the stack: a power of two, so that a
/// masked index (never past the line's length) needs no bounds check.
const ASCII_BUF: usize = 256;
const _: () = assert!(ASCII_BUF.is_power_of_two());

/// [`key_into`]'s words and letters for an ASCII line of at most
/// [`ASCII_BUF`] bytes: one walk over its bytes, the key built on the
/// stack.
fn key_ascii(t: &[u8], k: &mut String) {
    let mut w = AsciiKey {
        buf: [0u8; ASCII_BUF],
        len: 0,
        start: 0,
        end: 0,
        opened: false,
    };
    // Where the current word starts in `t`.
    let mut from = 0;
    for (i, &b) in t.iter().enumerate() {
        if b.is_ascii_alphabetic() {
            w.buf[w.len & (ASCII_BUF - 1)] = b | 0x20;
            w.len += 1;
        } else if matches!(b, b'\t'..=b'\r' | b' ') {
            if i > from {
                w.close(&t[from..i]);
            }
            from = i + 1;
        }
    }
    if t.len() > from {
        w.close(&t[from..]);
    }
    // ASCII letters only: always text.
    if let Ok(key) = std::str::from_utf8(&w.buf[..w.end]) {
        k.push_str(key);
    }
}

/// The state of [`key_ascii`]'s walk.
struct AsciiKey {
    buf: [u8; ASCII_BUF],
    /// Key length now, at the current word's start, after the last word of
    /// three letters or more.
    len: usize,
    start: usize,
    end: usize,
    /// A word of three letters or more was seen: specks no longer lead.
    opened: bool,
}

impl AsciiKey {
    /// Closes word `word`, whose letters are the key's from `start`.
    #[inline]
    fn close(&mut self, word: &[u8]) {
        let n = self.len - self.start;
        if !self.opened && n <= 2 {
            self.len = self.start;
        } else {
            self.opened = true;
            // Roman digits are read only for a short word.
            let roman = n <= 5
                && self.buf[self.start..self.len]
                    .iter()
                    .all(|l| matches!(l, b'i' | b'v' | b'x' | b'l' | b'c'))
                && (word.len() <= 4
                    || word
                        .iter()
                        .all(|b| !b.is_ascii_alphabetic() || b.is_ascii_uppercase()));
            if n < 2 || roman {
                self.len = self.start;
            }
            if n > 2 {
                self.end = self.len;
            }
        }
        self.start = self.len;
    }
}

/// [`key_into`]'s words and letters for any line.
fn key_any(trimmed: &str, k: &mut String) {
    // The key's length after the last word of three letters or more: specks
    // after it are cut; before the first such word none are written.
    let (mut end, mut opened) = (0usize, false);
    for w in split_ws(trimmed) {
        let start = k.len();
        let (n, roman, upper) = if w.is_ascii() {
            fold_ascii(w, k)
        } else {
            fold_any(w, k)
        };
        if !opened && n <= 2 {
            k.truncate(start);
            continue;
        }
        opened = true;
        // Numbers change from page to page (`Page 31`, `CHAPTER IV`, a
        // Bates stamp `Cooper-17330`): only a word's letters count.
        let roman = roman && n <= 5 && (upper || w.len() <= 4);
        if n < 2 || roman {
            k.truncate(start);
        }
        if n > 2 {
            end = k.len();
        }
    }
    k.truncate(end);
}

/// Appends an ASCII word's letters, folded, to `k`: their count, whether
/// all are roman digits, whether all are capitals.
fn fold_ascii(w: &str, k: &mut String) -> (usize, bool, bool) {
    let (mut n, mut roman, mut upper) = (0usize, true, true);
    for b in w.bytes().filter(u8::is_ascii_alphabetic) {
        n += 1;
        upper &= b.is_ascii_uppercase();
        let l = b.to_ascii_lowercase();
        roman &= matches!(l, b'i' | b'v' | b'x' | b'l' | b'c');
        k.push(char::from(l));
    }
    (n, roman, upper)
}

/// [`fold_ascii`] for a word with letters beyond ASCII.
fn fold_any(w: &str, k: &mut String) -> (usize, bool, bool) {
    let (mut n, mut roman, mut upper) = (0usize, true, true);
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        n += 1;
        upper &= c.is_uppercase();
        for l in c.to_lowercase() {
            roman &= matches!(l, 'i' | 'v' | 'x' | 'l' | 'c');
            k.push(l);
        }
    }
    (n, roman, upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(t: &str) -> Option<String> {
        let mut k = String::new();
        key_into(t, &mut k).then_some(k)
    }

    #[test]
    fn keys_drop_numbers_and_specks() {
        assert_eq!(key("CHAPTER IV 45").as_deref(), Some("chapter"));
        assert_eq!(key("@ SECRET ®").as_deref(), Some("secret"));
        assert_eq!(
            key("a SECRET Gerald Ford Library ie").as_deref(),
            Some("secretgeraldfordlibrary")
        );
        assert_eq!(key("LA 56-156").as_deref(), Some("#la56156"));
        assert_eq!(key("13-00000").as_deref(), Some("#1300000"));
        assert_eq!(key("12"), None);
    }

    #[test]
    fn the_ascii_walk_keys_as_the_general_one() {
        let lines = [
            "CHAPTER IV 45",
            "@ SECRET ®",
            "ab SECRET cd ef",
            "HW 50955 DocId:32424709 Page 31",
            "Mix vi Civil LIVID xx",
            "\tWEEKLY  REVIEW\u{b}Page ii",
            "of the FBI. It is the property of the FBI and is loaned to your",
            "a b c",
            "",
        ];
        for t in lines {
            let (mut fast, mut slow) = (String::new(), String::new());
            key_ascii(t.as_bytes(), &mut fast);
            key_any(t, &mut slow);
            assert_eq!(fast, slow, "{t:?}");
        }
    }
}
