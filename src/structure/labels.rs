//! Printed page labels: read by a general grammar, confirmed by their sequence.
//!
//! A label is an arabic or lower-case roman number, bare (`12`, `12.`), between
//! dashes or brackets (`- 12 -`, `[12]`), after a page word (`Page 12`), or
//! after a letter prefix (`B-12`); it stands alone on a line, or at the start
//! or end of a short line (a running head). A candidate counts only when a
//! sequence confirms it: candidates of one family (numbering system and
//! prefix) whose numbers rise as the lines advance, at a page length that the
//! document itself shows. A digit that OCR misread (`B-ll`) is read through
//! the look-alike table, and only a confirmed label is repaired. A strongly
//! marked label (dashes, brackets, page word, prefix) may stand alone.

use std::ops::Range;

use super::layout::Layout;
use super::lines::{LineClass, LineInfo};

/// Where on its line a label is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The whole line.
    Alone,
    /// First word of a short line (`12 THE HISTORY OF ROME`).
    Start,
    /// Last word of a short line (`EARLY KINGS 13`).
    End,
}

/// A confirmed page label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// 0-based line.
    pub line: usize,
    pub place: Place,
    /// Byte range of the label in the line's text.
    pub range: Range<usize>,
    /// The label as read: `12`, `xiv`, `B-11`.
    pub label: String,
    /// Its number in the family's sequence.
    pub value: u32,
    /// Numbering system and prefix: labels of one family form one sequence.
    pub family: Family,
    /// OCR damage repaired: `range` covers the printed form, `label` the reading.
    pub repaired: bool,
}

/// A numbering system, its prefix and the way it is printed: labels of one
/// family form one sequence. Two families may number the same pages (a
/// report's own `- 12 -` and an archive's stamp `Page 31`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Family {
    pub roman: bool,
    pub prefix: String,
    pub style: Style,
}

/// How a label is printed; the order is the preference when two families
/// number the same pages: a label standing alone over one in a running head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Between dashes or brackets: `- 12 -`, `[12]`.
    Dashed,
    /// After a letter prefix: `B-12`.
    Prefixed,
    /// Bare: `12`, `12.`, `xiv`.
    Bare,
    /// After a page word: `Page 12`.
    PageWord,
    /// At one end of a running head.
    InHead,
    /// After a page word in an archive's stamp: `HW 50955 DocId: 32275518 Page 6`.
    Stamp,
}

#[derive(Debug, Clone)]
struct Candidate {
    label: Label,
    /// Dashes, brackets, page word or prefix: a label by its form alone.
    strong: bool,
    /// Read through the look-alike table.
    damaged: bool,
}

