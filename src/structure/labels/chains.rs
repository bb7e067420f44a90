//! Sequences of page-label candidates: the chains a family's numbers form,
//! the family's page length, and the labels read into a chain's gaps.

use std::ops::Range;

use super::grammar::*;
use super::{Candidate, Label, Place, Style};
use crate::structure::layout::Layout;
use crate::structure::lines::{LineClass, LineInfo, within_edits};
/// Two numbers alone on their lines, the second one more than the first and
/// a page of the family's own length after it: two pages of an excerpt that
/// skips the pages around them. Neither has another number within a few
/// lines (the cells of a table).
pub(super) fn one_page_on(members: &[Candidate], i: usize, j: usize, page: Option<f64>) -> bool {
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
pub(super) fn page_length(chain: &[Candidate]) -> f64 {
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
pub(super) fn fill_gaps(
    chain: &[Candidate],
    page: f64,
    texts: &[&str],
    infos: &[LineInfo],
    skip: &[bool],
    layout: &Layout,
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
            && !skip.get(i).copied().unwrap_or(false)
            && t.chars().count() <= 10
            && !long_word
            && t.chars().any(|c| c.is_ascii_digit() || is_dash(c))
            && (!dashed
                || t.chars()
                    .any(|c| is_dash(c) || matches!(c, '[' | ']' | '(' | ')')))
    };
    // The line nearest `expected` within `lo..=hi` that may be page
    // `value`'s damaged label.
    let pick = |value: u32, expected: f64, reach: f64, lo: usize, hi: usize| {
        let lo = ((expected - reach).max(lo as f64)) as usize;
        let hi = ((expected + reach).max(0.0) as usize).min(hi);
        // No more figures than the label has, and one for a speck: a
        // stamp (`13-00000`) is no damaged page number.
        let width = value.to_string().len();
        let figures = |i: usize| {
            infos[i]
                .trimmed
                .chars()
                .filter(char::is_ascii_digit)
                .count()
        };
        // A line that shows the wanted number among its specks comes
        // first (`25^` before `1.1 D`), then the nearest.
        let wanted = value.to_string();
        (lo..=hi)
            .filter(|&i| looks_like_label(i) && figures(i) <= width + 1)
            .min_by_key(|&i| {
                (
                    !infos[i].trimmed.contains(wanted.as_str()),
                    (i as f64 - expected).abs() as usize,
                )
            })
    };
    let make = |i: usize, value: u32| {
        let text = texts[i];
        let t = text.trim();
        let off = t.as_ptr() as usize - text.as_ptr() as usize;
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
        Candidate {
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
        }
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
        // Typed pages vary in length: each label found is the anchor of
        // the next page's.
        let reach = (step / 3.0).max(3.0);
        let (mut from, mut anchor, mut at) = (a.line + 1, a.line as f64, 0);
        for k in 1..dv {
            let expected = anchor + step * f64::from(k - at);
            let Some(i) = pick(a.value + k, expected, reach, from, b.line - 1) else {
                continue;
            };
            added.push(make(i, a.value + k));
            (from, anchor, at) = (i + 1, i as f64, k);
        }
    }
    // One page beyond each end of the chain, where most pages show their
    // label: the first or last page's label, damaged. Beyond the chain no
    // neighbour vouches for the place: the line must read as the number,
    // one glyph apart at most (`~ 4h -` is 44).
    let reads = |i: usize, value: u32| {
        let core: String = infos[i]
            .trimmed
            .chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| layout.digit(c).map_or(c, |(d, _)| d))
            .collect();
        core.bytes().any(|b| b.is_ascii_digit())
            && within_edits(core.as_bytes(), value.to_string().as_bytes(), 1)
    };
    let pick = |value: u32, expected: f64, reach: f64, lo: usize, hi: usize| {
        pick(value, expected, reach, lo, hi).filter(|&i| family.roman || reads(i, value))
    };
    // Only a form that shows itself (dashes, a prefix) is looked for there.
    if !matches!(family.style, Style::Dashed | Style::Prefixed) {
        return added;
    }
    let reach = (page / 3.0).max(3.0);
    let (first, last) = (&chain[0].label, &chain[chain.len() - 1].label);
    if first.value > 1 {
        let lo = first.line.saturating_sub((page * 1.5) as usize);
        if let Some(i) = first
            .line
            .checked_sub(1)
            .and_then(|hi| pick(first.value - 1, first.line as f64 - page, reach, lo, hi))
        {
            added.push(make(i, first.value - 1));
        }
    }
    let hi = (last.line + (page * 1.5) as usize).min(infos.len() - 1);
    if last.line < hi
        && let Some(i) = pick(
            last.value + 1,
            last.line as f64 + page,
            reach,
            last.line + 1,
            hi,
        )
    {
        added.push(make(i, last.value + 1));
    }
    added
}

