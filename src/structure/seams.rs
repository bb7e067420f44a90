//! Page seams: where one printed page ends and the next begins, and its number.
//!
//! OCR of a printed document loses the page but leaves traces: a printed page
//! number (`-  16 -`), a run of three or more blank lines, and (in some OCR
//! outputs) the first line of a page indented by one space. Printed numbers
//! and blank runs are strong evidence; a single-space indent is weak and is
//! kept only where it is rare in the document and falls a plausible page
//! length after the previous seam. Page numbers are inferred between printed
//! ones only when the count of seams agrees with them.

use super::labels::{Family, Label, Place};
use super::layout::Layout;
use super::lines::{LineClass, LineInfo};
use crate::model::FwKind;

/// The start of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageStart {
    /// 0-based index of the page's first line.
    pub line: usize,
    /// The page label, printed or inferred.
    pub n: Option<String>,
    /// True when `n` was counted from printed labels rather than printed
    /// here, or repaired from the sequence (`B-ll` read as `B-11`): `pb`
    /// then carries `@cert`.
    pub inferred: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Weak,
    Strong,
}

#[derive(Debug, Clone)]
struct Candidate {
    line: usize,
    strength: Strength,
}

/// Seams known before running heads are looked for: blank runs, form feeds,
/// `breaks` (lines that an export wrote between pages), page labels and an
/// archive's page stamps (sorted lines where a page starts or, for a
/// stamp, the line where two pages meet).
pub fn hints(
    infos: &[LineInfo],
    labels: &[Label],
    breaks: &[usize],
    texts: &[&str],
    layout: &Layout,
) -> Vec<usize> {
    let mut c = candidates(infos, labels, &[], breaks, texts);
    // A stamp on each scanned page (`HW 50955 DocId … Page 7`, five or
    // more) marks where the pages meet, folio or none.
    let stamps: Vec<usize> = (0..infos.len())
        .filter(|&i| {
            infos[i].class == LineClass::Text
                && infos[i]
                    .trimmed
                    .as_bytes()
                    .windows(5)
                    .any(|w| w.iter().all(u8::is_ascii_digit))
                && super::labels::stamp_page(&infos[i].trimmed, layout).is_some()
        })
        .collect();
    if stamps.len() >= 5 {
        c.extend(stamps.into_iter().map(|line| Candidate {
            line,
            strength: Strength::Strong,
        }));
    }
    c.sort_by_key(|c| c.line);
    let c = merge_close(infos, c);
    c.into_iter()
        .filter(|c| c.strength == Strength::Strong)
        .map(|c| c.line)
        .collect()
}

/// Finds page starts and their labels. The first page (line 0) is included
/// when any seam is found; a document with no seam evidence gets none.
pub fn detect(
    infos: &[LineInfo],
    labels: &[Label],
    furniture: &[(usize, FwKind)],
    breaks: &[usize],
    texts: &[&str],
) -> Vec<PageStart> {
    let mut cands = candidates(infos, labels, furniture, breaks, texts);
    cands.sort_by_key(|c| c.line);
    let cands = merge_close(infos, cands);
    let accepted = filter_weak(&cands);
    if accepted.is_empty() {
        return Vec::new();
    }
    let mut starts: Vec<usize> = Vec::with_capacity(accepted.len() + 1);
    if accepted[0] != 0 {
        starts.push(0);
    }
    starts.extend(accepted);
    starts.dedup();
    number_pages(labels, &starts, infos.len())
}

fn next_non_blank(infos: &[LineInfo], from: usize) -> Option<usize> {
    (from..infos.len()).find(|&j| infos[j].class != LineClass::Blank)
}

/// Is a family's label printed at the foot of its page? Each label alone on
/// its line votes: text just above and a blank line below is a foot.
fn at_foot(infos: &[LineInfo], labels: &[Label]) -> std::collections::HashMap<Family, bool> {
    let mut votes: std::collections::HashMap<Family, (usize, usize)> = Default::default();
    for l in labels.iter().filter(|l| l.place == Place::Alone) {
        let i = l.line;
        let prev_is_text = i > 0 && infos[i - 1].class != LineClass::Blank;
        let next_blank = infos.get(i + 1).is_none_or(|n| n.class == LineClass::Blank);
        let v = votes.entry(l.family.clone()).or_default();
        if prev_is_text && next_blank {
            v.0 += 1;
        } else {
            v.1 += 1;
        }
    }
    votes
        .into_iter()
        .map(|(f, (foot, top))| (f, foot > top))
        .collect()
}

