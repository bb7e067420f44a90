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
    let last = trimmed.split_whitespace().last()?;
    let last = last.trim_start_matches(['.', '·', '…', '_']);
    let v = if !last.is_empty() && last.len() <= 3 && last.bytes().all(|b| b.is_ascii_digit()) {
        last.parse().ok()?
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

/// Finds contents lists.
pub fn detect(infos: &[LineInfo], layout: &Layout) -> Vec<Contents> {
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
