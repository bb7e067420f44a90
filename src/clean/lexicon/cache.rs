//! A cache of the built default lexicon, so that a process starts without
//! folding, hashing and inserting 130,000 words (about 30 ms) each time.
//!
//! The cache file holds the word count, the Bloom filter's bits, every
//! entry in a table ordered by hash bucket, and the folded text. It is read
//! in one piece and looked up where it lies ([`Frozen`]): start-up builds
//! no hash table (that was 10 M instructions and as many megabytes of
//! memory written). It is keyed
//! by the word lists' paths, sizes, modification times and inodes, by the
//! embedded extra, suspect and abbreviation lists, and by the format: a
//! changed list makes a new key. A file that does not read back whole and
//! consistent is ignored (and rebuilt); the lexicon is then built as
//! without a cache. Writes go to a temporary file that is renamed.

use std::path::{Path, PathBuf};

use super::{
    ABBREVIATIONS, AMERICAN_LEXICON_PATH, Bloom, EXTRA_WORDS, Lexicon, SUSPECT_WORDS, Table,
    hash_str, prefix,
};

/// Bump when the layout or the way a lexicon is built changes.
#[cfg(target_endian = "little")]
const FORMAT: &[u8; 8] = b"TEILEX03";
#[cfg(target_endian = "big")]
const FORMAT: &[u8; 8] = b"TEILEX3B";

/// Where lexicon caches live: `$TEI_ENCODER_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/tei-encoder`, else `~/.cache/tei-encoder`.
pub(crate) fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("TEI_ENCODER_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("tei-encoder"))
}

fn fnv(h: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *h ^= u64::from(b);
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
}

/// The cache key of the default lexicon read from `path`: None when a list
/// cannot be looked at (the build then reports it).
pub(crate) fn key(path: &Path) -> Option<u64> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    fnv(&mut h, FORMAT);
    fnv(&mut h, env!("CARGO_PKG_VERSION").as_bytes());
    for p in [path, Path::new(AMERICAN_LEXICON_PATH)] {
        let m = std::fs::metadata(p).ok()?;
        fnv(&mut h, p.as_os_str().as_encoded_bytes());
        fnv(&mut h, &m.len().to_le_bytes());
        let modified = m
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        fnv(&mut h, &modified.as_nanos().to_le_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            fnv(&mut h, &m.ino().to_le_bytes());
            fnv(&mut h, &m.dev().to_le_bytes());
        }
    }
    for list in [EXTRA_WORDS, SUSPECT_WORDS, ABBREVIATIONS] {
        fnv(&mut h, &(list.len() as u64).to_le_bytes());
        fnv(&mut h, list.as_bytes());
    }
    Some(h)
}

pub(crate) fn file_for(dir: &Path, key: u64) -> PathBuf {
    dir.join(format!("lexicon-{key:016x}.bin"))
}

// The layout: the format, then five numbers (8 bytes each, little-endian):
// words, Bloom filter words, buckets, entries, text bytes; the filter's
// words; for each bucket and one more, where its entries start (4 bytes);
// the entries (`ENTRY_BYTES` each: the first eight bytes of the form, where
// it starts in the text (4 bytes), its length (3 bytes) and flags (1 byte));
// the text. A form's bucket is the low bits of its hash.

const HEADER_BYTES: usize = 8 + 5 * 8;
const ENTRY_BYTES: usize = 16;
/// Forms are at most this long in the cache (their length takes 3 bytes).
const MAX_FORM: usize = (1 << 24) - 1;

/// A lexicon's table as read from its cache file: looked up in place.
#[derive(Debug, Clone)]
pub(super) struct Frozen {
    /// The whole file.
    bytes: Vec<u8>,
    /// `buckets - 1` (buckets are a power of two).
    mask: usize,
    buckets_at: usize,
    entries_at: usize,
    entries: usize,
    text_at: usize,
}

#[inline]
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default())
}

#[inline]
fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default())
}

/// The entry at byte `at`: (prefix, start, length, flags).
#[inline]
fn entry_at(bytes: &[u8], at: usize) -> (u64, usize, usize, u8) {
    let len_flags = u32_at(bytes, at + 12);
    (
        u64_at(bytes, at),
        u32_at(bytes, at + 8) as usize,
        (len_flags & MAX_FORM as u32) as usize,
        (len_flags >> 24) as u8,
    )
}

impl Frozen {
    pub(super) fn len(&self) -> usize {
        self.entries
    }

