//! The rules by context: real-word errors in a phrase, damaged words with
//! several readings, footnote marks, damaged initials.

use super::*;

/// Classes of a token ([`token_class`]): not yet known.
pub(super) const UNCLASSED: u8 = 0;
/// No proposal can come of the token, wherever it stands.
pub(super) const NOTHING: u8 = 1;
/// A trusted word in lower case that [`real_word`] may correct.
pub(super) const REAL_LOWER: u8 = 2;
/// A trusted capitalised word (one capital) that [`real_word`] may correct.
pub(super) const REAL_CAPITAL: u8 = 3;
/// A word with a star after it, for [`footnote_mark`].
pub(super) const FOOTNOTE: u8 = 4;
/// A word that is not trusted, for [`ambiguous_word`].
pub(super) const AMBIGUOUS: u8 = 5;
/// Initials with a digit, for [`damaged_initials`].
pub(super) const INITIALS: u8 = 6;

/// What [`propose_block`] can make of a token, by what its judges ask of
/// the token alone (its trail is the text after its core, so a footnote
/// mark is known by it too).
pub(super) fn token_class(id: u32, ctx: &OcrContext<'_>) -> u8 {
    let info = ctx.table.info(id);
    if info.form == NO_FORM {
        let core = ctx.table.core(id);
        return if is_initials(core) && core.chars().any(|c| c.is_ascii_digit()) {
            INITIALS
        } else {
            NOTHING
        };
    }
    if info.trail == 1 && ctx.table.trail(id) == "*" {
        FOOTNOTE
    } else if !ctx.trusted_core(id) {
        if judged_by_neighbours(id, ctx) {
            AMBIGUOUS
        } else {
            NOTHING
        }
    } else if info.chars < 3 || !info.letters || (info.capital && info.capitals > 1) {
        NOTHING
    } else if info.capital {
        REAL_CAPITAL
    } else {
        REAL_LOWER
    }
}

/// Whether [`ambiguous_word`] may judge an untrusted plain word, as far as
/// the token alone says.
pub(super) fn judged_by_neighbours(id: u32, ctx: &OcrContext<'_>) -> bool {
    let table = ctx.table;
    let info = table.info(id);
    // Single letters and elisions (`o'`, `th'`) are too short to judge.
    if info.chars < 2 || table.trail(id).starts_with(['\'', '’']) || !info.letters {
        return false;
    }
    let plain_lead = table
        .lead(id)
        .chars()
        .all(|c| matches!(c, ',' | '.' | '"' | '\'' | '“' | '‘' | '('));
    // A form the document repeats is its own (dialect, an old spelling):
    // OCR damage seldom repeats letter for letter.
    plain_lead && ctx.vocabulary.count(table.forms().resolve(info.form)) <= 1
}

/// Up to two words on one side of a slot (their form ids), in reading order.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Side {
    forms: [u32; 2],
    len: usize,
}

impl Side {
    fn as_slice(&self) -> &[u32] {
        &self.forms[..self.len]
    }
}

/// The forms of the words before and after slot `i` that form a phrase
/// with it (a linked slot is a plain word, so it has a form).
pub(super) fn neighbours(slots: &[Slot], i: usize) -> (Side, Side) {
    let mut before = Side::default();
    let mut k = i;
    while k > 0 && slots[k - 1].linked && before.len < 2 {
        k -= 1;
        before.forms[1 - before.len] = slots[k].form;
        before.len += 1;
    }
    if before.len == 1 {
        before.forms[0] = before.forms[1];
    }
    let mut after = Side::default();
    let mut k = i;
    while slots[k].linked && k + 1 < slots.len() && after.len < 2 {
        k += 1;
        if slots[k].form == NO_FORM {
            break;
        }
        after.forms[after.len] = slots[k].form;
        after.len += 1;
    }
    (before, after)
}

/// The trigram windows round position `i` with `w` in its place.
pub(super) fn windows<'b>(before: &[&'b str], w: &'b str, after: &[&'b str]) -> Vec<[&'b str; 3]> {
    let mut seq: Vec<&str> = before.to_vec();
    let at = seq.len();
    seq.push(w);
    seq.extend_from_slice(after);
    (0..seq.len().saturating_sub(2))
        .filter(|&k| k <= at && at < k + 3)
        .map(|k| [seq[k], seq[k + 1], seq[k + 2]])
        .collect()
}

