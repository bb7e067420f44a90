//! The decision on one line: could it head a section? It must stand apart
//! from running text, be capitalised and short by the document's own
//! measure, head a full line of text, and be none of the lines that look
//! like headings without being one: formulas (stamps, dates, signatures),
//! form fields, table rows, transcript turns, OCR debris, numbered
//! paragraphs and lines that run on.

use std::collections::HashSet;

use super::formulas::{Formula, LineFormulas};
use super::heading_styles::{Level, Numbering, numbering};
use super::headings::HeadingRules;
use super::layout::Layout;
use super::lines::{
    LineClass, LineInfo, ends_sentence, has_odd_sign, letter_count, starts_lowercase,
    title_case_ratio, words,
};

/// What deciding one line needs: the document's lines and its measures.
pub(super) struct Ctx<'a> {
    pub(super) infos: &'a [LineInfo],
    pub(super) page_starts: &'a HashSet<usize>,
    pub(super) function_words: &'a HashSet<String>,
    pub(super) rules: &'a HeadingRules,
    pub(super) layout: &'a Layout,
    /// Longest heading line.
    pub(super) max_len: usize,
    /// A full line of running text.
    pub(super) full_line: usize,
    /// The width of the page's longest lines of text.
    pub(super) full_width: usize,
    /// Lines that open an item of a numbered series (`I.`, `II.`; `A.`, `B.`).
    pub(super) series: HashSet<usize>,
    /// Capitals mark a heading: few of the document's text lines are set in
    /// them (in a telegram or a form in capitals they mark nothing).
    pub(super) caps_rare: bool,
    /// Capitals are the text's own case: its running text is set in them
    /// as often as not (a teletype, a telegram).
    pub(super) caps_common: bool,
    /// The document is a transcript of questions and answers: lines that
    /// open with `Q` or `A` are turns.
    pub(super) turns: bool,
    /// Each source line's formula, computed when first asked for (most
    /// lines are never asked), once for the whole structure pass: deciding
    /// a line looks at its neighbours' too, and the document pass asks
    /// about the same lines.
    pub(super) formulas: &'a LineFormulas,
    /// The source line of each line of `infos`.
    pub(super) view: &'a [usize],
    /// Whether each line is set in capitals.
    pub(super) caps: Vec<bool>,
    /// The document numbers lines with two roman numerals or more.
    pub(super) roman_parts: bool,
}

impl Ctx<'_> {
    /// A numbered part that looks like a name with an initial: `I. Formal
    /// Requests.` where the document numbers other parts in roman (`III.
    /// Key Topics`), or `A. Cuban Forces` in a lettered series.
    fn numbered_part(&self, k: usize) -> bool {
        self.series.contains(&k)
            || self.roman_parts
                && numbering(&self.infos[k].trimmed, self.layout) == Numbering::Roman
    }

    /// The formula line `k` is, if any (blank lines are none).
    pub(super) fn formula(&self, k: usize) -> Option<Formula> {
        let x = &self.infos[k];
        (x.class != LineClass::Blank)
            .then(|| self.formulas.get(self.view[k], &x.trimmed, self.layout))
            .flatten()
    }
}

/// The verdict on a line that could head a section but heads no text.
pub(super) const NO_PROSE: &str = "no prose follows";

/// The verdict on a line that goes on with the open sentence above it.
pub(super) const OPEN_SENTENCE: &str = "continues an open sentence";

