//! The word list the cleaning passes trust: a maintained dictionary (Debian's
//! `wbritish` by default) plus the project's and the user's extra words.
//!
//! Words are stored folded to lower case; a token is a word when its folded
//! form, or each part of a hyphenated compound, or its stem without a
//! possessive ending, is in the list.

use std::borrow::Cow;

use hashbrown::HashTable;
use rustc_hash::FxHashSet as HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub(crate) mod cache;
mod folding;
mod hash;

use folding::*;
pub(crate) use folding::{fold, fold_cow};
pub(super) use hash::short_key;
use hash::*;

/// Where Debian's `wbritish` package installs its word list.
pub const DEFAULT_LEXICON_PATH: &str = "/usr/share/dict/british-english";
/// The Debian package that provides [`DEFAULT_LEXICON_PATH`].
pub(crate) const DEFAULT_LEXICON_PACKAGE: &str = "wbritish";
/// Where Debian's `wamerican` package installs its word list: read besides
/// the British one, so that American spellings (`honor`, `center`,
/// `defense`, `gray`) are words, not errors to split or respell.
pub(crate) const AMERICAN_LEXICON_PATH: &str = "/usr/share/dict/american-english";
/// The Debian package that provides [`AMERICAN_LEXICON_PATH`].
pub(crate) const AMERICAN_LEXICON_PACKAGE: &str = "wamerican";
/// Words of 20th-century political and administrative prose that the
/// dictionary lacks (British `-isation` forms, compounds).
pub(crate) const EXTRA_WORDS: &str = include_str!("../../data/lexicon/extra-words-en.txt");
/// Dictionary entries (abbreviations, dialect forms) that in running prose
/// are far likelier OCR damage of a common word than themselves.
pub(crate) const SUSPECT_WORDS: &str = include_str!("../../data/lexicon/suspect-words-en.txt");
/// Abbreviations whose point may stand before a lower-case word.
pub(crate) const ABBREVIATIONS: &str = include_str!("../../data/lexicon/abbreviations-en.txt");

/// A set of known words, case-folded.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Every listed form (word, suspect or both) with its [`ENTRY_WORD`] and
    /// [`ENTRY_SUSPECT`] flags: one lookup answers "entry and trusted".
    table: Table,
    /// How many entries are words.
    words: usize,
    /// A Bloom filter of the word entries: most forms the correction passes
    /// try are no words, and the filter says so from a small table, without
    /// a lookup in the large one. It never says no to an entry.
    bloom: Bloom,
    /// Abbreviations written with a point (`etc.`).
    abbreviations: HashSet<String>,
    /// Where the main list came from, for messages.
    pub source: Option<PathBuf>,
}

/// The listed forms, keyed by [`scan`]'s hash, which a query computes in
/// the same pass that folds it.
#[derive(Debug, Clone)]
enum Table {
    /// A hash table of the forms (while lists are read), and their folded
    /// text back to back: one allocation, not one per word.
    Open {
        text: String,
        entries: HashTable<Entry>,
    },
    /// As read from the cache, used where it lies (no table is built at
    /// start-up); opened when words are added.
    Frozen(cache::Frozen),
}

impl Default for Table {
    fn default() -> Self {
        Table::Open {
            text: String::new(),
            entries: HashTable::new(),
        }
    }
}

impl Table {
    /// The open table, made from the frozen one if need be.
    fn open(&mut self) -> (&mut String, &mut HashTable<Entry>) {
        if let Table::Frozen(f) = self {
            let mut text = String::new();
            let mut entries = HashTable::with_capacity(f.len());
            f.for_each(|form, flags| {
                let start = text.len();
                text.push_str(form);
                entries.insert_unique(
                    hash_str(form),
                    Entry {
                        prefix: prefix(form.as_bytes()),
                        start,
                        len: form.len() as u32,
                        flags,
                    },
                    |e: &Entry| hash_str(&text[e.start..e.start + e.len as usize]),
                );
            });
            *self = Table::Open { text, entries };
        }
        match self {
            Table::Open { text, entries } => (text, entries),
            Table::Frozen(_) => unreachable!("opened above"),
        }
    }

