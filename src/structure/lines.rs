//! Line classification and the typographic features that layout decisions use.

use std::collections::HashSet;

/// What a source line is, before any grouping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineClass {
    /// Empty, or only spaces and tabs.
    Blank,
    /// Page furniture: a page label, a running head or footer (set by the
    /// structure pass once it has found them; `classify` never says so).
    Furniture,
    /// No letters or digits: OCR specks (`•`, `■ ••`).
    Noise,
    /// Anything else.
    Text,
}

/// A line's class and the features the heading and seam detectors look at.
#[derive(Debug, Clone)]
pub struct LineInfo {
    pub class: LineClass,
    /// Leading spaces (tabs count as one).
    pub indent: usize,
    /// The text trimmed of surrounding whitespace.
    pub trimmed: String,
    /// Characters in `trimmed`.
    pub len: usize,
}

/// True for a line that holds nothing but spaces and tabs.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c == ' ' || c == '\t')
}

/// Classifies one line.
pub fn classify(text: &str) -> LineInfo {
    let indent = text.chars().take_while(|c| *c == ' ' || *c == '\t').count();
    // Trim only what a printed line can start or end with invisibly; other
    // controls (a form feed, say) are content and must not vanish here.
    let is_pad = |c: char| matches!(c, ' ' | '\t' | '\r' | '\u{feff}');
    let trimmed = text.trim_matches(is_pad).to_string();
    let len = trimmed.chars().count();
    let class = if is_blank(text) {
        LineClass::Blank
    } else if !trimmed.chars().any(char::is_alphanumeric) {
        LineClass::Noise
    } else {
        LineClass::Text
    };
    LineInfo {
        class,
        indent,
        trimmed,
        len,
    }
}

/// The words of `s` exactly as [`str::split_whitespace`] splits them
/// (Unicode white space), with ASCII bytes tested without decoding: about
/// a fifth of its instructions on a printed line.
pub fn split_ws(s: &str) -> SplitWs<'_> {
    SplitWs { s, pos: 0 }
}

/// The iterator of [`split_ws`].
#[derive(Debug, Clone)]
pub struct SplitWs<'a> {
    s: &'a str,
    pos: usize,
}

/// Is the character at byte `i` of `s` (a character boundary) white
/// space, and how many bytes is it? ASCII bytes are tested in the loops of
/// [`SplitWs::next`]; this decodes the others.
#[cold]
#[inline(never)]
fn white_at(s: &str, i: usize) -> (bool, usize) {
    match s[i..].chars().next() {
        Some(c) => (c.is_whitespace(), c.len_utf8()),
        None => (false, 1),
    }
}

/// `char::is_whitespace` in ASCII: tab to carriage return, space.
#[inline]
fn ascii_white(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

impl<'a> Iterator for SplitWs<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let (s, n) = (self.s, self.s.len());
        let bytes = s.as_bytes();
        let mut i = self.pos;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if !ascii_white(b) {
                    break;
                }
                i += 1;
            } else {
                let (white, w) = white_at(s, i);
                if !white {
                    break;
                }
                i += w;
            }
        }
        if i >= n {
            self.pos = n;
            return None;
        }
        let start = i;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if ascii_white(b) {
                    break;
                }
                i += 1;
            } else {
                let (white, w) = white_at(s, i);
                if white {
                    break;
                }
                i += w;
            }
        }
        self.pos = i;
        Some(&s[start..i])
    }
}

/// Does `s` hold `n` words or more (as [`split_ws`] splits them)? An
/// ASCII line is read byte by byte, stopping at the `n`-th word.
pub fn has_words(s: &str, n: usize) -> bool {
    if !s.is_ascii() {
        return split_ws(s).take(n).count() >= n;
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let white = ascii_white(b);
        if !white && !in_word {
            words += 1;
            if words >= n {
                return true;
            }
        }
        in_word = !white;
    }
    words >= n
}

