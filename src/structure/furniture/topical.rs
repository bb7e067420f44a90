//! Running heads that change from page to page: a book whose every page
//! carries its own headline in capitals beside the page number
//! (`2` / `IMPORTANCE OF THIS WORK.`). No repetition gives them away;
//! their place does. Such a line stands beside a page number, and the
//! sentence of the text runs on across it (`of the nervous and mus-` /
//! … / `cular systems`): a heading never stands inside a sentence.

use super::super::labels::{Label, Place};
use super::super::lines::{
    LineClass, LineInfo, ends_sentence, letter_count, starts_lowercase, upper_ratio,
};
use crate::model::FwKind;

/// Most lines between a page number and the headline beside it.
const NEAR: usize = 4;

/// Fewest page numbers with a headline beside them that make a habit.
const HABIT: usize = 3;

/// Share of capitals in a headline's letters.
const CAPS: f64 = 0.8;

/// The page headlines of a document. `taken[k]`: line `k` is furniture
/// already.
pub(super) fn detect(infos: &[LineInfo], labels: &[Label], taken: &[bool]) -> Vec<(usize, FwKind)> {
    let text = |k: usize| infos[k].class == LineClass::Text && !taken[k];
    // No longer than a common line of the text: a headline is short.
    let mut lens: Vec<usize> = (0..infos.len())
        .filter(|&k| text(k))
        .map(|k| infos[k].len)
        .collect();
    lens.sort_unstable();
    let median = lens.get(lens.len() / 2).copied().unwrap_or(0);
    let headline = |k: usize| {
        let t = &infos[k].trimmed;
        // (Figures make a date or a page marker, `--- PAGE 3 ---`.)
        text(k)
            && infos[k].len <= median
            && letter_count(t) >= 3
            && upper_ratio(t) >= CAPS
            && !t.bytes().any(|b| b.is_ascii_digit())
    };
    let printed = |k: usize| infos[k].class != LineClass::Blank;
    let alone: Vec<&Label> = labels.iter().filter(|l| l.place == Place::Alone).collect();
    // The printed lines next to each label on either side, blank lines between.
    let beside = |l: &Label| {
        let after = (l.line + 1..infos.len().min(l.line + 1 + NEAR)).find(|&k| printed(k));
        let before = (l.line.saturating_sub(NEAR)..l.line)
            .rev()
            .find(|&k| printed(k));
        [after, before]
            .into_iter()
            .flatten()
            .filter(|&c| headline(c))
            .collect::<Vec<usize>>()
    };
    // A habit of the book: most of its page numbers have a headline beside them.
    let candidates: Vec<(&Label, Vec<usize>)> = alone.iter().map(|l| (*l, beside(l))).collect();
    let with_headline = candidates.iter().filter(|(_, c)| !c.is_empty()).count();
    if with_headline < HABIT || with_headline * 2 <= alone.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (l, cs) in candidates {
        for c in cs {
            let (lo, hi) = (c.min(l.line), c.max(l.line));
            // The text on either side of the seam, past blank lines and furniture.
            let prev = (0..lo).rev().find(|&k| printed(k) && !taken[k] && k != c);
            let next = (hi + 1..infos.len()).find(|&k| printed(k) && !taken[k]);
            let runs_on = prev.is_some_and(|k| text(k) && !ends_sentence(&infos[k].trimmed))
                && next.is_some_and(|k| text(k) && starts_lowercase(&infos[k].trimmed));
            // The text runs on under it: it heads its page, whichever side
            // of the seam the number is printed.
            if runs_on {
                out.push((c, FwKind::Header));
            }
        }
    }
    out.sort_unstable();
    out.dedup_by_key(|x| x.0);
    out
}

#[cfg(test)]
mod tests {
    use super::super::super::labels::{Family, Style};
    use super::super::super::lines::classify;
    use super::*;

    fn label(line: usize, n: u32) -> Label {
        Label {
            line,
            place: Place::Alone,
            range: 0..n.to_string().len(),
            label: n.to_string(),
            value: n,
            family: Family {
                roman: false,
                prefix: String::new(),
                style: Style::Bare,
            },
            repaired: false,
        }
    }

    fn run(lines: &[&str], labels: &[Label]) -> Vec<usize> {
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let taken: Vec<bool> = (0..infos.len())
            .map(|k| labels.iter().any(|l| l.line == k))
            .collect();
        detect(&infos, labels, &taken)
            .into_iter()
            .map(|x| x.0)
            .collect()
    }

    /// Three pages, each seam a page number and `head` between a line of
    /// text that `before` ends and one that `after` begins.
    fn pages(head: &str, before: &'static str, after: &'static str) -> (Vec<String>, Vec<Label>) {
        let mut lines: Vec<String> = Vec::new();
        let mut labels = Vec::new();
        for n in 2..5 {
            lines.push(format!("the text of page {n} runs on as it does {before}"));
            lines.push(String::new());
            labels.push(label(lines.len(), n));
            lines.push(n.to_string());
            lines.push(String::new());
            lines.push(head.to_string());
            lines.push(String::new());
            lines.push(format!("{after} and the text goes on to the page end"));
        }
        (lines, labels)
    }

    fn run_pages(p: (Vec<String>, Vec<Label>)) -> Vec<usize> {
        let lines: Vec<&str> = p.0.iter().map(String::as_str).collect();
        run(&lines, &p.1)
    }

    #[test]
    fn a_headline_inside_a_sentence_at_a_page_number_is_furniture() {
        let found = run_pages(pages(
            "IMPORTANCE OF THIS WORK.",
            "and mus-",
            "cular systems",
        ));
        assert_eq!(found, vec![4, 11, 18]);
    }

    #[test]
    fn one_page_with_a_line_in_capitals_is_no_habit() {
        let mut lines = vec!["the text of the page runs on to its very end and on"; 40];
        lines[10] = "2";
        lines[12] = "IMPORTANCE OF THIS WORK.";
        lines[20] = "3";
        lines[30] = "4";
        let labels = [label(10, 2), label(20, 3), label(30, 4)];
        assert!(run(&lines, &labels).is_empty());
    }

    #[test]
    fn a_chapter_heading_after_a_closed_sentence_is_not() {
        let found = run_pages(pages(
            "CHAPTER THE SECOND.",
            "to its end.",
            "The second part",
        ));
        assert!(found.is_empty());
    }
}
