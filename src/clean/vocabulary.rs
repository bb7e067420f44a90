//! The document's own vocabulary: how often each word form occurs, the
//! evidence that a candidate correction or a joined word is really used.

use std::sync::OnceLock;

use super::distance::within_one_edit;
use super::index::{Interner, TokenTable};
use super::lexicon::fold_cow;
use super::tokens::{anatomy, is_plain_word};

mod near;

use near::*;

/// Counts of word forms in a document, case-folded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// The folded forms, interned in one buffer.
    forms: Interner,
    /// Occurrences of each form (by id), all and written in lower case (a
    /// name never is).
    counts: Vec<(u32, u32)>,
    /// How many of the first forms have the ids of the token table they
    /// were adopted from (see [`Vocabulary::table_forms`]).
    table_forms: usize,
    /// The search indexes over every form.
    near: NearIndexes,
}

/// The forms of a vocabulary that may be proposed as corrections, indexed
/// to find those near a token. Every caller keeps only such candidates:
/// the indexes leave out the rest (most forms of a document are names,
/// numbers' words, errors), which makes them cheaper to build and to ask.
#[derive(Debug, Clone)]
pub(crate) struct Candidates<'v> {
    vocabulary: &'v Vocabulary,
    /// Per form id: may it be proposed?
    keep: Vec<bool>,
    near: NearIndexes,
}

impl<'v> Candidates<'v> {
    /// [`Vocabulary::one_edit_from`], of the candidate forms only.
    pub(crate) fn one_edit_from(&self, folded: &str) -> Vec<&'v str> {
        self.near
            .one_edit_from(&self.vocabulary.forms, Some(&self.keep), folded)
    }

    /// [`Vocabulary::near_long_forms`], of the candidate forms only.
    pub(crate) fn near_long_forms(&self, folded: &str) -> impl Iterator<Item = &'v str> + use<'v> {
        self.near
            .near_long_forms(&self.vocabulary.forms, Some(&self.keep), folded)
    }
}

