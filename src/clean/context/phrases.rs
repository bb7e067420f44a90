//! Phrase lists: the listed collocations (with an index of words one edit
//! apart) and the n-grams of the document itself.

use super::*;

/// The embedded list of common English phrases.
pub(crate) const DEFAULT_COLLOCATIONS: &str =
    include_str!("../../../data/lexicon/collocations-en.txt");

/// Common phrases (two words or more), folded, split into words.
#[derive(Debug, Clone, Default)]
pub struct Collocations {
    pub(super) phrases: Vec<Vec<String>>,
    /// Each word of a phrase → the phrase words that follow it, and those
    /// that precede it, as (byte length, phrase, position, word id in
    /// `phrase_words`), sorted by length: whether a phrase has a word of
    /// about a printed word's length next to its neighbour is known per
    /// form from these (see [`Anchors`]).
    pub(super) followers: FxHashMap<String, Vec<PhraseEntry>>,
    pub(super) preceders: FxHashMap<String, Vec<PhraseEntry>>,
    /// The distinct words of the phrases, found by the words one edit from
    /// them, and each phrase as their ids: a phrase can correct a word only
    /// at a phrase word one edit from it, and those few are known first.
    pub(super) phrase_words: NearIndex,
    pub(super) word_ids: Vec<Vec<u32>>,
    /// Per phrase word id, where it stands: (phrase, position).
    pub(super) places: Vec<Vec<(u32, u32)>>,
}
/// Words, each found from the words one edit from it: a key per string
/// made by deleting none or one of a word's characters (see
/// [`any_deletion_key`]) → the words. Two words one edit apart share a key,
/// so the words near a printed word are found from its own few keys.
#[derive(Debug, Clone, Default)]
pub(super) struct NearIndex {
    pub(super) words: Vec<String>,
    pub(super) keys: FxHashMap<u64, Vec<u32>>,
    /// A bit per key, by its top [`KEY_BITS`] bits: most keys of a printed
    /// word are no key of the index, and one bit test says so.
    pub(super) seen: Vec<u64>,
}

/// Bits of a key that choose its bit in [`NearIndex::seen`].
pub(super) const KEY_BITS: u32 = 16;

pub(super) fn seen_bit(key: u64) -> (usize, u64) {
    let b = key >> (64 - KEY_BITS);
    ((b >> 6) as usize, 1 << (b & 63))
}

impl NearIndex {
    /// The index of distinct `words`, which get their ids in this order.
    pub(super) fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
        let mut index = NearIndex {
            seen: vec![0; 1 << (KEY_BITS - 6)],
            ..NearIndex::default()
        };
        for w in words {
            let id = index.words.len() as u32;
            any_deletion_key(w, |k| {
                let (word, bit) = seen_bit(k);
                index.seen[word] |= bit;
                let ids = index.keys.entry(k).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
                false
            });
            index.words.push(w.to_string());
        }
        index
    }

    /// Calls `f` with the id of each word, other than `w`, one edit from
    /// `w` (some more than once), until `f` says stop; whether it did.
    pub(super) fn any_near(&self, w: &str, mut f: impl FnMut(u32) -> bool) -> bool {
        any_deletion_key(w, |k| {
            let (word, bit) = seen_bit(k);
            self.seen.get(word).is_some_and(|s| s & bit != 0) && self.any_near_by_key(k, w, &mut f)
        })
    }

    /// [`Self::any_near`] for one key that may be in the index (apart: the
    /// bit test most keys stop at stays inline in the walk over the keys).
    #[inline(never)]
    pub(super) fn any_near_by_key(&self, k: u64, w: &str, f: &mut impl FnMut(u32) -> bool) -> bool {
        self.keys.get(&k).is_some_and(|ids| {
            ids.iter().any(|&id| {
                let x = &self.words[id as usize];
                x != w && within_one_edit(w, x) && f(id)
            })
        })
    }
}

/// Multiplier of the polynomial string hash of [`any_deletion_key`] (odd,
/// so it has an inverse modulo 2^64).
pub(super) const HASH_BASE: u64 = 0x0100_0000_01b3;

/// The inverse of [`HASH_BASE`] modulo 2^64 (Newton's iteration: each step
/// doubles the correct low bits, from 3 bits for any odd number).
pub(super) const HASH_BASE_INVERSE: u64 = {
    let mut x = HASH_BASE;
    let mut k = 0;
    while k < 5 {
        x = x.wrapping_mul(2u64.wrapping_sub(HASH_BASE.wrapping_mul(x)));
        k += 1;
    }
    x
};

/// Spreads a polynomial hash into its top bits, which [`seen_bit`] reads.
pub(super) fn mix_key(h: u64) -> u64 {
    (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9)
}

