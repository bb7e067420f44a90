//! Lines that are never headings, however they are set: stamps and handling
//! marks, salutations and closings, date lines, page words, speaker labels,
//! names with initials (signatures and addresses), and OCR debris. The words
//! come from the layout vocabulary (`data/structure/layout-en.toml`).

use std::cell::{OnceCell, RefCell};

use rustc_hash::FxHashMap;

use super::layout::Layout;

/// Why a short, isolated, capitalised line is still not a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formula {
    Stamp,
    Salutation,
    Closing,
    Date,
    PageWord,
    Speaker,
    Signature,
    Debris,
}

/// Words of a line, folded, with specks (no letter or digit) dropped: the
/// words joined by single spaces, and each word's range in that string. One
/// string for the whole line: this runs on every line a pass asks about.
/// At most `max` words are gathered.
fn folded_words(trimmed: &str, max: usize) -> (String, Vec<std::ops::Range<usize>>) {
    if trimmed.is_ascii() {
        folded_ascii(trimmed, max)
    } else {
        folded_any(trimmed, max)
    }
}

/// [`folded_words`] of an ASCII line: its bytes, without decoding.
fn folded_ascii(trimmed: &str, max: usize) -> (String, Vec<std::ops::Range<usize>>) {
    let mut joined: Vec<u8> = Vec::with_capacity(trimmed.len());
    let mut ranges = Vec::with_capacity(max.min(16));
    for w in super::lines::split_ws(trimmed) {
        if ranges.len() == max {
            break;
        }
        let mark = joined.len();
        if !joined.is_empty() {
            joined.push(b' ');
        }
        let start = joined.len();
        joined.extend(
            w.bytes()
                .filter(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
                .map(|b| b.to_ascii_lowercase()),
        );
        // The kept bytes are letters, figures, `.` and `-`: a word of
        // only `.` and `-` has no core.
        let word = &joined[start..];
        let lead = word.iter().take_while(|b| matches!(b, b'.' | b'-')).count();
        if lead == word.len() {
            joined.truncate(mark);
            continue;
        }
        let trail = word
            .iter()
            .rev()
            .take_while(|b| matches!(b, b'.' | b'-'))
            .count();
        let len = word.len() - lead - trail;
        joined.copy_within(start + lead..start + lead + len, start);
        joined.truncate(start + len);
        ranges.push(start..joined.len());
    }
    // ASCII bytes: always text.
    (String::from_utf8(joined).unwrap_or_default(), ranges)
}

/// [`folded_words`] of any line.
fn folded_any(trimmed: &str, max: usize) -> (String, Vec<std::ops::Range<usize>>) {
    let mut joined = String::with_capacity(trimmed.len());
    let mut ranges = Vec::with_capacity(max.min(16));
    for w in super::lines::split_ws(trimmed) {
        if ranges.len() == max {
            break;
        }
        // Folded straight into `joined`, then cut to its core (no `.` or
        // `-` at either end), or dropped if that holds no letter or digit.
        let mark = joined.len();
        if !joined.is_empty() {
            joined.push(' ');
        }
        let start = joined.len();
        for c in w.chars() {
            // ASCII, most letters of English print, folds without tables.
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-') {
                    joined.push(c.to_ascii_lowercase());
                }
            } else if c.is_alphanumeric() {
                joined.extend(c.to_lowercase());
            }
        }
        let word = &joined[start..];
        let core = word.trim_matches(['.', '-']);
        if !core.chars().any(char::is_alphanumeric) {
            joined.truncate(mark);
            continue;
        }
        let (lead, len) = (
            word.len() - word.trim_start_matches(['.', '-']).len(),
            core.len(),
        );
        joined.drain(start..start + lead);
        joined.truncate(start + len);
        ranges.push(start..joined.len());
    }
    (joined, ranges)
}