/// A real word that is an OCR error of another, one edit away: the phrase
/// is a common collocation but for that word, or the phrase as printed
/// occurs only here while the corrected one occurs at least twice elsewhere
/// (once would not say which of the two is the error).
pub(super) fn real_word(
    slots: &[Slot],
    i: usize,
    capitalised: bool,
    ctx: &OcrContext<'_>,
    data: &ContextData<'_>,
) -> Option<Proposal> {
    // The token's class has settled its length and letters, and for a
    // capitalised word its place and form: see [`propose_block`].
    let s = &slots[i];
    // Most words are no candidates: no listed phrase has, next to one of
    // their neighbours, a word of about their length.
    let len = (s.end - s.start) as usize;
    let table = ctx.table;
    if !capitalised {
        let after_prev =
            i > 0 && slots[i - 1].linked && data.anchored(&slots[i - 1], len, true, table);
        if !(after_prev
            || (s.linked
                && slots
                    .get(i + 1)
                    .is_some_and(|n| data.anchored(n, len, false, table))))
        {
            return None;
        }
    }
    // Only a phrase can correct a word in lower case, and only if some
    // phrase word is one edit from it (known per form, before any phrase is
    // looked at).
    let near_phrase = data.form_has(s.form, NEAR_PHRASE, ctx.vocabulary);
    if !capitalised && !near_phrase {
        return None;
    }
    real_word_in_phrase(slots, i, capitalised, near_phrase, ctx, data)
}

/// [`real_word`] for a word that may be in a phrase or is capitalised out
/// of place (apart, so that the test most words stop at stays small).
#[inline(never)]
pub(super) fn real_word_in_phrase(
    slots: &[Slot],
    i: usize,
    capitalised: bool,
    near_phrase: bool,
    ctx: &OcrContext<'_>,
    data: &ContextData<'_>,
) -> Option<Proposal> {
    let s = &slots[i];
    let (before, after) = neighbours(slots, i);
    let (before, after) = (before.as_slice(), after.as_slice());
    if before.is_empty() && after.is_empty() {
        return None;
    }
    if near_phrase {
        let candidates = data.phrase_candidates(s.form);
        let list = data.collocations;
        if let Some(id) = collocation_in(before, after, &candidates, list, &data.phrase_forms) {
            return Some(fix(
                s,
                ctx.table,
                &list.phrase_words.words[id as usize],
                CorrectionKind::Confusion,
                Certainty::Medium,
            ));
        }
    }
    // Beyond the collocations, only a capital out of place is judged by the
    // document alone: a common word repeated elsewhere, or used in phrases
    // of its own, is the writer's choice. The capitalised form must be unique.
    if !capitalised || !data.form_has(s.form, ONE_CAPITALISED, ctx.vocabulary) {
        return None;
    }
    let forms = &data.ngrams.forms;
    let folded = forms.resolve(s.form);
    let words = |side: &[u32]| side.iter().map(|&f| forms.resolve(f)).collect::<Vec<_>>();
    let (before, after) = (words(before), words(after));
    let (before, after) = (before.as_slice(), after.as_slice());
    let mut found: Option<String> = None;
    // The candidates are words the lexicon trusts (see
    // [`Candidates`](super::vocabulary::Candidates)).
    for c in ctx.candidates.one_edit_from(folded) {
        if c.chars().count() < 4 || !c.chars().all(char::is_alphabetic) {
            continue;
        }
        // A capitalised word becomes only a word the document mostly
        // capitalises (a name or title, not a verse line's first word).
        let capitals = ctx.vocabulary.count(c) - ctx.vocabulary.lower_count(c);
        if capitals < 2 || capitals <= ctx.vocabulary.lower_count(c) {
            continue;
        }
        let supported = windows(before, c, after).iter().any(|w| {
            data.ngrams.count(w) >= 2 && data.ngrams.count(&windows_with(w, c, folded)) == 1
        });
        if supported {
            if found.is_some() {
                return None;
            }
            found = Some(c.to_string());
        }
    }
    found.map(|c| {
        fix(
            s,
            ctx.table,
            &c,
            CorrectionKind::Confusion,
            Certainty::Medium,
        )
    })
}

