//! The document's own vocabulary: how often each word form occurs, the
//! evidence that a candidate correction or a joined word is really used.

use std::sync::OnceLock;

use hashbrown::HashTable;

use super::index::{Interner, TokenTable};
use super::lexicon::fold_cow;
use super::tokens::{anatomy, is_plain_word};

/// Counts of word forms in a document, case-folded.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The folded forms, interned in one buffer.
    forms: Interner,
    /// Occurrences of each form (by id), all and written in lower case (a
    /// name never is).
    counts: Vec<(u32, u32)>,
    /// Hash of every form with one character deleted → the forms it comes
    /// from: finds the words one edit from a token without trying every edit.
    deletes: OnceLock<DeleteIndex>,
    /// Letter counts of the longer forms, for [`Vocabulary::near_long_forms`].
    long_forms: OnceLock<LongForms>,
}

/// The forms of at least [`LONG_FORM`] characters, indexed for
/// [`Vocabulary::near_long_forms`]. An ASCII form is cut into three pieces;
/// a word within two edits of it leaves one piece untouched, found in the
/// query within two places of where it stands in the form: the pieces are
/// hashed with the form's length and their number. Forms with other
/// characters are few, and scanned.
#[derive(Debug, Clone, Default)]
struct LongForms {
    /// (hash, index into `all`).
    pieces: HashTable<(u64, u32)>,
    /// Every form, for a query with other characters; the non-ASCII ones,
    /// for any query.
    all: ScanForms,
    other: ScanForms,
}

/// Forms sorted by length, as parallel arrays: a query scans the signatures
/// of the lengths near its own and compares histograms only where the
/// signatures allow.
#[derive(Debug, Clone, Default)]
struct ScanForms {
    chars: Vec<usize>,
    signatures: Vec<u64>,
    hists: Vec<[u8; 32]>,
    ids: Vec<u32>,
}

impl ScanForms {
    fn push(&mut self, chars: usize, form: &str, id: u32) {
        let hist = letter_histogram(form);
        self.chars.push(chars);
        self.signatures.push(signature(&hist));
        self.hists.push(hist);
        self.ids.push(id);
    }

    /// Ids of the forms within two edits by length and letter counts.
    fn near(&self, folded: &str, out: &mut Vec<u32>) {
        let n = folded.chars().count();
        let from = self.chars.partition_point(|c| c + 2 < n);
        let to = self.chars.partition_point(|c| *c <= n + 2).max(from);
        let mine = letter_histogram(folded);
        let sig = signature(&mine);
        for k in from..to {
            // Two edits change at most four letter counts by one each.
            if (self.signatures[k] ^ sig).count_ones() <= 4
                && histogram_distance(&mine, &self.hists[k]) <= 4
            {
                out.push(self.ids[k]);
            }
        }
    }
}

/// Start and length of the three pieces of an `m`-letter form.
fn pieces(m: usize) -> [(usize, usize); 3] {
    let (a, b) = (m / 3, 2 * m / 3);
    [(0, a), (a, b - a), (b, m - b)]
}

fn piece_hash(m: usize, k: usize, piece: &[u8]) -> u64 {
    fnv(&[&(m as u32).to_le_bytes(), &[k as u8], piece])
}

/// Bit `k` set when cell `k` of the histogram is not zero, bit `32 + k`
/// when it is two or more. A cell whose count changes by `d` flips at most
/// `d` of its bits, so two histograms within distance 4 have signatures
/// that differ in at most four bits.
fn signature(hist: &[u8; 32]) -> u64 {
    hist.iter().enumerate().fold(0, |m, (k, n)| {
        m | u64::from(*n > 0) << k | u64::from(*n > 1) << (32 + k)
    })
}

/// Sum of the cell differences of two histograms (a sum of absolute
/// differences the compiler makes one vector instruction).
fn histogram_distance(a: &[u8; 32], b: &[u8; 32]) -> u32 {
    let mut d = 0u32;
    for k in 0..32 {
        d += u32::from(a[k].abs_diff(b[k]));
    }
    d
}

/// Forms this long are compared by letter counts (two-edit candidates).
pub const LONG_FORM: usize = 7;

