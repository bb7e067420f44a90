//! The layout vocabulary the structure pass reads: digit look-alikes for
//! page labels, stamps, salutations, closings, month names, contents titles,
//! heading words and speaker titles (`data/structure/layout-en.toml`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Deserialize;

/// The embedded English layout vocabulary.
pub const DEFAULT_LAYOUT: &str = include_str!("../../data/structure/layout-en.toml");

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LayoutFile {
    #[serde(default)]
    digit_lookalikes: HashMap<String, Vec<String>>,
    #[serde(default)]
    words: Words,
    #[serde(default)]
    number_words: HashMap<String, u32>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Words {
    #[serde(default)]
    page: Vec<String>,
    #[serde(default)]
    stamps: Vec<String>,
    #[serde(default)]
    salutations: Vec<String>,
    #[serde(default)]
    closings: Vec<String>,
    #[serde(default)]
    months: Vec<String>,
    #[serde(default)]
    contents: Vec<String>,
    #[serde(default)]
    heading_words: Vec<String>,
    #[serde(default)]
    section_words: Vec<String>,
    #[serde(default)]
    document_openers: Vec<String>,
    #[serde(default)]
    end_marks: Vec<String>,
    #[serde(default)]
    document_closers: Vec<String>,
    #[serde(default)]
    form_marks: Vec<String>,
    #[serde(default)]
    release_stamps: Vec<String>,
    #[serde(default)]
    continuation_marks: Vec<String>,
    #[serde(default)]
    speaker_titles: Vec<String>,
}

/// Layout vocabulary, case-folded.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Glyph OCR reads for a digit → the digit.
    pub digit_lookalikes: HashMap<char, char>,
    /// Numbers spelled out in a page head (`PAGE TWO`), folded, and their value.
    pub number_words: HashMap<String, u32>,
    pub page_words: HashSet<String>,
    pub stamps: HashSet<String>,
    /// The stamps of one word (`SECRET`), for matching damaged words.
    pub stamp_words: Vec<String>,
    /// The stamps of several words, each as its words: a handling mark may
    /// join several (`GROUP 1 SECRET`, `SECRET NO FOREIGN DISSEM`).
    pub stamp_phrases: Vec<Vec<String>>,
    /// The first words of the stamp phrases: most words start none.
    pub stamp_phrase_starts: HashSet<String>,
    /// The words a stamp's first word of three letters or more can be
    /// (besides a damaged stamp word): the stamp words, and each phrase's
    /// first word and first word of three letters or more.
    pub stamp_heads: rustc_hash::FxHashSet<String>,
    /// By first byte, and by last byte: the lengths of the stamp words
    /// (bit `n` for `n` bytes, 63 for longer), for a quick refusal of the
    /// words no stamp word is near.
    pub stamp_first_lens: Vec<u64>,
    pub stamp_last_lens: Vec<u64>,
    pub salutations: HashSet<String>,
    pub closings: HashSet<String>,
    pub months: HashSet<String>,
    pub contents: HashSet<String>,
    /// Characters in the longest contents title (set with `contents`).
    pub contents_longest: usize,
    pub heading_words: HashSet<String>,
    /// Words that head a section alone: `PREFACE`, `INTRODUCTION`.
    pub section_words: HashSet<String>,
    /// Starts of lines that open a document of their own: `MEMORANDUM`, `TO:`.
    pub document_openers: Vec<String>,
    /// End marks of a release: `###`, `-30-`.
    pub end_marks: HashSet<String>,
    /// Starts of lines that close a letter or a memorandum after its
    /// signature: `cc:`, `Distribution:`, `Attachment:`.
    pub document_closers: Vec<String>,
    /// Marks of a printed form's number and edition: `(Rev.` in
    /// `FD-302 (Rev. 4-15-64)`.
    pub form_marks: Vec<String>,
    /// Words in a stamp that only a release carries at its head (`EMBARGO`).
    pub release_stamps: Vec<String>,
    /// Marks at a page foot that say the document goes on (`-more-`).
    pub continuation_marks: HashSet<String>,
    pub speaker_titles: HashSet<String>,
}

fn fold(v: Vec<String>) -> impl Iterator<Item = String> {
    v.into_iter().map(|s| s.trim().to_lowercase())
}

impl Layout {
    /// Parses a layout file; `name` is used in errors.
    pub fn parse(text: &str, name: &str) -> Result<Layout, String> {
        let mut l = Layout::default();
        l.extend(text, name)?;
        Ok(l)
    }