    /// Calls `f` with every form and its flags.
    fn for_each(&self, mut f: impl FnMut(&str, u8)) {
        match self {
            Table::Open { text, entries } => {
                for e in entries {
                    f(&text[e.start..e.start + e.len as usize], e.flags);
                }
            }
            Table::Frozen(frozen) => frozen.for_each(f),
        }
    }
}

/// One listed form: its first eight bytes, where its folded text lies in
/// the table's text, and what the lists say of it. A form of up to eight
/// bytes is matched on the entry alone, without reading the text.
#[derive(Debug, Clone, Copy)]
struct Entry {
    prefix: u64,
    start: usize,
    len: u32,
    flags: u8,
}

/// The form is on a word list.
const ENTRY_WORD: u8 = 1;
/// The form is on the suspect list (not trusted when correcting OCR).
const ENTRY_SUSPECT: u8 = 2;

impl Lexicon {
    /// Reads a word list (one word a line, `#` comments) from `path`. A missing
    /// file is an error that names the Debian package to install.
    pub fn from_path(path: &Path) -> Result<Self> {
        let text = read_list(path, DEFAULT_LEXICON_PACKAGE)?;
        let mut lex = Lexicon::from_words(&text);
        lex.source = Some(path.to_path_buf());
        if lex.words < 1000 {
            return Err(Error::Data {
                path: path.to_path_buf(),
                message: format!(
                    "only {} words: not a dictionary word list (expected one word a line, like {DEFAULT_LEXICON_PATH})",
                    lex.words
                ),
            });
        }
        Ok(lex)
    }

    /// The default set-up: the Debian list at `path`, Debian's American list
    /// (a missing one is an error naming its package), and the embedded
    /// extra and suspect lists.
    pub fn load_default(path: &Path) -> Result<Self> {
        let mut lex = Lexicon::from_path(path)?;
        lex.add_words(&read_list(
            Path::new(AMERICAN_LEXICON_PATH),
            AMERICAN_LEXICON_PACKAGE,
        )?);
        lex.add_words(EXTRA_WORDS);
        lex.add_suspects(SUSPECT_WORDS);
        lex.add_abbreviations(ABBREVIATIONS);
        Ok(lex)
    }

    /// [`Lexicon::load_default`] through a cache of the built lexicon in
    /// `cache_dir` (see `lexicon::cache`): read when the word lists are unchanged,
    /// written when they are new. The lexicon is the same either way.
    pub fn load_default_cached(path: &Path, cache_dir: Option<&Path>) -> Result<Self> {
        let key = cache_dir.and_then(|_| cache::key(path));
        if let (Some(dir), Some(key)) = (cache_dir, key)
            && let Some(mut lex) = cache::load(dir, key)
        {
            lex.source = Some(path.to_path_buf());
            return Ok(lex);
        }
        let lex = Lexicon::load_default(path)?;
        if let (Some(dir), Some(key)) = (cache_dir, key) {
            cache::store(dir, key, &lex);
        }
        Ok(lex)
    }

    /// A lexicon from word-list text (one word a line, `#` comments).
    pub fn from_words(text: &str) -> Self {
        let mut lex = Lexicon::default();
        lex.add_words(text);
        lex
    }

    /// Adds the words of a list.
    pub fn add_words(&mut self, text: &str) {
        for w in list_entries(text) {
            let hash = hash_str(&w);
            let entry = self.entry(&w, hash);
            if entry.flags & ENTRY_WORD == 0 {
                entry.flags |= ENTRY_WORD;
                self.words += 1;
                self.bloom.insert(hash);
            }
        }
        if self.words > self.bloom.capacity() {
            // Room for twice as many: one rebuild per doubling.
            self.bloom = Bloom::with_capacity(self.words * 2);
            let bloom = &mut self.bloom;
            self.table.for_each(|form, flags| {
                if flags & ENTRY_WORD != 0 {
                    bloom.insert(hash_str(form));
                }
            });
        }
    }