/// Finds the page labels of a document. `skip` marks lines that cannot hold
/// one (contents entries).
/// `breaks` are lines that an export wrote between pages (sorted): a number
/// standing alone right after or before one is its page's label, sequence or
/// none (each report of a file that numbers its pages from 2).
pub fn detect(
    texts: &[&str],
    infos: &[LineInfo],
    skip: &[bool],
    contents: &[bool],
    breaks: &[usize],
    layout: &Layout,
) -> Vec<Label> {
    let mut cands: Vec<Candidate> = Vec::new();
    for (i, info) in infos.iter().enumerate() {
        if info.class != LineClass::Text || skip.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(c) = candidate(i, texts[i], info, layout) else {
            continue;
        };
        // In a contents list a number is a page reference; only a page
        // word (`… WEEKLY REVIEW Page ii`) still marks the list's own page.
        if contents.get(i).copied().unwrap_or(false) && c.label.family.style != Style::PageWord {
            continue;
        }
        cands.push(c);
    }
    let mut families: Vec<Family> = cands.iter().map(|c| c.label.family.clone()).collect();
    families.sort();
    families.dedup();
    // Each family's confirmed chain, the labels filled into its gaps, its page length.
    let mut chains: Vec<(Vec<Candidate>, Vec<Candidate>, f64)> = families
        .iter()
        .map(|f| {
            let members: Vec<Candidate> = cands
                .iter()
                .filter(|c| &c.label.family == f)
                .cloned()
                .collect();
            if std::env::var("TEI_DBG").is_ok() {
                eprintln!(
                    "family {f:?}: {:?}",
                    members
                        .iter()
                        .map(|c| (c.label.line + 1, c.label.value))
                        .collect::<Vec<_>>()
                );
            }
            let chain = confirm(members);
            if std::env::var("TEI_DBG").is_ok() {
                eprintln!(
                    "  chain {:?}",
                    chain
                        .iter()
                        .map(|c| (c.label.line + 1, c.label.value))
                        .collect::<Vec<_>>()
                );
            }
            let page = page_length(&chain);
            let filled = fill_gaps(&chain, page, texts, infos, skip);
            (chain, filled, page)
        })
        .filter(|(c, _, _)| !c.is_empty())
        .collect();
    // Where two families number the same pages, the better printed one wins.
    chains.sort_by(|a, b| {
        (a.0[0].label.family.style, std::cmp::Reverse(a.0.len()))
            .cmp(&(b.0[0].label.family.style, std::cmp::Reverse(b.0.len())))
    });
    let mut kept: Vec<(Vec<Candidate>, f64)> = Vec::new();
    for (chain, filled, page) in chains {
        let near_kept = |c: &Candidate| {
            kept.iter().any(|(k, kp)| {
                let reach = (kp / 2.0).max(3.0) as usize;
                let at = k.partition_point(|x| x.label.line < c.label.line);
                let close = |x: &Candidate| x.label.line.abs_diff(c.label.line) <= reach;
                k.get(at).is_some_and(close)
                    || at.checked_sub(1).and_then(|p| k.get(p)).is_some_and(close)
            })
        };
        let within_kept = |c: &Candidate| {
            kept.iter().any(|(k, kp)| {
                let reach = (kp / 2.0).max(3.0) as usize;
                let (first, last) = (k[0].label.line, k[k.len() - 1].label.line);
                c.label.line + reach >= first && c.label.line <= last + reach
            })
        };
        // Judged by the labels it printed, not those read into its gaps.
        if chain.iter().filter(|c| near_kept(c)).count() * 2 >= chain.len() {
            continue;
        }
        // A gap is filled only where no better chain numbers the pages.
        let filled: Vec<Candidate> = filled.into_iter().filter(|c| !within_kept(c)).collect();
        let mut all = chain;
        all.extend(filled);
        all.sort_by_key(|c| c.label.line);
        kept.push((all, page));
    }
    let mut taken = vec![false; infos.len()];
    let mut out = Vec::new();
    for (chain, _) in kept {
        for c in chain {
            if !taken[c.label.line] {
                taken[c.label.line] = true;
                out.push(c.label);
            }
        }
    }
    out.sort_by_key(|l| l.line);
    // Inside a rising sequence of its own family, a lone label must fit it.
    let fits = |c: &Candidate| {
        let same: Vec<&Label> = out.iter().filter(|l| l.family == c.label.family).collect();
        let at = same.partition_point(|l| l.line < c.label.line);
        match (at.checked_sub(1).map(|p| same[p]), same.get(at)) {
            (Some(a), Some(b)) if b.value > a.value => {
                a.value < c.label.value && c.label.value < b.value
            }
            _ => true,
        }
    };
    // A page number sits at the top or the foot of its page.
    let next_text = |from: usize, step: isize| {
        let mut k = from as isize + step;
        while k >= 0 && (k as usize) < infos.len() {
            if infos[k as usize].class != LineClass::Blank {
                return Some(k as usize);
            }
            k += step;
        }
        None
    };
    let mut lone = Vec::new();
    for &b in breaks {
        for i in [next_text(b, 1), next_text(b, -1)].into_iter().flatten() {
            if let Some(c) = cands.iter().find(|c| c.label.line == i)
                && !taken[i]
                && c.label.place == Place::Alone
                && !c.damaged
                && matches!(
                    c.label.family.style,
                    Style::Bare | Style::Dashed | Style::PageWord
                )
                && c.label.value < 1000
                && fits(c)
            {
                taken[i] = true;
                lone.push(c.label.clone());
            }
        }
    }
    out.extend(lone);
    out.sort_by_key(|l| l.line);
    out
}

