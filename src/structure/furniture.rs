//! Running heads and footers: lines repeated near page seams, page after page.
//!
//! Lines are compared by a key (their letters, folded, numbers dropped), so
//! `CHAPTER IV 45` and `CHAPTER IV 47` agree; OCR damage is tolerated by an
//! edit distance of up to a fifth of the key between a group and a larger
//! one. A group is furniture when it repeats at least three times, never on
//! nearby lines, at gaps about as regular as pages (a long pause splits it
//! into stretches judged apart), and (where the
//! document shows its seams) next to them. Header or footer is the group's
//! majority side of the seam. The comparisons are bounded per document, so
//! the pass stays linear.

use rustc_hash::FxHashMap;

mod band;
mod keys;
mod marks;
mod topical;

use super::formulas::{Formula, LineFormulas};
use super::labels::{Label, Place, Style};
use super::layout::Layout;
use super::lines::{LineClass, LineInfo, split_ws, within_edits};
use crate::model::FwKind;
use keys::{Keys, key_into};

/// Letters in the key of a line too long to be a heading.
const LONG_KEY: usize = 40;

/// Longest opening of a key compared by edit distance.
const MAX_FUZZY_KEY: usize = 96;

/// Most edit-distance comparisons per document.
const COMPARISON_BUDGET: usize = 20_000;

/// The running heads and footers of a document: groups of repeated lines
/// judged against the seams known so far (`hints`), then once more against
/// the seams those heads mark, then the heads of letters' continuation
/// pages. `skip` marks lines that cannot be furniture (contents lists,
/// export page markers).
pub fn running(
    infos: &[LineInfo],
    labels: &[Label],
    skip: &[bool],
    hints: &[usize],
    layout: &Layout,
    formulas: &LineFormulas,
) -> Vec<(usize, FwKind)> {
    let mut keys = Keys::new(infos.len());
    let groups = groups(infos, labels, skip, &mut keys, layout);
    let mut vetoed = Vec::new();
    let dates = Dates::new(infos, layout);
    let mut running = detect(
        infos,
        labels,
        &groups,
        hints,
        page_length(labels, hints),
        layout,
        formulas,
        &dates,
        &mut vetoed,
    );
    // Running heads found mark seams of their own, next to which rarer or
    // more damaged furniture can be recognised: one more round.
    if !running.is_empty() {
        let seams = seams_with(infos, hints, &running);
        let more = detect(
            infos,
            labels,
            &groups,
            &seams,
            page_length(labels, &seams),
            layout,
            formulas,
            &dates,
            &mut vetoed,
        );
        running.extend(more);
        running.sort_unstable();
        running.dedup_by_key(|x| x.0);
    }
    let repeated = running.clone();
    running.extend(continuation_heads(infos, labels, layout));
    running.sort_unstable();
    running.dedup_by_key(|x| x.0);
    let mut taken = vec![false; infos.len()];
    let lines = running.iter().map(|x| x.0);
    for i in lines.chain(labels.iter().map(|l| l.line)).chain(vetoed) {
        taken[i] = true;
    }
    let seams = seams_with(infos, hints, &running);
    let damaged = band::detect(infos, &taken, &repeated, &seams, skip, &keys, layout);
    running.extend(damaged);
    running.sort_unstable();
    running.dedup_by_key(|x| x.0);
    // Headlines that change from page to page, beside the page numbers.
    for &(i, _) in &running {
        taken[i] = true;
    }
    running.extend(topical::detect(infos, labels, &taken));
    running.sort_unstable();
    running.dedup_by_key(|x| x.0);
    let signatures = marks::detect(infos, labels, &running);
    running.extend(signatures);
    running.sort_unstable();
    running.dedup_by_key(|x| x.0);
    running
}

/// The seams `hints` with those that running heads and footers mark: a
/// head starts its page, a footer ends one (its page's successor starts
/// at the next line that is not blank).
fn seams_with(infos: &[LineInfo], hints: &[usize], running: &[(usize, FwKind)]) -> Vec<usize> {
    let mut seams: Vec<usize> = hints.to_vec();
    seams.extend(running.iter().filter_map(|&(i, k)| match k {
        FwKind::Footer => (i + 1..infos.len()).find(|&j| infos[j].class != LineClass::Blank),
        _ => Some(i),
    }));
    seams.sort_unstable();
    seams.dedup();
    seams
}

