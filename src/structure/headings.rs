//! Heading detection from layout and typography, never from a list of headings.
//!
//! A heading is a short line that stands apart from running text (a blank
//! line or a page start before it, or a closed sentence before it and an
//! indent or capitals marking it), whose words are capitalised, that does not
//! end like a clause (`,`, `-`) and is not followed by a lower-case
//! continuation. Lines in capitals are level 1; title-case lines level 2.
//! Capital lines separated only by blank lines form one multi-line heading.

use std::collections::HashSet;

use super::lines::{
    LineClass, LineInfo, ends_sentence, letter_count, starts_lowercase, title_case_ratio,
    upper_ratio, words,
};

/// The level of a heading: capitals above title case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Capitals = 1,
    TitleCase = 2,
}

/// A heading: its level and the 0-based line range it covers (blank lines inside included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: Level,
    pub first: usize,
    pub last: usize,
}

/// Tunable thresholds of the detector.
#[derive(Debug, Clone)]
pub struct HeadingRules {
    /// Longest heading, as a share of the median text line length.
    pub max_len_ratio: f64,
    /// Most words in a heading.
    pub max_words: usize,
    /// Share of upper-case letters for a line in capitals.
    pub caps_ratio: f64,
    /// Share of capitalised content words for a title-case line.
    pub title_ratio: f64,
}

impl Default for HeadingRules {
    fn default() -> Self {
        HeadingRules {
            max_len_ratio: 0.75,
            max_words: 10,
            caps_ratio: 0.8,
            title_ratio: 0.6,
        }
    }
}

/// Finds the headings of a document.
pub fn detect(
    infos: &[LineInfo],
    page_starts: &HashSet<usize>,
    function_words: &HashSet<String>,
    rules: &HeadingRules,
) -> Vec<Heading> {
    let mut lens: Vec<usize> = infos
        .iter()
        .filter(|i| i.class == LineClass::Text)
        .map(|i| i.len)
        .collect();
    lens.sort_unstable();
    let median = lens.get(lens.len() / 2).copied().unwrap_or(0);
    let max_len = ((median as f64 * rules.max_len_ratio) as usize).max(24);

    let mut levels: Vec<Option<Level>> = vec![None; infos.len()];
    for (i, info) in infos.iter().enumerate() {
        if info.class != LineClass::Text {
            continue;
        }
        levels[i] = line_level(infos, i, page_starts, function_words, rules, max_len);
        // A short line in capitals right under a heading in capitals continues it.
        if levels[i].is_none()
            && i > 0
            && levels[i - 1] == Some(Level::Capitals)
            && info.len <= max_len
            && upper_ratio(&info.trimmed) >= rules.caps_ratio
        {
            levels[i] = Some(Level::Capitals);
        }
    }
    let mut headings = group(infos, &levels);
    level_numbered(infos, &mut headings);
    headings
}

/// The section number a heading starts with: `1.`, `2)`, `IV.` (not `2.1`).
fn section_number(trimmed: &str) -> Option<&str> {
    let token = trimmed.split_whitespace().next()?;
    let core = token.strip_suffix(['.', ')'])?;
    let arabic = !core.is_empty() && core.len() <= 3 && core.bytes().all(|b| b.is_ascii_digit());
    let roman = !core.is_empty()
        && core.len() <= 6
        && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    (arabic || roman).then_some(core)
}

/// Numbered headings of one series (`1.`, `2.`, `3.`) are siblings whatever
/// their case: each takes the level of the first heading of the series.
fn level_numbered(infos: &[LineInfo], headings: &mut [Heading]) {
    let numbered = |h: &Heading| section_number(&infos[h.first].trimmed).is_some();
    let arabic = |h: &Heading| {
        section_number(&infos[h.first].trimmed)
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
    };
    let Some(first) = headings.iter().find(|h| numbered(h)) else {
        return;
    };
    let (level, series_arabic) = (first.level, arabic(first));
    // One number alone is no series.
    if headings
        .iter()
        .filter(|h| numbered(h) && arabic(h) == series_arabic)
        .count()
        < 2
    {
        return;
    }
    for h in headings.iter_mut() {
        if numbered(h) && arabic(h) == series_arabic {
            h.level = level;
        }
    }
}