/// Words of a line with letter-spaced runs (`N e w`) closed up.
pub fn words(trimmed: &str) -> Vec<String> {
    let raw: Vec<&str> = trimmed.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let single = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
        if single(raw[i]) {
            let mut j = i;
            while j < raw.len() && single(raw[j]) {
                j += 1;
            }
            if j - i >= 3 {
                out.push(raw[i..j].concat());
                i = j;
                continue;
            }
        }
        out.push(raw[i].to_string());
        i += 1;
    }
    out
}

/// Share of letters that are upper case (0 when there are no letters).
pub fn upper_ratio(s: &str) -> f64 {
    let (mut upper, mut letters) = (0usize, 0usize);
    if s.is_ascii() {
        // Most lines: bytes, without the Unicode tables.
        for b in s.bytes().filter(u8::is_ascii_alphabetic) {
            letters += 1;
            upper += usize::from(b.is_ascii_uppercase());
        }
    } else {
        for c in s.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    if letters == 0 {
        0.0
    } else {
        upper as f64 / letters as f64
    }
}

/// Does `s` hold a sign that no heading or title prints (`^`, `£`, `{`,
/// `*`, `\\`, `+`): OCR debris. Letters, figures, spaces, punctuation,
/// quotes, brackets, dashes, `&`, `/`, `#`, `§` and `_` are a title's.
pub fn has_odd_sign(s: &str) -> bool {
    s.chars().any(|c| {
        !(c.is_alphanumeric() || c.is_whitespace() || ".,;:!?'’‘\"“”()[]-–—&/#§_".contains(c))
    })
}

/// Number of letters in `s`.
pub fn letter_count(s: &str) -> usize {
    if s.is_ascii() {
        s.bytes().filter(u8::is_ascii_alphabetic).count()
    } else {
        s.chars().filter(|c| c.is_alphabetic()).count()
    }
}

/// Share of content words (not function words, at least two letters, not
/// starting with a digit) that begin with a capital. `None` with no such word.
pub fn title_case_ratio(words: &[String], function_words: &HashSet<String>) -> Option<f64> {
    let mut capital = 0usize;
    let mut counted = 0usize;
    for w in words {
        let core: String = w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        if core.chars().next().is_none_or(|c| c.is_ascii_digit()) {
            continue;
        }
        if letter_count(&core) < 2 {
            continue;
        }
        let first = core.chars().next().unwrap_or(' ');
        if function_words.contains(&core.to_lowercase()) && !first.is_uppercase() {
            continue;
        }
        counted += 1;
        if first.is_uppercase() {
            capital += 1;
        }
    }
    (counted > 0).then(|| capital as f64 / counted as f64)
}

/// True when the line closes a sentence or a clause a heading could follow.
pub fn ends_sentence(trimmed: &str) -> bool {
    let t = trimmed.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') || c.is_whitespace()
    });
    t.ends_with(['.', '!', '?', ';', ':'])
}

