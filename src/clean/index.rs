//! The document's tokens, interned. A document repeats its words: each
//! distinct token is split into punctuation and core, folded and checked
//! once, and every occurrence is a small record pointing at it. The
//! document's vocabulary, its n-grams and the token and context corrections
//! read these records instead of splitting, folding and hashing the text
//! again.

use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::hash::Hasher;
use std::ops::Range;
use std::rc::Rc;

use super::lexicon::fold_cow;
use super::tokens::{
    anatomy, ascii_core_stats, ascii_token, ends_sentence, is_capital, is_letter, is_plain_word,
};
use crate::model::Inline;

/// Strings stored once in one buffer, each with a dense id.
///
/// Most strings interned are short words, looked up once per occurrence:
/// each table entry holds the string's [`Key`], which settles a lookup of up
/// to 16 bytes without reading the buffer or calling `memcmp`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    arena: String,
    spans: Vec<(u32, u32)>,
    table: HashTable<Entry>,
}

/// A string's length and two words of its bytes: the first and the last
/// eight, four, or (under four bytes) the first, middle and last byte.
/// These cover every byte of a string of up to [`Key::WHOLE`] bytes, so two
/// such strings are equal exactly when their keys are; longer strings with
/// equal keys must still be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    lo: u64,
    hi: u64,
    len: u32,
}

impl Key {
    /// The longest string a key stands for whole.
    const WHOLE: u32 = 16;

    fn of(b: &[u8]) -> Key {
        let n = b.len();
        let (lo, hi) = if n >= 8 {
            (le_u64(&b[..8]), le_u64(&b[n - 8..]))
        } else if n >= 4 {
            (le_u32(&b[..4]), le_u32(&b[n - 4..]))
        } else if n > 0 {
            let bytes = u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16;
            (bytes, 0)
        } else {
            (0, 0)
        };
        Key {
            lo,
            hi,
            len: n as u32,
        }
    }

    /// The hash of a string of up to [`Key::WHOLE`] bytes: one folded
    /// multiply of its key (as in wyhash and foldhash), which mixes into the
    /// high bits hashbrown tags with as well as the low bits it places by.
    fn short_hash(&self) -> u64 {
        const SEED_LO: u64 = 0x243f_6a88_85a3_08d3;
        const SEED_HI: u64 = 0x1319_8a2e_0370_7344;
        let p = u128::from(self.lo ^ SEED_LO) * u128::from(self.hi ^ SEED_HI ^ u64::from(self.len));
        (p as u64) ^ ((p >> 64) as u64)
    }

    /// The hash of the string `b` of this key: a longer string than the key
    /// stands for whole also hashes all its bytes.
    fn hash(&self, b: &[u8]) -> u64 {
        if self.len <= Key::WHOLE {
            self.short_hash()
        } else {
            let mut fx = FxHasher::default();
            fx.write(b);
            self.short_hash() ^ fx.finish()
        }
    }
}

/// Eight bytes as a little-endian number (`b` has exactly eight).
fn le_u64(b: &[u8]) -> u64 {
    b.first_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c))
}

/// Four bytes as a little-endian number (`b` has exactly four).
fn le_u32(b: &[u8]) -> u64 {
    b.first_chunk::<4>()
        .map_or(0, |c| u64::from(u32::from_le_bytes(*c)))
}

/// A table entry: a string's key (unpacked, so that the entry takes 24
/// bytes) and its id.
#[derive(Debug, Clone, Copy)]
struct Entry {
    lo: u64,
    hi: u64,
    len: u32,
    id: u32,
}

impl Entry {
    fn key(&self) -> Key {
        Key {
            lo: self.lo,
            hi: self.hi,
            len: self.len,
        }
    }
}

impl Interner {
    /// An empty interner with room for `n` strings of `bytes` bytes in all.
    pub(crate) fn with_capacity(n: usize, bytes: usize) -> Self {
        Interner {
            arena: String::with_capacity(bytes),
            spans: Vec::with_capacity(n),
            table: HashTable::with_capacity(n),
        }
    }

    /// The bytes of an id.
    fn bytes(&self, id: u32) -> &[u8] {
        let (a, b) = self.spans[id as usize];
        &self.arena.as_bytes()[a as usize..b as usize]
    }

    /// Whether the entry `e` is the string `s` of key `k`.
    fn matches(&self, e: &Entry, k: &Key, s: &[u8]) -> bool {
        e.key() == *k && (k.len <= Key::WHOLE || self.bytes(e.id) == s)
    }

