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

mod chains;
mod grammar;

use super::layout::Layout;
use super::lines::{LineClass, LineInfo, within_edits};
use chains::{confirm, fill_gaps, page_length};
use grammar::candidate;
pub use grammar::{page_marker, roman_value, to_roman};

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
    pub(super) label: Label,
    /// Dashes, brackets, page word or prefix: a label by its form alone.
    pub(super) strong: bool,
    /// Read through the look-alike table.
    pub(super) damaged: bool,
}

/// The page an archive's stamp gives the scan (`HW 50955 DocId: 32275518
/// Page 6` is 6), if the line is such a stamp: the documents pass reads a
/// count that goes on from it even where printed folios label the pages.
pub fn stamp_page(text: &str, layout: &Layout) -> Option<u32> {
    let info = super::lines::classify(text);
    let c = candidate(0, text, &info, layout)?;
    (c.label.family.style == Style::Stamp).then_some(c.label.value)
}

/// Where an archive stamped each page it scanned (`HW 50955 DocId … Page
/// 6`, a sequence of five or more), the stamps show where the pages meet:
/// a printed folio stands beside one, at the foot of its page or the top
/// of the next. Any other number is a margin line number, a figure of the
/// text or a scrap. Also gives the stamps' page length.
fn beside_stamps(cands: Vec<Candidate>) -> (Vec<Candidate>, Option<f64>, Vec<(usize, u32)>) {
    /// Lines between a stamp and a folio of the same seam.
    const SEAM: usize = 6;
    let stamps: Vec<Candidate> = cands
        .iter()
        .filter(|c| c.label.family.style == Style::Stamp)
        .cloned()
        .collect();
    let stamped: Vec<usize> = stamps.iter().map(|c| c.label.line).collect();
    let chain = confirm(stamps);
    if chain.len() < 5 {
        return (cands, None, Vec::new());
    }
    let scan = chain
        .iter()
        .map(|c| (c.label.line, c.label.value))
        .collect();
    let kept = cands
        .into_iter()
        .filter(|c| {
            c.label.family.style == Style::Stamp
                || stamped.iter().any(|&s| s.abs_diff(c.label.line) <= SEAM)
        })
        .collect();
    (kept, Some(page_length(&chain)), scan)
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
    let (cands, stamp_page, mut scan) = beside_stamps(cands);
    // An export's numbered page markers number the scan as stamps do.
    scan.extend(
        breaks
            .iter()
            .filter_map(|&b| Some((b, marker_number(texts.get(b)?)?))),
    );
    scan.sort_unstable();
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
            let filled = fill_gaps(&chain, page, texts, infos, skip, layout);
            (chain, filled, page)
        })
        .filter(|(c, _, _)| !c.is_empty())
        // Pages as long as the stamps show them: a chain that steps one
        // page every few stamped pages is numbers of something else.
        .filter(|(c, _, page)| {
            stamp_page.is_none_or(|sp| c.len() < 2 || (sp * 0.5..=sp * 2.0).contains(page))
        })
        .collect();
    // Where two families number the same pages, the better printed one wins.
    chains.sort_by(|a, b| {
        (a.0[0].label.family.style, std::cmp::Reverse(a.0.len()))
            .cmp(&(b.0[0].label.family.style, std::cmp::Reverse(b.0.len())))
    });
    let mut kept: Vec<(Vec<Candidate>, f64)> = Vec::new();
    for (chain, filled, page) in chains {
        // An archive's stamps number the scan, not the document: they are
        // the labels only of a document that prints none of its own.
        if chain[0].label.family.style == Style::Stamp && !kept.is_empty() {
            continue;
        }
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
    for (chain, _) in &kept {
        for c in chain {
            if !taken[c.label.line] {
                taken[c.label.line] = true;
                out.push(c.label.clone());
            }
        }
    }
    // A folio printed in another form where a confirmed sequence wants it:
    // a book numbers most pages alone on a line and some in the running
    // head (`20 SYPHILITIC DISEASES.`); the number between its neighbours,
    // at the line the sequence expects, is that page's label.
    for c in &cands {
        if !taken[c.label.line] && !c.damaged && in_gap(&kept, c) {
            taken[c.label.line] = true;
            out.push(c.label.clone());
        }
    }
    for l in beside_scan(&scan, &out, texts, infos, skip, contents, layout) {
        if !taken[l.line] {
            taken[l.line] = true;
            out.push(l);
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
    // The page word written out (`Page 2`), not abbreviated (`P.3/4` of a
    // fax header reads as `P.374`).
    let spelled_out = |t: &str| {
        let word: String = t
            .trim()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        word.len() >= 4 && layout.page_words.contains(&word)
    };
    // `Page 2` alone on its line: a letter's continuation page names its
    // number so, and each letter of a file counts from 2 again, so no
    // sequence confirms it. Beside a blank line or the file's edge, and
    // not inside another family's pages, it is a label by its form.
    let apart = |i: usize| {
        let blank = |k: Option<usize>| {
            k.and_then(|k| infos.get(k))
                .is_none_or(|x| x.class == LineClass::Blank)
        };
        blank(i.checked_sub(1)) || blank(Some(i + 1))
    };
    for c in &cands {
        let i = c.label.line;
        if !taken[i]
            && c.label.family.style == Style::PageWord
            && c.label.place == Place::Alone
            && !c.label.family.roman
            && !c.damaged
            && (2..1000).contains(&c.label.value)
            && spelled_out(texts[i])
            && apart(i)
            && fits(c)
        {
            taken[i] = true;
            lone.push(c.label.clone());
        }
    }
    out.extend(lone);
    out.sort_by_key(|l| l.line);
    out
}

/// Folios of an excerpt: numbers standing alone beside the running heads
/// and footers of their pages (`running`, sorted), rising through the
/// document, three or more. An excerpt of a long report keeps a page here
/// and there (50, 278, 294, …), so no sequence of neighbours confirms
/// them; the furniture beside them and their rise do. A label of two or
/// fewer of a family that the rise passes over is dropped: a stray number
/// paired by chance. `skip` marks lines that hold no label.
pub fn beside_furniture(
    mut labels: Vec<Label>,
    infos: &[LineInfo],
    running: &[(usize, crate::model::FwKind)],
    skip: &[bool],
) -> Vec<Label> {
    /// Non-blank lines between a folio and the furniture beside it.
    const NEAR: usize = 3;
    let furniture = |k: usize| running.binary_search_by_key(&k, |x| x.0).is_ok();
    let beside = |i: usize| {
        let look = |step: isize| {
            let mut k = i as isize;
            let mut seen = 0;
            loop {
                k += step;
                if k < 0 || k as usize >= infos.len() {
                    return false;
                }
                let k = k as usize;
                if infos[k].class == LineClass::Blank {
                    continue;
                }
                if furniture(k) {
                    return true;
                }
                seen += 1;
                if seen >= NEAR {
                    return false;
                }
            }
        };
        look(-1) || look(1)
    };
    let number = |i: usize| {
        let t = infos[i].trimmed.trim_start_matches(['.', ' ']);
        (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())).then_some(t)
    };
    // Margin line numbers come in runs (alone or opening their line): a
    // folio has one such line near it at most, and no number alone.
    let margin = |k: usize| {
        super::lines::split_ws(&infos[k].trimmed)
            .next()
            .is_some_and(|w| w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
    };
    let lone = |i: usize| {
        let near =
            || (i.saturating_sub(NEAR)..(i + NEAR + 1).min(infos.len())).filter(move |&k| k != i);
        near().filter(|&k| margin(k)).count() <= 1 && near().all(|k| number(k).is_none())
    };
    // (line, value, printed range) of each lone number beside furniture.
    let mut cands: Vec<(usize, u32, Range<usize>)> = Vec::new();
    for (i, info) in infos.iter().enumerate() {
        if info.class != LineClass::Text || skip.get(i).copied().unwrap_or(false) || furniture(i) {
            continue;
        }
        let Some(t) = number(i) else {
            continue;
        };
        let Ok(value) = t.parse::<u32>() else {
            continue;
        };
        if value == 0 || !lone(i) || !beside(i) {
            continue;
        }
        let off = info.trimmed.len() - t.len();
        cands.push((i, value, off..off + t.len()));
    }
    // The longest strictly rising run of values (quadratic in a handful).
    let n = cands.len();
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(n);
    for j in 0..n {
        // On a tie, the earliest predecessor.
        let b = (j.saturating_sub(64)..j)
            .filter(|&i| cands[i].1 < cands[j].1)
            .min_by_key(|&i| (std::cmp::Reverse(best[i].0), i))
            .map_or((1, None), |i| (best[i].0 + 1, Some(i)));
        best.push(b);
    }
    let Some(end) = (0..n).max_by_key(|&j| (best[j].0, std::cmp::Reverse(j))) else {
        return labels;
    };
    if best[end].0 < 3 {
        return labels;
    }
    let mut rise = Vec::new();
    let mut k = Some(end);
    while let Some(j) = k {
        rise.push(j);
        k = best[j].1;
    }
    rise.reverse();
    // Only where the rise skips pages: a book's folios beside its running
    // heads are confirmed by their sequence already.
    let (first, last) = (cands[rise[0]].0, cands[rise[rise.len() - 1]].0);
    let steps = cands[rise[rise.len() - 1]].1 - cands[rise[0]].1;
    if (steps as usize) < rise.len() * 3 {
        return labels;
    }
    let family = Family {
        roman: false,
        prefix: String::new(),
        style: Style::Bare,
    };
    // Sorted by line, as the candidates are.
    let in_rise: Vec<usize> = rise.iter().map(|&j| cands[j].0).collect();
    let mut sizes: std::collections::HashMap<&Family, usize> = Default::default();
    for l in &labels {
        *sizes.entry(&l.family).or_default() += 1;
    }
    let stray: Vec<usize> = labels
        .iter()
        .filter(|l| {
            l.place == Place::Alone
                && (first..=last).contains(&l.line)
                && in_rise.binary_search(&l.line).is_err()
                && sizes[&l.family] <= 2
        })
        .map(|l| l.line)
        .collect();
    labels.retain(|l| stray.binary_search(&l.line).is_err());
    let had = labels.len();
    for &j in &rise {
        let (line, value, ref range) = cands[j];
        if labels[..had]
            .binary_search_by_key(&line, |l| l.line)
            .is_ok()
        {
            continue;
        }
        labels.push(Label {
            line,
            place: Place::Alone,
            range: range.clone(),
            label: value.to_string(),
            value,
            family: family.clone(),
            repaired: false,
        });
    }
    labels.sort_by_key(|l| l.line);
    labels
}

/// The page number of an export's page marker (`--- Page 12 ---` is 12).
fn marker_number(t: &str) -> Option<u32> {
    t.split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())?
        .parse()
        .ok()
}

/// Lines looked at on each side of a scan's page number for the folio.
const SCAN_REACH: usize = 3;

/// Folios beside a scan's page numbers. Where an archive stamped each page
/// (`HW 50955 DocId … Page 7`) or an export numbered it (`--- Page 7 ---`),
/// the printed folio stands next to that number, and the two differ by a
/// steady offset (the scan's cover pages) until a document of the file
/// numbers its pages afresh. The folios read so far give the offset; at a
/// page whose folio was not read, the last word of a short line beside the
/// scan number is the folio when it reads as the number the offset wants:
/// exactly (through the look-alikes, `ll` is 11), or with one glyph
/// misread, added or lost (`1b`, `a6`) where it is no margin number alone
/// on its line. With no folio read anywhere, the scan's numbers are taken
/// for the folios when most pages show them so.
fn beside_scan(
    scan: &[(usize, u32)],
    out: &[Label],
    texts: &[&str],
    infos: &[LineInfo],
    skip: &[bool],
    contents: &[bool],
    layout: &Layout,
) -> Vec<Label> {
    if scan.len() < 3 {
        return Vec::new();
    }
    // The non-blank lines beside scan number `j`, nearest first.
    let beside = |j: usize| -> Vec<usize> {
        let s = scan[j].0;
        let text = |k: &usize| infos[*k].class != LineClass::Blank;
        let up = (s.saturating_sub(4 * SCAN_REACH)..s).rev().filter(text);
        let down = (s + 1..(s + 1 + 4 * SCAN_REACH).min(infos.len())).filter(text);
        let (up, down): (Vec<usize>, Vec<usize>) = (
            up.take(SCAN_REACH).collect(),
            down.take(SCAN_REACH).collect(),
        );
        let mut v: Vec<usize> = up.into_iter().chain(down).collect();
        v.sort_by_key(|&k| k.abs_diff(s));
        v
    };
    let label_at = |k: usize| {
        let at = out.partition_point(|l| l.line < k);
        out.get(at).filter(|l| l.line == k)
    };
    // Each scan page's folio already read, and its offset.
    let mut read: Vec<Option<&Label>> = Vec::with_capacity(scan.len());
    for j in 0..scan.len() {
        read.push(
            beside(j)
                .into_iter()
                .find_map(label_at)
                .filter(|l| !l.family.roman),
        );
    }
    let offset = |j: usize| read[j].map(|l| i64::from(scan[j].1) - i64::from(l.value));
    let anchored = read.iter().any(Option::is_some);
    let mut found = Vec::new();
    let mut exact = 0;
    for j in 0..scan.len() {
        if read[j].is_some() {
            continue;
        }
        let (before, after) = (
            (0..j).rev().find_map(offset),
            (j + 1..scan.len()).find_map(offset),
        );
        let (off, family) = match (before, after) {
            (Some(a), Some(b)) if a != b => continue,
            (Some(a), _) | (None, Some(a)) => {
                let k = (0..j)
                    .rev()
                    .chain(j + 1..scan.len())
                    .find_map(|k| read[k])
                    .map(|l| l.family.clone());
                (a, k)
            }
            (None, None) => (0, None),
        };
        let Some(want) = u32::try_from(i64::from(scan[j].1) - off)
            .ok()
            .filter(|&v| v > 0)
        else {
            continue;
        };
        let best = beside(j)
            .into_iter()
            .filter(|&k| {
                infos[k].class == LineClass::Text
                    && !skip.get(k).copied().unwrap_or(false)
                    && !contents.get(k).copied().unwrap_or(false)
                    && label_at(k).is_none()
                    && !scan.iter().any(|s| s.0 == k)
            })
            .filter_map(|k| folio_word(texts[k], want, layout).map(|(r, e)| (k, r, e)))
            .min_by_key(|&(k, _, e)| (!e, k.abs_diff(scan[j].0)));
        let Some((k, range, is_exact)) = best else {
            continue;
        };
        exact += usize::from(is_exact);
        let alone =
            texts[k].trim().len() == range.len() || !texts[k].chars().any(char::is_alphabetic);
        found.push(Label {
            line: k,
            place: if alone { Place::Alone } else { Place::End },
            label: want.to_string(),
            value: want,
            family: family.unwrap_or(Family {
                roman: false,
                prefix: String::new(),
                style: Style::Bare,
            }),
            repaired: !is_exact || texts[k][range.clone()] != *want.to_string(),
            range,
        });
    }
    if !anchored && (found.len() * 2 < scan.len() || exact == 0) {
        return Vec::new();
    }
    found
}

/// The last word of a short line, if it reads as folio `want`: the byte
/// range of its figures and whether it reads so exactly (see
/// [`beside_scan`]).
fn folio_word(text: &str, want: u32, layout: &Layout) -> Option<(Range<usize>, bool)> {
    let t = text.trim();
    if t.chars().count() > 40 {
        return None;
    }
    let w = t
        .split_whitespace()
        .rev()
        .find(|w| w.chars().any(char::is_alphanumeric))?;
    let core = w.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() || core.chars().count() > 4 {
        return None;
    }
    let read: String = core
        .chars()
        .map(|c| layout.digit(c).map_or(c, |(d, _)| d))
        .collect();
    let want = want.to_string();
    let off = core.as_ptr() as usize - text.as_ptr() as usize;
    let range = off..off + core.len();
    if read == want {
        return Some((range, true));
    }
    // One glyph wrong: not a margin's line number alone (`3` is no `2`),
    // nor a word among other figures (a time, a form number), and a
    // substitution only in a number of two figures or more.
    let margin = t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace());
    let figures = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
    if figures(t) != figures(core) {
        return None;
    }
    let same_len = read.chars().count() == want.len();
    (core.chars().any(|c| c.is_ascii_digit())
        && !margin
        && !(same_len && want.len() < 2)
        && within_edits(read.as_bytes(), want.as_bytes(), 1))
    .then_some((range, false))
}

