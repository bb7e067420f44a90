//! Damaged and broken furniture at the page seams: once running heads and
//! footers are known, a line in the band of furniture where two pages meet
//! (no more than a couple of lines of running text from a seam) is
//! furniture when it reads as one of them through OCR damage (`SEGRE`,
//! `~SEGREF` for `SECRET`), as a piece of one that OCR broke off (`HW
//! 50955` of `HW 50955 DocId:32424709 Page 34`), as one with specks run
//! into it (`exe SECRET fe`), or as two of them run together (`SECRET
//! Gerald Ford Library`). The seam is what makes the looser reading safe:
//! away from it, only [`super::detect`]'s repetition counts.

use rustc_hash::FxHashMap;

use super::super::formulas::{Formula, formula};
use super::super::labels::page_marker;
use super::super::layout::Layout;
use super::super::lines::{LineClass, LineInfo, within_edits};
use super::keys::{Keys, key_into};
use crate::model::FwKind;

/// Lines of running text (see [`prose`]) that may stand between a line of
/// the band and its seam.
const BAND: usize = 2;

/// Lines looked at on each side of a line for its seam.
const REACH: usize = 40;

/// Longest line (characters) read as damaged furniture.
const MAX_LEN: usize = 120;

/// Most templates a line is read against.
const MAX_TEMPLATES: usize = 64;

/// Most lines of a document read against the templates: the pass stays
/// linear however long the document.
const LINE_BUDGET: usize = 4_000;

/// A running head or footer already found, as the band's lines are read
/// against it.
struct Template {
    /// Its key (letters, folded, numbers and specks dropped).
    key: String,
    /// Its letters and figures, folded: a stamp's number is part of it.
    alnum: String,
    kind: FwKind,
    /// Lines found with this key.
    count: usize,
}