/// Calls `f` with a hash of `w` and of each string made by deleting one
/// character of `w`, until `f` says stop; whether it did.
///
/// The hash is polynomial, `h(s) = Σ s[k]·B^(n-1-k)` over the `n` bytes of
/// `s`, so that each deletion's hash comes from the whole word's in a few
/// operations (deleting bytes `i..j` gives `h(w) + (p(i) - p(j))·B^(n-j)`,
/// `p(i)` the hash of the first `i` bytes) instead of hashing what follows
/// the deleted character again: linear in the word's length, not square.
pub(super) fn any_deletion_key(w: &str, mut f: impl FnMut(u64) -> bool) -> bool {
    let b = w.as_bytes();
    // The whole word's hash and B^n.
    let (mut whole, mut power) = (0u64, 1u64);
    for &x in b {
        whole = whole.wrapping_mul(HASH_BASE).wrapping_add(u64::from(x));
        power = power.wrapping_mul(HASH_BASE);
    }
    if f(mix_key(whole)) {
        return true;
    }
    // p(i) and B^(n-i) at the start `i` of each character, carried along.
    let mut prefix = 0u64;
    for (i, c) in w.char_indices() {
        let mut next = prefix;
        for &x in &b[i..i + c.len_utf8()] {
            next = next.wrapping_mul(HASH_BASE).wrapping_add(u64::from(x));
            power = power.wrapping_mul(HASH_BASE_INVERSE);
        }
        let key = whole.wrapping_add(prefix.wrapping_sub(next).wrapping_mul(power));
        if f(mix_key(key)) {
            return true;
        }
        prefix = next;
    }
    false
}

/// A phrase word next to another: (byte length, phrase, position, its id
/// among the distinct phrase words).
pub(super) type PhraseEntry = (usize, usize, usize, u32);

/// The entries of `list` (sorted by length) whose word is `len` bytes long,
/// give or take one.
pub(super) fn of_length_near(list: &[PhraseEntry], len: usize) -> &[PhraseEntry] {
    let from = list.partition_point(|e| e.0 + 1 < len);
    let to = list.partition_point(|e| e.0 <= len + 1);
    &list[from..to.max(from)]
}

impl Collocations {
    /// The embedded list.
    pub fn builtin() -> Self {
        let mut c = Collocations::default();
        c.add_text(DEFAULT_COLLOCATIONS);
        c
    }

