//! Line-end joins: a word cut at the end of a line (`un` / `derstanding`,
//! `pro-` / `letariat`) is joined in the reading text and marked
//! `lb break="no"`; a real compound (`Marxism-` / `Leninism`) keeps its hyphen.
//!
//! The decision weighs a lexicon, the document's own vocabulary and the
//! document's habit at line ends: when most lines end with a space, a line
//! that does not is evidence of a cut word.

use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::cell::OnceCell;

use super::lexicon::{Words, fold_cow};
use super::tokens::{is_letter, is_letter_or_digit};
use super::vocabulary::Vocabulary;
use crate::model::{Block, Inline};

/// What to do at one line end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JoinDecision {
    /// Two words: the line end is a space.
    Apart,
    /// One word; any dash at the line end stays in the reading text.
    Join,
    /// One word; the printed hyphen is dropped from the reading text.
    JoinDroppingHyphen,
}

/// What the join decision needs to know about the document.
pub(crate) struct JoinContext<'a> {
    pub(crate) lexicon: &'a Words<'a>,
    pub(crate) vocabulary: &'a Vocabulary,
    /// Hashed with Fx: asked at every line end.
    pub(crate) function_words: &'a FxHashSet<&'a str>,
    /// Most text lines of the document end with whitespace.
    pub(crate) lines_end_with_space: bool,
}

/// The end of one line and the beginning of the next.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineEnd<'a> {
    /// The line's text without trailing whitespace.
    pub(crate) left: &'a str,
    /// The line had whitespace after its last character.
    pub(crate) trailing_space: bool,
    /// The next line's text as printed (leading whitespace included).
    pub(crate) right: &'a str,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{00ad}' | '¬')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–')
}

/// Decides one line end.
pub(crate) fn decide(end: LineEnd<'_>, ctx: &JoinContext<'_>) -> JoinDecision {
    use JoinDecision::*;
    let Some(last_token) = last_word(end.left) else {
        return Apart;
    };
    // The next line must start with a letter at once (no indent, no quote).
    let right_len = leading_letters(end.right);
    let right_part = end.right[..right_len].trim_end_matches(['\'', '’']);
    let Some(right_first) = right_part.chars().next() else {
        return Apart;
    };
    let right_lower = right_first.is_lowercase();
    let mut stem = last_token;
    let mut mark: Option<char> = None;
    if let Some(c) = stem.chars().last()
        && (is_hyphen(c) || is_dash(c))
    {
        mark = Some(c);
        stem = &stem[..stem.len() - c.len_utf8()];
    }
    // The cut part must end with a letter and be made of letters (and inner hyphens).
    let stem = skip_to_alphanumeric(stem);
    if !is_cut_part(stem) {
        return Apart;
    }
    let left_part = if stem.is_ascii() {
        let b = stem.as_bytes();
        b.iter()
            .rposition(|&c| c == b'-')
            .map_or(stem, |i| &stem[i + 1..])
    } else {
        stem.rsplit(is_hyphen).next().unwrap_or(stem)
    };
    let lex = ctx.lexicon;
    let voc = ctx.vocabulary;
    // Evidence, looked up only when a rule needs it, each joined form made
    // once. Without an inner hyphen the stem is the left part: the full
    // forms are the same and not looked up again.
    let whole = stem.len() == left_part.len();
    let joined = OnceCell::new();
    let joined = || {
        joined
            .get_or_init(|| Folded::cat(&[left_part, right_part]))
            .as_str()
    };
    let joined_in_doc = || {
        voc.count(joined()) > 0
            || (!whole && voc.count(Folded::cat(&[stem, right_part]).as_str()) > 0)
    };
    let joined_known = || joined_in_doc() || lex.is_word(joined());
    let hyphenated_known = || {
        let h = Folded::cat(&[left_part, "-", right_part]);
        voc.count(h.as_str()) > 0
            || (!whole && voc.count(Folded::cat(&[stem, "-", right_part]).as_str()) > 0)
            || lex.contains_folded(h.as_str())
    };
    let left_word = || lex.is_word(left_part);
    let right_word = || lex.is_word(right_part);

    if let Some(m) = mark {
        if is_dash(m) {
            // A dash set close to a word at a line end, the next word at the
            // margin: a compound printed with a dash (`Marxist—` / `Leninist`).
            return if !end.trailing_space && left_word() && right_word() {
                Join
            } else {
                Apart
            };
        }
        return if hyphenated_known() {
            Join
        } else if right_lower && joined_known() {
            JoinDroppingHyphen
        } else if left_word() && right_word() {
            Join
        } else if right_lower {
            JoinDroppingHyphen
        } else {
            Join
        };
    }

    if !right_lower {
        return Apart;
    }
    // In a document whose lines end with a space, a line that does not is the
    // mark of a cut word, and one that does is the mark of a word boundary.
    let spaced = ctx.lines_end_with_space;
    if spaced && end.trailing_space {
        return if !left_word() && !right_word() && joined_known() {
            Join
        } else {
            Apart
        };
    }
    let fw = |w: &str| ctx.function_words.contains(fold_cow(w).as_ref());
    if fw(left_part) && fw(right_part) {
        return Apart;
    }
    let cut_mark = spaced && !end.trailing_space;
    let (lw, rw) = (left_word(), right_word());
    if lw && rw {
        let evidence = if cut_mark {
            joined_known()
        } else {
            joined_in_doc() && lex.is_word(joined())
        };
        return if evidence { Join } else { Apart };
    }
    if cut_mark || joined_known() {
        return Join;
    }
    if !lw && !rw {
        // Two fragments: neither can stand alone.
        return Join;
    }
    Apart
}

