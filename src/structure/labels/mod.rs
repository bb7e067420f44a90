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
mod excerpt;
mod grammar;
mod repair;
mod scan;

use super::layout::Layout;
use super::lines::{LineClass, LineInfo};
use chains::{confirm, fill_gaps, in_gap, page_length};
pub use excerpt::beside_furniture;
use grammar::candidate;
pub use grammar::{page_marker, roman_value, to_roman};
use scan::{beside_scan, marker_number};

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
    let mended = repair::mend_gaps(&out, texts, infos, skip, contents, layout);
    out.extend(mended);
    out.sort_by_key(|l| l.line);
    out
}

#[cfg(test)]
mod tests;