    /// Adds phrases, one a line, `#` comments; one-word lines are ignored.
    pub fn add_text(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let words: Vec<String> = line.split_whitespace().map(fold).collect();
            if words.len() >= 2 {
                let p = self.phrases.len();
                for (pos, w) in words.iter().enumerate() {
                    if let Some(next) = words.get(pos + 1) {
                        let list = self.followers.entry(w.clone()).or_default();
                        list.push((next.len(), p, pos + 1, 0));
                    }
                    if let Some(prev) = pos.checked_sub(1).map(|k| &words[k]) {
                        let list = self.preceders.entry(w.clone()).or_default();
                        list.push((prev.len(), p, pos - 1, 0));
                    }
                }
                self.phrases.push(words);
            }
        }
        for list in self
            .followers
            .values_mut()
            .chain(self.preceders.values_mut())
        {
            list.sort_unstable();
        }
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let word_ids: Vec<Vec<u32>> = self
            .phrases
            .iter()
            .map(|p| {
                p.iter()
                    .map(|w| {
                        *ids.entry(w).or_insert_with(|| {
                            distinct.push(w);
                            distinct.len() as u32 - 1
                        })
                    })
                    .collect()
            })
            .collect();
        self.phrase_words = NearIndex::new(distinct);
        let mut places = vec![Vec::new(); self.phrase_words.words.len()];
        for (p, ids) in word_ids.iter().enumerate() {
            for (j, &id) in ids.iter().enumerate() {
                places[id as usize].push((p as u32, j as u32));
            }
        }
        self.places = places;
        self.word_ids = word_ids;
        for list in self
            .followers
            .values_mut()
            .chain(self.preceders.values_mut())
        {
            for e in list {
                e.3 = self.word_ids[e.1][e.2];
            }
        }
    }

    /// The phrase words that may stand for the folded printed word `w`:
    /// one OCR edit from it ([`real_word_edit`]), of four letters or more,
    /// of its byte length give or take one (ids, ascending). What a phrase
    /// can make of a word depends on the word and the phrase word alone, so
    /// this is asked once per form.
    pub(super) fn candidates_for(&self, w: &str) -> Vec<u32> {
        let mut near = Vec::new();
        self.phrase_words.any_near(w, |id| {
            near.push(id);
            false
        });
        if near.is_empty() {
            return near;
        }
        near.sort_unstable();
        near.dedup();
        near.retain(|&id| {
            let pw = self.phrase_words.words[id as usize].as_str();
            pw.len().abs_diff(w.len()) <= 1 && pw.chars().count() >= 4 && real_word_edit(w, pw)
        });
        near
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// How often each word pair and triple of the document occurs (folded, in
/// reading order, not across punctuation). The text is kept as a sequence
/// of form ids with breaks, and where each form occurs: a count is read off
/// the occurrences of the rarest word of the phrase, so building costs one
/// pass and no table of every pair.
#[derive(Debug, Default)]
pub(crate) struct Ngrams {
    pub(super) forms: Interner,
    /// Form ids in reading order; [`BREAK`] where a phrase cannot continue.
    pub(super) seq: Vec<u32>,
    /// Positions in `seq` of form `f`: `positions[offsets[f]..offsets[f + 1]]`.
    pub(super) offsets: Vec<u32>,
    pub(super) positions: Vec<u32>,
    /// Initials as printed (`U.S.S.R.`).
    pub(super) initials: FxHashMap<Box<str>, u32>,
}

/// Between words that do not form a phrase.
pub(super) const BREAK: u32 = u32::MAX;

impl Ngrams {
    /// The word sequences of the indexed blocks.
    pub(crate) fn build<'b>(
        table: &TokenTable,
        blocks: impl IntoIterator<Item = (&'b [Inline], &'b BlockTokens)>,
    ) -> Self {
        let forms = table.forms().clone();
        let mut seq: Vec<u32> = Vec::new();
        // Occurrences of form `f` counted at `offsets[f]` as the sequence is
        // made, summed into where they end, and moved to where they start as
        // the positions are filled from the back.
        let mut offsets = vec![0u32; forms.len() + 1];
        let mut initials: FxHashMap<Box<str>, u32> = FxHashMap::default();
        // Whether a token that is no plain word is initials, per token.
        let mut is_init: Vec<u8> = vec![0; table.len()];
        // At most a break before and after each token and one per node and
        // block: reserved once for the whole document.
        let blocks: Vec<_> = blocks.into_iter().collect();
        seq.reserve(
            blocks
                .iter()
                .map(|(content, toks)| 3 * toks.all().len() + content.len() + 1)
                .sum(),
        );
        for (content, toks) in blocks {
            for (i, n) in content.iter().enumerate() {
                match n {
                    Inline::Text(_) => {}
                    Inline::LineStart {
                        joins_word: true, ..
                    } => {
                        seq.push(BREAK);
                        continue;
                    }
                    _ => continue,
                }
                for t in toks.node(i) {
                    let info = table.info(t.id);
                    if info.lead > 0 {
                        seq.push(BREAK);
                    }
                    if !info.plain {
                        let k = &mut is_init[t.id as usize];
                        if *k == 0 {
                            *k = if is_initials(table.core(t.id)) { 2 } else { 1 };
                        }
                        if *k == 2 {
                            *initials.entry(table.core(t.id).into()).or_default() += 1;
                        }
                        seq.push(BREAK);
                        continue;
                    }
                    seq.push(info.form);
                    offsets[info.form as usize] += 1;
                    if info.trail > 0 {
                        seq.push(BREAK);
                    }
                }
            }
            seq.push(BREAK);
        }
        for k in 1..forms.len() {
            offsets[k] += offsets[k - 1];
        }
        let total = forms.len().checked_sub(1).map_or(0, |k| offsets[k]);
        offsets[forms.len()] = total;
        let mut positions = vec![0u32; total as usize];
        for (p, &f) in seq.iter().enumerate().rev() {
            if f != BREAK {
                let end = &mut offsets[f as usize];
                *end -= 1;
                positions[*end as usize] = p as u32;
            }
        }
        Ngrams {
            forms,
            seq,
            offsets,
            positions,
            initials,
        }
    }

    #[cfg(test)]
    /// The word sequences of blocks of plain text (for tests and tools).
    pub(crate) fn from_blocks(blocks: &[Vec<Inline>]) -> Self {
        let mut table = TokenTable::default();
        let toks: Vec<BlockTokens> = blocks.iter().map(|b| table.index_block(b, false)).collect();
        Ngrams::build(&table, blocks.iter().map(Vec::as_slice).zip(&toks))
    }

    pub(super) fn occurrences(&self, form: u32) -> &[u32] {
        let f = form as usize;
        &self.positions[self.offsets[f] as usize..self.offsets[f + 1] as usize]
    }

    /// Occurrences of the folded word sequence (two or three words).
    pub(crate) fn count(&self, words: &[&str]) -> u32 {
        if !(2..=3).contains(&words.len()) {
            return 0;
        }
        let mut ids = [BREAK; 3];
        for (k, w) in words.iter().enumerate() {
            match self.forms.get(w) {
                Some(id) => ids[k] = id,
                None => return 0,
            }
        }
        self.count_ids(&ids[..words.len()])
    }

    /// [`Self::count`] of a sequence of form ids (two or three).
    pub(super) fn count_ids(&self, ids: &[u32]) -> u32 {
        // Scan the occurrences of the rarest word of the phrase.
        let (at, rare) = ids
            .iter()
            .enumerate()
            .min_by_key(|(_, f)| self.occurrences(**f).len())
            .map(|(k, f)| (k, *f))
            .unwrap_or((0, ids[0]));
        let fits = |p: u32| {
            let p = p as usize;
            p >= at
                && p - at + ids.len() <= self.seq.len()
                && self.seq[p - at..p - at + ids.len()] == *ids
        };
        self.occurrences(rare).iter().filter(|&&p| fits(p)).count() as u32
    }
}
