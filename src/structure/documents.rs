//! Several documents in one file (a harvest of releases, a file of memoranda
//! and letters, a volume of papers): where one document ends and the next
//! begins.
//!
//! A document starts at the top of a page. Page tops are the page seams,
//! the line after a mark that separates scanned pages (an archive's record
//! stamp `13-00000`, a Bates stamp, a page label standing alone, a text
//! export's `--- Page 3 ---`), a fax machine's header line (`DEC 09 '96
//! 3:17PM P.2`), and the lines on either side of a classification stamp
//! standing alone (`SECRET` at the foot of one page or the head of the next).
//!
//! A page top opens a document when
//! - its first lines open one (a memorandum's heading or fields `TO:`,
//!   `SUBJECT:`, a salutation, a release stamp, a form's number and edition
//!   `FD-302 (Rev. 4-15-64)`, a title such as `Excerpt from …`), and the
//!   page before closes (a closing formula, a signature, `cc:`, an
//!   enclosure line, a typist's reference `JAM/ji`, an end mark) or the top
//!   is a sure one (a seam, a record stamp, a fax header);
//! - or the top is a sure one and the page before closes;
//! - or a date line heads it and the page before closes;
//!
//! and nothing says the page goes on: a page label that counts this
//! document's pages (`-2-`, `Page 3`), an archive stamp counting on, `-more-`
//! at the foot, `Continued` at the head, or a sentence running over the seam.
//! The words come from the layout vocabulary.

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use super::Layers;
use super::formulas::{Formula, LineFormulas, typist_reference};
use super::layout::Layout;
use super::lines::{LineClass, ends_sentence, starts_lowercase};
use crate::model::{Block, BlockKind, DivKind, Division, FwKind, Inline, Node};

/// Lines of text at the head of a page read for an opening.
const HEAD: usize = 12;
/// Lines of text at the foot of the page before read for a closing.
const TAIL: usize = 6;

/// How sure a page top is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Top {
    /// Beside a classification stamp: the stamp may head this page or foot the last.
    Weak,
    /// After a seam, a page-separating mark, or at a fax header.
    Sure,
}

/// What a page top shows, for the decision and for tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Evidence {
    opens: bool,
    opens_at_once: bool,
    dated: bool,
    closes: bool,
    release: bool,
    goes_on: bool,
}

/// The text of lines, their classes and their furniture, as the detector reads them.
struct Page<'a> {
    texts: Vec<&'a str>,
    /// Each line lower-cased, once and only when asked: the tests of a
    /// page top read it again and again, and most lines are never read.
    lower: Vec<OnceCell<String>>,
    /// Each line a form's number and edition (see [`form_header`])?
    form: Vec<bool>,
    class: Vec<LineClass>,
    /// The page label printed on a line, if any.
    label: Vec<Option<&'a str>>,
    layout: &'a Layout,
    /// The structure pass's formulas, by line (see [`LineFormulas`]).
    formulas: &'a LineFormulas,
    /// Keys (see [`boilerplate_key`]) of form numbers and long closing
    /// notices printed on three pages or more: the file's own forms (the
    /// interview sheets of a report), which open no document of their own.
    boilerplate: rustc_hash::FxHashSet<String>,
}

impl<'a> Page<'a> {
    fn formula(&self, k: usize) -> Option<Formula> {
        self.formulas.get(k, self.texts[k], self.layout)
    }

    /// Line `k` folded (see [`trim_folded`]).
    fn folded(&self, k: usize) -> &str {
        trim_folded(self.lower(k))
    }

    /// Line `k` lower-cased.
    fn lower(&self, k: usize) -> &str {
        self.lower[k].get_or_init(|| self.texts[k].to_lowercase())
    }

    /// Does line `k` start with one of the document closers (see
    /// [`starts_with_any`])? Its first letter or figure first: most lines
    /// fail on it before they are lower-cased.
    fn starts_closer(&self, k: usize, first_bytes: &[u8]) -> bool {
        let t = self.texts[k];
        if t.is_ascii()
            && !first_bytes.is_empty()
            && let Some(b) = t.bytes().find(u8::is_ascii_alphanumeric)
            && !first_bytes.contains(&b.to_ascii_lowercase())
        {
            return false;
        }
        starts_with_any(self.folded(k), &self.layout.document_closers)
    }

    fn blank(&self, k: usize) -> bool {
        self.class[k] == LineClass::Blank
    }