/// The letters and figures of a line, folded.
fn alnum(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Furniture in the band of each seam (see the module doc). `taken`
/// marks the lines that are furniture or labels already, or that
/// [`super::detect`] judged no furniture although their key repeats (a
/// chapter's own title on its opening page); `repeated` holds the heads
/// and footers found by their repetition (the patterns to read by),
/// `seams` the lines where pages start, `skip` lines that are no furniture,
/// `keys` the line keys already worked out.
pub(super) fn detect(
    infos: &[LineInfo],
    taken: &[bool],
    repeated: &[(usize, FwKind)],
    seams: &[usize],
    skip: &[bool],
    keys: &Keys,
    layout: &Layout,
) -> Vec<(usize, FwKind)> {
    if repeated.is_empty() || seams.is_empty() {
        return Vec::new();
    }
    let mut k = String::new();
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    let mut templates: Vec<Template> = Vec::new();
    for &(i, kind) in repeated {
        let t = infos[i].trimmed.as_str();
        if !key_into(t, &mut k) {
            continue;
        }
        match by_key.get(k.as_str()) {
            Some(&at) => templates[at].count += 1,
            None => {
                by_key.insert(k.clone(), templates.len());
                templates.push(Template {
                    key: k.clone(),
                    alnum: alnum(t),
                    kind,
                    count: 1,
                });
            }
        }
    }
    // Repeated furniture only: a single line is no pattern to read others
    // by; the most repeated first, at most [`MAX_TEMPLATES`].
    templates.retain(|t| t.count >= 2);
    templates.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    templates.truncate(MAX_TEMPLATES);
    if templates.is_empty() {
        return Vec::new();
    }
    let taken = |i: usize| taken[i];
    // Running text: a line of some length that is no furniture.
    let prose = |i: usize| infos[i].class == LineClass::Text && infos[i].len >= 25 && !taken(i);
    // Lines of running text before each line: a count over a range is a
    // difference, not a walk.
    let mut prose_upto = vec![0usize; infos.len() + 1];
    for k in 0..infos.len() {
        prose_upto[k + 1] = prose_upto[k] + usize::from(prose(k));
    }
    let prose_in = |from: usize, to: usize| prose_upto[to] - prose_upto[from];
    let in_band = |i: usize| {
        let at = seams.partition_point(|&s| s <= i);
        // From the seam before (the line itself may be one) and to the next.
        let before = at
            .checked_sub(1)
            .map(|p| seams[p])
            .filter(|&s| i - s <= REACH);
        let after = seams.get(at).copied().filter(|&s| s - i <= REACH);
        before.is_some_and(|s| prose_in(s, i) <= BAND)
            || after.is_some_and(|s| prose_in(i + 1, s) <= BAND)
    };
    let apart = |i: usize| {
        let other = |k: Option<usize>| {
            k.and_then(|k| infos.get(k))
                .is_none_or(|x| x.class != LineClass::Text)
        };
        other(i.checked_sub(1)) || other(Some(i + 1))
    };
    // Lines found by their repetition: a counter beside one of them is
    // its page's.
    let mut by_repetition = vec![false; infos.len()];
    for &(i, _) in repeated {
        by_repetition[i] = true;
    }
    let mut out = Vec::new();
    let mut budget = LINE_BUDGET;
    for (i, info) in infos.iter().enumerate() {
        if info.class != LineClass::Text || info.len > MAX_LEN || taken(i) {
            continue;
        }
        let t = info.trimmed.as_str();
        // A field's caption (`Date:`) repeats from form to form; an
        // export's page marker is none of the page's print.
        if t.ends_with(':') && t.split_whitespace().count() <= 2
            || skip[i] && page_marker(t, layout)
        {
            continue;
        }
        // Neither apart nor in the band: no reading can make it furniture,
        // and its key is not worked out.
        if !apart(i) && !in_band(i) {
            continue;
        }
        let key = match keys.get(i) {
            Some(known) => known,
            None => key_into(t, &mut k).then_some(k.as_str()),
        };
        // A stamp of figures (`13-00000`) found page after page is one
        // wherever it stands apart: no heading or prose reads so.
        let stamp = match key {
            Some(k) if k.starts_with('#') => templates_kind(&templates, k),
            _ => None,
        };
        if !(stamp.is_some() && apart(i) || in_band(i)) {
            continue;
        }
        let beside = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .find(|&k| k < infos.len() && by_repetition[k]);
        let (kind, how) = if let Some(kind) = stamp {
            (kind, Reading::Exact)
        } else if let Some(k) = beside.filter(|_| counter(t, layout) && apart(i)) {
            (kind_of(repeated, k), Reading::Exact)
        } else {
            if budget == 0 {
                continue;
            }
            budget -= 1;
            let a = alnum(t);
            let Some(m) = matching(key, &a, worn(t), &templates) else {
                continue;
            };
            m
        };
        // Inside a contents list only a line that is the furniture whole
        // or a piece of a stamp: an entry may read like a running head
        // through damage.
        if skip[i]
            && (how == Reading::Damaged && formula(t, layout) != Some(Formula::Stamp)
                || entry_like(t))
        {
            continue;
        }
        // Dates, names and formulas of letters repeat without being furniture.
        if matches!(
            formula(t, layout),
            Some(
                Formula::Date
                    | Formula::Signature
                    | Formula::Salutation
                    | Formula::Closing
                    | Formula::Speaker
            )
        ) || super::date_line(t, layout)
        {
            continue;
        }
        out.push((i, kind));
    }
    out
}

/// The kind of furniture line `k` of `repeated` (sorted by line).
fn kind_of(repeated: &[(usize, FwKind)], k: usize) -> FwKind {
    repeated
        .binary_search_by_key(&k, |x| x.0)
        .map_or(FwKind::Header, |at| repeated[at].1)
}

/// A page counter of figures (`004`, `9012`), perhaps read through the
/// digit look-alikes (`@oo7`, `(goo9`, `oll`): three to six glyphs, each
/// a figure, a look-alike or a speck, a figure or two look-alikes of
/// them. Set against repeated furniture, it counts that page.
fn counter(t: &str, layout: &Layout) -> bool {
    let glyphs: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    let figures = glyphs
        .iter()
        .filter(|&&c| layout.digit(c).is_some())
        .count();
    (3..=6).contains(&glyphs.len())
        && figures >= 3
        && glyphs
            .iter()
            .all(|&c| layout.digit(c).is_some() || !c.is_alphanumeric())
}

/// The kind of the template with key `k`, if one has it.
fn templates_kind(templates: &[Template], k: &str) -> Option<FwKind> {
    templates.iter().find(|t| t.key == k).map(|t| t.kind)
}

/// Does a line close on a page number as a contents entry does, without
/// the long figures of an archive's stamp?
fn entry_like(t: &str) -> bool {
    let mut run = 0;
    let mut long = false;
    for b in t.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        long |= run >= 5;
    }
    !long && t.bytes().last().is_some_and(|b| b.is_ascii_digit())
}

