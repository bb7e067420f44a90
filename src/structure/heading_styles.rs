//! Heading styles: numbering (`IV.`, `3.`, `B.`, `CHAPTER`), case, the
//! numbered series a document runs, and the levels its styles give.

use std::collections::HashSet;

use super::layout::Layout;
use super::lines::{LineClass, LineInfo};

/// The level of a heading: capitals above title case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Capitals = 1,
    TitleCase = 2,
}

/// How a heading is numbered.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Numbering {
    None,
    /// `IV.`
    Roman,
    /// `3.`, `3)`
    Arabic,
    /// `3.1`, `3.1.2`: the number of parts.
    Decimal(usize),
    /// `B.`
    Letter,
    /// `b.`, `(b)`
    SmallLetter,
    /// A heading word and its number: `CHAPTER IV`, `Section 3`.
    Word(String),
    /// A coded number, its prefix folded: `CIA-13`, `IR-05` (`cia-`, `ir-`).
    Code(String),
}

/// A heading style: its numbering, or without one its case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Style {
    Numbered(Numbering),
    Case(Level),
}

/// Levels from the order in which styles appear: a style met for the first
/// time nests under the one before; a style met again returns to its level.
/// Depth is bounded (a run of 100,000 capital lines stays flat).
///
/// Type weight overrides order between a heading word (`CHAPTER`), capitals
/// and title case, in that order; in a document that has headings in
/// capitals, title case always stands below them, even before the first one.
pub fn assign_levels(styles: &[Style]) -> Vec<u8> {
    const MAX_DEPTH: usize = 6;
    let weight = |s: &Style| match s {
        Style::Numbered(Numbering::Word(_)) => 3,
        Style::Case(Level::Capitals) => 2,
        Style::Case(Level::TitleCase) => 1,
        Style::Numbered(_) => 0,
    };
    let caps = Style::Case(Level::Capitals);
    let has_caps = styles.contains(&caps);
    let mut stack: Vec<&Style> = Vec::new();
    styles
        .iter()
        .map(|s| {
            if let Some(k) = stack.iter().position(|x| *x == s) {
                stack.truncate(k + 1);
            } else {
                let w = weight(s);
                if let Some(k) = stack
                    .iter()
                    .position(|x| w > 0 && weight(x) > 0 && weight(x) < w)
                {
                    stack.truncate(k);
                }
                if w == 1 && has_caps && !stack.contains(&&caps) && stack.len() < MAX_DEPTH {
                    stack.push(&caps);
                }
                if stack.len() < MAX_DEPTH {
                    stack.push(s);
                }
            }
            stack.len() as u8
        })
        .collect()
}

/// The numbering a heading line starts with.
pub fn numbering(trimmed: &str, layout: &Layout) -> Numbering {
    let mut ws = trimmed.split_whitespace();
    let Some(first) = ws.next() else {
        return Numbering::None;
    };
    let first = first.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(');
    let bare = first.trim_end_matches(['.', ':']);
    // A short ASCII word is folded on the stack: no string unless it is a
    // heading word.
    let mut buf = [0u8; 24];
    let folded = if bare.is_ascii() && bare.len() <= buf.len() {
        let b = &mut buf[..bare.len()];
        b.copy_from_slice(bare.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).ok()
    } else {
        None
    };
    let is_word = match folded {
        Some(w) => layout.heading_words.contains(w),
        None => layout.heading_words.contains(&bare.to_lowercase()),
    };
    // (A heading word and a colon, `Title: SIRHAN`, is the key of a field.)
    if is_word && !first.ends_with(':') && ws.next().is_some() {
        return Numbering::Word(bare.to_lowercase());
    }
    let core = first
        .trim_start_matches('(')
        .trim_end_matches(['.', ')', ':']);
    if let Some(prefix) = code_prefix(core) {
        return Numbering::Code(prefix.to_lowercase());
    }
    if core.contains('.')
        && core
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Numbering::Decimal(core.split('.').count());
    }
    if core.len() == first.len() || core.is_empty() {
        // OCR reads a number's period as a comma (`B, Nature of …`, `4,
        // Withdrawal`): a capital letter (not the pronoun `I`) or a short
        // number before a comma.
        if let Some(c) = first.strip_suffix(',') {
            let letter = c.len() == 1 && c != "I" && c.bytes().all(|b| b.is_ascii_uppercase());
            if letter {
                return Numbering::Letter;
            }
            if (1..=2).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()) {
                return Numbering::Arabic;
            }
        }
        return Numbering::None;
    }
    if core.len() <= 3 && core.bytes().all(|b| b.is_ascii_digit()) {
        return Numbering::Arabic;
    }
    if core.len() <= 6
        && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
        && core != "L"
        && core != "V"
    {
        return Numbering::Roman;
    }
    let mut cs = core.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if c.is_ascii_uppercase() => Numbering::Letter,
        (Some(c), None) if c.is_ascii_lowercase() => Numbering::SmallLetter,
        _ => Numbering::None,
    }
}

/// The prefix of a coded number (`CIA-IR-05` → `CIA-IR-`): groups of one
/// to five capitals joined by dashes, then one to three digits.
fn code_prefix(core: &str) -> Option<&str> {
    let cut = core.rfind('-')? + 1;
    let (prefix, digits) = core.split_at(cut);
    let groups_ok = prefix[..prefix.len() - 1]
        .split('-')
        .all(|g| (1..=5).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_uppercase()));
    (groups_ok && (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(prefix)
}

/// The value of a line's series number: `C.` is 3, `IV.` is 4, `12.` is 12.
pub(super) fn series_value(trimmed: &str, layout: &Layout) -> Option<(Numbering, u32)> {
    let n = numbering(trimmed, layout);
    let token = trimmed.split_whitespace().next()?;
    let core = token
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(['.', ')', ':', ',']);
    let v = match n {
        Numbering::Arabic => core.parse().ok()?,
        Numbering::Code(_) => core.rsplit('-').next()?.parse().ok()?,
        Numbering::Letter => u32::from(core.bytes().next()? - b'A') + 1,
        Numbering::Roman => super::labels::roman_value(&core.to_lowercase())?,
        _ => return None,
    };
    Some((n, v))
}

/// Lines that belong to a numbered series: each has a neighbour of its own
/// kind numbered one less or one more (`A.` … `B.`; `I.` … `II.`).
pub(super) fn series(infos: &[LineInfo], layout: &Layout) -> HashSet<usize> {
    let mut last: rustc_hash::FxHashMap<Numbering, (usize, u32)> = Default::default();
    let mut out = HashSet::new();
    for (i, info) in infos.iter().enumerate() {
        if info.class != LineClass::Text {
            continue;
        }
        let Some((n, v)) = series_value(&info.trimmed, layout) else {
            continue;
        };
        if let Some(&(j, pv)) = last.get(&n)
            && pv + 1 == v
        {
            out.insert(j);
            out.insert(i);
        }
        last.insert(n, (i, v));
    }
    out
}
