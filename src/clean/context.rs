//! Corrections decided by context: the words round a token, as the document
//! itself uses them elsewhere, or as a list of common English phrases has
//! them. This finds what a token alone cannot settle: real-word errors
//! (`arms rice` where the document says `arms race` elsewhere, `hear in
//! mind`), and damaged tokens with several possible readings (`can bi`,
//! `principlee of`).
//!
//! Precision comes first: a real word is changed only by one edit, only
//! when the phrase it stands in occurs nowhere else in the document while
//! the corrected phrase does (or is a listed collocation).

use std::cell::{Cell, Ref, RefCell};

use rustc_hash::FxHashMap;

use super::index::{BlockTokens, Interner, NO_FORM, TokenTable};
use super::lexicon::{fold, fold_cow};
use super::ocr::{OcrContext, Proposal};
use super::tokens::match_case;
use super::vocabulary::{Vocabulary, within_one_edit};
use crate::model::{Certainty, CorrectionKind, Inline};

/// The embedded list of common English phrases.
pub const DEFAULT_COLLOCATIONS: &str = include_str!("../../data/lexicon/collocations-en.txt");

/// Common phrases (two words or more), folded, split into words.
#[derive(Debug, Clone, Default)]
pub struct Collocations {
    phrases: Vec<Vec<String>>,
    /// Each word of a phrase → the phrase words that follow it, and those
    /// that precede it, as (byte length, phrase, position, word id in
    /// `phrase_words`), sorted by length: whether a phrase has a word of
    /// about a printed word's length next to its neighbour is known per
    /// form from these (see [`Anchors`]).
    followers: FxHashMap<String, Vec<PhraseEntry>>,
    preceders: FxHashMap<String, Vec<PhraseEntry>>,
    /// The distinct words of the phrases, found by the words one edit from
    /// them, and each phrase as their ids: a phrase can correct a word only
    /// at a phrase word one edit from it, and those few are known first.
    phrase_words: NearIndex,
    word_ids: Vec<Vec<u32>>,
    /// Per phrase word id, where it stands: (phrase, position).
    places: Vec<Vec<(u32, u32)>>,
}
/// Words, each found from the words one edit from it: a key per string
/// made by deleting none or one of a word's characters (see
/// [`any_deletion_key`]) → the words. Two words one edit apart share a key,
/// so the words near a printed word are found from its own few keys.
#[derive(Debug, Clone, Default)]
struct NearIndex {
    words: Vec<String>,
    keys: FxHashMap<u64, Vec<u32>>,
    /// A bit per key, by its top [`KEY_BITS`] bits: most keys of a printed
    /// word are no key of the index, and one bit test says so.
    seen: Vec<u64>,
}

/// Bits of a key that choose its bit in [`NearIndex::seen`].
const KEY_BITS: u32 = 16;

fn seen_bit(key: u64) -> (usize, u64) {
    let b = key >> (64 - KEY_BITS);
    ((b >> 6) as usize, 1 << (b & 63))
}

impl NearIndex {
    /// The index of distinct `words`, which get their ids in this order.
    fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
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
    fn any_near(&self, w: &str, mut f: impl FnMut(u32) -> bool) -> bool {
        any_deletion_key(w, |k| {
            let (word, bit) = seen_bit(k);
            self.seen.get(word).is_some_and(|s| s & bit != 0) && self.any_near_by_key(k, w, &mut f)
        })
    }

