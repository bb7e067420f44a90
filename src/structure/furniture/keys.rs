//! Line keys for the running furniture: a line's letters, folded, numbers
//! and specks dropped (see [`key_into`]), worked out once per line and
//! kept for the band's second reading of the same lines.

use super::super::lines::{letter_count, split_ws};

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

/// A line's key, written into `k` (`words` a buffer): its letters folded,
/// words that are numbers dropped, and specks of one or two letters at
/// either end (`@ SECRET ®`) dropped. False when the line has none.
pub(super) fn key_into<'a>(trimmed: &'a str, words: &mut Vec<&'a str>, k: &mut String) -> bool {
    k.clear();
    words.clear();
    let letters_of = letter_count;
    words.extend(split_ws(trimmed));
    let lead = words.iter().take_while(|w| letters_of(w) <= 2).count();
    let trail = words[lead..]
        .iter()
        .rev()
        .take_while(|w| letters_of(w) <= 2)
        .count();
    for w in &words[lead..words.len() - trail] {
        // Numbers change from page to page (`Page 31`, `CHAPTER IV`, a
        // Bates stamp `Cooper-17330`): only a word's letters count.
        let start = k.len();
        let (mut n, mut roman, mut upper) = (0usize, true, true);
        for c in w.chars() {
            // ASCII, most letters of English print, folds without tables.
            if c.is_ascii() {
                if !c.is_ascii_alphabetic() {
                    continue;
                }
                n += 1;
                upper &= c.is_ascii_uppercase();
                let l = c.to_ascii_lowercase();
                roman &= matches!(l, 'i' | 'v' | 'x' | 'l' | 'c');
                k.push(l);
            } else if c.is_alphabetic() {
                n += 1;
                upper &= c.is_uppercase();
                for l in c.to_lowercase() {
                    roman &= matches!(l, 'i' | 'v' | 'x' | 'l' | 'c');
                    k.push(l);
                }
            }
        }
        let roman = roman && n <= 5 && (upper || w.len() <= 4);
        if n < 2 || roman {
            k.truncate(start);
        }
    }
    if k.chars().count() >= 4 {
        return true;
    }
    // A stamp of figures (`13-00000`): its characters are its key.
    k.clear();
    k.push('#');
    k.extend(
        trimmed
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
    k.chars().count() > 5
}