/// How a line reads as a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Its key is the template's.
    Exact,
    /// A piece of the template's letters and figures.
    Piece,
    /// Through OCR damage, specks or another template run in.
    Damaged,
}

/// The kind of the template a line reads as, and how, if any: by its key
/// `key` (letters) or its letters and figures `a`; `worn`: the line shows
/// OCR damage.
fn matching(
    key: Option<&str>,
    a: &str,
    worn: bool,
    templates: &[Template],
) -> Option<(FwKind, Reading)> {
    if let Some(c) = key {
        if let Some(t) = templates.iter().find(|t| t.key == c) {
            return Some((t.kind, Reading::Exact));
        }
        if let Some(t) = templates
            .iter()
            .find(|t| reads_as(c, &t.key) || worn && reads_as_worn(c, &t.key))
        {
            return Some((t.kind, Reading::Damaged));
        }
        // Two heads run together, or a head with specks run into it.
        for t in templates.iter().filter(|t| t.key.len() >= 5) {
            let rest = if let Some(r) = c.strip_prefix(t.key.as_str()) {
                r
            } else if let Some(r) = c.strip_suffix(t.key.as_str()) {
                r
            } else {
                continue;
            };
            if rest.len() <= 3 || templates.iter().any(|u| reads_as(rest, &u.key)) {
                return Some((t.kind, Reading::Damaged));
            }
        }
    }
    // A piece of a stamp broken off by OCR (`HW 50955` of `HW 50955
    // DocId:32424709 Page 34`): figures and all, at its start or its end.
    if a.len() >= 6 && a.bytes().any(|b| b.is_ascii_digit()) {
        for t in templates.iter().filter(|t| t.alnum.len() > a.len()) {
            let limit = a.len() / 5;
            let (head, tail) = (
                &t.alnum.as_bytes()[..a.len()],
                &t.alnum.as_bytes()[t.alnum.len() - a.len()..],
            );
            if within_edits(a.as_bytes(), head, limit) || within_edits(a.as_bytes(), tail, limit) {
                return Some((t.kind, Reading::Piece));
            }
        }
    }
    None
}

/// Does key `c` of a line that shows its damage (see [`worn`]) read as
/// template key `t`, a stamp of six or seven letters photocopied many
/// times: its first two letters kept and half the rest (`SEUKE!`,
/// `sEUKREL` for `SECRET`)?
fn reads_as_worn(c: &str, t: &str) -> bool {
    let (x, y) = (c.as_bytes(), t.as_bytes());
    let longer = x.len().max(y.len());
    (6..=7).contains(&y.len())
        && x.len() >= 5
        && longer <= 7
        && x[..2] == y[..2]
        && within_edits(x, y, longer / 2)
}

/// Does a line show OCR damage in its words: a small letter before a
/// capital (`sEUKREL`) or a glyph no word holds (`SEUKE!`)? A clean word
/// (`SECOND`) is read as itself.
fn worn(t: &str) -> bool {
    let cs: Vec<char> = t.chars().collect();
    cs.windows(2)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase())
        || cs
            .iter()
            .any(|c| !c.is_alphanumeric() && !c.is_whitespace() && !".,:;'\"()-".contains(*c))
}

