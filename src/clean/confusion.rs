//! The OCR confusion model: which strings the OCR reads for which printed
//! ones, and which characters are junk. Data, not code: `data/lexicon/ocr-confusions.toml`.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The embedded default table.
pub(crate) const DEFAULT_CONFUSIONS: &str = include_str!("../../data/lexicon/ocr-confusions.toml");

/// Confusion pairs and junk characters.
#[derive(Debug, Clone, Default)]
pub struct ConfusionModel {
    /// (seen, meant): the OCR read `seen` where `meant` was printed.
    pub pairs: Vec<(String, String)>,
    /// Characters never part of a word.
    pub junk: Vec<char>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfusionFile {
    #[serde(default)]
    junk: Vec<String>,
    #[serde(default)]
    pairs: Vec<(String, String)>,
}

impl ConfusionModel {
    /// Parses a table; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &Path) -> Result<Self> {
        let file: ConfusionFile = toml::from_str(text).map_err(|e| Error::Data {
            path: origin.to_path_buf(),
            message: format!("bad OCR confusion table: {e}"),
        })?;
        let mut junk = Vec::new();
        for j in &file.junk {
            let mut cs = j.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => junk.push(c),
                _ => {
                    return Err(Error::Data {
                        path: origin.to_path_buf(),
                        message: format!("junk entry {j:?} must be one character"),
                    });
                }
            }
        }
        for (seen, meant) in &file.pairs {
            if seen.is_empty() || seen == meant {
                return Err(Error::Data {
                    path: origin.to_path_buf(),
                    message: format!("confusion pair [{seen:?}, {meant:?}] changes nothing"),
                });
            }
        }
        Ok(ConfusionModel {
            pairs: file.pairs,
            junk,
        })
    }

    /// The embedded table.
    pub fn builtin() -> Self {
        Self::from_toml(
            DEFAULT_CONFUSIONS,
            Path::new("data/lexicon/ocr-confusions.toml"),
        )
        .expect("the embedded confusion table parses")
    }

    /// Reads a user's table from a file.
    pub fn from_path(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml(&text, path)
    }

    pub fn is_junk(&self, c: char) -> bool {
        self.junk.contains(&c)
    }

    /// Calls `f` with every string made by applying one pair at one position
    /// of `s` (the order of [`ConfusionModel::variants`]), built in one
    /// reused buffer: no allocation per variant.
    pub fn for_each_variant(&self, s: &str, mut f: impl FnMut(&str)) {
        let mut v = String::with_capacity(s.len() + 4);
        let present = byte_set(s);
        for (seen, meant) in &self.pairs {
            if !starts_in(&present, seen) {
                continue;
            }
            let mut from = 0;
            while let Some(pos) = find(&s[from..], seen) {
                let at = from + pos;
                v.clear();
                v.push_str(&s[..at]);
                v.push_str(meant);
                v.push_str(&s[at + seen.len()..]);
                f(&v);
                from = at + s[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }

    /// Every string made by applying one pair at one position of `s`.
    pub fn variants(&self, s: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_variant(s, |v| out.push(v.to_string()));
        out
    }
}

/// The junk characters of a [`ConfusionModel`] as a set: ASCII ones as
/// bits of one word, the others listed. Every token's punctuation is asked.
#[derive(Debug, Clone, Default)]
pub(crate) struct JunkSet {
    ascii: u128,
    other: Vec<char>,
}

impl JunkSet {
    pub(crate) fn new(model: &ConfusionModel) -> Self {
        let mut set = JunkSet::default();
        for &c in &model.junk {
            if c.is_ascii() {
                set.ascii |= 1 << u32::from(c);
            } else {
                set.other.push(c);
            }
        }
        set
    }

    /// Is `c` junk? (As [`ConfusionModel::is_junk`].)
    pub(crate) fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii >> u32::from(c) & 1 != 0
        } else {
            self.other.contains(&c)
        }
    }
}

/// The pairs of a [`ConfusionModel`] by the first byte of what the OCR
/// read: the variants of a string are found position by position, each
/// position asking only the pairs that can start there.
#[derive(Debug, Clone)]
pub(crate) struct PairIndex<'a> {
    pairs: Vec<(&'a [u8], &'a str)>,
    /// The pairs whose `seen` starts with byte `b` are
    /// `pairs[start[b]..start[b + 1]]`.
    start: Vec<u16>,
}

impl<'a> PairIndex<'a> {
    pub(crate) fn new(model: &'a ConfusionModel) -> Self {
        // A pair that reads nothing applies nowhere (as in the model's
        // own variants); one that changes nothing gives no variant (the
        // model's tables refuse it): every variant differs from its string.
        let mut pairs: Vec<(&[u8], &str)> = model
            .pairs
            .iter()
            .filter(|(seen, meant)| !seen.is_empty() && seen != meant)
            .map(|(seen, meant)| (seen.as_bytes(), meant.as_str()))
            .collect();
        // Stable: pairs sharing a first byte keep the model's order.
        pairs.sort_by_key(|(seen, _)| seen[0]);
        let mut start = vec![0u16; 257];
        for (seen, _) in &pairs {
            start[usize::from(seen[0]) + 1] += 1;
        }
        for b in 0..256 {
            start[b + 1] += start[b];
        }
        PairIndex { pairs, start }
    }

