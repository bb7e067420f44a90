//! The word list the cleaning passes trust: a maintained dictionary (Debian's
//! `wbritish` by default) plus the project's and the user's extra words.
//!
//! Words are stored folded to lower case; a token is a word when its folded
//! form, or each part of a hyphenated compound, or its stem without a
//! possessive ending, is in the list.

use std::borrow::Cow;

use std::cell::RefCell;

use rustc_hash::{FxHashMap, FxHashSet as HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where Debian's `wbritish` package installs its word list.
pub const DEFAULT_LEXICON_PATH: &str = "/usr/share/dict/british-english";
/// The Debian package that provides [`DEFAULT_LEXICON_PATH`].
pub const DEFAULT_LEXICON_PACKAGE: &str = "wbritish";
/// Where Debian's `wamerican` package installs its word list: read besides
/// the British one, so that American spellings (`honor`, `center`,
/// `defense`, `gray`) are words, not errors to split or respell.
pub const AMERICAN_LEXICON_PATH: &str = "/usr/share/dict/american-english";
/// The Debian package that provides [`AMERICAN_LEXICON_PATH`].
pub const AMERICAN_LEXICON_PACKAGE: &str = "wamerican";
/// Words of 20th-century political and administrative prose that the
/// dictionary lacks (British `-isation` forms, compounds).
pub const EXTRA_WORDS: &str = include_str!("../../data/lexicon/extra-words-en.txt");
/// Dictionary entries (abbreviations, dialect forms) that in running prose
/// are far likelier OCR damage of a common word than themselves.
pub const SUSPECT_WORDS: &str = include_str!("../../data/lexicon/suspect-words-en.txt");
/// Abbreviations whose point may stand before a lower-case word.
pub const ABBREVIATIONS: &str = include_str!("../../data/lexicon/abbreviations-en.txt");

/// A set of known words, case-folded.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: HashSet<String>,
    /// A Bloom filter of `words`: most forms the correction passes try are
    /// no words, and the filter says so from a small table, without a
    /// lookup in the large one. It never says no to an entry.
    bloom: Bloom,
    /// Entries not trusted as words when correcting OCR (still words for joins).
    suspect: HashSet<String>,
    /// Abbreviations written with a point (`etc.`).
    abbreviations: HashSet<String>,
    /// Where the main list came from, for messages.
    pub source: Option<PathBuf>,
}