/// The first line of the furniture run that line `i` belongs to.
fn run_start(infos: &[LineInfo], i: usize) -> usize {
    let mut s = i;
    while s > 0 && infos[s - 1].class == LineClass::Furniture {
        s -= 1;
    }
    s
}

fn candidates(
    infos: &[LineInfo],
    labels: &[Label],
    furniture: &[(usize, FwKind)],
    breaks: &[usize],
    texts: &[&str],
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let strong = |line| Candidate {
        line,
        strength: Strength::Strong,
    };
    out.extend(breaks.iter().copied().map(strong));
    let foot = at_foot(infos, labels);
    let after = |i: usize| next_non_blank(infos, i + 1);
    for l in labels {
        let bottom = match l.place {
            Place::Alone => foot.get(&l.family).copied().unwrap_or(false),
            _ => furniture
                .iter()
                .any(|(k, kind)| *k == l.line && *kind == FwKind::Footer),
        };
        if bottom {
            out.extend(after(l.line).map(strong));
        } else {
            out.push(strong(run_start(infos, l.line)));
        }
    }
    for &(i, kind) in furniture {
        match kind {
            FwKind::Footer => out.extend(after(i).map(strong)),
            _ => out.push(strong(run_start(infos, i))),
        }
    }
    let text_lines = infos.iter().filter(|i| i.class == LineClass::Text).count();
    let one_space = infos
        .iter()
        .filter(|i| i.class == LineClass::Text && i.indent == 1)
        .count();
    // A one-space indent marks page starts only where it is rare.
    let indent_is_signal = one_space > 0 && one_space * 20 <= text_lines.max(1);
    let mut blank_run = 0usize;
    for (i, info) in infos.iter().enumerate() {
        // A form feed is the page break of many OCR exports.
        if texts.get(i).is_some_and(|t| t.starts_with('\u{c}')) && i > 0 {
            out.push(strong(i));
        }
        if info.class == LineClass::Blank {
            blank_run += 1;
            continue;
        }
        if blank_run >= 3 && i > blank_run {
            out.push(strong(i));
        }
        blank_run = 0;
        if info.class == LineClass::Text && indent_is_signal && info.indent == 1 && i > 0 {
            out.push(Candidate {
                line: i,
                strength: Strength::Weak,
            });
        }
    }
    out
}