/// A damaged stamp word `b` of stamp word `a`: one edit away in a word of
/// five letters or more (`SEORET`); two edits away from a stamp word of six
/// letters or more when its first two letters stand (`SEGRE!`, `SEUKET`:
/// a typed stamp photocopied many times).
fn near(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    // One edit leaves the first or the last byte in place: a cheap test
    // that spares the edit distance for almost every pair.
    a == b
        || x.len().min(y.len()) >= 5
            && x.len().abs_diff(y.len()) <= 1
            && (x[0] == y[0] || x[x.len() - 1] == y[y.len() - 1])
            && super::lines::within_edits(x, y, 1)
        || x.len() >= 6
            && y.len() >= 5
            && x.len().abs_diff(y.len()) <= 1
            && x[..2] == y[..2]
            && super::lines::within_edits(x, y, 2)
}

/// Is `w` a stamp word or near one (see [`near`])? A word near a stamp
/// word shares its first or its last byte and is as long, give or take
/// one: the lengths of the stamp words by those bytes refuse most words
/// before any is compared.
fn near_stamp_word(w: &str, layout: &Layout) -> bool {
    let b = w.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return layout.stamp_words.iter().any(|s| near(s, w));
    };
    let n = b.len();
    // Lengths n - 1 to n + 1 (63 stands for every longer one).
    let lens = (0b111u64 << n.min(63)) >> 1 | if n + 1 >= 63 { 1 << 63 } else { 0 };
    let fits =
        |table: &[u64], byte: u8| table.get(usize::from(byte)).is_some_and(|m| m & lens != 0);
    if !fits(&layout.stamp_first_lens, first) && !fits(&layout.stamp_last_lens, last) {
        return false;
    }
    layout.stamp_words.iter().any(|s| near(s, w))
}

/// Is the line made of stamps end to end: stamp phrases, stamp words and
/// specks or short words between them (`GROUP 1 SECRET`, `SECRET NO FOREIGN
/// DISSEM`), with at least one phrase among them?
fn covered_by_stamps(words: &[&str], layout: &Layout) -> bool {
    let mut at = 0;
    let mut phrases = 0;
    while at < words.len() {
        if let Some(end) = stamp_phrase_at(words, at, layout) {
            at = end;
            phrases += 1;
            continue;
        }
        // A number outside a phrase numbers something (`PRESS RELEASE
        // No. 14/62` is a title): the line is more than a mark.
        let w = words[at];
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if w.chars().any(|c| c.is_ascii_digit()) || letters >= 3 && !near_stamp_word(w, layout) {
            return false;
        }
        at += 1;
    }
    phrases > 0
}

/// The end of the longest stamp phrase that starts at word `at`. A long
/// mark may run on to the next line: three words of it closing this line
/// are enough.
fn stamp_phrase_at(words: &[&str], at: usize, layout: &Layout) -> Option<usize> {
    if !layout.stamp_phrase_starts.contains(words[at]) {
        return None;
    }
    // Longest first (the layout sorts them so).
    layout.stamp_phrases.iter().find_map(|p| {
        let end = (at + p.len()).min(words.len());
        let whole = end - at == p.len() || end - at >= 3;
        (whole && words[at..end].iter().zip(p).all(|(w, s)| w == s)).then_some(end)
    })
}

/// Words folded before a line counts as long (see [`formula`]): more than
/// any test but the stamp's and the salutation's counts.
const HEAD_WORDS: usize = 6;

/// Do the first folded words of a line rule out a stamp, whatever follows?
/// A word of three letters or more that is no stamp word, with no stamp
/// phrase starting at it or before it: not every word is a stamp word, a
/// cover of stamps stops there at the latest, and the line is no phrase.
fn no_stamp_from(words: &[&str], layout: &Layout) -> bool {
    for w in words {
        if layout.stamp_phrase_starts.contains(*w) {
            return false;
        }
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            return !near_stamp_word(w, layout);
        }
    }
    false
}

/// What [`formula`] reads first: the folded words of a line, or `None`
/// for debris.
struct Head<'a> {
    /// `trimmed` without what follows its last letter, figure, `:` or `,`.
    ends: &'a str,
    joined: String,
    ranges: Vec<std::ops::Range<usize>>,
    /// More than [`HEAD_WORDS`] words and no stamp possible from the first.
    long: bool,
}

