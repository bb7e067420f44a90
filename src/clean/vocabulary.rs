//! The document's own vocabulary: how often each word form occurs, the
//! evidence that a candidate correction or a joined word is really used.

use std::sync::OnceLock;

use super::distance::within_one_edit;
use super::index::{Interner, TokenTable};
use super::lexicon::fold_cow;
use super::tokens::{anatomy, is_plain_word};

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

/// The indexes that find the forms near a token, built on first use over
/// some of a vocabulary's forms.
#[derive(Debug, Clone, Default)]
struct NearIndexes {
    forms: OnceLock<NearForms>,
}

/// Each form in one of two indexes, by its length: both are built in one
/// pass over the forms (nearly every document asks both).
#[derive(Debug, Clone, Default)]
struct NearForms {
    /// The shorter forms under their two halves, for
    /// [`NearIndexes::one_edit_from`].
    halves: Halves,
    /// The longer forms under three pieces, for
    /// [`NearIndexes::near_long_forms`] and [`NearIndexes::one_edit_from`]
    /// (a form is indexed once: the pieces serve both).
    long: LongForms,
}

impl NearForms {
    fn build(forms: &Interner, keep: Option<&[bool]>) -> Self {
        // The characters of each kept form sort the forms to the indexes
        // and size them.
        let mut lengths: Vec<Option<usize>> = Vec::with_capacity(forms.len());
        let mut long = 0;
        let mut short = 0;
        for id in 0..forms.len() {
            let m = keep
                .is_none_or(|k| k[id])
                .then(|| char_count(forms.resolve(id as u32)));
            match m {
                Some(m) if m >= LONG_FORM => long += 1,
                Some(_) => short += 1,
                None => {}
            }
            lengths.push(m);
        }
        let mut f = NearForms {
            halves: Halves::with_capacity(short),
            long: LongForms::with_capacity(long),
        };
        for (id, m) in lengths.into_iter().enumerate() {
            let Some(m) = m else { continue };
            let w = forms.resolve(id as u32);
            let offsets = CharOffsets::with_count(w, m);
            if m >= LONG_FORM {
                f.long.add(id as u32, w, &offsets, m);
            } else {
                f.halves.add(id as u32, w, &offsets, m);
            }
        }
        f
    }
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

/// The forms of at least [`LONG_FORM`] characters, indexed for
/// [`Vocabulary::near_long_forms`]. A form is cut into three pieces (by
/// characters); a word within two edits of it leaves one piece untouched,
/// found in the query within two places of where it stands in the form:
/// the pieces are hashed with the form's length and their number. The
/// letter signatures of the forms so found sort out most of them.
#[derive(Debug, Clone, Default)]
struct LongForms {
    /// Piece hash → index into the arrays below.
    pieces: HashChains,
    signatures: Vec<u64>,
    ids: Vec<u32>,
}

impl LongForms {
    fn with_capacity(n: usize) -> Self {
        LongForms {
            pieces: HashChains::with_capacity(3 * n),
            signatures: Vec::with_capacity(n),
            ids: Vec::with_capacity(n),
        }
    }

    /// Adds form `id`, `w` of `m` characters.
    fn add(&mut self, id: u32, w: &str, offsets: &CharOffsets, m: usize) {
        let at = self.ids.len() as u32;
        self.signatures.push(letter_signature(w));
        self.ids.push(id);
        for (k, (from, len)) in pieces(m).into_iter().enumerate() {
            let h = piece_hash(m, k, offsets.slice(w, from, len));
            self.pieces.insert(h, at);
        }
    }
}

impl LongForms {
    /// Calls `f` with the id of every form of `m` characters one edit (or
    /// none) from `q`, of `n` characters and letter signature `sig`, and of
    /// some others. One edit leaves the first or the last piece untouched:
    /// the first at the query's start, the last at its end. (Two edits
    /// need the middle piece too: see [`NearIndexes::near_long_forms`].)
    fn one_edit(
        &self,
        (q, offsets, n, sig): (&str, &CharOffsets, usize, u64),
        m: usize,
        mut f: impl FnMut(u32),
    ) {
        let [(_, first), _, (_, last)] = pieces(m);
        let mut keys = [None; 2];
        if first <= n {
            keys[0] = Some(piece_hash(m, 0, offsets.slice(q, 0, first)));
        }
        if last <= n {
            keys[1] = Some(piece_hash(m, 2, offsets.slice(q, n - last, last)));
        }
        for h in keys.into_iter().flatten() {
            for j in self.pieces.get(h) {
                let j = j as usize;
                // One edit changes two letter counts by one at most.
                if at_most_bits(self.signatures[j] ^ sig, 2) {
                    f(self.ids[j]);
                }
            }
        }
    }
}

/// Byte offsets of the characters of a string (none kept for ASCII, where
/// they are the indices themselves).
struct CharOffsets(Option<Vec<usize>>);

impl CharOffsets {
    fn new(w: &str) -> Self {
        Self::with_count(w, char_count(w))
    }