    /// The id of `s`, if it was interned.
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        let k = Key::of(s.as_bytes());
        let found = if k.len > Key::WHOLE {
            let b = s.as_bytes();
            self.table.find(k.hash(b), |e| self.matches(e, &k, b))
        } else {
            self.table.find(k.short_hash(), |e| e.key() == k)
        };
        found.map(|e| e.id)
    }

    /// The id of `s`, interning it if new; `true` when it was new.
    pub(crate) fn intern(&mut self, s: &str) -> (u32, bool) {
        self.intern_range(s, 0..s.len())
    }

    /// [`Interner::intern`] of `text[range]` (a range of whole characters).
    /// Inlined where tokens are indexed: the lookup of a short string is a
    /// few dozen instructions, and a call would add a third to them; and
    /// only a new string is sliced as a `str` (which checks its ends are
    /// character boundaries).
    #[inline(always)]
    pub(crate) fn intern_range(&mut self, text: &str, range: Range<usize>) -> (u32, bool) {
        let k = Key::of(&text.as_bytes()[range.clone()]);
        if k.len > Key::WHOLE {
            return self.intern_long(&text[range], k);
        }
        let h = k.short_hash();
        match self.table.find(h, |e| e.key() == k) {
            Some(e) => (e.id, false),
            None => (self.insert_new(&text[range], k, h), true),
        }
    }

    /// [`Interner::intern`] for a string longer than its key: a key match
    /// must be confirmed by its bytes.
    #[inline(never)]
    fn intern_long(&mut self, s: &str, k: Key) -> (u32, bool) {
        let h = k.hash(s.as_bytes());
        match self.table.find(h, |e| self.matches(e, &k, s.as_bytes())) {
            Some(e) => (e.id, false),
            None => (self.insert_new(s, k, h), true),
        }
    }

    /// Stores a string not yet interned (kept out of the lookup's hot path).
    #[inline(never)]
    fn insert_new(&mut self, s: &str, key: Key, h: u64) -> u32 {
        let id = self.spans.len() as u32;
        let from = self.arena.len() as u32;
        self.arena.push_str(s);
        self.spans.push((from, self.arena.len() as u32));
        let Interner {
            arena,
            spans,
            table,
        } = self;
        let entry = Entry {
            lo: key.lo,
            hi: key.hi,
            len: key.len,
            id,
        };
        table.insert_unique(h, entry, |e| {
            let (a, b) = spans[e.id as usize];
            e.key().hash(&arena.as_bytes()[a as usize..b as usize])
        });
        id
    }

    /// The string of an id.
    #[inline]
    pub(crate) fn resolve(&self, id: u32) -> &str {
        let (a, b) = self.spans[id as usize];
        &self.arena[a as usize..b as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// No form: the token's core is not a plain word.
pub(crate) const NO_FORM: u32 = u32::MAX;

/// What is known of a distinct token without any context.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenInfo {
    /// Byte lengths of the leading punctuation, the core and the trailing
    /// punctuation.
    pub(crate) lead: u32,
    pub(crate) core: u32,
    pub(crate) trail: u32,
    /// The core is a plain word (letters, inner hyphens and apostrophes).
    pub(crate) plain: bool,
    /// Id of the folded core among the document's forms ([`NO_FORM`] if not plain).
    pub(crate) form: u32,
    /// The core has no capital (folding it changes nothing).
    pub(crate) lower: bool,
    /// The token ends a sentence.
    pub(crate) ends_sentence: bool,
    /// The core is letters only (no marks, digits, hyphens or apostrophes).
    pub(crate) letters: bool,
    /// The core begins with a capital.
    pub(crate) capital: bool,
    /// Characters and capitals in the core.
    pub(crate) chars: u32,
    pub(crate) capitals: u32,
}

/// Whether a core is a plain word ([`is_plain_word`]), and its
/// characters, letters and capitals: one pass over the bytes of an ASCII
/// core (the common case).
fn core_stats(core: &str) -> (bool, u32, u32, u32) {
    if !core.is_ascii() {
        let (mut chars, mut letters, mut capitals) = (0u32, 0u32, 0u32);
        for c in core.chars() {
            chars += 1;
            letters += u32::from(is_letter(c));
            capitals += u32::from(is_capital(c));
        }
        return (is_plain_word(core), chars, letters, capitals);
    }
    let (plain, letters, capitals) = ascii_core_stats(core.as_bytes());
    (plain, core.len() as u32, letters, capitals)
}

/// One occurrence of a token in a text node, by byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) id: u32,
}