    /// [`Self::any_near`] for one key that may be in the index (apart: the
    /// bit test most keys stop at stays inline in the walk over the keys).
    #[inline(never)]
    fn any_near_by_key(&self, k: u64, w: &str, f: &mut impl FnMut(u32) -> bool) -> bool {
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
const HASH_BASE: u64 = 0x0100_0000_01b3;

/// The inverse of [`HASH_BASE`] modulo 2^64 (Newton's iteration: each step
/// doubles the correct low bits, from 3 bits for any odd number).
const HASH_BASE_INVERSE: u64 = {
    let mut x = HASH_BASE;
    let mut k = 0;
    while k < 5 {
        x = x.wrapping_mul(2u64.wrapping_sub(HASH_BASE.wrapping_mul(x)));
        k += 1;
    }
    x
};

/// Spreads a polynomial hash into its top bits, which [`seen_bit`] reads.
fn mix_key(h: u64) -> u64 {
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
fn any_deletion_key(w: &str, mut f: impl FnMut(u64) -> bool) -> bool {
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
type PhraseEntry = (usize, usize, usize, u32);

/// The entries of `list` (sorted by length) whose word is `len` bytes long,
/// give or take one.
fn of_length_near(list: &[PhraseEntry], len: usize) -> &[PhraseEntry] {
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
    fn candidates_for(&self, w: &str) -> Vec<u32> {
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
pub struct Ngrams {
    forms: Interner,
    /// Form ids in reading order; [`BREAK`] where a phrase cannot continue.
    seq: Vec<u32>,
    /// Positions in `seq` of form `f`: `positions[offsets[f]..offsets[f + 1]]`.
    offsets: Vec<u32>,
    positions: Vec<u32>,
    /// Initials as printed (`U.S.S.R.`).
    initials: FxHashMap<Box<str>, u32>,
}

/// Between words that do not form a phrase.
const BREAK: u32 = u32::MAX;

impl Ngrams {
    /// The word sequences of the indexed blocks.
    pub fn build<'b>(
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

    /// The word sequences of blocks of plain text (for tests and tools).
    pub fn from_blocks(blocks: &[Vec<Inline>]) -> Self {
        let mut table = TokenTable::default();
        let toks: Vec<BlockTokens> = blocks.iter().map(|b| table.index_block(b, false)).collect();
        Ngrams::build(&table, blocks.iter().map(Vec::as_slice).zip(&toks))
    }

    fn occurrences(&self, form: u32) -> &[u32] {
        let f = form as usize;
        &self.positions[self.offsets[f] as usize..self.offsets[f + 1] as usize]
    }

    /// Occurrences of the folded word sequence (two or three words).
    pub fn count(&self, words: &[&str]) -> u32 {
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
    fn count_ids(&self, ids: &[u32]) -> u32 {
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

/// `J.V.`, `U.S.S.R.`: single characters each followed by a point.
fn is_initials(core: &str) -> bool {
    let parts: Vec<&str> = core.trim_end_matches('.').split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1)
}

impl Slot {
    fn core<'t>(&self, table: &'t TokenTable) -> &'t str {
        table.core(self.id)
    }
    fn lead<'t>(&self, table: &'t TokenTable) -> &'t str {
        table.lead(self.id)
    }
    fn trail<'t>(&self, table: &'t TokenTable) -> &'t str {
        table.trail(self.id)
    }
}

/// A word of a block, where it is and what surrounds it (its text and
/// parts are the token's, in the token table).
#[derive(Debug, Clone, Copy)]
struct Slot {
    node: u32,
    /// The token and the id of its folded core ([`NO_FORM`] if no plain word).
    id: u32,
    form: u32,
    /// Byte range of the core in the node's text (as the tokens keep it,
    /// in 32 bits: a slot is written once per word of the text).
    start: u32,
    end: u32,
    /// Continues or is cut by a word split at a line end: left alone.
    protected: bool,
    sentence_initial: bool,
    /// Linked to the next slot as a phrase (no punctuation, no cut between).
    linked: bool,
}

/// The slots of a block, into `out` (cleared first).
fn block_slots(content: &[Inline], toks: &BlockTokens, table: &TokenTable, out: &mut Vec<Slot>) {
    out.clear();
    out.reserve(toks.all().len());
    let mut after_join = false;
    let mut sentence_start = true;
    for (i, n) in content.iter().enumerate() {
        match n {
            Inline::Text(_) => {}
            Inline::LineStart { joins_word, .. } => {
                after_join = *joins_word;
                if *joins_word && let Some(last) = out.last_mut() {
                    last.protected = true;
                    last.linked = false;
                }
                continue;
            }
            Inline::PrintedHyphen(_) | Inline::PageBreak(_) | Inline::Furniture(_) => continue,
            _ => {
                if let Some(last) = out.last_mut() {
                    last.linked = false;
                }
                continue;
            }
        };
        let first = out.len();
        for t in toks.node(i) {
            let info = table.info(t.id);
            let start = t.start + info.lead;
            if info.lead > 0
                && let Some(last) = out.last_mut()
            {
                last.linked = false;
            }
            out.push(Slot {
                node: i as u32,
                id: t.id,
                form: info.form,
                start,
                end: start + info.core,
                protected: false,
                sentence_initial: sentence_start,
                linked: info.trail == 0 && info.plain,
            });
            sentence_start = info.ends_sentence;
        }
        // The first word of a line that continues a cut word.
        if after_join && let Some(s) = out.get_mut(first) {
            s.protected = true;
        }
        after_join = false;
    }
    if let Some(last) = out.last_mut() {
        last.linked = false;
    }
}

/// What the context pass consults besides the token-level context.
pub struct ContextData<'a> {
    pub ngrams: &'a Ngrams,
    pub collocations: &'a Collocations,
    /// Per form of the document, the lengths of the phrase words that follow
    /// and that precede it in the collocations (see [`Anchors`]).
    anchors: Anchors,
    /// Per form, what [`real_word`] asks of it by the vocabulary and the
    /// phrase words (bits [`NO_LOWER`], [`NEAR_PHRASE`], [`ONE_CAPITALISED`],
    /// each with a bit above saying it is known): most occurrences stop
    /// there, and a form recurs.
    facts: Vec<Cell<u8>>,
    /// Per form, the phrase words that may stand for it (see
    /// [`Collocations::candidates_for`]) as a range of `candidate_lists`,
    /// known with its [`NEAR_PHRASE`] fact.
    candidates: Vec<Cell<(u32, u32)>>,
    candidate_lists: RefCell<Vec<u32>>,
    /// Per phrase word id, the document's form of that word ([`NO_FORM`] if
    /// the document never uses it): a phrase is matched against the words
    /// round a slot by form ids.
    phrase_forms: Vec<u32>,
    /// The slots of the block at hand, kept to be refilled by the next block.
    slots: Cell<Vec<Slot>>,
    /// Per token id, what the pass can make of it wherever it stands (see
    /// [`token_class`]): most occurrences are settled by this one byte.
    classes: Cell<Vec<u8>>,
}

impl<'a> ContextData<'a> {
    pub fn new(ngrams: &'a Ngrams, collocations: &'a Collocations) -> Self {
        let phrase_forms: Vec<u32> = collocations
            .phrase_words
            .words
            .iter()
            .map(|w| ngrams.forms.get(w).unwrap_or(NO_FORM))
            .collect();
        // Only a phrase word has phrase words next to it: the masks of the
        // few the document uses are made now, the others stay empty.
        let mut anchors = vec![[0; 2]; ngrams.forms.len()];
        for (w, &form) in collocations.phrase_words.words.iter().zip(&phrase_forms) {
            if form != NO_FORM {
                anchors[form as usize] = [
                    length_mask(collocations.followers.get(w)),
                    length_mask(collocations.preceders.get(w)),
                ];
            }
        }
        ContextData {
            ngrams,
            collocations,
            anchors: Anchors(anchors),
            facts: vec![Cell::new(0); ngrams.forms.len()],
            candidates: vec![Cell::new((0, 0)); ngrams.forms.len()],
            candidate_lists: RefCell::new(Vec::new()),
            phrase_forms,
            slots: Cell::new(Vec::new()),
            classes: Cell::new(Vec::new()),
        }
    }