/// Does a candidate of another printed form fall in a gap of a kept chain
/// of its numbering (roman or arabic, same prefix): its number between two
/// members', at the line the chain's step between them expects?
fn in_gap(kept: &[(Vec<Candidate>, f64)], c: &Candidate) -> bool {
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

#[cfg(test)]
mod tests {
    use super::super::layout::{DEFAULT_LAYOUT, Layout};
    use super::super::lines::classify;
    use super::grammar::*;
    use super::*;

    fn run(lines: &[&str]) -> Vec<(usize, String)> {
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        detect(lines, &infos, &[], &[], &[], &layout)
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
        let got = detect(&r, &infos, &[], &[], &[31], &layout);
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
    fn a_page_word_run_into_its_number() {
        let c = cand("Page5").expect("a label");
        assert_eq!((c.label.value, c.label.family.style), (5, Style::PageWord));
        assert!(cand("Pages").is_none_or(|c| c.label.family.style != Style::PageWord));
    }

    #[test]
    fn a_dashed_folio_run_into_a_line_of_words() {
        let c = cand("SAS MARTIN LAUER and - 10 -").expect("a label");
        assert_eq!((c.label.value, c.label.place), (10, Place::End));
        assert_eq!(c.label.family.style, Style::Dashed);
        assert!(
            cand("the years 1962 - 1963 -").is_none_or(|c| c.label.family.style != Style::Dashed)
        );
        assert!(cand("SA JAMES ROSS and 43").is_none_or(|c| c.label.family.style != Style::Dashed));
    }

    #[test]
    fn a_letters_continuation_page_stands_alone() {
        let mut lines: Vec<String> = doc(&["Dear Sir,"], 30);
        lines.extend(["".into(), "Page 2".into(), "".into()]);
        lines.extend(doc(&["Yours faithfully,"], 30));
        lines.extend(["".into(), "P.374".into(), "".into()]);
        lines.extend(doc(&["end"], 5));
        let r: Vec<&str> = lines.iter().map(String::as_str).collect();
        let got: Vec<String> = run(&r).into_iter().map(|(_, l)| l).collect();
        assert_eq!(got, ["2"]);
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
    fn stamped_scan_pages_give_way_to_printed_folios_and_margin_numbers_to_both() {
        let mut lines: Vec<String> = Vec::new();
        for p in 2..=9 {
            lines.push(format!("HW 50955 DocId: 32275518 Page {}", p + 3));
            lines.push(format!("SECRET {p}"));
            for k in 1..=5 {
                lines.push(k.to_string());
                for _ in 0..8 {
                    lines.push("Q And did you see him at the office that week in June?".into());
                }
            }
        }
        let r: Vec<&str> = lines.iter().map(String::as_str).collect();
        let got: Vec<String> = run(&r).into_iter().map(|(_, l)| l).collect();
        let want: Vec<String> = (2..=9).map(|p| p.to_string()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn an_excerpts_folios_rise_beside_its_furniture() {
        let mut lines: Vec<String> = Vec::new();
        let mut running = Vec::new();
        for n in [50, 278, 294, 324] {
            running.push((lines.len(), crate::model::FwKind::Header));
            lines.push("TOP SECRET".into());
            lines.extend(doc(&["x"], 30).into_iter().skip(1));
            lines.push(String::new());
            lines.push(n.to_string());
        }
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let got: Vec<String> = beside_furniture(Vec::new(), &infos, &running, &[])
            .into_iter()
            .map(|l| l.label)
            .collect();
        assert_eq!(got, ["50", "278", "294"]);
    }

    #[test]
    fn romans() {
        assert_eq!(roman("xiv"), Some(14));
        assert_eq!(roman("iiii"), None);
        assert_eq!(roman("civil"), None);
    }
}