    /// For `w` of `m` characters (ASCII when as many as its bytes).
    fn with_count(w: &str, m: usize) -> Self {
        CharOffsets(
            (m != w.len()).then(|| w.char_indices().map(|(i, _)| i).chain([w.len()]).collect()),
        )
    }

    /// Characters of `w`, the string they were made for.
    fn count(&self, w: &str) -> usize {
        self.0.as_ref().map_or(w.len(), |o| o.len() - 1)
    }

    /// The `len` characters of `w` from character `from`.
    fn slice<'w>(&self, w: &'w str, from: usize, len: usize) -> &'w [u8] {
        match &self.0 {
            None => &w.as_bytes()[from..from + len],
            Some(o) => &w.as_bytes()[o[from]..o[from + len]],
        }
    }
}

/// Characters of `w` (bytes, when ASCII: most forms, checked fast).
fn char_count(w: &str) -> usize {
    if w.is_ascii() {
        w.len()
    } else {
        w.chars().count()
    }
}

/// Start and length of the three pieces of an `m`-letter form.
fn pieces(m: usize) -> [(usize, usize); 3] {
    let (a, b) = (m / 3, 2 * m / 3);
    [(0, a), (a, b - a), (b, m - b)]
}

/// Where the untouched piece `k` of a form can stand in a query `grown`
/// characters longer, relative to where it stands in the form: moved by
/// the inserts less the deletes before it, `d`, with `|d| + |grown - d| <= 2`.
/// An insert before the whole form counts as an edit of its first piece,
/// one after it of its last: so the first piece, untouched, has no edit
/// before it and the last none after it.
fn piece_shifts(k: usize, grown: isize) -> std::ops::RangeInclusive<isize> {
    match k {
        0 => 0..=0,
        2 => grown..=grown,
        _ => {
            let slack = (2 - grown.abs()) / 2;
            grown.min(0) - slack..=grown.max(0) + slack
        }
    }
}

/// Hash of piece `k` of an `m`-letter form: the piece's own, told apart
/// by `m` and `k`.
fn piece_hash(m: usize, k: usize, piece: &[u8]) -> u64 {
    poly(piece) ^ ((m as u64) << 2 | k as u64).wrapping_mul(0xd6e8_feb8_6659_fd93)
}

/// Forms this long are searched for two-edit candidates.
pub(crate) const LONG_FORM: usize = 7;

/// Ids under 64-bit hashes, in chained buckets (entries are only pushed:
/// no table to grow, nothing to move). Only the low half of a mixed hash is
/// kept (the high bits pick the bucket): hashes may collide, and callers
/// check what they find.
#[derive(Debug, Clone, Default)]
struct HashChains {
    /// Bucket → its last entry + 1 (0: empty).
    heads: Vec<u32>,
    entries: Vec<ChainEntry>,
    /// `64 - log2(number of buckets)`.
    shift: u32,
}

/// One id under a key, and the entry before it in the bucket + 1 (0: none).
#[derive(Debug, Clone, Copy)]
struct ChainEntry {
    key: u32,
    id: u32,
    next: u32,
}

impl HashChains {
    /// Room for `most` entries, about two a bucket.
    fn with_capacity(most: usize) -> Self {
        let bits = (most / 2)
            .max(2)
            .next_power_of_two()
            .trailing_zeros()
            .min(32);
        HashChains {
            heads: vec![0; 1 << bits],
            entries: Vec::with_capacity(most),
            shift: 64 - bits,
        }
    }

    fn insert(&mut self, h: u64, id: u32) {
        let m = mix(h);
        let Some(head) = self.heads.get_mut((m >> self.shift) as usize) else {
            return;
        };
        self.entries.push(ChainEntry {
            key: m as u32,
            id,
            next: *head,
        });
        *head = self.entries.len() as u32;
    }