    /// Whether the form is known to have no phrase word that may stand for it.
    #[inline]
    fn known_far_from_phrases(&self, form: u32) -> bool {
        self.facts[form as usize].get() & (NEAR_PHRASE << 1 | NEAR_PHRASE) == NEAR_PHRASE << 1
    }

    /// Whether a form has the fact `fact` ([`NO_LOWER`], [`NEAR_PHRASE`] or
    /// [`ONE_CAPITALISED`]).
    #[inline]
    fn form_has(&self, form: u32, fact: u8, vocabulary: &Vocabulary) -> bool {
        let mut facts = self.facts[form as usize].get();
        if facts & (fact << 1) == 0 {
            facts = self.learn_fact(form, fact, vocabulary);
        }
        facts & fact != 0
    }

    /// A fact of a form, computed and kept at its first use.
    #[inline(never)]
    fn learn_fact(&self, form: u32, fact: u8, vocabulary: &Vocabulary) -> u8 {
        let folded = self.ngrams.forms.resolve(form);
        let has = match fact {
            NO_LOWER => vocabulary.lower_count(folded) == 0,
            NEAR_PHRASE => {
                let found = self.collocations.candidates_for(folded);
                let mut lists = self.candidate_lists.borrow_mut();
                let range = (lists.len() as u32, (lists.len() + found.len()) as u32);
                lists.extend(found);
                self.candidates[form as usize].set(range);
                range.1 > range.0
            }
            _ => vocabulary.count(folded) - vocabulary.lower_count(folded) == 1,
        };
        let cell = &self.facts[form as usize];
        let facts = cell.get() | fact << 1 | if has { fact } else { 0 };
        cell.set(facts);
        facts
    }

    /// The phrase words that may stand for a form whose [`NEAR_PHRASE`]
    /// fact is known.
    fn phrase_candidates(&self, form: u32) -> Ref<'_, [u32]> {
        let (from, to) = self.candidates[form as usize].get();
        Ref::map(self.candidate_lists.borrow(), |l| {
            &l[from as usize..to as usize]
        })
    }
}

/// A fact of a form: the document never writes it in lower case (the bit
/// above: known).
const NO_LOWER: u8 = 1;
/// A fact of a form: some phrase word is one edit from it (the bit above:
/// known).
const NEAR_PHRASE: u8 = 4;
/// A fact of a form: the document writes it capitalised exactly once (the
/// bit above: known).
const ONE_CAPITALISED: u8 = 16;

/// For each form of the document, `[after, before]`: bit `L` of `after` set
/// when a listed phrase has a word of `L - 1` to `L + 1` bytes (4 or more)
/// after the form, and the same for before it. Most words of a text have no
/// phrase word of their length next to their neighbour, and one bit test
/// says so without a lookup per occurrence. Words longer than
/// [`LONG_ANCHOR`] bytes are checked exactly.
struct Anchors(Vec<[u64; 2]>);

/// The longest phrase word the masks hold (its bits reach bit 63).
const LONG_ANCHOR: usize = 62;

fn length_mask(list: Option<&Vec<PhraseEntry>>) -> u64 {
    list.map_or(0, |l| {
        l.iter()
            .filter(|e| (4..=LONG_ANCHOR).contains(&e.0))
            .fold(0, |m, e| m | 0b111 << (e.0 - 1))
    })
}

impl<'a> ContextData<'a> {
    /// Does a listed phrase have a word of `len` bytes, give or take one (4
    /// or more), after slot `n` (`after`), or before it? Most words of a
    /// text are no candidates for a phrase correction, and this says so.
    #[inline]
    fn anchored(&self, n: &Slot, len: usize, after: bool, table: &TokenTable) -> bool {
        if n.form == NO_FORM || len + 1 > LONG_ANCHOR {
            return self.anchored_exactly(n.core(table), len, after);
        }
        self.anchors.0[n.form as usize][usize::from(!after)] >> len & 1 != 0
    }

