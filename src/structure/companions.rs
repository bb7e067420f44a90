//! Running heads that sit beside a page number on a line of their own.
//!
//! A book's recto head carries the chapter's title, which changes from
//! chapter to chapter, so it repeats too seldom for [`super::furniture`] to
//! see it. Its place gives it away instead: a short line next to the page
//! number (only blank lines between), with the page's prose on its other
//! side. When the document does that on most of its numbered pages, the
//! lines beside the numbers are its running heads. A heading on a chapter's
//! opening page is told apart by its own signs: a heading word and number
//! (`CHAPTER IV.`), a section number, a section word, or a title line under it.

use super::heading_styles::{Numbering, numbering};
use super::labels::{Label, Place};
use super::layout::Layout;
use super::lines::{LineClass, LineInfo, starts_lowercase, title_case_ratio, upper_ratio, words};
use crate::model::FwKind;
use std::collections::HashSet;

/// Longest line, in characters, taken for a running head.
const MAX_LEN: usize = 60;

/// Most lines between a page number and its running head.
const REACH: usize = 4;

/// Running heads beside page numbers (see the module doc). `furniture`
/// holds the lines found to be furniture already (sorted); they are not
/// looked at again, nor are the lines `skip` marks (contents, page markers).
pub fn detect(
    infos: &[LineInfo],
    labels: &[Label],
    furniture: &[(usize, FwKind)],
    skip: &[bool],
    layout: &Layout,
    function_words: &HashSet<String>,
) -> Vec<(usize, FwKind)> {
    let alone: Vec<usize> = labels
        .iter()
        .filter(|l| l.place == Place::Alone)
        .map(|l| l.line)
        .collect();
    if alone.len() < 3 {
        return Vec::new();
    }
    let taken = |k: usize| {
        skip[k]
            || furniture.binary_search_by_key(&k, |x| x.0).is_ok()
            || labels.binary_search_by_key(&k, |l| l.line).is_ok()
    };
    let mut found: Vec<(usize, FwKind)> = Vec::new();
    for &at in &alone {
        for down in [false, true] {
            let Some(k) = next_line(infos, at, down, REACH) else {
                continue;
            };
            if taken(k) || !head_like(&infos[k], function_words) {
                continue;
            }
            // The page's prose (or its edge) lies on the head's other side.
            let beyond = next_line(infos, k, down, usize::MAX);
            let prose = beyond.is_none_or(|b| {
                taken(b) || infos[b].class == LineClass::Text && infos[b].len >= 40
            });
            if prose && !heading_signs(&infos[k], layout) {
                // Above its number the head is the page's top line; below
                // it, the number stands at the top.
                found.push((k, FwKind::Header));
            }
        }
    }
    found.sort_unstable();
    found.dedup_by_key(|x| x.0);
    // The document's habit, not a chance: on most numbered pages.
    if found.len() < 3 || found.len() * 2 < alone.len() {
        return Vec::new();
    }
    found
}

/// The nearest non-blank line above or below `i`, past at most `reach`
/// blank lines.
fn next_line(infos: &[LineInfo], i: usize, down: bool, reach: usize) -> Option<usize> {
    let mut k = i;
    let mut blanks = 0;
    loop {
        k = if down {
            (k + 1 < infos.len()).then_some(k + 1)?
        } else {
            k.checked_sub(1)?
        };
        if infos[k].class != LineClass::Blank {
            return Some(k);
        }
        blanks += 1;
        if blanks > reach {
            return None;
        }
    }
}

/// A line short enough for a running head, with letters, set in capitals
/// or title case: the tail of a paragraph is neither. It has no figures (a
/// head with its page number is a label's line already; a date line is no
/// head).
fn head_like(info: &LineInfo, function_words: &HashSet<String>) -> bool {
    info.class == LineClass::Text
        && info.len <= MAX_LEN
        && !info.trimmed.bytes().any(|b| b.is_ascii_digit())
        && info.trimmed.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !starts_lowercase(&info.trimmed)
        && (upper_ratio(&info.trimmed) >= 0.8
            || title_case_ratio(&words(&info.trimmed), function_words).is_some_and(|r| r >= 0.6))
}

/// Signs that a line opens a chapter or section rather than repeats one:
/// numbering (`CHAPTER IV.`, `IV.`, `3.`) or a section word (`PREFACE`).
fn heading_signs(info: &LineInfo, layout: &Layout) -> bool {
    if numbering(&info.trimmed, layout) != Numbering::None {
        return true;
    }
    let folded: String = info
        .trimmed
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    layout.section_words.contains(&folded)
}

#[cfg(test)]
mod tests {
    use super::super::labels;
    use super::super::lines::classify;
    use super::*;

    fn layout() -> Layout {
        Layout::parse(super::super::layout::DEFAULT_LAYOUT, "t").unwrap()
    }

    fn run(lines: &[String]) -> Vec<usize> {
        let texts: Vec<&str> = lines.iter().map(String::as_str).collect();
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let found = labels::detect(&texts, &infos, &[], &[], &[], &layout());
        detect(
            &infos,
            &found,
            &[],
            &vec![false; lines.len()],
            &layout(),
            &crate::structure::parse_word_list(crate::structure::DEFAULT_FUNCTION_WORDS),
        )
        .into_iter()
        .map(|(i, _)| i)
        .collect()
    }

    fn page(lines: &mut Vec<String>, head: &str, n: u32) {
        let prose = "the text of the page runs on in long lines of prose, page after page";
        lines.extend(["".into(), "".into(), head.into(), "".into()]);
        lines.push(n.to_string());
        lines.push(String::new());
        for _ in 0..20 {
            lines.push(prose.into());
        }
    }

    #[test]
    fn heads_beside_numbers_are_furniture() {
        let mut lines = Vec::new();
        for (k, head) in [
            "OUTLINE.",
            "PROPAGATION.",
            "THE ALIMENTARY CANAL.",
            "PROGNOSIS.",
        ]
        .iter()
        .enumerate()
        {
            page(&mut lines, head, 3 + k as u32);
        }
        assert_eq!(run(&lines), [2, 28, 54, 80]);
    }

    #[test]
    fn chapter_openings_stay_headings() {
        let mut lines = Vec::new();
        for (k, head) in ["CHAPTER I.", "CHAPTER II.", "PREFACE", "OUTLINE."]
            .iter()
            .enumerate()
        {
            page(&mut lines, head, 3 + k as u32);
        }
        // One head in four beside a number is no habit of the document.
        assert!(run(&lines).is_empty());
    }
}
