//! The grammar of a page label: the forms a label takes on its line, the
//! numerals (arabic, roman, OCR look-alikes), and the lines that look like
//! a label without being one (contents entries, dates, archive stamps).

use std::collections::HashSet;
use std::hash::BuildHasher;

use super::{Candidate, Family, Label, Place, Style};
use crate::structure::layout::Layout;
use crate::structure::lines::LineInfo;
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
        .is_some_and(|p| contains_folded(&layout.page_words, p))
        && number(w.next())
        && match w.next() {
            None => true,
            Some(of) => of.eq_ignore_ascii_case("of") && number(w.next()) && w.next().is_none(),
        }
}

/// Reads a numeral: arabic (with look-alikes) or lower-case roman.
/// Returns (value, roman, damaged).
pub(super) fn numeral(s: &str, layout: &Layout, allow_roman: bool) -> Option<(u32, bool, bool)> {
    if s.is_empty() || s.chars().count() > 4 {
        if allow_roman {
            return roman(s).map(|v| (v, true, false));
        }
        return None;
    }
    // At most four digits: the value cannot overflow.
    let (mut v, mut lead_zero) = (0u32, false);
    let mut damaged = false;
    let mut real = 0;
    for (k, c) in s.chars().enumerate() {
        let (d, lookalike) = layout.digit(c)?;
        let d = d.to_digit(10)?;
        lead_zero |= k == 0 && d == 0;
        v = v * 10 + d;
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
    if (real > 0 || s.chars().count() >= 2) && v > 0 && !(damaged && lead_zero) {
        return Some((v, false, damaged));
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
pub(super) fn roman(s: &str) -> Option<u32> {
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

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '~')
}

/// The label candidate on line `i`, if its form is one.
pub(super) fn candidate(
    i: usize,
    text: &str,
    info: &LineInfo,
    layout: &Layout,
) -> Option<Candidate> {
    if info.len > 80 {
        return None;
    }
    let t = text.trim();
    if let Some(c) = spelled_page(i, text, t, layout) {
        return Some(c);
    }
    // A dashed folio among specks of debris (`} -2- ©@`): the folio alone.
    let t = debris_around_dashed(t).unwrap_or(t);
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
    // Without a figure only a page word's roman numeral closing the line
    // can be a label (`WEEKLY REVIEW Page ii`): a line of prose is let go
    // before its words are split.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        let mut ends = t.split_whitespace().rev();
        let page = ends.nth(1);
        if !page.is_some_and(|p| contains_folded(&layout.page_words, p)) {
            return None;
        }
    }
    // At most twelve words, kept on the stack: this runs on every line.
    let mut buf = [""; 13];
    let mut n = 0;
    for w in super::super::lines::split_ws(t) {
        if n == buf.len() {
            return None;
        }
        buf[n] = w;
        n += 1;
    }
    if !(2..=12).contains(&n) {
        return None;
    }
    let words = &buf[..n];
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
    // Page ii`): one sequence with the same label standing alone. A stamp
    // keeps its page word when OCR lost its letters (`132275516 Page 17`).
    if words.len() >= 3
        && contains_folded(&layout.page_words, words[words.len() - 2])
        && (stamp || rest_has_letters(&words[..words.len() - 2]))
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
    if let Some(c) = dashed_at_end(i, text, t) {
        return Some(c);
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

/// The one word of `t` between dashes (`-2-`) when every other word is a
/// speck without a letter or a figure (`} -2- ©@`).
fn debris_around_dashed(t: &str) -> Option<&str> {
    let mut folio = None;
    for w in t.split_whitespace() {
        if w.chars().count() > 2
            && w.starts_with(is_dash)
            && w.ends_with(is_dash)
            && w.contains(|c: char| c.is_ascii_digit())
        {
            if folio.replace(w).is_some() {
                return None;
            }
        } else if w.contains(char::is_alphanumeric) || w.chars().all(is_dash) {
            return None;
        }
    }
    folio.filter(|f| f.len() < t.len())
}

/// A page word and a number spelled out (`PAGE TWO`, `Page three`), the
/// continuation head of a teletype or a cable: alone on its line, before
/// debris (`PAGE THREE _`), or in capitals before a comma and the message's
/// reference (`PAGE TWO, PD 164-41 - UNCLAS`). A page foot (`END PAGE TWO`)
/// does not open with its page word.
fn spelled_page(i: usize, text: &str, t: &str, layout: &Layout) -> Option<Candidate> {
    if layout.number_words.is_empty() {
        return None;
    }
    let mut words = t.split_whitespace();
    let page = words.next()?;
    if !contains_folded(&layout.page_words, page) {
        return None;
    }
    let word = words.next()?;
    let bare = word.trim_end_matches([',', '.', ':', ';']);
    let value = *layout.number_words.get(&bare.to_lowercase())?;
    let rest: Vec<&str> = words.collect();
    let debris = rest.iter().all(|w| !w.contains(char::is_alphanumeric));
    let capitals = |w: &str| !w.chars().any(char::is_lowercase);
    let reference =
        word.ends_with(',') && bare.len() + 1 == word.len() && capitals(page) && capitals(bare);
    if !debris && !reference {
        return None;
    }
    let off = page.as_ptr() as usize - text.as_ptr() as usize;
    let end = if debris {
        off + t.len()
    } else {
        bare.as_ptr() as usize - text.as_ptr() as usize + bare.len()
    };
    Some(Candidate {
        label: Label {
            line: i,
            place: if debris { Place::Alone } else { Place::Start },
            range: off..end,
            label: value.to_string(),
            value,
            family: Family {
                roman: false,
                prefix: String::new(),
                style: Style::PageWord,
            },
            repaired: false,
        },
        strong: true,
        damaged: false,
    })
}

/// A folio between dashes closing a line of words that OCR ran into it
/// (`SA MARTIN LAUER and - 10 -`, `BURTON and ~9-`): one sequence with the
/// dashed labels standing alone.
fn dashed_at_end(i: usize, text: &str, t: &str) -> Option<Candidate> {
    let last_letter = t.char_indices().rev().find(|(_, c)| c.is_alphabetic())?.0;
    let tail = &t[last_letter..];
    let tail = &tail[tail.chars().next()?.len_utf8()..];
    let first_digit = tail.find(|c: char| c.is_ascii_digit())?;
    let digits_end = first_digit
        + tail[first_digit..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(tail.len() - first_digit);
    let (before, digits, after) = (
        &tail[..first_digit],
        &tail[first_digit..digits_end],
        &tail[digits_end..],
    );
    let rule = |s: &str| {
        s.chars()
            .all(|c| is_dash(c) || c.is_whitespace() || c == '=')
    };
    if !(1..=3).contains(&digits.len())
        || !rule(before)
        || !rule(after)
        || !before.contains(is_dash)
        || !after.contains(is_dash)
    {
        return None;
    }
    let value: u32 = digits.parse().ok().filter(|v| *v > 0)?;
    let off = digits.as_ptr() as usize - text.as_ptr() as usize;
    Some(Candidate {
        label: Label {
            line: i,
            place: Place::End,
            range: off..off + digits.len(),
            label: value.to_string(),
            value,
            family: Family {
                roman: false,
                prefix: String::new(),
                style: Style::Dashed,
            },
            repaired: false,
        },
        strong: false,
        damaged: false,
    })
}

/// Words set like a running head, in capitals or title case: most words
/// of three letters or more start with a capital. A line of prose after a
/// transcript's margin number (`5 And in 1973 did you …`) is none.
pub(super) fn headlike(words: &[&str]) -> bool {
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
pub(super) fn leader(w: &str) -> bool {
    w.ends_with("..")
        || w.ends_with('…')
        || w.chars().all(|c| matches!(c, '.' | '_' | '-' | '…' | '·'))
}

/// A month's name or abbreviation (`Dec`, `December,`).
pub(super) fn month(w: &str, layout: &Layout) -> bool {
    contains_folded(&layout.months, w.trim_matches(|c: char| !c.is_alphabetic()))
}

/// Is `w`, folded to lower case, in `set`? An ASCII word folds on the
/// stack: this runs on a word of every line.
pub(super) fn contains_folded<S: BuildHasher>(set: &HashSet<String, S>, w: &str) -> bool {
    let mut buf = [0u8; 32];
    if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b).is_ok_and(|f| set.contains(f));
    }
    set.contains(&w.to_lowercase())
}

/// Where a label's prefix ends (`B-12`, `B -12`, `A.3`): the first dash or
/// period, if at most two other signs and then white space stand before
/// it. A longer opening can be no prefix, so the line is not walked on.
pub(super) fn prefix_end(t: &str) -> Option<usize> {
    let (mut signs, mut space) = (0, false);
    for (p, c) in t.char_indices() {
        if is_dash(c) || c == '.' {
            return Some(p);
        }
        if c.is_whitespace() {
            space = true;
        } else if space || signs == 2 {
            return None;
        } else {
            signs += 1;
        }
    }
    None
}

/// Does a word hold five figures or more in a row?
pub(super) fn long_figure_run(w: &str) -> bool {
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
pub(super) fn label_form<'a>(t: &'a str, layout: &Layout) -> Option<(&'a str, Style, String)> {
    // A page word: `Page 12`, `p. 12`.
    if let Some((w, rest)) = t.split_once(char::is_whitespace)
        && contains_folded(&layout.page_words, w)
    {
        let core = rest.trim();
        return (!core.contains(char::is_whitespace))
            .then(|| (core, Style::PageWord, String::new()));
    }
    // A page word run into its figures by OCR: `Page5`, `PAGE12` (written
    // out: `P.3/4` of a fax header reads as `P.374`).
    if !t.contains(char::is_whitespace)
        && let Some(cut) = t.find(|c: char| c.is_ascii_digit())
        && cut >= 4
        && contains_folded(&layout.page_words, &t[..cut])
        && t[cut..].bytes().all(|b| b.is_ascii_digit())
    {
        return Some((&t[cut..], Style::PageWord, String::new()));
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
        // A page word between the dashes: `- PAGE 2)-`, `- Page 3 -`; an
        // export's marker between rules (`--- Page 2 ---`) is a seam.
        let core = match core.split_once(char::is_whitespace) {
            Some((w, n)) if contains_folded(&layout.page_words, w) => {
                if page_marker(t, layout) {
                    return None;
                }
                n.trim().trim_end_matches([')', ']', '}', '.'])
            }
            _ => core,
        };
        return (!core.is_empty() && !core.contains(char::is_whitespace))
            .then(|| (core, Style::Dashed, String::new()));
    }
    // A letter prefix: `B-12`, `B- IO`, `8- 27`, `A.3`.
    if let Some(pos) = prefix_end(t) {
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