    /// [`Self::anchored`] by the phrase lists, for the few words the masks
    /// do not hold.
    #[inline(never)]
    fn anchored_exactly(&self, core: &str, len: usize, after: bool) -> bool {
        let lists = if after {
            &self.collocations.followers
        } else {
            &self.collocations.preceders
        };
        lists
            .get(fold_cow(core).as_ref())
            .is_some_and(|list| of_length_near(list, len).iter().any(|e| e.0 >= 4))
    }
}

/// Proposals by context for one block (not in headings): `(node, proposal)`,
/// proposal ranges relative to the node's text. `taken(node, start, end)`
/// tells whether a token-level proposal already covers a range.
pub fn propose_block(
    content: &[Inline],
    toks: &BlockTokens,
    ctx: &OcrContext<'_>,
    data: &ContextData<'_>,
    taken: impl Fn(usize, usize, usize) -> bool,
) -> Vec<(usize, Proposal)> {
    let mut slots = data.slots.take();
    let mut classes = data.classes.take();
    if classes.len() < ctx.table.len() {
        classes.resize(ctx.table.len(), UNCLASSED);
    }
    let mut out = Vec::new();
    block_slots(content, toks, ctx.table, &mut slots);
    for i in 0..slots.len() {
        let s = &slots[i];
        let class = &mut classes[s.id as usize];
        if *class == UNCLASSED {
            *class = token_class(s.id, ctx);
        }
        // What `real_word` would refuse here by the token, its form or its
        // place, refused before any other work; what its form settles for
        // good makes the token's class nothing. A capital inside a sentence
        // on a word the document writes in lower case is an anomaly; on one
        // it only capitalises, a name: left.
        let refused = match *class {
            NOTHING => true,
            REAL_LOWER => data.known_far_from_phrases(s.form),
            REAL_CAPITAL => {
                s.sentence_initial || {
                    let name = data.form_has(s.form, NO_LOWER, ctx.vocabulary);
                    if name {
                        *class = NOTHING;
                    }
                    name
                }
            }
            _ => false,
        };
        if refused {
            if *class == REAL_LOWER {
                *class = NOTHING;
            }
            continue;
        }
        let class = *class;
        let (node, start, end) = (s.node as usize, s.start as usize, s.end as usize);
        if s.protected || taken(node, start, end) {
            continue;
        }
        let p = match class {
            REAL_LOWER | REAL_CAPITAL => real_word(&slots, i, class == REAL_CAPITAL, ctx, data),
            FOOTNOTE => footnote_mark(&slots, i, ctx),
            AMBIGUOUS => ambiguous_word(&slots, i, ctx, data),
            _ => damaged_initials(s, ctx.table, data),
        };
        if let Some(p) = p {
            out.push((node, p));
        }
    }
    data.slots.set(slots);
    data.classes.set(classes);
    out
}

/// Classes of a token ([`token_class`]): not yet known.
const UNCLASSED: u8 = 0;
/// No proposal can come of the token, wherever it stands.
const NOTHING: u8 = 1;
/// A trusted word in lower case that [`real_word`] may correct.
const REAL_LOWER: u8 = 2;
/// A trusted capitalised word (one capital) that [`real_word`] may correct.
const REAL_CAPITAL: u8 = 3;
/// A word with a star after it, for [`footnote_mark`].
const FOOTNOTE: u8 = 4;
/// A word that is not trusted, for [`ambiguous_word`].
const AMBIGUOUS: u8 = 5;
/// Initials with a digit, for [`damaged_initials`].
const INITIALS: u8 = 6;

/// What [`propose_block`] can make of a token, by what its judges ask of
/// the token alone (its trail is the text after its core, so a footnote
/// mark is known by it too).
fn token_class(id: u32, ctx: &OcrContext<'_>) -> u8 {
    let info = ctx.table.info(id);
    if info.form == NO_FORM {
        let core = ctx.table.core(id);
        return if is_initials(core) && core.chars().any(|c| c.is_ascii_digit()) {
            INITIALS
        } else {
            NOTHING
        };
    }
    if info.trail == 1 && ctx.table.trail(id) == "*" {
        FOOTNOTE
    } else if !ctx.trusted_core(id) {
        if judged_by_neighbours(id, ctx) {
            AMBIGUOUS
        } else {
            NOTHING
        }
    } else if info.chars < 3 || !info.letters || (info.capital && info.capitals > 1) {
        NOTHING
    } else if info.capital {
        REAL_CAPITAL
    } else {
        REAL_LOWER
    }
}

/// Whether [`ambiguous_word`] may judge an untrusted plain word, as far as
/// the token alone says.
fn judged_by_neighbours(id: u32, ctx: &OcrContext<'_>) -> bool {
    let table = ctx.table;
    let info = table.info(id);
    // Single letters and elisions (`o'`, `th'`) are too short to judge.
    if info.chars < 2 || table.trail(id).starts_with(['\'', '’']) || !info.letters {
        return false;
    }
    let plain_lead = table
        .lead(id)
        .chars()
        .all(|c| matches!(c, ',' | '.' | '"' | '\'' | '“' | '‘' | '('));
    // A form the document repeats is its own (dialect, an old spelling):
    // OCR damage seldom repeats letter for letter.
    plain_lead && ctx.vocabulary.count(table.forms().resolve(info.form)) <= 1
}

