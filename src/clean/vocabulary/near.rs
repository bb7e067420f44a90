//! The indexes that find the forms of a vocabulary near a token: one edit
//! away (deletion neighbourhoods by length), two edits away for long forms
//! (three pieces, one left untouched), with the hashes they use.

use super::*;

/// The indexes that find the forms near a token, built on first use over
/// some of a vocabulary's forms.
#[derive(Debug, Clone, Default)]
pub(super) struct NearIndexes {
    pub(super) forms: OnceLock<NearForms>,
}

/// Each form in one of two indexes, by its length: both are built in one
/// pass over the forms (nearly every document asks both).
#[derive(Debug, Clone, Default)]
pub(super) struct NearForms {
    /// The shorter forms under their two halves, for
    /// [`NearIndexes::one_edit_from`].
    pub(super) halves: Halves,
    /// The longer forms under three pieces, for
    /// [`NearIndexes::near_long_forms`] and [`NearIndexes::one_edit_from`]
    /// (a form is indexed once: the pieces serve both).
    pub(super) long: LongForms,
}

impl NearForms {
    pub(super) fn build(forms: &Interner, keep: Option<&[bool]>) -> Self {
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

/// The forms of at least [`LONG_FORM`] characters, indexed for
/// [`Vocabulary::near_long_forms`]. A form is cut into three pieces (by
/// characters); a word within two edits of it leaves one piece untouched,
/// found in the query within two places of where it stands in the form:
/// the pieces are hashed with the form's length and their number. The
/// letter signatures of the forms so found sort out most of them.
#[derive(Debug, Clone, Default)]
pub(super) struct LongForms {
    /// Piece hash → index into the arrays below.
    pub(super) pieces: HashChains,
    pub(super) signatures: Vec<u64>,
    pub(super) ids: Vec<u32>,
}

impl LongForms {
    pub(super) fn with_capacity(n: usize) -> Self {
        LongForms {
            pieces: HashChains::with_capacity(3 * n),
            signatures: Vec::with_capacity(n),
            ids: Vec::with_capacity(n),
        }
    }

    /// Adds form `id`, `w` of `m` characters.
    pub(super) fn add(&mut self, id: u32, w: &str, offsets: &CharOffsets, m: usize) {
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
    pub(super) fn one_edit(
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
pub(super) struct CharOffsets(Option<Vec<usize>>);

impl CharOffsets {
    pub(super) fn new(w: &str) -> Self {
        Self::with_count(w, char_count(w))
    }

    /// For `w` of `m` characters (ASCII when as many as its bytes).
    pub(super) fn with_count(w: &str, m: usize) -> Self {
        CharOffsets(
            (m != w.len()).then(|| w.char_indices().map(|(i, _)| i).chain([w.len()]).collect()),
        )
    }

    /// Characters of `w`, the string they were made for.
    pub(super) fn count(&self, w: &str) -> usize {
        self.0.as_ref().map_or(w.len(), |o| o.len() - 1)
    }

    /// The `len` characters of `w` from character `from`.
    pub(super) fn slice<'w>(&self, w: &'w str, from: usize, len: usize) -> &'w [u8] {
        match &self.0 {
            None => &w.as_bytes()[from..from + len],
            Some(o) => &w.as_bytes()[o[from]..o[from + len]],
        }
    }
}

/// Characters of `w` (bytes, when ASCII: most forms, checked fast).
pub(super) fn char_count(w: &str) -> usize {
    if w.is_ascii() {
        w.len()
    } else {
        w.chars().count()
    }
}

/// Start and length of the three pieces of an `m`-letter form.
pub(super) fn pieces(m: usize) -> [(usize, usize); 3] {
    let (a, b) = (m / 3, 2 * m / 3);
    [(0, a), (a, b - a), (b, m - b)]
}

/// Where the untouched piece `k` of a form can stand in a query `grown`
/// characters longer, relative to where it stands in the form: moved by
/// the inserts less the deletes before it, `d`, with `|d| + |grown - d| <= 2`.
/// An insert before the whole form counts as an edit of its first piece,
/// one after it of its last: so the first piece, untouched, has no edit
/// before it and the last none after it.
pub(super) fn piece_shifts(k: usize, grown: isize) -> std::ops::RangeInclusive<isize> {
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
pub(super) fn piece_hash(m: usize, k: usize, piece: &[u8]) -> u64 {
    poly(piece) ^ ((m as u64) << 2 | k as u64).wrapping_mul(0xd6e8_feb8_6659_fd93)
}

/// Forms this long are searched for two-edit candidates.
pub(crate) const LONG_FORM: usize = 7;

/// Ids under 64-bit hashes, in chained buckets (entries are only pushed:
/// no table to grow, nothing to move). Only the low half of a mixed hash is
/// kept (the high bits pick the bucket): hashes may collide, and callers
/// check what they find.
#[derive(Debug, Clone, Default)]
pub(super) struct HashChains {
    /// Bucket → its last entry + 1 (0: empty).
    pub(super) heads: Vec<u32>,
    pub(super) entries: Vec<ChainEntry>,
    /// `64 - log2(number of buckets)`.
    pub(super) shift: u32,
}

/// One id under a key, and the entry before it in the bucket + 1 (0: none).
#[derive(Debug, Clone, Copy)]
pub(super) struct ChainEntry {
    pub(super) key: u32,
    pub(super) id: u32,
    pub(super) next: u32,
}

impl HashChains {
    /// Room for `most` entries, about two a bucket.
    pub(super) fn with_capacity(most: usize) -> Self {
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

    pub(super) fn insert(&mut self, h: u64, id: u32) {
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
    pub(super) fn get(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
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
pub(super) struct Halves {
    /// Half hash → index into the arrays below.
    pub(super) halves: HashChains,
    /// [`letter_set`] of each form.
    pub(super) letters: Vec<u64>,
    pub(super) ids: Vec<u32>,
}

impl Halves {
    pub(super) fn with_capacity(n: usize) -> Self {
        Halves {
            halves: HashChains::with_capacity(2 * n),
            letters: Vec::with_capacity(n),
            ids: Vec::with_capacity(n),
        }
    }

    /// Adds form `id`, `w` of `m` characters.
    pub(super) fn add(&mut self, id: u32, w: &str, offsets: &CharOffsets, m: usize) {
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
    pub(super) fn sharing_a_half(
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
pub(super) fn half_hash(m: usize, k: usize, poly: u64) -> u64 {
    poly ^ ((m as u64) << 1 | k as u64).wrapping_mul(0x8cb9_2ba7_2f3d_8dd7)
}

/// Characters counted in 32 cells by the low five bits of their first
/// byte (`a`..`z` apart, the rest sharing cells with them): bit `k` set
/// when cell `k` is not empty, bit `32 + k` when it holds two or more. An
/// edit changes at most two counts by one, each flipping at most one bit:
/// the signatures of strings `d` edits apart differ in `2d` bits at most.
pub(super) fn letter_signature(w: &str) -> u64 {
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
pub(super) fn at_most_bits(x: u64, k: u32) -> bool {
    (0..k).fold(x, |x, _| x & x.wrapping_sub(1)) == 0
}

/// The characters a string holds, one bit each (by the low six bits of an
/// ASCII byte, of the first byte of another character): cheaper than
/// [`letter_signature`], and enough to sort out most forms that share a
/// half with a query. One edit removes a character and adds one at most,
/// so flips at most two bits.
pub(super) fn letter_set(w: &str) -> u64 {
    let add = |set: u64, b: u8| set | 1 << (b & 63);
    if w.is_ascii() {
        return w.bytes().fold(0, add);
    }
    // UTF-8 continuation bytes belong to the character before.
    w.bytes().filter(|b| b & 0xc0 != 0x80).fold(0, add)
}

/// Base of the polynomial hash of [`poly`].
pub(super) const POLY: u64 = 0x2545_f491_4f6c_dd1d;

/// Polynomial hash of bytes, `Σ b[j]·POLY^(n-1-j)`.
pub(super) fn poly(bytes: &[u8]) -> u64 {
    poly_from(0, bytes)
}

/// [`poly`] of a string that starts with one hashed `h` and goes on with
/// `bytes`.
pub(super) fn poly_from(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| h.wrapping_mul(POLY).wrapping_add(u64::from(b)))
}

/// Spreads the low bits of a polynomial hash (the last byte only reaches
/// them) to the high bits that pick a bucket.
pub(super) fn mix(h: u64) -> u64 {
    (h ^ (h >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl NearIndexes {
    /// Forms of at least [`LONG_FORM`] characters that may be within two
    /// edits of `folded` (every one that is, and some that are not): a
    /// cheap filter before an edit-distance check.
    pub(super) fn near_long_forms<'v>(
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
    pub(super) fn one_edit_from<'v>(
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