    /// The folded forms back to back (checked UTF-8 when read).
    pub(super) fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes[self.text_at..]).unwrap_or_default()
    }

    /// Entry `i`: (prefix, start, length, flags).
    #[inline]
    fn entry(&self, i: usize) -> (u64, usize, usize, u8) {
        entry_at(&self.bytes, self.entries_at + i * ENTRY_BYTES)
    }

    /// The flags of the form with first eight bytes `prefix`, length `len`
    /// and hash `hash` whose bytes after the eighth satisfy `rest_eq`; 0
    /// when no entry.
    #[inline]
    pub(super) fn flags(
        &self,
        prefix: u64,
        len: usize,
        hash: u64,
        rest_eq: impl Fn(&[u8]) -> bool,
    ) -> u8 {
        let at = self.buckets_at + (hash as usize & self.mask) * 4;
        let (lo, hi) = (u32_at(&self.bytes, at), u32_at(&self.bytes, at + 4));
        let text = &self.bytes[self.text_at..];
        for i in lo as usize..hi as usize {
            let (p, start, l, flags) = self.entry(i);
            if p == prefix
                && l == len
                && (len <= 8 || text.get(start + 8..start + len).is_some_and(&rest_eq))
            {
                return flags;
            }
        }
        0
    }

    /// Calls `f` with every form and its flags.
    pub(super) fn for_each<'a>(&'a self, mut f: impl FnMut(&'a str, u8)) {
        let text = self.text();
        for i in 0..self.entries {
            let (_, start, len, flags) = self.entry(i);
            f(&text[start..start + len], flags);
        }
    }
}

/// The lexicon's built state as bytes; None if it does not fit the layout
/// (a form of 16 MB, a text of 4 GB): such a lexicon is not cached.
pub(crate) fn encode(lex: &Lexicon) -> Option<Vec<u8>> {
    if let Table::Frozen(f) = &lex.table {
        return Some(f.bytes.clone());
    }
    let mut forms: Vec<(usize, &str, u8)> = Vec::new();
    lex.table
        .for_each(|form, flags| forms.push((0, form, flags)));
    let buckets = forms.len().max(1).next_power_of_two();
    for f in &mut forms {
        f.0 = hash_str(f.1) as usize & (buckets - 1);
    }
    // By bucket; within one, in the order the table held them.
    forms.sort_by_key(|f| f.0);
    let text_len: usize = forms.iter().map(|f| f.1.len()).sum();
    u32::try_from(text_len).ok()?;
    if forms.iter().any(|f| f.1.len() > MAX_FORM) {
        return None;
    }
    let mut out = Vec::with_capacity(
        HEADER_BYTES
            + lex.bloom.bits.len() * 8
            + (buckets + 1) * 4
            + forms.len() * ENTRY_BYTES
            + text_len,
    );
    out.extend_from_slice(FORMAT);
    for n in [
        lex.words,
        lex.bloom.bits.len(),
        buckets,
        forms.len(),
        text_len,
    ] {
        out.extend_from_slice(&(n as u64).to_le_bytes());
    }
    for w in &lex.bloom.bits {
        out.extend_from_slice(&w.to_le_bytes());
    }
    let mut at = 0;
    for b in 0..=buckets {
        out.extend_from_slice(&(at as u32).to_le_bytes());
        while forms.get(at).is_some_and(|f| f.0 == b) {
            at += 1;
        }
    }
    let mut start = 0;
    for &(_, form, flags) in &forms {
        out.extend_from_slice(&prefix(form.as_bytes()).to_le_bytes());
        out.extend_from_slice(&(start as u32).to_le_bytes());
        out.extend_from_slice(&(form.len() as u32 | u32::from(flags) << 24).to_le_bytes());
        start += form.len();
    }
    for &(_, form, _) in &forms {
        out.extend_from_slice(form.as_bytes());
    }
    Some(out)
}

/// The lexicon from bytes written by [`encode`]; None if they are not whole
/// and consistent (buckets in order, entries tiling the text on character
/// boundaries).
pub(crate) fn decode(bytes: Vec<u8>) -> Option<Lexicon> {
    if bytes.get(..8)? != FORMAT {
        return None;
    }
    let num = |k: usize| {
        usize::try_from(u64::from_le_bytes(
            bytes.get(8 + 8 * k..16 + 8 * k)?.try_into().ok()?,
        ))
        .ok()
    };
    let (words, bloom_words, buckets, entries, text_len) =
        (num(0)?, num(1)?, num(2)?, num(3)?, num(4)?);
    if !buckets.is_power_of_two() || (bloom_words != 0 && !bloom_words.is_power_of_two()) {
        return None;
    }
    let bloom_at = HEADER_BYTES;
    let buckets_at = bloom_at.checked_add(bloom_words.checked_mul(8)?)?;
    let entries_at = buckets_at.checked_add(buckets.checked_add(1)?.checked_mul(4)?)?;
    let text_at = entries_at.checked_add(entries.checked_mul(ENTRY_BYTES)?)?;
    if text_at.checked_add(text_len)? != bytes.len() {
        return None;
    }
    let text = std::str::from_utf8(&bytes[text_at..]).ok()?;
    // Buckets in order, from the first entry to the last.
    let mut last = 0;
    for c in bytes[buckets_at..entries_at].chunks_exact(4) {
        let at = u32::from_le_bytes(c.try_into().ok()?);
        if at < last {
            return None;
        }
        last = at;
    }
    if u32_at(&bytes, buckets_at) != 0 || last as usize != entries {
        return None;
    }
    // The entries tile the text in order, on character boundaries.
    let mut end = 0;
    for e in bytes[entries_at..text_at].chunks_exact(ENTRY_BYTES) {
        let start = u32::from_le_bytes(e[8..12].try_into().ok()?) as usize;
        let len = u32::from_le_bytes(e[12..16].try_into().ok()?) as usize & MAX_FORM;
        if start != end || !text.is_char_boundary(start) {
            return None;
        }
        end = start + len;
    }
    if end != text.len() {
        return None;
    }
    let bits: Vec<u64> = bytes[bloom_at..buckets_at]
        .chunks_exact(8)
        .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()))
        .collect();
    let frozen = Frozen {
        bytes,
        mask: buckets - 1,
        buckets_at,
        entries_at,
        entries,
        text_at,
    };
    let mut lex = Lexicon {
        table: Table::Frozen(frozen),
        words,
        bloom: Bloom { bits },
        ..Lexicon::default()
    };
    lex.add_abbreviations(ABBREVIATIONS);
    Some(lex)
}