    /// Adds the entries of another layout file to this one.
    pub fn extend(&mut self, text: &str, name: &str) -> Result<(), String> {
        let f: LayoutFile = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        for (digit, glyphs) in f.digit_lookalikes {
            let mut d = digit.chars();
            let (Some(d), None) = (d.next(), d.next()) else {
                return Err(format!(
                    "{name}: digit_lookalikes key {digit:?} is not one digit"
                ));
            };
            if !d.is_ascii_digit() {
                return Err(format!(
                    "{name}: digit_lookalikes key {digit:?} is not a digit"
                ));
            }
            for g in glyphs {
                let mut c = g.chars();
                match (c.next(), c.next()) {
                    (Some(c), None) => {
                        self.digit_lookalikes.insert(c, d);
                    }
                    _ => return Err(format!("{name}: look-alike {g:?} is not one character")),
                }
            }
        }
        for (word, value) in f.number_words {
            if value == 0 {
                return Err(format!("{name}: number word {word:?} has value 0"));
            }
            self.number_words.insert(word.to_lowercase(), value);
        }
        let w = f.words;
        self.page_words.extend(fold(w.page));
        self.stamps.extend(fold(w.stamps));
        self.stamp_words = self
            .stamps
            .iter()
            .filter(|s| !s.contains(' '))
            .cloned()
            .collect();
        self.stamp_words.sort();
        self.stamp_phrases = self
            .stamps
            .iter()
            .filter(|s| s.contains(' '))
            .map(|s| s.split(' ').map(str::to_string).collect())
            .collect();
        // Longest first: the cover of a line takes the longest phrase.
        self.stamp_phrases
            .sort_by(|a: &Vec<String>, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        self.stamp_phrase_starts = self.stamp_phrases.iter().map(|p| p[0].clone()).collect();
        self.stamp_first_lens = vec![0; 256];
        self.stamp_last_lens = vec![0; 256];
        for w in &self.stamp_words {
            let (Some(&first), Some(&last)) = (w.as_bytes().first(), w.as_bytes().last()) else {
                continue;
            };
            self.stamp_first_lens[usize::from(first)] |= 1 << w.len().min(63);
            self.stamp_last_lens[usize::from(last)] |= 1 << w.len().min(63);
        }
        let three = |w: &&String| w.chars().filter(|c| c.is_alphabetic()).count() >= 3;
        self.stamp_heads = self
            .stamp_words
            .iter()
            .chain(&self.stamp_phrase_starts)
            .chain(
                self.stamp_phrases
                    .iter()
                    .filter_map(|p| p.iter().find(three)),
            )
            .cloned()
            .collect();
        self.salutations.extend(fold(w.salutations));
        self.closings.extend(fold(w.closings));
        self.months.extend(fold(w.months));
        self.contents.extend(fold(w.contents));
        self.contents_longest = self
            .contents
            .iter()
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0);
        self.heading_words.extend(fold(w.heading_words));
        self.section_words.extend(fold(w.section_words));
        self.document_openers.extend(fold(w.document_openers));
        self.end_marks.extend(fold(w.end_marks));
        self.document_closers.extend(fold(w.document_closers));
        self.form_marks.extend(fold(w.form_marks));
        self.release_stamps.extend(fold(w.release_stamps));
        self.continuation_marks.extend(fold(w.continuation_marks));
        self.speaker_titles.extend(fold(w.speaker_titles));
        Ok(())
    }

    /// The digit a glyph stands for: itself, or the digit OCR misread.
    pub fn digit(&self, c: char) -> Option<(char, bool)> {
        if c.is_ascii_digit() {
            Some((c, false))
        } else {
            self.digit_lookalikes.get(&c).map(|d| (*d, true))
        }
    }

    /// The letter a digit stands for in a label prefix (`8- 27` is `B-27`).
    pub fn letter_for_digit(&self, c: char) -> Option<char> {
        self.digit_lookalikes
            .iter()
            .filter(|(g, d)| **d == c && g.is_ascii_uppercase())
            .map(|(g, _)| *g)
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_layout_parses() {
        let l = Layout::parse(DEFAULT_LAYOUT, "embedded").unwrap();
        assert_eq!(l.digit('l'), Some(('1', true)));
        assert_eq!(l.digit('7'), Some(('7', false)));
        assert_eq!(l.letter_for_digit('8'), Some('B'));
        assert!(l.stamps.contains("embargo"));
        assert_eq!(l.number_words.get("two"), Some(&2));
    }

    #[test]
    fn bad_keys_are_errors() {
        assert!(Layout::parse("[digit_lookalikes]\n\"12\" = [\"l\"]", "x").is_err());
        assert!(Layout::parse("[words]\nnope = []", "x").is_err());
    }
}