    /// The entry of the folded form `w` (with hash `hash`), made without
    /// flags if the lists did not hold it yet.
    fn entry(&mut self, w: &str, hash: u64) -> &mut Entry {
        let (text, entries) = self.table.open();
        let at = |e: &Entry| &text[e.start..e.start + e.len as usize];
        match entries.entry(hash, |e| at(e) == w, |e| hash_str(at(e))) {
            hashbrown::hash_table::Entry::Occupied(o) => o.into_mut(),
            hashbrown::hash_table::Entry::Vacant(v) => {
                let start = text.len();
                text.push_str(w);
                // A line of over 4 GB is no word; its length is cut, never
                // matched, rather than the load failing.
                let len = u32::try_from(w.len()).unwrap_or(u32::MAX);
                v.insert(Entry {
                    prefix: prefix(w.as_bytes()),
                    start,
                    len,
                    flags: 0,
                })
                .into_mut()
            }
        }
    }

    /// Adds a user's word list from a file.
    pub fn add_word_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        self.add_words(&text);
        Ok(())
    }

    /// Marks entries as suspect: words for joining, not evidence against correcting.
    pub(crate) fn add_suspects(&mut self, text: &str) {
        for w in list_entries(text) {
            let hash = hash_str(&w);
            self.entry(&w, hash).flags |= ENTRY_SUSPECT;
        }
    }

    /// Adds abbreviations (one a line, without the point).
    pub(crate) fn add_abbreviations(&mut self, text: &str) {
        for w in list_entries(text) {
            self.abbreviations.insert(w);
        }
    }

    /// Is the token an abbreviation that takes a point?
    pub(crate) fn is_abbreviation(&self, token: &str) -> bool {
        self.abbreviations.contains(&fold(token))
    }

    /// Number of words in the list.
    pub fn len(&self) -> usize {
        self.words
    }

    /// True when the list holds no word.
    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    /// The entry flags of a form of `len` bytes with first eight bytes
    /// `prefix` (zero-padded) and [`scan`] hash `hash`, whose bytes after
    /// the eighth satisfy `rest_eq` (0: not listed, or listed only as
    /// suspect and no word). The filter is asked first, inline.
    #[inline]
    fn entry_flags(
        &self,
        prefix: u64,
        len: usize,
        hash: u64,
        rest_eq: impl Fn(&[u8]) -> bool,
    ) -> u8 {
        if !self.bloom.may_contain(hash) {
            return 0;
        }
        match &self.table {
            Table::Open { text, entries } => {
                let text = text.as_bytes();
                entries
                    .find(hash, |e| {
                        e.prefix == prefix
                            && e.len as usize == len
                            && (len <= 8
                                || text.get(e.start + 8..e.start + len).is_some_and(&rest_eq))
                    })
                    .map_or(0, |e| e.flags)
            }
            Table::Frozen(f) => f.flags(prefix, len, hash, rest_eq),
        }
    }

    /// The entry flags of the exact form `form`.
    fn form_flags(&self, form: &[u8]) -> u8 {
        self.form_flags_hashed(form, scan(form, |_, _| {}).hash)
    }

    /// [`Lexicon::form_flags`] of a form whose [`scan`] hash is known.
    fn form_flags_hashed(&self, form: &[u8], hash: u64) -> u8 {
        let rest = form.get(8..).unwrap_or_default();
        self.entry_flags(prefix(form), form.len(), hash, |r| r == rest)
    }

    /// Is this exact form (folded) an entry?
    pub(crate) fn contains_folded(&self, folded: &str) -> bool {
        self.form_flags(folded.as_bytes()) & ENTRY_WORD != 0
    }

    /// Is the folded form a trusted word (an entry, not on the suspect list)?
    #[cfg(test)]
    pub(crate) fn trusts_folded(&self, folded: &str) -> bool {
        self.form_flags(folded.as_bytes()) & (ENTRY_WORD | ENTRY_SUSPECT) == ENTRY_WORD
    }

    /// Is `token` (letters, maybe hyphens and apostrophes) a word? Compounds
    /// count when every part is a word; possessives when the stem is.
    pub fn is_word(&self, token: &str) -> bool {
        self.flags(token) & WORD != 0
    }

    /// Like [`Lexicon::is_word`] but suspect entries do not count.
    pub fn is_trusted_word(&self, token: &str) -> bool {
        self.flags(token) & TRUSTED != 0
    }

    /// [`WORD`] if `token` is a word, [`TRUSTED`] if a trusted one. A short
    /// ASCII token is folded, hashed and searched for joiners in one pass,
    /// on the stack; a plain form then takes one probe of the filter and,
    /// if it may be listed, one lookup.
    fn flags(&self, token: &str) -> u8 {
        let bytes = token.as_bytes();
        let mut first = 0;
        let s = scan(bytes, |at, chunk| {
            if at == 0 {
                first = chunk;
            }
        });
        // A token whose characters beyond ASCII neither fold nor join
        // (`deformèd`, `déjeuné`) folds like an ASCII one: it takes the
        // same short way, once it has two characters.
        let plain_wide =
            || caseless_beyond_ascii_without_apostrophe(bytes) && token.chars().nth(1).is_some();
        if !s.joiner && (s.ascii || plain_wide()) {
            return match bytes.len() {
                0 => 0,
                // Dictionaries list every letter; in running text only these stand alone.
                1 if matches!(first as u8, b'a' | b'i') => WORD | TRUSTED,
                1 => 0,
                len => {
                    // Bytes after the eighth, folded as compared: no copy.
                    let rest = bytes.get(8..).unwrap_or_default();
                    let rest_eq = |r: &[u8]| {
                        r.len() == rest.len()
                            && r.iter()
                                .zip(rest)
                                .all(|(e, t)| *e == t.to_ascii_lowercase())
                    };
                    entry_to_word_flags(self.entry_flags(first, len, s.hash, rest_eq))
                }
            };
        }
        self.joined_or_wide_flags(token, s.ascii, s.capital, s.hash)
    }

    /// Calls `f` with `head + l + tail` for each letter `l` from `a` to `z`
    /// (in that order) that makes a trusted word ([`Words::trusts_candidate`]).
    /// The 26 forms differ in one byte: for ASCII parts without joiners
    /// their hashes come from the chunks [`scan`] folded once, and only the
    /// few forms the filter may hold are looked up in full.
    fn for_each_trusted_fill(&self, head: &str, tail: &str, mut f: impl FnMut(&str)) {
        /// Forms of up to this many chunks take the short way.
        const CHUNKS: usize = 4;
        let mut w = String::with_capacity(head.len() + 1 + tail.len());
        w.push_str(head);
        w.push('a');
        w.push_str(tail);
        let mut chunks = [0u64; CHUNKS];
        let s = scan(w.as_bytes(), |at, chunk| {
            if let Some(c) = chunks.get_mut(at / 8) {
                *c = chunk;
            }
        });
        let at = head.len();
        let mut check = |w: &mut String, l: u8| {
            w.replace_range(at..=at, char::from(l).encode_utf8(&mut [0; 4]));
            if self.flags(w) & TRUSTED != 0 {
                f(w);
            }
        };
        if !s.ascii || s.joiner || w.len() > 8 * CHUNKS || w.len() < 2 {
            for l in b'a'..=b'z' {
                check(&mut w, l);
            }
            return;
        }
        let used = &chunks[..w.len().div_ceil(8)];
        let (before, rest) = used.split_at(at / 8);
        let Some((&filled, after)) = rest.split_first() else {
            return;
        };
        let start = before.iter().fold(w.len() as u64, |h, &c| mix(h, c));
        let shift = 8 * (at % 8);
        let hole = filled & !(0xff << shift);
        for l in b'a'..=b'z' {
            let h = after
                .iter()
                .fold(mix(start, hole | u64::from(l) << shift), |h, &c| mix(h, c));
            // A form the filter rules out is no entry: the lookup would say 0.
            if self.bloom.may_contain(finish(h)) {
                check(&mut w, l);
            }
        }
    }

    /// [`Lexicon::flags`] of a token with a joiner or a character beyond
    /// ASCII (kept out of the hot path: few tokens are). Folding that
    /// changes only ASCII letters keeps the [`scan`] hash `hash`: the form
    /// is not hashed again (`don’t`, `o’clock`, `deformèd`).
    #[inline(never)]
    fn joined_or_wide_flags(&self, token: &str, ascii: bool, capital: bool, hash: u64) -> u8 {
        if ascii || caseless_beyond_ascii(token.as_bytes()) {
            let folded = if capital {
                Cow::Owned(token.to_ascii_lowercase())
            } else {
                Cow::Borrowed(token)
            };
            return self.folded_flags_hashed(&folded, hash);
        }
        self.folded_flags(&fold_cow(token))
    }

    /// [`Lexicon::flags`] of a folded form: the bit [`WORD`] when the form,
    /// or its stem without a possessive ending, or each part of a compound,
    /// is an entry; [`TRUSTED`] when that holds of entries not suspect.
    /// Both answers come from one walk.
    fn folded_flags(&self, folded: &str) -> u8 {
        self.folded_flags_hashed(folded, hash_str(folded))
    }

    /// [`Lexicon::folded_flags`] of a form whose [`scan`] hash is known.
    fn folded_flags_hashed(&self, folded: &str, hash: u64) -> u8 {
        let mut chars = folded.chars();
        match (chars.next(), chars.next()) {
            (None, _) => return 0,
            // Dictionaries list every letter; in running text only these stand alone.
            (Some(c), None) => {
                return if matches!(c, 'a' | 'i') {
                    WORD | TRUSTED
                } else {
                    0
                };
            }
            _ => {}
        }
        let entry = |w: &str| entry_to_word_flags(self.form_flags(w.as_bytes()));
        let mut f = entry_to_word_flags(self.form_flags_hashed(folded.as_bytes(), hash));
        if f == WORD | TRUSTED || !has_joiner(folded) {
            return f;
        }
        // Each possessive ending ends in one of these.
        let possessive = folded.ends_with(['s', '\'', '’']);
        for suffix in ["'s", "’s", "s'", "'", "’"].iter().filter(|_| possessive) {
            if let Some(stem) = folded.strip_suffix(suffix)
                && !stem.is_empty()
            {
                f |= entry(stem);
                if f == WORD | TRUSTED {
                    return f;
                }
            }
        }
        if folded.contains('-') {
            let mut all = WORD | TRUSTED;
            for part in folded.split('-') {
                all &= if part.is_empty() {
                    0
                } else {
                    self.folded_flags(part)
                };
                if all == 0 {
                    break;
                }
            }
            f |= all;
        }
        f
    }
}

