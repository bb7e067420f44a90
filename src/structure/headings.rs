//! Heading detection from layout and typography, never from a list of headings.
//!
//! A heading is a short line that stands apart from running text (a blank
//! line or a page start before it, or a closed sentence before it and an
//! indent or capitals marking it), whose words are capitalised, that does not
//! end like a clause (`,`, `-`) and is not followed by a lower-case
//! continuation, and that a full line of running text follows within a few
//! lines. "Full" and "short" are measured against the document's own lines.
//! Stamps, salutations, dates, speaker labels and signatures never qualify
//! (see `formulas`). Capital lines separated only by blank lines form one
//! multi-line heading, and so do `CHAPTER IV` and the title under it.
//!
//! Each heading has a style: its numbering (`IV.`, `3.`, `B.`, `CHAPTER`),
//! or its case when it has none. Levels come from the order in which the
//! document introduces its styles (see `assign_levels`).

use std::collections::HashSet;

use super::formulas::LineFormulas;
use super::heading_lines::{Ctx, NO_PROSE, OPEN_SENTENCE, is_field, line_level};
use super::heading_stacks::stacked_titles;
pub use super::heading_styles::{Level, Numbering, Style, assign_levels, numbering};
use super::heading_styles::{series, series_value};
use super::layout::Layout;
use super::lines::{LineClass, LineInfo, starts_lowercase, title_case_ratio, upper_ratio, words};

/// A heading: its case, numbering and the 0-based line range it covers
/// (blank lines inside included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: Level,
    pub first: usize,
    pub last: usize,
    pub numbering: Numbering,
}

impl Heading {
    pub fn style(&self) -> Style {
        match &self.numbering {
            Numbering::None => Style::Case(self.level),
            n => Style::Numbered(n.clone()),
        }
    }
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
    layout: &Layout,
) -> Vec<Heading> {
    let view: Vec<usize> = (0..infos.len()).collect();
    let formulas = LineFormulas::new(infos.len());
    detect_in(
        infos,
        page_starts,
        function_words,
        rules,
        layout,
        &formulas,
        &view,
    )
}