/// Candidates separated only by blank lines, page numbers or one line are one seam.
fn merge_close(infos: &[LineInfo], cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for c in cands {
        if let Some(last) = out.last_mut() {
            let between = (last.line..c.line)
                .filter(|&k| matches!(infos[k].class, LineClass::Text | LineClass::Noise))
                .count();
            if c.line == last.line || between <= 1 {
                last.strength = last.strength.max(c.strength);
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn median(mut v: Vec<usize>) -> Option<usize> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    Some(v[v.len() / 2])
}

/// Keeps strong seams, and weak ones that fall at least half a page after the last seam.
fn filter_weak(cands: &[Candidate]) -> Vec<usize> {
    let strong: Vec<usize> = cands
        .iter()
        .filter(|c| c.strength == Strength::Strong)
        .map(|c| c.line)
        .collect();
    let gaps = |lines: &[usize]| -> Vec<usize> {
        std::iter::once(0)
            .chain(lines.iter().copied())
            .collect::<Vec<_>>()
            .windows(2)
            .map(|w| w[1] - w[0])
            .collect()
    };
    let all: Vec<usize> = cands.iter().map(|c| c.line).collect();
    // Weak evidence alone needs several regular seams to count.
    let weak_only = strong.is_empty();
    if weak_only && all.len() < 3 {
        return Vec::new();
    }
    // Page length: the typical distance between any two candidate seams.
    // Strong seams alone are too sparse (a page without a printed number or a
    // blank run leaves no strong trace), so weak ones vote too.
    let page_len = median(gaps(&all)).unwrap_or(0);
    let min_gap = page_len / 2;
    let mut out: Vec<usize> = Vec::new();
    for c in cands {
        let last = out.last().copied().unwrap_or(0);
        match c.strength {
            Strength::Strong => out.push(c.line),
            Strength::Weak => {
                let next_strong = strong.iter().find(|&&s| s > c.line);
                let fits_after = c.line - last >= min_gap;
                let fits_before = next_strong.is_none_or(|&s| s - c.line >= min_gap / 2);
                if fits_after && fits_before {
                    out.push(c.line);
                }
            }
        }
    }
    out
}

/// Gives each page its printed label, and infers labels between printed
/// ones of one family where the count of seams agrees.
fn number_pages(labels: &[Label], starts: &[usize], line_count: usize) -> Vec<PageStart> {
    let printed: Vec<Option<&Label>> = starts
        .iter()
        .enumerate()
        .map(|(p, &s)| {
            let end = starts.get(p + 1).copied().unwrap_or(line_count);
            let k = labels.partition_point(|l| l.line < s);
            labels.get(k).filter(|l| l.line < end)
        })
        .collect();
    let mut numbers: Vec<Option<String>> =
        printed.iter().map(|l| l.map(|l| l.label.clone())).collect();
    let anchors: Vec<(usize, &Label)> = printed
        .iter()
        .enumerate()
        .filter_map(|(p, l)| l.map(|l| (p, l)))
        .collect();
    let name = |f: &Family, v: u32| -> String {
        let core = if f.roman {
            super::labels::to_roman(v)
        } else {
            v.to_string()
        };
        if f.prefix.is_empty() {
            core
        } else {
            format!("{}-{core}", f.prefix)
        }
    };
    // Between two anchors of one family: only when the page count matches.
    for w in anchors.windows(2) {
        let ((pa, a), (pb, b)) = (w[0], w[1]);
        if a.family == b.family && b.value > a.value && (b.value - a.value) as usize == pb - pa {
            for (k, slot) in numbers.iter_mut().enumerate().take(pb).skip(pa + 1) {
                *slot = Some(name(&a.family, a.value + (k - pa) as u32));
            }
        }
    }
    // Before the first and after the last anchor: count outwards.
    if let Some(&(pa, a)) = anchors.first() {
        for (k, slot) in numbers.iter_mut().enumerate().take(pa) {
            let back = (pa - k) as u32;
            if a.value > back {
                *slot = Some(name(&a.family, a.value - back));
            }
        }
    }
    if let Some(&(pz, z)) = anchors.last() {
        for (k, slot) in numbers.iter_mut().enumerate().skip(pz + 1) {
            *slot = Some(name(&z.family, z.value + (k - pz) as u32));
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(p, &line)| PageStart {
            line,
            // A label repaired from the sequence is no more certain than an inferred one.
            inferred: numbers[p].is_some() && printed[p].is_none_or(|l| l.repaired),
            n: numbers[p].take(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::labels;
    use super::super::layout::{DEFAULT_LAYOUT, Layout};
    use super::super::lines::classify;
    use super::*;

    fn run(lines: &[String]) -> Vec<PageStart> {
        let r: Vec<&str> = lines.iter().map(String::as_str).collect();
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let infos: Vec<LineInfo> = r.iter().map(|l| classify(l)).collect();
        let labels = labels::detect(&r, &infos, &[], &[], &[], &layout);
        detect(&infos, &labels, &[], &[], &r)
    }

    fn page(text: &str, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("{text} line {i} of running text"))
            .collect()
    }

    #[test]
    fn no_evidence_no_pages() {
        assert!(run(&page("a", 30)).is_empty());
    }

    #[test]
    fn printed_numbers_anchor_inference() {
        let mut lines: Vec<String> = Vec::new();
        lines.extend(page("p1", 20));
        lines.extend(["".into(), "".into(), "".into()]);
        lines.extend(page("p2", 20));
        lines.push("- 3 -".into());
        lines.extend(page("p3", 20));
        let pages = run(&lines);
        let ns: Vec<Option<&str>> = pages.iter().map(|p| p.n.as_deref()).collect();
        assert_eq!(ns, vec![Some("1"), Some("2"), Some("3")]);
        assert!(pages[0].inferred && !pages[2].inferred);
        assert_eq!(pages[1].line, 23);
        assert_eq!(pages[2].line, 43);
    }

    #[test]
    fn inconsistent_gap_is_not_filled() {
        let mut lines: Vec<String> = Vec::new();
        lines.push("- 5 -".into());
        lines.extend(page("a", 20));
        lines.extend(["".into(), "".into(), "".into()]);
        lines.extend(page("b", 20));
        lines.push("- 9 -".into());
        lines.extend(page("c", 20));
        let ns: Vec<Option<String>> = run(&lines).into_iter().map(|p| p.n).collect();
        assert_eq!(ns, vec![Some("5".into()), None, Some("9".into())]);
    }
}
