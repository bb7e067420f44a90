//! Sequence gap repair: where a family's labels step page by page and a
//! page between two of them shows none, the seam where that page meets the
//! next is known (the family's own page length gives it), and a token
//! printed there that OCR damaged (`= I9-=`, `SECRET 1b`, `V1 PREFACE.`) or
//! lost (a speck `o` alone where the folio stood) is that page's label,
//! read as the value the sequence wants and marked repaired.

use std::ops::Range;

use super::grammar::to_roman;
use super::{Family, Label, Place, Style};
use crate::structure::layout::Layout;
use crate::structure::lines::{LineClass, LineInfo, within_edits};

/// A line longer than this holds no folio: a running head is short.
const HEAD_CHARS: usize = 45;
/// A speck standing for a folio lost to OCR: this many glyphs at most.
const SPECK_CHARS: usize = 4;
/// Pages at most in one gap of a sequence (half that where the numbers
/// skip and only the page length counts them).
const MAX_GAP: u32 = 10;
/// Words (of letters or figures) read at each end of a short line for a folio.
const END_WORDS: usize = 2;

/// How a line at a seam reads as a wanted label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reading {
    /// The number through the look-alikes (`ll` is 11).
    Exact,
    /// One glyph misread, added or lost (`1b` for 13, `1^0` for 160).
    OneOff,
    /// Nothing readable, alone and short: only where the value is certain.
    Speck,
}

