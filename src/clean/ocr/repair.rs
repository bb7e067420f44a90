//! The correction of one token: junk, confusion pairs, run-together words,
//! numbers with letters for digits, damaged initials.

use super::*;

/// A correction of one token, if it needs one and the evidence allows.
/// `a` is the anatomy of `t`.
pub(super) fn token<'t>(
    t: Token<'t>,
    a: Anatomy<'t>,
    sentence_initial: bool,
    ctx: &OcrContext<'_>,
) -> Option<Proposal> {
    let core_start = t.start + a.lead.len();
    let core_end = core_start + a.core.len();
    let junk = |c: char| ctx.junk.contains(c);
    // Junk stuck to the edges of a word (`•shut`, `Communism^`).
    if a.lead.chars().any(junk) || a.trail.chars().any(junk) {
        if !(is_plain_word(a.core) && ctx.lexicon.is_word(a.core)) {
            return None;
        }
        let corr: String = t.text.chars().filter(|c| !junk(*c)).collect();
        return Some(Proposal {
            start: t.start,
            end: t.end,
            corr,
            kind: CorrectionKind::Junk,
            cert: Certainty::High,
        });
    }
    if a.lead == "."
        && a.core.chars().next().is_some_and(char::is_lowercase)
        && is_plain_word(a.core)
        && ctx.trusted(a.core)
    {
        // A speck before a word (`.countries`).
        return Some(Proposal {
            start: t.start,
            end: core_end,
            corr: a.core.to_string(),
            kind: CorrectionKind::Junk,
            cert: Certainty::Medium,
        });
    }
    // Anything else before a word but quotes and brackets: too damaged to guess.
    if !a
        .lead
        .chars()
        .all(|c| is_sentence_mark(c) || matches!(c, '[' | '‘' | '“'))
    {
        return None;
    }
    let core = a.core;
    let (upper, letters, digits) = letter_counts(core);
    if let Some(p) = number_or_initials(t, a, core_start, digits) {
        return Some(p);
    }
    if let Some(p) = quote_read_as_one(a, core_start, ctx) {
        return Some(p);
    }
    let starts_letter = core.chars().next().is_some_and(char::is_alphabetic);
    let ends_letter = core
        .chars()
        .last()
        .is_some_and(|c| c.is_alphabetic() || c == ']');
    // Capitals (acronyms, headings set in capitals) are left as printed;
    // a compound may capitalise each part (`Co-Existance`).
    let max_upper = if core.contains('-') {
        core.split('-')
            .map(|p| letter_counts(p).0)
            .max()
            .unwrap_or(0)
    } else {
        // One part: the core's own count.
        upper
    };
    if letters < 2
        || digits > letters
        || max_upper >= 2
        || !starts_letter
        || !ends_letter
        || core.contains(DASHES)
    {
        return None;
    }
    let capitalised = core.chars().next().is_some_and(char::is_uppercase);
    let name_like = capitalised && !sentence_initial;
    let cased = |w: &str| {
        let c = match_case(core, w);
        if sentence_initial && upper > 0 {
            match_case("A", &c)
        } else {
            c
        }
    };
    let fix = |corr: String, kind, cert| {
        Some(Proposal {
            start: core_start,
            end: core_end,
            corr,
            kind,
            cert,
        })
    };
    if is_plain_word(core) {
        if core.contains('-') {
            return compound_part(core, core_start, name_like, ctx);
        }
        let (suspect, trusted) = ctx.lexicon.word_and_trusted(core);
        if trusted {
            return None;
        }
        if let Some(k) = core.find(['\'', '’']) {
            // Two words run together at an apostrophe (`for'it`).
            let mark = core[k..].chars().next()?;
            let (left, right) = (&core[..k], &core[k + mark.len_utf8()..]);
            return split_at_mark(left, mark, right, ctx)
                .and_then(|(c, cert)| fix(c, CorrectionKind::Split, cert));
        }
        // A mark glued to the end that the OCR made of a letter (`th;`, `nov/`).
        if let Some(m) = a.trail.chars().next()
            && ctx
                .confusions
                .pairs
                .iter()
                .any(|(seen, _)| seen.contains(m))
        {
            let with = format!("{core}{m}");
            if let Reading::Word(w, cert) = one_pair_reading(&with, name_like, ctx) {
                return Some(Proposal {
                    start: core_start,
                    end: core_end + m.len_utf8(),
                    corr: cased(&w),
                    kind: CorrectionKind::Confusion,
                    cert,
                });
            }
        }
        match one_pair_reading(core, name_like, ctx) {
            Reading::Word(w, cert) => return fix(cased(&w), CorrectionKind::Confusion, cert),
            Reading::Ambiguous => return None,
            Reading::Nothing => {}
        }
        // A suspect entry of the lexicon is left to the confusion model.
        if suspect {
            return None;
        }
        let folded = fold(core);
        if let Some(split) = split_damaged_run(&folded, name_like, ctx) {
            return fix(cased(&split), CorrectionKind::Split, Certainty::Medium);
        }
        // A capitalised form the document repeats is one of its names: only
        // the confusion model, with a word the document uses, may change it.
        if name_like || (capitalised && ctx.document_word(core)) {
            return None;
        }
        if let Some(split) = split_run_together(&folded, ctx) {
            return fix(cased(&split), CorrectionKind::Split, Certainty::High);
        }
        // A capitalised token (at a sentence start: inside one it is taken
        // for a name above) may be a name: an edit of its initial that is no
        // typical OCR confusion (`Milly` → `silly`) is too weak to make.
        let other_initial = |w: &str| capitalised && w.chars().next() != folded.chars().next();
        if letters >= 4 {
            let cands = doc_edits(&folded, ctx);
            if !cands.is_empty() {
                return choose(cands, ctx, Certainty::Medium).and_then(|(w, cert)| {
                    let cert = if other_initial(&w) {
                        Certainty::Low
                    } else {
                        cert
                    };
                    fix(cased(&w), CorrectionKind::Confusion, cert)
                });
            }
        }
        if letters >= 8 {
            // Two letters lost or misread in a long word the document uses (`ideolical`).
            let cands = doc_edits2(&folded, ctx);
            if cands.len() == 1 {
                let cert = if ctx.in_doc(&cands[0]) >= 2 && !other_initial(&cands[0]) {
                    Certainty::Medium
                } else {
                    Certainty::Low
                };
                return fix(cased(&cands[0]), CorrectionKind::Confusion, cert);
            }
        }
        return None;
    }
    // Marks inside the word: punctuation, junk or digits.
    let chars: Vec<char> = core.chars().collect();
    let is_mark = |c: char| !c.is_alphabetic();
    let marks: Vec<usize> = (0..chars.len()).filter(|&k| is_mark(chars[k])).collect();
    if marks.len() == 1 {
        let k = marks[0];
        let (left, right): (String, String) =
            (chars[..k].iter().collect(), chars[k + 1..].iter().collect());
        let mark = chars[k];
        // A possessive with a damaged apostrophe (`Stalin:s`).
        if matches!(mark, ':' | ';' | ',') && right == "s" && ctx.lexicon.is_word(&left) {
            return fix(
                format!("{left}'s"),
                CorrectionKind::Punctuation,
                Certainty::High,
            );
        }
        // Two words run together at a mark (`a.pretext`, `consequences,and`).
        if let Some(p) = split_at_mark(&left, mark, &right, ctx) {
            return fix(p.0, CorrectionKind::Split, p.1);
        }
    }
    // Deleting the marks leaves a word (`w„orld`, `s.ince`), or the marks
    // are letters misread (`stil]`, `be^n`, `mil1ions`).
    let without: String = chars.iter().filter(|c| !is_mark(**c)).collect();
    let deleted = if ctx.candidate(&without) {
        vec![fold(&without)]
    } else {
        Vec::new()
    };
    let only_dots = marks.iter().all(|&k| chars[k] == '.');
    if name_like {
        // A name keeps its letters: only junk and points may go.
        if deleted.is_empty() || marks.iter().any(|&k| chars[k].is_ascii_digit()) {
            return None;
        }
        return fix(without, CorrectionKind::Junk, Certainty::Medium);
    }
    match confusion_reading(core, 2, false, deleted, ctx) {
        Reading::Word(w, cert) => {
            let kind = if only_dots && fold(&without) == w {
                CorrectionKind::Merge
            } else {
                CorrectionKind::Junk
            };
            return fix(cased(&w), kind, cert);
        }
        Reading::Ambiguous => return None,
        Reading::Nothing => {}
    }
    // One damaged character: any letter in its place (`re?r`, `deg.neration`).
    if marks.len() == 1 && !matches!(chars[marks[0]], '\'' | '’') {
        let k = marks[0];
        let cands: Vec<String> = ('a'..='z')
            .map(|l| {
                let mut w: String = chars[..k].iter().collect();
                w.push(l);
                w.extend(&chars[k + 1..]);
                fold(&w)
            })
            .filter(|w| ctx.candidate(w))
            .collect();
        if let Some((w, cert)) = choose_for(cands, ctx, Certainty::High, true) {
            return fix(cased(&w), CorrectionKind::Junk, cert);
        }
    }
    None
}