/// Finds the headings of a document, as [`detect`], with the structure
/// pass's formulas: `infos` is a view of the source lines, view line `k`
/// being source line `view[k]`, whose formula `formulas` holds.
pub fn detect_in(
    infos: &[LineInfo],
    page_starts: &HashSet<usize>,
    function_words: &HashSet<String>,
    rules: &HeadingRules,
    layout: &Layout,
    formulas: &LineFormulas,
    view: &[usize],
) -> Vec<Heading> {
    let lens = text_lengths(infos);
    let max_len = max_heading_len(&lens, rules);
    // The width of the page's longest lines of text.
    let full_width = lens
        .get(lens.len() * 4 / 5)
        .copied()
        .unwrap_or(0)
        .max(max_len);
    // A full line of running text, by the document's own measure.
    let full_line =
        (lens.get(lens.len() * 4 / 5).copied().unwrap_or(0) * 3 / 5).max(max_len * 2 / 3);

    let text = |x: &LineInfo| x.class == LineClass::Text;
    let printed = |x: &LineInfo| x.class != LineClass::Blank;
    let caps: Vec<bool> = infos
        .iter()
        .map(|x| printed(x) && upper_ratio(&x.trimmed) >= rules.caps_ratio)
        .collect();
    let ctx = Ctx {
        infos,
        page_starts,
        function_words,
        rules,
        layout,
        max_len,
        full_line,
        full_width,
        series: series(infos, layout),
        // Running text (full lines) in capitals as often as not, three
        // lines of it at least: headings in capitals over prose in small
        // letters do not count.
        caps_common: {
            let prose = infos
                .iter()
                .zip(&caps)
                .filter(|(x, _)| text(x) && x.len >= full_line);
            let (mut upper, mut lower) = (0usize, 0usize);
            for (_, c) in prose {
                if *c {
                    upper += 1;
                } else {
                    lower += 1;
                }
            }
            upper >= 3 && upper >= lower
        },
        caps_rare: {
            let all = infos.iter().filter(|x| text(x)).count();
            let in_caps = infos.iter().zip(&caps).filter(|(x, c)| **c && text(x));
            in_caps.count() * 10 < all
        },
        turns: {
            let opens = |mark: &str| {
                infos
                    .iter()
                    .filter(|x| {
                        x.trimmed
                            .split_whitespace()
                            .next()
                            .is_some_and(|w| w.trim_end_matches(['.', ':']) == mark)
                    })
                    .count()
            };
            opens("Q") >= 5 && opens("A") >= 5
        },
        formulas,
        view,
        caps,
        roman_parts: {
            let mut values: Vec<u32> = infos
                .iter()
                .filter(|x| x.class == LineClass::Text)
                .filter_map(|x| series_value(&x.trimmed, layout))
                .filter(|(n, _)| *n == Numbering::Roman)
                .map(|(_, v)| v)
                .collect();
            values.sort_unstable();
            values.dedup();
            values.len() >= 2
        },
    };
    let mut levels: Vec<Option<Level>> = vec![None; infos.len()];
    // Where capitals are rare, a title in capitals may run to two lines' width.
    let long_title = full_line.max(max_len) * 2;
    // `TEI_DBG=1` prints each text line's verdict (1-based line numbers).
    let debug = std::env::var_os("TEI_DBG").is_some();
    for (i, info) in infos.iter().enumerate() {
        if info.class != LineClass::Text {
            continue;
        }
        let under_numbered = i > 0
            && levels[i - 1].is_some()
            && numbering(&infos[i - 1].trimmed, layout) != Numbering::None;
        let verdict = line_level(&ctx, i, under_numbered);
        if debug {
            eprintln!("head? {:5} {:?}: {}", i + 1, verdict, info.trimmed);
        }
        levels[i] = verdict.ok();
        // A short line in capitals right under a heading in capitals continues it.
        // So does one a blank line under it that fails only for want of
        // prose under it (the heading above has prose under it), as long
        // as a heading in capitals may be where capitals are rare.
        let under_caps = |k: usize| levels[k] == Some(Level::Capitals);
        let right_under = i > 0 && under_caps(i - 1);
        let blank_under = i > 1
            && infos[i - 1].class == LineClass::Blank
            && under_caps(i - 2)
            && (verdict == Err(NO_PROSE) || verdict == Err(OPEN_SENTENCE));
        if levels[i].is_none()
            && (right_under && (info.len <= max_len || ctx.caps_rare && info.len <= long_title)
                || blank_under && ctx.caps_rare && info.len <= long_title)
            && upper_ratio(&info.trimmed) >= rules.caps_ratio
        {
            levels[i] = Some(Level::Capitals);
        }
    }
    // The title under a numbered heading word (`CHAPTER II.` / `OF THE
    // MERCURIAL TREATMENT …`) belongs to it, however long; so do the lines
    // in capitals that run on right under that title.
    let full_width = ctx.full_width;
    for i in 0..infos.len() {
        let word_line = levels[i].is_some() && heads_title(&infos[i].trimmed, layout);
        if !word_line {
            continue;
        }
        let Some(j) = (i + 1..infos.len().min(i + 1 + TITLE_GAP))
            .find(|&k| infos[k].class != LineClass::Blank)
        else {
            continue;
        };
        // Under a section word alone (`ANNEX`), only a line set as a title
        // (capitals or title case, a blank under it) is its title; a
        // paragraph's first line is not.
        if !matches!(numbering(&infos[i].trimmed, layout), Numbering::Word(_)) {
            let ws = words(&infos[j].trimmed);
            let titled = ctx.caps[j]
                || title_case_ratio(&ws, function_words).is_some_and(|r| r >= rules.title_ratio);
            if !titled
                || is_field(&infos[j].trimmed)
                || infos.get(j + 1).is_some_and(|x| x.class == LineClass::Text)
            {
                continue;
            }
        }
        let mut k = j;
        while k < infos.len()
            && levels[k].is_none()
            && infos[k].class == LineClass::Text
            && infos[k].len <= full_width
            && ctx.formula(k).is_none()
            && !starts_lowercase(&infos[k].trimmed)
            && (k == j || upper_ratio(&infos[k].trimmed) >= rules.caps_ratio)
        {
            levels[k] = Some(if upper_ratio(&infos[k].trimmed) >= rules.caps_ratio {
                Level::Capitals
            } else {
                Level::TitleCase
            });
            k += 1;
        }
    }
    // Titles stacked over connector lines (`MODERN TREATMENT` / `OF` /
    // `SYPHILITIC DISEASES.`) are headings line by line, whatever each
    // line's own verdict, and one heading each.
    let mut stack_of: Vec<Option<usize>> = vec![None; infos.len()];
    // (Not where capitals are the text's case: in a message set in them
    // they mark nothing. A title under a heading word is that word's, above.)
    let usable = |k: usize| infos[k].len <= max_len && ctx.formula(k).is_none();
    let stacks = if ctx.caps_common {
        Vec::new()
    } else {
        stacked_titles(infos, &ctx.caps, function_words, usable)
    };
    let under_word = |first: usize| {
        (first.saturating_sub(TITLE_GAP + 1)..first)
            .rev()
            .find(|&k| infos[k].class != LineClass::Blank)
            .is_some_and(|k| levels[k].is_some() && heads_title(&infos[k].trimmed, layout))
    };
    let stacks: Vec<(usize, usize)> = stacks
        .into_iter()
        .filter(|&(f, _)| !under_word(f))
        .collect();
    for (s, &(first, last)) in stacks.iter().enumerate() {
        for k in (first..=last).filter(|&k| infos[k].class == LineClass::Text) {
            levels[k] = Some(Level::Capitals);
            stack_of[k] = Some(s);
        }
    }
    let mut headings = group(infos, &levels, &stack_of, layout);
    for h in &mut headings {
        h.numbering = numbering(&infos[h.first].trimmed, layout);
    }
    run_on_titles(&mut headings, &ctx, &levels, full_width);
    // One line in capitals that ends on a colon (`DETAILS:`, `JESSE
    // CARDONA:`, `BY MR. MANFREDI:`) captions what follows: a field, a
    // speaker, a list. Unless it is numbered or runs on to another line, it
    // heads nothing. (A run-in title in title case, `The Whole Truth:`, does.)
    let caption = |k: usize| {
        let t = &infos[k].trimmed;
        let tail = &t[t.trim_end_matches(|c: char| !c.is_alphanumeric()).len()..];
        ctx.caps[k] && tail.contains(':')
    };
    // Nor does such a caption a blank line under a heading belong to it
    // (`EXAMINATION BY COUNSEL` / `BY MR. MANFREDI:`); right under it, it
    // may end the title (`DISCUSSION WITH THE` / `PRESIDENT:`).
    for h in &mut headings {
        if h.last > h.first
            && caption(h.last)
            && infos[h.last - 1].class == LineClass::Blank
            && let Some(k) = (h.first..h.last)
                .rev()
                .find(|&k| infos[k].class != LineClass::Blank)
        {
            h.last = k;
        }
    }
    headings.retain(|h| {
        h.first != h.last
            || h.level != Level::Capitals
            || h.numbering != Numbering::None
            || !caption(h.first)
    });
    let headings = drop_runs(headings, infos, full_line);
    let headings = drop_contents_entries(headings, infos);
    drop_repeats(headings, infos, page_starts)
}

