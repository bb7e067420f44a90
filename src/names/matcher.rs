//! Gazetteer look-up. A form is only a mention where it stands as a word of
//! its own ([`stands_alone`]), so it starts where a word of the text starts,
//! and its first word (the run of letters and digits it opens with; its
//! first character when that is neither) is that word of the text. The
//! forms are indexed by a hash of their first word: the matcher looks each
//! word of the text up once and compares the few forms it finds there. This
//! gives the matches an Aho-Corasick automaton over every form would give,
//! in the same order (by end, the longer first), with nothing to compile
//! but the index: start-up pays a few hundred microseconds, not the
//! automaton's ten milliseconds.

use super::candidate::{Candidate, Fallback, NewEntity, Source, Target};
use super::gazetteer::{FormRole, Gazetteer};
use crate::error::Result;
use crate::model::Certainty;

/// The gazetteer's forms by first word.
#[derive(Debug, Clone)]
pub struct FormMatcher {
    /// An open-addressing table: `(hash of a first word, range of forms)`,
    /// hash 0 for an empty slot; its length is a power of two.
    slots: Vec<(u64, u32, u32)>,
    /// The forms, grouped by the hash of their first word.
    forms: Vec<Keyed>,
    /// A bit for each pair of first two bytes of the forms (every second
    /// byte where the first word is one byte long): a word that starts with
    /// another pair is skipped without hashing.
    starts: Vec<u64>,
}

/// A form as the index holds it: what follows its first word, up to eight
/// bytes, settles most comparisons without reading the form.
#[derive(Debug, Clone, Copy, Default)]
struct Keyed {
    form: u32,
    /// Length of the first word in bytes.
    word_len: u32,
    /// The next eight bytes after the first word (zeros past the form's end),
    /// little-endian, and the mask of those that belong to the form.
    tail: u64,
    tail_mask: u64,
}

impl Keyed {
    fn new(form: u32, text: &str, word_len: usize) -> Self {
        let rest = &text.as_bytes()[word_len..];
        let n = rest.len().min(8);
        Keyed {
            form,
            word_len: word_len as u32,
            tail: eight_bytes(rest),
            tail_mask: if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 },
        }
    }
}

/// Up to eight bytes from the start of `bytes`, zeros past its end.
#[inline]
fn eight_bytes(bytes: &[u8]) -> u64 {
    if let Some(head) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*head);
    }
    let mut buf = [0u8; 8];
    let n = bytes.len().min(8);
    buf[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(buf)
}

impl FormMatcher {
    pub fn new(g: &Gazetteer) -> Result<Self> {
        let mut keyed: Vec<(u64, Keyed)> = Vec::with_capacity(g.forms.len());
        let mut starts = vec![0u64; 1024];
        for (i, f) in g.forms.iter().enumerate() {
            let Some(c) = f.text.chars().next() else {
                continue;
            };
            let (word_len, h) = if c.is_alphanumeric() {
                scan_word(&f.text, 0)
            } else {
                let len = c.len_utf8();
                (len, hash_bytes(&f.text.as_bytes()[..len]))
            };
            let b = f.text.as_bytes();
            if word_len == 1 {
                let row = usize::from(b[0]) * 4;
                starts[row..row + 4].fill(u64::MAX);
            } else {
                let pair = usize::from(b[0]) << 8 | usize::from(b[1]);
                starts[pair / 64] |= 1 << (pair % 64);
            }
            keyed.push((h, Keyed::new(i as u32, &f.text, word_len)));
        }
        // Room for every form's own word: at least one slot stays empty.
        let mut slots = vec![(0, 0, 0); (keyed.len() + 1).next_power_of_two().max(16)];
        let mask = slots.len() - 1;
        let slot_of_form: Vec<usize> = keyed
            .iter()
            .map(|&(h, _)| {
                let mut k = slot_of(h, mask);
                while slots[k].0 != h && slots[k].0 != 0 {
                    k = (k + 1) & mask;
                }
                slots[k].0 = h;
                slots[k].2 += 1;
                k
            })
            .collect();
        // Ranges by slot; a word's forms keep the gazetteer's order.
        let mut lo = 0;
        for slot in &mut slots {
            let n = slot.2;
            *slot = (slot.0, lo, lo);
            lo += n;
        }
        let mut forms = vec![Keyed::default(); keyed.len()];
        for (&(_, k), &s) in keyed.iter().zip(&slot_of_form) {
            forms[slots[s].2 as usize] = k;
            slots[s].2 += 1;
        }
        Ok(FormMatcher {
            slots,
            forms,
            starts,
        })
    }

