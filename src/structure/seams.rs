//! Page seams: where one printed page ends and the next begins, and its number.
//!
//! OCR of a printed document loses the page but leaves traces: a printed page
//! number (`-  16 -`), a run of three or more blank lines, and (in some OCR
//! outputs) the first line of a page indented by one space. Printed numbers
//! and blank runs are strong evidence; a single-space indent is weak and is
//! kept only where it is rare in the document and falls a plausible page
//! length after the previous seam. Page numbers are inferred between printed
//! ones only when the count of seams agrees with them.

use super::lines::{LineClass, LineInfo};

/// The start of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageStart {
    /// 0-based index of the page's first line.
    pub line: usize,
    /// The page number, printed or inferred.
    pub n: Option<u32>,
    /// True when `n` was counted from printed numbers rather than printed here.
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

/// Finds page starts. The first page (line 0) is included when any seam is found;
/// a document with no seam evidence gets none.
pub fn detect(infos: &[LineInfo]) -> Vec<PageStart> {
    let mut cands = candidates(infos);
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
    number_pages(infos, &starts)
}

fn next_non_blank(infos: &[LineInfo], from: usize) -> Option<usize> {
    (from..infos.len()).find(|&j| infos[j].class != LineClass::Blank)
}

fn candidates(infos: &[LineInfo]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let text_lines = infos.iter().filter(|i| i.class == LineClass::Text).count();
    let one_space = infos
        .iter()
        .filter(|i| i.class == LineClass::Text && i.indent == 1)
        .count();
    // A one-space indent marks page starts only where it is rare.
    let indent_is_signal = one_space > 0 && one_space * 20 <= text_lines.max(1);
    let mut blank_run = 0usize;
    for (i, info) in infos.iter().enumerate() {
        if info.class == LineClass::Blank {
            blank_run += 1;
            continue;
        }
        if blank_run >= 3 && i > blank_run {
            out.push(Candidate {
                line: i,
                strength: Strength::Strong,
            });
        }
        blank_run = 0;
        match info.class {
            LineClass::PageNumber(_) => {
                let prev_is_text = i > 0 && infos[i - 1].class != LineClass::Blank;
                let next_blank = infos.get(i + 1).is_none_or(|n| n.class == LineClass::Blank);
                if prev_is_text && next_blank {
                    // A number at the foot of a page: the next page starts after it.
                    if let Some(j) = next_non_blank(infos, i + 1) {
                        out.push(Candidate {
                            line: j,
                            strength: Strength::Strong,
                        });
                    }
                } else {
                    out.push(Candidate {
                        line: i,
                        strength: Strength::Strong,
                    });
                }
            }
            LineClass::Text if indent_is_signal && info.indent == 1 && i > 0 => {
                out.push(Candidate {
                    line: i,
                    strength: Strength::Weak,
                });
            }
            _ => {}
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

/// Gives each page its printed number, and infers numbers where the seam count agrees.
fn number_pages(infos: &[LineInfo], starts: &[usize]) -> Vec<PageStart> {
    let printed: Vec<Option<u32>> = starts
        .iter()
        .enumerate()
        .map(|(p, &s)| {
            let end = starts.get(p + 1).copied().unwrap_or(infos.len());
            (s..end).find_map(|k| match infos[k].class {
                LineClass::PageNumber(n) => Some(n),
                _ => None,
            })
        })
        .collect();
    let mut numbers: Vec<Option<u32>> = printed.clone();
    let anchors: Vec<(usize, u32)> = printed
        .iter()
        .enumerate()
        .filter_map(|(p, n)| n.map(|n| (p, n)))
        .collect();
    // Between two anchors: only when the number of pages matches the printed numbers.
    for w in anchors.windows(2) {
        let ((pa, na), (pb, nb)) = (w[0], w[1]);
        if nb > na && (nb - na) as usize == pb - pa {
            for (k, slot) in numbers.iter_mut().enumerate().take(pb).skip(pa + 1) {
                *slot = Some(na + (k - pa) as u32);
            }
        }
    }
    // Before the first and after the last anchor: count outwards.
    if let Some(&(pa, na)) = anchors.first() {
        for (k, slot) in numbers.iter_mut().enumerate().take(pa) {
            let back = (pa - k) as u32;
            if na > back {
                *slot = Some(na - back);
            }
        }
    }
    if let Some(&(pz, nz)) = anchors.last() {
        for (k, slot) in numbers.iter_mut().enumerate().skip(pz + 1) {
            *slot = Some(nz + (k - pz) as u32);
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(p, &line)| PageStart {
            line,
            n: numbers[p],
            inferred: printed[p].is_none() && numbers[p].is_some(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::lines::classify;
    use super::*;

    fn infos(lines: &[&str]) -> Vec<LineInfo> {
        lines.iter().map(|l| classify(l)).collect()
    }

    fn page(text: &str, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("{text} line {i} of running text"))
            .collect()
    }

    #[test]
    fn no_evidence_no_pages() {
        let l = page("a", 30);
        let r: Vec<&str> = l.iter().map(String::as_str).collect();
        assert!(detect(&infos(&r)).is_empty());
    }

    #[test]
    fn printed_numbers_anchor_inference() {
        let mut lines: Vec<String> = Vec::new();
        lines.extend(page("p1", 20));
        lines.extend(["".into(), "".into(), "".into()]);
        lines.extend(page("p2", 20));
        lines.push("- 3 -".into());
        lines.extend(page("p3", 20));
        let r: Vec<&str> = lines.iter().map(String::as_str).collect();
        let pages = detect(&infos(&r));
        let ns: Vec<Option<u32>> = pages.iter().map(|p| p.n).collect();
        assert_eq!(ns, vec![Some(1), Some(2), Some(3)]);
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
        let r: Vec<&str> = lines.iter().map(String::as_str).collect();
        let ns: Vec<Option<u32>> = detect(&infos(&r)).iter().map(|p| p.n).collect();
        assert_eq!(ns, vec![Some(5), None, Some(9)]);
    }
}