/// Lines a page holds: from the page labels (lines per step of the
/// number), else from the seams; 0 when neither tells.
fn page_length(labels: &[Label], seams: &[usize]) -> f64 {
    let mut per: Vec<f64> = labels
        .windows(2)
        .filter(|w| w[0].family == w[1].family && w[1].value > w[0].value)
        .map(|w| (w[1].line - w[0].line) as f64 / f64::from(w[1].value - w[0].value))
        .collect();
    if per.is_empty() {
        per = seams.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
    }
    per.sort_by(f64::total_cmp);
    per.get(per.len() / 2).copied().unwrap_or(0.0)
}

/// Lines that may be furniture, grouped by their key (see [`key`]): computed
/// once, for every round of [`detect`]. `skip` marks lines that cannot be
/// furniture; a label alone on its line is furniture already. A running
/// head that carries the folio on some pages counts with its repeats that
/// carry none (`SECRET 16`, `SECRET`). Each key worked out is kept in
/// `keys`.
fn groups(
    infos: &[LineInfo],
    labels: &[Label],
    skip: &[bool],
    keys: &mut Keys,
    layout: &Layout,
) -> FxHashMap<String, Vec<usize>> {
    let mut labelled = vec![false; infos.len()];
    for l in labels.iter().filter(|l| l.place == Place::Alone) {
        labelled[l.line] = true;
    }
    let mut groups: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    // One buffer for every line's key: a string is made only for a
    // new key.
    let mut k = String::new();
    for (i, info) in infos.iter().enumerate() {
        // A notice that OCR ran together with its neighbour column can be
        // long; running text past this length is no furniture.
        if info.class != LineClass::Text || skip[i] || labelled[i] || info.len > 200 {
            continue;
        }
        if info.trimmed.ends_with(':')
            && info.trimmed.split_whitespace().count() <= 2
            && !stamp_with_speck(&info.trimmed, layout)
        {
            continue;
        }
        let found = key_into(&info.trimmed, &mut k);
        keys.keep(i, found.then_some(k.as_str()));
        if found {
            match groups.get_mut(k.as_str()) {
                Some(lines) => lines.push(i),
                None => {
                    groups.insert(k.clone(), vec![i]);
                }
            }
        }
    }
    groups
}