/// The repaired labels for the gaps of every family's sequence in `out`
/// (sorted by line). `skip` and `contents` mark lines that hold no label.
pub(super) fn mend_gaps(
    out: &[Label],
    texts: &[&str],
    infos: &[LineInfo],
    skip: &[bool],
    contents: &[bool],
    layout: &Layout,
) -> Vec<Label> {
    let mut families: Vec<&Family> = out.iter().map(|l| &l.family).collect();
    families.sort();
    families.dedup();
    let mut taken: Vec<bool> = vec![false; infos.len()];
    for l in out {
        taken[l.line] = true;
    }
    let open = |i: usize| {
        infos[i].class == LineClass::Text
            && !skip.get(i).copied().unwrap_or(false)
            && !contents.get(i).copied().unwrap_or(false)
    };
    let mut found = Vec::new();
    for family in families {
        if family.style == Style::Stamp {
            continue;
        }
        let same: Vec<&Label> = out.iter().filter(|l| &l.family == family).collect();
        let Some(page) = page_length(&same) else {
            continue;
        };
        if std::env::var("TEI_DBG").is_ok() {
            let v: Vec<(usize, u32)> = same.iter().map(|l| (l.line + 1, l.value)).collect();
            eprintln!("repair {family:?} page {page}: {v:?}");
        }
        for w in same.windows(2) {
            let (a, b) = (w[0], w[1]);
            let lines = (b.line - a.line) as f64;
            let Some(dv) = b.value.checked_sub(a.value) else {
                continue;
            };
            // Pages missing between the two: one a number where typed pages
            // of uneven length fit, else as many as the page length gives
            // (a volume may skip numbers, so numbers enough for them).
            let by_number = (page * 0.6..=page * 1.6).contains(&(lines / f64::from(dv.max(1))));
            let pages = if by_number {
                dv
            } else {
                (lines / page).round() as u32
            };
            let most = if by_number { MAX_GAP } else { MAX_GAP / 2 };
            if !(2..=most).contains(&pages) || dv < pages {
                continue;
            }
            let mut step = lines / f64::from(pages);
            if !by_number && !(page * 0.75..=page * 1.3).contains(&step) {
                continue;
            }
            // Each label found anchors the next page's.
            let (mut anchor, mut at) = (a.line as f64, 0);
            for k in 1..pages {
                // Typed pages vary in length: a clean reading is looked
                // for half a page either way, a worse one nearer.
                let reach = (step / 2.0).max(3.0);
                let expected = anchor + step * f64::from(k - at);
                // The values this page may bear: one where every page is
                // numbered, a range where the numbering skips.
                let values = a.value + k..=b.value - (pages - k);
                let certain = values.start() == values.end();
                let lo = ((expected - reach).max(a.line as f64 + 1.0)) as usize;
                let hi = ((expected + reach).ceil() as usize).min(b.line - 1);
                // A speck only close to where the folio is due.
                let tight = (step / 8.0).max(2.0);
                let best = (lo..=hi)
                    .filter(|&i| {
                        !taken[i] && open(i) && super::stamp_page(texts[i], layout).is_none()
                    })
                    .filter_map(|i| {
                        let (r, v, how) = read_at(texts[i], family, values.clone(), layout)?;
                        let off = (i as f64 - expected).abs();
                        let speck = certain && off <= tight && !among_scraps(infos, i);
                        // Beside a margin's line numbers (which open their
                        // lines) only the number itself ending its line: a
                        // damaged one may be any of them.
                        // A folio beside words only in a family of running
                        // heads: beside a form's words (`SA … and ~ 22 ~`)
                        // it would make the form's lines running heads.
                        let words = |s: &str| s.chars().any(char::is_alphabetic);
                        let beside_words = words(&texts[i][..r.start]) || words(&texts[i][r.end..]);
                        if beside_words && family.style != Style::InHead {
                            return None;
                        }
                        let last = !texts[i][r.end..].chars().any(char::is_alphanumeric);
                        let margin = in_margin_run(infos, i);
                        let ok = match how {
                            _ if margin && (how != Reading::Exact || !last) => false,
                            Reading::Exact => true,
                            Reading::OneOff => off <= (step / 3.0).max(3.0),
                            Reading::Speck => speck,
                        };
                        ok.then_some((i, r, v, how))
                    })
                    // The page's label printed in another form (a running
                    // head's folio beside bare ones) is no gap.
                    .filter(|&(_, _, v, _)| !numbered(out, family, v, expected, step))
                    .min_by_key(|&(i, _, _, how)| (how, (i as f64 - expected).abs() as usize));
                let Some((i, range, value, _)) = best else {
                    continue;
                };
                taken[i] = true;
                found.push(make(texts[i], i, range, value, family));
                (anchor, at) = (i as f64, k);
                step = (b.line - i) as f64 / f64::from(pages - k);
            }
        }
        // The page after a run's last label (a short last page, a volume
        // that skips numbers) and the page before its first: beyond the
        // run no neighbour vouches for the place, so only a number that
        // reads exactly and stands alone, in the family's own form.
        let skips = same
            .windows(2)
            .filter(|w| ((w[1].line - w[0].line) as f64) < page * 1.3)
            .filter_map(|w| w[1].value.checked_sub(w[0].value))
            .max()
            .unwrap_or(1)
            .clamp(1, 10);
        let rises = |a: &Label, b: &Label| {
            b.value > a.value
                && ((b.line - a.line) as f64) < page * 1.3 * f64::from(b.value - a.value)
        };
        for (j, l) in same.iter().enumerate() {
            let after = same.get(j + 1).is_none_or(|b| !rises(l, b));
            let before = j.checked_sub(1).is_none_or(|p| !rises(same[p], l));
            let mut tries = Vec::new();
            if after {
                let lo = l.line + (page * 0.3) as usize;
                let hi = (l.line + (page * 1.3) as usize).min(infos.len() - 1);
                let end = same.get(j + 1).map_or(infos.len(), |b| b.line);
                tries.push((
                    lo,
                    hi.min(end.saturating_sub(1)),
                    l.value + 1..=l.value + skips,
                ));
            }
            if before && l.value > 1 {
                let lo = l.line.saturating_sub((page * 1.3) as usize);
                let hi = l.line.saturating_sub((page * 0.3) as usize);
                let start = j.checked_sub(1).map_or(0, |p| same[p].line + 1);
                tries.push((lo.max(start), hi, l.value - 1..=l.value - 1));
            }
            for (lo, hi, values) in tries {
                let best = (lo..=hi)
                    .filter(|&i| {
                        !taken[i]
                            && open(i)
                            && !in_margin_run(infos, i)
                            && super::stamp_page(texts[i], layout).is_none()
                    })
                    .filter_map(|i| {
                        let (r, v, how) = read_at(texts[i], family, values.clone(), layout)?;
                        let whole = texts[i].trim().len() == r.len() + non_core(texts[i], &r);
                        (how == Reading::Exact && whole).then_some((i, r, v))
                    })
                    .find(|&(_, _, v)| !numbered(out, family, v, l.line as f64, page * 1.3));
                if let Some((i, range, value)) = best {
                    taken[i] = true;
                    found.push(make(texts[i], i, range, value, family));
                }
            }
        }
    }
    found
}