    /// Every gazetteer form in `text` that stands as a word of its own.
    pub fn find(&self, g: &Gazetteer, text: &str) -> Vec<Candidate> {
        let all_caps = !text.chars().any(|c| c.is_lowercase());
        let mut out = Vec::new();
        for (start, end, f) in self.hits(g, text) {
            let form = &g.forms[f as usize];
            if !stands_alone(text, start, end) {
                continue;
            }
            // In a block set in capitals, two-letter abbreviations are words (`US`).
            if all_caps
                && !form.text.contains('.')
                && form.text.chars().filter(|c| c.is_alphabetic()).count() <= 2
            {
                continue;
            }
            if let Some(c) = candidate(g, &form.targets, &form.text, start, end) {
                out.push(c);
            }
        }
        out
    }

    /// True if a form starts with the byte `b0`, then `b1`.
    #[inline]
    fn may_start(&self, b0: u8, b1: u8) -> bool {
        let pair = usize::from(b0) << 8 | usize::from(b1);
        self.starts[pair / 64] & (1 << (pair % 64)) != 0
    }

    /// The forms whose first word hashes to `h`.
    fn forms_of(&self, h: u64) -> &[Keyed] {
        let mask = self.slots.len() - 1;
        let mut k = slot_of(h, mask);
        loop {
            let (sh, lo, hi) = self.slots[k];
            if sh == h {
                return &self.forms[lo as usize..hi as usize];
            }
            if sh == 0 {
                return &[];
            }
            k = (k + 1) & mask;
        }
    }

    /// Every form (start, end, index) that starts where a word starts, in
    /// the order an automaton reports them: by end, the longer first.
    fn hits(&self, g: &Gazetteer, text: &str) -> Vec<(usize, usize, u32)> {
        let bytes = text.as_bytes();
        let mut hits: Vec<(usize, usize, u32)> = Vec::new();
        let mut look_up = |h: u64, start: usize, end: usize| {
            let word_len = (end - start) as u32;
            let tail = eight_bytes(&bytes[end..]);
            for k in self.forms_of(h) {
                if k.word_len != word_len || tail & k.tail_mask != k.tail {
                    continue;
                }
                let form = g.forms[k.form as usize].text.as_bytes();
                if bytes[start..].starts_with(form) {
                    hits.push((start, start + form.len(), k.form));
                }
            }
        };
        let mut at = 0;
        let mut after_word = false;
        while let Some(&b) = bytes.get(at) {
            let (alnum, len) = if b < 0x80 {
                (ASCII_ALNUM[usize::from(b)], 1)
            } else {
                let c = text[at..].chars().next().unwrap_or_default();
                (c.is_alphanumeric(), c.len_utf8())
            };
            // A word or another character no form starts with.
            if !self.may_start(b, bytes.get(at + 1).copied().unwrap_or(0)) {
                at = if alnum { word_end(text, at) } else { at + len };
                after_word = alnum;
                continue;
            }
            if alnum {
                // A word starts here (the loop steps over whole words).
                let (end, h) = scan_word(text, at);
                look_up(h, at, end);
                at = end;
                after_word = true;
                continue;
            }
            if !after_word {
                look_up(hash_bytes(&bytes[at..at + len]), at, at + len);
            }
            after_word = false;
            at += len;
        }
        // An automaton reports matches where they end, the longest first.
        hits.sort_unstable_by_key(|&(start, end, _)| (end, start));
        hits
    }
}