/// Does key `c` read as template key `t`: the same through OCR damage (a
/// third of its letters, one end standing), or a piece of it of half its
/// length or more?
fn reads_as(c: &str, t: &str) -> bool {
    if c.len() < 3 || t.len() < 4 {
        return false;
    }
    if c == t {
        return true;
    }
    let (x, y) = (c.as_bytes(), t.as_bytes());
    let ends = x[0] == y[0] || x[x.len() - 1] == y[y.len() - 1];
    let longer = x.len().max(y.len());
    if ends && within_edits(x, y, (longer / 3).max(1)) {
        return true;
    }
    // A piece broken off at one end of it.
    c.len() >= 6 && c.len() * 5 >= t.len() * 3 && (t.starts_with(c) || t.ends_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_marks_read_as_their_template() {
        assert!(reads_as("segre", "secret"));
        assert!(reads_as("segref", "secret"));
        assert!(reads_as("eret", "secret"));
        assert!(!reads_as("second", "secret"));
        assert!(!reads_as("lecture", "introductorylecture"));
        assert!(reads_as("photocop", "photocopyfrom"));
    }

    #[test]
    fn a_counter_beside_repeated_furniture_is_its_page() {
        use super::super::super::layout::DEFAULT_LAYOUT;
        use super::super::super::lines::classify;
        let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
        for t in ["004", "9012", "@oo7 -", "(goo9", "oll"] {
            assert!(counter(t, &layout), "{t}");
        }
        for t in ["1", "ll", "file.", "gjuuz", "1963 and 1964"] {
            assert!(!counter(t, &layout), "{t}");
        }
        let prose = "the text of the page runs on in long lines of prose, page after page";
        let mut lines: Vec<String> = Vec::new();
        let (mut seams, mut repeated) = (Vec::new(), Vec::new());
        for page in 1..=4 {
            seams.push(lines.len());
            lines.extend((0..20).map(|_| prose.to_string()));
            lines.push(String::new());
            lines.push(format!("@oo{page}"));
            repeated.push((lines.len(), FwKind::Footer));
            lines.push("13-00000".into());
        }
        // The same counter in running text is none.
        seams.push(lines.len());
        lines.extend([prose.to_string(), "004".into(), prose.to_string()]);
        let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
        let mut taken = vec![false; infos.len()];
        for &(i, _) in &repeated {
            taken[i] = true;
        }
        let skip = vec![false; infos.len()];
        let keys = Keys::new(infos.len());
        let got: Vec<usize> = detect(&infos, &taken, &repeated, &seams, &skip, &keys, &layout)
            .into_iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(got, [21, 44, 67, 90]);
    }

    #[test]
    fn a_worn_stamp_reads_as_its_template_a_clean_word_not() {
        for (line, key) in [
            ("SEUKE! Wy", "seuke"),
            ("sEUKREL 13g", "seukrel"),
            ("SEVKE!", "sevke"),
            ("sEWIE E", "sewie"),
        ] {
            assert!(worn(line) && reads_as_worn(key, "secret"), "{line}");
            assert!(!reads_as(key, "secret"), "{line}");
        }
        assert!(!worn("SECOND") && !worn("Second Session."));
        assert!(!reads_as_worn("core", "copy"));
        assert!(!reads_as_worn("stained", "stricted"));
    }

    #[test]
    fn a_broken_stamp_reads_as_its_template() {
        let t = Template {
            key: "hwdocldpage".into(),
            alnum: "hw50955docld32424709page34".into(),
            kind: FwKind::Footer,
            count: 5,
        };
        let ts = [t];
        let piece = Some((FwKind::Footer, Reading::Piece));
        assert_eq!(matching(None, "hw50955", false, &ts), piece);
        assert_eq!(matching(Some("page"), "132424709page35", false, &ts), piece);
        assert_eq!(matching(None, "19631964", false, &ts), None);
    }
}