/// True when the line starts like a continuation: its first word begins in lower case.
pub fn starts_lowercase(trimmed: &str) -> bool {
    trimmed
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

/// Is the edit distance of `a` and `b` at most `limit`? (banded Levenshtein)
pub fn within_edits(a: &[u8], b: &[u8], limit: usize) -> bool {
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    if a.is_empty() || b.is_empty() {
        // The distance is the other's length, within the limit (above).
        return true;
    }
    // One edit (a damaged stamp word against the stamps): the first
    // difference decides, in one walk.
    if limit <= 1 {
        return within_one(a, b, limit);
    }
    // Counted letters first, for the long keys of running heads: an edit
    // changes the count of at most one byte value each way, so the
    // distance is at least the larger of what `a` has over `b` and what
    // `b` has over `a`. Most pairs of different lines fail here.
    if a.len() + b.len() > 32 {
        let mut counts = [0i32; 256];
        for &x in a {
            counts[x as usize] += 1;
        }
        for &x in b {
            counts[x as usize] -= 1;
        }
        let (mut over, mut under) = (0i32, 0i32);
        for c in counts {
            if c > 0 {
                over += c;
            } else {
                under -= c;
            }
        }
        if over.max(under) as usize > limit {
            return false;
        }
    }
    // A pattern of up to 64 bytes goes bit-parallel: one word of state per
    // byte of the other, whatever the limit (a third of a running head's
    // key makes the band below wide).
    let (p, t) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if p.len() <= 64 {
        return bit_parallel_within(p, t, limit);
    }
    // Only the band of cells within `limit` of the diagonal is computed: a
    // path of at most `limit` edits never leaves it. Cells outside hold
    // `limit + 1` (more than the limit), as does any value above it.
    let over = limit + 1;
    // Rows on the stack for the short words this is asked about.
    const STACK: usize = 64;
    let (mut prev_heap, mut cur_heap);
    let (mut prev_stack, mut cur_stack) = ([0usize; STACK], [0usize; STACK]);
    let (mut prev, mut cur): (&mut [usize], &mut [usize]) = if b.len() < STACK {
        (&mut prev_stack[..=b.len()], &mut cur_stack[..=b.len()])
    } else {
        prev_heap = vec![0; b.len() + 1];
        cur_heap = vec![0; b.len() + 1];
        (&mut prev_heap, &mut cur_heap)
    };
    for (j, p) in prev.iter_mut().enumerate() {
        *p = j.min(over);
    }
    for i in 1..=a.len() {
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(b.len());
        cur[lo - 1] = if lo == 1 { i.min(over) } else { over };
        let mut row_min = cur[lo - 1];
        let x = a[i - 1];
        for j in lo..=hi {
            let cost = usize::from(x != b[j - 1]);
            let v = (prev[j - 1] + cost)
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(over);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if hi < b.len() {
            cur[hi + 1] = over;
        }
        if row_min > limit {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= limit
}

/// [`within_edits`] for a limit of 0 or 1: past the first difference,
/// the rest must agree after one substitution, insertion or deletion.
fn within_one(a: &[u8], b: &[u8], limit: usize) -> bool {
    if limit == 0 || a.len() == b.len() && a == b {
        return a == b;
    }
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let i = s.iter().zip(l).take_while(|(x, y)| x == y).count();
    if s.len() == l.len() {
        s[i + 1..] == l[i + 1..]
    } else {
        s[i..] == l[i + 1..]
    }
}

/// Is the edit distance of pattern `p` (1 to 64 bytes) and text `t` at
/// most `limit`? Myers' bit-vector algorithm (Hyyrö's form for the whole
/// of both): the last row of the table is tracked one column at a time,
/// its vertical differences held as bits; the walk stops once the rest of
/// `t` cannot bring the distance back within the limit.
fn bit_parallel_within(p: &[u8], t: &[u8], limit: usize) -> bool {
    let mut peq = [0u64; 256];
    for (i, &c) in p.iter().enumerate() {
        peq[c as usize] |= 1u64 << i;
    }
    let high = 1u64 << (p.len() - 1);
    let (mut pv, mut mv) = (u64::MAX, 0u64);
    let mut score = p.len();
    for (j, &c) in t.iter().enumerate() {
        let eq = peq[c as usize];
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let ph = mv | !(xh | pv);
        let mh = pv & xh;
        if ph & high != 0 {
            score += 1;
        } else if mh & high != 0 {
            score -= 1;
        }
        // Each column drops the distance by at most one.
        if score > limit + (t.len() - j - 1) {
            return false;
        }
        // The top row of the table counts up by one a column.
        let ph = (ph << 1) | 1;
        let mh = mh << 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
    }
    score <= limit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_ws_is_split_whitespace() {
        let cases = [
            "",
            " ",
            "one",
            "  two  words ",
            "a\tb\nc\u{b}d\u{c}e\rf",
            "\u{1c}x\u{1f}y",
            "non\u{a0}breaking\u{85}next\u{2009}thin\u{3000}ideo\u{202f}\u{205f}\u{1680}end",
            "Å  ß—é …  «quoted» \u{feff}bom",
            "\u{2028}\u{2029}\u{200b}zero-width\u{200a}",
        ];
        for c in cases {
            let ours: Vec<&str> = split_ws(c).collect();
            let std: Vec<&str> = c.split_whitespace().collect();
            assert_eq!(ours, std, "{c:?}");
        }
        // Every character up to U+3000 between two letters.
        for u in 0..=0x3000u32 {
            let Some(ch) = char::from_u32(u) else {
                continue;
            };
            let c = format!("a{ch}b {ch}");
            let ours: Vec<&str> = split_ws(&c).collect();
            let std: Vec<&str> = c.split_whitespace().collect();
            assert_eq!(ours, std, "U+{u:04X}");
        }
    }

    /// The full table, for checking the banded one.
    fn distance(a: &[u8], b: &[u8]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                cur[j] = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn banded_edits_agree_with_the_full_table() {
        // Every pair of words up to five letters over a three-letter
        // alphabet, and a few long ones, at every limit up to four.
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=5 {
            for n in 0..3usize.pow(len) {
                let mut w = Vec::new();
                let mut k = n;
                for _ in 0..len {
                    w.push(b"abc"[k % 3]);
                    k /= 3;
                }
                words.push(w);
            }
        }
        for a in words.iter().step_by(3) {
            for b in &words {
                for limit in 0..=4 {
                    assert_eq!(within_edits(a, b, limit), distance(a, b) <= limit);
                }
            }
        }
        let long = b"declassified by the central intelligence agency on the date of".repeat(2);
        let mut damaged = long.clone();
        damaged[3] = b'x';
        damaged.remove(70);
        damaged.insert(100, b'q');
        let mut rotated = long.clone();
        rotated.rotate_left(7);
        let other = b"central intelligence agency declassified on the date of by the".repeat(2);
        for b in [&damaged, &rotated, &other, &long[..120].to_vec()] {
            for limit in [0, 1, 2, 3, 5, 14, 25] {
                assert_eq!(within_edits(&long, b, limit), distance(&long, b) <= limit);
            }
        }
        // Either side of the 64 bytes that go bit-parallel.
        for n in 60..=68 {
            for m in [n - 9, n - 1, n, n + 2] {
                let (x, y) = (&long[..n], &damaged[..m]);
                for limit in [0, 1, 2, 3, 8, 20, 40] {
                    assert_eq!(within_edits(x, y, limit), distance(x, y) <= limit);
                    assert_eq!(
                        within_edits(y, &rotated[..n], limit),
                        distance(y, &rotated[..n]) <= limit
                    );
                }
            }
        }
    }

    #[test]
    fn word_counts() {
        for s in [
            "",
            " ",
            "a",
            " a b ",
            "one two three",
            "x\u{a0}y z",
            "\ta\n\u{b}b c d",
        ] {
            for n in 0..6 {
                assert_eq!(
                    has_words(s, n),
                    s.split_whitespace().count() >= n,
                    "{s:?} {n}"
                );
            }
        }
    }

    #[test]
    fn classes() {
        assert_eq!(classify("   ").class, LineClass::Blank);
        assert_eq!(classify("•").class, LineClass::Noise);
        assert_eq!(classify(" Word").indent, 1);
    }

    #[test]
    fn letter_spacing_is_closed_up() {
        assert_eq!(words("N e w  Conditions"), vec!["New", "Conditions"]);
        assert_eq!(words("a b"), vec!["a", "b"]);
    }

    #[test]
    fn title_case() {
        let fw: HashSet<String> = ["of", "the"].iter().map(|s| s.to_string()).collect();
        let r = title_case_ratio(&words("The Role of the Individual in History:"), &fw);
        assert!(r.unwrap() > 0.7);
        let r = title_case_ratio(&words("the cult of the individual was"), &fw);
        assert!(r.unwrap() < 0.2);
    }
}