/// The last whitespace-separated word of `s`, as `split_whitespace` has it:
/// found from the end a byte at a time while the bytes are ASCII (the
/// usual case), else by that iterator.
fn last_word(s: &str) -> Option<&str> {
    // The ASCII characters `char::is_whitespace` accepts.
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 && space(b[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && !space(b[start - 1]) {
        if !b[start - 1].is_ascii() {
            return s.split_whitespace().last();
        }
        start -= 1;
    }
    (start < end).then(|| &s[start..end])
}

/// The byte length of the letters and apostrophes `s` begins with. Lines
/// are mostly ASCII: a byte at a time while they are, by characters from
/// the first other one.
fn leading_letters(s: &str) -> usize {
    let b = s.as_bytes();
    let ascii = b
        .iter()
        .position(|&c| !(c.is_ascii_alphabetic() || c == b'\''))
        .unwrap_or(b.len());
    if b.get(ascii).is_none_or(u8::is_ascii) {
        return ascii;
    }
    ascii
        + s[ascii..]
            .char_indices()
            .take_while(|(_, c)| is_letter(*c) || *c == '\'' || *c == '’')
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8())
}

/// `s` from its first letter or digit on (empty if none).
fn skip_to_alphanumeric(s: &str) -> &str {
    let b = s.as_bytes();
    match b
        .iter()
        .position(|c| c.is_ascii_alphanumeric() || !c.is_ascii())
    {
        Some(i) if b[i].is_ascii() => &s[i..],
        Some(i) => s[i..].trim_start_matches(|c: char| !is_letter_or_digit(c)),
        None => "",
    }
}

/// Letters and hyphens ending with a letter: the part of a word a line
/// can end with (bytes for ASCII, the usual case, else characters).
fn is_cut_part(stem: &str) -> bool {
    if stem.is_ascii() {
        let b = stem.as_bytes();
        return b.last().is_some_and(u8::is_ascii_alphabetic)
            && b.iter().all(|&c| c.is_ascii_alphabetic() || c == b'-');
    }
    stem.chars().last().is_some_and(is_letter) && stem.chars().all(|c| is_letter(c) || is_hyphen(c))
}

/// A folded concatenation of parts: on the stack when short and ASCII
/// (the usual join), else as [`fold_cow`] makes it of the whole.
enum Folded {
    Short([u8; 32], usize),
    Long(String),
}

impl Folded {
    fn cat(parts: &[&str]) -> Self {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let mut buf = [0u8; 32];
        if len <= buf.len() && parts.iter().all(|p| p.is_ascii()) {
            let mut at = 0;
            for p in parts {
                buf[at..at + p.len()].copy_from_slice(p.as_bytes());
                at += p.len();
            }
            // Folding ASCII is lowering it, part by part as well as whole.
            buf[..len].make_ascii_lowercase();
            return Folded::Short(buf, len);
        }
        let mut w = String::with_capacity(len);
        parts.iter().for_each(|p| w.push_str(p));
        // Other characters fold as a whole (a final sigma depends on what follows).
        let lowered = match fold_cow(&w) {
            Cow::Owned(o) => Some(o),
            Cow::Borrowed(_) => None,
        };
        Folded::Long(lowered.unwrap_or(w))
    }

    fn as_str(&self) -> &str {
        match self {
            // ASCII bytes are always UTF-8.
            Folded::Short(buf, len) => std::str::from_utf8(&buf[..*len]).unwrap_or_default(),
            Folded::Long(s) => s,
        }
    }
}

/// Counts of what dehyphenation did in one block.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct JoinCounts {
    pub(crate) joins: usize,
    pub(crate) hyphens_removed: usize,
    /// The joined words as the reading text has them.
    pub(crate) words: Vec<String>,
}

