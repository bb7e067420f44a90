//! Several documents in one file (a harvest of releases, a file of memoranda
//! and letters): where one document ends and the next begins.
//!
//! A boundary is a page seam where the page before closes (a closing
//! formula, a signature, an end mark such as `###`, or a last line that ends
//! a sentence) and the page after opens a document (a stamp, a date line, a
//! salutation, or a line that starts like `MEMORANDUM`, `TO:`, `PRESS
//! RELEASE` near its top), and the page after does not carry a page label
//! that continues a count (`- 2 -`, `Page 3`). A release stamp at the top of
//! a page opens a document even without a closing before it. The words come
//! from the layout vocabulary.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::formulas::{Formula, formula};
use super::layout::Layout;
use super::lines::{LineClass, LineInfo, ends_sentence};
use super::seams::PageStart;

/// Lines of text at the top and foot of a page that are looked at.
const EDGE: usize = 6;

/// First lines (0-based) of the documents after the first; empty for one document.
pub fn detect(infos: &[LineInfo], pages: &[PageStart], layout: &Layout) -> Vec<usize> {
    let text = |k: usize| infos[k].class == LineClass::Text;
    let mut out = Vec::new();
    // Each text's formula is worked out once (lines at page edges are asked
    // about more than once, and repeat from page to page).
    let memo: RefCell<FxHashMap<&str, Option<Formula>>> = RefCell::default();
    let formula_of = |k: usize| -> Option<Formula> {
        let t = infos[k].trimmed.as_str();
        let known = memo.borrow().get(t).copied();
        known.unwrap_or_else(|| {
            let f = formula(t, layout);
            memo.borrow_mut().insert(t, f);
            f
        })
    };
    for (p, page) in pages.iter().enumerate().skip(1) {
        let end = pages.get(p + 1).map_or(infos.len(), |n| n.line);
        let head: Vec<usize> = (page.line..end).filter(|&k| text(k)).take(EDGE).collect();
        let tail: Vec<usize> = (pages[p - 1].line..page.line)
            .rev()
            .filter(|&k| text(k))
            .take(4)
            .collect();
        if head.is_empty() || tail.is_empty() {
            continue;
        }
        // An archive's stamp beside the seam that numbers the scan's pages
        // from 2 on (`… DocId: 32424608 Page 2`): the same record.
        let mut near_seam = page.line.saturating_sub(4)..(page.line + 4).min(infos.len());
        if near_seam
            .any(|k| super::labels::stamp_page(&infos[k].trimmed, layout).is_some_and(|n| n >= 2))
        {
            continue;
        }
        // A page numbered 2 or more continues a count: the same document.
        if page
            .n
            .as_deref()
            .is_some_and(|n| !page.inferred && continues_count(n))
        {
            continue;
        }
        let opens = |k: &usize| opener(&infos[*k].trimmed, formula_of(*k), layout);
        let strong = head.iter().take(3).any(|k| {
            formula_of(*k) == Some(Formula::Stamp) && release_stamp(&infos[*k].trimmed, layout)
        });
        let closes = tail.iter().any(|&k| {
            let t = &infos[k].trimmed;
            matches!(formula_of(k), Some(Formula::Closing | Formula::Signature))
                || layout.end_marks.contains(&t.to_lowercase())
        }) || ends_sentence(&infos[tail[0]].trimmed);
        // `-more-` at the foot: the release goes on over the page.
        let more = tail.iter().any(|&k| {
            let folded = infos[k].trimmed.to_lowercase();
            layout
                .continuation_marks
                .contains(folded.trim_matches(['(', ')', '-', ' ']))
        });
        if more {
            continue;
        }
        if strong || closes && head.iter().any(opens) {
            out.push(page.line);
        }
    }
    out
}

/// A printed label past the first page: `2`, `- 3 -`, `B-2`, `iv`.
fn continues_count(label: &str) -> bool {
    let digits: String = label.chars().filter(char::is_ascii_digit).collect();
    match digits.parse::<u32>() {
        Ok(n) => n >= 2,
        Err(_) => label.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')) && label != "i",
    }
}

/// Does the line (whose formula is `f`) start like the first line of a
/// document?
fn opener(trimmed: &str, f: Option<Formula>, layout: &Layout) -> bool {
    if matches!(
        f,
        Some(Formula::Stamp | Formula::Date | Formula::Salutation)
    ) {
        return true;
    }
    let folded = trimmed.to_lowercase();
    let folded = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
    layout.document_openers.iter().any(|o| {
        folded.starts_with(o.as_str())
            && folded[o.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || o.ends_with(':'))
    })
}

/// A stamp that only a release carries at its head (`FOR IMMEDIATE RELEASE`, `EMBARGO`).
fn release_stamp(trimmed: &str, layout: &Layout) -> bool {
    let folded = trimmed.to_lowercase();
    layout
        .release_stamps
        .iter()
        .any(|w| folded.contains(w.as_str()))
        && layout
            .document_openers
            .iter()
            .any(|o| folded.contains(o.as_str()))
}

#[cfg(test)]
mod tests {
    use super::super::layout::{DEFAULT_LAYOUT, Layout};
    use super::super::lines::classify;
    use super::*;

    fn pages(lines: &[&str], starts: &[usize]) -> Vec<usize> {
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let pages: Vec<PageStart> = starts
            .iter()
            .map(|&line| PageStart {
                line,
                n: None,
                inferred: false,
            })
            .collect();
        detect(&infos, &pages, &layout)
    }

    #[test]
    fn an_archive_stamp_counting_on_keeps_one_record() {
        let lines = [
            "The sub-committee met and agreed on the measures.",
            "It closed its work for the year.",
            "HW 50955 DocId:32424608 Page 2",
            "REPORT OF THE SUB-COMMITTEE ON CUBAN SUBVERSION",
            "The measures taken in the year were these.",
        ];
        assert!(pages(&lines, &[0, 3]).is_empty());
        let mut opened = lines;
        opened[2] = "";
        assert_eq!(pages(&opened, &[0, 3]), vec![3]);
    }

    #[test]
    fn a_second_release_after_a_signature() {
        let lines = [
            "FOR IMMEDIATE RELEASE",
            "The Minister said today that the talks would go on.",
            "Yours faithfully,",
            "J. Smith",
            "FOR PRESS",
            "STATEMENT BY THE PRIME MINISTER",
            "The Prime Minister said that the budget was balanced.",
            "He would say more next week.",
            "because the talks went on for a long time and",
            "MEMORANDUM",
            "continued from the page before.",
        ];
        assert_eq!(pages(&lines, &[0, 4, 9]), vec![4]);
    }
}
