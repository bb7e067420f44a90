//! A cache of the built default lexicon, so that a process starts without
//! folding, hashing and inserting 130,000 words (about 30 ms) each time.
//!
//! The cache file holds the word count, a Bloom filter of the words, every
//! entry in a table ordered by hash bucket, and the entries' tails. It is
//! read in one piece and looked up where it lies ([`Frozen`]): start-up
//! builds no hash table (that was 10 M instructions and 8 MB of memory
//! written, where the file is 2 MB). It is keyed
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
const FORMAT: &[u8; 8] = b"TEILEX04";
#[cfg(target_endian = "big")]
const FORMAT: &[u8; 8] = b"TEILEX4B";

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
// words, Bloom filter words, buckets, entries, tail bytes; the filter's
// words; for each bucket and one more, where its entries start (4 bytes);
// the entries, `ENTRY_BYTES` each: the form's first eight bytes (its
// prefix), where its tail starts (3 bytes), its length (1 byte), its flags
// and how far its tail reaches back into the prefix (1 byte); the tails.
// A form's bucket is the low bits of its hash. A form of up to eight bytes
// is its prefix; a longer one's tail is the rest from the last character
// boundary at or before its eighth byte, so that the tails are UTF-8 one
// after the other: the file holds 2 MB for the 104,000 forms of wbritish
// and wamerican, where the built table holds 8 MB.

const HEADER_BYTES: usize = 8 + 5 * 8;
const ENTRY_BYTES: usize = 13;
/// The tails take at most this many bytes (a start takes 3 bytes)...
const MAX_TAILS: usize = 1 << 24;
/// ...and a form at most this many (its length takes 1 byte).
const MAX_FORM: usize = u8::MAX as usize;
/// Forms per bucket, on average.
const BUCKET_LOAD: usize = 4;

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
    tails_at: usize,
}

/// One entry as stored.
#[derive(Clone, Copy)]
struct Stored {
    prefix: u64,
    /// Where the tail starts in the tails.
    tail: usize,
    len: usize,
    flags: u8,
    /// How many bytes of the prefix the tail repeats (0 to 3).
    back: usize,
}

impl Stored {
    /// The form's bytes in its prefix (up to eight, before its tail).
    fn head_len(&self) -> usize {
        if self.len > 8 {
            8 - self.back
        } else {
            self.len
        }
    }

    /// The tail's length in bytes.
    fn tail_len(&self) -> usize {
        if self.len > 8 {
            self.len - 8 + self.back
        } else {
            0
        }
    }
}

#[inline]
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default())
}

/// The entry at byte `at`.
#[inline]
fn entry_at(bytes: &[u8], at: usize) -> Stored {
    let e: &[u8; ENTRY_BYTES] = bytes[at..at + ENTRY_BYTES]
        .try_into()
        .unwrap_or(&[0; ENTRY_BYTES]);
    let (prefix, rest) = e.split_first_chunk::<8>().unwrap_or((&[0; 8], &[]));
    let word = u32::from_le_bytes(rest[..4].try_into().unwrap_or_default());
    Stored {
        prefix: u64::from_le_bytes(*prefix),
        tail: (word & 0xff_ffff) as usize,
        len: (word >> 24) as usize,
        flags: rest[4] & 0xf,
        back: usize::from(rest[4] >> 4),
    }
}

impl Frozen {
    pub(super) fn len(&self) -> usize {
        self.entries
    }

    /// Entry `i`.
    #[inline]
    fn entry(&self, i: usize) -> Stored {
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
        let tails = &self.bytes[self.tails_at..];
        for i in lo as usize..hi as usize {
            let e = self.entry(i);
            if e.prefix == prefix
                && e.len == len
                && (len <= 8
                    || tails
                        .get(e.tail + e.back..e.tail + e.tail_len())
                        .is_some_and(&rest_eq))
            {
                return e.flags;
            }
        }
        0
    }

    /// Calls `f` with every form and its flags.
    pub(super) fn for_each(&self, mut f: impl FnMut(&str, u8)) {
        let tails = &self.bytes[self.tails_at..];
        let mut form = Vec::new();
        for i in 0..self.entries {
            let e = self.entry(i);
            form.clear();
            form.extend_from_slice(&e.prefix.to_le_bytes()[..e.head_len()]);
            form.extend_from_slice(&tails[e.tail..e.tail + e.tail_len()]);
            // Checked when read: the head ends and the tail starts on a
            // character boundary, both UTF-8.
            f(std::str::from_utf8(&form).unwrap_or_default(), e.flags);
        }
    }
}

