//! Marks round words: a stray hyphen or point inside a sentence, a damaged
//! compound part, words run together at a mark, a closing quote read as `1`.

use super::*;

/// What [`stray_mark`] needs, read from the token table: one hyphen or
/// point after the first token, no punctuation before either.
pub(super) fn may_be_stray_mark(table: &TokenTable, id: u32, next: u32) -> bool {
    let (a, n) = (table.info(id), table.info(next));
    a.lead == 0 && a.trail == 1 && n.lead == 0 && table.trail(id).starts_with(['-', '.'])
}

/// A stray mark after a whole word inside a sentence: a hyphen (`was- gradually`)
/// or a point (`in all. countries`) before a lower-case word.
pub(super) fn stray_mark(t: Token<'_>, next: Token<'_>, ctx: &OcrContext<'_>) -> Option<Proposal> {
    let a = anatomy(t.text);
    let n = anatomy(next.text);
    if !a.lead.is_empty()
        || !(a.trail == "-" || a.trail == ".")
        || !n.lead.is_empty()
        || !n.core.chars().next().is_some_and(char::is_lowercase)
        || !a.core.chars().all(char::is_lowercase)
        || a.core.chars().count() < 2
        || !ctx.trusted(a.core)
        || !is_plain_word(n.core)
    {
        return None;
    }
    if a.trail == "-" {
        let compound = format!("{}-{}", a.core, n.core);
        let closed = format!("{}{}", a.core, n.core);
        if ctx.in_doc(&compound) > 0
            || ctx.lexicon.contains_folded(&fold(&compound))
            || ctx.lexicon.is_word(&closed)
        {
            return None;
        }
    } else if ctx.lexicon.is_abbreviation(a.core) {
        return None;
    }
    Some(Proposal {
        start: t.start,
        end: t.end,
        corr: a.core.to_string(),
        kind: CorrectionKind::Punctuation,
        cert: Certainty::Medium,
    })
}

/// A hyphenated compound with one damaged part (`Co-Existance`): that part
/// is corrected by the confusion model alone.
pub(super) fn compound_part(
    core: &str,
    core_start: usize,
    name_like: bool,
    ctx: &OcrContext<'_>,
) -> Option<Proposal> {
    let mut offset = 0;
    let mut damaged: Option<(usize, &str)> = None;
    for part in core.split('-') {
        if !ctx.lexicon.is_word(part) {
            if damaged.is_some() {
                return None;
            }
            damaged = Some((offset, part));
        }
        offset += part.len() + 1;
    }
    let (at, part) = damaged?;
    if part.chars().count() < 4 {
        return None;
    }
    match one_pair_reading(part, name_like, ctx) {
        Reading::Word(w, cert) => Some(Proposal {
            start: core_start + at,
            end: core_start + at + part.len(),
            corr: match_case(part, &w),
            kind: CorrectionKind::Confusion,
            cert,
        }),
        _ => None,
    }
}

/// `left` and `right` are two words the OCR ran together at `mark`.
pub(super) fn split_at_mark(
    left: &str,
    mark: char,
    right: &str,
    ctx: &OcrContext<'_>,
) -> Option<(String, Certainty)> {
    let word = |s: &str| s.chars().all(char::is_alphabetic) && ctx.candidate(s);
    if !word(left) || !word(right) || right.chars().count() < 2 {
        return None;
    }
    let right_lower = right.chars().next().is_some_and(char::is_lowercase);
    let both_in_doc = ctx.in_doc(left) > 0 && ctx.in_doc(right) > 0;
    let corr = match mark {
        ',' | ';' | ':' | '?' | '!' if right_lower => format!("{left}{mark} {right}"),
        '.' if right_lower || ctx.lexicon.is_word(left) && left.chars().count() <= 3 => {
            format!("{left} {right}")
        }
        '\'' | '’' if both_in_doc => format!("{left} {right}"),
        m if ctx.junk.contains(m) => format!("{left} {right}"),
        _ => return None,
    };
    let cert = if both_in_doc {
        Certainty::High
    } else {
        Certainty::Medium
    };
    Some((corr, cert))
}

/// A closing double quote read as a quote and a `1` (`"crusades'1`): a
/// quote when one opens the token; after a plural with no opening quote,
/// the `1` is a speck after a possessive apostrophe (`Friends'1`).
pub(super) fn quote_read_as_one(
    a: Anatomy<'_>,
    core_start: usize,
    ctx: &OcrContext<'_>,
) -> Option<Proposal> {
    let core = a.core;
    let (stem, quote) = core
        .strip_suffix("'1")
        .map(|s| (s, '\''))
        .or_else(|| core.strip_suffix("’1").map(|s| (s, '’')))?;
    if !is_plain_word(stem) || !ctx.lexicon.is_word(stem) || !a.trail.is_empty() && a.trail != "." {
        return None;
    }
    let corr = if a.lead.contains(['"', '“']) {
        format!("{stem}\"")
    } else if stem.ends_with('s') && a.lead.is_empty() {
        format!("{stem}{quote}")
    } else {
        return None;
    };
    Some(Proposal {
        start: core_start,
        end: core_start + core.len(),
        corr,
        kind: CorrectionKind::Punctuation,
        cert: Certainty::Medium,
    })
}