/// A number with letters for digits (`43l`), initials whose last point was
/// read as a comma (`J.V,`).
pub(super) fn number_or_initials(
    t: Token<'_>,
    a: Anatomy<'_>,
    core_start: usize,
    digits: usize,
) -> Option<Proposal> {
    let core = a.core;
    let digit_like = |c: char| matches!(c, 'l' | 'I' | 'O' | 'o');
    if digits >= 2
        && core.chars().all(|c| c.is_ascii_digit() || digit_like(c))
        && digits < core.chars().count()
    {
        let corr: String = core
            .chars()
            .map(|c| match c {
                'l' | 'I' => '1',
                'O' | 'o' => '0',
                d => d,
            })
            .collect();
        return Some(Proposal {
            start: core_start,
            end: core_start + core.len(),
            corr,
            kind: CorrectionKind::Confusion,
            cert: Certainty::Medium,
        });
    }
    // Capitals alone between points (at least two of them), a comma after.
    let one_capital = |p: &str| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
    };
    if a.trail.starts_with(',')
        && a.lead.is_empty()
        && core.contains('.')
        && core.split('.').all(one_capital)
    {
        return Some(Proposal {
            start: t.start,
            end: t.start + core.len() + 1,
            corr: format!("{core}."),
            kind: CorrectionKind::Punctuation,
            cert: Certainty::Medium,
        });
    }
    None
}

/// [`letter_stats`] (capitals, letters, digits), a byte at a time for an
/// ASCII string (most cores).
pub(super) fn letter_counts(s: &str) -> (usize, usize, usize) {
    if !s.is_ascii() {
        return letter_stats(s);
    }
    let (mut upper, mut letters, mut digits) = (0, 0, 0);
    for &b in s.as_bytes() {
        upper += usize::from(b.is_ascii_uppercase());
        letters += usize::from(b.is_ascii_alphabetic());
        digits += usize::from(b.is_ascii_digit());
    }
    (upper, letters, digits)
}
