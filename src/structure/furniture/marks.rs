//! Printer's signature marks: a letter, perhaps with a figure (`B`, `c 2`,
//! `D 2`), set alone at the foot of the first pages of each gathering of a
//! book. Its place gives it away: the page's last line, with the seam (a
//! run of blank lines, a page number or a running head) right after it.
//! A document must show two or more: one lone letter is no habit.

use super::super::labels::Label;
use super::super::lines::{LineClass, LineInfo};
use crate::model::FwKind;

/// Blank lines after a mark that make a seam by themselves.
const SEAM_BLANKS: usize = 3;

/// Is a line's text a signature mark: one letter, then perhaps a figure
/// from 1 to 9, and a stop or comma?
fn mark(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ',']);
    let mut cs = t.chars();
    let Some(letter) = cs.next() else {
        return false;
    };
    // A lone `I` is a numeral or a word more often than a mark.
    if !letter.is_ascii_alphabetic() || letter.eq_ignore_ascii_case(&'i') {
        return false;
    }
    let rest: String = cs.filter(|c| !c.is_whitespace()).collect();
    rest.is_empty() || rest.len() == 1 && rest.bytes().all(|b| (b'1'..=b'9').contains(&b))
}

/// The signature marks of a document (see the module doc). `furniture`
/// holds the running heads found (sorted by line).
pub(super) fn detect(
    infos: &[LineInfo],
    labels: &[Label],
    furniture: &[(usize, FwKind)],
) -> Vec<(usize, FwKind)> {
    let seam_at = |k: usize| {
        furniture.binary_search_by_key(&k, |x| x.0).is_ok()
            || labels.binary_search_by_key(&k, |l| l.line).is_ok()
    };
    let found: Vec<(usize, FwKind)> = (0..infos.len())
        .filter(|&i| {
            infos[i].class == LineClass::Text && infos[i].len <= 4 && mark(&infos[i].trimmed)
        })
        .filter(|&i| {
            // Running text above it: the page's last line.
            let above = (0..i).rev().find(|&k| infos[k].class != LineClass::Blank);
            let below = (i + 1..infos.len()).find(|&k| infos[k].class != LineClass::Blank);
            above.is_some_and(|k| {
                infos[k].class == LineClass::Text && infos[k].len >= 30 && !seam_at(k)
            }) && below.is_none_or(|k| k - i > SEAM_BLANKS || seam_at(k))
        })
        .map(|i| (i, FwKind::Footer))
        .collect();
    if found.len() < 2 {
        return Vec::new();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::super::lines::classify;
    use super::*;

    #[test]
    fn marks() {
        for t in ["B", "c 2", "D 2", "n", "C."] {
            assert!(mark(t), "{t}");
        }
        for t in ["Be", "12", "D 22", "a b", "I."] {
            assert!(!mark(t), "{t}");
        }
    }

    #[test]
    fn marks_at_page_feet_are_furniture() {
        let prose = "the text of the page runs on in long lines of prose, page after page";
        let mut lines: Vec<&str> = Vec::new();
        for m in ["B", "B 2", "C"] {
            lines.extend([prose, prose, "", m, "", "", "", "HEAD", "", prose]);
        }
        // A letter inside the text is none.
        lines.extend([prose, "A", prose]);
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let got: Vec<usize> = detect(&infos, &[], &[])
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        assert_eq!(got, [3, 13, 23]);
    }
}