/// Up to two words on one side of a slot (their form ids), in reading order.
#[derive(Debug, Clone, Copy, Default)]
struct Side {
    forms: [u32; 2],
    len: usize,
}

impl Side {
    fn as_slice(&self) -> &[u32] {
        &self.forms[..self.len]
    }
}

/// The forms of the words before and after slot `i` that form a phrase
/// with it (a linked slot is a plain word, so it has a form).
fn neighbours(slots: &[Slot], i: usize) -> (Side, Side) {
    let mut before = Side::default();
    let mut k = i;
    while k > 0 && slots[k - 1].linked && before.len < 2 {
        k -= 1;
        before.forms[1 - before.len] = slots[k].form;
        before.len += 1;
    }
    if before.len == 1 {
        before.forms[0] = before.forms[1];
    }
    let mut after = Side::default();
    let mut k = i;
    while slots[k].linked && k + 1 < slots.len() && after.len < 2 {
        k += 1;
        if slots[k].form == NO_FORM {
            break;
        }
        after.forms[after.len] = slots[k].form;
        after.len += 1;
    }
    (before, after)
}

/// The trigram windows round position `i` with `w` in its place.
fn windows<'b>(before: &[&'b str], w: &'b str, after: &[&'b str]) -> Vec<[&'b str; 3]> {
    let mut seq: Vec<&str> = before.to_vec();
    let at = seq.len();
    seq.push(w);
    seq.extend_from_slice(after);
    (0..seq.len().saturating_sub(2))
        .filter(|&k| k <= at && at < k + 3)
        .map(|k| [seq[k], seq[k + 1], seq[k + 2]])
        .collect()
}

/// A real word that is an OCR error of another, one edit away: the phrase
/// is a common collocation but for that word, or the phrase as printed
/// occurs only here while the corrected one occurs at least twice elsewhere
/// (once would not say which of the two is the error).
fn real_word(
    slots: &[Slot],
    i: usize,
    capitalised: bool,
    ctx: &OcrContext<'_>,
    data: &ContextData<'_>,
) -> Option<Proposal> {
    // The token's class has settled its length and letters, and for a
    // capitalised word its place and form: see [`propose_block`].
    let s = &slots[i];
    // Most words are no candidates: no listed phrase has, next to one of
    // their neighbours, a word of about their length.
    let len = (s.end - s.start) as usize;
    let table = ctx.table;
    if !capitalised {
        let after_prev =
            i > 0 && slots[i - 1].linked && data.anchored(&slots[i - 1], len, true, table);
        if !(after_prev
            || (s.linked
                && slots
                    .get(i + 1)
                    .is_some_and(|n| data.anchored(n, len, false, table))))
        {
            return None;
        }
    }
    // Only a phrase can correct a word in lower case, and only if some
    // phrase word is one edit from it (known per form, before any phrase is
    // looked at).
    let near_phrase = data.form_has(s.form, NEAR_PHRASE, ctx.vocabulary);
    if !capitalised && !near_phrase {
        return None;
    }
    real_word_in_phrase(slots, i, capitalised, near_phrase, ctx, data)
}

/// [`real_word`] for a word that may be in a phrase or is capitalised out
/// of place (apart, so that the test most words stop at stays small).
#[inline(never)]
fn real_word_in_phrase(
    slots: &[Slot],
    i: usize,
    capitalised: bool,
    near_phrase: bool,
    ctx: &OcrContext<'_>,
    data: &ContextData<'_>,
) -> Option<Proposal> {
    let s = &slots[i];
    let (before, after) = neighbours(slots, i);
    let (before, after) = (before.as_slice(), after.as_slice());
    if before.is_empty() && after.is_empty() {
        return None;
    }
    if near_phrase {
        let candidates = data.phrase_candidates(s.form);
        let list = data.collocations;
        if let Some(id) = collocation_in(before, after, &candidates, list, &data.phrase_forms) {
            return Some(fix(
                s,
                ctx.table,
                &list.phrase_words.words[id as usize],
                CorrectionKind::Confusion,
                Certainty::Medium,
            ));
        }
    }
    // Beyond the collocations, only a capital out of place is judged by the
    // document alone: a common word repeated elsewhere, or used in phrases
    // of its own, is the writer's choice. The capitalised form must be unique.
    if !capitalised || !data.form_has(s.form, ONE_CAPITALISED, ctx.vocabulary) {
        return None;
    }
    let forms = &data.ngrams.forms;
    let folded = forms.resolve(s.form);
    let words = |side: &[u32]| side.iter().map(|&f| forms.resolve(f)).collect::<Vec<_>>();
    let (before, after) = (words(before), words(after));
    let (before, after) = (before.as_slice(), after.as_slice());
    let mut found: Option<String> = None;
    // The candidates are words the lexicon trusts (see
    // [`Candidates`](super::vocabulary::Candidates)).
    for c in ctx.candidates.one_edit_from(folded) {
        if c.chars().count() < 4 || !c.chars().all(char::is_alphabetic) {
            continue;
        }
        // A capitalised word becomes only a word the document mostly
        // capitalises (a name or title, not a verse line's first word).
        let capitals = ctx.vocabulary.count(c) - ctx.vocabulary.lower_count(c);
        if capitals < 2 || capitals <= ctx.vocabulary.lower_count(c) {
            continue;
        }
        let supported = windows(before, c, after).iter().any(|w| {
            data.ngrams.count(w) >= 2 && data.ngrams.count(&windows_with(w, c, folded)) == 1
        });
        if supported {
            if found.is_some() {
                return None;
            }
            found = Some(c.to_string());
        }
    }
    found.map(|c| {
        fix(
            s,
            ctx.table,
            &c,
            CorrectionKind::Confusion,
            Certainty::Medium,
        )
    })
}