/// The lengths of the text lines, sorted.
fn text_lengths(infos: &[LineInfo]) -> Vec<usize> {
    let mut lens: Vec<usize> = infos
        .iter()
        .filter(|i| i.class == LineClass::Text)
        .map(|i| i.len)
        .collect();
    lens.sort_unstable();
    lens
}

/// The longest heading line, by the document's median line (`lens`, sorted).
fn max_heading_len(lens: &[usize], rules: &HeadingRules) -> usize {
    let median = lens.get(lens.len() / 2).copied().unwrap_or(0);
    ((median as f64 * rules.max_len_ratio) as usize).max(24)
}

/// The lines of the stacked titles of a document (`MODERN TREATMENT` /
/// `OF` / `SYPHILITIC DISEASES.`), for the passes that run before
/// headings: a book's running heads repeat its title's words, but a title
/// so stacked is none. `infos` are the source lines.
pub(super) fn stacked_lines(
    infos: &[LineInfo],
    function_words: &HashSet<String>,
    rules: &HeadingRules,
    layout: &Layout,
    formulas: &LineFormulas,
) -> Vec<bool> {
    let max_len = max_heading_len(&text_lengths(infos), rules);
    let caps: Vec<bool> = infos
        .iter()
        .map(|x| x.class != LineClass::Blank && upper_ratio(&x.trimmed) >= rules.caps_ratio)
        .collect();
    let usable =
        |k: usize| infos[k].len <= max_len && formulas.get(k, &infos[k].trimmed, layout).is_none();
    let mut out = vec![false; infos.len()];
    for (first, last) in stacked_titles(infos, &caps, function_words, usable) {
        out[first..=last].fill(true);
    }
    out
}

