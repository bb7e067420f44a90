//! Words broken in two (`O n`, `cons quences`).

use super::*;

/// A word broken in two (`O n`, `cons quences`). The checks that need no
/// lookup come first (most pairs stop there); what the two tokens make
/// together is decided once per pair of tokens.
pub(super) fn merge(
    toks: Line<'_>,
    ids: &[Tok],
    i: usize,
    sentence_initial: bool,
    ctx: &OcrContext<'_>,
) -> Option<Proposal> {
    let table = ctx.table;
    let (id1, id2) = (ids[i].id, ids[i + 1].id);
    let (i1, i2) = (table.info(id1), table.info(id2));
    if i1.lead > 0 || i1.trail > 0 || i2.lead > 0 {
        return None;
    }
    if !i1.letters || !i2.letters {
        return None;
    }
    // The second part must be a lower-case fragment that is no word.
    if i2.capital || ctx.trusted_core(id2) {
        return None;
    }
    if i1.capital && !sentence_initial {
        return None;
    }
    // Letter-spaced runs (`N e w`, `o r ^ n s`) are typography or worse:
    // leave them. A character takes at most four bytes.
    let single = |t: &Tok| {
        t.end - t.start <= 4 && toks.text[t.start as usize..t.end as usize].chars().count() == 1
    };
    if (i > 0 && single(&ids[i - 1])) || ids.get(i + 2).is_some_and(single) {
        return None;
    }
    let key = (id1, id2);
    let found = ctx.merges.borrow().get(&key).cloned();
    let (corr, cert) = match found {
        Some(f) => f?,
        None => {
            let f = merged(table.core(id1), table.core(id2), ctx);
            ctx.merges.borrow_mut().insert(key, f.clone());
            f?
        }
    };
    Some(Proposal {
        start: ids[i].start as usize,
        end: (ids[i + 1].start + i2.core) as usize,
        corr,
        kind: CorrectionKind::Merge,
        cert,
    })
}

/// The word two fragments make: joined as they are, or with one letter
/// lost in the gap.
pub(super) fn merged(c1: &str, c2: &str, ctx: &OcrContext<'_>) -> Option<(String, Certainty)> {
    let mut joined = String::with_capacity(c1.len() + c2.len() + 1);
    joined.push_str(c1);
    joined.push_str(c2);
    if ctx.candidate(&joined) && ctx.in_doc(&joined) >= 1 {
        return Some((joined, Certainty::High));
    }
    // A letter lost in the gap (`cons quences`, `app aise`).
    let long_parts = c1.chars().count() >= 3 && c2.chars().count() >= 3;
    if long_parts && joined.chars().count() >= 7 {
        let mut cands: Vec<String> = Vec::new();
        // The lexicon folds what it is asked: an ASCII candidate is asked
        // as built and folded only when it is a word (most are not).
        if c1.is_ascii() && c2.is_ascii() {
            ctx.lexicon
                .for_each_trusted_fill(c1, c2, |w| cands.push(w.to_ascii_lowercase()));
        } else {
            let mut w = String::with_capacity(joined.len() + 1);
            w.push_str(c1);
            for l in 'a'..='z' {
                w.truncate(c1.len());
                w.push(l);
                w.push_str(c2);
                let f = fold_cow(&w);
                if ctx.candidate(&f) {
                    cands.push(f.into_owned());
                }
            }
        }
        if cands.len() > 1 {
            cands.retain(|w| ctx.in_doc(w) > 0);
        }
        if cands.len() == 1 {
            return Some((match_case(&joined, &cands[0]), Certainty::Medium));
        }
    }
    None
}
