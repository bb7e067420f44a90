//! The document's own vocabulary: how often each word form occurs, the
//! evidence that a candidate correction or a joined word is really used.

use std::collections::HashMap;

use super::lexicon::fold;
use super::tokens::{anatomy, is_plain_word, tokens};

/// Counts of word forms in a document, case-folded.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    counts: HashMap<String, u32>,
    /// Occurrences written in lower case (a name never is).
    lower: HashMap<String, u32>,
}

impl Vocabulary {
    /// Counts the plain words (letters, inner hyphens and apostrophes) of the texts.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut v = Vocabulary::default();
        for t in texts {
            v.add_text(t);
        }
        v
    }

    pub fn add_text(&mut self, text: &str) {
        for tok in tokens(text) {
            let core = anatomy(tok.text).core;
            if !is_plain_word(core) {
                continue;
            }
            let folded = fold(core);
            if core.chars().all(|c| !c.is_uppercase()) {
                *self.lower.entry(folded.clone()).or_default() += 1;
            }
            *self.counts.entry(folded).or_default() += 1;
        }
    }

    /// Occurrences of a folded form.
    pub fn count(&self, folded: &str) -> u32 {
        self.counts.get(folded).copied().unwrap_or(0)
    }

    /// Every folded form and its count.
    pub fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.counts.iter().map(|(w, n)| (w.as_str(), *n))
    }

    /// Occurrences of a folded form written all in lower case.
    pub fn lower_count(&self, folded: &str) -> u32 {
        self.lower.get(folded).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_plain_words_case_folded() {
        let v = Vocabulary::from_texts(["The Party, the party's \"line\" g^ve", "Party"]);
        assert_eq!(v.count("party"), 2);
        assert_eq!(v.lower_count("party"), 0);
        assert_eq!(v.count("party's"), 1);
        assert_eq!(v.count("the"), 2);
        assert_eq!(v.lower_count("the"), 1);
        assert_eq!(v.count("line"), 1);
        assert_eq!(v.count("g^ve"), 0);
    }
}