/// Bytes of the trimmed line around `range` that are no letters or
/// figures (the dashes of `-15-`, the stop of `2.`).
fn non_core(text: &str, range: &Range<usize>) -> usize {
    let t = text.trim();
    let s = t.as_ptr() as usize - text.as_ptr() as usize;
    let outside = text[s..range.start]
        .chars()
        .chain(text[range.end..s + t.len()].chars());
    let mut n = 0;
    for c in outside {
        if c.is_alphanumeric() {
            return usize::MAX / 2;
        }
        n += c.len_utf8();
    }
    n
}

/// Is page `value` labelled already in another form of the same numbering
/// within a page of `expected`?
fn numbered(out: &[Label], family: &Family, value: u32, expected: f64, step: f64) -> bool {
    out.iter().any(|l| {
        l.value == value
            && l.family.roman == family.roman
            && l.family.prefix == family.prefix
            && (l.line as f64 - expected).abs() <= step
    })
}

/// A margin's line numbers (a transcript numbers each line of its page)
/// come in runs: a line among two or more others that open with a number
/// of one or two figures is one of them, not a folio.
fn in_margin_run(infos: &[LineInfo], i: usize) -> bool {
    const NEAR: usize = 3;
    let numbered = |k: usize| {
        crate::structure::lines::split_ws(&infos[k].trimmed)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .find(|w| !w.is_empty())
            .is_some_and(|w| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
    };
    (i.saturating_sub(NEAR)..(i + NEAR + 1).min(infos.len()))
        .filter(|&k| k != i && numbered(k))
        .count()
        >= 2
}

/// A short scrap of glyphs: at most [`SPECK_CHARS`] of them.
fn scrap(t: &str) -> bool {
    let n = t.chars().filter(|c| !c.is_whitespace()).count();
    (1..=SPECK_CHARS).contains(&n)
}

/// Does another short scrap stand within a few lines of line `i`? A
/// speck alone is a lost folio; among others it is debris of a scan.
fn among_scraps(infos: &[LineInfo], i: usize) -> bool {
    const NEAR: usize = 3;
    (i.saturating_sub(NEAR)..(i + NEAR + 1).min(infos.len()))
        .any(|k| k != i && scrap(&infos[k].trimmed))
}

/// Lines per page: the median gap between labels one number apart.
fn page_length(same: &[&Label]) -> Option<f64> {
    let mut r: Vec<usize> = same
        .windows(2)
        .filter(|w| w[1].value == w[0].value + 1)
        .map(|w| w[1].line - w[0].line)
        .collect();
    if r.len() < 2 {
        return None;
    }
    r.sort_unstable();
    let page = r[r.len() / 2] as f64;
    (page >= 8.0).then_some(page)
}

/// The label of family `family` for `line`, read as `value`, over `range`.
fn make(text: &str, line: usize, range: Range<usize>, value: u32, family: &Family) -> Label {
    let core = if family.roman {
        to_roman(value)
    } else {
        value.to_string()
    };
    let label = if family.prefix.is_empty() {
        core.clone()
    } else {
        format!("{}-{core}", family.prefix)
    };
    let printed = &text[range.clone()];
    let before = text[..range.start].trim();
    let after = text[range.end..].trim();
    let words = |s: &str| s.chars().any(char::is_alphabetic);
    let place = match (words(before), words(after)) {
        (false, false) => Place::Alone,
        (true, _) => Place::End,
        (false, true) => Place::Start,
    };
    Label {
        line,
        place,
        repaired: printed != label && printed != core,
        range,
        label,
        value,
        family: family.clone(),
    }
}

/// Reads a line at a seam as one of `values`: the byte range of the token
/// read, its value and how well it reads.
fn read_at(
    text: &str,
    family: &Family,
    values: std::ops::RangeInclusive<u32>,
    layout: &Layout,
) -> Option<(Range<usize>, u32, Reading)> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > HEAD_CHARS {
        return None;
    }
    let off = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    // Tokens at each end of the line: its words, and two short words run
    // together (`x i` is `xi`).
    let words: Vec<&str> = t
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let mut tokens: Vec<Range<usize>> = Vec::new();
    let n = words.len();
    // A number after a page word is a scan's or an export's page number
    // (`DocId: 32275518 Page 11`), not a folio of another form.
    let page_word = |k: usize| {
        k.checked_sub(1).is_some_and(|p| {
            let w: String = words[p]
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '.')
                .flat_map(char::to_lowercase)
                .collect();
            layout.page_words.contains(&w)
        })
    };
    for k in (0..n.min(END_WORDS)).chain(n.saturating_sub(END_WORDS)..n) {
        if family.style == Style::PageWord || !page_word(k) {
            tokens.push(off(words[k])..off(words[k]) + words[k].len());
        }
    }
    if n >= 2 {
        let (a, b) = (words[n - 2], words[n - 1]);
        if a.chars().count() <= 2 && b.chars().count() <= 2 {
            tokens.push(off(a)..off(b) + b.len());
        }
    }
    tokens.sort_by_key(|r| (r.start, r.end));
    tokens.dedup();
    let mut best: Option<(Range<usize>, u32, Reading)> = None;
    for r in tokens {
        let raw = &text[r.clone()];
        let core_at = raw.find(char::is_alphanumeric);
        let Some(s) = core_at else {
            continue;
        };
        let e = raw
            .rfind(char::is_alphanumeric)
            .map(|e| e + raw[e..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(raw.len());
        let core = &raw[s..e];
        let range = r.start + s..r.start + e;
        let read = reading(core, family, layout);
        if read.is_empty() || read.chars().count() > 6 {
            continue;
        }
        for v in values.clone() {
            let want = if family.roman {
                to_roman(v)
            } else {
                v.to_string()
            };
            // One look-alike alone (`z`, `a`) is no reading: at most a speck.
            let lone_glyph =
                read.chars().count() == 1 && !core.starts_with(|c: char| c.is_ascii_digit());
            let clean = core.chars().all(|c| c.is_ascii_digit());
            let how = if lone_glyph {
                continue;
            } else if read == want {
                Reading::Exact
            } else if want.len() >= 2
                // A clean number is another number (a margin's `24` is no
                // folio 27), unless it stands alone with its first figure
                // lost (`4` for 24); damage shows (`1^0`, `1b`).
                && (clean && want.ends_with(read.as_str()) && t.len() == core.len()
                    || !clean && read.chars().count() >= 2)
                && (family.roman || core.chars().any(|c| c.is_ascii_digit()))
                && within_edits(read.as_bytes(), want.as_bytes(), 1)
            {
                Reading::OneOff
            } else {
                continue;
            };
            if best.as_ref().is_none_or(|b| how < b.2) {
                best = Some((range.clone(), v, how));
            }
        }
    }
    if best.is_some() {
        return best;
    }
    // A speck alone on its line where the folio stood.
    let glyphs: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    let mut run = 0;
    let mut word = false;
    for c in &glyphs {
        run = if c.is_alphabetic() { run + 1 } else { 0 };
        word |= run >= 3;
    }
    // A figure that reads as another number is that number, no speck.
    let figures = glyphs.iter().any(char::is_ascii_digit);
    // Two capitals together are initials or a form's code (`BM`), no speck.
    let initials = glyphs
        .windows(2)
        .any(|w| w[0].is_uppercase() && w[1].is_uppercase());
    if scrap(t) && !word && !figures && !initials && values.start() == values.end() {
        let s = off(t);
        return Some((s..s + t.len(), *values.start(), Reading::Speck));
    }
    None
}

/// A token read through the look-alikes: figures for an arabic family,
/// lower-case letters (a `1` or `l` read as `i`) for a roman one.
fn reading(core: &str, family: &Family, layout: &Layout) -> String {
    let body = if family.prefix.is_empty() {
        core
    } else {
        core.trim_start_matches(|c: char| c.is_alphabetic())
            .trim_start_matches(|c: char| !c.is_alphanumeric())
    };
    body.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| {
            let d = layout.digit(c).map_or(c, |(d, _)| d);
            if family.roman {
                if d == '1' {
                    'i'
                } else {
                    c.to_ascii_lowercase()
                }
            } else {
                d
            }
        })
        .collect()
}