/// Can one edit turn the real word `w` into `c` by OCR damage rather than
/// by the writer's choice of form? Letters only, and not at the end: a
/// letter more, less or other there is usually inflection (`plan`/`plans`,
/// `lose`/`lost`).
fn real_word_edit(w: &str, c: &str) -> bool {
    fn stem(s: &str) -> &str {
        let mut cs = s.chars();
        cs.next_back();
        cs.as_str()
    }
    c.chars().all(char::is_alphabetic)
        && within_one_edit(w, c)
        && !(c.starts_with(w) || w.starts_with(c) || stem(c) == stem(w))
}

/// The window `w` with `c` put back to `orig`.
fn windows_with<'b>(w: &[&'b str; 3], c: &str, orig: &'b str) -> [&'b str; 3] {
    let mut out = *w;
    for x in &mut out {
        if *x == c {
            *x = orig;
        }
    }
    out
}

/// A collocation the printed phrase misses by one edit in the word `w`
/// (the phrase word it should be), by the words round it.
#[cfg(test)]
fn collocation(before: &[&str], w: &str, after: &[&str], list: &Collocations) -> Option<String> {
    let mut forms = Interner::default();
    let mut ids = |words: &[&str]| words.iter().map(|x| forms.intern(x).0).collect::<Vec<_>>();
    let (before, after) = (ids(before), ids(after));
    let phrase_forms: Vec<u32> = (list.phrase_words.words.iter())
        .map(|x| forms.get(x).unwrap_or(NO_FORM))
        .collect();
    let candidates = list.candidates_for(w);
    collocation_in(&before, &after, &candidates, list, &phrase_forms)
        .map(|id| list.phrase_words.words[id as usize].clone())
}

/// The phrase word (id) among `candidates`, the phrase words that may
/// stand for a printed word, that a listed phrase has where that word
/// stands between the forms `before` and `after`; none if no phrase fits,
/// or if phrases disagree. `phrase_forms`: each phrase word's form id in
/// the document.
fn collocation_in(
    before: &[u32],
    after: &[u32],
    candidates: &[u32],
    list: &Collocations,
    phrase_forms: &[u32],
) -> Option<u32> {
    let mut found: Option<u32> = None;
    for &id in candidates {
        for &(p, j) in &list.places[id as usize] {
            let (words, j) = (&list.word_ids[p as usize], j as usize);
            if j > before.len() || words.len() - j - 1 > after.len() {
                continue;
            }
            let same = |(a, b): (&u32, &u32)| phrase_forms[*a as usize] == *b;
            let fits = words[..j].iter().zip(&before[before.len() - j..]).all(same)
                && words[j + 1..].iter().zip(after).all(same);
            if fits {
                if found.is_some_and(|f| f != id) {
                    return None;
                }
                found = Some(id);
            }
        }
    }
    found
}