/// The word a join makes: the last token of `left` (its hyphen dropped or
/// not) and the first token of `right`.
fn joined_word(left: &str, right: &str, drop_hyphen: bool) -> String {
    let mut w = left.split_whitespace().last().unwrap_or("").to_string();
    if drop_hyphen {
        w.pop();
    }
    w.push_str(right.split_whitespace().next().unwrap_or(""));
    w
}

/// The text node of a source line (its `LineStart` at `start`, the next
/// line's at `end`), if the line is plain text (not one with control
/// characters); otherwise whether a reader sees nothing on it as text
/// (blank, or a page number): such a line may stand between two halves of
/// a word.
fn line_text(content: &[Inline], start: usize, end: usize) -> Result<usize, bool> {
    let body = &content[start + 1..end];
    match body.first() {
        Some(Inline::Text(t))
            if !t.trim().is_empty()
                && body[1..].iter().all(|n| matches!(n, Inline::PageBreak(_))) =>
        {
            Ok(start + 1)
        }
        _ => Err(body.iter().all(|n| match n {
            Inline::Text(s) => s.trim().is_empty(),
            Inline::Furniture(_) | Inline::PageBreak(_) => true,
            _ => false,
        })),
    }
}

/// Joins the words cut at line ends in one block.
pub(crate) fn dehyphenate_block(block: &mut Block, ctx: &JoinContext<'_>) -> JoinCounts {
    let mut counts = JoinCounts::default();
    let content = &block.content;
    // A block of one line (a heading, a verse line) has no line end to join.
    let lines = content
        .iter()
        .filter(|n| matches!(n, Inline::LineStart { .. }))
        .take(2)
        .count();
    if lines < 2 {
        return counts;
    }
    // (text node of the first half, text node of the second, drop hyphen)
    let mut joins: Vec<(usize, usize, bool)> = Vec::new();
    // The text node of the last line of text, while only lines a reader
    // sees as empty follow it: the first half of a word the next line of
    // text may end.
    let mut first_half: Option<usize> = None;
    let mut line = |start: usize, end: usize| match line_text(content, start, end) {
        Ok(b_text) => {
            if let Some(a_text) = first_half
                && let (Inline::Text(a), Inline::Text(b)) = (&content[a_text], &content[b_text])
            {
                let left = a.trim_end();
                let end = LineEnd {
                    left,
                    trailing_space: left.len() < a.len(),
                    right: b,
                };
                let d = decide(end, ctx);
                if d != JoinDecision::Apart {
                    let drop = d == JoinDecision::JoinDroppingHyphen;
                    counts.words.push(joined_word(left, b, drop));
                    joins.push((a_text, b_text, drop));
                }
            }
            first_half = Some(b_text);
        }
        Err(filler) => {
            if !filler {
                first_half = None;
            }
        }
    };
    // One pass: a line ends where the next begins.
    let mut open: Option<usize> = None;
    for (i, n) in content.iter().enumerate() {
        if matches!(n, Inline::LineStart { .. }) {
            if let Some(s) = open {
                line(s, i);
            }
            open = Some(i);
        }
    }
    if let Some(s) = open {
        line(s, content.len());
    }
    // Text nodes split where a hyphen is dropped, by index; applied in one
    // pass at the end (a splice per join was quadratic in a block's joins).
    let mut splits: Vec<(usize, Vec<Inline>)> = Vec::new();
    for (a_text, b_text, drop_hyphen) in joins.into_iter().rev() {
        // Every line start between the halves: the second half's and those
        // of the empty lines between.
        for n in &mut block.content[a_text + 1..b_text] {
            if let Inline::LineStart { joins_word, .. } = n {
                *joins_word = true;
            }
        }
        counts.joins += 1;
        if drop_hyphen && let Inline::Text(a) = &block.content[a_text] {
            let left = a.trim_end();
            let trailing = a[left.len()..].to_string();
            let Some(h) = left.chars().last() else {
                continue;
            };
            let before = left[..left.len() - h.len_utf8()].to_string();
            let mut nodes = vec![Inline::Text(before), Inline::PrintedHyphen(h.to_string())];
            if !trailing.is_empty() {
                nodes.push(Inline::Text(trailing));
            }
            splits.push((a_text, nodes));
            counts.hyphens_removed += 1;
        }
    }
    if !splits.is_empty() {
        splits.reverse();
        let mut splits = splits.into_iter().peekable();
        let old = std::mem::take(&mut block.content);
        let mut content = Vec::with_capacity(old.len() + 2 * splits.len());
        for (i, n) in old.into_iter().enumerate() {
            match splits.next_if(|(at, _)| *at == i) {
                Some((_, nodes)) => content.extend(nodes),
                None => content.push(n),
            }
        }
        block.content = content;
    }
    counts
}