/// Two numbers alone on their lines, the second one more than the first and
/// a page of the family's own length after it: two pages of an excerpt that
/// skips the pages around them. Neither has another number within a few
/// lines (the cells of a table).
fn one_page_on(members: &[Candidate], i: usize, j: usize, page: Option<f64>) -> bool {
    let Some(page) = page else {
        return false;
    };
    let (a, b) = (&members[i], &members[j]);
    let lone = |k: usize| {
        let line = members[k].label.line;
        let close = |m: &Candidate| m.label.line.abs_diff(line) <= 3;
        !(k > 0 && close(&members[k - 1]) || members.get(k + 1).is_some_and(close))
    };
    let lines = (b.label.line - a.label.line) as f64;
    lone(i)
        && lone(j)
        && [a, b]
            .iter()
            .all(|c| c.label.place == Place::Alone && !c.damaged)
        && b.label.value == a.label.value + 1
        && lines >= page * 0.8
        && lines <= page * 1.25
}

/// Lines per page step along a chain (0 for a chain of one).
fn page_length(chain: &[Candidate]) -> f64 {
    let mut r: Vec<f64> = chain
        .windows(2)
        .filter(|w| w[1].label.value > w[0].label.value)
        .map(|w| {
            (w[1].label.line - w[0].label.line) as f64
                / (w[1].label.value - w[0].label.value) as f64
        })
        .collect();
    r.sort_by(f64::total_cmp);
    r.get(r.len() / 2).copied().unwrap_or(0.0)
}

/// Labels the chain skips (`-~T-`, `- 1h`, `. pe -`): where the sequence
/// wants a page, a short line of digits, look-alikes or dashes near the
/// expected place is read as that page's label, marked repaired.
fn fill_gaps(
    chain: &[Candidate],
    page: f64,
    texts: &[&str],
    infos: &[LineInfo],
    skip: &[bool],
) -> Vec<Candidate> {
    if chain.len() < 3 || page < 8.0 || chain[0].label.family.style == Style::InHead {
        return Vec::new();
    }
    // Only where most pages show their label: where few do, a gap is no
    // sign of a damaged label, and a short line there is anything.
    let span = chain[chain.len() - 1].label.value - chain[0].label.value + 1;
    if chain.len() * 3 < span as usize {
        return Vec::new();
    }
    let family = chain[0].label.family.clone();
    let dashed = family.style == Style::Dashed;
    let looks_like_label = |i: usize| {
        let t = infos[i].trimmed.as_str();
        let mut run = 0;
        let mut long_word = false;
        for c in t.chars() {
            run = if c.is_alphabetic() { run + 1 } else { 0 };
            long_word |= run >= 3;
        }
        infos[i].class == LineClass::Text
            && !skip[i]
            && t.chars().count() <= 10
            && !long_word
            && t.chars().any(|c| c.is_ascii_digit() || is_dash(c))
            && (!dashed
                || t.chars()
                    .any(|c| is_dash(c) || matches!(c, '[' | ']' | '(' | ')')))
    };
    let mut added = Vec::new();
    for w in chain.windows(2) {
        let (a, b) = (&w[0].label, &w[1].label);
        let Some(dv) = b
            .value
            .checked_sub(a.value)
            .filter(|d| (2..=20).contains(d))
        else {
            continue;
        };
        let step = b.line.saturating_sub(a.line) as f64 / dv as f64;
        if step < page * 0.6 || step > page * 1.6 {
            continue;
        }
        let reach = (step / 4.0).max(3.0);
        let mut from = a.line + 1;
        for k in 1..dv {
            let expected = a.line as f64 + step * k as f64;
            let lo = ((expected - reach).max(from as f64)) as usize;
            let hi = ((expected + reach) as usize).min(b.line - 1);
            // No more figures than the label has, and one for a speck: a
            // stamp (`13-00000`) is no damaged page number.
            let width = (a.value + k).to_string().len();
            let figures = |i: usize| {
                infos[i]
                    .trimmed
                    .chars()
                    .filter(char::is_ascii_digit)
                    .count()
            };
            let Some(i) = (lo..=hi)
                .filter(|&i| looks_like_label(i) && figures(i) <= width + 1)
                .min_by_key(|&i| (i as f64 - expected).abs() as usize)
            else {
                continue;
            };
            let text = texts[i];
            let t = text.trim();
            let off = t.as_ptr() as usize - text.as_ptr() as usize;
            let value = a.value + k;
            let core = if family.roman {
                to_roman(value)
            } else {
                value.to_string()
            };
            let label = if family.prefix.is_empty() {
                core
            } else {
                format!("{}-{core}", family.prefix)
            };
            added.push(Candidate {
                label: Label {
                    line: i,
                    place: Place::Alone,
                    range: off..off + t.len(),
                    label,
                    value,
                    family: family.clone(),
                    repaired: true,
                },
                strong: true,
                damaged: true,
            });
            from = i + 1;
        }
    }
    added
}

