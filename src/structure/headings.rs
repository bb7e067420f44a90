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
    }
    group(infos, &levels)
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
    // A heading heads something: a closing line with no text after it is a signature or a note.
    if !infos[i + 1..].iter().any(|x| x.class == LineClass::Text) {
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