/// Share of non-blank lines that end with whitespace is at least one half.
pub(crate) fn lines_end_with_space<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut spaced, mut total) = (0usize, 0usize);
    for l in lines {
        // Most lines end with a visible ASCII character: not blank, not spaced.
        if l.as_bytes().last().is_some_and(|b| b.is_ascii_graphic()) {
            total += 1;
            continue;
        }
        if l.trim().is_empty() {
            continue;
        }
        total += 1;
        if l.ends_with(char::is_whitespace) {
            spaced += 1;
        }
    }
    total > 0 && spaced * 2 >= total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::lexicon::Lexicon;
    use crate::model::{BlockKind, reading_text};

    fn ctx_parts() -> (Lexicon, Vocabulary, FxHashSet<&'static str>) {
        let lex = Lexicon::from_words(
            "understanding\nfull\nof\nthe\nfriend\nship\nfriendship\ninto\nin\nto\nmarxism\nleninism\nproletariat\npro\nour\nenemies\nmarxist\nleninist\nstand\nunder\nunderstand\nwing\nright\n",
        );
        let voc = Vocabulary::from_texts(["Marxism-Leninism is right-wing"]);
        let fw: FxHashSet<&str> = ["of", "the", "in", "to", "into"].into_iter().collect();
        (lex, voc, fw)
    }

    fn d(left: &str, right: &str, spaced_doc: bool) -> JoinDecision {
        let (lex, voc, fw) = ctx_parts();
        let words = Words::new(&lex);
        let ctx = JoinContext {
            lexicon: &words,
            vocabulary: &voc,
            function_words: &fw,
            lines_end_with_space: spaced_doc,
        };
        let l = left.trim_end();
        decide(
            LineEnd {
                left: l,
                trailing_space: l.len() < left.len(),
                right,
            },
            &ctx,
        )
    }

    #[test]
    fn cut_words_join() {
        use JoinDecision::*;
        assert_eq!(d("full un", "derstanding of", true), Join);
        assert_eq!(d("full un", "derstanding of", false), Join);
        assert_eq!(d("and Friend", "ship with", true), Join);
        assert_eq!(d("the pro-", "letariat, they", true), JoinDroppingHyphen);
        assert_eq!(d("great ideas of Marxism- ", "Leninism, to", true), Join);
        assert_eq!(d("the right- ", "wing opportunists", true), Join);
        assert_eq!(d("a Marxist—", "Leninist policy", true), Join);
    }

    #[test]
    fn word_pairs_stay_apart() {
        use JoinDecision::*;
        assert_eq!(d("the cult of ", "the individual", true), Apart);
        assert_eq!(d("the cult of", "the individual", false), Apart);
        assert_eq!(d("came in", "to the room", false), Apart);
        assert_eq!(d("came in", "to the room", true), Apart);
        assert_eq!(d("of our", "enemies can", true), Apart);
        assert_eq!(d("the U.S.S.R. —", "how to", true), Apart);
        assert_eq!(d("of the", " delegations", true), Apart);
        assert_eq!(d("the Party", "Congress", true), Apart);
        // Two words that form a word, without evidence from the document.
        assert_eq!(d("under", "stand it", false), Apart);
        assert_eq!(d("under", "stand it", true), Join);
    }

    #[test]
    fn join_across_a_page_seam_marks_every_line_start() {
        let (lex, voc, fw) = ctx_parts();
        let words = Words::new(&lex);
        let ctx = JoinContext {
            lexicon: &words,
            vocabulary: &voc,
            function_words: &fw,
            lines_end_with_space: true,
        };
        let mut b = Block::new(BlockKind::Paragraph, "p");
        b.content = vec![
            Inline::LineStart {
                line: 1,
                joins_word: false,
            },
            Inline::Text("of the international pro-".into()),
            Inline::LineStart {
                line: 2,
                joins_word: false,
            },
            Inline::LineStart {
                line: 3,
                joins_word: false,
            },
            Inline::Furniture(Box::new(crate::model::Furniture {
                kind: crate::model::FwKind::PageNum,
                text: "-  19 -".into(),
                label: None,
                repaired: false,
            })),
            Inline::PageBreak(crate::model::PageBreak {
                n: Some("19".into()),
                inferred: false,
            }),
            Inline::LineStart {
                line: 4,
                joins_word: false,
            },
            Inline::Text("letariat, they ".into()),
        ];
        let before = crate::model::diplomatic_text(&b.content);
        let c = dehyphenate_block(&mut b, &ctx);
        assert_eq!(
            c,
            JoinCounts {
                joins: 1,
                hyphens_removed: 1,
                words: vec!["proletariat,".to_string()],
            }
        );
        assert_eq!(crate::model::diplomatic_text(&b.content), before);
        assert_eq!(
            reading_text(&b.content),
            "of the international proletariat, they"
        );
        let joined: Vec<bool> = b
            .content
            .iter()
            .filter_map(|n| match n {
                Inline::LineStart { joins_word, .. } => Some(*joins_word),
                _ => None,
            })
            .collect();
        assert_eq!(joined, vec![false, true, true, true]);
    }

    #[test]
    fn scans_agree_with_the_character_functions() {
        let samples = [
            "",
            " ",
            "a",
            "ab cd",
            "ab cd  ",
            "  x",
            "é",
            "naïve word",
            "word naïve",
            "a\u{a0}b",
            "a\u{2003}b ",
            "x\u{b}y",
            "it's",
            "’tis so",
            "don’t",
            "--ab",
            "¬ab",
            "ab-",
            "a-b",
            "Ünter",
            "a—b",
            "12ab",
            ".,;",
            "'x",
            "\u{2010}x",
        ];
        for s in samples {
            assert_eq!(last_word(s), s.split_whitespace().last(), "{s:?}");
            let by_chars = s
                .char_indices()
                .take_while(|(_, c)| c.is_alphabetic() || *c == '\'' || *c == '’')
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            assert_eq!(leading_letters(s), by_chars, "{s:?}");
            assert_eq!(
                skip_to_alphanumeric(s),
                s.trim_start_matches(|c: char| !c.is_alphanumeric()),
                "{s:?}"
            );
            let cut = !s.is_empty()
                && s.chars().last().is_some_and(char::is_alphabetic)
                && s.chars().all(|c| c.is_alphabetic() || is_hyphen(c));
            assert_eq!(is_cut_part(s), cut, "{s:?}");
        }
    }

    #[test]
    fn line_end_habit() {
        assert!(lines_end_with_space(["a ", "b ", "", "c"]));
        assert!(!lines_end_with_space(["a", "b", "c "]));
    }
}