/// The chains of one family's candidates: numbers rising with the lines at a
/// page length the family's own neighbours show. The best chain is taken
/// first; numbering that restarts (a second document, an annex, each report
/// of a file numbering its own pages) leaves more chains before and after it.
pub(super) fn confirm(members: Vec<Candidate>) -> Vec<Candidate> {
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
    // Strong, undamaged labels standing alone count without a sequence, a
    // page word's even beside one (a file of teletypes each with its `PAGE
    // TWO`, `PAGE THREE`: the numbering restarts where the next one opens).
    let alone = |c: &Candidate| {
        c.strong
            && !c.damaged
            && c.label.family.prefix.is_empty()
            && (c.label.place == Place::Alone
                || c.label.family.style == Style::PageWord && c.label.place == Place::Start)
    };
    if chains > 0 {
        return members
            .into_iter()
            .zip(keep)
            .filter_map(|(c, k)| {
                (k || c.label.family.style == Style::PageWord && alone(&c)).then_some(c)
            })
            .collect();
    }
    members.into_iter().filter(alone).collect()
}

/// The longest chain (most undamaged members on a tie) among `members`, as
/// indexes into it, if it is long enough or strongly enough marked to be a
/// sequence of pages.
pub(super) fn best_chain(members: &[Candidate], page: Option<f64>) -> Option<Vec<usize>> {
    let n = members.len();
    // best[j]: (length of the best chain ending at j, its undamaged count,
    // how far its steps stray from the page length, predecessor). On a
    // tie, the chain whose pages keep their length wins.
    let mut best: Vec<(usize, usize, f64, Option<usize>)> = Vec::with_capacity(n);
    let better = |x: (usize, usize, f64), y: (usize, usize, f64)| {
        (x.0, x.1) > (y.0, y.1) || (x.0, x.1) == (y.0, y.1) && x.2 < y.2
    };
    for j in 0..n {
        let own = usize::from(!members[j].damaged);
        let mut b = (1, own, 0.0, None);
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
                let stray = best[i].2 + (per / page).ln().abs();
                let cand = (best[i].0 + 1, best[i].1 + own, stray, Some(i));
                if better((cand.0, cand.1, cand.2), (b.0, b.1, b.2)) {
                    b = cand;
                }
            }
        }
        best.push(b);
    }
    let end = (0..n).reduce(|e, j| {
        let (x, y) = (&best[j], &best[e]);
        if better((x.0, x.1, x.2), (y.0, y.1, y.2)) {
            j
        } else {
            e
        }
    })?;
    let mut chain = Vec::new();
    let mut at = Some(end);
    while let Some(j) = at {
        chain.push(j);
        at = best[j].3;
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

/// Does a candidate of another printed form fall in a gap of a kept chain
/// of its numbering (roman or arabic, same prefix): its number between two
/// members', at the line the chain's step between them expects?
pub(super) fn in_gap(kept: &[(Vec<Candidate>, f64)], c: &Candidate) -> bool {
    let l = &c.label;
    kept.iter().any(|(chain, page)| {
        let f = &chain[0].label.family;
        if f.style == l.family.style || f.roman != l.family.roman || f.prefix != l.family.prefix {
            return false;
        }
        let at = chain.partition_point(|x| x.label.line < l.line);
        let (Some(a), Some(b)) = (at.checked_sub(1).map(|p| &chain[p].label), chain.get(at)) else {
            return false;
        };
        let b = &b.label;
        if !(a.value < l.value && l.value < b.value && b.value - a.value <= 20) {
            return false;
        }
        let step = (b.line - a.line) as f64 / f64::from(b.value - a.value);
        if *page > 0.0 && !(page * 0.6..=page * 1.6).contains(&step) {
            return false;
        }
        let expected = a.line as f64 + step * f64::from(l.value - a.value);
        (l.line as f64 - expected).abs() <= (step / 4.0).max(3.0)
    })
}