/// Counts of `a`..`z`, and of every other character in cell 26 (32 cells,
/// the rest zero, so that comparing two is one vector instruction).
fn letter_histogram(w: &str) -> [u8; 32] {
    let mut h = [0u8; 32];
    for c in w.chars() {
        let k = if c.is_ascii_lowercase() {
            (c as u8 - b'a') as usize
        } else {
            26
        };
        h[k] = h[k].saturating_add(1);
    }
    h
}

/// (deletion hash, form id) pairs in a hash table keyed by the deletion
/// hash (several forms may share one): built in one pass, no sort.
#[derive(Debug, Clone, Default)]
struct DeleteIndex {
    table: HashTable<(u64, u32)>,
}

impl DeleteIndex {
    /// Forms with a deletion that hashes to `h`.
    fn get(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        self.table
            .iter_hash(h)
            .filter(move |(k, _)| *k == h)
            .map(|(_, i)| *i)
    }
}

/// FNV-1a over bytes: the same for the same byte sequence however it is cut.
fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in *p {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Hashes of the strings made by deleting one character of `w`.
fn deletion_hashes(w: &str) -> impl Iterator<Item = u64> + '_ {
    w.char_indices()
        .map(move |(i, c)| fnv(&[&w.as_bytes()[..i], &w.as_bytes()[i + c.len_utf8()..]]))
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
        self.deletes = OnceLock::new();
        self.long_forms = OnceLock::new();
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
    pub fn add_counted(&mut self, table: &TokenTable) {
        self.deletes = OnceLock::new();
        self.long_forms = OnceLock::new();
        for (id, n) in table.counted() {
            let info = table.info(id);
            if !info.plain {
                continue;
            }
            let folded = table.forms().resolve(info.form);
            self.add_form(folded, n, if info.lower { n } else { 0 });
        }
    }

    /// Occurrences of a folded form.
    pub fn count(&self, folded: &str) -> u32 {
        self.forms
            .get(folded)
            .map_or(0, |id| self.counts[id as usize].0)
    }

    /// Every folded form and its count.
    pub fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.counts
            .iter()
            .enumerate()
            .map(|(id, n)| (self.forms.resolve(id as u32), n.0))
    }

    /// Forms of at least [`LONG_FORM`] characters that may be within two
    /// edits of `folded` (every one that is, and some that are not): a
    /// cheap filter before an edit-distance check.
    pub fn near_long_forms(&self, folded: &str) -> impl Iterator<Item = &str> {
        let forms = self.long_forms.get_or_init(|| {
            let mut long: Vec<(usize, u32)> = (0..self.forms.len() as u32)
                .map(|id| (self.forms.resolve(id).chars().count(), id))
                .filter(|(n, _)| *n >= LONG_FORM)
                .collect();
            // By length, so that a scan reads only the forms of about its own.
            long.sort_unstable();
            let mut f = LongForms::default();
            for (n, id) in long {
                let w = self.forms.resolve(id);
                let at_all = f.all.ids.len() as u32;
                f.all.push(n, w, id);
                if !w.is_ascii() {
                    f.other.push(n, w, id);
                    continue;
                }
                for (k, (at, len)) in pieces(n).into_iter().enumerate() {
                    let h = piece_hash(n, k, &w.as_bytes()[at..at + len]);
                    f.pieces.insert_unique(h, (h, at_all), |e| e.0);
                }
            }
            f
        });
        let mut ids: Vec<u32> = Vec::new();
        if folded.is_ascii() {
            let mut found: Vec<u32> = Vec::new();
            let q = folded.as_bytes();
            let n = q.len();
            for m in n.saturating_sub(2).max(LONG_FORM)..=n + 2 {
                for (k, (at, len)) in pieces(m).into_iter().enumerate() {
                    for s in at.saturating_sub(2)..=at + 2 {
                        if s + len > n {
                            break;
                        }
                        let h = piece_hash(m, k, &q[s..s + len]);
                        found.extend(forms.pieces.iter_hash(h).filter(|e| e.0 == h).map(|e| e.1));
                    }
                }
            }
            // Short pieces are common: the letter counts sort out most.
            found.sort_unstable();
            found.dedup();
            let mine = letter_histogram(folded);
            let sig = signature(&mine);
            let all = &forms.all;
            ids.extend(
                found
                    .into_iter()
                    .map(|k| k as usize)
                    .filter(|&k| {
                        (all.signatures[k] ^ sig).count_ones() <= 4
                            && histogram_distance(&mine, &all.hists[k]) <= 4
                    })
                    .map(|k| all.ids[k]),
            );
            forms.other.near(folded, &mut ids);
        } else {
            forms.all.near(folded, &mut ids);
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|id| self.forms.resolve(id))
    }

    /// Occurrences of a folded form written all in lower case.
    pub fn lower_count(&self, folded: &str) -> u32 {
        self.forms
            .get(folded)
            .map_or(0, |id| self.counts[id as usize].1)
    }

    /// Forms of the document one edit (delete, insert, substitute or swap
    /// two neighbouring letters) from `folded`, not `folded` itself.
    pub fn one_edit_from(&self, folded: &str) -> Vec<&str> {
        let index = self.deletes.get_or_init(|| {
            let mut table: HashTable<(u64, u32)> = HashTable::with_capacity(self.forms.len() * 9);
            for id in 0..self.forms.len() as u32 {
                for d in deletion_hashes(self.forms.resolve(id)) {
                    table.insert_unique(d, (d, id), |e| e.0);
                }
            }
            DeleteIndex { table }
        });
        let mut out: Vec<&str> = Vec::new();
        let mut add = |id: u32| {
            let w = self.forms.resolve(id);
            if w != folded && !out.contains(&w) && within_one_edit(folded, w) {
                out.push(w);
            }
        };
        // Insertions: the token is a deletion of the word.
        index.get(fnv(&[folded.as_bytes()])).for_each(&mut add);
        let mut d = String::with_capacity(folded.len());
        for (i, c) in folded.char_indices() {
            d.clear();
            d.push_str(&folded[..i]);
            d.push_str(&folded[i + c.len_utf8()..]);
            // Deletions: the word is a deletion of the token.
            if let Some(id) = self.forms.get(&d) {
                add(id);
            }
            // Substitutions and swaps: both lose a letter to the same form.
            index.get(fnv(&[d.as_bytes()])).for_each(&mut add);
        }
        out
    }
}