/// A page marker that a text export writes between pages (`--- Page 12 ---`,
/// `=== Page 3 of 40 ===`): a page word and a number set off by rules of
/// two or more marks on both sides. A seam, never printed matter.
pub fn page_marker(t: &str, layout: &Layout) -> bool {
    let rule = |c: char| matches!(c, '-' | '=' | '_' | '*' | '#' | '~' | '<' | '>');
    if !t.starts_with(rule) {
        return false;
    }
    let lead = t.chars().take_while(|&c| rule(c)).count();
    let trail = t.chars().rev().take_while(|&c| rule(c)).count();
    if lead < 2 || trail < 2 {
        return false;
    }
    let mut w = t.trim_matches(rule).split_whitespace();
    let number = |w: Option<&str>| w.is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
    w.next()
        .is_some_and(|p| layout.page_words.contains(&p.to_lowercase()))
        && number(w.next())
        && match w.next() {
            None => true,
            Some(of) => of.eq_ignore_ascii_case("of") && number(w.next()) && w.next().is_none(),
        }
}

/// Reads a numeral: arabic (with look-alikes) or lower-case roman.
/// Returns (value, roman, damaged).
fn numeral(s: &str, layout: &Layout, allow_roman: bool) -> Option<(u32, bool, bool)> {
    if s.is_empty() || s.chars().count() > 4 {
        if allow_roman {
            return roman(s).map(|v| (v, true, false));
        }
        return None;
    }
    let mut digits = String::new();
    let mut damaged = false;
    let mut real = 0;
    for c in s.chars() {
        let (d, lookalike) = layout.digit(c)?;
        digits.push(d);
        damaged |= lookalike;
        real += usize::from(!lookalike);
    }
    // All look-alikes that spell a roman numeral (`ii`, `xi`) are the numeral.
    if real == 0
        && allow_roman
        && let Some(v) = roman(s)
    {
        return Some((v, true, false));
    }
    if real > 0 || s.chars().count() >= 2 {
        let v: u32 = digits.parse().ok()?;
        if v > 0 && !(damaged && digits.starts_with('0')) {
            return Some((v, false, damaged));
        }
    }
    if allow_roman {
        return roman(s).map(|v| (v, true, false));
    }
    None
}

/// The value of a lower-case roman numeral in canonical form (`xiv` is 14).
pub fn roman_value(s: &str) -> Option<u32> {
    roman(s)
}

/// A lower-case roman numeral in canonical form (`xiv`), at most 100.
fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')) {
        return None;
    }
    let val = |c| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        _ => 100,
    };
    let cs: Vec<u32> = s.chars().map(val).collect();
    let mut total = 0u32;
    for k in 0..cs.len() {
        if cs.get(k + 1).is_some_and(|n| *n > cs[k]) {
            total = total.checked_sub(cs[k])?;
        } else {
            total += cs[k];
        }
    }
    (total > 0 && total <= 100 && to_roman(total) == s).then_some(total)
}

/// A number as a lower-case roman numeral.
pub fn to_roman(mut n: u32) -> String {
    let table = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '~')
}