impl Head<'_> {
    fn words(&self) -> Vec<&str> {
        self.ranges
            .iter()
            .map(|r| &self.joined[r.clone()])
            .collect()
    }
}

/// The folded head of a line, `None` for debris (see [`formula`]).
fn head<'a>(trimmed: &'a str, layout: &Layout) -> Option<Head<'a>> {
    let (mut printed, mut letters) = (0usize, 0usize);
    if trimmed.is_ascii() {
        // Most lines: bytes, without the Unicode tables (the ASCII
        // whitespace of `char::is_whitespace` is tab to carriage return
        // and space).
        for b in trimmed
            .bytes()
            .filter(|b| !matches!(b, b'\t'..=b'\r' | b' '))
        {
            printed += 1;
            letters += usize::from(b.is_ascii_alphabetic());
        }
    } else {
        for c in trimmed.chars().filter(|c| !c.is_whitespace()) {
            printed += 1;
            letters += usize::from(c.is_alphabetic());
        }
    }
    if printed == 0 || letters * 10 < printed * 6 {
        return None;
    }
    let ends = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ':' && c != ',');
    // A line of prose has many words, and no formula but a stamp or a
    // salutation reads past its first few: the rest is folded only when
    // its first word leaves a stamp possible or it ends as a salutation.
    let (mut joined, mut ranges) = folded_words(trimmed, HEAD_WORDS + 1);
    let mut long = ranges.len() > HEAD_WORDS;
    if long
        && (ends.ends_with([':', ','])
            || !no_stamp_from(
                &ranges
                    .iter()
                    .map(|r| &joined[r.clone()])
                    .collect::<Vec<_>>(),
                layout,
            ))
    {
        (joined, ranges) = folded_words(trimmed, usize::MAX);
        long = false;
    }
    Some(Head {
        ends,
        joined,
        ranges,
        long,
    })
}

/// The tests of [`formula`] before its stamp: a page word, a salutation,
/// a closing.
fn before_stamp(h: &Head, words: &[&str], layout: &Layout) -> Option<Formula> {
    let joined = &h.joined;
    let starts_with = |set: &rustc_hash::FxHashSet<String>| {
        // The first byte before the whole: most entries fail on it.
        let head = joined.as_bytes().first();
        set.iter().any(|p| {
            p.as_bytes().first() == head
                && (joined == p
                    || joined
                        .strip_prefix(p.as_str())
                        .is_some_and(|r| r.starts_with(' ')))
        })
    };
    let first = words.first().copied().unwrap_or("");
    // The first word, or it with a full stop, is a page word (no string
    // made: the set is a handful of words).
    if layout
        .page_words
        .iter()
        .any(|p| p == first || p.strip_suffix('.') == Some(first))
    {
        return Some(Formula::PageWord);
    }
    if starts_with(&layout.salutations) && (h.ends.ends_with([':', ',']) || words.len() <= 4) {
        return Some(Formula::Salutation);
    }
    if starts_with(&layout.closings) && words.len() <= 5 {
        return Some(Formula::Closing);
    }
    None
}

/// Every word a stamp word, or the line stamps end to end.
fn stamped(h: &Head, words: &[&str], layout: &Layout) -> bool {
    let content = || {
        words
            .iter()
            .copied()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
    };
    let stamp_word = |w: &str| near_stamp_word(w, layout);
    !h.long
        && content().next().is_some()
        && (layout.stamps.contains(&h.joined)
            || content().all(stamp_word)
            || covered_by_stamps(words, layout))
}

/// Can the line be a stamp at all? Every cover of stamps (see [`stamped`])
/// holds the line's first folded word of three letters or more as a stamp
/// word, one damaged, or the first such word of a stamp phrase. Read off
/// the bytes of an ASCII line, nothing made: most lines fail here.
fn may_be_stamp(trimmed: &str, layout: &Layout) -> bool {
    if !trimmed.is_ascii() {
        return true;
    }
    let mut buf = [0u8; 64];
    for w in super::lines::split_ws(trimmed) {
        // Folded as `folded_words` folds.
        let mut n = 0;
        for &b in w.as_bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-') {
                if n == buf.len() {
                    return true;
                }
                buf[n] = b.to_ascii_lowercase();
                n += 1;
            }
        }
        let core = trim_marks(&buf[..n]);
        if !core.iter().any(u8::is_ascii_alphanumeric) {
            continue;
        }
        if core.iter().filter(|b| b.is_ascii_alphabetic()).count() < 3 {
            continue;
        }
        let Ok(word) = std::str::from_utf8(core) else {
            return true;
        };
        return layout.stamp_heads.contains(word) || near_stamp_word(word, layout);
    }
    false
}

