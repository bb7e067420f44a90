//! Contents lists: runs of entries that end in page references.
//!
//! An entry ends with a page number (arabic up to 999, or roman), after words
//! and perhaps dot leaders (`The Early Kings ....... 12`); a title may wrap
//! over a line or two before its number. At least three entries close
//! together, whose numbers mostly rise, make a list. A contents title just
//! above it (`CONTENTS`, from the layout vocabulary) becomes its head. Page
//! references in a list are never page labels, and entries never headings.

use super::layout::Layout;
use super::lines::{LineClass, LineInfo};

/// A contents list: its lines, and the title line above it if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub title: Option<usize>,
    pub first: usize,
    pub last: usize,
    /// Lines that end an entry (each closes one `item`).
    pub entry_ends: Vec<usize>,
}

/// The page reference an entry line ends with.
fn page_ref(trimmed: &str) -> Option<u32> {
    // The last word, found from the end: most lines fail on it.
    let last = trimmed
        .rsplit(char::is_whitespace)
        .find(|w| !w.is_empty())?;
    let last = last.trim_start_matches(['.', '·', '…', '_']);
    let v = if !last.is_empty() && last.len() <= 3 && last.bytes().all(|b| b.is_ascii_digit()) {
        last.parse().ok()?
    } else if last.is_ascii() {
        // Lower-casing keeps an ASCII word's length.
        if last.is_empty()
            || last.len() > 6
            || !last
                .bytes()
                .all(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x' | b'l'))
        {
            return None;
        }
        0
    } else {
        let l = last.to_lowercase();
        if l.is_empty() || l.len() > 6 || !l.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')) {
            return None;
        }
        // Roman references count low, so they sort before the arabic ones.
        0
    };
    let before = &trimmed[..trimmed.len() - last.len()];
    let words = before
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    (words >= 1 || before.trim().is_empty()).then_some(v)
}

/// Finds contents lists: pages under a contents title (their entries
/// with page numbers or without), then runs of entries that end in page
/// numbers elsewhere.
pub fn detect(infos: &[LineInfo], layout: &Layout) -> Vec<Contents> {
    let runs = runs(infos, layout);
    let mut out = titled(infos, layout, &runs);
    let start = |c: &Contents| c.title.unwrap_or(c.first).min(c.first);
    for c in runs {
        // A run of numbered entries inside a titled page, or across its
        // end: the list is both.
        match out
            .iter_mut()
            .find(|t| start(&c) <= t.last && start(t) <= c.last)
        {
            Some(t) => {
                t.first = t.first.min(c.first);
                t.last = t.last.max(c.last);
                t.entry_ends.extend(c.entry_ends);
                t.entry_ends.retain(|&k| k >= t.first && k <= t.last);
                t.entry_ends.sort_unstable();
                t.entry_ends.dedup();
                if t.title.is_none() {
                    t.title = c.title;
                }
            }
            None => out.push(c),
        }
    }
    out.sort_by_key(|c| c.first);
    out
}

/// The key a line with figures repeats under from page to page (a running
/// foot with its date, an archive's stamp): its letters and digits, folded,
/// the first sixteen; none for a line without figures (a section's title
/// is listed in the contents and repeated at the head of its pages).
fn repeat_key(t: &str) -> String {
    // An ASCII digit is never part of a longer character.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return String::new();
    }
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .take(16)
        .collect()
}