/// The level line `i` heads at, or why it heads nothing.
/// `under_numbered`: the line right above is a numbered heading (`2.
/// Movement of Cuban Propaganda` / `Guatemala`), so the line is set apart
/// from the text by that heading, as a sub-heading is.
pub(super) fn line_level(ctx: &Ctx, i: usize, under_numbered: bool) -> Result<Level, &'static str> {
    let Ctx {
        infos,
        page_starts,
        function_words,
        rules,
        layout,
        max_len,
        full_line,
        ..
    } = *ctx;
    let info = &infos[i];
    let t = info.trimmed.as_str();
    // A line of a numbered series (`A.`, `B.`, `C.`) set apart by a blank
    // line may be as long as a line of text and needs no title case.
    let is_text = |k: usize| infos.get(k).is_some_and(|x| x.class == LineClass::Text);
    let in_series = ctx.series.contains(&i) && !is_text(i + 1);
    // So may a line in capitals where capitals are rare: a heading set
    // across the columns of a two-column page is longer than their lines.
    let caps_mark = ctx.caps_rare && ctx.caps[i];
    // A numbered title in full title case, every word but the function
    // words capitalised (`6. Exchange of Intelligence on Cuban Subversion`),
    // may run to the page's width; a numbered paragraph (`2. Lateral
    // transfer of information between CIA and FBI Miami.`) may not.
    // Nor may a numbered line as wide as the page that running text goes
    // on right under (`5. Senator Robert F. Kennedy and. Assembly Speaker` /
    // `Unruh will appear before the press …`): it wraps a paragraph.
    // (Asked only of a line too long for any other heading.)
    let numbered_title = || {
        let prose_under = is_text(i + 1)
            && info.len * 10 >= ctx.full_width * 9
            && infos[i + 1].len >= full_line
            && sentence_case(&infos[i + 1].trimmed);
        !prose_under
            && numbering(t, layout) != Numbering::None
            && title_case_ratio(&words(t), function_words).is_some_and(|r| r >= 1.0)
    };
    let (longest, most_words) = if caps_mark || in_series {
        (full_line.max(max_len) * 2, rules.max_words * 2)
    } else if info.len > max_len && info.len <= ctx.full_width && numbered_title() {
        (ctx.full_width, rules.max_words)
    } else {
        (max_len, rules.max_words)
    };
    if info.len > longest {
        return Err("too long");
    }
    // The line's number, asked for by many tests below.
    let number = numbering(t, layout);
    let ws = words(t);
    if ws.len() > most_words || letter_count(t) < 3 {
        return Err("too many words");
    }
    // One word alone heads a section only when it closes like a heading
    // (`INFLAMMATION.`, `America;`), is a section word (`PREFACE`), or
    // a paragraph of running text starts right under it.
    if ws.len() == 1 {
        let w = ws[0]
            .trim_end_matches(['.', ':', ';', '?', '!'])
            .to_lowercase();
        // A word and a colon (`SUBS:`) names a field; its value follows.
        let closes = t.ends_with(['.', ';', '?', '!']);
        let known = layout.section_words.contains(&w) || layout.contents.contains(&w);
        let prose_follows = infos[i + 1..]
            .iter()
            .find(|x| x.class != LineClass::Blank)
            .is_some_and(|x| {
                x.class == LineClass::Text && x.len >= full_line && !starts_lowercase(&x.trimmed)
            });
        if !closes && !known && !prose_follows {
            return Err("lone word");
        }
    }
    if t.ends_with([',', '-', '–']) || t.starts_with(['(', '[']) {
        return Err("ends like a clause");
    }
    let caps = ctx.caps[i];
    // An item of a series of codes (`CIA-IR-05`) set apart on both sides
    // is an entry of a register, named by its code: its words may be in
    // sentence case (`CIA-IR-05 Possible foreign source for records.`).
    // A plain number (`4. No sketches are available.`) numbers paragraphs.
    let set_apart =
        in_series && (i == 0 || !is_text(i - 1)) && matches!(number, Numbering::Code(_));
    let title = !caps
        && first_word_capitalised(&ws)
        && (set_apart
            || title_case_ratio(&ws, function_words).is_some_and(|r| r >= rules.title_ratio))
        && (in_series
            || !title_body(t, &number)
                .trim_end_matches([',', ';', ':', '.'])
                .contains(','));
    if !caps && !title {
        return Err("not capitalised");
    }
    // Where capitals are the text's own case, a line in them is marked
    // off by nothing: only a number makes it a heading.
    if caps && ctx.caps_common && number == Numbering::None {
        return Err("capitals are the text's case");
    }
    match ctx.formula(i) {
        None => {}
        // `A. Cuban Forces` in a lettered series is no name with an initial.
        Some(Formula::Signature) if in_series => {}
        // Nor is `I. Formal Requests.` where the document numbers other
        // parts in roman (`III. Key Topics`): no name has a roman initial there.
        Some(Formula::Signature) if ctx.roman_parts && number == Numbering::Roman => {}
        Some(_) => return Err("formula"),
    }
    // A stamp (`SECRET`) stands apart from the text like a blank line.
    // Above a heading word (`CHAPTER VII`), so does a speck of OCR (`1.1
    // D`): fewer than three letters on a short line is no text it continues.
    let word_line = matches!(number, Numbering::Word(_));
    let speck = |k: usize| word_line && infos[k].len <= 8 && letter_count(&infos[k].trimmed) < 3;
    let gap_before = i == 0
        || !is_text(i - 1)
        || speck(i - 1)
        || page_starts.contains(&i)
        || ctx.formula(i - 1) == Some(Formula::Stamp);
    let gap_after = !is_text(i + 1);
    let prev_text = (0..i).rev().find(|&k| is_text(k) && !speck(k));
    // (A line that ends on an initial, `ROBERT F.`, goes on with the name.)
    let prev_closed = prev_text
        .is_none_or(|k| ends_sentence(&infos[k].trimmed) && !ends_on_initial(&infos[k].trimmed));
    // Text before it that stops on a comma or a function word (`so good in
    // this` / `Administration.`, `The President,` / `The White House.`) goes
    // on in this line, across any blank lines: it is no heading unless
    // numbered.
    let prev_open = prev_text.is_some_and(|k| {
        let p = infos[k].trimmed.trim_end();
        // (Specks of OCR, `y,`, say nothing.)
        letter_count(p) >= 3 && p.ends_with(',')
            || p.rsplit(char::is_whitespace)
                .next()
                .map(|w| w.to_lowercase())
                .is_some_and(|w| w.chars().count() > 1 && function_words.contains(&w))
    });
    if prev_open && number == Numbering::None {
        return Err(OPEN_SENTENCE);
    }
    // Nor does a heading stand inside a sentence: text above that does not
    // close and text below that goes on in small letters (a page's running
    // head or a side note between `until the dread truth` and `reveals
    // itself`).
    // (At a page's top, the page's first column may start mid-sentence
    // under a heading; `a.` under it numbers an item.)
    let next_text = (i + 1..infos.len()).find(|&k| is_text(k));
    if !prev_closed
        && prev_text.is_some_and(|k| {
            !(k + 1..=i).any(|j| page_starts.contains(&j) || infos[j].class == LineClass::Furniture)
        })
        && next_text.is_some_and(|k| {
            let n = &infos[k].trimmed;
            starts_lowercase(n) && numbering(n, layout) == Numbering::None
        })
    {
        return Err("inside a sentence");
    }
    // Capitals, an indent or a number mark a line off.
    let marked = caps || info.indent >= 1 || number != Numbering::None;
    // Without a gap before it, a heading needs a closed sentence before it and a mark.
    let sub_heading = under_numbered && gap_after && !caps;
    if !(gap_before || prev_closed && marked || sub_heading) {
        return Err("not set apart");
    }
    if !gap_before && !gap_after && !marked {
        return Err("not marked");
    }
    if gap_before && !prev_closed && !gap_after && !marked {
        return Err("runs on from an open sentence");
    }
    // The value of a form field (`SUBJECT:` / `NORJAK (A)`, `From:` / `SAC, SEATTLE`).
    let prev_line = (0..i).rev().find(|&k| infos[k].class != LineClass::Blank);
    if prev_line.is_some_and(|k| {
        let p = infos[k].trimmed.as_str();
        p.ends_with(':')
            && p.split_whitespace().count() <= 2
            && ctx.formula(k) != Some(Formula::Stamp)
    }) {
        return Err("value of a field");
    }
    // Under a signature or a closing, a short line is the signer's title or
    // office (`Executive Director`), not a heading.
    let above: Vec<usize> = (0..i)
        .rev()
        .filter(|&k| infos[k].class != LineClass::Blank)
        .take(3)
        .collect();
    if above.iter().any(|&k| match ctx.formula(k) {
        Some(Formula::Closing) => true,
        Some(Formula::Signature) => !ctx.numbered_part(k),
        _ => false,
    }) {
        return Err("under a signature");
    }
    // Over a date line, a short line standing alone is a letterhead
    // (`DEPARTMENT OF STATE`); under a line in capitals it may end a title.
    let caps_above = above.first().is_some_and(|&k| ctx.caps[k]);
    if !caps_above
        && let Some(k) = (i + 1..infos.len()).find(|&k| infos[k].class != LineClass::Blank)
        && ctx.formula(k) == Some(Formula::Date)
    {
        return Err("over a date");
    }
    // OCR debris in letters: words of three letters or more without a vowel
    // (`Lice. Leth hale Cth pth.`).
    let lettered: Vec<String> = ws
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| w.chars().count() >= 3)
        .collect();
    let voweled = lettered
        .iter()
        .filter(|w| {
            w.chars()
                .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
        })
        .count();
    if voweled * 4 < lettered.len() * 3 {
        return Err("debris without vowels");
    }
    // OCR debris in signs: inside the line (specks at its ends are
    // common on real headings), a sign no heading prints (`^) p£j{`,
    // `0 \ ALIMENTARY`).
    if has_odd_sign(t.trim_matches(|c: char| !c.is_alphanumeric())) {
        return Err("debris signs");
    }
    // A row of a table: a rule (`|`), or two figures after its first word
    // and no month to make them a date (`COLOMBIA 6 14 a 7`).
    let figures = ws
        .iter()
        .skip(1)
        .filter(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .parse::<u64>()
                .is_ok()
        })
        .count();
    let dated = ws.iter().any(|w| {
        let folded = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        layout.months.contains(&folded)
    });
    if t.contains('|') || figures >= 2 && !dated {
        return Err("table row");
    }
    // A turn of a transcript (`Q And Mr. Fitzgerald?`, `A Yes.`), or a
    // word of one standing alone (`Sure.`, `States?`).
    if ctx.turns
        && (ws
            .first()
            .is_some_and(|w| matches!(w.trim_end_matches(['.', ':']), "Q" | "A"))
            || ws.len() == 1 && !caps)
    {
        return Err("transcript turn");
    }
    // The tail of a sentence that OCR broke off (`ber. (CONFIDENTIAL`):
    // a heading's first word is not in lower case unless it numbers it.
    let first_word = ws
        .iter()
        .find(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    if first_word.is_some_and(|w| starts_lowercase(w)) && number == Numbering::None {
        return Err("lower-case first word");
    }
    // A typist's reference, the dictator's initials and the typist's
    // (`AOR/jr`, `JAM/ji (taped)`), closes a memorandum.
    if super::formulas::typist_reference(t) && ws.len() <= 2 {
        return Err("typist's reference");
    }
    // A form field with a number sign (`File #`, `File # Los Angeles 56-156`).
    if ws
        .iter()
        .any(|w| w.as_str() == "#" || w.ends_with('#') && w.len() > 1)
    {
        return Err("number sign");
    }
    // A form field, `KEY: value` (`AGENCY: ROCKCOM`, `Title: SIRHAN`).
    if is_field(t) && number == Numbering::None {
        return Err("key and value");
    }
    // OCR debris of a stamp, a map or a table: many tokens of one or two
    // letters that are no function word (`TO el enero Sm II TESS RS`).
    let scraps = ws
        .iter()
        .skip(1)
        .filter(|w| {
            let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            (1..=2).contains(&letters.chars().count())
                && !function_words.contains(&letters.to_lowercase())
        })
        .count();
    if scraps >= 2 && scraps * 3 >= ws.len() {
        return Err("scraps");
    }
    // A lower-case line right after it means the "heading" is running text;
    // so does one after a single blank under a full numbered line that does
    // not close (a numbered paragraph of a double-spaced typescript).
    // (Where capitals are rare, a line in them is no running text.)
    if is_text(i + 1) && starts_lowercase(&infos[i + 1].trimmed) && !caps_mark {
        return Err("lower-case continuation");
    }
    // A line in title case that ends on a function word (`Investigation
    // Concerning Woman in`) runs on: it is no heading by itself.
    // The last word with a letter or a figure (specks after it, `and ~ ~`,
    // `and 9`, are OCR's).
    // (A one-letter word counts only as printed in small letters, `by a`:
    // `Appendix A` and OCR's specks do not run on.)
    let last_word = ws
        .iter()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty() && (w.chars().count() > 1 || w.chars().all(char::is_lowercase)))
        .map(str::to_lowercase);
    // So does one in capitals, unless the next line carries the heading on
    // in capitals (`SA JAMES E. ROSS and` over prose is a sentence's start).
    let next_line = (i + 1..infos.len().min(i + 3)).find(|&k| infos[k].class != LineClass::Blank);
    // (A line with figures, `SA JOSEPH G. DAVIS, JR. JGD/nmb 6/13/68`,
    // carries no title on: a heading's lines hold words.)
    let carried_on = caps
        && next_line.is_some_and(|k| {
            is_text(k) && ctx.caps[k] && !infos[k].trimmed.chars().any(|c| c.is_ascii_digit())
        });
    if !carried_on && last_word.is_some_and(|w| function_words.contains(&w)) {
        return Err("ends on a function word");
    }
    // An entry of a list of fields, one to a line (`Weight 150 pounds` /
    // `Hair Gray` / `Build Slender`): one of three short lines or more in
    // a row, in small or title case, that close no sentence, names no
    // section.
    if !caps && number == Numbering::None && list_run(ctx, i) >= 3 {
        return Err("entry of a list");
    }
    if !is_text(i + 1)
        && number != Numbering::None
        && info.len >= full_line
        && !ends_sentence(t)
        && is_text(i + 2)
        && starts_lowercase(&infos[i + 2].trimmed)
    {
        return Err("numbered paragraph");
    }
    // A heading heads running text: with no full line of text a few lines
    // after it, a short line is a signature, an address, a sign-off or a note.
    // Where capitals are rare, running text is in sentence case: a long
    // line of capitalised words is an entry of a list or a form.
    // (A line of more than twice a heading's words is running text too,
    // however long the document's lines: a paragraph on one line.)
    let full = |x: &LineInfo| {
        x.len >= full_line
            || x.trimmed
                .split_whitespace()
                .nth(rules.max_words * 2)
                .is_some()
    };
    if !infos[i + 1..]
        .iter()
        .filter(|x| x.class == LineClass::Text)
        .take(6)
        .any(|x| full(x) && (!ctx.caps_rare || sentence_case(&x.trimmed)))
    {
        return Err(NO_PROSE);
    }
    Ok(if caps {
        Level::Capitals
    } else {
        Level::TitleCase
    })
}