/// Finds running heads and footers among `groups` (from [`groups`]).
/// `seams` holds lines known to start a page (may be empty), `page_length`
/// the lines a page holds (0 when unknown).
#[allow(clippy::too_many_arguments)]
fn detect(
    infos: &[LineInfo],
    labels: &[Label],
    groups: &FxHashMap<String, Vec<usize>>,
    seams: &[usize],
    page_length: f64,
    layout: &Layout,
    formulas: &LineFormulas,
    dates: &Dates,
    vetoed: &mut Vec<usize>,
) -> Vec<(usize, FwKind)> {
    let mut out: Vec<(usize, FwKind)> = Vec::new();
    // Lines that carry a confirmed label beside words are running heads.
    for l in labels.iter().filter(|l| l.place != Place::Alone) {
        out.push((l.line, side(infos, seams, l.line)));
    }
    // Only a line set apart (a blank or non-text line beside it, or a seam
    // near) is compared: running text is never furniture.
    let apart = |i: usize| {
        let other = |k: Option<usize>| {
            k.and_then(|k| infos.get(k))
                .is_none_or(|x| x.class != LineClass::Text)
        };
        other(i.checked_sub(1)) || other(Some(i + 1)) || near(infos, seams, i)
    };
    let near_seam = |i: usize| near(infos, seams, i);
    // Each group with the length of its key.
    let mut groups = merge_fuzzy(groups, apart, layout);
    groups.sort();
    let mut runs: Vec<(Vec<usize>, usize)> = Vec::new();
    // Each text's formula is worked out once: a running head repeats its
    // text page after page.
    let mut letterish: FxHashMap<&str, bool> = FxHashMap::default();
    for (mut g, key_len) in groups {
        // Dates, names, salutations and form fields repeat from letter to
        // letter without being furniture; where they are most of a group
        // (a form's `Date` field, damaged or left blank on some forms), the
        // group is that field.
        let all = g.len();
        let running_date = same_date(infos, &g, dates);
        g.retain(|&i| {
            let text = infos[i].trimmed.as_str();
            !*letterish
                .entry(text)
                .or_insert_with(|| match formulas.get(i, text, layout) {
                    _ if dates.at(i) => !running_date,
                    f => matches!(
                        f,
                        Some(
                            Formula::Signature
                                | Formula::Salutation
                                | Formula::Closing
                                | Formula::Speaker
                        )
                    ),
                })
        });
        if g.len() < 3 || (all - g.len()) * 2 >= all {
            continue;
        }
        // A letterhead opens each letter or form, its date line right
        // under it: it repeats as often as the letters, not page after page.
        // A stamp stands over a date as well (`CONFIDENTIAL`).
        let letterhead = |i: usize| {
            date_under(infos, i, dates)
                && formulas.get(i, &infos[i].trimmed, layout) != Some(Formula::Stamp)
        };
        if g.iter().filter(|&&i| letterhead(i)).count() * 2 > g.len() {
            continue;
        }
        g.sort_unstable();
        if chapter_series(infos, &g) {
            continue;
        }
        let mut gaps: Vec<usize> = g.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort_unstable();
        let median = gaps[gaps.len() / 2];

        // Page after page: usually a page apart (a banner printed at head and
        // foot comes in close pairs across a seam).
        if median < 15 {
            continue;
        }
        // Never far beyond the usual gap: where the furniture stops for a
        // while (an annex printed without the stamp) and comes back, each
        // stretch is judged on its own.
        let mut start = 0;
        for k in 1..=g.len() {
            if k == g.len() || g[k] - g[k - 1] > median * 6 {
                if k - start >= 3 {
                    runs.push((g[start..k].to_vec(), key_len));
                }
                start = k;
            }
        }
    }
    let dbg = std::env::var("TEI_DBG").is_ok();
    if dbg {
        eprintln!(
            "furniture: {} seams, page length {page_length:.1}",
            seams.len()
        );
    }
    // Lines of every run: the next line of a block of furniture is no
    // prose under a title.
    let mut repeated = vec![false; infos.len()];
    for &i in runs.iter().flat_map(|r| &r.0) {
        repeated[i] = true;
    }
    for (mut g, key_len) in runs {
        if dbg {
            let near = g.iter().filter(|&&i| near_seam(i)).count();
            eprintln!(
                "  run {:?} near {near}/{} {:?}",
                g.iter().map(|i| i + 1).collect::<Vec<_>>(),
                g.len(),
                g.iter()
                    .map(|&i| distances(infos, seams, i))
                    .map(|(b, a)| (b.unwrap_or(99), a.unwrap_or(99)))
                    .collect::<Vec<_>>()
            );
        }
        // Seams too few to test against (fewer than the group's lines):
        // the repetition alone must be strong.
        if seams.len() < g.len() {
            if g.len() < 4 {
                continue;
            }
        } else {
            // Three lines are a weak repetition: all of them at seams.
            let near = g.iter().filter(|&&i| near_seam(i)).count();
            if near * 10 < g.len() * 6 || g.len() == 3 && near < 3 {
                continue;
            }
            // On most pages it spans (every other page for alternating heads);
            // chapter headings repeat their word, but a few pages apart. A
            // long line repeated at seams four times or more is boilerplate
            // however rare (the notice closing each report of a file): no
            // heading is so long, and a passage that a file copies (a release
            // and its teletype) comes back only a few times.
            // A line of many figures (a telephone number, a form's number,
            // a stamp) is no heading, however rare.
            let figures = |i: usize| infos[i].trimmed.bytes().filter(u8::is_ascii_digit).count();
            let figured =
                g.len() >= 4 && g.iter().filter(|&&i| figures(i) >= 6).count() * 10 >= g.len() * 6;
            let (first, last) = (g[0], g[g.len() - 1]);
            if page_length > 0.0 && (key_len < LONG_KEY || g.len() < 4) && !figured {
                let pages = (last - first) as f64 / page_length + 1.0;
                if (g.len() as f64) * 3.0 < pages {
                    continue;
                }
            }
        }
        // Where the group's lines mostly carry a page label beside them (a
        // book's running heads), its first line without one is the chapter's
        // own title on its opening page, not furniture.
        let labelled = |i: usize| {
            let at = labels.partition_point(|l| l.line + 5 < i);
            labels.get(at).is_some_and(|l| l.line <= i + 5)
        };
        if g.iter().filter(|&&i| labelled(i)).count() * 10 >= g.len() * 6
            && let Some(k) = g.iter().position(|&i| !labelled(i))
            && (k == 0 && prose_follows(infos, g[k], &repeated)
                || g[..k].iter().all(|&i| labelled(i)) && opens_chapter(infos, g[k]))
        {
            vetoed.push(g.remove(k));
        }
        let footers = g
            .iter()
            .filter(|&&i| side(infos, seams, i) == FwKind::Footer)
            .count();
        let kind = if footers * 2 > g.len() {
            FwKind::Footer
        } else {
            FwKind::Header
        };
        out.extend(g.into_iter().map(|i| (i, kind)));
    }
    out.sort_unstable();
    out.dedup_by_key(|x| x.0);
    out
}