impl Vocabulary {
    #[cfg(test)]
    /// Counts the plain words (letters, inner hyphens and apostrophes) of the texts.
    pub(crate) fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut v = Vocabulary::default();
        for t in texts {
            v.add_text(t);
        }
        v
    }

    pub(crate) fn add_text(&mut self, text: &str) {
        self.near = NearIndexes::default();
        for tok in text.split_whitespace() {
            let n = 1;
            let core = anatomy(tok).core;
            if !is_plain_word(core) {
                continue;
            }
            let folded = fold_cow(core);
            let lower = if matches!(folded, std::borrow::Cow::Borrowed(_)) {
                n
            } else {
                0
            };
            self.add_form(&folded, n, lower);
        }
    }

    fn add_form(&mut self, folded: &str, n: u32, lower: u32) {
        let (id, new) = self.forms.intern(folded);
        if new {
            self.counts.push((0, 0));
        }
        let c = &mut self.counts[id as usize];
        c.0 += n;
        c.1 += lower;
    }

    /// Adds the plain-word tokens a [`TokenTable`] counted: the same as
    /// [`Vocabulary::add_text`] over the indexed text, with the work done
    /// once per distinct token.
    pub(crate) fn add_counted(&mut self, table: &TokenTable) {
        self.near = NearIndexes::default();
        if self.forms.is_empty() && self.adopt_forms(table) {
            self.table_forms = self.forms.len();
            return;
        }
        for (id, n) in table.counted() {
            let info = table.info(id);
            if !info.plain {
                continue;
            }
            let folded = table.forms().resolve(info.form);
            self.add_form(folded, n, if info.lower { n } else { 0 });
        }
    }

    /// [`Vocabulary::add_counted`] into an empty vocabulary when the
    /// table's forms are exactly those of its counted plain tokens, in the
    /// order they first occur (the usual case): the ids interning would give
    /// are the table's, so its interner is copied whole. False, and nothing
    /// changed, otherwise.
    fn adopt_forms(&mut self, table: &TokenTable) -> bool {
        let forms = table.forms();
        let mut counts = vec![(0u32, 0u32); forms.len()];
        let mut next = 0u32;
        for (id, n) in table.counted() {
            let info = table.info(id);
            if !info.plain {
                continue;
            }
            let Some(c) = counts.get_mut(info.form as usize) else {
                return false;
            };
            if c.0 == 0 {
                if info.form != next {
                    return false;
                }
                next += 1;
            }
            c.0 += n;
            c.1 += if info.lower { n } else { 0 };
        }
        if next as usize != forms.len() {
            return false;
        }
        self.forms = forms.clone();
        self.counts = counts;
        true
    }

    /// Occurrences of a folded form.
    pub(crate) fn count(&self, folded: &str) -> u32 {
        self.forms
            .get(folded)
            .map_or(0, |id| self.counts[id as usize].0)
    }

    #[cfg(test)]
    /// Every folded form and its count.
    pub(crate) fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.counts
            .iter()
            .enumerate()
            .map(|(id, n)| (self.forms.resolve(id as u32), n.0))
    }

    #[cfg(test)]
    /// Forms of at least [`LONG_FORM`] characters that may be within two
    /// edits of `folded` (every one that is, and some that are not): a
    /// cheap filter before an edit-distance check.
    pub(crate) fn near_long_forms(&self, folded: &str) -> impl Iterator<Item = &str> {
        self.near.near_long_forms(&self.forms, None, folded)
    }

    /// Occurrences of a folded form written all in lower case.
    pub(crate) fn lower_count(&self, folded: &str) -> u32 {
        self.forms
            .get(folded)
            .map_or(0, |id| self.counts[id as usize].1)
    }

    #[cfg(test)]
    /// Forms of the document one edit (delete, insert, substitute or swap
    /// two neighbouring letters) from `folded`, not `folded` itself.
    pub(crate) fn one_edit_from(&self, folded: &str) -> Vec<&str> {
        self.near.one_edit_from(&self.forms, None, folded)
    }

    /// How many of the first forms have the ids of the forms of the
    /// [`TokenTable`] they came from (by [`Vocabulary::add_counted`] into
    /// an empty vocabulary, in the usual case; 0 otherwise): what is known
    /// of those table forms holds of these.
    pub(crate) fn table_forms(&self) -> usize {
        self.table_forms
    }

    /// The forms `keep` accepts (given each form's id and text), indexed
    /// to find those near a token.
    pub(crate) fn candidates(&self, mut keep: impl FnMut(u32, &str) -> bool) -> Candidates<'_> {
        Candidates {
            vocabulary: self,
            keep: (0..self.forms.len() as u32)
                .map(|id| keep(id, self.forms.resolve(id)))
                .collect(),
            near: NearIndexes::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::distance::edit_distance;

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

    #[test]
    fn counted_tokens_give_the_same_counts() {
        let texts = ["The Party, the party's \"line\" g^ve", "Party the"];
        let mut table = TokenTable::default();
        for t in texts {
            table.index_block(&[crate::model::Inline::Text(t.into())], true);
        }
        let mut v = Vocabulary::default();
        v.add_counted(&table);
        let w = Vocabulary::from_texts(texts);
        let mut a: Vec<_> = v
            .words()
            .map(|(f, _)| (f, v.count(f), v.lower_count(f)))
            .collect();
        let mut b: Vec<_> = w
            .words()
            .map(|(f, _)| (f, w.count(f), w.lower_count(f)))
            .collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert_eq!(v.count("the"), 3);
    }

    #[test]
    fn words_one_edit_away() {
        let v = Vocabulary::from_texts(["people openly principles principle victory the"]);
        let mut got = v.one_edit_from("principlee");
        got.sort();
        assert_eq!(got, vec!["principle", "principles"]);
        assert_eq!(v.one_edit_from("peoole"), vec!["people"]);
        assert_eq!(v.one_edit_from("cictory"), vec!["victory"]);
        assert_eq!(v.one_edit_from("teh"), vec!["the"]);
        assert_eq!(v.one_edit_from("th"), vec!["the"]);
        assert!(v.one_edit_from("people").is_empty());
        assert!(v.one_edit_from("xeoxle").is_empty());
    }

    /// `per_base` variants of each base word by up to `most` random edits
    /// (substitutions, inserts, deletions, swaps of neighbours), the bases
    /// among them; a small linear congruential generator keeps the tests
    /// repeatable.
    fn variants(bases: &[&str], per_base: usize, most: usize) -> Vec<String> {
        let letters: Vec<char> = "aeilnorstuü-".chars().collect();
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        let mut words: Vec<String> = bases.iter().map(|b| b.to_string()).collect();
        for b in bases {
            for _ in 0..per_base {
                let mut w: Vec<char> = b.chars().collect();
                for _ in 0..next(most + 1) {
                    let at = next(w.len());
                    match next(4) {
                        _ if w.is_empty() => w.push(letters[next(letters.len())]),
                        0 => w[at] = letters[next(letters.len())],
                        1 => w.insert(at, letters[next(letters.len())]),
                        2 if at + 1 < w.len() => w.swap(at, at + 1),
                        _ => {
                            w.remove(at);
                        }
                    }
                }
                words.push(w.into_iter().collect());
            }
        }
        words
    }

    /// Optimal-string-alignment distance of at most one, from the
    /// textbook distance: that, or one swap of neighbours.
    fn osa_one(a: &str, b: &str) -> bool {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edit_distance(&a, &b) <= 1
            || (a.len() == b.len()
                && (0..a.len().saturating_sub(1)).any(|i| {
                    let mut s = a.clone();
                    s.swap(i, i + 1);
                    s == b
                }))
    }

    #[test]
    fn forms_one_edit_away_are_all_found() {
        let bases = [
            "people",
            "the",
            "of",
            "a",
            "über",
            "teh",
            "leadership",
            "aab",
            "ßaß",
        ];
        let words = variants(&bases, 40, 2);
        let v = Vocabulary::from_texts(words.iter().map(String::as_str));
        let forms: Vec<&str> = v.words().map(|(w, _)| w).collect();
        assert!(forms.len() > 150);
        for q in words.iter().map(String::as_str).chain(["", "x", "ab"]) {
            let mut found = v.one_edit_from(q);
            found.sort_unstable();
            let mut want: Vec<&str> = forms
                .iter()
                .copied()
                .filter(|w| *w != q && osa_one(q, w))
                .collect();
            want.sort_unstable();
            assert_eq!(found, want, "{q}");
        }
    }

    #[test]
    fn one_edit_distance_as_the_textbook_says() {
        let words = variants(&["people", "abba", "über", "ab", "x"], 40, 3);
        for a in &words {
            for b in &words {
                assert_eq!(within_one_edit(a, b), osa_one(a, b), "{a} {b}");
            }
        }
    }

    #[test]
    fn long_forms_within_two_edits_are_all_found() {
        let bases = [
            "consequences",
            "leadership",
            "collective",
            "überlegung",
            "principles",
        ];
        let words = variants(&bases, 60, 3);
        let v = Vocabulary::from_texts(words.iter().map(String::as_str));
        for q in &words {
            let found: Vec<&str> = v.near_long_forms(q).collect();
            let qc: Vec<char> = q.chars().collect();
            for (w, _) in v.words() {
                let wc: Vec<char> = w.chars().collect();
                if wc.len() >= LONG_FORM && edit_distance(&qc, &wc) <= 2 {
                    assert!(found.contains(&w), "{q} should find {w}");
                }
            }
        }
    }

    #[test]
    fn candidates_are_the_kept_forms_near_a_token() {
        let words = variants(&["leadership", "people", "über", "principles"], 40, 2);
        let v = Vocabulary::from_texts(words.iter().map(String::as_str));
        // Keep about half the forms, by id and by text.
        let kept = |id: u32, w: &str| !id.is_multiple_of(3) && !w.ends_with('e');
        let c = v.candidates(kept);
        let is_kept = |w: &&str| kept(v.forms.get(w).unwrap(), w);
        for q in &words {
            let mut got = c.one_edit_from(q);
            got.sort_unstable();
            let mut want: Vec<&str> = v.one_edit_from(q).into_iter().filter(is_kept).collect();
            want.sort_unstable();
            assert_eq!(got, want, "{q}");
            let got: Vec<&str> = c.near_long_forms(q).collect();
            let want: Vec<&str> = v.near_long_forms(q).filter(is_kept).collect();
            assert_eq!(got, want, "{q}");
        }
    }

    #[test]
    fn long_forms_edited_at_their_ends_are_found() {
        // Inserts before or after the whole form, with another edit.
        let base = "leadership";
        let variants = [
            "xleadership",
            "leadershipx",
            "xxleadership",
            "leadershipxy",
            "xleadershipy",
            "xleaddrship",
            "leadershxpy",
            "eadershipx",
            "xleadershi",
            "lxadershipy",
        ];
        let v = Vocabulary::from_texts(variants.iter().copied().chain([base]));
        for q in variants {
            assert!(v.near_long_forms(q).any(|w| w == base), "{q}");
            assert!(v.near_long_forms(base).any(|w| w == q), "{q}");
        }
    }

    #[test]
    fn one_edit_distance() {
        assert!(within_one_edit("abc", "abd"));
        assert!(within_one_edit("abc", "acb"));
        assert!(within_one_edit("abc", "abcd"));
        assert!(within_one_edit("abc", "bc"));
        assert!(!within_one_edit("abc", "cab"));
        assert!(!within_one_edit("xabc", "abcy"));
    }
}