/// The distinct tokens of a document and their folded word forms.
#[derive(Debug, Clone, Default)]
pub(crate) struct TokenTable {
    tokens: Interner,
    infos: Vec<TokenInfo>,
    /// Occurrences of each token, counted when blocks are first indexed.
    counts: Vec<u32>,
    forms: Interner,
}

impl TokenTable {
    /// An empty table sized for a text of `bytes` bytes: its distinct tokens
    /// are guessed by Heaps' law (about 60 √n for n tokens of English prose),
    /// so that the tables seldom grow while indexing.
    pub(crate) fn for_text(bytes: usize) -> Self {
        let tokens = bytes / 6 + 1;
        let distinct = tokens.min(60 * tokens.isqrt());
        TokenTable {
            tokens: Interner::with_capacity(distinct, distinct * 8),
            infos: Vec::with_capacity(distinct),
            counts: Vec::with_capacity(distinct),
            forms: Interner::with_capacity(distinct, distinct * 8),
        }
    }

    /// The id of the token `text[range]`, analysing it if new.
    #[inline(always)]
    fn intern_range(&mut self, text: &str, range: Range<usize>) -> u32 {
        let (id, new) = self.tokens.intern_range(text, range.clone());
        if new {
            self.analyse_new(&text[range]);
        }
        id
    }

    /// Analyses a token seen for the first time (kept out of the hot path
    /// of [`TokenTable::intern_range`]: most occurrences repeat a token).
    #[inline(never)]
    fn analyse_new(&mut self, text: &str) {
        let info = if text.is_ascii() {
            self.analyse_ascii(text)
        } else {
            self.analyse_any(text)
        };
        self.infos.push(info);
        self.counts.push(0);
    }

    /// [`TokenTable::analyse_new`] of an ASCII token: its bytes are its
    /// characters (the common case).
    fn analyse_ascii(&mut self, text: &str) -> TokenInfo {
        let t = ascii_token(text.as_bytes());
        let core = &text[t.lead..t.lead + t.core];
        let lower = t.capitals == 0;
        let form = if t.plain {
            self.intern_form(core, lower)
        } else {
            NO_FORM
        };
        TokenInfo {
            lead: t.lead as u32,
            core: t.core as u32,
            trail: (text.len() - t.lead - t.core) as u32,
            plain: t.plain,
            form,
            lower,
            ends_sentence: t.ends_sentence,
            letters: t.core > 0 && t.letters as usize == t.core,
            capital: core.as_bytes().first().is_some_and(u8::is_ascii_uppercase),
            chars: t.core as u32,
            capitals: t.capitals,
        }
    }

    /// The form id of a plain core, folded unless `lower` (it has no capital).
    fn intern_form(&mut self, core: &str, lower: bool) -> u32 {
        if lower {
            self.forms.intern(core).0
        } else if core.is_ascii() && core.len() <= 64 {
            // Folded on the stack: no string to allocate and drop.
            let mut buf = [0u8; 64];
            let folded = &mut buf[..core.len()];
            folded.copy_from_slice(core.as_bytes());
            folded.make_ascii_lowercase();
            let folded = std::str::from_utf8(folded).unwrap_or_default();
            self.forms.intern(folded).0
        } else {
            self.forms.intern(&fold_cow(core)).0
        }
    }

    /// [`TokenTable::analyse_new`] of a token in any script.
    fn analyse_any(&mut self, text: &str) -> TokenInfo {
        let a = anatomy(text);
        let (plain, chars, letters, capitals) = core_stats(a.core);
        // Folding changes a core exactly when it has a capital.
        let lower = capitals == 0;
        let form = if plain {
            self.intern_form(a.core, lower)
        } else {
            NO_FORM
        };
        TokenInfo {
            lead: a.lead.len() as u32,
            core: a.core.len() as u32,
            trail: a.trail.len() as u32,
            plain,
            form,
            lower,
            ends_sentence: ends_sentence(text),
            letters: !a.core.is_empty() && letters == chars,
            capital: a.core.chars().next().is_some_and(char::is_uppercase),
            chars,
            capitals,
        }
    }

    #[inline]
    pub(crate) fn text(&self, id: u32) -> &str {
        self.tokens.resolve(id)
    }