/// The head of a letter's continuation page: addressee and date set above
/// its `Page 2` (short lines, at most one blank line apart, set apart from
/// what precedes), where running text follows the label. A head that holds
/// a date line right above its label is one whatever surrounds it: the
/// page's text may open on a short line, and OCR may run the previous
/// page's last line against it.
fn continuation_heads(
    infos: &[LineInfo],
    labels: &[Label],
    layout: &Layout,
) -> Vec<(usize, FwKind)> {
    let mut out = Vec::new();
    let text = |k: usize| infos[k].class == LineClass::Text;
    for l in labels
        .iter()
        .filter(|l| l.place == Place::Alone && l.family.style == Style::PageWord)
    {
        let below = (l.line + 1..infos.len()).find(|&k| infos[k].class != LineClass::Blank);
        let above = (0..l.line)
            .rev()
            .find(|&k| infos[k].class != LineClass::Blank);
        let dated = above
            .is_some_and(|k| text(k) && l.line - k <= 2 && date_line(&infos[k].trimmed, layout));
        if !dated && !below.is_some_and(|k| text(k) && infos[k].len >= 40) {
            continue;
        }
        let mut block = Vec::new();
        let mut k = l.line;
        while block.len() < 3 {
            let mut up = k.checked_sub(1);
            if up.is_some_and(|u| infos[u].class == LineClass::Blank) {
                up = up.and_then(|u| u.checked_sub(1));
            }
            match up {
                Some(u) if text(u) && infos[u].len <= 60 => {
                    block.push(u);
                    k = u;
                }
                _ => break,
            }
        }
        // Set apart from running text: a blank line, a speck, a stamp or the
        // start of the text above it.
        let apart = k == 0 || !text(k - 1) || infos[k - 1].len < 40;
        if apart || dated {
            out.extend(block.into_iter().map(|i| (i, FwKind::Header)));
        }
    }
    out
}

/// Is a line a date line and mostly that date (see [`mostly_date`]): a
/// month with a day or a year (`date_line`; OCR specks may make the
/// formulas read it as debris), or a date in figures (`6/17/68`).
fn dated(t: &str, layout: &Layout) -> bool {
    // Both tests below need a figure.
    t.bytes().any(|b| b.is_ascii_digit())
        && (date_line(t, layout) || t.contains('/') && figure_date(t))
        && mostly_date(t, layout)
        && !file_number(t)
}

/// Does a line hold a number that is no day, month or year (of one, two
/// or four figures): a file's number beside the date (`TCM 452 23 August
/// 1949`) makes it a reference line?
fn file_number(t: &str) -> bool {
    t.split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 3 || n.len() > 4)
}

/// Is the line under line `i` (a blank line passed by) a date line (see
/// [`dated`])?
fn date_under(infos: &[LineInfo], i: usize, dates: &Dates) -> bool {
    (i + 1..infos.len().min(i + 3))
        .find(|&k| infos[k].class != LineClass::Blank)
        .is_some_and(|k| infos[k].class == LineClass::Text && dates.at(k))
}

