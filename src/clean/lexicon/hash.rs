//! Hashing words eight bytes at a time (with their capitals and whether
//! they are ASCII), and the Bloom filter over the hashes.

use super::*;

/// The word flags of a form from its entry flags: a word when listed as
/// one, trusted unless also suspect.
pub(super) fn entry_to_word_flags(e: u8) -> u8 {
    match e & (ENTRY_WORD | ENTRY_SUSPECT) {
        ENTRY_WORD => WORD | TRUSTED,
        f if f & ENTRY_WORD != 0 => WORD,
        _ => 0,
    }
}

pub(super) const LANES_LO: u64 = 0x0101_0101_0101_0101;
pub(super) const LANES_HI: u64 = 0x8080_8080_8080_8080;

/// What [`scan`] learns of a string.
pub(super) struct Scan {
    /// The hash of the string with ASCII folded to lower case.
    pub(super) hash: u64,
    /// All bytes are ASCII.
    pub(super) ascii: bool,
    /// It holds an ASCII apostrophe or hyphen.
    pub(super) joiner: bool,
    /// It holds an ASCII capital.
    pub(super) capital: bool,
}

/// One pass over `bytes`, eight at a time: folds ASCII capitals (handing
/// `out` each folded eight-byte chunk with its offset; the last one padded
/// with zeros), hashes the folded bytes, and notes non-ASCII bytes and
/// joiners. The hash of a string and of its ASCII-folded form agree.
#[inline]
pub(super) fn scan(bytes: &[u8], mut out: impl FnMut(usize, u64)) -> Scan {
    let mut h = bytes.len() as u64;
    let mut high = 0;
    let mut joiners = 0;
    let mut capitals = 0;
    let mut step = |at: usize, x: u64| {
        let upper = capital_lanes(x);
        let lower = x | (upper >> 2);
        out(at, lower);
        capitals |= upper;
        high |= x;
        joiners |= zero_byte(x ^ (u64::from(b'\'') * LANES_LO))
            | zero_byte(x ^ (u64::from(b'-') * LANES_LO));
        h = mix(h, lower);
    };
    let (chunks, tail) = bytes.as_chunks::<8>();
    for (k, c) in chunks.iter().enumerate() {
        step(k * 8, u64::from_le_bytes(*c));
    }
    if !tail.is_empty() {
        step(chunks.len() * 8, load_short(tail));
    }
    Scan {
        hash: finish(h),
        ascii: high & LANES_HI == 0,
        joiner: joiners != 0,
        capital: capitals != 0,
    }
}

/// [`scan`]'s hash state after one more folded eight-byte chunk `lower`
/// (the state starts as the string's length).
#[inline]
pub(super) fn mix(h: u64, lower: u64) -> u64 {
    (h.rotate_left(5) ^ lower).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// [`scan`]'s hash from its state after the last chunk.
#[inline]
pub(super) fn finish(h: u64) -> u64 {
    let h = (h ^ (h >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 29)
}

/// The high bit of each byte of `x` that is an ASCII capital: at or above
/// 'A' and not above 'Z'. On seven bits no sum carries into the next byte.
#[inline]
pub(super) fn capital_lanes(x: u64) -> u64 {
    let seven = x & !LANES_HI;
    (seven + 0x3f * LANES_LO) & !(seven + 0x25 * LANES_LO) & !x & LANES_HI
}

/// Whether `bytes` are all ASCII, and whether they hold an ASCII capital:
/// what folding needs of [`scan`], without its hash.
pub(super) fn ascii_and_capital(bytes: &[u8]) -> (bool, bool) {
    let (mut high, mut capitals) = (0, 0);
    let (chunks, tail) = bytes.as_chunks::<8>();
    for c in chunks {
        let x = u64::from_le_bytes(*c);
        high |= x;
        capitals |= capital_lanes(x);
    }
    if !tail.is_empty() {
        let x = load_short(tail);
        high |= x;
        capitals |= capital_lanes(x);
    }
    (high & LANES_HI == 0, capitals != 0)
}

/// The high bit of each zero byte of `v` (and maybe of bytes above one):
/// nonzero exactly when `v` has a zero byte.
pub(super) fn zero_byte(v: u64) -> u64 {
    v.wrapping_sub(LANES_LO) & !v & LANES_HI
}

/// A string of up to seven bytes as one integer (its bytes, its length in
/// the top byte): a key that sets of short words hash and compare at the
/// cost of one integer.
pub(in crate::clean) fn short_key(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    (b.len() < 8).then(|| load_short(b) | (b.len() as u64) << 56)
}

/// Up to seven bytes as a little-endian word, zero above.
pub(super) fn load_short(b: &[u8]) -> u64 {
    let mut x = 0;
    let mut at = 0;
    if let Some(c) = b.first_chunk::<4>() {
        x = u64::from(u32::from_le_bytes(*c));
        at = 4;
    }
    if let Some(c) = b.get(at..).and_then(<[u8]>::first_chunk::<2>) {
        x |= u64::from(u16::from_le_bytes(*c)) << (8 * at);
        at += 2;
    }
    if let Some(&c) = b.get(at) {
        x |= u64::from(c) << (8 * at);
    }
    x
}

/// The first eight bytes of `b` as a little-endian word, zero-padded.
pub(super) fn prefix(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(c) => u64::from_le_bytes(*c),
        None => load_short(b),
    }
}

/// [`scan`]'s hash of `s`.
pub(super) fn hash_str(s: &str) -> u64 {
    scan(s.as_bytes(), |_, _| {}).hash
}

/// A word-blocked Bloom filter over hashes: a hash picks one 64-bit word
/// and four bits in it, so a query is one load and one mask test (the
/// correction passes ask it tens of thousands of times a document).
/// Thirty-two bits per string keep false "maybe"s near one in a thousand.
#[derive(Debug, Clone, Default)]
pub(super) struct Bloom {
    /// A power-of-two number of words.
    pub(super) bits: Vec<u64>,
}

impl Bloom {
    const BITS_PER_ENTRY: usize = 32;

    /// An empty filter with room for `n` strings.
    pub(super) fn with_capacity(n: usize) -> Self {
        let words = (n * Self::BITS_PER_ENTRY).div_ceil(64).next_power_of_two();
        Bloom {
            bits: vec![0; words],
        }
    }

    /// How many strings it holds at its designed rate.
    pub(super) fn capacity(&self) -> usize {
        self.bits.len() * 64 / Self::BITS_PER_ENTRY
    }

    /// The word of hash `h`, from its low bits.
    pub(super) fn word(&self, h: u64) -> usize {
        (h as usize) & (self.bits.len().wrapping_sub(1))
    }

    /// Bit `k` (of four) of hash `h` in its word: six bits each, from bit
    /// 32 up (apart from the bits that place the entry in the hash table).
    pub(super) fn bit(h: u64, k: u32) -> u32 {
        ((h >> (32 + 6 * k)) & 63) as u32
    }

    /// Adds hash `h`; an empty filter (to be rebuilt bigger) ignores it.
    pub(super) fn insert(&mut self, h: u64) {
        if self.bits.is_empty() {
            return;
        }
        let word = self.word(h);
        for k in 0..4 {
            self.bits[word] |= 1 << Self::bit(h, k);
        }
    }

    /// The bits are tested one by one: most words have few bits set, so
    /// the first test mostly answers.
    pub(super) fn may_contain(&self, h: u64) -> bool {
        if self.bits.is_empty() {
            return false;
        }
        let w = self.bits[self.word(h)];
        (0..4).all(|k| w >> Self::bit(h, k) & 1 != 0)
    }
}