/// Can one edit turn the real word `w` into `c` by OCR damage rather than
/// by the writer's choice of form? Letters only, and not at the end: a
/// letter more, less or other there is usually inflection (`plan`/`plans`,
/// `lose`/`lost`).
pub(super) fn real_word_edit(w: &str, c: &str) -> bool {
    fn stem(s: &str) -> &str {
        let mut cs = s.chars();
        cs.next_back();
        cs.as_str()
    }
    c.chars().all(char::is_alphabetic)
        && within_one_edit(w, c)
        && !(c.starts_with(w) || w.starts_with(c) || stem(c) == stem(w))
}

/// The window `w` with `c` put back to `orig`.
pub(super) fn windows_with<'b>(w: &[&'b str; 3], c: &str, orig: &'b str) -> [&'b str; 3] {
    let mut out = *w;
    for x in &mut out {
        if *x == c {
            *x = orig;
        }
    }
    out
}

/// A collocation the printed phrase misses by one edit in the word `w`
/// (the phrase word it should be), by the words round it.
#[cfg(test)]
pub(super) fn collocation(
    before: &[&str],
    w: &str,
    after: &[&str],
    list: &Collocations,
) -> Option<String> {
    let mut forms = Interner::default();
    let mut ids = |words: &[&str]| words.iter().map(|x| forms.intern(x).0).collect::<Vec<_>>();
    let (before, after) = (ids(before), ids(after));
    let phrase_forms: Vec<u32> = (list.phrase_words.words.iter())
        .map(|x| forms.get(x).unwrap_or(NO_FORM))
        .collect();
    let candidates = list.candidates_for(w);
    collocation_in(&before, &after, &candidates, list, &phrase_forms)
        .map(|id| list.phrase_words.words[id as usize].clone())
}

/// The phrase word (id) among `candidates`, the phrase words that may
/// stand for a printed word, that a listed phrase has where that word
/// stands between the forms `before` and `after`; none if no phrase fits,
/// or if phrases disagree. `phrase_forms`: each phrase word's form id in
/// the document.
pub(super) fn collocation_in(
    before: &[u32],
    after: &[u32],
    candidates: &[u32],
    list: &Collocations,
    phrase_forms: &[u32],
) -> Option<u32> {
    let mut found: Option<u32> = None;
    for &id in candidates {
        for &(p, j) in &list.places[id as usize] {
            let (words, j) = (&list.word_ids[p as usize], j as usize);
            if j > before.len() || words.len() - j - 1 > after.len() {
                continue;
            }
            let same = |(a, b): (&u32, &u32)| phrase_forms[*a as usize] == *b;
            let fits = words[..j].iter().zip(&before[before.len() - j..]).all(same)
                && words[j + 1..].iter().zip(after).all(same);
            if fits {
                if found.is_some_and(|f| f != id) {
                    return None;
                }
                found = Some(id);
            }
        }
    }
    found
}