/// A numeral alone on its line (`12`, `iv`, `- 3 -`): a page label, or a
/// page number of a list whose numbers stand in a column of their own.
fn bare_numeral(t: &str) -> bool {
    let core = t.trim_matches(|c: char| !c.is_alphanumeric());
    !core.is_empty()
        && core.len() <= 4
        && (core.bytes().all(|b| b.is_ascii_digit())
            || core
                .to_lowercase()
                .chars()
                .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
}

/// Contents under a contents title (`CONTENTS`, `TABLE OF CONTENTS`): the
/// rest of its page, whether its entries carry page numbers or not (a
/// digest lists its articles with a summary under each), and the pages
/// that go on with it (their head says `(continued)`, or its column
/// head `Page`). A page ends at an export's page marker, a line the
/// document repeats on three pages or more (running heads and feet, an
/// archive's stamp), a page word with its number (`Page ii`), a numeral
/// standing alone, or three blank lines.
/// A title that already heads a run of numbered entries (`runs`) is left to it.
fn titled(infos: &[LineInfo], layout: &Layout, runs: &[Contents]) -> Vec<Contents> {
    let n = infos.len();
    let text = |k: usize| infos[k].class != LineClass::Blank;
    let mut counts: rustc_hash::FxHashMap<String, usize> = Default::default();
    let keys: Vec<String> = infos.iter().map(|i| repeat_key(&i.trimmed)).collect();
    for k in keys.iter().filter(|k| k.len() >= 4) {
        *counts.entry(k.clone()).or_default() += 1;
    }
    let numeral = |k: usize| text(k) && bare_numeral(&infos[k].trimmed);
    let prev_text = |k: usize| (0..k).rev().find(|&j| text(j));
    let next_text = |k: usize| (k + 1..n).find(|&j| text(j));
    let page_end = |k: usize| {
        let t = infos[k].trimmed.as_str();
        if !text(k) {
            return k + 2 < n && (k..k + 3).all(|j| !text(j));
        }
        let first = t.split_whitespace().next().unwrap_or("").to_lowercase();
        super::labels::page_marker(t, layout)
            || t.contains('\u{c}')
            || keys[k].len() >= 4 && counts.get(&keys[k]).is_some_and(|&c| c >= 3)
            || layout.page_words.contains(first.trim_end_matches('.'))
                && t.split_whitespace().count() == 2
            || numeral(k)
                && !prev_text(k).is_some_and(&numeral)
                && !next_text(k).is_some_and(&numeral)
    };
    // From line `from`, the lines up to the page's end: (last text line, end).
    let walk = |from: usize| -> (usize, usize) {
        let mut last = from;
        let mut k = from;
        while k < n && k < from + 150 && !page_end(k) {
            if text(k) {
                if k > from && is_title(&infos[k].trimmed, layout) {
                    break;
                }
                last = k;
            }
            k += 1;
        }
        (last, k)
    };
    let entry_ends = |first: usize, last: usize| -> Vec<usize> {
        (first..=last)
            .filter(|&k| {
                text(k) && (k == last || !text(k + 1) || page_ref(&infos[k].trimmed).is_some())
            })
            .collect()
    };
    let mut out: Vec<Contents> = Vec::new();
    let mut t = 0;
    while t < n {
        if !(text(t) && is_title(&infos[t].trimmed, layout))
            || runs.iter().any(|r| r.title == Some(t))
        {
            t += 1;
            continue;
        }
        let Some(first) = (t + 1..n.min(t + 5)).find(|&k| text(k)) else {
            t += 1;
            continue;
        };
        if page_end(first) {
            t += 1;
            continue;
        }
        let (mut last, mut end) = walk(first);
        let mut spans = vec![(Some(t), first, last)];
        // Pages that go on with the list.
        while let Some(c) = (end..n.min(end + 16)).find(|&k| text(k) && !page_end(k)) {
            let f = infos[c].trimmed.to_lowercase();
            let goes_on = f.contains("(continued)")
                || f.trim_end_matches(|ch: char| !ch.is_alphanumeric())
                    .ends_with(" page");
            if !goes_on {
                break;
            }
            (last, end) = walk(c);
            spans.push((None, c, last));
        }
        for (title, first, last) in spans {
            let lines = (first..=last).filter(|&k| text(k)).count();
            if lines >= 3 {
                out.push(Contents {
                    title,
                    first,
                    last,
                    entry_ends: entry_ends(first, last),
                });
            }
        }
        t = end.max(t + 1);
    }
    out
}

/// Runs of entries that end in page references.
fn runs(infos: &[LineInfo], layout: &Layout) -> Vec<Contents> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < infos.len() {
        if infos[i].class != LineClass::Text || page_ref(&infos[i].trimmed).is_none() {
            i += 1;
            continue;
        }
        // Grow a run of entries from line i.
        let mut ends = vec![i];
        let mut values = vec![page_ref(&infos[i].trimmed).unwrap_or(0)];
        let mut k = i + 1;
        let (mut text_gap, mut blank_gap) = (0, 0);
        while k < infos.len() {
            match infos[k].class {
                LineClass::Blank => blank_gap += 1,
                LineClass::Text => {
                    blank_gap = 0;
                    match page_ref(&infos[k].trimmed) {
                        Some(v) => {
                            ends.push(k);
                            values.push(v);
                            text_gap = 0;
                        }
                        None => text_gap += 1,
                    }
                }
                _ => blank_gap = 0,
            }
            // Titles wrap over a few lines; a page seam leaves a few blank lines.
            if text_gap > 4 || blank_gap > 4 {
                break;
            }
            k += 1;
        }
        let rising = values.windows(2).filter(|w| w[1] >= w[0]).count();
        let strictly = values.windows(2).filter(|w| w[1] > w[0]).count();
        let pairs = values.len() - 1;
        let is_list = ends.len() >= 3 && rising * 10 >= pairs * 7 && strictly * 2 >= pairs;
        if !is_list {
            i += 1;
            continue;
        }
        let last = *ends.last().unwrap_or(&i);
        // A heading word that stands on its own line (`Chap. II.`) opens the
        // entry whose number follows; lines after the last number are not entries.
        // Wrapped title lines just above the first entry belong to it.
        let mut first = i;
        while first > 0
            && infos[first - 1].class == LineClass::Text
            && i - (first - 1) <= 2
            && !is_title(&infos[first - 1].trimmed, layout)
        {
            first -= 1;
        }
        let title = (0..first)
            .rev()
            .find(|&t| infos[t].class != LineClass::Blank)
            .filter(|&t| first - t <= 4 && is_title(&infos[t].trimmed, layout));
        out.push(Contents {
            title,
            first,
            last,
            entry_ends: ends,
        });
        i = last + 1;
    }
    out
}