/// ASCII letters and digits by byte.
static ASCII_ALNUM: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// One byte into a word's hash (the Fx hash's step). A finished hash has
/// its low bit set (`| 1`): 0 marks an empty slot.
#[inline]
fn hash_step(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |h, &b| hash_step(h, b)) | 1
}

#[inline]
fn slot_of(h: u64, mask: usize) -> usize {
    (h >> 40) as usize & mask
}

/// The end of the word (run of letters and digits) at byte `at` of `text`,
/// and its hash.
#[inline]
fn scan_word(text: &str, mut at: usize) -> (usize, u64) {
    let bytes = text.as_bytes();
    let mut h = 0;
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 {
            if !ASCII_ALNUM[usize::from(b)] {
                break;
            }
            h = hash_step(h, b);
            at += 1;
        } else {
            let c = text[at..].chars().next().unwrap_or_default();
            if !c.is_alphanumeric() {
                break;
            }
            let end = at + c.len_utf8();
            h = bytes[at..end].iter().fold(h, |h, &x| hash_step(h, x));
            at = end;
        }
    }
    (at, h | 1)
}

/// The end of the word at byte `at` of `text`.
fn word_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 {
            if !ASCII_ALNUM[usize::from(b)] {
                break;
            }
            at += 1;
        } else {
            match text[at..].chars().next() {
                Some(c) if c.is_alphanumeric() => at += c.len_utf8(),
                _ => break,
            }
        }
    }
    at
}

/// The candidate a form's targets make.
fn candidate(
    g: &Gazetteer,
    targets: &[(usize, FormRole)],
    text: &str,
    start: usize,
    end: usize,
) -> Option<Candidate> {
    let of_role = |want: FormRole| targets.iter().filter(move |t| t.1 == want).map(|t| t.0);
    let has = |want: FormRole| targets.iter().any(|t| t.1 == want);
    let bare = FormRole::Surname { bare: true };
    let weak = FormRole::Surname { bare: false };
    let (target, surname) = if has(FormRole::Full) {
        let mut full = of_role(FormRole::Full);
        let first = full.next()?;
        match full.next() {
            None => (Target::Entry(first), false),
            Some(second) => {
                let mut entries = vec![first, second];
                entries.extend(full);
                let fallback = Fallback::First;
                (Target::OneOf { entries, fallback }, false)
            }
        }
    } else if has(FormRole::Short) {
        let entries: Vec<usize> = of_role(FormRole::Short).collect();
        let kind = g.entries[entries[0]].kind;
        let fallback = Fallback::New(NewEntity::new(kind, text, Certainty::Low));
        (Target::OneOf { entries, fallback }, false)
    } else if has(bare) {
        let entries = of_role(bare).chain(of_role(weak)).collect();
        let fallback = Fallback::First;
        (Target::OneOf { entries, fallback }, true)
    } else if has(weak) {
        let entries = of_role(weak).collect();
        let fallback = Fallback::Drop;
        (Target::OneOf { entries, fallback }, true)
    } else {
        return None;
    };
    let kind = match &target {
        Target::Entry(e) => g.entries[*e].kind,
        Target::OneOf { entries, .. } => g.entries[entries[0]].kind,
        Target::New(n) => n.kind,
    };
    Some(Candidate {
        start,
        end,
        kind,
        target,
        source: if surname {
            Source::Surname
        } else {
            Source::Gazetteer
        },
        inner: Vec::new(),
    })
}