/// The lexicon's built state as bytes; None if it does not fit the layout
/// (a form of over 255 bytes, 16 MB of tails): such a lexicon is not cached.
pub(crate) fn encode(lex: &Lexicon) -> Option<Vec<u8>> {
    let (text, entries) = match &lex.table {
        Table::Frozen(f) => return Some(f.bytes.clone()),
        Table::Open { text, entries } => (text, entries),
    };
    let mut forms: Vec<(usize, &str, u8)> = entries
        .iter()
        .map(|e| (0, &text[e.start..e.start + e.len as usize], e.flags))
        .collect();
    if forms.iter().any(|f| f.1.len() > MAX_FORM) {
        return None;
    }
    let buckets = (forms.len() / BUCKET_LOAD).max(1).next_power_of_two();
    for f in &mut forms {
        f.0 = hash_str(f.1) as usize & (buckets - 1);
    }
    // By bucket; within one, in the order the table held them.
    forms.sort_by_key(|f| f.0);
    // A filter of the words at its designed rate (the built one has room
    // for twice as many, for lists added later).
    let mut bloom = Bloom::with_capacity(lex.words);
    for &(_, form, flags) in &forms {
        if flags & super::ENTRY_WORD != 0 {
            bloom.insert(hash_str(form));
        }
    }
    let mut stored = Vec::with_capacity(forms.len());
    let mut tails = String::new();
    for &(_, form, flags) in &forms {
        let head = if form.len() > 8 {
            (0..=8)
                .rev()
                .find(|&k| form.is_char_boundary(k))
                .unwrap_or(0)
        } else {
            form.len()
        };
        stored.push(Stored {
            prefix: prefix(form.as_bytes()),
            tail: tails.len(),
            len: form.len(),
            flags,
            back: if form.len() > 8 { 8 - head } else { 0 },
        });
        if form.len() > 8 {
            tails.push_str(&form[head..]);
        }
    }
    if tails.len() >= MAX_TAILS {
        return None;
    }
    let mut out = Vec::with_capacity(
        HEADER_BYTES
            + bloom.bits.len() * 8
            + (buckets + 1) * 4
            + forms.len() * ENTRY_BYTES
            + tails.len(),
    );
    out.extend_from_slice(FORMAT);
    for n in [
        lex.words,
        bloom.bits.len(),
        buckets,
        forms.len(),
        tails.len(),
    ] {
        out.extend_from_slice(&(n as u64).to_le_bytes());
    }
    for w in &bloom.bits {
        out.extend_from_slice(&w.to_le_bytes());
    }
    let mut at = 0;
    for b in 0..=buckets {
        out.extend_from_slice(&(at as u32).to_le_bytes());
        while forms.get(at).is_some_and(|f| f.0 == b) {
            at += 1;
        }
    }
    for e in &stored {
        out.extend_from_slice(&e.prefix.to_le_bytes());
        out.extend_from_slice(&(e.tail as u32 | (e.len as u32) << 24).to_le_bytes());
        out.push(e.flags | (e.back as u8) << 4);
    }
    out.extend_from_slice(tails.as_bytes());
    Some(out)
}

/// The lexicon from bytes written by [`encode`]; None if they are not whole
/// and consistent (buckets in order; tails one after the other, UTF-8, from
/// character boundaries; the forms' heads UTF-8).
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
    let (words, bloom_words, buckets, entries, tails_len) =
        (num(0)?, num(1)?, num(2)?, num(3)?, num(4)?);
    if !buckets.is_power_of_two() || (bloom_words != 0 && !bloom_words.is_power_of_two()) {
        return None;
    }
    let bloom_at = HEADER_BYTES;
    let buckets_at = bloom_at.checked_add(bloom_words.checked_mul(8)?)?;
    let entries_at = buckets_at.checked_add(buckets.checked_add(1)?.checked_mul(4)?)?;
    let tails_at = entries_at.checked_add(entries.checked_mul(ENTRY_BYTES)?)?;
    if tails_at.checked_add(tails_len)? != bytes.len() {
        return None;
    }
    let tails = std::str::from_utf8(&bytes[tails_at..]).ok()?;
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
    // The tails follow each other from character boundaries; heads are UTF-8.
    let mut end = 0;
    for i in 0..entries {
        let e = entry_at(&bytes, entries_at + i * ENTRY_BYTES);
        if e.tail != end
            || !tails.is_char_boundary(e.tail)
            || e.back > 3
            || (e.len <= 8 && e.back > 0)
        {
            return None;
        }
        end = e.tail + e.tail_len();
        let head = &e.prefix.to_le_bytes()[..e.head_len()];
        if !head.is_ascii() && std::str::from_utf8(head).is_err() {
            return None;
        }
    }
    if end != tails.len() {
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
        tails_at,
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
            // Characters across the eighth byte.
            text.push_str(&format!("abcdefgé{i}\nabcdef€{i}\nabcde𝄞{i}\n"));
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
        // The filter is sized for the words it holds; it says yes to each.
        assert!(back.bloom.capacity() >= back.words);
        for w in [
            "word1",
            "word2999",
            "longerwordform17",
            "café5",
            "abcdefgé12",
            "abcdef€7",
            "abcde𝄞2999",
            "abcde𝄞3000",
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
        // An entry whose tail is not where the one before ends.
        let mut far = bytes.clone();
        far[entries_at + 8..entries_at + 11].copy_from_slice(&[0xff; 3]);
        assert!(decode(far).is_none());
        // A head that is not UTF-8.
        let mut head = bytes.clone();
        head[entries_at] = 0xff;
        assert!(decode(head).is_none());
        // Buckets out of order.
        let mut order = bytes;
        order[buckets_at + 4..buckets_at + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(order).is_none());
    }

    /// The default lexicon read back from its cache answers as built, for
    /// every form it lists (in capitals too) and every word of the seed.
    #[test]
    fn the_default_lexicon_reads_back_as_built() {
        let Ok(lex) = Lexicon::load_default(Path::new(super::super::DEFAULT_LEXICON_PATH)) else {
            return; // wbritish is not installed: the other tests say so
        };
        let back = decode(encode(&lex).unwrap()).unwrap();
        let mut forms = Vec::new();
        lex.table.for_each(|f, _| forms.push(f.to_string()));
        let seed = include_str!("../../../data/seed/cult-of-the-individual-1956.txt");
        let queries = forms
            .iter()
            .flat_map(|f| {
                [
                    f.clone(),
                    f.to_uppercase(),
                    format!("{f}s"),
                    format!("{f}'s"),
                ]
            })
            .chain(seed.split_whitespace().map(str::to_string));
        let mut n = 0;
        for q in queries {
            assert_eq!(back.flags(&q), lex.flags(&q), "{q:?}");
            n += 1;
        }
        assert!(n > 400_000, "{n}");
    }
}