/// Reads the cache of `key` in `dir`, if there is a good one.
pub(crate) fn load(dir: &Path, key: u64) -> Option<Lexicon> {
    decode(std::fs::read(file_for(dir, key)).ok()?)
}

/// Writes the cache of `key` in `dir`; a failure only costs the next run time.
pub(crate) fn store(dir: &Path, key: u64, lex: &Lexicon) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let path = file_for(dir, key);
    if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) {
        use std::io::Write;
        let Some(bytes) = encode(lex) else {
            return;
        };
        if tmp.write_all(&bytes).is_ok() {
            let _ = tmp.persist(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built() -> Lexicon {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(&format!("word{i}\nlongerwordform{i}\ncafé{i}\n"));
        }
        let mut lex = Lexicon::from_words(&text);
        lex.add_suspects("word7\nnotaword\n");
        lex.add_abbreviations(ABBREVIATIONS);
        lex
    }

    #[test]
    fn a_lexicon_reads_back_as_it_was_built() {
        let lex = built();
        let back = decode(encode(&lex).unwrap()).unwrap();
        assert!(matches!(back.table, Table::Frozen(_)));
        assert_eq!(back.words, lex.words);
        let forms = |l: &Lexicon| {
            let mut v = Vec::new();
            l.table.for_each(|f, flags| v.push((f.to_string(), flags)));
            v.sort();
            v
        };
        assert_eq!(forms(&back), forms(&lex));
        assert_eq!(back.bloom.bits, lex.bloom.bits);
        for w in [
            "word1",
            "word2999",
            "longerwordform17",
            "café5",
            "word7",
            "notaword",
            "nope",
            "etc",
        ] {
            assert_eq!(back.is_word(w), lex.is_word(w), "{w}");
            assert_eq!(back.is_trusted_word(w), lex.is_trusted_word(w), "{w}");
            assert_eq!(back.is_abbreviation(w), lex.is_abbreviation(w), "{w}");
        }
        // Words added after loading behave as on the built lexicon.
        let mut a = lex.clone();
        let mut b = back;
        b.add_words("");
        assert!(matches!(b.table, Table::Frozen(_)));
        let more: String = (0..20000).map(|i| format!("extra{i}\n")).collect();
        a.add_words(&more);
        b.add_words(&more);
        assert_eq!(a.words, b.words);
        assert_eq!(a.bloom.bits, b.bloom.bits);
        assert_eq!(forms(&a), forms(&b));
        for w in ["extra7", "word1", "longerwordform17", "nope"] {
            assert_eq!(a.is_trusted_word(w), b.is_trusted_word(w), "{w}");
        }
    }

    #[test]
    fn damaged_caches_are_refused() {
        let bytes = encode(&built()).unwrap();
        assert!(decode(bytes[..bytes.len() - 1].to_vec()).is_none());
        let mut bad = bytes.clone();
        bad[0] ^= 1;
        assert!(decode(bad).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(longer).is_none());
        let num = |k: usize| u64::from_le_bytes(bytes[8 + 8 * k..16 + 8 * k].try_into().unwrap());
        let (bloom_words, buckets) = (num(1) as usize, num(2) as usize);
        let buckets_at = HEADER_BYTES + 8 * bloom_words;
        let entries_at = buckets_at + 4 * (buckets + 1);
        // An entry pointing past the text.
        let mut far = bytes.clone();
        far[entries_at + 8..entries_at + 12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(far).is_none());
        // Buckets out of order.
        let mut order = bytes;
        order[buckets_at + 4..buckets_at + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(order).is_none());
    }
}
