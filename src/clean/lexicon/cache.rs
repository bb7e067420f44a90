//! A cache of the built default lexicon, so that a process starts without
//! folding, hashing and inserting 130,000 words (about 30 ms) each time.
//!
//! The cache file holds the folded text, every entry with its hash, the
//! Bloom filter's bits and the word count, as they were built. It is keyed
//! by the word lists' paths, sizes, modification times and inodes, by the
//! embedded extra, suspect and abbreviation lists, and by the format: a
//! changed list makes a new key. A file that does not read back whole and
//! consistent is ignored (and rebuilt); the lexicon is then built as
//! without a cache. Writes go to a temporary file that is renamed.

use std::path::{Path, PathBuf};

use hashbrown::HashTable;

use super::{
    ABBREVIATIONS, AMERICAN_LEXICON_PATH, Bloom, EXTRA_WORDS, Entry, Lexicon, SUSPECT_WORDS,
    hash_str,
};

/// Bump when the layout or the way a lexicon is built changes.
const FORMAT: &[u8; 8] = b"TEILEX02";

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

const ENTRY_BYTES: usize = 8 + 8 + 8 + 4 + 1;

/// The lexicon's built state as bytes.
pub(crate) fn encode(lex: &Lexicon) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        64 + lex.text.len() + lex.entries.len() * ENTRY_BYTES + lex.bloom.bits.len() * 8,
    );
    out.extend_from_slice(FORMAT);
    out.extend_from_slice(&(lex.words as u64).to_le_bytes());
    out.extend_from_slice(&(lex.text.len() as u64).to_le_bytes());
    out.extend_from_slice(lex.text.as_bytes());
    out.extend_from_slice(&(lex.entries.len() as u64).to_le_bytes());
    for e in &lex.entries {
        let s = &lex.text[e.start..e.start + e.len as usize];
        out.extend_from_slice(&hash_str(s).to_le_bytes());
        out.extend_from_slice(&e.prefix.to_le_bytes());
        out.extend_from_slice(&(e.start as u64).to_le_bytes());
        out.extend_from_slice(&e.len.to_le_bytes());
        out.push(e.flags);
    }
    out.extend_from_slice(&(lex.bloom.bits.len() as u64).to_le_bytes());
    for w in &lex.bloom.bits {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// The lexicon from bytes written by [`encode`]; None if they are not whole
/// and consistent (every entry within the text, on character boundaries).
pub(crate) fn decode(bytes: &[u8]) -> Option<Lexicon> {
    let mut c = Cursor(bytes);
    if c.take(8)? != FORMAT {
        return None;
    }
    let words = usize::try_from(c.u64()?).ok()?;
    let text_len = usize::try_from(c.u64()?).ok()?;
    let text = std::str::from_utf8(c.take(text_len)?).ok()?.to_string();
    let n = usize::try_from(c.u64()?).ok()?;
    let raw = c.take(n.checked_mul(ENTRY_BYTES)?)?;
    let mut entries = HashTable::with_capacity(n);
    for r in raw.chunks_exact(ENTRY_BYTES) {
        let hash = u64::from_le_bytes(r[0..8].try_into().ok()?);
        let prefix = u64::from_le_bytes(r[8..16].try_into().ok()?);
        let start = usize::try_from(u64::from_le_bytes(r[16..24].try_into().ok()?)).ok()?;
        let len = u32::from_le_bytes(r[24..28].try_into().ok()?);
        let flags = r[28];
        let end = start.checked_add(len as usize)?;
        if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return None;
        }
        entries.insert_unique(
            hash,
            Entry {
                prefix,
                start,
                len,
                flags,
            },
            |e: &Entry| hash_str(&text[e.start..e.start + e.len as usize]),
        );
    }
    let bloom_words = usize::try_from(c.u64()?).ok()?;
    if bloom_words != 0 && !bloom_words.is_power_of_two() {
        return None;
    }
    let bits: Vec<u64> = c
        .take(bloom_words.checked_mul(8)?)?
        .chunks_exact(8)
        .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()))
        .collect();
    if !c.0.is_empty() {
        return None;
    }
    let mut lex = Lexicon {
        text,
        entries,
        words,
        bloom: Bloom { bits },
        ..Lexicon::default()
    };
    lex.add_abbreviations(ABBREVIATIONS);
    Some(lex)
}

/// Reads the cache of `key` in `dir`, if there is a good one.
pub(crate) fn load(dir: &Path, key: u64) -> Option<Lexicon> {
    decode(&std::fs::read(file_for(dir, key)).ok()?)
}

/// Writes the cache of `key` in `dir`; a failure only costs the next run time.
pub(crate) fn store(dir: &Path, key: u64, lex: &Lexicon) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let path = file_for(dir, key);
    if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) {
        use std::io::Write;
        if tmp.write_all(&encode(lex)).is_ok() {
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
        let back = decode(&encode(&lex)).unwrap();
        assert_eq!(back.words, lex.words);
        assert_eq!(back.entries.len(), lex.entries.len());
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
        let more: String = (0..20000).map(|i| format!("extra{i}\n")).collect();
        a.add_words(&more);
        b.add_words(&more);
        assert_eq!(a.words, b.words);
        assert_eq!(a.bloom.bits, b.bloom.bits);
    }

    #[test]
    fn damaged_caches_are_refused() {
        let bytes = encode(&built());
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        let mut bad = bytes.clone();
        bad[0] ^= 1;
        assert!(decode(&bad).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        // An entry pointing past the text.
        let mut far = bytes;
        let text_len = u64::from_le_bytes(far[16..24].try_into().unwrap()) as usize;
        let first_entry = 24 + text_len + 8;
        far[first_entry + 16..first_entry + 24].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(decode(&far).is_none());
    }
}
