//! Tokens of a line of OCR text: where they are, and their punctuation and core.

/// A whitespace-separated token of a text node, by byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: &'a str,
}

/// Calls `f(start, end)` for each whitespace-separated token of `s`, by
/// byte range (Unicode whitespace, as [`char::is_whitespace`]). The text is
/// read 64 bytes at a time: per block, a bit mask of its whitespace; a token
/// starts at a clear bit after a set one and ends at the next set bit, so
/// each token costs two bit scans.
pub(crate) fn for_each_token(s: &str, mut f: impl FnMut(usize, usize)) {
    // The start of a token that runs on into the next block.
    let mut open: Option<usize> = None;
    for (n, block) in s.as_bytes().chunks(64).enumerate() {
        let base = 64 * n;
        let space = space_mask(s, base, block);
        let word = !space;
        // Bit k: byte k - 1 is in a token (bit 0: the previous block ended in one).
        let after_word = (word << 1) | u64::from(open.is_some());
        let mut starts = word & !after_word;
        let mut ends = space & after_word;
        if let Some(start) = open.take() {
            if ends == 0 {
                open = Some(start);
                continue;
            }
            f(start, base + ends.trailing_zeros() as usize);
            ends &= ends - 1;
        }
        while starts != 0 {
            let start = base + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            if ends == 0 {
                open = Some(start);
                break;
            }
            f(start, base + ends.trailing_zeros() as usize);
            ends &= ends - 1;
        }
    }
    if let Some(start) = open {
        f(start, s.len());
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x80 * ONES;

/// Bit k set when byte k of `block` (up to 64 bytes of `s` from `base`) is
/// whitespace, or lies past its end. Its ASCII bytes are tested eight at a
/// time; a block with other bytes (one in six of a text with curly quotes)
/// has its characters beyond ASCII decoded.
fn space_mask(s: &str, base: usize, block: &[u8]) -> u64 {
    let (chunks, rest) = block.as_chunks::<8>();
    let (mut mask, mut high) = (0, 0);
    for (k, c) in chunks.iter().enumerate() {
        let x = u64::from_le_bytes(*c);
        high |= x & HIGH;
        mask |= space_bits(x) << (8 * k);
    }
    let at = 8 * chunks.len();
    for (k, &byte) in rest.iter().enumerate() {
        high |= u64::from(byte & 0x80);
        mask |= u64::from(is_ascii_space(byte)) << (at + k);
    }
    if high != 0 {
        mask |= wide_spaces(s, base, block);
    }
    if block.len() < 64 {
        mask |= u64::MAX << block.len();
    }
    mask
}

/// Bit k set when byte k of eight (little-endian) is ASCII whitespace
/// (`' '`, or `\t` to `\r`). Each byte is tested in its own lane: with its
/// high bit cleared first, adding at most 0x7f never carries into the
/// next; a byte with its high bit set is never flagged.
fn space_bits(x: u64) -> u64 {
    const LOW: u64 = 0x7f * ONES;
    let y = x & !HIGH;
    // A byte of `y ^ ' '` is zero (its high bit stays clear plus 0x7f) at a space.
    let t = y ^ (0x20 * ONES);
    let space = !((t + LOW) | t);
    // Bytes 0x09 to 0x0d: at least 0x09, and not at least 0x0e.
    let control = (y + (0x80 - 0x09) * ONES) & !(y + (0x80 - 0x0e) * ONES);
    // One bit per byte (bit 8k to bit k), gathered by one multiply.
    let flags = ((space | control) & HIGH & !x) >> 7;
    flags.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Bit k set when byte k of `block` (bytes of `s` from `base`) belongs to a
/// whitespace character beyond ASCII (no-break space, the spaces of
/// General Punctuation, ...). Kept out of line: most blocks are ASCII.
#[inline(never)]
fn wide_spaces(s: &str, base: usize, block: &[u8]) -> u64 {
    let is_continuation = |b: u8| b & 0xc0 == 0x80;
    let mut mask = 0;
    // Bytes of a character begun in the previous block.
    let carried = block.iter().take_while(|&&b| is_continuation(b)).count();
    if carried > 0 {
        let begin = (base.saturating_sub(3)..base)
            .rev()
            .find(|&i| s.is_char_boundary(i))
            .unwrap_or(0);
        if s[begin..].chars().next().is_some_and(char::is_whitespace) {
            mask |= (1 << carried) - 1;
        }
    }
    // The other bytes beyond ASCII, one bit each: lead bytes are decoded,
    // the continuation bytes after them skipped.
    let (chunks, rest) = block.as_chunks::<8>();
    let mut high = 0u64;
    for (k, c) in chunks.iter().enumerate() {
        let flags = (u64::from_le_bytes(*c) & HIGH) >> 7;
        high |= (flags.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    for (k, &byte) in rest.iter().enumerate() {
        high |= u64::from(byte >> 7) << (8 * chunks.len() + k);
    }
    high &= u64::MAX.checked_shl(carried as u32).unwrap_or(0);
    while high != 0 {
        let k = high.trailing_zeros() as usize;
        let Some(c) = s[base + k..].chars().next() else {
            break;
        };
        // Bits past the block fall off the end of the masks.
        let bits = ((1u64 << c.len_utf8()) - 1) << k;
        if c.is_whitespace() {
            mask |= bits;
        }
        high &= !bits;
    }
    mask
}

/// The whitespace of [`char::is_whitespace`] among ASCII bytes.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// General Punctuation (U+2000 to U+206F): the curly quotes, apostrophes
/// and dashes of printed text. No letter or digit is among them, but
/// [`char::is_alphabetic`] looks them up in its tables (hundreds of
/// instructions each); [`is_letter`], [`is_capital`] and
/// [`is_letter_or_digit`] answer at once.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// [`char::is_alphabetic`], quick for punctuation.
pub(crate) fn is_letter(c: char) -> bool {
    !is_general_punctuation(c) && c.is_alphabetic()
}

/// [`char::is_uppercase`], quick for punctuation.
pub(crate) fn is_capital(c: char) -> bool {
    !is_general_punctuation(c) && c.is_uppercase()
}

/// [`char::is_alphanumeric`], quick for punctuation.
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    !is_general_punctuation(c) && c.is_alphanumeric()
}

/// A token split into leading punctuation, a core that begins and ends with
/// a letter or digit, and trailing punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anatomy<'a> {
    pub(crate) lead: &'a str,
    pub(crate) core: &'a str,
    pub(crate) trail: &'a str,
}

/// Splits a token. A closing bracket with no opening one stays in the core
/// (`stil]` is a damaged `l`, not punctuation).
pub(crate) fn anatomy(token: &str) -> Anatomy<'_> {
    // Most tokens begin and end with an ASCII letter or digit: all core.
    let b = token.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
    {
        return Anatomy {
            lead: "",
            core: token,
            trail: "",
        };
    }
    let (start, end) = if token.is_ascii() {
        core_by_bytes(token.as_bytes())
    } else {
        core_by_chars(token)
    };
    let mut end = end;
    if token[end..].starts_with(']') && !token.contains('[') && end > start {
        end += 1;
    }
    Anatomy {
        lead: &token[..start],
        core: &token[start..end],
        trail: &token[end..],
    }
}

/// Start and end of the core of an ASCII token: bytes are characters, read
/// without decoding (the common case).
fn core_by_bytes(b: &[u8]) -> (usize, usize) {
    let start = b
        .iter()
        .position(u8::is_ascii_alphanumeric)
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .map_or(start, |i| i + 1)
        .max(start);
    (start, end)
}

/// Start and end of the core a character at a time (any script).
fn core_by_chars(token: &str) -> (usize, usize) {
    let start = token
        .char_indices()
        .find(|&(_, c)| is_letter_or_digit(c))
        .map(|(i, _)| i)
        .unwrap_or(token.len());
    let end = token
        .char_indices()
        .rev()
        .find(|&(_, c)| is_letter_or_digit(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(start)
        .max(start);
    (start, end)
}

/// What a token's first analysis needs of an ASCII token (see
/// [`ascii_token`]): its [`Anatomy`] as byte lengths and its core's
/// letters and capitals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AsciiToken {
    pub(crate) lead: usize,
    pub(crate) core: usize,
    /// The core is a plain word ([`is_plain_word`]).
    pub(crate) plain: bool,
    pub(crate) letters: u32,
    pub(crate) capitals: u32,
    /// The token ends a sentence ([`ends_sentence`]).
    pub(crate) ends_sentence: bool,
}

/// [`anatomy`], [`is_plain_word`] of the core, its letter and capital
/// counts and [`ends_sentence`] of an ASCII token, read as bytes: most new
/// tokens of a document are ASCII, and the general functions decode
/// characters and walk the token once each.
pub(crate) fn ascii_token(b: &[u8]) -> AsciiToken {
    let (start, mut end) = core_by_bytes(b);
    // A closing bracket with no opening one stays in the core (see `anatomy`).
    if end > start && b.get(end) == Some(&b']') && !b.contains(&b'[') {
        end += 1;
    }
    let (plain, letters, capitals) = ascii_core_stats(&b[start..end]);
    AsciiToken {
        lead: start,
        core: end - start,
        plain,
        letters,
        capitals,
        ends_sentence: ends_sentence_ascii(b),
    }
}

/// Whether an ASCII core is a plain word ([`is_plain_word`]), and its
/// letters and capitals, in one pass over its bytes.
#[inline]
pub(crate) fn ascii_core_stats(core: &[u8]) -> (bool, u32, u32) {
    let (mut letters, mut capitals) = (0u32, 0u32);
    // Plain: a letter first and last, a hyphen or apostrophe only after a letter.
    let (mut plain, mut after_letter) = (true, false);
    for &c in core {
        if c.is_ascii_alphabetic() {
            letters += 1;
            capitals += u32::from(c.is_ascii_uppercase());
            after_letter = true;
        } else {
            plain &= after_letter && matches!(c, b'-' | b'\'');
            after_letter = false;
        }
    }
    (plain && after_letter, letters, capitals)
}

/// [`ends_sentence`] of an ASCII token, by bytes.
fn ends_sentence_ascii(b: &[u8]) -> bool {
    if b.last()
        .is_none_or(|&c| c.is_ascii_alphanumeric() || c == b',' || c == b';')
    {
        return false;
    }
    let closing = b
        .iter()
        .rposition(|c| !matches!(c, b'"' | b'\'' | b')' | b']'))
        .map_or(0, |i| i + 1);
    let t = &b[..closing];
    if !t
        .last()
        .is_some_and(|c| matches!(c, b'.' | b'!' | b'?' | b':'))
    {
        return false;
    }
    // Initials (`P.`, `J.V.`): at most three parts, each one capital letter.
    let opening = t
        .iter()
        .position(|c| !matches!(c, b'(' | b'"' | b'\''))
        .unwrap_or(t.len());
    let body = &t[opening..];
    let initials = body.last() == Some(&b'.') && {
        let dots = body.iter().rposition(|&c| c != b'.').map_or(0, |i| i + 1);
        let mut parts = body[..dots].split(|&c| c == b'.');
        let capitals = parts
            .by_ref()
            .take(3)
            .all(|p| matches!(p, [c] if c.is_ascii_uppercase()));
        capitals && parts.next().is_none()
    };
    !initials
}

/// True when the core is letters only, with hyphens or apostrophes between letters.
pub(crate) fn is_plain_word(core: &str) -> bool {
    if core.is_ascii() {
        let b = core.as_bytes();
        // A letter first and last; a joiner only after a letter.
        return b.first().is_some_and(u8::is_ascii_alphabetic)
            && b.last().is_some_and(u8::is_ascii_alphabetic)
            && b.windows(2).all(|w| {
                w[1].is_ascii_alphabetic()
                    || (matches!(w[1], b'-' | b'\'') && w[0].is_ascii_alphabetic())
            });
    }
    plain_by_chars(core)
}

/// [`is_plain_word`] a character at a time (any script).
fn plain_by_chars(core: &str) -> bool {
    let mut prev: Option<char> = None;
    let mut prev_was_joiner = false;
    for c in core.chars() {
        if is_letter(c) {
            prev_was_joiner = false;
        } else if matches!(c, '-' | '\'' | '’') && prev.is_some_and(is_letter) {
            prev_was_joiner = true;
        } else {
            return false;
        }
        prev = Some(c);
    }
    prev.is_some() && !prev_was_joiner
}

/// Counts of upper-case letters, letters and digits.
pub(crate) fn letter_stats(s: &str) -> (usize, usize, usize) {
    let (mut upper, mut letters, mut digits) = (0, 0, 0);
    for c in s.chars() {
        if is_letter(c) {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        } else if c.is_ascii_digit() {
            digits += 1;
        }
    }
    (upper, letters, digits)
}

/// Gives `word` the case pattern of `model`: capitalised, all capitals or as is.
pub(crate) fn match_case(model: &str, word: &str) -> String {
    let (upper, letters, _) = letter_stats(model);
    if letters > 1 && upper == letters {
        return word.to_uppercase();
    }
    let first_upper = model
        .chars()
        .find(|&c| is_letter(c))
        .is_some_and(char::is_uppercase);
    if first_upper {
        let mut cs = word.chars();
        match cs.next() {
            Some(f) => f.to_uppercase().chain(cs).collect(),
            None => String::new(),
        }
    } else {
        word.to_string()
    }
}

/// True when the token ends a sentence (so the next word may be capitalised).
pub(crate) fn ends_sentence(token: &str) -> bool {
    // Most tokens end with a letter, a digit, a comma or a semicolon: no end.
    if token
        .as_bytes()
        .last()
        .is_none_or(|&b| b.is_ascii_alphanumeric() || b == b',' || b == b';')
    {
        return false;
    }
    let t = token.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    if !t.ends_with(['.', '!', '?', ':']) {
        return false;
    }
    // Initials (`P.`, `J.V.`) stand before a name, not at a sentence end.
    let body = t.trim_start_matches(['(', '"', '\'', '“', '‘']);
    // At most three parts, each one capital letter.
    let initials = body.ends_with('.') && {
        let (mut parts, mut capitals) = (0, true);
        for p in body.trim_end_matches('.').split('.') {
            parts += 1;
            let mut cs = p.chars();
            capitals &= matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase());
        }
        capitals && parts <= 3
    };
    !initials
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        for_each_token(s, |start, end| {
            out.push(Token {
                start,
                end,
                text: &s[start..end],
            })
        });
        out
    }

    #[test]
    fn tokens_split_as_split_whitespace_does() {
        for s in [
            " ab  c\u{a0}d ",
            "\u{b}x\u{c}y\u{85}z\u{2003}w\u{3000}v",
            "é  ü\tß\r\n",
            "",
            "   ",
        ] {
            let ours: Vec<&str> = tokens(s).iter().map(|t| t.text).collect();
            let std: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(ours, std, "{s:?}");
        }
    }

    #[test]
    fn ascii_tokens_split_as_split_whitespace_does() {
        // Texts across the 8- and 64-byte borders: tokens of every length
        // (up to 150 bytes) after runs of every kind of ASCII whitespace,
        // and the control characters that are not whitespace.
        let spaces = [" ", "  ", "\t", "\n", "\u{b}", "\u{c}", "\r", " \r\n "];
        let mut texts = vec![String::new()];
        for len in 0..150 {
            for (k, sp) in spaces.iter().enumerate() {
                let word: String = (0..len)
                    .map(|i| match (i + k) % 7 {
                        0 => '\u{1}',
                        1 => '\u{1f}',
                        2 => '\u{8}',
                        3 => '\u{e}',
                        4 => '\u{7f}',
                        _ => char::from(b'a' + (i % 26) as u8),
                    })
                    .collect();
                texts.push(format!("{word}{sp}{word}"));
                texts.push(format!("{sp}{word}{sp}x{sp}{sp}{word}"));
                texts.push(sp.repeat(len));
            }
        }
        for s in &texts {
            let mut ours = Vec::new();
            for_each_token(s, |a, b| ours.push(&s[a..b]));
            let std: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(ours, std, "{s:?}");
        }
    }

    #[test]
    fn space_bits_flag_exactly_the_ascii_whitespace() {
        // Every byte in every lane, among spaces and among high bytes
        // (which must not carry into their neighbours' lanes).
        for byte in 0u8..=0xff {
            for k in 0..8 {
                for fill in [b'x', b' ', 0xff, 0x80, 0xa0] {
                    let mut chunk = [fill; 8];
                    chunk[k] = byte;
                    let expected = (0..8)
                        .filter(|&i| is_ascii_space(chunk[i]))
                        .fold(0, |m, i| m | 1 << i);
                    assert_eq!(
                        space_bits(u64::from_le_bytes(chunk)),
                        expected,
                        "{byte:#x} at {k} among {fill:#x}"
                    );
                }
            }
        }
    }

    #[test]
    fn wide_spaces_split_tokens_at_every_block_border() {
        // Multi-byte spaces and letters placed across the 64-byte borders.
        let wide = [
            "\u{a0}", "\u{85}", "\u{1680}", "\u{2003}", "\u{2029}", "\u{3000}",
        ];
        let others = ["é", "’", "—", "\u{10348}", "x"];
        for shift in 0..70 {
            for (k, sp) in wide.iter().enumerate() {
                let other = others[(shift + k) % others.len()];
                let s = format!(
                    "{}{other}{sp}a{other}{sp}{sp}b {other}{sp}\u{2019}c{}{sp}",
                    "y".repeat(shift),
                    "z".repeat(shift % 9)
                );
                let mut ours = Vec::new();
                for_each_token(&s, |a, b| ours.push(&s[a..b]));
                let std: Vec<&str> = s.split_whitespace().collect();
                assert_eq!(ours, std, "{s:?}");
            }
        }
    }

    #[test]
    fn tokens_have_byte_ranges() {
        let t = tokens(" ab  c\u{a0}d ");
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, vec!["ab", "c", "d"]);
        assert_eq!((t[0].start, t[0].end), (1, 3));
    }

    #[test]
    fn anatomy_keeps_damaged_bracket() {
        let a = anatomy("\"been,");
        assert_eq!((a.lead, a.core, a.trail), ("\"", "been", ","));
        let a = anatomy("stil]");
        assert_eq!(a.core, "stil]");
        let a = anatomy("[sic]");
        assert_eq!(a.core, "sic");
        let a = anatomy("•shut");
        assert_eq!((a.lead, a.core), ("•", "shut"));
        let a = anatomy("--");
        assert_eq!((a.lead, a.core, a.trail), ("--", "", ""));
    }

    #[test]
    fn byte_paths_agree_with_character_paths() {
        let cases = [
            "",
            "a",
            "-",
            "ab",
            "a-b",
            "a--b",
            "-ab",
            "ab-",
            "a'b",
            "a''b",
            "'a",
            "a'",
            "don't",
            "co-operation",
            "\"been,",
            "stil]",
            "[sic]",
            "x1",
            "1x",
            "--",
            "(a)",
            "g^ve",
            "U.S.S.R.",
            "J.V,",
            "a.b",
            ".",
            "]",
            "a]",
            "'1",
        ];
        for c in cases {
            assert_eq!(core_by_bytes(c.as_bytes()), core_by_chars(c), "{c:?}");
            assert_eq!(is_plain_word(c), plain_by_chars(c), "{c:?}");
        }
    }

    #[test]
    fn general_punctuation_has_no_letter_digit_or_capital() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric() && !c.is_uppercase(), "{c:?}");
        }
        for c in [
            'a', 'é', 'Ж', '7', '’', '—', '\u{1ff}', '\u{2070}', '\u{2071}',
        ] {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_capital(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn ascii_tokens_agree_with_the_general_functions() {
        let cases = [
            "",
            "a",
            "A",
            "-",
            ".",
            "]",
            "[",
            "ab",
            "Ab",
            "a-b",
            "a--b",
            "-ab",
            "ab-",
            "a'b",
            "'a",
            "a'",
            "don't",
            "co-operation",
            "\"been,",
            "stil]",
            "[sic]",
            "a]",
            "a]]",
            "x1",
            "1x",
            "12",
            "--",
            "(a)",
            "g^ve",
            "U.S.S.R.",
            "J.V.",
            "J.V,",
            "P.",
            "(P.)",
            "\"J.V.\"",
            "A.B.C.D.",
            "A.B.C.",
            "a.",
            "AB.",
            ".A.",
            "A..",
            "people.",
            "said:",
            "What?'",
            "so!)",
            "end.\"",
            "('A.",
            "x;",
            "x,",
            "'1",
            "A-",
            "I.",
            "1.",
            "...",
        ];
        for c in cases {
            let t = ascii_token(c.as_bytes());
            let a = anatomy(c);
            assert_eq!((t.lead, t.core), (a.lead.len(), a.core.len()), "{c:?}");
            assert_eq!(t.plain, is_plain_word(a.core), "{c:?}");
            let letters = a.core.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = a.core.chars().filter(|c| c.is_uppercase()).count();
            assert_eq!(
                (t.letters as usize, t.capitals as usize),
                (letters, capitals),
                "{c:?}"
            );
            assert_eq!(t.ends_sentence, ends_sentence(c), "{c:?}");
        }
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert!(!ends_sentence("P."));
        assert!(!ends_sentence("J.V."));
        assert!(ends_sentence("U.S.S.R."));
        assert!(ends_sentence("people."));
        assert!(ends_sentence("said:"));
        assert!(!ends_sentence("people,"));
    }

    #[test]
    fn plain_words_and_case() {
        assert!(is_plain_word("Stalin's"));
        assert!(is_plain_word("co-operation"));
        assert!(!is_plain_word("g^ve"));
        assert!(!is_plain_word("-ab"));
        assert_eq!(match_case("Oongress", "congress"), "Congress");
        assert_eq!(match_case("RIOTS", "riots"), "RIOTS");
        assert_eq!(match_case("publio", "public"), "public");
    }
}
