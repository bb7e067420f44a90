//! Folios beside a scan's own page numbers (an archive's stamps, an
//! export's page markers), read at the offset the folios already read show.

use std::ops::Range;

use super::{Family, Label, Place, Style};
use crate::structure::layout::Layout;
use crate::structure::lines::{LineClass, LineInfo, within_edits};

/// The page number of an export's page marker (`--- Page 12 ---` is 12).
pub(super) fn marker_number(t: &str) -> Option<u32> {
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
pub(super) fn beside_scan(
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