impl Lexicon {
    /// Reads a word list (one word a line, `#` comments) from `path`. A missing
    /// file is an error that names the Debian package to install.
    pub fn from_path(path: &Path) -> Result<Self> {
        let text = read_list(path, DEFAULT_LEXICON_PACKAGE)?;
        let mut lex = Lexicon::from_words(&text);
        lex.source = Some(path.to_path_buf());
        if lex.words.len() < 1000 {
            return Err(Error::Data {
                path: path.to_path_buf(),
                message: format!(
                    "only {} words: not a dictionary word list (expected one word a line, like {DEFAULT_LEXICON_PATH})",
                    lex.words.len()
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

    /// A lexicon from word-list text (one word a line, `#` comments).
    pub fn from_words(text: &str) -> Self {
        let mut lex = Lexicon::default();
        lex.add_words(text);
        lex
    }

    /// Adds the words of a list.
    pub fn add_words(&mut self, text: &str) {
        let before = self.words.len();
        for w in list_entries(text) {
            self.words.insert(w);
        }
        if self.words.len() > self.bloom.capacity() {
            // Room for twice as many: one rebuild per doubling.
            self.bloom = Bloom::with_capacity(self.words.len() * 2);
            for w in &self.words {
                self.bloom.insert(w);
            }
        } else if self.words.len() > before {
            for w in list_entries(text) {
                self.bloom.insert(&w);
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
    pub fn add_suspects(&mut self, text: &str) {
        for w in list_entries(text) {
            self.suspect.insert(w);
        }
    }

    /// Adds abbreviations (one a line, without the point).
    pub fn add_abbreviations(&mut self, text: &str) {
        for w in list_entries(text) {
            self.abbreviations.insert(w);
        }
    }

    /// Is the token an abbreviation that takes a point?
    pub fn is_abbreviation(&self, token: &str) -> bool {
        self.abbreviations.contains(&fold(token))
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Is this exact form (folded) an entry?
    pub fn contains_folded(&self, folded: &str) -> bool {
        self.bloom.may_contain(folded) && self.words.contains(folded)
    }

    /// Is the folded form a trusted word (an entry, not on the suspect list)?
    pub fn trusts_folded(&self, folded: &str) -> bool {
        self.contains_folded(folded) && !self.suspect.contains(folded)
    }

    /// Is `token` (letters, maybe hyphens and apostrophes) a word? Compounds
    /// count when every part is a word; possessives when the stem is.
    pub fn is_word(&self, token: &str) -> bool {
        self.is_word_folded(&fold_cow(token), false)
    }

    /// Like [`Lexicon::is_word`] but suspect entries do not count.
    pub fn is_trusted_word(&self, token: &str) -> bool {
        self.is_word_folded(&fold_cow(token), true)
    }

    fn is_word_folded(&self, folded: &str, trusted: bool) -> bool {
        let has = |w: &str| {
            if trusted {
                self.trusts_folded(w)
            } else {
                self.contains_folded(w)
            }
        };
        if folded.is_empty() {
            return false;
        }
        // Dictionaries list every letter; in running text only these stand alone.
        let mut chars = folded.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return matches!(c, 'a' | 'i');
        }
        if has(folded) {
            return true;
        }
        if !has_joiner(folded) {
            return false;
        }
        for suffix in ["'s", "’s", "s'", "'", "’"] {
            if let Some(stem) = folded.strip_suffix(suffix)
                && !stem.is_empty()
                && has(stem)
            {
                return true;
            }
        }
        if folded.contains('-') {
            return folded
                .split('-')
                .all(|p| !p.is_empty() && self.is_word_folded(p, trusted));
        }
        false
    }
}

/// A blocked Bloom filter over strings: one 64-bit hash picks a block of
/// 512 bits (one cache line) and four bits in it; sixteen bits per string
/// (about one false "maybe" in two hundred). One memory read per query.
#[derive(Debug, Clone, Default)]
struct Bloom {
    /// A power-of-two number of blocks of eight words.
    bits: Vec<[u64; 8]>,
}

impl Bloom {
    const BITS_PER_ENTRY: usize = 16;
    const PROBES: u32 = 4;

    /// An empty filter with room for `n` strings.
    fn with_capacity(n: usize) -> Self {
        let blocks = (n * Self::BITS_PER_ENTRY).div_ceil(512).next_power_of_two();
        Bloom {
            bits: vec![[0; 8]; blocks],
        }
    }

    /// How many strings it holds at its designed rate.
    fn capacity(&self) -> usize {
        self.bits.len() * 512 / Self::BITS_PER_ENTRY
    }

    fn hash(s: &str) -> u64 {
        use std::hash::BuildHasher;
        // Finish Fx with a multiply-xorshift so that every probe draws on
        // all the bits of the key.
        let h = rustc_hash::FxBuildHasher.hash_one(s);
        let h = (h ^ (h >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 29)
    }

    /// The block of `s`, and its four bits in the block (9 bits each,
    /// taken from the top of the hash; the block from the bottom).
    fn place(&self, s: &str) -> (usize, [u32; 4]) {
        let h = Self::hash(s);
        let block = (h as usize) & (self.bits.len() - 1);
        let mut bits = [0u32; 4];
        for (k, b) in bits.iter_mut().enumerate() {
            *b = ((h >> (64 - 9 * (k as u32 + 1))) & 511) as u32;
        }
        debug_assert!(Self::PROBES as usize == bits.len());
        (block, bits)
    }

    fn insert(&mut self, s: &str) {
        let (block, bits) = self.place(s);
        for b in bits {
            self.bits[block][(b / 64) as usize] |= 1 << (b % 64);
        }
    }

    fn may_contain(&self, s: &str) -> bool {
        if self.bits.is_empty() {
            return false;
        }
        let (block, bits) = self.place(s);
        let line = &self.bits[block];
        bits.iter()
            .all(|b| line[(b / 64) as usize] & (1 << (b % 64)) != 0)
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

/// A lexicon with a memory of the tokens already looked up: a document
/// repeats its words, and a small table of them stays in the CPU cache where
/// the dictionary's does not. One per cleaning run.
pub struct Words<'a> {
    lexicon: &'a Lexicon,
    cache: RefCell<FxHashMap<Box<str>, u8>>,
}

const WORD: u8 = 1;
const TRUSTED: u8 = 2;

impl<'a> Words<'a> {
    pub fn new(lexicon: &'a Lexicon) -> Self {
        Words {
            lexicon,
            cache: RefCell::new(FxHashMap::default()),
        }
    }

    fn flags(&self, token: &str) -> u8 {
        if let Some(f) = self.cache.borrow().get(token) {
            return *f;
        }
        let f = self.lookup(token);
        self.cache.borrow_mut().insert(token.into(), f);
        f
    }

    /// See [`Lexicon::is_word`].
    pub fn is_word(&self, token: &str) -> bool {
        self.flags(token) & WORD != 0
    }

    /// See [`Lexicon::is_trusted_word`].
    pub fn is_trusted_word(&self, token: &str) -> bool {
        self.flags(token) & TRUSTED != 0
    }

    pub fn contains_folded(&self, folded: &str) -> bool {
        self.lexicon.contains_folded(folded)
    }

    /// [`Words::is_word`] and [`Words::is_trusted_word`] of a token whose
    /// answer the caller keeps itself: not remembered here.
    pub fn word_and_trusted(&self, token: &str) -> (bool, bool) {
        let f = self.lookup(token);
        (f & WORD != 0, f & TRUSTED != 0)
    }

    /// The flags of a token, from the dictionary.
    fn lookup(&self, token: &str) -> u8 {
        let folded = fold_cow(token);
        let mut f = 0;
        let simple = folded.chars().nth(1).is_some() && !has_joiner(&folded);
        if simple {
            // A plain form is a word exactly when it is an entry: one lookup.
            if self.lexicon.contains_folded(&folded) {
                f |= WORD;
                if !self.lexicon.suspect.contains(folded.as_ref()) {
                    f |= TRUSTED;
                }
            }
        } else if self.lexicon.is_word_folded(&folded, false) {
            f |= WORD;
            if self.lexicon.is_word_folded(&folded, true) {
                f |= TRUSTED;
            }
        }
        f
    }

    /// [`Words::is_trusted_word`] for a generated candidate: not remembered,
    /// so that trying many candidates does not fill the memory.
    pub fn trusts_candidate(&self, candidate: &str) -> bool {
        self.lexicon.is_word_folded(&fold_cow(candidate), true)
    }

    pub fn is_abbreviation(&self, token: &str) -> bool {
        self.lexicon.is_abbreviation(token)
    }
}

/// Lower-cases a token (ASCII fast path).
pub fn fold(token: &str) -> String {
    fold_cow(token).into_owned()
}

/// Lower-cases a token, borrowing it when it is lower case already.
pub fn fold_cow(token: &str) -> Cow<'_, str> {
    // One pass settles the common case: ASCII with no capital.
    if !token
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Borrowed(token)
    } else if token.is_ascii() {
        Cow::Owned(token.to_ascii_lowercase())
    } else if !token.chars().any(char::is_uppercase) {
        Cow::Borrowed(token)
    } else {
        Cow::Owned(token.to_lowercase())
    }
}

/// Does `s` hold an apostrophe or a hyphen (the forms whose parts or stem
/// may be words)? A byte scan first: most words hold none.
fn has_joiner(s: &str) -> bool {
    s.bytes().any(|b| matches!(b, b'\'' | b'-' | 0xE2)) && s.contains(['\'', '’', '-'])
}

fn list_entries(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(fold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_compounds_and_possessives() {
        let lex = Lexicon::from_words("party\nstalin\nworking\nclass\n# comment\n");
        assert!(lex.is_word("Party"));
        assert!(lex.is_word("Stalin's"));
        assert!(lex.is_word("working-class"));
        assert!(!lex.is_word("working-glass"));
        assert!(!lex.is_word(""));
    }

    #[test]
    fn bloom_filter_never_misses_and_seldom_errs() {
        let mut b = Bloom::with_capacity(10_000);
        let words: Vec<String> = (0..10_000).map(|k| format!("w{k}x")).collect();
        for w in &words {
            b.insert(w);
        }
        assert!(words.iter().all(|w| b.may_contain(w)));
        let false_maybes = (0..10_000)
            .filter(|k| b.may_contain(&format!("n{k}y")))
            .count();
        assert!(
            false_maybes < 100,
            "{false_maybes} false positives in 10000"
        );
        // Growing keeps every word.
        let mut lex = Lexicon::from_words("one\n");
        let many: String = words.iter().map(|w| format!("{w}\n")).collect();
        lex.add_words(&many);
        assert!(words.iter().all(|w| lex.contains_folded(w)) && lex.contains_folded("one"));
    }

    #[test]
    fn suspect_entries_are_words_but_not_trusted() {
        let mut lex = Lexicon::from_words("the\ntho\n");
        lex.add_suspects("tho\n");
        assert!(lex.is_word("tho"));
        assert!(!lex.is_trusted_word("tho"));
        assert!(lex.is_trusted_word("the"));
    }

    #[test]
    fn missing_list_names_the_package() {
        let err = Lexicon::from_path(Path::new("/nonexistent/dict/words")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("/nonexistent/dict/words"), "{msg}");
        assert!(msg.contains("wbritish"), "{msg}");
    }

    #[test]
    fn missing_american_list_names_its_package() {
        let err = read_list(Path::new("/nonexistent/american"), AMERICAN_LEXICON_PACKAGE)
            .unwrap_err()
            .to_string();
        assert!(err.contains("wamerican"), "{err}");
    }

    #[test]
    fn a_tiny_file_is_not_a_dictionary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("words");
        std::fs::write(&p, "one\ntwo\n").unwrap();
        assert!(matches!(Lexicon::from_path(&p), Err(Error::Data { .. })));
    }
}