fn line_level(
    infos: &[LineInfo],
    i: usize,
    page_starts: &HashSet<usize>,
    function_words: &HashSet<String>,
    rules: &HeadingRules,
    max_len: usize,
) -> Option<Level> {
    let info = &infos[i];
    let t = info.trimmed.as_str();
    let ws = words(t);
    if info.len > max_len || ws.len() > rules.max_words || letter_count(t) < 3 {
        return None;
    }
    if t.ends_with([',', '-', '–']) || t.starts_with(['(', '[']) {
        return None;
    }
    let caps = upper_ratio(t) >= rules.caps_ratio;
    let title = !caps
        && first_word_capitalised(&ws)
        && !t.trim_end_matches([',', ';', ':', '.']).contains(',')
        && title_case_ratio(&ws, function_words).is_some_and(|r| r >= rules.title_ratio);
    if !caps && !title {
        return None;
    }
    let is_text = |k: usize| infos.get(k).is_some_and(|x| x.class == LineClass::Text);
    let gap_before = i == 0 || !is_text(i - 1) || page_starts.contains(&i);
    let gap_after = !is_text(i + 1);
    let prev_text = (0..i).rev().find(|&k| is_text(k));
    let prev_closed = prev_text.is_none_or(|k| ends_sentence(&infos[k].trimmed));
    let marked = caps || info.indent >= 1;
    // Without a gap before it, a heading needs a closed sentence before it and a mark.
    if !(gap_before || prev_closed && marked) {
        return None;
    }
    if !gap_before && !gap_after && !marked {
        return None;
    }
    if gap_before && !prev_closed && !gap_after && !marked {
        return None;
    }
    // A lower-case line right after it means the "heading" is running text.
    if is_text(i + 1) && starts_lowercase(&infos[i + 1].trimmed) {
        return None;
    }
    // A heading heads running text: with no full line of text after it, a
    // short line is a signature, a sign-off or a note.
    let full_line = max_len * 2 / 3;
    if !infos[i + 1..]
        .iter()
        .any(|x| x.class == LineClass::Text && x.len >= full_line)
    {
        return None;
    }
    Some(if caps {
        Level::Capitals
    } else {
        Level::TitleCase
    })
}

/// The first word that begins with a letter (words such as `20th` are
/// skipped) begins with a capital.
fn first_word_capitalised(words: &[String]) -> bool {
    words
        .iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// Joins capital lines separated only by blank lines into one heading.
fn group(infos: &[LineInfo], levels: &[Option<Level>]) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    for (i, level) in levels.iter().enumerate() {
        let Some(level) = *level else { continue };
        if let Some(last) = out.last_mut() {
            let only_blanks = (last.last + 1..i).all(|k| infos[k].class == LineClass::Blank);
            if level == Level::Capitals && last.level == Level::Capitals && only_blanks {
                last.last = i;
                continue;
            }
        }
        out.push(Heading {
            level,
            first: i,
            last: i,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lines::classify;
    use super::*;

    fn run(lines: &[&str]) -> Vec<Heading> {
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let fw: HashSet<String> = ["of", "the", "and", "in", "to"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        detect(&infos, &HashSet::new(), &fw, &HeadingRules::default())
    }

    const PARA: &str = "running text of a typical length that fills a printed line well";

    #[test]
    fn title_case_line_between_blanks() {
        let h = run(&[PARA, "end of it.", "", "New Successes;", "", PARA]);
        assert_eq!(h.len(), 1);
        assert_eq!((h[0].first, h[0].level), (3, Level::TitleCase));
    }

    #[test]
    fn capitals_over_two_lines_are_one_heading() {
        let h = run(&[PARA, "", "SOCIAL SYSTEM", "", "UNCHANGED.", "", PARA]);
        assert_eq!(
            h,
            vec![Heading {
                level: Level::Capitals,
                first: 2,
                last: 4
            }]
        );
    }

    #[test]
    fn short_continuation_lines_are_not_headings() {
        let h = run(&[
            "the close of the year the Leader addressed a letter to the Congress",
            "saying:-",
            "",
            "which pave the way for fresh successes in the cause of peace,",
            "Socialism and Working Class Unity.",
            "",
        ]);
        assert!(h.is_empty(), "{h:?}");
    }

    #[test]
    fn signature_block_at_the_end_is_not_a_heading() {
        let h = run(&[
            PARA,
            PARA,
            PARA,
            "ends here.",
            "",
            "J. SMITH",
            "General Secretary",
            "",
        ]);
        assert!(h.is_empty(), "{h:?}");
    }

    #[test]
    fn numbered_headings_are_siblings() {
        let h = run(&[
            "1. INTRODUCTION",
            "",
            PARA,
            PARA,
            "",
            "2. Causes of the Trouble",
            "",
            PARA,
            PARA,
            "",
        ]);
        assert_eq!(h.len(), 2);
        assert_eq!(h[1].level, Level::Capitals);
    }

    #[test]
    fn caps_lines_without_a_blank_are_one_heading() {
        let h = run(&[
            "REPORT OF THE COMMISSION",
            "INTO THE DISTURBANCES",
            "",
            PARA,
            PARA,
        ]);
        assert_eq!(
            h,
            vec![Heading {
                level: Level::Capitals,
                first: 0,
                last: 1
            }]
        );
    }

    #[test]
    fn no_headings_in_plain_prose() {
        let h = run(&[
            PARA,
            PARA,
            "ends here.",
            "",
            PARA,
            "London, 12 March 1962.",
            "",
        ]);
        assert!(h.is_empty(), "{h:?}");
    }
}