    /// The ids under a key that hashes as `h` (most recent first).
    fn get(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let m = mix(h);
        let mut at = self
            .heads
            .get((m >> self.shift) as usize)
            .copied()
            .unwrap_or(0);
        std::iter::from_fn(move || {
            while let Some(e) = at.checked_sub(1).and_then(|i| self.entries.get(i as usize)) {
                at = e.next;
                if e.key == m as u32 {
                    return Some(e.id);
                }
            }
            None
        })
    }
}

/// The forms shorter than [`LONG_FORM`] characters cut in two halves (by characters), each half hashed with
/// the form's length and its number: one edit (see [`within_one_edit`])
/// leaves a half untouched, found at the same end of the query. The letter
/// sets of the forms so found sort out most of them.
#[derive(Debug, Clone, Default)]
struct Halves {
    /// Half hash → index into the arrays below.
    halves: HashChains,
    /// [`letter_set`] of each form.
    letters: Vec<u64>,
    ids: Vec<u32>,
}

impl Halves {
    fn with_capacity(n: usize) -> Self {
        Halves {
            halves: HashChains::with_capacity(2 * n),
            letters: Vec::with_capacity(n),
            ids: Vec::with_capacity(n),
        }
    }

    /// Adds form `id`, `w` of `m` characters.
    fn add(&mut self, id: u32, w: &str, offsets: &CharOffsets, m: usize) {
        let at = self.ids.len() as u32;
        self.letters.push(letter_set(w));
        self.ids.push(id);
        let a = m / 2;
        self.halves
            .insert(half_hash(m, 0, poly(offsets.slice(w, 0, a))), at);
        self.halves
            .insert(half_hash(m, 1, poly(offsets.slice(w, a, m - a))), at);
    }

    /// Calls `f` with the id of every form of `m` characters one edit (or
    /// none) from `q`, of `n` characters and letter set `letters`, and of some
    /// others: those that share a half and nearly the letters with it. The
    /// first half of the form is the query's first `m / 2` characters
    /// unless the edit is in it; then the rest is the query's end. A swap of
    /// the two characters either side of the cut changes both halves: the
    /// query with them swapped back has the form's first half.
    fn sharing_a_half(
        &self,
        (q, offsets, n, letters): (&str, &CharOffsets, usize, u64),
        m: usize,
        mut f: impl FnMut(u32),
    ) {
        let a = m / 2;
        let mut keys = [None; 3];
        if a <= n {
            keys[0] = Some(half_hash(m, 0, poly(offsets.slice(q, 0, a))));
        }
        if m - a <= n {
            keys[1] = Some(half_hash(m, 1, poly(offsets.slice(q, n - (m - a), m - a))));
        }
        if m == n && a >= 1 && a < n {
            let (left, right) = (offsets.slice(q, a - 1, 1), offsets.slice(q, a, 1));
            if left != right {
                // The form's first half ends with the query's character after the cut.
                let swapped = poly_from(poly(offsets.slice(q, 0, a - 1)), right);
                keys[2] = Some(half_hash(m, 0, swapped));
            }
        }
        for h in keys.into_iter().flatten() {
            for j in self.halves.get(h) {
                let j = j as usize;
                if at_most_bits(self.letters[j] ^ letters, 2) {
                    f(self.ids[j]);
                }
            }
        }
    }
}

/// Hash of half `k` of an `m`-letter form, from the polynomial hash of
/// its text: told apart by `m` and `k`.
fn half_hash(m: usize, k: usize, poly: u64) -> u64 {
    poly ^ ((m as u64) << 1 | k as u64).wrapping_mul(0x8cb9_2ba7_2f3d_8dd7)
}

/// Characters counted in 32 cells by the low five bits of their first
/// byte (`a`..`z` apart, the rest sharing cells with them): bit `k` set
/// when cell `k` is not empty, bit `32 + k` when it holds two or more. An
/// edit changes at most two counts by one, each flipping at most one bit:
/// the signatures of strings `d` edits apart differ in `2d` bits at most.
fn letter_signature(w: &str) -> u64 {
    let add = |sig: u64, b: u8| {
        let bit = 1u64 << (b & 31);
        // A first occurrence sets the low bit, a second the high one.
        sig | bit | (sig & bit) << 32
    };
    if w.is_ascii() {
        return w.bytes().fold(0, add);
    }
    // UTF-8 continuation bytes belong to the character before.
    w.bytes().filter(|b| b & 0xc0 != 0x80).fold(0, add)
}

