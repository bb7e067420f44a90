//! Words and punctuation of a reading text, with byte spans, for the naming rules.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters and digits, with inner hyphens and apostrophes (`En-lai`, `O'Neill`);
    /// a possessive `'s` is split off.
    Word,
    Space,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Tok {
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start..self.end]
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}')
}

/// The end of the word that goes on at byte `j`: letters and digits, and
/// a joiner between two of them (no possessive ending).
fn word_end(s: &str, mut j: usize) -> usize {
    let at = |b: usize| s.get(b..).and_then(|r| r.chars().next());
    while let Some(c) = at(j) {
        if c.is_alphanumeric() {
            j += c.len_utf8();
            continue;
        }
        let after = j + c.len_utf8();
        match at(after) {
            Some(n) if is_joiner(c) && n.is_alphanumeric() => {
                // A possessive ending is not part of the word.
                let possessive =
                    c != '-' && n == 's' && !at(after + 1).is_some_and(|x| x.is_alphanumeric());
                if possessive {
                    break;
                }
                j = after + n.len_utf8();
            }
            _ => break,
        }
    }
    j
}

/// Splits a reading text into tokens; linear in its length.
pub fn tokenize(s: &str) -> Vec<Tok> {
    // The character that starts at byte `b`, if any (read in place: no
    // table of the text's characters).
    let at = |b: usize| s.get(b..).and_then(|r| r.chars().next());
    let mut out = Vec::with_capacity(s.len() / 3);
    let mut b = 0;
    let bytes = s.as_bytes();
    while let Some(c) = at(b) {
        let start = b;
        if c.is_alphanumeric() {
            // ASCII letters and digits read as bytes, up to the first byte
            // that is not one (then on a character at a time).
            let mut j = b + c.len_utf8();
            while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                j += 1;
            }
            let j = word_end(s, j);
            out.push(Tok {
                start,
                end: j,
                kind: TokKind::Word,
            });
            b = j;
        } else {
            let kind = if c.is_whitespace() {
                TokKind::Space
            } else {
                TokKind::Punct
            };
            b += c.len_utf8();
            out.push(Tok {
                start,
                end: b,
                kind,
            });
        }
    }
    // Every block's tokens live through the names pass: no spare room.
    out.shrink_to_fit();
    out
}

/// `Word` with a capital first letter and at least one small letter.
pub fn is_titlecase(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase()) && w.chars().any(|c| c.is_lowercase())
}

/// A single capital letter (an initial when a dot follows).
pub fn is_capital_letter(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s)
            .into_iter()
            .filter(|t| t.kind == TokKind::Word)
            .map(|t| t.text(s))
            .collect()
    }

    #[test]
    fn possessives_split_inner_joiners_kept() {
        assert_eq!(
            words("Stalin's Chou En-lai O'Neill Engels' J.V."),
            [
                "Stalin", "s", "Chou", "En-lai", "O'Neill", "Engels", "J", "V"
            ]
        );
    }

    #[test]
    fn case_tests() {
        assert!(is_titlecase("Togliatti"));
        assert!(!is_titlecase("USSR"));
        assert!(!is_titlecase("party"));
        assert!(is_capital_letter("J"));
        assert!(!is_capital_letter("Jo"));
    }
}