/// [`dated`] by line, each worked out once: both rounds of [`detect`] ask
/// about the lines of every group and the lines under them.
struct Dates<'a> {
    infos: &'a [LineInfo],
    layout: &'a Layout,
    memo: Vec<std::cell::OnceCell<bool>>,
}

impl<'a> Dates<'a> {
    fn new(infos: &'a [LineInfo], layout: &'a Layout) -> Self {
        Dates {
            infos,
            layout,
            memo: vec![std::cell::OnceCell::new(); infos.len()],
        }
    }

    /// Is line `i` a date line (see [`dated`])?
    fn at(&self, i: usize) -> bool {
        *self.memo[i].get_or_init(|| dated(&self.infos[i].trimmed, self.layout))
    }
}

/// Do the date lines of group `g` mostly print one date, as a periodical
/// dates each page of an issue (`27 Dec 63`)? Letters each print their
/// own.
fn same_date(infos: &[LineInfo], g: &[usize], memo: &Dates) -> bool {
    let mut dates: Vec<String> = g
        .iter()
        .filter(|&&i| memo.at(i))
        .map(|&i| infos[i].trimmed.as_str())
        .map(|t| t.chars().filter(|c| c.is_alphanumeric()).collect())
        .collect();
    dates.sort_unstable();
    let most = dates
        .chunk_by(|a, b| a == b)
        .map(<[String]>::len)
        .max()
        .unwrap_or(0);
    most * 2 > dates.len()
}

/// Does a line hold a date in figures, day, month and year between
/// slashes (`6/17/68`, `6/24 /68`: OCR may set a space beside a slash)?
fn figure_date(t: &str) -> bool {
    let b: Vec<u8> = t.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let digits = |r: &[u8]| r.iter().take_while(|b| b.is_ascii_digit()).count();
    b.iter().enumerate().any(|(k, &c)| {
        c == b'/'
            && k > 0
            && b[k - 1].is_ascii_digit()
            && b[k + 1..].first().is_some_and(u8::is_ascii_digit)
            && {
                let m = digits(&b[k + 1..]);
                (1..=2).contains(&m)
                    && b.get(k + 1 + m) == Some(&b'/')
                    && (2..=4).contains(&digits(&b[k + 2 + m..]))
            }
    })
}

/// Is a line that the formulas read as a date mostly that date: at most
/// one word of letters besides the month (`Washington, 16 April 1997`)? A
/// running head naming a period (`(SEVENTH DEPARTMENT - January
/// 1962-January 1964)`) has more.
fn mostly_date(t: &str, layout: &Layout) -> bool {
    split_ws(t)
        .filter(|w| {
            let letters: String = w
                .chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            letters.chars().count() >= 3 && !layout.months.contains(&letters)
        })
        .count()
        <= 1
}