/// The label candidate on line `i`, if its form is one.
fn candidate(i: usize, text: &str, info: &LineInfo, layout: &Layout) -> Option<Candidate> {
    if info.len > 80 {
        return None;
    }
    let t = text.trim();
    if let Some((core, style, prefix)) = label_form(t, layout) {
        let strong = style != Style::Bare;
        let (value, roman, damaged) = numeral(core, layout, true)?;
        // A lone `v`, `x` or `l` is a letter more often than a page.
        if roman && !strong && core.len() == 1 && core != "i" {
            return None;
        }
        // A damaged label keeps its whole printed form (`B- IO`) as `sic`.
        let printed = if damaged { t } else { core };
        let off = printed.as_ptr() as usize - text.as_ptr() as usize;
        let label = if prefix.is_empty() {
            if roman {
                core.to_string()
            } else {
                value.to_string()
            }
        } else {
            format!("{prefix}-{value}")
        };
        return Some(Candidate {
            label: Label {
                line: i,
                place: Place::Alone,
                range: off..off + printed.len(),
                label,
                value,
                family: Family {
                    roman,
                    prefix,
                    style,
                },
                repaired: damaged,
            },
            strong,
            damaged,
        });
    }
    // A running head with the number at one end: the rest is words, the
    // number bare (no period: `12.` opens a numbered paragraph).
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 2 || words.len() > 12 {
        return None;
    }
    // An archive's stamp (`HW 50955 DocId: 32275518 Page 6`) numbers the
    // scan, not the printed page: an identifier of five figures or more
    // gives it away. Its page word still marks the scan's pages, but any
    // printed folio comes first.
    let stamp = words.iter().any(|w| long_figure_run(w));
    let rest_has_letters = |ws: &[&str]| {
        ws.iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
    };
    // A page word and its number closing a running head (`WEEKLY REVIEW
    // Page ii`): one sequence with the same label standing alone.
    if words.len() >= 3
        && layout
            .page_words
            .contains(&words[words.len() - 2].to_lowercase())
        && rest_has_letters(&words[..words.len() - 2])
    {
        let w = words[words.len() - 1];
        if let Some((value, roman, damaged)) = numeral(w, layout, true) {
            let off = w.as_ptr() as usize - text.as_ptr() as usize;
            return Some(Candidate {
                label: Label {
                    line: i,
                    place: Place::End,
                    range: off..off + w.len(),
                    label: if roman {
                        w.to_string()
                    } else {
                        value.to_string()
                    },
                    value,
                    family: Family {
                        roman,
                        prefix: String::new(),
                        style: if stamp { Style::Stamp } else { Style::PageWord },
                    },
                    repaired: damaged,
                },
                strong: true,
                damaged,
            });
        }
    }
    if stamp {
        return None;
    }
    let ends = [
        (Place::Start, words[0], &words[1..]),
        (
            Place::End,
            words[words.len() - 1],
            &words[..words.len() - 1],
        ),
    ];
    for (place, w, rest) in ends {
        if !rest_has_letters(rest) || !w.chars().all(|c| c.is_ascii_digit()) || !headlike(rest) {
            continue;
        }
        // A contents entry leads to its page with dots or rules
        // (`SHIPPING POLICY... 12`); beside a month, a number is a day or
        // a year (`27 Dec 63`). Neither is a running head's folio.
        if place == Place::End && rest.last().is_some_and(|l| leader(l)) {
            continue;
        }
        let beside = if place == Place::Start {
            rest.first()
        } else {
            rest.last()
        };
        if beside.is_some_and(|m| month(m, layout)) {
            continue;
        }
        let (value, roman, damaged) = numeral(w, layout, false)?;
        let off = w.as_ptr() as usize - text.as_ptr() as usize;
        return Some(Candidate {
            label: Label {
                line: i,
                place,
                range: off..off + w.len(),
                label: value.to_string(),
                value,
                family: Family {
                    roman,
                    prefix: String::new(),
                    style: Style::InHead,
                },
                repaired: damaged,
            },
            strong: false,
            damaged,
        });
    }
    None
}

/// Words set like a running head, in capitals or title case: most words
/// of three letters or more start with a capital. A line of prose after a
/// transcript's margin number (`5 And in 1973 did you …`) is none.
fn headlike(words: &[&str]) -> bool {
    let (mut long, mut capital) = (0, 0);
    for w in words {
        let letters = w.trim_matches(|c: char| !c.is_alphabetic());
        if letters.chars().count() >= 3 {
            long += 1;
            if letters.chars().next().is_some_and(char::is_uppercase) {
                capital += 1;
            }
        }
    }
    long > 0 && capital * 10 >= long * 6
}

/// A contents leader at the end of an entry's title: `...`, `_.`, `POLICY...`.
fn leader(w: &str) -> bool {
    w.ends_with("..")
        || w.ends_with('…')
        || w.chars().all(|c| matches!(c, '.' | '_' | '-' | '…' | '·'))
}

/// A month's name or abbreviation (`Dec`, `December,`).
fn month(w: &str, layout: &Layout) -> bool {
    let folded = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
    layout.months.contains(&folded)
}