/// The text of a system word list; a missing file is an error that names
/// the Debian package providing it.
fn read_list(path: &Path, package: &str) -> Result<String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::LexiconMissing {
            path: path.to_path_buf(),
            package: package.to_string(),
        }),
        Err(source) => Err(Error::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// A lexicon as one cleaning run asks it.
pub(crate) struct Words<'a> {
    lexicon: &'a Lexicon,
}

/// The token is a word.
const WORD: u8 = 1;
/// The token is a trusted word (no suspect entry stands for it).
const TRUSTED: u8 = 2;

impl<'a> Words<'a> {
    /// A view of the lexicon for the cleaning passes.
    pub(crate) fn new(lexicon: &'a Lexicon) -> Self {
        Words { lexicon }
    }

    /// See [`Lexicon::is_word`].
    pub(crate) fn is_word(&self, token: &str) -> bool {
        self.lexicon.flags(token) & WORD != 0
    }

    /// See [`Lexicon::is_trusted_word`].
    pub(crate) fn is_trusted_word(&self, token: &str) -> bool {
        self.lexicon.flags(token) & TRUSTED != 0
    }

    /// Is an already folded form a word of the list?
    pub(crate) fn contains_folded(&self, folded: &str) -> bool {
        self.lexicon.contains_folded(folded)
    }

    /// [`Words::is_word`] and [`Words::is_trusted_word`] of a token.
    pub(crate) fn word_and_trusted(&self, token: &str) -> (bool, bool) {
        let f = self.lexicon.flags(token);
        (f & WORD != 0, f & TRUSTED != 0)
    }

    /// [`Words::is_trusted_word`] for a generated candidate.
    pub(crate) fn trusts_candidate(&self, candidate: &str) -> bool {
        self.lexicon.flags(candidate) & TRUSTED != 0
    }

    /// Calls `f` with each trusted word `head + l + tail` (`l` a letter from
    /// `a` to `z`, in order): a letter lost between two parts.
    pub(crate) fn for_each_trusted_fill(&self, head: &str, tail: &str, f: impl FnMut(&str)) {
        self.lexicon.for_each_trusted_fill(head, tail, f);
    }

    /// See [`Lexicon::is_abbreviation`].
    pub(crate) fn is_abbreviation(&self, token: &str) -> bool {
        self.lexicon.is_abbreviation(token)
    }
}

#[cfg(test)]
mod tests;