    #[inline]
    pub(crate) fn info(&self, id: u32) -> TokenInfo {
        self.infos[id as usize]
    }

    /// The core of a token (its letters without surrounding punctuation).
    #[inline]
    pub(crate) fn core(&self, id: u32) -> &str {
        let i = self.infos[id as usize];
        &self.text(id)[i.lead as usize..(i.lead + i.core) as usize]
    }

    #[inline]
    pub(crate) fn lead(&self, id: u32) -> &str {
        &self.text(id)[..self.infos[id as usize].lead as usize]
    }

    #[inline]
    pub(crate) fn trail(&self, id: u32) -> &str {
        let i = self.infos[id as usize];
        &self.text(id)[(i.lead + i.core) as usize..]
    }

    /// The folded word forms.
    pub(crate) fn forms(&self) -> &Interner {
        &self.forms
    }

    /// Number of distinct tokens.
    pub(crate) fn len(&self) -> usize {
        self.infos.len()
    }

    /// Distinct tokens with their occurrence counts (as first indexed).
    pub(crate) fn counted(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(id, n)| (id as u32, *n))
    }

    /// Indexes the text nodes of one block's content; `count` adds the
    /// occurrences to the token counts.
    pub(crate) fn index_block(&mut self, content: &[Inline], count: bool) -> BlockTokens {
        self.index_blocks([content], count)
            .pop()
            .unwrap_or_default()
    }

    /// Indexes the text nodes of several blocks (see [`TokenTable::index_block`])
    /// into one buffer that the blocks share: one allocation per document
    /// instead of two per block.
    pub(crate) fn index_blocks<'c>(
        &mut self,
        blocks: impl IntoIterator<Item = &'c [Inline]>,
        count: bool,
    ) -> Vec<BlockTokens> {
        let blocks: Vec<&[Inline]> = blocks.into_iter().collect();
        let (nodes, bytes) = blocks
            .iter()
            .flat_map(|c| c.iter())
            .fold((0, 0), |(n, b), i| {
                let text = if let Inline::Text(s) = i { s.len() } else { 0 };
                (n + 1, b + text)
            });
        // Sized for these blocks (once it was the whole document's size for
        // every block indexed again: gigabytes asked of the allocator).
        // Words of English prose average under five bytes with their space.
        let mut occ = Occurrences {
            nodes: Vec::with_capacity(nodes),
            toks: Vec::with_capacity(bytes / 5 + 1),
        };
        let mut ranges = Vec::new();
        for content in blocks {
            let (n0, t0) = (occ.nodes.len() as u32, occ.toks.len() as u32);
            for n in content {
                let from = occ.toks.len() as u32;
                if let Inline::Text(s) = n {
                    super::tokens::for_each_token(s, |start, end| {
                        let id = self.intern_range(s, start..end);
                        if count {
                            self.counts[id as usize] += 1;
                        }
                        occ.toks.push(Tok {
                            start: start as u32,
                            end: end as u32,
                            id,
                        });
                    });
                }
                occ.nodes.push((from, occ.toks.len() as u32));
            }
            ranges.push(((n0, occ.nodes.len() as u32), (t0, occ.toks.len() as u32)));
        }
        let occ = Rc::new(occ);
        ranges
            .into_iter()
            .map(|(nodes, toks)| BlockTokens {
                occ: Rc::clone(&occ),
                nodes,
                toks,
            })
            .collect()
    }
}

/// The token occurrences of indexed blocks, one after the other.
#[derive(Debug, Default)]
struct Occurrences {
    /// Per content node, its range in `toks`.
    nodes: Vec<(u32, u32)>,
    toks: Vec<Tok>,
}

/// The token occurrences of one block, by content node: ranges in a buffer
/// shared with the blocks indexed with it.
#[derive(Debug, Clone, Default)]
pub(crate) struct BlockTokens {
    occ: Rc<Occurrences>,
    /// This block's range in `occ.nodes`, one entry per content node.
    nodes: (u32, u32),
    /// This block's range in `occ.toks`.
    toks: (u32, u32),
}

impl BlockTokens {
    /// The tokens of content node `i` (none for a node that is not text).
    pub(crate) fn node(&self, i: usize) -> &[Tok] {
        let nodes = &self.occ.nodes[self.nodes.0 as usize..self.nodes.1 as usize];
        match nodes.get(i) {
            Some(&(a, b)) => &self.occ.toks[a as usize..b as usize],
            None => &[],
        }
    }

