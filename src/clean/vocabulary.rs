//! The document's own vocabulary: how often each word form occurs, the
//! evidence that a candidate correction or a joined word is really used.

use std::cell::OnceCell;

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::fold_cow;
use super::tokens::{anatomy, is_plain_word, tokens};

/// Counts of word forms in a document, case-folded.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    counts: HashMap<String, u32>,
    /// Occurrences written in lower case (a name never is).
    lower: HashMap<String, u32>,
    /// Every form with one letter deleted → the forms it comes from: finds
    /// the words one edit from a token without trying every edit.
    deletes: OnceCell<HashMap<String, Vec<String>>>,
}

/// The strings made by deleting one character of `w`.
fn deletions(w: &str) -> impl Iterator<Item = String> + '_ {
    w.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(w.len());
        s.push_str(&w[..i]);
        s.push_str(&w[i + c.len_utf8()..]);
        s
    })
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
        self.deletes = OnceCell::new();
        for tok in tokens(text) {
            let core = anatomy(tok.text).core;
            if !is_plain_word(core) {
                continue;
            }
            let folded = fold_cow(core);
            let is_lower = matches!(folded, std::borrow::Cow::Borrowed(_));
            bump(&mut self.counts, &folded);
            if is_lower {
                bump(&mut self.lower, &folded);
            }
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

    /// Forms of the document one edit (delete, insert, substitute or swap
    /// two neighbouring letters) from `folded`, not `folded` itself.
    pub fn one_edit_from(&self, folded: &str) -> Vec<&str> {
        let index = self.deletes.get_or_init(|| {
            let mut index: HashMap<String, Vec<String>> = HashMap::default();
            for w in self.counts.keys() {
                for d in deletions(w) {
                    index.entry(d).or_default().push(w.clone());
                }
            }
            index
        });
        let mut out: Vec<&str> = Vec::new();
        let mut add = |w: &str| {
            if w != folded && !out.contains(&w) && within_one_edit(folded, w) {
                // Borrow from the map, which lives as long as `self`.
                if let Some((k, _)) = self.counts.get_key_value(w) {
                    out.push(k.as_str());
                }
            }
        };
        // Insertions: the token is a deletion of the word.
        if let Some(ws) = index.get(folded) {
            ws.iter().for_each(|w| add(w));
        }
        for d in deletions(folded) {
            // Deletions: the word is a deletion of the token.
            if self.counts.contains_key(&d) {
                add(&d);
            }
            // Substitutions and swaps: both lose a letter to the same form.
            if let Some(ws) = index.get(&d) {
                ws.iter().for_each(|w| add(w));
            }
        }
        out
    }
}

fn bump(map: &mut HashMap<String, u32>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// Optimal-string-alignment distance of at most one.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if la == lb {
        if prefix == la {
            return true;
        }
        // One substitution, or one swap of neighbours.
        let rest_same = |from: usize| a[from..] == b[from..];
        rest_same(prefix + 1)
            || (prefix + 1 < la
                && a[prefix] == b[prefix + 1]
                && a[prefix + 1] == b[prefix]
                && rest_same(prefix + 2))
    } else {
        let (long, short) = if la > lb { (&a, &b) } else { (&b, &a) };
        long[prefix + 1..] == short[prefix..]
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