/// A token that is no trusted word and has several readings: the one the
/// document uses with the same neighbours, by a clear margin.
pub(super) fn ambiguous_word(
    slots: &[Slot],
    i: usize,
    ctx: &OcrContext<'_>,
    data: &ContextData<'_>,
) -> Option<Proposal> {
    // The token's class has settled what the token alone refuses (see
    // [`judged_by_neighbours`]); a capital inside a sentence is a name.
    let s = &slots[i];
    if ctx.table.info(s.id).capital && !s.sentence_initial {
        return None;
    }
    let folded = data.ngrams.forms.resolve(s.form);
    let forms = &data.ngrams.forms;
    let (before, after) = neighbours(slots, i);
    let (left, right) = (
        before.as_slice().last().copied(),
        after.as_slice().first().copied(),
    );
    if left.is_none() && right.is_none() {
        return None;
    }
    // A candidate scores by the pairs it forms with the neighbours, so only
    // the document's own forms can; the others are left out unmade.
    let mut cands: Vec<u32> = ctx
        .candidates
        .one_edit_from(folded)
        .into_iter()
        .filter_map(|c| forms.get(c))
        .collect();
    ctx.confusions
        .for_each_variant(folded, |v| cands.extend(forms.get(v)));
    cands.sort_unstable();
    cands.dedup();
    // Only a candidate that scores can win or stand second: the dearer
    // lexicon test is asked of those alone.
    let mut scored: Vec<(u32, &str)> = cands
        .into_iter()
        .filter_map(|c| {
            let l = left.map_or(0, |b| data.ngrams.count_ids(&[b, c]));
            let r = right.map_or(0, |a| data.ngrams.count_ids(&[c, a]));
            let w = forms.resolve(c);
            (l + r > 0 && w.chars().count() >= 2 && ctx.lexicon.trusts_candidate(w))
                .then_some((l + r, w))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let top = scored.first()?.0;
    let second = scored.get(1).map_or(0, |s| s.0);
    if top >= 2 && top > 3 * second {
        let w = scored[0].1;
        let mut p = fix(
            s,
            ctx.table,
            w,
            CorrectionKind::Confusion,
            Certainty::Medium,
        );
        // A comma or point stuck to the front of a word is a speck (`,pf`).
        let lead = s.lead(ctx.table);
        if !lead.is_empty() && lead.chars().all(|c| matches!(c, ',' | '.')) {
            p.start -= lead.len();
        }
        return Some(p);
    }
    None
}

/// A footnote mark cannot follow a function word (`the* construction`):
/// the mark is a speck.
pub(super) fn footnote_mark(slots: &[Slot], i: usize, ctx: &OcrContext<'_>) -> Option<Proposal> {
    let s = &slots[i];
    let table = ctx.table;
    let next_lower = slots.get(i + 1).is_some_and(|n| {
        n.lead(table).is_empty() && n.core(table).chars().next().is_some_and(char::is_lowercase)
    });
    if !s.core(table).chars().all(char::is_lowercase)
        || !ctx.function_words.contains(s.core(table))
        || !next_lower
    {
        return None;
    }
    Some(Proposal {
        start: s.start as usize,
        end: s.end as usize + 1,
        corr: s.core(table).to_string(),
        kind: CorrectionKind::Junk,
        cert: Certainty::Medium,
    })
}

/// Initials with one character misread (`U.S.3.R.`): the only initials of
/// the document that differ from them in that one character.
pub(super) fn damaged_initials(
    s: &Slot,
    table: &TokenTable,
    data: &ContextData<'_>,
) -> Option<Proposal> {
    let core = s.core(table);
    if !is_initials(core) || !core.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mine: Vec<char> = core.chars().collect();
    let mut found: Option<&str> = None;
    for (form, n) in data.ngrams.initials.iter() {
        let theirs: Vec<char> = form.chars().collect();
        if *n < 2 || theirs.len() != mine.len() {
            continue;
        }
        let diff: Vec<usize> = (0..mine.len()).filter(|&k| mine[k] != theirs[k]).collect();
        if diff.len() == 1 && mine[diff[0]].is_ascii_digit() && theirs[diff[0]].is_alphabetic() {
            if found.is_some() {
                return None;
            }
            found = Some(form.as_ref());
        }
    }
    let point = usize::from(s.trail(table).starts_with('.'));
    found.map(|f| Proposal {
        start: s.start as usize,
        end: s.end as usize + point,
        corr: format!("{f}{}", if point == 1 { "." } else { "" }),
        kind: CorrectionKind::Confusion,
        cert: Certainty::Medium,
    })
}

/// A proposal replacing the slot's core by `w`, cased like it.
pub(super) fn fix(
    s: &Slot,
    table: &TokenTable,
    w: &str,
    kind: CorrectionKind,
    cert: Certainty,
) -> Proposal {
    let mut corr = match_case(s.core(table), w);
    if s.sentence_initial {
        corr = match_case("A", &corr);
    }
    Proposal {
        start: s.start as usize,
        end: s.end as usize,
        corr,
        kind,
        cert,
    }
}