    /// A line that separates scanned pages and belongs to neither: a
    /// page label alone, an archive's record stamp, a Bates stamp, an
    /// export's page marker.
    fn mark(&self, k: usize) -> bool {
        let t = self.texts[k];
        if self.blank(k) {
            return false;
        }
        if self.label[k].is_some_and(|l| l.len() + 8 >= t.len()) {
            return true;
        }
        if super::labels::page_marker(t, self.layout) {
            return true;
        }
        record_stamp(t) || self.class[k] == LineClass::Furniture && bates_stamp(t)
    }

    fn stamp(&self, k: usize) -> bool {
        self.formulas.is_stamp(k, self.texts[k], self.layout)
    }
}

/// The start of a line, letters only, folded: the same form number or
/// notice read with different OCR damage after it shares it.
fn boilerplate_key(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .take(8)
        .collect()
}

/// An archive's record stamp: a number of five digits or more, perhaps
/// in groups joined by a hyphen (`13-00000`, `104-10332`), first on its
/// line, with at most specks after it.
fn record_stamp(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let first = first.trim_end_matches(['_', '.', ',', ';', ')']);
    // Most lines fail on their first word: the rest is not gathered.
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return false;
    }
    let digits = first.bytes().filter(u8::is_ascii_digit).count();
    // Room for a group split by OCR (`13- 00000`).
    let mut digits_all = digits;
    let mut rest: Vec<&str> = words.collect();
    if first.ends_with('-')
        && let Some(next) = rest.first()
        && next.bytes().all(|b| b.is_ascii_digit())
    {
        digits_all += next.len();
        rest.remove(0);
    }
    digits_all >= 5
        && rest
            .iter()
            .all(|w| w.chars().filter(|c| c.is_alphabetic()).count() <= 3)
}

/// A Bates stamp: a word or two and a number of five digits or more
/// (`DB Cooper-17332`), alone on its line.
fn bates_stamp(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() <= 3
        && words
            .last()
            .is_some_and(|w| w.bytes().filter(u8::is_ascii_digit).count() >= 5)
}