/// Are at most `k` bits of `x` set? (Clears the lowest `k` times: cheaper
/// than counting them where the CPU has no instruction for it.)
fn at_most_bits(x: u64, k: u32) -> bool {
    (0..k).fold(x, |x, _| x & x.wrapping_sub(1)) == 0
}

/// The characters a string holds, one bit each (by the low six bits of an
/// ASCII byte, of the first byte of another character): cheaper than
/// [`letter_signature`], and enough to sort out most forms that share a
/// half with a query. One edit removes a character and adds one at most,
/// so flips at most two bits.
fn letter_set(w: &str) -> u64 {
    let add = |set: u64, b: u8| set | 1 << (b & 63);
    if w.is_ascii() {
        return w.bytes().fold(0, add);
    }
    // UTF-8 continuation bytes belong to the character before.
    w.bytes().filter(|b| b & 0xc0 != 0x80).fold(0, add)
}

/// Base of the polynomial hash of [`poly`].
const POLY: u64 = 0x2545_f491_4f6c_dd1d;

/// Polynomial hash of bytes, `Σ b[j]·POLY^(n-1-j)`.
fn poly(bytes: &[u8]) -> u64 {
    poly_from(0, bytes)
}

/// [`poly`] of a string that starts with one hashed `h` and goes on with
/// `bytes`.
fn poly_from(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| h.wrapping_mul(POLY).wrapping_add(u64::from(b)))
}

/// Spreads the low bits of a polynomial hash (the last byte only reaches
/// them) to the high bits that pick a bucket.
fn mix(h: u64) -> u64 {
    (h ^ (h >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
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

impl NearIndexes {
    /// Forms of at least [`LONG_FORM`] characters that may be within two
    /// edits of `folded` (every one that is, and some that are not): a
    /// cheap filter before an edit-distance check.
    fn near_long_forms<'v>(
        &self,
        all: &'v Interner,
        keep: Option<&[bool]>,
        folded: &str,
    ) -> impl Iterator<Item = &'v str> + use<'v> {
        let forms = &self.forms.get_or_init(|| NearForms::build(all, keep)).long;
        let sig = letter_signature(folded);
        let offsets = CharOffsets::new(folded);
        let n = offsets.count(folded);
        let mut ids: Vec<u32> = Vec::new();
        for m in n.saturating_sub(2).max(LONG_FORM)..=n + 2 {
            let grown = n as isize - m as isize;
            for (k, (at, len)) in pieces(m).into_iter().enumerate() {
                for shift in piece_shifts(k, grown) {
                    let Some(s) = at.checked_add_signed(shift).filter(|&s| s + len <= n) else {
                        continue;
                    };
                    let h = piece_hash(m, k, offsets.slice(folded, s, len));
                    // Short pieces are common: the letter signatures sort
                    // out most forms.
                    for j in forms.pieces.get(h) {
                        let j = j as usize;
                        if at_most_bits(forms.signatures[j] ^ sig, 4) {
                            ids.push(forms.ids[j]);
                        }
                    }
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|id| all.resolve(id))
    }

    /// Forms of the document one edit (delete, insert, substitute or swap
    /// two neighbouring letters) from `folded`, not `folded` itself.
    fn one_edit_from<'v>(
        &self,
        forms: &'v Interner,
        keep: Option<&[bool]>,
        folded: &str,
    ) -> Vec<&'v str> {
        let mut out: Vec<&str> = Vec::new();
        let offsets = CharOffsets::new(folded);
        let n = offsets.count(folded);
        let mut add = |id: u32| {
            let w = forms.resolve(id);
            if w != folded && !out.contains(&w) && within_one_edit(folded, w) {
                out.push(w);
            }
        };
        let index = self.forms.get_or_init(|| NearForms::build(forms, keep));
        let lengths = n.saturating_sub(1)..=n + 1;
        if *lengths.start() < LONG_FORM {
            let query = (folded, &offsets, n, letter_set(folded));
            for m in lengths.clone().filter(|&m| m < LONG_FORM) {
                index.halves.sharing_a_half(query, m, &mut add);
            }
        }
        if *lengths.end() >= LONG_FORM {
            let query = (folded, &offsets, n, letter_signature(folded));
            for m in lengths.filter(|&m| m >= LONG_FORM) {
                index.long.one_edit(query, m, &mut add);
            }
        }
        out
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