/// A token that is no trusted word and has several readings: the one the
/// document uses with the same neighbours, by a clear margin.
fn ambiguous_word(
    slots: &[Slot],
    i: usize,
    ctx: &OcrContext<'_>,
    data: &ContextData<'_>,
) -> Option<Proposal> {
    // The token's class has settled what the token alone refuses (see
    // [`judged_by_neighbours`]); a capital inside a sentence is a name.
    let s = &slots[i];
    if ctx.table.info(s.id).capital && !s.sentence_initial {
        return None;
    }
    let folded = data.ngrams.forms.resolve(s.form);
    let forms = &data.ngrams.forms;
    let (before, after) = neighbours(slots, i);
    let (left, right) = (
        before.as_slice().last().copied(),
        after.as_slice().first().copied(),
    );
    if left.is_none() && right.is_none() {
        return None;
    }
    // A candidate scores by the pairs it forms with the neighbours, so only
    // the document's own forms can; the others are left out unmade.
    let mut cands: Vec<u32> = ctx
        .candidates
        .one_edit_from(folded)
        .into_iter()
        .filter_map(|c| forms.get(c))
        .collect();
    ctx.confusions
        .for_each_variant(folded, |v| cands.extend(forms.get(v)));
    cands.sort_unstable();
    cands.dedup();
    // Only a candidate that scores can win or stand second: the dearer
    // lexicon test is asked of those alone.
    let mut scored: Vec<(u32, &str)> = cands
        .into_iter()
        .filter_map(|c| {
            let l = left.map_or(0, |b| data.ngrams.count_ids(&[b, c]));
            let r = right.map_or(0, |a| data.ngrams.count_ids(&[c, a]));
            let w = forms.resolve(c);
            (l + r > 0 && w.chars().count() >= 2 && ctx.lexicon.trusts_candidate(w))
                .then_some((l + r, w))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let top = scored.first()?.0;
    let second = scored.get(1).map_or(0, |s| s.0);
    if top >= 2 && top > 3 * second {
        let w = scored[0].1;
        let mut p = fix(
            s,
            ctx.table,
            w,
            CorrectionKind::Confusion,
            Certainty::Medium,
        );
        // A comma or point stuck to the front of a word is a speck (`,pf`).
        let lead = s.lead(ctx.table);
        if !lead.is_empty() && lead.chars().all(|c| matches!(c, ',' | '.')) {
            p.start -= lead.len();
        }
        return Some(p);
    }
    None
}

/// A footnote mark cannot follow a function word (`the* construction`):
/// the mark is a speck.
fn footnote_mark(slots: &[Slot], i: usize, ctx: &OcrContext<'_>) -> Option<Proposal> {
    let s = &slots[i];
    let table = ctx.table;
    let next_lower = slots.get(i + 1).is_some_and(|n| {
        n.lead(table).is_empty() && n.core(table).chars().next().is_some_and(char::is_lowercase)
    });
    if !s.core(table).chars().all(char::is_lowercase)
        || !ctx.function_words.contains(s.core(table))
        || !next_lower
    {
        return None;
    }
    Some(Proposal {
        start: s.start as usize,
        end: s.end as usize + 1,
        corr: s.core(table).to_string(),
        kind: CorrectionKind::Junk,
        cert: Certainty::Medium,
    })
}

/// Initials with one character misread (`U.S.3.R.`): the only initials of
/// the document that differ from them in that one character.
fn damaged_initials(s: &Slot, table: &TokenTable, data: &ContextData<'_>) -> Option<Proposal> {
    let core = s.core(table);
    if !is_initials(core) || !core.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mine: Vec<char> = core.chars().collect();
    let mut found: Option<&str> = None;
    for (form, n) in data.ngrams.initials.iter() {
        let theirs: Vec<char> = form.chars().collect();
        if *n < 2 || theirs.len() != mine.len() {
            continue;
        }
        let diff: Vec<usize> = (0..mine.len()).filter(|&k| mine[k] != theirs[k]).collect();
        if diff.len() == 1 && mine[diff[0]].is_ascii_digit() && theirs[diff[0]].is_alphabetic() {
            if found.is_some() {
                return None;
            }
            found = Some(form.as_ref());
        }
    }
    let point = usize::from(s.trail(table).starts_with('.'));
    found.map(|f| Proposal {
        start: s.start as usize,
        end: s.end as usize + point,
        corr: format!("{f}{}", if point == 1 { "." } else { "" }),
        kind: CorrectionKind::Confusion,
        cert: Certainty::Medium,
    })
}

/// A proposal replacing the slot's core by `w`, cased like it.
fn fix(s: &Slot, table: &TokenTable, w: &str, kind: CorrectionKind, cert: Certainty) -> Proposal {
    let mut corr = match_case(s.core(table), w);
    if s.sentence_initial {
        corr = match_case("A", &corr);
    }
    Proposal {
        start: s.start as usize,
        end: s.end as usize,
        corr,
        kind,
        cert,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::confusion::ConfusionModel;
    use crate::clean::lexicon::{Lexicon, Words};
    use crate::clean::vocabulary::Vocabulary;
    use std::collections::HashSet;

    const WORDS: &str = "the party part and masses role of a in mind bear hear can be by bi freely \
        pace pave way for to arms race rice construction stage said we it is that plan plans";

    /// Runs the context pass over one paragraph of `text` (lines joined by
    /// spaces) in a document whose other paragraphs are `others`.
    fn run(text: &str, others: &[&str]) -> Vec<(String, String)> {
        let mut lex = Lexicon::from_words(&WORDS.split_whitespace().collect::<Vec<_>>().join("\n"));
        lex.add_suspects("bi\n");
        let words = Words::new(&lex);
        let mut all: Vec<&str> = others.to_vec();
        all.push(text);
        let vocab = Vocabulary::from_texts(all.iter().copied());
        let conf = ConfusionModel::builtin();
        let fw: HashSet<String> = ["the", "of", "and", "a", "in", "to", "for", "by", "it", "is"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let blocks: Vec<Vec<Inline>> = all
            .iter()
            .map(|t| vec![Inline::Text(t.to_string())])
            .collect();
        let mut table = TokenTable::default();
        let toks: Vec<BlockTokens> = blocks.iter().map(|b| table.index_block(b, false)).collect();
        let ngrams = Ngrams::build(&table, blocks.iter().map(Vec::as_slice).zip(&toks));
        let ctx = OcrContext::new(&words, &vocab, &conf, &fw, &table);
        let colls = Collocations::builtin();
        let data = ContextData::new(&ngrams, &colls);
        let last = blocks.len() - 1;
        propose_block(&blocks[last], &toks[last], &ctx, &data, |_, _, _| false)
            .into_iter()
            .map(|(_, p)| (text[p.start..p.end].to_string(), p.corr))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    /// Every phrase word, other than `w`, one edit from it, by trying them all.
    fn near_by_scan(c: &Collocations, w: &str) -> Vec<u32> {
        (0..c.phrase_words.words.len() as u32)
            .filter(|&id| {
                let x = &c.phrase_words.words[id as usize];
                x != w && within_one_edit(w, x)
            })
            .collect()
    }

    /// The hash of a string as [`any_deletion_key`] gives it first.
    fn whole_key(w: &str) -> u64 {
        let mut key = None;
        any_deletion_key(w, |k| {
            key = Some(k);
            true
        });
        key.unwrap_or_default()
    }

    #[test]
    fn deletion_keys_are_the_keys_of_the_shorter_strings() {
        for w in ["party", "naïve", "a", "ab", "Ωmega", "coöperate", "aa"] {
            let mut keys = Vec::new();
            any_deletion_key(w, |k| {
                keys.push(k);
                false
            });
            let mut expected = vec![whole_key(w)];
            for (i, c) in w.char_indices() {
                expected.push(whole_key(&format!("{}{}", &w[..i], &w[i + c.len_utf8()..])));
            }
            assert_eq!(keys, expected, "{w}");
        }
        assert_ne!(whole_key("party"), whole_key("pray"));
        assert_ne!(whole_key("ab"), whole_key("ba"));
    }

    #[test]
    fn near_phrase_words_as_a_scan_finds_them() {
        let c = Collocations::builtin();
        let mut probes: Vec<String> = ["naïve", "naive", "café", "cafe", "x", "", "zzzz"]
            .map(String::from)
            .to_vec();
        for w in &c.phrase_words.words {
            for (i, ch) in w.char_indices() {
                let rest = &w[i + ch.len_utf8()..];
                probes.push(format!("{}{rest}", &w[..i]));
                probes.push(format!("{}e{rest}", &w[..i]));
                probes.push(format!("{}{ch}q{rest}", &w[..i]));
            }
            probes.push(w.clone());
        }
        let mut some_candidates = 0;
        for w in &probes {
            let mut near = Vec::new();
            c.phrase_words.any_near(w, |id| {
                near.push(id);
                false
            });
            near.sort_unstable();
            near.dedup();
            let scan = near_by_scan(&c, w);
            assert_eq!(near, scan, "{w}");
            // The candidates: those of the near words an OCR edit makes.
            let by_scan: Vec<u32> = (scan.into_iter())
                .filter(|&id| {
                    let x = &c.phrase_words.words[id as usize];
                    x.len().abs_diff(w.len()) <= 1 && x.chars().count() >= 4 && real_word_edit(w, x)
                })
                .collect();
            some_candidates += usize::from(!by_scan.is_empty());
            assert_eq!(c.candidates_for(w), by_scan, "{w}");
        }
        assert!(some_candidates > 0);
    }

    #[test]
    fn ngrams_stop_at_punctuation() {
        let n = Ngrams::from_blocks(&[vec![Inline::Text(
            "the arms race. The arms race, and".into(),
        )]]);
        assert_eq!(n.count(&["arms", "race"]), 2);
        assert_eq!(n.count(&["the", "arms", "race"]), 2);
        assert_eq!(n.count(&["race", "the"]), 0);
        assert_eq!(n.count(&["race", "and"]), 0);
    }

    #[test]
    fn collocations_correct_one_letter() {
        assert_eq!(run("we bear in mind", &[]), vec![]);
        assert_eq!(run("we hear in mind that", &[]), vec![pair("hear", "bear")]);
        assert_eq!(run("to the arms rice", &[]), vec![pair("rice", "race")]);
        // Inflection is the writer's choice, not damage.
        let c = Collocations::builtin();
        assert!(!near_by_scan(&c, "rises").is_empty());
        assert!(c.candidates_for("rises").is_empty());
        assert!(collocation(&["give"], "rises", &["to"], &c).is_none());
        assert_eq!(
            collocation(&["give"], "rioe", &["to"], &c).as_deref(),
            Some("rise")
        );
        // A phrase that does not fit round the word gives nothing.
        assert!(collocation(&["take"], "rioe", &["to"], &c).is_none());
    }

    #[test]
    fn document_phrases_need_two_other_uses() {
        let others = [
            "the role of the Party and the masses",
            "of the Party and the",
            "a part",
        ];
        assert_eq!(
            run("the role of the Part and the masses", &others),
            vec![pair("Part", "Party")]
        );
        // One other use does not say which of the two is the error.
        let once = ["the Party and the masses", "a part"];
        assert_eq!(run("of the Part and", &once), vec![]);
        // A word the document never writes in lower case is a name.
        assert_eq!(
            run("of the Part and", &["the Party and", "the Party and"]),
            vec![]
        );
    }

    #[test]
    fn damaged_words_read_by_their_neighbours() {
        let others = ["it can be said", "that can be"];
        assert_eq!(
            run("it can bi freely said", &others),
            vec![pair("bi", "be")]
        );
        assert_eq!(run("it can bi freely said", &[]), vec![]);
    }

    #[test]
    fn footnote_marks_and_initials() {
        assert_eq!(run("to the* construction", &[]), vec![pair("the*", "the")]);
        assert_eq!(run("the construction*", &[]), vec![]);
        let others = ["the U.S.S.R. and", "the U.S.S.R."];
        assert_eq!(
            run("in the U.S.3.R. and", &others),
            vec![pair("U.S.3.R.", "U.S.S.R.")]
        );
    }
}