/// Optimal-string-alignment distance of at most one.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return one_edit_slices(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    one_edit_slices(&a, &b)
}

/// [`within_one_edit`] over letters (bytes for ASCII, else chars).
fn one_edit_slices<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
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
        let (long, short) = if la > lb { (a, b) } else { (b, a) };
        long[prefix + 1..] == short[prefix..]
    }
}

/// The textbook edit distance (the whole table), for checking the fast
/// bounds in tests.
#[cfg(test)]
pub(crate) fn edit_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
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

    #[test]
    fn long_forms_within_two_edits_are_all_found() {
        // Variants of a few long words by up to three random edits (a
        // small linear congruential generator keeps the test repeatable).
        let bases = [
            "consequences",
            "leadership",
            "collective",
            "überlegung",
            "principles",
        ];
        let letters: Vec<char> = "aeilnorstuü".chars().collect();
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut words: Vec<String> = Vec::new();
        for b in bases {
            for _ in 0..60 {
                let mut w: Vec<char> = b.chars().collect();
                for _ in 0..next(4) {
                    let at = next(w.len());
                    match next(3) {
                        0 => w[at] = letters[next(letters.len())],
                        1 => w.insert(at, letters[next(letters.len())]),
                        _ => {
                            w.remove(at);
                        }
                    }
                }
                words.push(w.into_iter().collect());
            }
        }
        let v = Vocabulary::from_texts(words.iter().map(String::as_str));
        for q in &words {
            let found: Vec<&str> = v.near_long_forms(q).collect();
            let qc: Vec<char> = q.chars().collect();
            for w in &words {
                let wc: Vec<char> = w.chars().collect();
                if wc.len() >= LONG_FORM && edit_distance(&qc, &wc) <= 2 {
                    assert!(found.contains(&w.as_str()), "{q} should find {w}");
                }
            }
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