    /// Calls `f` with every string made by applying one pair at one
    /// position of `s`: the strings of [`ConfusionModel::for_each_variant`],
    /// position by position (not in its order).
    pub(crate) fn for_each_variant(&self, s: &str, mut f: impl FnMut(&str)) {
        let bytes = s.as_bytes();
        // Holds `s` up to the current position, a variant built after it.
        let mut v = String::with_capacity(s.len() + 4);
        for (at, c) in s.char_indices() {
            let b = usize::from(bytes[at]);
            let pairs = &self.pairs[usize::from(self.start[b])..usize::from(self.start[b + 1])];
            for &(seen, meant) in pairs {
                // The first byte matched already: most pairs read one byte.
                if seen.len() == 1 || bytes[at..].starts_with(seen) {
                    v.push_str(meant);
                    v.push_str(&s[at + seen.len()..]);
                    f(&v);
                    v.truncate(at);
                }
            }
            v.push(c);
        }
    }

    /// [`PairIndex::for_each_variant`] for the pairs applied at the start
    /// of `s` only: the pairs its first byte selects.
    pub(crate) fn for_each_variant_at_start(&self, s: &str, mut f: impl FnMut(&str)) {
        let Some(&first) = s.as_bytes().first() else {
            return;
        };
        let b = usize::from(first);
        let mut v = String::with_capacity(s.len() + 4);
        for &(seen, meant) in
            &self.pairs[usize::from(self.start[b])..usize::from(self.start[b + 1])]
        {
            if s.as_bytes().starts_with(seen) {
                v.clear();
                v.push_str(meant);
                v.push_str(&s[seen.len()..]);
                f(&v);
            }
        }
    }
}

/// The bytes that occur in `s`, as a 256-bit set.
fn byte_set(s: &str) -> [u64; 4] {
    let mut set = [0u64; 4];
    for b in s.bytes() {
        set[usize::from(b >> 6)] |= 1 << (b & 63);
    }
    set
}

/// Can `seen` occur in the string of `set`? (Its first byte must.)
fn starts_in(set: &[u64; 4], seen: &str) -> bool {
    seen.bytes()
        .next()
        .is_some_and(|b| set[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
}

/// `haystack.find(needle)` by a byte scan: haystacks are words and needles
/// a few bytes, so a substring searcher costs more to set up than to run.
/// A needle starts with the first byte of a character, so every match
/// starts at a character boundary.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    match needle.as_bytes() {
        [] => Some(0),
        [b] => hay.iter().position(|x| x == b),
        [b, rest @ ..] => (0..hay.len()).find(|&i| hay[i] == *b && hay[i + 1..].starts_with(rest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses() {
        let m = ConfusionModel::builtin();
        assert!(m.pairs.iter().any(|(s, t)| s == "o" && t == "c"));
        assert!(m.is_junk('■'));
        assert!(!m.is_junk('a'));
    }

    #[test]
    fn variants_apply_one_pair_anywhere() {
        let m = ConfusionModel::from_toml(
            "pairs = [[\"o\", \"c\"], [\"rn\", \"m\"]]",
            Path::new("t.toml"),
        )
        .unwrap();
        let v = m.variants("onoe");
        assert!(v.contains(&"cnoe".to_string()));
        assert!(v.contains(&"once".to_string()));
        assert!(m.variants("rnore").contains(&"more".to_string()));
    }

    #[test]
    fn find_agrees_with_str_find() {
        for hay in ["", "r", "rn", "arnrn", "ﬁrn", "aﬁﬁ", "cl’d", "ab’’"] {
            for needle in ["r", "rn", "nr", "ﬁ", "ﬁr", "’", "’d", "l’", "x"] {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay} {needle}");
            }
        }
    }

    #[test]
    fn index_finds_the_same_variants() {
        let m = ConfusionModel::builtin();
        let index = PairIndex::new(&m);
        for s in [
            "onoe", "rnorn", "Partvand", "iVorld", "stil]", "be^n", "mil1ions", "Don’t",
        ] {
            let mut want = m.variants(s);
            let mut got = Vec::new();
            index.for_each_variant(s, |v| got.push(v.to_string()));
            want.sort();
            got.sort();
            assert_eq!(got, want, "{s}");
            // At the start: each pair whose reading begins the string.
            let mut want: Vec<String> = (m.pairs.iter())
                .filter_map(|(seen, meant)| {
                    Some(format!("{meant}{}", s.strip_prefix(seen.as_str())?))
                })
                .collect();
            let mut got = Vec::new();
            index.for_each_variant_at_start(s, |v| got.push(v.to_string()));
            want.sort();
            got.sort();
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn junk_set_agrees_with_the_model() {
        let m = ConfusionModel::builtin();
        let set = JunkSet::new(&m);
        for c in [
            '■', '^', '|', '~', '„', 'a', '.', ',', '’', '—', '\0', '\u{7f}',
        ] {
            assert_eq!(set.contains(c), m.is_junk(c), "{c:?}");
        }
        assert!(set.contains('^') && set.contains('■') && !set.contains('a'));
    }

    #[test]
    fn bad_tables_are_reported() {
        let e = ConfusionModel::from_toml("junk = [\"ab\"]", Path::new("x.toml")).unwrap_err();
        assert!(e.to_string().contains("x.toml"));
        assert!(ConfusionModel::from_toml("pairs = [[\"a\", \"a\"]]", Path::new("x")).is_err());
        assert!(ConfusionModel::from_toml("nonsense = 1", Path::new("x")).is_err());
    }
}