/// A numbered title cut off at the page width (`7. Surveillance of Cuban
/// Diplomatic, Commercial and Cultural` / `Missions`: nine tenths of the
/// document's full width at least) runs on to the next
/// printed line, at most a blank line below, when that line is short, set
/// as a title (a capital first), no heading of its own and no formula.
fn run_on_titles(headings: &mut [Heading], ctx: &Ctx, levels: &[Option<Level>], full_width: usize) {
    let infos = ctx.infos;
    for h in headings.iter_mut() {
        let line = &infos[h.last];
        let cut_off = h.numbering != Numbering::None
            && h.first == h.last
            && line.len * 10 >= full_width * 9
            && line.trimmed.ends_with(char::is_alphabetic);
        if !cut_off {
            continue;
        }
        let Some(j) =
            (h.last + 1..infos.len().min(h.last + 3)).find(|&k| infos[k].class != LineClass::Blank)
        else {
            continue;
        };
        let next = &infos[j];
        let t = &next.trimmed;
        if next.class == LineClass::Text
            && levels[j].is_none()
            && next.len <= ctx.max_len
            && t.starts_with(char::is_uppercase)
            && !t.ends_with([',', ';', '-'])
            && ctx.formula(j).is_none()
        {
            h.last = j;
        }
    }
}

/// A line printed three times or more, mostly beside the page furniture
/// or at a page's start (`Gerald Ford Library` under a footer, a running
/// head the furniture pass missed), is a stamp or a running head: only its
/// first printing may head a section (a declaration's title over its first
/// page). Headings repeated in the text itself (`Department of State`
/// under each numbered section) stay.
fn drop_repeats(
    headings: Vec<Heading>,
    infos: &[LineInfo],
    page_starts: &HashSet<usize>,
) -> Vec<Heading> {
    if headings.is_empty() {
        return headings;
    }
    // A key is the UTF-8 of the line's letters and digits folded; ASCII,
    // most of every line, is folded byte by byte without the Unicode tables.
    let key_into = |t: &str, k: &mut Vec<u8>| {
        k.clear();
        if t.is_ascii() {
            // Byte by byte, without decoding characters.
            k.extend(
                t.bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| b.to_ascii_lowercase()),
            );
            return;
        }
        for c in t.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    k.push(c.to_ascii_lowercase() as u8);
                }
            } else if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    k.extend_from_slice(l.encode_utf8(&mut [0; 4]).as_bytes());
                }
            }
        }
    };
    let key = |t: &str| {
        let mut k = Vec::new();
        key_into(t, &mut k);
        k
    };
    let wanted: rustc_hash::FxHashSet<Vec<u8>> = headings
        .iter()
        .map(|h| key(&infos[h.first].trimmed))
        .filter(|k| !k.is_empty())
        .collect();
    // Beside the furniture: a page start or a furniture line among the two
    // printed lines on either side.
    let at_seam = |i: usize| {
        let near = |range: &mut dyn Iterator<Item = usize>| {
            range
                .filter(|&k| infos[k].class != LineClass::Blank)
                .take(2)
                .any(|k| infos[k].class == LineClass::Furniture || page_starts.contains(&k))
        };
        page_starts.contains(&i) || near(&mut (0..i).rev()) || near(&mut (i + 1..infos.len()))
    };
    // A printing of a heading's text is about as long as the heading (OCR
    // specks aside): lines over twice the longest are not keyed.
    let longest = headings
        .iter()
        .map(|h| infos[h.first].trimmed.len())
        .max()
        .unwrap_or(0);
    // Each wanted key: its count, its count at seams and its first line.
    let mut seen: rustc_hash::FxHashMap<Vec<u8>, (usize, usize, usize)> = Default::default();
    let mut k = Vec::new();
    for (i, x) in infos.iter().enumerate() {
        if x.class != LineClass::Text || x.trimmed.len() > longest * 2 {
            continue;
        }
        key_into(&x.trimmed, &mut k);
        if wanted.contains(&k) {
            let e = seen.entry(k.clone()).or_insert((0, 0, i));
            e.0 += 1;
            e.1 += usize::from(at_seam(i));
        }
    }
    headings
        .into_iter()
        .filter(|h| {
            seen.get(&key(&infos[h.first].trimmed))
                .is_none_or(|&(count, seams, first)| {
                    count < 3 || seams * 2 < count || first == h.first
                })
        })
        .collect()
}

/// Most lines between two entries of one contents list whose abstracts
/// run between them (a weekly review's contents: title, page, summary).
const CONTENTS_SPAN: usize = 60;