/// Does a word hold five figures or more in a row?
fn long_figure_run(w: &str) -> bool {
    let mut run = 0;
    for b in w.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 5 {
            return true;
        }
    }
    false
}

/// The numeral of a whole-line label form, whether the form is strong, and
/// the prefix (`B` of `B-12`, repaired: `8- 27` has prefix `B`).
fn label_form<'a>(t: &'a str, layout: &Layout) -> Option<(&'a str, Style, String)> {
    // A page word: `Page 12`, `p. 12`.
    if let Some((w, rest)) = t.split_once(char::is_whitespace)
        && layout.page_words.contains(&w.to_lowercase())
    {
        let core = rest.trim();
        return (!core.contains(char::is_whitespace))
            .then(|| (core, Style::PageWord, String::new()));
    }
    // Dashes or brackets on both sides.
    let open = t.chars().next()?;
    let close = t.chars().last()?;
    let bracketed = matches!((open, close), ('[', ']') | ('(', ')') | ('{', '}'));
    if bracketed || (is_dash(open) && is_dash(close) && t.chars().count() > 2) {
        let core = t.trim_matches(|c: char| {
            is_dash(c) || c.is_whitespace() || matches!(c, '[' | ']' | '(' | ')' | '{' | '}')
        });
        let core = core.trim_end_matches('.');
        return (!core.is_empty() && !core.contains(char::is_whitespace))
            .then(|| (core, Style::Dashed, String::new()));
    }
    // A letter prefix: `B-12`, `B- IO`, `8- 27`, `A.3`.
    if let Some(pos) = t.find(|c: char| is_dash(c) || c == '.') {
        let (pre, rest) = t.split_at(pos);
        let pre = pre.trim();
        let sep = rest.chars().next()?;
        let core = rest[sep.len_utf8()..].trim();
        let prefix_ok = (1..=2).contains(&pre.chars().count())
            && pre
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && pre
                .chars()
                .any(|c| c.is_ascii_uppercase() || layout.letter_for_digit(c).is_some());
        if prefix_ok
            && !core.is_empty()
            && !core.contains(char::is_whitespace)
            && !core.contains('.')
        {
            let prefix: String = pre
                .chars()
                .map(|c| {
                    if c.is_ascii_digit() {
                        layout.letter_for_digit(c).unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect();
            if prefix.chars().all(|c| c.is_ascii_uppercase()) {
                return Some((core, Style::Prefixed, prefix));
            }
        }
    }
    // A bare number, perhaps with a period: `12`, `2.`, `xiv`.
    let core = t.strip_suffix('.').unwrap_or(t);
    (!core.contains(char::is_whitespace) && core.chars().count() <= 6)
        .then(|| (core, Style::Bare, String::new()))
}

/// The chains of one family's candidates: numbers rising with the lines at a
/// page length the family's own neighbours show. The best chain is taken
/// first; numbering that restarts (a second document, an annex, each report
/// of a file numbering its own pages) leaves more chains before and after it.
fn confirm(members: Vec<Candidate>) -> Vec<Candidate> {
    if members.is_empty() {
        return members;
    }
    // Page length: lines per page step from each candidate to the next one
    // close above it in number, a few candidates on at most (a stray number
    // between two labels must not hide the step). Numbers at the ends of
    // lines are mostly prose: for them, the next candidate only.
    let ahead = if members[0].label.family.style == Style::InHead {
        1
    } else {
        4
    };
    let mut ratios: Vec<f64> = (0..members.len())
        .filter_map(|i| {
            let a = &members[i].label;
            members[i + 1..members.len().min(i + 1 + ahead)]
                .iter()
                .find_map(|m| {
                    let b = &m.label;
                    let dv = b.value.checked_sub(a.value)?;
                    (1..=4)
                        .contains(&dv)
                        .then(|| (b.line - a.line) as f64 / dv as f64)
                })
        })
        .filter(|r| *r >= 3.0)
        .collect();
    ratios.sort_by(f64::total_cmp);
    let page = ratios.get(ratios.len() / 2).copied();
    let mut keep = vec![false; members.len()];
    // Stretches of candidates still to search; at most 32 chains a family.
    let mut todo: Vec<Range<usize>> = Vec::new();
    todo.push(0..members.len());
    let mut chains = 0;
    while let Some(r) = todo.pop() {
        if r.len() < 2 || chains == 32 {
            continue;
        }
        let Some(chain) = best_chain(&members[r.clone()], page) else {
            continue;
        };
        chains += 1;
        let (first, last) = (r.start + chain[0], r.start + chain[chain.len() - 1]);
        for j in chain {
            keep[r.start + j] = true;
        }
        todo.push(r.start..first);
        todo.push(last + 1..r.end);
    }
    if chains > 0 {
        return members
            .into_iter()
            .zip(keep)
            .filter_map(|(c, k)| k.then_some(c))
            .collect();
    }
    // No sequence: strong, undamaged labels standing alone still count.
    members
        .into_iter()
        .filter(|c| {
            c.strong
                && !c.damaged
                && c.label.place == Place::Alone
                && c.label.family.prefix.is_empty()
        })
        .collect()
}

/// The longest chain (most undamaged members on a tie) among `members`, as
/// indexes into it, if it is long enough or strongly enough marked to be a
/// sequence of pages.
fn best_chain(members: &[Candidate], page: Option<f64>) -> Option<Vec<usize>> {
    let n = members.len();
    // best[j]: (length of the best chain ending at j, its undamaged count, predecessor)
    let mut best: Vec<(usize, usize, Option<usize>)> = Vec::with_capacity(n);
    for j in 0..n {
        let own = usize::from(!members[j].damaged);
        let mut b = (1, own, None);
        if let Some(page) = page {
            for i in (j.saturating_sub(64)..j).rev() {
                let (a, c) = (&members[i].label, &members[j].label);
                let Some(dv) = c
                    .value
                    .checked_sub(a.value)
                    .filter(|d| (1..=20).contains(d))
                else {
                    continue;
                };
                let per = (c.line - a.line) as f64 / dv as f64;
                if per < page * 0.45 || per > page * 2.2 {
                    continue;
                }
                let cand = (best[i].0 + 1, best[i].1 + own, Some(i));
                if (cand.0, cand.1) > (b.0, b.1) {
                    b = cand;
                }
            }
        }
        best.push(b);
    }
    let end = (0..n).max_by_key(|&j| (best[j].0, best[j].1, std::cmp::Reverse(j)))?;
    let mut chain = Vec::new();
    let mut at = Some(end);
    while let Some(j) = at {
        chain.push(j);
        at = best[j].2;
    }
    chain.reverse();
    let accept = chain.len() >= 3
        || chain.len() == 2
            && chain.iter().all(|&j| {
                members[j].strong || members[j].label.place != Place::Alone && !members[j].damaged
            })
            && chain.iter().any(|&j| members[j].strong)
        || chain.len() == 2 && one_page_on(members, chain[0], chain[1], page);
    accept.then_some(chain)
}

#[cfg(test)]
mod tests {
    use super::super::layout::{DEFAULT_LAYOUT, Layout};
    use super::super::lines::classify;
    use super::*;

    fn run(lines: &[&str]) -> Vec<(usize, String)> {
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        detect(lines, &infos, &vec![false; lines.len()], &[], &[], &layout)
            .into_iter()
            .map(|l| (l.line, l.label))
            .collect()
    }

    fn doc(labels: &[&str], page: usize) -> Vec<String> {
        let mut out = Vec::new();
        for l in labels {
            out.push(l.to_string());
            for k in 0..page {
                out.push(format!(
                    "running text line {k} of the page, long enough to read"
                ));
            }
        }
        out
    }

    #[test]
    fn prefixed_labels_with_damage_are_repaired() {
        let d = doc(&["B-9", "B- IO", "B-ll", "8- 12", "B-13"], 30);
        let r: Vec<&str> = d.iter().map(String::as_str).collect();
        let got = run(&r);
        let labels: Vec<&str> = got.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["B-9", "B-10", "B-11", "B-12", "B-13"]);
    }

    #[test]
    fn running_heads_with_numbers_alternate_sides() {
        let d = doc(
            &[
                "12 THE HISTORY OF ROME",
                "EARLY KINGS 13",
                "14 THE HISTORY OF ROME",
            ],
            35,
        );
        let r: Vec<&str> = d.iter().map(String::as_str).collect();
        assert_eq!(run(&r).len(), 3);
    }

    #[test]
    fn numbered_paragraphs_and_contents_are_not_pages() {
        let lines = [
            "1. The Committee met on the first day.",
            "2. It noted the report.",
            "3. It adjourned.",
            "Introduction 5",
            "The Early Years 9",
            "The War 14",
        ];
        assert!(run(&lines).is_empty());
    }

    #[test]
    fn a_dashed_number_alone_counts() {
        let mut d = doc(&["first"], 20);
        d.push("- 2 -".into());
        d.extend(doc(&["x"], 20));
        let r: Vec<&str> = d.iter().map(String::as_str).collect();
        assert_eq!(run(&r), vec![(21, "2".to_string())]);
    }

    #[test]
    fn numbering_that_restarts_is_two_sequences() {
        let d = doc(&["2", "3", "4", "5", "1", "2", "3", "4"], 40);
        let r: Vec<&str> = d.iter().map(String::as_str).collect();
        assert_eq!(run(&r).len(), 8);
    }

    #[test]
    fn a_page_word_closes_a_running_head() {
        let d = doc(
            &[
                "WEEKLY REVIEW Page i",
                "WEEKLY REVIEW Page ii",
                "WEEKLY REVIEW Page iii",
            ],
            40,
        );
        let r: Vec<&str> = d.iter().map(String::as_str).collect();
        let got: Vec<String> = run(&r).into_iter().map(|(_, l)| l).collect();
        assert_eq!(got, ["i", "ii", "iii"]);
    }

    #[test]
    fn export_page_markers() {
        let l = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        assert!(page_marker("--- Page 12 ---", &l));
        assert!(page_marker("=== Page 3 of 40 ===", &l));
        assert!(!page_marker("- 12 -", &l));
        assert!(!page_marker("--- Page twelve ---", &l));
        assert!(!page_marker("Page 12", &l));
    }

    #[test]
    fn a_number_alone_after_an_export_page_marker_is_a_label() {
        let mut d = doc(&["first"], 30);
        d.push("--- Page 2 ---".into());
        d.push("2".into());
        d.extend(doc(&["x"], 30));
        let r: Vec<&str> = d.iter().map(String::as_str).collect();
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let infos: Vec<LineInfo> = r.iter().map(|l| classify(l)).collect();
        let got = detect(&r, &infos, &vec![false; r.len()], &[], &[31], &layout);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].line, got[0].label.as_str()), (32, "2"));
        // Without the marker, a lone bare number is nothing.
        assert!(run(&r).is_empty());
    }

    /// The candidate a line gives, if any.
    fn cand(t: &str) -> Option<Candidate> {
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        candidate(0, t, &classify(t), &layout)
    }

    #[test]
    fn contents_leaders_dates_and_prose_are_no_running_heads() {
        for t in [
            "THE COMMON MARKET CRISIS _. 11",
            "SHIPPING POLICY... 12",
            "27 Dec 63",
            "5 And in 1973 did you see him",
        ] {
            assert!(cand(t).is_none(), "{t}");
        }
        let head = cand("CURRENT INTELLIGENCE WEEKLY 12").expect("a running head");
        assert_eq!(head.label.family.style, Style::InHead);
    }

    #[test]
    fn an_archive_stamp_is_the_last_choice() {
        let c = cand("HW 50955 DocId: 32275518 Page 6").expect("a stamp");
        assert_eq!(c.label.family.style, Style::Stamp);
        assert!(Style::Stamp > Style::PageWord && Style::Stamp > Style::InHead);
        assert!(cand("HW 50955 DocId 32275518 12").is_none());
    }

    #[test]
    fn a_page_word_inside_a_contents_list_still_marks_its_page() {
        let lines = [
            "WEEKLY REVIEW Page i",
            "SOVIET TRADE 3",
            "CYPRUS DISPUTE 4",
            "WEEKLY REVIEW Page ii",
        ];
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let got = detect(&lines, &infos, &[false; 4], &[true; 4], &[], &layout);
        let labels: Vec<&str> = got.iter().map(|l| l.label.as_str()).collect();
        assert!(
            !labels.contains(&"3") && !labels.contains(&"4"),
            "{labels:?}"
        );
    }

    #[test]
    fn romans() {
        assert_eq!(roman("xiv"), Some(14));
        assert_eq!(roman("iiii"), None);
        assert_eq!(roman("civil"), None);
    }
}
