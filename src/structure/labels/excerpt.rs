//! Folios of an excerpt, confirmed by the furniture beside them and their rise.

use std::ops::Range;

use super::{Family, Label, Place, Style};
use crate::structure::lines::{LineClass, LineInfo};

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
        crate::structure::lines::split_ws(&infos[k].trimmed)
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