/// How many lines, up to five, line `i` and the printed lines next to it
/// make of short lines of words not in capitals that close no sentence (at
/// most one blank line between two; a figure or a speck alone is no entry).
fn list_run(ctx: &Ctx, i: usize) -> usize {
    let infos = ctx.infos;
    let member = |k: usize| {
        let x = &infos[k];
        x.class == LineClass::Text
            && x.len < ctx.full_line
            && letter_count(&x.trimmed) >= 3
            && !ctx.caps[k]
            && !ends_sentence(&x.trimmed)
    };
    let step = |k: usize, up: bool| -> Option<usize> {
        let next = |k: usize| {
            if up {
                k.checked_sub(1)
            } else {
                Some(k + 1).filter(|&n| n < infos.len())
            }
        };
        let k1 = next(k)?;
        if infos[k1].class != LineClass::Blank {
            return Some(k1);
        }
        next(k1).filter(|&k2| infos[k2].class != LineClass::Blank)
    };
    let mut run = 1;
    for up in [true, false] {
        let mut k = i;
        while run < 5 {
            match step(k, up) {
                Some(n) if member(n) => {
                    run += 1;
                    k = n;
                }
                _ => break,
            }
        }
    }
    run
}

/// A line without its number, if it has one: OCR reads a number's period
/// as a comma (`C, Summary of Threat`), which is no comma of the title.
fn title_body<'a>(t: &'a str, number: &Numbering) -> &'a str {
    if *number == Numbering::None {
        return t;
    }
    t.split_once(char::is_whitespace)
        .map_or(t, |(_, rest)| rest)
}

/// A form field, `KEY: value`: a key of one or two words, a colon and a
/// value in letters (`SUBJECT: Unauthorized Cuban Raids`).
pub(super) fn is_field(t: &str) -> bool {
    t.split_once(':').is_some_and(|(key, value)| {
        (1..=2).contains(&key.split_whitespace().count()) && value.chars().any(char::is_alphabetic)
    })
}

/// Does the line end on an initial (`ROBERT F.`): a capital alone and a
/// stop, after a word?
fn ends_on_initial(t: &str) -> bool {
    let mut ws = t.split_whitespace().rev();
    let last = ws.next().unwrap_or("");
    let mut cs = last.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
        && ws.next().is_some()
}

/// Running text: at least a quarter of its words of letters begin in
/// lower case.
fn sentence_case(t: &str) -> bool {
    let (mut lower, mut all) = (0, 0);
    for w in t.split_whitespace() {
        if let Some(c) = w.chars().find(|c| c.is_alphabetic()) {
            all += 1;
            lower += usize::from(c.is_lowercase());
        }
    }
    lower * 4 >= all && all > 0
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