    /// Every occurrence, in reading order.
    pub(crate) fn all(&self) -> &[Tok] {
        &self.occ.toks[self.toks.0 as usize..self.toks.1 as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_stats_agree_with_the_character_functions() {
        for core in [
            "",
            "a",
            "ab",
            "Ab",
            "AB",
            "a-b",
            "a--b",
            "-a",
            "a-",
            "a'b",
            "'a",
            "a'",
            "x1",
            "1",
            "co-operation",
            "Stalin's",
            "g^ve",
            "stil]",
            "élan",
            "Éire",
            "a’b",
        ] {
            let (plain, chars, letters, capitals) = core_stats(core);
            assert_eq!(plain, is_plain_word(core), "{core:?}");
            assert_eq!(chars as usize, core.chars().count(), "{core:?}");
            assert_eq!(
                letters as usize,
                core.chars().filter(|c| c.is_alphabetic()).count(),
                "{core:?}"
            );
            assert_eq!(
                capitals as usize,
                core.chars().filter(|c| c.is_uppercase()).count(),
                "{core:?}"
            );
        }
    }

    #[test]
    fn interner_gives_dense_stable_ids() {
        let mut i = Interner::default();
        assert_eq!(i.intern("the"), (0, true));
        assert_eq!(i.intern("cult"), (1, true));
        assert_eq!(i.intern("the"), (0, false));
        assert_eq!(i.get("cult"), Some(1));
        assert_eq!(i.get("Cult"), None);
        assert_eq!(i.resolve(1), "cult");
        assert_eq!(i.len(), 2);
    }

    #[test]
    fn keys_tell_short_strings_apart() {
        // Every string of up to five bytes over a small alphabet, and
        // strings round the four-, eight- and sixteen-byte borders.
        let mut strings: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let longer: Vec<Vec<u8>> = strings
                .iter()
                .filter(|s| s.len() == strings.last().map_or(0, Vec::len))
                .flat_map(|s| {
                    [b'a', b'b', 0].map(|c| {
                        let mut t = s.clone();
                        t.push(c);
                        t
                    })
                })
                .collect();
            strings.extend(longer);
        }
        for n in [3, 4, 7, 8, 9, 15, 16] {
            for k in 0..n {
                let mut s = vec![b'x'; n];
                s[k] = b'y';
                strings.push(s);
            }
        }
        let mut seen = std::collections::HashMap::new();
        for s in &strings {
            if let Some(other) = seen.insert(Key::of(s), s) {
                assert_eq!(other, s, "two strings with one key");
            }
        }
    }

    #[test]
    fn long_strings_with_one_key_stay_apart() {
        // Same length, first and last eight bytes: one key, two strings.
        let (a, b) = ("abcdefgh-one-ijklmnop", "abcdefgh-two-ijklmnop");
        assert_eq!(Key::of(a.as_bytes()), Key::of(b.as_bytes()));
        let mut i = Interner::default();
        assert_eq!(i.intern(a), (0, true));
        assert_eq!(i.intern(b), (1, true));
        assert_eq!(i.get(a), Some(0));
        assert_eq!(i.get(b), Some(1));
        assert_eq!(i.get("abcdefgh-six-ijklmnop"), None);
    }

    #[test]
    fn tokens_share_forms_and_keep_ranges() {
        let mut t = TokenTable::default();
        let content = vec![
            Inline::Text("The \"party,\" the".into()),
            Inline::LineStart {
                line: 2,
                joins_word: false,
            },
            Inline::Text("g^ve".into()),
        ];
        let b = t.index_block(&content, true);
        let first: Vec<&str> = b.node(0).iter().map(|k| t.text(k.id)).collect();
        assert_eq!(first, vec!["The", "\"party,\"", "the"]);
        assert!(b.node(1).is_empty());
        let the = t.info(b.node(0)[0].id);
        assert_eq!(the.form, t.info(b.node(0)[2].id).form);
        assert!(!the.lower && t.info(b.node(0)[2].id).lower);
        let party = b.node(0)[1];
        assert_eq!((party.start, party.end), (4, 12));
        assert_eq!(
            (t.lead(party.id), t.core(party.id), t.trail(party.id)),
            ("\"", "party", ",\"")
        );
        assert_eq!(t.info(b.node(2)[0].id).form, NO_FORM);
        let counts: Vec<(u32, u32)> = t.counted().collect();
        assert_eq!(counts.len(), 4);
    }
}