/// A date line: a month's name, a day or a year, at most six words
/// (`April 16, 1997`; mostly figures, so no formula reads it as a date).
fn date_line(t: &str, layout: &Layout) -> bool {
    // A day or a year is a figure: a line with none is no date (a byte
    // scan); most lines have more than six words: counted to seven, not
    // gathered.
    if !t.bytes().any(|b| b.is_ascii_digit()) || t.split_whitespace().nth(6).is_some() {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let month = |w: &&str| {
        let f = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        layout.months.contains(&f)
    };
    let number = |w: &&str| {
        let d = w.bytes().filter(u8::is_ascii_digit).count();
        d != 0 && (d <= 2 || d == 4)
    };
    words.len() <= 6 && words.iter().any(month) && words.iter().any(number)
}

/// Is a line a stamp with a speck after it (`SECRET :`), not a field's
/// caption (`SECRET:`, `Date:`): the colon set apart from a stamp word?
fn stamp_with_speck(t: &str, layout: &Layout) -> bool {
    let Some(word) = t.strip_suffix(':') else {
        return false;
    };
    let apart = word.ends_with(char::is_whitespace);
    let word = word.trim().to_lowercase();
    apart
        && layout
            .stamp_words
            .binary_search_by(|w| w.as_str().cmp(&word))
            .is_ok()
}

/// Groups whose keys differ by OCR damage are one group: each group, largest
/// first, joins the first larger group whose key is within a fifth of its
/// length (a lone line only where it stands apart). Stamps damaged in several
/// ways (`DocId`, `Docld`, `BDocld`) come together so. At most
/// [`COMPARISON_BUDGET`] comparisons, against at most 64 groups. Returns the
/// groups of three lines or more, each with the length of its key.
fn merge_fuzzy(
    groups: &FxHashMap<String, Vec<usize>>,
    apart: impl Fn(usize) -> bool,
    layout: &Layout,
) -> Vec<(Vec<usize>, usize)> {
    // A line alone that is not set apart is compared with nothing, no
    // group joins it and it makes no group: it is left out before the sort.
    let mut order: Vec<(&String, &Vec<usize>)> = groups
        .iter()
        .filter(|(_, lines)| lines.len() >= 2 || apart(lines[0]))
        .collect();
    order.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
    let mut roots: Vec<usize> = Vec::new();
    // The group each joins (itself for a root) and each root's line count.
    let mut joins: Vec<usize> = Vec::with_capacity(order.len());
    let mut count: Vec<usize> = vec![0; order.len()];
    let mut budget = COMPARISON_BUDGET;
    for (idx, &(k, lines)) in order.iter().enumerate() {
        let mut found = None;
        if lines.len() >= 2 || apart(lines[0]) {
            for &r in &roots {
                let a = order[r].0;
                let (la, lk) = (a.len(), k.len());
                // A stamp that OCR ran into a running head on some pages
                // and set on a line of its own on others (`SECRET Gerald
                // Ford Library`, `Gerald Ford Library`): the shorter key
                // whole at one end of the longer, a stamp word the rest.
                let (short, long) = if la < lk { (a, k) } else { (k, a) };
                // The length first: most pairs fail on it, before any compare.
                let rest = if short.len() < 8 {
                    None
                } else if long.starts_with(short) {
                    Some(&long[short.len()..])
                } else if long.ends_with(short) {
                    Some(&long[..long.len() - short.len()])
                } else {
                    None
                };
                if short.len() >= 8
                    && rest.is_some_and(|r| {
                        layout
                            .stamp_words
                            .binary_search_by(|w| w.as_str().cmp(r))
                            .is_ok()
                    })
                {
                    found = Some(r);
                    break;
                }
                // Damage rarely hits both ends of a line: one of them agrees.
                let ends_agree = a.as_bytes().first() == k.as_bytes().first()
                    || a.as_bytes().last() == k.as_bytes().last();
                if la.abs_diff(lk) * 4 > la.max(lk) || !ends_agree || budget == 0 {
                    continue;
                }
                budget -= 1;
                // Long keys (a notice closing each page) are compared by
                // their openings: a comparison costs the product of lengths.
                let (a, k) = (opening(a), opening(k));
                let limit = (a.len().max(k.len()) / 5).max(1);
                if within_edits(a.as_bytes(), k.as_bytes(), limit) {
                    found = Some(r);
                    break;
                }
            }
        }
        let root = found.unwrap_or(idx);
        if found.is_none() && lines.len() >= 2 && roots.len() < 64 {
            roots.push(idx);
        }
        joins.push(root);
        count[root] += lines.len();
    }
    let mut out: Vec<Option<(Vec<usize>, usize)>> = vec![None; order.len()];
    for (idx, &root) in joins.iter().enumerate() {
        if count[root] >= 3 {
            out[root]
                .get_or_insert_with(|| (Vec::with_capacity(count[root]), order[root].0.len()))
                .0
                .extend(order[idx].1);
        }
    }
    out.into_iter().flatten().collect()
}

/// Is a group a series of chapter openings (`CHAPTER I.`, `CHAPTER II.`,
/// …) rather than a running head? Most of its lines are a word or two and a
/// number, and the number changes from one to the next: a running head
/// that carries the chapter's number (`CHAP. IV.`) repeats it page after
/// page.
fn chapter_series(infos: &[LineInfo], g: &[usize]) -> bool {
    let numeral = |i: usize| -> Option<&str> {
        let t = infos[i].trimmed.as_str();
        let last = t.split_whitespace().last()?.trim_end_matches(['.', ':']);
        let is_number = !last.is_empty()
            && (last.bytes().all(|b| b.is_ascii_digit())
                || last.len() <= 6 && last.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L')));
        // The words are counted (a walk over the line) only behind a number.
        (is_number && (2..=3).contains(&t.split_whitespace().count())).then_some(last)
    };
    let numbers: Vec<&str> = g.iter().filter_map(|&i| numeral(i)).collect();
    if numbers.len() * 10 < g.len() * 6 || numbers.len() < 3 {
        return false;
    }
    let changes = numbers.windows(2).filter(|w| w[0] != w[1]).count();
    changes * 10 >= (numbers.len() - 1) * 6
}

/// The first [`MAX_FUZZY_KEY`] bytes of a key, cut at a character boundary.
fn opening(key: &str) -> &str {
    let mut end = key.len().min(MAX_FUZZY_KEY);
    while !key.is_char_boundary(end) {
        end -= 1;
    }
    &key[..end]
}

/// Does line `i` stand apart (a blank line above it) with running text (a
/// line of 40 characters or more, not in a run of `repeated` lines) after
/// it, past blank lines only? A running head sits against more furniture
/// (a notice's second line) or the page's text; a chapter's title on its
/// opening page stands alone over its prose.
fn prose_follows(infos: &[LineInfo], i: usize, repeated: &[bool]) -> bool {
    let apart = i == 0 || infos[i - 1].class == LineClass::Blank;
    apart
        && (i + 1..infos.len())
            .find(|&k| infos[k].class != LineClass::Blank)
            .is_some_and(|k| {
                infos[k].class == LineClass::Text && infos[k].len >= 40 && !repeated[k]
            })
}

/// Does a short numbered heading word (`LECTURE II.`, `CHAPTER 4`) stand
/// just above line `i`, with only blank lines between?
fn opens_chapter(infos: &[LineInfo], i: usize) -> bool {
    let Some(p) = (i.saturating_sub(4)..i)
        .rev()
        .find(|&k| infos[k].class != LineClass::Blank)
    else {
        return false;
    };
    let words: Vec<&str> = infos[p].trimmed.split_whitespace().collect();
    words.len() == 2
        && words[0].chars().all(char::is_alphabetic)
        && words[0].chars().filter(|c| c.is_uppercase()).count() >= 1
        && words[1]
            .trim_end_matches('.')
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// Text lines between `i` and the nearest seam before it and after it.
/// Counted up to [`FAR`] only, so each call is bounded.
fn distances(infos: &[LineInfo], seams: &[usize], i: usize) -> (Option<usize>, Option<usize>) {
    let is_text = |k: &usize| matches!(infos[*k].class, LineClass::Text | LineClass::Noise);
    let pos = seams.partition_point(|&s| s <= i);
    let before = pos
        .checked_sub(1)
        .map(|p| (seams[p]..i).rev().filter(is_text).take(FAR).count());
    let after = seams
        .get(pos)
        .map(|&s| (i + 1..s).filter(is_text).take(FAR).count());
    (before, after)
}

/// Text lines from a seam beyond which a line is simply far from it.
const FAR: usize = 8;

fn near(infos: &[LineInfo], seams: &[usize], i: usize) -> bool {
    let (b, a) = distances(infos, seams, i);
    b.is_some_and(|b| b <= 3) || a.is_some_and(|a| a <= 3)
}

/// Header or footer: which side of a seam the line sits on; with no seam
/// in sight, which side its blank lines are on.
fn side(infos: &[LineInfo], seams: &[usize], i: usize) -> FwKind {
    let (b, a) = distances(infos, seams, i);
    match (b, a) {
        (Some(b), Some(a)) if a < b => FwKind::Footer,
        (None, Some(a)) if a <= 3 => FwKind::Footer,
        (Some(_), _) | (None, _) => {
            if b.is_none() && a.is_none() {
                let blanks = |r: &mut dyn Iterator<Item = usize>| {
                    r.take_while(|&k| infos[k].class == LineClass::Blank)
                        .count()
                };
                let before = blanks(&mut (0..i).rev());
                let after = blanks(&mut (i + 1..infos.len()));
                if after > before {
                    return FwKind::Footer;
                }
            }
            FwKind::Header
        }
    }
}

#[cfg(test)]
mod tests;