/// `w` without `.` and `-` at either end.
fn trim_marks(mut w: &[u8]) -> &[u8] {
    while let [b'.' | b'-', rest @ ..] = w {
        w = rest;
    }
    while let [rest @ .., b'.' | b'-'] = w {
        w = rest;
    }
    w
}

/// Is [`formula`] of the line [`Formula::Stamp`]? The stamp's test first:
/// it fails on almost every line, and then the others need not run.
pub fn is_stamp(trimmed: &str, layout: &Layout) -> bool {
    if !may_be_stamp(trimmed, layout) {
        return false;
    }
    let Some(h) = head(trimmed, layout) else {
        return false;
    };
    if h.long {
        return false;
    }
    let words = h.words();
    stamped(&h, &words, layout) && before_stamp(&h, &words, layout).is_none()
}

/// A typist's or a file's reference under a signature: `JAM/ji`,
/// `DCI/OGC/LD/LCCipriani/76124 (2 Dec 96)`.
pub(super) fn typist_reference(t: &str) -> bool {
    if t.split_whitespace().take(6).count() > 5 {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() <= 5
        && words.first().is_some_and(|w| {
            let parts: Vec<&str> = w.split(['/', ':']).collect();
            w.starts_with(|c: char| c.is_ascii_uppercase())
                && parts.len() >= 2
                && parts
                    .iter()
                    .take(2)
                    .all(|p| (1..=12).contains(&p.len()) && p.chars().all(|c| c.is_alphabetic()))
        })
}

/// The formula a line is, if any.
pub fn formula(trimmed: &str, layout: &Layout) -> Option<Formula> {
    let Some(h) = head(trimmed, layout) else {
        return Some(Formula::Debris);
    };
    let words = h.words();
    if let Some(f) = before_stamp(&h, &words, layout) {
        return Some(f);
    }
    // Every word a stamp word, or the line one stamp phrase.
    if stamped(&h, &words, layout) {
        return Some(Formula::Stamp);
    }
    // A date line: a month with a day or a year, and little else (the
    // length first: it rules out most lines for nothing).
    let has_month = || {
        words
            .iter()
            .any(|w| layout.months.contains(w.trim_end_matches(',')))
    };
    let has_number = || {
        words.iter().any(|w| {
            let d = w.bytes().filter(u8::is_ascii_digit).count();
            d != 0 && (d <= 2 || d == 4)
        })
    };
    if words.len() <= 6 && has_month() && has_number() {
        return Some(Formula::Date);
    }
    // A speaker label: `Mr. SMITH.`, `The CHAIRMAN.`, `Senator Cooper:`,
    // `Q.`; the turn may follow on the same line.
    // Six tokens tell every test below (a count over five is a count of six).
    let tokens: Vec<&str> = super::lines::split_ws(trimmed)
        .skip_while(|w| !w.chars().any(char::is_alphanumeric))
        .take(6)
        .collect();
    let bare = |w: &str| {
        w.trim_end_matches(['.', ':', ','])
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let closes = |w: &&str| w.ends_with(['.', ':']);
    let t0 = bare(tokens.first().copied().unwrap_or(""));
    let speaker = if t0 == "the" {
        // `The CHAIRMAN.`, also damaged (`The Cuareman. Yes.`) when a turn follows.
        tokens.get(1).is_some_and(|w| {
            closes(w)
                && (layout.speaker_titles.contains(&bare(w))
                    || tokens.len() >= 3 && w.starts_with(char::is_uppercase))
        })
    } else if t0 == "q" {
        tokens.first().is_some_and(closes)
    } else {
        t0.len() > 1
            && layout.speaker_titles.contains(&t0)
            && tokens.iter().skip(1).take(2).any(closes)
    };
    if speaker {
        return Some(Formula::Speaker);
    }
    // A name with an initial (`David G. Marwell`): a signature or an address.
    // An initial is a capital and its stop, which OCR may read as a comma
    // or double (`JOHN A, McCONE.`, `A.,`).
    let initial = |w: &&str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && {
            let stops = cs.as_str();
            (1..=2).contains(&stops.len()) && stops.bytes().all(|b| b == b'.' || b == b',')
        }
    };
    if tokens.len() <= 5
        && tokens.len() >= 2
        && tokens[..tokens.len() - 1].iter().any(initial)
        && tokens
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && !trimmed.ends_with(':')
    {
        return Some(Formula::Signature);
    }
    None
}

/// Each line's formula for the whole structure pass, worked out at most
/// once per line and once per text: the heading and document passes ask
/// about the same lines, and a file of letters repeats its stamps,
/// dates and closings page after page.
#[derive(Debug, Default)]
pub struct LineFormulas {
    /// By source line, filled when first asked for (most lines never are).
    lines: Vec<OnceCell<Option<Formula>>>,
    /// By trimmed text: a line whose text was seen costs a look-up.
    by_text: RefCell<FxHashMap<Box<str>, Option<Formula>>>,
}

impl LineFormulas {
    /// A memo for a document of `n` lines.
    pub fn new(n: usize) -> Self {
        LineFormulas {
            lines: vec![OnceCell::new(); n],
            by_text: RefCell::default(),
        }
    }

    /// The formula of source line `k`, whose trimmed text is `trimmed`
    /// (see [`formula`]; a blank line is debris).
    pub fn get(&self, k: usize, trimmed: &str, layout: &Layout) -> Option<Formula> {
        *self.lines[k].get_or_init(|| {
            if let Some(&f) = self.by_text.borrow().get(trimmed) {
                return f;
            }
            let f = formula(trimmed, layout);
            self.by_text.borrow_mut().insert(trimmed.into(), f);
            f
        })
    }

    /// Is line `k` a stamp (see [`is_stamp`])? The formula worked out
    /// already when a pass asked for it; else only the stamp's test, not
    /// kept: a pass that looks for stamps asks about every line.
    pub fn is_stamp(&self, k: usize, trimmed: &str, layout: &Layout) -> bool {
        match self.lines[k].get() {
            Some(f) => *f == Some(Formula::Stamp),
            None => is_stamp(trimmed, layout),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::{DEFAULT_LAYOUT, Layout};
    use super::*;

    /// Lines of the corpus, and a few more.
    fn corpus_lines() -> Vec<String> {
        let mut lines: Vec<String> = [
            "SECRET",
            "SEORET",
            "@ SECRET ®",
            "GROUP 1 SECRET",
            "Dear Sir,",
            "Page 2",
            "SECRET - NO FOREIGN DISSEM",
            "FOR IMMEDIATE RELEASE",
            "NO FOREIGN DISSEM,",
            "SECRET SECRET SECRET SECRET SECRET SECRET SECRET SECRET",
            "SECRET SECRET SECRET SECRET SECRET SECRET SECRET the end:",
            "-- . .- A.B. -x- ... U.S.A.",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
        for layout in std::fs::read_dir(corpus).unwrap() {
            let dir = layout.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(dir).unwrap() {
                let p = f.unwrap().path();
                if p.extension().is_some_and(|e| e == "txt") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    lines.extend(text.lines().map(|t| t.trim().to_string()));
                }
            }
        }
        lines
    }

    #[test]
    fn ascii_folding_agrees() {
        let mut ascii = 0;
        for t in corpus_lines().iter().filter(|t| t.is_ascii()) {
            for max in [HEAD_WORDS + 1, usize::MAX] {
                assert_eq!(folded_ascii(t, max), folded_any(t, max), "{t:?}");
            }
            ascii += 1;
        }
        assert!(ascii > 1000);
    }

    #[test]
    fn formulas() {
        let l = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let f = |s: &str| formula(s, &l);
        assert_eq!(f("Dear Mr. Deutch:"), Some(Formula::Salutation));
        assert_eq!(f("Yours faithfully,"), Some(Formula::Closing));
        assert_eq!(f("@ SECRET ®"), Some(Formula::Stamp));
        assert_eq!(f("SEORET"), Some(Formula::Stamp));
        assert_eq!(f("FOR IMMEDIATE RELEASE"), Some(Formula::Stamp));
        assert_eq!(f("16 September 1998"), Some(Formula::Date));
        assert_eq!(f("Page 2"), Some(Formula::PageWord));
        assert_eq!(f("Mr. BELMONT."), Some(Formula::Speaker));
        assert_eq!(f("David G. Marwell"), Some(Formula::Signature));
        assert_eq!(f("JOHN A, McCONE."), Some(Formula::Signature));
        assert_eq!(f("John A., Smith"), Some(Formula::Signature));
        assert_eq!(f("LECTURE I."), None);
        assert_eq!(f("-CL BY: 4 611637 |"), Some(Formula::Debris));
        assert_eq!(f("HOW COULD THE CULT ORIGINATE."), None);
        assert_eq!(f("New Successes;"), None);
        assert_eq!(f("The Whole Truth:"), None);
        assert_eq!(f("The CHAIRMAN. Yes; 1962."), Some(Formula::Speaker));
        assert_eq!(f("Senator Cooper. May I inquire?"), Some(Formula::Speaker));
        assert_eq!(f("The Cuareman. Yes; 1962."), Some(Formula::Speaker));
        assert_eq!(
            f(". Mr. Rowtey. No ;-not at this time."),
            Some(Formula::Speaker)
        );
        assert_eq!(f("Q. Did you see him?"), Some(Formula::Speaker));
        assert_eq!(f("A. JFK Assassination Investigations:"), None);
        assert_eq!(f("THE COMMUNIST WORLD"), None);
        assert_eq!(f("SECRET SERVICE REPORTS"), None);
        assert_eq!(f("GROUP 1 SECRET"), Some(Formula::Stamp));
        assert_eq!(f("SECRET - NO FOREIGN DISSEM"), Some(Formula::Stamp));
        assert_eq!(
            f("REGRADED UNCLASSIFIED WHEN SEPARATED FROM ENCLOSURES"),
            Some(Formula::Stamp)
        );
        assert_eq!(f("THE FOREIGN MINISTERS"), None);
        assert_eq!(f("PRESS RELEASE No. 14/62"), None);
        assert_eq!(f("SEGRE! 1"), Some(Formula::Stamp));
        assert_eq!(f(". SEUKET 23"), Some(Formula::Stamp));
        assert_eq!(f("SACRED HISTORY"), None);
        assert_eq!(f("SELECT COMMITTEE"), None);
        assert_eq!(
            f("WARNING NOTICE - SENSITIVE INTELLIGENCE SOURCES AND"),
            Some(Formula::Stamp)
        );
        assert_eq!(f("WARNING NOTICE - SENSITIVE MATTERS"), None);
    }

    /// The stamp's test alone says what the whole formula says, on every
    /// line of the corpus and on the lines above.
    #[test]
    fn stamp_test_agrees_with_the_formula() {
        let l = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let lines = corpus_lines();
        // The quick refusal of words near no stamp word refuses none that is.
        let mut near_any = 0;
        for w in lines.iter().flat_map(|t| t.split_whitespace()) {
            let w = w.to_lowercase();
            let all = l.stamp_words.iter().any(|s| near(s, &w));
            assert_eq!(near_stamp_word(&w, &l), all, "{w:?}");
            near_any += usize::from(all);
        }
        assert!(near_any > 20, "{near_any} words near a stamp word");
        let mut stamps = 0;
        for t in &lines {
            let whole = formula(t, &l) == Some(Formula::Stamp);
            assert_eq!(is_stamp(t, &l), whole, "{t:?}");
            stamps += usize::from(whole);
        }
        assert!(stamps > 20, "{stamps} stamps");
    }
}