/// Titles that end on a page number (`CYPRUS DISPUTE FLARES AGAIN 9`,
/// `UK-US FRICTIONS OVER SHIPPING POLICY... 12`), three or more with the
/// numbers rising, are the entries of a contents list, whatever text runs
/// between them: none heads a section.
fn drop_contents_entries(headings: Vec<Heading>, infos: &[LineInfo]) -> Vec<Heading> {
    let page_ref = |h: &Heading| -> Option<u32> {
        let t = infos[h.last]
            .trimmed
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        let last = t.rsplit(char::is_whitespace).next()?;
        let before = t[..t.len() - last.len()].trim_end();
        let titled = before.chars().filter(|c| c.is_alphabetic()).count() >= 3;
        (titled && (1..=3).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_digit()))
            .then(|| last.parse().ok())
            .flatten()
    };
    let refs: Vec<Option<u32>> = headings.iter().map(page_ref).collect();
    let mut keep = vec![true; headings.len()];
    // Runs of entries, each within CONTENTS_SPAN lines of the one before
    // and numbered no lower.
    let mut run: Vec<usize> = Vec::new();
    let mut close = |run: &mut Vec<usize>| {
        if run.len() >= 3 {
            for &k in run.iter() {
                keep[k] = false;
            }
        }
        run.clear();
    };
    for (k, r) in refs.iter().enumerate() {
        let Some(v) = r else { continue };
        let goes_on = run.last().is_some_and(|&p| {
            headings[k].first - headings[p].last <= CONTENTS_SPAN
                && refs[p].is_some_and(|pv| pv <= *v)
        });
        if !goes_on {
            close(&mut run);
        }
        run.push(k);
    }
    close(&mut run);
    headings
        .into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect()
}

/// A heading heads running text. Three or more "headings" of one style in
/// a row with no full line of text between them are the fields of a form
/// (`Race White` / `Sex Female` / `Hair Blonde`), the stops of a schedule,
/// the lines of an address or the labels of a map: none is a heading.
fn drop_runs(headings: Vec<Heading>, infos: &[LineInfo], full_line: usize) -> Vec<Heading> {
    let prose_between = |a: &Heading, b: &Heading| {
        infos[a.last + 1..b.first]
            .iter()
            .any(|x| x.class == LineClass::Text && x.len >= full_line)
    };
    let mut keep = vec![true; headings.len()];
    let mut start = 0;
    for k in 1..=headings.len() {
        let same_run = k < headings.len()
            && headings[k].style() == headings[start].style()
            && !prose_between(&headings[k - 1], &headings[k]);
        if !same_run {
            if k - start >= 3 {
                keep[start..k].fill(false);
            }
            start = k;
        }
    }
    headings
        .into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect()
}

/// Most blank lines between a heading word (`CHAPTER VII`) and its title:
/// a chapter opening leaves more space than a heading's own lines do.
const TITLE_GAP: usize = 6;

/// A line that a title follows: a heading word and its number (`CHAPTER
/// IV`, `LECTURE I.`), or a section word alone (`ANNEX`, `APPENDIX`).
fn heads_title(trimmed: &str, layout: &Layout) -> bool {
    let n = trimmed.split_whitespace().count();
    match numbering(trimmed, layout) {
        Numbering::Word(_) => n <= 3,
        Numbering::None => {
            n == 1 && {
                let w: String = trimmed
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .flat_map(char::to_lowercase)
                    .collect();
                layout.section_words.contains(&w)
            }
        }
        _ => false,
    }
}

/// Joins capital lines separated only by blank lines into one heading, and
/// a numbered heading word (`CHAPTER IV`, `LECTURE I.`) with the title under it.
/// `stack_of[k]`: the stacked title line `k` belongs to, if any; a stack
/// is one heading, and no line outside it joins it.
fn group(
    infos: &[LineInfo],
    levels: &[Option<Level>],
    stack_of: &[Option<usize>],
    layout: &Layout,
) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    for (i, level) in levels.iter().enumerate() {
        let Some(level) = *level else { continue };
        if let Some(last) = out.last_mut() {
            let joins = if stack_of[i].is_some() || stack_of[last.last].is_some() {
                stack_of[i] == stack_of[last.last]
            } else {
                // Blank lines inside a heading: one or two, not a page's worth.
                let only_blanks = i - last.last <= 3
                    && (last.last + 1..i).all(|k| infos[k].class == LineClass::Blank);
                let word_line =
                    last.first == last.last && heads_title(&infos[last.first].trimmed, layout);
                let title_blanks = i - last.last <= TITLE_GAP
                    && (last.last + 1..i).all(|k| infos[k].class == LineClass::Blank);
                // A heading word (`CHAPTER I.`) opens a heading of its own.
                let opens = matches!(numbering(&infos[i].trimmed, layout), Numbering::Word(_));
                !opens
                    && (only_blanks && level == Level::Capitals && last.level == Level::Capitals
                        || title_blanks && word_line)
            };
            if joins {
                last.last = i;
                continue;
            }
        }
        out.push(Heading {
            level,
            first: i,
            last: i,
            numbering: Numbering::None,
        });
    }
    out
}

#[cfg(test)]
mod tests;