/// True when `text[start..end]` is not part of a longer word or abbreviation,
/// and not the tail of a prefixed adjective (`anti-Soviet`).
pub fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = text[end..].chars();
    let (a1, a2) = (after.next(), after.next());
    if b1.is_some_and(char::is_alphanumeric) || a1.is_some_and(char::is_alphanumeric) {
        return false;
    }
    // Inside a dotted abbreviation: `U.S.` in `U.S.S.R.`.
    if b1 == Some('.') && b2.is_some_and(char::is_uppercase) {
        return false;
    }
    if a1 == Some('.') && a2.is_some_and(|c| c.is_alphanumeric()) && !text[..end].ends_with('.') {
        return false;
    }
    // A reference code, not a name: `CIA-9`, `U-2`.
    if a1 == Some('-') && a2.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    // `anti-Comintern`: a prefix in small letters makes an adjective; a
    // capitalised one (`Berlin-Rome`) joins two names.
    if b1 == Some('-') {
        let word_start = text[..start - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .last();
        if word_start.is_some_and(|c| c.is_lowercase()) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let t = "the U.S.S.R. and Marxism-Leninism, anti-Soviet, Stalin's";
        let at = |s: &str| t.find(s).unwrap();
        assert!(stands_alone(t, at("U.S.S.R."), at("U.S.S.R.") + 8));
        assert!(!stands_alone(t, at("U.S.S.R."), at("U.S.S.R.") + 4)); // "U.S."
        assert!(!stands_alone(t, at("Lenin"), at("Lenin") + 5));
        assert!(!stands_alone(t, at("Soviet"), at("Soviet") + 6));
        assert!(stands_alone(t, at("Stalin"), at("Stalin") + 6));
        let t = "requests CIA-9 and CIA-11 of the CIA-era";
        assert!(!stands_alone(t, 9, 12));
        assert!(stands_alone(t, t.len() - 7, t.len() - 4));
    }

    #[test]
    fn finds_longest_and_shortest_forms() {
        let g = Gazetteer::embedded().unwrap();
        let m = FormMatcher::new(&g).unwrap();
        let t = "the Communist Party of the Soviet Union and the U.S.A.";
        let found: Vec<&str> = m.find(&g, t).iter().map(|c| &t[c.start..c.end]).collect();
        assert!(
            found.contains(&"Communist Party of the Soviet Union"),
            "{found:?}"
        );
        assert!(found.contains(&"Soviet Union"), "{found:?}");
        assert!(found.contains(&"U.S.A."), "{found:?}");
    }

    #[test]
    fn headings_in_capitals_do_not_match_two_letter_words() {
        let g = Gazetteer::embedded().unwrap();
        let m = FormMatcher::new(&g).unwrap();
        assert!(m.find(&g, "WHAT IT MEANS FOR US").is_empty());
    }

    /// The word index finds what an Aho-Corasick automaton over every form
    /// finds, in the same order, on the seed and the development corpus.
    #[test]
    fn same_matches_as_an_automaton_over_every_form() {
        use aho_corasick::{AhoCorasickBuilder, MatchKind};
        let g = Gazetteer::embedded().unwrap();
        let m = FormMatcher::new(&g).unwrap();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(g.forms.iter().map(|f| f.text.as_str()))
            .unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = vec![root.join("data/seed/cult-of-the-individual-1956.txt")];
        for layout in ["book", "minutes", "release", "report", "transcript"] {
            for e in std::fs::read_dir(root.join("tests/corpus").join(layout)).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "txt") {
                    texts.push(p);
                }
            }
        }
        let mut compared = 0;
        for p in texts {
            let text = std::fs::read_to_string(&p).unwrap();
            // Blocks as the pass sees them, and capitals (headings).
            let upper = text.to_uppercase();
            let blocks = text.split("\n\n").chain(upper.split("\n\n").take(200));
            for block in blocks {
                let want: Vec<(usize, usize, usize)> = ac
                    .find_overlapping_iter(block)
                    .map(|h| (h.start(), h.end(), h.pattern().as_usize()))
                    .collect();
                let got = m
                    .hits(&g, block)
                    .into_iter()
                    .map(|(s, e, f)| (s, e, f as usize));
                let want: Vec<_> = want
                    .into_iter()
                    .filter(|&(s, e, _)| stands_alone(block, s, e))
                    .collect();
                let got: Vec<_> = got.filter(|&(s, e, _)| stands_alone(block, s, e)).collect();
                assert_eq!(got, want, "{}: {block:?}", p.display());
                compared += got.len();
            }
        }
        assert!(compared > 5_000, "{compared}");
    }
}