/// A fax machine's header: a clock time, and a month or a numeric date
/// among the first words (`04/16/97 WED 16:11 FAX …`, `DEC 09 '96 3:17PM P.2/4`).
fn fax_header(t: &str, layout: &Layout) -> bool {
    // A clock time holds a colon: most lines fail here, before a walk
    // over their words.
    if !t.contains(':') || t.chars().count() > 70 {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let clock = words.iter().any(|w| {
        let w = w.trim_start_matches(|c: char| !c.is_ascii_digit());
        let mut parts = w.splitn(2, ':');
        let (h, m) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        !h.is_empty()
            && h.len() <= 2
            && h.bytes().all(|b| b.is_ascii_digit())
            && m.len() >= 2
            && m.as_bytes()[..2].iter().all(u8::is_ascii_digit)
    });
    let dated = words.iter().take(3).any(|w| {
        let folded = w.to_lowercase();
        let letters = folded.trim_matches(|c: char| !c.is_alphabetic());
        (layout.months.contains(letters) && letters.len() == 3 && w.starts_with(char::is_uppercase))
            || w.split('/').count() == 3
                && w.split('/')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    });
    clock && dated
}

/// A date line: a month with a day or a year and little else
/// (`29 March 1963`, `April 16, 1997`, `Tuesday, January 22, 1963`).
fn date_line(t: &str, layout: &Layout) -> bool {
    // Words counted no further than the limit: a line of prose stops early.
    let n = t.split_whitespace().take(7).count();
    if n == 0 || n > 6 {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let month = words.iter().any(|w| {
        let folded = w.to_lowercase();
        let letters = folded.trim_matches(|c: char| !c.is_alphabetic());
        letters.len() >= 3 && layout.months.contains(letters)
    });
    let number = words.iter().any(|w| {
        let d = w.bytes().filter(u8::is_ascii_digit).count();
        d != 0 && (d <= 2 || d == 4)
    });
    month && number
}

/// A lower-cased line from its first letter or digit: its folded text.
fn trim_folded(lower: &str) -> &str {
    lower.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// Does a folded line start with one of `starts` (a whole word or a
/// start that ends in punctuation)?
fn starts_with_any(f: &str, starts: &[String]) -> bool {
    // The first byte before the whole: most lines fail on it.
    let head = f.as_bytes().first();
    starts.iter().any(|o| {
        (o.is_empty() || o.as_bytes().first() == head)
            && f.starts_with(o.as_str())
            && f[o.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || !o.ends_with(char::is_alphanumeric))
    })
}

/// Does the line start like the first lines of a document: a memorandum's
/// heading or fields, a letter's reference, a title such as `Notes on`?
/// `f` is the line folded.
fn opener(t: &str, f: &str, layout: &Layout) -> bool {
    t.split_whitespace().count() <= 12 && starts_with_any(f, &layout.document_openers)
}

/// An address line of a letterhead or an inside address: a place and a
/// postal code after a comma (`Washington, D.C. 20505`, `Los Angeles, Calif. 90036`).
fn address(t: &str) -> bool {
    if !t.contains(',') || t.split_whitespace().take(8).count() > 7 {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let code = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit())
    };
    (2..=7).contains(&words.len())
        && t.contains(',')
        && words[..2.min(words.len())]
            .iter()
            .any(|w| w.starts_with(char::is_uppercase))
        && words.iter().rev().take(2).any(|w| code(w))
}

/// A form's number and edition: `FD-302 (Rev. 4-15-64)`.
#[cfg(test)]
fn form_header(t: &str, layout: &Layout) -> bool {
    form_header_lower(&t.to_lowercase(), layout)
}

/// [`form_header`] of a line lower-cased (`f`). A figure follows the mark,
/// so a line without one is none (lower-casing makes no figures).
fn form_header_lower(f: &str, layout: &Layout) -> bool {
    if !f.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    layout.form_marks.iter().any(|m| {
        f.find(m.as_str()).is_some_and(|at| {
            f[at + m.len()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

/// A stamp that only a release carries at its head (`FOR IMMEDIATE RELEASE`, `EMBARGO`).
/// `f` is the line lower-cased.
fn release_stamp(f: &str, layout: &Layout) -> bool {
    layout.release_stamps.iter().any(|w| f.contains(w.as_str()))
        && layout
            .document_openers
            .iter()
            .any(|o| f.contains(o.as_str()))
}

/// The number a label counts: `2` of `- 2 -`, `B-2`; roman numerals too.
fn label_value(label: &str) -> Option<u32> {
    let digits: String = label.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    super::labels::roman_value(&label.to_lowercase())
}

/// First lines (0-based) of the documents after the first; empty for one document.
pub(crate) fn detect(layers: &Layers, layout: &Layout) -> Vec<usize> {
    let infos = &layers.infos;
    let n = infos.len();
    let mut label = vec![None; n];
    for (&k, pieces) in &layers.furniture {
        label[k] = pieces.iter().find_map(|f| match (&f.kind, &f.label) {
            (FwKind::PageNum, Some((_, l))) => Some(l.as_str()),
            _ => None,
        });
    }
    let mut page = Page {
        texts: infos.iter().map(|i| i.trimmed.as_str()).collect(),
        form: Vec::new(),
        lower: vec![OnceCell::new(); n],
        class: infos.iter().map(|i| i.class.clone()).collect(),
        label,
        layout,
        formulas: &layers.formulas,
        boilerplate: Default::default(),
    };
    // A form's number holds a figure, and lower-casing makes none.
    page.form = (0..n)
        .map(|k| {
            page.texts[k].bytes().any(|b| b.is_ascii_digit())
                && form_header_lower(page.lower(k), layout)
        })
        .collect();
    // The first bytes of the closers, when none is empty.
    let closer_firsts: Vec<u8> = layout
        .document_closers
        .iter()
        .map(|c| c.as_bytes().first().copied())
        .collect::<Option<Vec<u8>>>()
        .unwrap_or_default();
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for (k, t) in page.texts.iter().enumerate() {
        let long_closer = t.len() > 30 && page.starts_closer(k, &closer_firsts);
        if page.form[k] || long_closer {
            *counts.entry(boilerplate_key(t)).or_default() += 1;
        }
    }
    page.boilerplate = counts
        .into_iter()
        .filter(|(_, c)| *c >= 3)
        .map(|(k, _)| k)
        .collect();
    let page = page;
    let marks: Vec<bool> = (0..n).map(|k| page.mark(k)).collect();
    let content = |k: usize| !page.blank(k) && !marks[k];
    let next_content =
        |from: usize, within: usize| (from..n.min(from + within)).find(|&k| content(k));
    let Some(first) = (0..n).find(|&k| content(k)) else {
        return Vec::new();
    };
    let mut in_contents = vec![false; n];
    for c in &layers.contents {
        in_contents[c.title.unwrap_or(c.first).min(c.first)..=c.last].fill(true);
    }

    // Page tops, the surer kind kept where two meet.
    let mut tops: Vec<(usize, Top)> = Vec::new();
    for p in layers.pages.iter().skip(1) {
        tops.extend(next_content(p.line, 8).map(|k| (k, Top::Sure)));
    }
    for k in (0..n).filter(|&k| marks[k]) {
        tops.extend(next_content(k + 1, 8).map(|k| (k, Top::Sure)));
    }
    for k in (0..n).filter(|&k| content(k)) {
        if fax_header(page.texts[k], layout) {
            tops.push((k, Top::Sure));
        } else if page.stamp(k) {
            tops.push((k, Top::Weak));
            tops.extend(next_content(k + 1, 6).map(|k| (k, Top::Weak)));
        }
    }
    tops.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    tops.dedup_by_key(|t| t.0);
    tops.retain(|&(k, _)| k > first && !in_contents[k]);

    // Lines of running text: a document holds some before the next begins
    // (a letterhead, an address block and a cover sheet hold none).
    // Counts over a range come from running totals, so that a long file
    // of one document costs linear time, not time per page top.
    let mut prose_upto = vec![0usize; n + 1];
    for (k, x) in infos.iter().enumerate() {
        let prose =
            x.class == LineClass::Text && x.len >= 40 && super::lines::has_words(&x.trimmed, 7);
        prose_upto[k + 1] = prose_upto[k] + usize::from(prose);
    }
    let mut page_lines: Vec<usize> = layers.pages.iter().map(|p| p.line).collect();
    page_lines.sort_unstable();
    let sure_tops: Vec<usize> = tops
        .iter()
        .filter(|x| x.1 == Top::Sure)
        .map(|x| x.0)
        .collect();
    // How many of sorted `lines` lie in `(from, to]`.
    let between = |lines: &[usize], from: usize, to: usize| {
        lines.partition_point(|&l| l <= to) - lines.partition_point(|&l| l <= from)
    };
    // Lines with content in order: a page top's head and the foot before
    // it are read off this list, not walked to line by line.
    let content_lines: Vec<usize> = (0..n).filter(|&k| content(k)).collect();
    // The head of the page at `t`: its first lines of content.
    let head_of = |t: usize| {
        let at = content_lines.partition_point(|&k| k < t);
        let end = n.min(t + 60);
        let after = &content_lines[at..content_lines.len().min(at + HEAD)];
        (at, &after[..after.partition_point(|&k| k < end)])
    };
    // Where each printed line (its length and folded text) stands: only
    // lines as long as a line at the head of a page top, the only lines
    // looked up (most lines are never lower-cased).
    let head_lens: rustc_hash::FxHashSet<usize> = tops
        .iter()
        .flat_map(|&(t, _)| head_of(t).1.iter().map(|&k| page.texts[k].len()))
        .collect();
    let mut printed: FxHashMap<(usize, &str), Vec<usize>> = FxHashMap::default();
    for (k, t) in page.texts.iter().enumerate() {
        if head_lens.contains(&t.len()) {
            printed
                .entry((t.len(), page.folded(k)))
                .or_default()
                .push(k);
        }
    }
    let mut tail: Vec<usize> = Vec::with_capacity(TAIL);
    let mut starts: Vec<(usize, Top)> = Vec::new();
    let mut doc_start = first;
    for &(t, top) in &tops {
        if prose_upto[t] - prose_upto[doc_start] < 2 {
            continue;
        }
        let (at, head) = head_of(t);
        tail.clear();
        tail.extend(
            content_lines[..at]
                .iter()
                .rev()
                .take_while(|&&k| k >= doc_start)
                .take(TAIL),
        );
        if head.is_empty() || tail.is_empty() {
            continue;
        }
        // Seams since this document began: a page label up to this count
        // (and a little over, for seams not seen) numbers its pages.
        let pages_since = between(&page_lines, doc_start, t).max(between(&sure_tops, doc_start, t));
        let e = evidence(
            &page,
            &printed,
            &marks,
            doc_start,
            t,
            head,
            &tail,
            pages_since,
            layout,
        );
        let open = e.opens && (e.closes || e.dated || top == Top::Sure)
            || top == Top::Sure && e.closes
            || e.dated && e.closes
            || e.release && top == Top::Sure;
        let starts_here = !e.goes_on && open;
        if starts_here {
            starts.push((t, top));
            doc_start = t;
        }
    }
    // Two starts a few lines apart beside a stamp: the sure one, or else
    // the later (the stamp foots the page before).
    let mut out: Vec<(usize, Top)> = Vec::new();
    for (t, top) in starts {
        if let Some(&(last, last_top)) = out.last()
            && (last..t).filter(|&k| content(k)).count() <= 2
        {
            if last_top == Top::Sure && top == Top::Weak {
                continue;
            }
            out.pop();
        }
        out.push((t, top));
    }
    out.into_iter().map(|(t, _)| t).collect()
}

/// What the head of the page at `t` and the foot of the page before show.
#[allow(clippy::too_many_arguments)]
fn evidence(
    page: &Page,
    printed: &FxHashMap<(usize, &str), Vec<usize>>,
    marks: &[bool],
    doc_start: usize,
    t: usize,
    head: &[usize],
    tail: &[usize],
    pages_since: usize,
    layout: &Layout,
) -> Evidence {
    let text = |k: usize| page.texts[k];
    let mut e = Evidence::default();
    // A line the document printed before heads its pages (`Declaration
    // of EDMUND COHEN` on each page): a running head, no opening.
    let seen = |k: usize| {
        printed
            .get(&(text(k).len(), page.folded(k)))
            .is_some_and(|at| {
                at.get(at.partition_point(|&j| j < doc_start))
                    .is_some_and(|&j| j < t)
            })
    };
    let mut repeated = false;
    for (i, &k) in head.iter().enumerate() {
        let t = text(k);
        let opens = opener(t, page.folded(k), layout)
            || page.formula(k) == Some(Formula::Salutation)
            || page.form[k] && !page.boilerplate.contains(&boilerplate_key(t))
            || release_stamp(page.lower(k), layout)
            || i < 4 && address(t);
        if opens && seen(k) {
            repeated = true;
        } else {
            e.opens |= opens;
        }
    }
    e.release = head
        .iter()
        .take(3)
        .any(|&k| release_stamp(page.lower(k), layout));
    e.dated = head.iter().take(4).any(|&k| date_line(text(k), layout));
    e.closes = tail.iter().any(|&k| {
        let t = text(k);
        matches!(page.formula(k), Some(Formula::Closing | Formula::Signature))
            || layout.end_marks.contains(page.lower(k))
            || starts_with_any(page.folded(k), &layout.document_closers)
                && !page.boilerplate.contains(&boilerplate_key(t))
            || typist_reference(t)
    });
    // A page label numbering this document's pages, at its head or on the
    // lines between the pages.
    let from = tail.first().map_or(t, |&k| k + 1);
    let to = head.get(3).copied().unwrap_or(t);
    let counted = (from..=to).any(|k| {
        page.label[k]
            .and_then(label_value)
            .is_some_and(|v| v >= 2 && v as usize <= pages_since + 2)
    }) || head.iter().take(4).any(|&k| {
        page.formula(k) == Some(Formula::PageWord) && !text(k).split_whitespace().any(|w| w == "1")
    });
    // An archive's stamp beside the seam that numbers the scan's pages
    // from 2 on (`… DocId: 32424608 Page 2`): the same record.
    let stamp_counts = (from.saturating_sub(2)..(to + 1).min(page.texts.len()))
        .any(|k| super::labels::stamp_page(text(k), layout).is_some_and(|n| n >= 2));
    let more = tail.iter().take(2).any(|&k| {
        layout
            .continuation_marks
            .contains(page.lower(k).trim_matches(['(', ')', '-', ' ']))
    });
    let continued = head
        .iter()
        .take(3)
        .any(|&k| page.folded(k).contains("continued"));
    // A sentence running over the seam: the page before ends mid-sentence
    // on running text and this one goes on in small letters.
    let prose = |k: usize| page.class[k] == LineClass::Text && text(k).chars().count() >= 25;
    let last_text = tail
        .iter()
        .copied()
        .find(|&k| page.class[k] == LineClass::Text && !marks[k] && !page.stamp(k));
    let first_prose = head
        .iter()
        .copied()
        .find(|&k| page.class[k] == LineClass::Text && !page.stamp(k) && prose(k));
    let lower = first_prose.is_some_and(|k| starts_lowercase(text(k)));
    let runs_on = lower && last_text.is_some_and(|k| prose(k) && !ends_sentence(text(k)));
    let opens_at_once = head.iter().take(3).any(|&k| {
        (opener(text(k), page.folded(k), layout)
            || page.form[k] && !page.boilerplate.contains(&boilerplate_key(text(k))))
            && !seen(k)
    });
    e.opens_at_once = opens_at_once;
    // A closing formula last on the page: its signature follows.
    let signs_next = tail
        .first()
        .is_some_and(|&k| page.formula(k) == Some(Formula::Closing));
    e.goes_on = counted
        || stamp_counts
        || more
        || continued
        || signs_next
        || repeated && !e.opens
        || (runs_on || lower) && !opens_at_once;
    e
}

/// Settles the document divisions on their first lines (`starts`: the
/// first lines, 0-based, of the documents after the first).
///
/// Blank lines and an export's page markers at the head of a document
/// division belong to no document: they go before it, in source order
/// (they are written as `lb`). Lines a document prints above its title (a
/// stamp, a date line), which nesting leaves before the division, go back
/// into it: its title then heads the section that holds the document's
/// text, so that the division starts on its first printed line.
pub(crate) fn settle(body: &mut Vec<Node>, starts: &[usize], layout: &Layout) {
    if !body
        .iter()
        .any(|n| matches!(n, Node::Division(d) if d.kind == DivKind::Document))
    {
        return;
    }
    let bare = |b: &Block| matches!(b.kind, BlockKind::Spacing | BlockKind::Furniture);
    let blank_or_marker = |b: &Block| {
        b.kind == BlockKind::Spacing
            || b.kind == BlockKind::Furniture
                && b.content.iter().all(|i| match i {
                    Inline::Furniture(f) => super::labels::page_marker(f.text.trim(), layout),
                    Inline::Text(t) => {
                        t.trim().is_empty() || super::labels::page_marker(t.trim(), layout)
                    }
                    _ => true,
                })
    };
    let mut out: Vec<Node> = Vec::with_capacity(body.len());
    for mut n in std::mem::take(body) {
        if let Node::Division(d) = &mut n
            && d.kind == DivKind::Document
        {
            match d.head.take() {
                None => {
                    let lead = d
                        .children
                        .iter()
                        .take_while(|c| matches!(c, Node::Block(b) if blank_or_marker(b)))
                        .count();
                    if lead < d.children.len() {
                        out.extend(d.children.drain(..lead));
                    }
                }
                Some(head) => {
                    let line = head.lines().first().copied().unwrap_or(0);
                    // The document's first line (1-based), where it starts before its head.
                    let start = starts.iter().map(|s| s + 1).filter(|&s| s <= line).max();
                    let above = out
                        .iter()
                        .rev()
                        .take_while(|x| {
                            matches!(x, Node::Block(b) if bare(b))
                                && start.is_some_and(|s| x.first_line() >= s)
                        })
                        .count();
                    // Blank lines first among them stay outside.
                    let mut from = out.len() - above;
                    while from < out.len()
                        && matches!(&out[from], Node::Block(b) if blank_or_marker(b))
                    {
                        from += 1;
                    }
                    if from < out.len() {
                        let mut children: Vec<Node> = out.drain(from..).collect();
                        let section = Division {
                            id: d.id.replacen("document", "div", 1),
                            level: d.level,
                            kind: DivKind::Section,
                            head: Some(head),
                            children: std::mem::take(&mut d.children),
                        };
                        children.push(Node::Division(section));
                        d.children = children;
                    } else {
                        d.head = Some(head);
                    }
                }
            }
        }
        out.push(n);
    }
    *body = fold_strays(out);
}

/// A block that only empty elements write (blank lines, page breaks,
/// running heads): TEI allows it between divisions.
fn global_only(n: &Node) -> bool {
    let Node::Block(b) = n else { return false };
    matches!(b.kind, BlockKind::Spacing | BlockKind::Furniture)
        && b.content.iter().all(|i| match i {
            Inline::Text(t) => t.chars().all(|c| c == ' ' || c == '\t'),
            Inline::LineStart { .. } | Inline::PageBreak(_) | Inline::Furniture(_) => true,
            _ => false,
        })
}

/// Moves each block that stands after a division of the body (a text
/// export's page marker, `--- Page 11 ---`, before the next document's
/// start) to the end of the innermost last division before it, with the
/// blank lines between: TEI allows no paragraph after a division at one
/// level, and there the block keeps its place in the order of the lines.
fn fold_strays(body: Vec<Node>) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::with_capacity(body.len());
    for n in body {
        let stray = !matches!(n, Node::Division(_)) && !global_only(&n);
        if stray && let Some(k) = out.iter().rposition(|x| matches!(x, Node::Division(_))) {
            let tail: Vec<Node> = out.drain(k + 1..).collect();
            if let Node::Division(d) = &mut out[k] {
                let target = innermost_last(d);
                target.children.extend(tail);
                target.children.push(n);
            }
            continue;
        }
        out.push(n);
    }
    out
}

/// The division's last descendant division, or itself.
fn innermost_last(mut d: &mut Division) -> &mut Division {
    while matches!(d.children.last(), Some(Node::Division(_))) {
        let Some(Node::Division(c)) = d.children.last_mut() else {
            unreachable!("the last child was just seen to be a division")
        };
        d = c;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout::parse(super::super::layout::DEFAULT_LAYOUT, "t").unwrap()
    }

    #[test]
    fn stamps_faxes_and_references() {
        assert!(record_stamp("13-00000"));
        assert!(record_stamp("13-00000 -~ a . wae eo"));
        assert!(record_stamp("13- 00000"));
        assert!(!record_stamp("1963 was a year of change"));
        assert!(!record_stamp("12"));
        assert!(bates_stamp("DB Cooper-17332"));
        let l = layout();
        assert!(fax_header("04/16/97 WED 16:11 FAX 202 724 0457 ARRB", &l));
        assert!(fax_header("aw. DEC @9 °S6 3:17PM P.2r4", &l));
        assert!(!fax_header("Sent on 24 September 1998 at 11:12:17 AM", &l));
        assert!(!fax_header("9:30 A.M. Depart Ambassador Hotel", &l));
        assert!(date_line("29 March 1963", &l));
        assert!(date_line("Tuesday, January 22, 1963", &l));
        assert!(!date_line(
            "The President met the Secretary in March 1963 to talk",
            &l
        ));
        assert!(typist_reference("JAM/ji (taped)"));
        assert!(typist_reference("DCI/OGC/LD/LCCipriani/76124 (2 Dec 96)"));
        assert!(!typist_reference("and/or the others"));
        assert!(form_header("FD-302 (Rev. 4-15-64)", &l));
        assert!(form_header("(Rev. 28 Oct. 48) ket", &l));
    }

    fn block(kind: BlockKind, line: usize, text: &str) -> Node {
        let mut content = vec![Inline::LineStart {
            line,
            joins_word: false,
        }];
        if !text.is_empty() {
            content.push(Inline::Text(text.to_string()));
        }
        Node::Block(Block {
            kind,
            id: format!("b{line}"),
            content,
        })
    }

    fn division(id: &str, children: Vec<Node>) -> Node {
        Node::Division(Division {
            id: id.to_string(),
            level: 1,
            kind: DivKind::Document,
            head: None,
            children,
        })
    }

    #[test]
    fn a_page_marker_between_documents_ends_the_document_before_it() {
        let inner = division("s", vec![block(BlockKind::Paragraph, 2, "Text.")]);
        let body = vec![
            division("d1", vec![block(BlockKind::Paragraph, 1, "Intro."), inner]),
            block(BlockKind::Spacing, 3, ""),
            block(BlockKind::Furniture, 4, "--- Page 11 ---"),
            division("d2", vec![block(BlockKind::Paragraph, 5, "More.")]),
            block(BlockKind::Spacing, 6, ""),
        ];
        let out = fold_strays(body);
        // d1, d2 and the trailing blank line, which TEI allows there.
        assert_eq!(out.len(), 3);
        let Node::Division(d1) = &out[0] else {
            panic!()
        };
        let Node::Division(inner) = &d1.children[1] else {
            panic!()
        };
        // The blank line and the marker, in order, at the end of the innermost division.
        let lines: Vec<usize> = inner.children.iter().map(Node::first_line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
        assert!(matches!(out[2], Node::Block(ref b) if b.kind == BlockKind::Spacing));
    }
}
