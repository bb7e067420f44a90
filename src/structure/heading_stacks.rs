//! Titles set as a stack of lines in capitals, a title page's or a
//! preface's (`THE` / `MODERN TREATMENT` / `OF` / `SYPHILITIC DISEASES,` /
//! `PRIMARY AND SECONDARY.`, `PREFACE` / `TO THE SECOND EDITION.`).
//!
//! Each line of such a stack fails as a heading on its own: a connector
//! (`OF`, `TO`) is no title, the line before it ends on a function word,
//! and the line after it goes on with an open phrase. What joins them is
//! the grammar across the lines: a line of function words alone, a line
//! that ends on a comma or a function word, or one that opens with a
//! function word under a line that does not close. The lines are spaced
//! by up to three blank lines, wider than a heading's own lines elsewhere.

use std::collections::HashSet;

use super::lines::{LineClass, LineInfo, ends_sentence, letter_count};

/// Most blank lines between two lines of one stack.
const STACK_GAP: usize = 3;

/// Most words of a connector line (`OF`, `OF THE`, `TO THE`).
const CONNECTOR_WORDS: usize = 3;

/// The stacked titles of a document: 0-based first and last line of
/// each, in order. `caps[k]`: line `k` is set in capitals. `usable(k)`:
/// line `k` may belong to a title (no formula, not too long).
pub(super) fn stacked_titles(
    infos: &[LineInfo],
    caps: &[bool],
    function_words: &HashSet<String>,
    usable: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let member = |k: usize| {
        let x = &infos[k];
        // (A colon marks a field of a form, `FROM:`, `TO:`.)
        x.class == LineClass::Text
            && caps[k]
            && letter_count(&x.trimmed) >= 2
            && !x.trimmed.contains(':')
            && usable(k)
    };
    let folded = |w: &str| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
    let function_word = |w: &str| {
        let f = folded(w);
        !f.is_empty() && function_words.contains(&f)
    };
    let connector = |k: usize| {
        let ws: Vec<&str> = infos[k].trimmed.split_whitespace().collect();
        !ws.is_empty() && ws.len() <= CONNECTOR_WORDS && ws.iter().all(|w| function_word(w))
    };
    // A join that marks a stack: a connector line, or a line that opens
    // with a function word under a word alone that does not close
    // (`PREFACE` / `TO THE SECOND EDITION.`; the heads of a table's
    // columns, `NATIONALITY JANUARY` / `TO FRO`, are more).
    let marks = |a: usize, b: usize| {
        let (ta, tb) = (infos[a].trimmed.as_str(), infos[b].trimmed.as_str());
        // (A title that closes, `SYPHILITIC DISEASES.`, takes no
        // connector under it: that opens the next title, `THE`.)
        connector(a)
            || connector(b) && !ends_sentence(ta)
            || ta.split_whitespace().count() == 1
                && !ends_sentence(ta)
                && tb.split_whitespace().next().is_some_and(function_word)
    };
    // Line `b`, the next printed line after `a`, goes on with `a`'s title:
    // a join that marks a stack, or a line that ends open (on a comma or a
    // function word).
    let joins = |a: usize, b: usize| {
        let ta = infos[a].trimmed.as_str();
        let last_word_open = ta.split_whitespace().last().is_some_and(function_word);
        marks(a, b) || ta.ends_with(',') || last_word_open
    };
    // The next printed line after `k`, within the stack's gap.
    let next_printed = |k: usize| {
        (k + 1..infos.len().min(k + 2 + STACK_GAP)).find(|&j| infos[j].class != LineClass::Blank)
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < infos.len() {
        if !member(k) {
            k += 1;
            continue;
        }
        let first = k;
        let mut last = k;
        let mut marked = false;
        while let Some(n) = next_printed(last).filter(|&n| member(n) && joins(last, n)) {
            marked |= marks(last, n);
            last = n;
        }
        // A stack both ends of which are titles: a connector opens a
        // title only as its article (`THE`), and none closes one. Lines
        // in capitals that only end open are a paragraph of them.
        if marked && !connector(last) {
            out.push((first, last));
        }
        k = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::lines::{classify, upper_ratio};

    fn stacks(text: &str) -> Vec<(usize, usize)> {
        let infos: Vec<LineInfo> = text.lines().map(classify).collect();
        let caps: Vec<bool> = infos
            .iter()
            .map(|x| x.class != LineClass::Blank && upper_ratio(&x.trimmed) >= 0.8)
            .collect();
        let fw: HashSet<String> = ["of", "the", "to", "and", "a"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        stacked_titles(&infos, &caps, &fw, |_| true)
    }

    #[test]
    fn a_title_page_stacked_over_connectors_is_one_title() {
        let text = "THE\n\n\n\nMODERN TREATMENT\n\n\n\nOF\n\n\n\nSYPHILITIC DISEASES,\n\n\n\nPRIMARY AND SECONDARY.\n\n\n\nCOMPRISING\n";
        assert_eq!(stacks(text), vec![(0, 16)]);
    }

    #[test]
    fn a_preface_and_its_edition_are_one_title() {
        assert_eq!(
            stacks("PREFACE\n\nTO THE SECOND EDITION.\n\nText of the preface.\n"),
            vec![(0, 2)]
        );
        assert_eq!(
            stacks("PREFACE\n\nTO\n\nTHE SECOND EDITION.\n\nText.\n"),
            vec![(0, 4)]
        );
    }

    #[test]
    fn a_closed_title_does_not_take_the_next_title() {
        // A half-title over the title page: two titles.
        let text = "MODERN TREATMENT\n\nOF\n\nDISEASES.\n\n\n\nTHE\n\nMODERN TREATMENT\n\nOF\n\nDISEASES.\n";
        assert_eq!(stacks(text), vec![(0, 4), (8, 14)]);
    }

    #[test]
    fn a_closed_title_does_not_take_the_next_heading() {
        // `INTRODUCTORY.` is a heading of its own under the title.
        let text = "THE STUDENT'S MANUAL\n\nOF\n\nVENEREAL DISEASES.\n\nINTRODUCTORY.\n\nText.\n";
        assert_eq!(stacks(text), vec![(0, 4)]);
    }

    #[test]
    fn headings_in_capitals_without_a_join_are_no_stack() {
        assert!(stacks("CHAPTER ONE\n\nHISTORICAL.\n\nText.\n").is_empty());
        // Nor does a connector that closes nothing open one.
        assert!(stacks("HISTORY OF\n\nAND\n").is_empty());
        // Nor the fields of a form, nor the heads of a table's columns.
        assert!(stacks("TO\n\nFROM :\n\nSUBJECT:\n").is_empty());
        assert!(stacks("NATIONALITY JANUARY\nTO FRO\n").is_empty());
        // Nor lines of a message in capitals that end open.
        assert!(
            stacks("THE AIRCRAFT WAS HIJACKED AND\nLANDED AT RENO WITH\nNO DAMAGE.\n").is_empty()
        );
    }
}