fn is_title(trimmed: &str, layout: &Layout) -> bool {
    // Each letter stays a letter of the folded line: a line with more
    // letters than the longest title has is none, and is not folded.
    let longest = layout.contents_longest;
    let mut letters = 0;
    for c in trimmed.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if letters > longest {
                return false;
            }
        }
    }
    let folded: String = trimmed
        .chars()
        .filter(|c| c.is_alphabetic() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    layout.contents.contains(
        folded
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::layout::{DEFAULT_LAYOUT, Layout};
    use super::super::lines::classify;
    use super::*;

    #[test]
    fn a_contents_list_with_title_and_wrapped_entry() {
        let lines = [
            "Some text before.",
            "",
            "CONTENTS",
            "",
            "Introduction ............ 1",
            "The Early Kings and the",
            "   Founding of the City .... 9",
            "The Republic . . . . 24",
            "Index 301",
            "",
            "Running text follows here in a long line of prose.",
        ];
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let c = detect(&infos, &layout);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!((c[0].title, c[0].first, c[0].last), (Some(2), 4, 8));
        assert_eq!(c[0].entry_ends, vec![4, 6, 7, 8]);
    }

    #[test]
    fn a_titled_page_without_numbers_and_its_continuation() {
        let lines = [
            "CONTENTS",
            "",
            "THE COMMUNIST WORLD",
            "SOVIET TRADE ACTIVITY",
            "Soviet traders are renewing contacts in the West.",
            "",
            "NORTH KOREA IMPROVES AIR DEFENSE",
            "Pyongyang has dispersed its fighters.",
            "",
            "27 Dec 63 WEEKLY REVIEW Page i",
            "",
            "ASIA-AFRICA (continued) Page",
            "CYPRUS DISPUTE FLARES AGAIN 9",
            "The new outbreak of fighting is a reaction.",
            "",
            "27 Dec 63 WEEKLY REVIEW Page ii",
            "",
            "27 Dec 63 WEEKLY REVIEW Page iii",
            "The body of the review begins here with running text.",
        ];
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        let c = detect(&infos, &layout);
        let spans: Vec<_> = c.iter().map(|c| (c.title, c.first, c.last)).collect();
        assert_eq!(spans, vec![(Some(0), 2, 7), (None, 11, 13)]);
        assert_eq!(c[0].entry_ends, vec![4, 7]);
    }

    #[test]
    fn page_references() {
        assert_eq!(page_ref("The Early Kings ....... 12"), Some(12));
        assert_eq!(page_ref("Preface  xiv"), Some(0));
        assert_eq!(page_ref("Preface  XIV\u{a0}"), Some(0));
        assert_eq!(page_ref("Preface\u{2003}ix"), Some(0));
        assert_eq!(page_ref("in the year 1963"), None);
        assert_eq!(page_ref("a civil war"), None);
        assert_eq!(page_ref("12"), Some(12));
        assert_eq!(page_ref("Chapter \u{2160}"), None);
    }

    #[test]
    fn prose_with_numbers_is_no_list() {
        let lines = [
            "In the year of the war there were 12",
            "ships in the harbour and the fleet of",
            "the enemy had grown to 40 and then 9",
        ];
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        assert!(detect(&infos, &layout).is_empty());
    }
}
