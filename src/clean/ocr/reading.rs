//! What the confusion model makes of a token, and the choice among its
//! candidates.

use super::*;

/// What the confusion model makes of a token.
#[derive(Clone)]
pub(super) enum Reading {
    /// No word within reach.
    Nothing,
    /// Several words, none preferred: leave the token.
    Ambiguous,
    Word(String, Certainty),
}

/// [`confusion_reading`] with one pair and no other candidates, remembered
/// per core.
pub(super) fn one_pair_reading(core: &str, name_like: bool, ctx: &OcrContext<'_>) -> Reading {
    let slot = usize::from(name_like);
    if let Some(r) = ctx.readings.borrow()[slot].get(core) {
        return r.clone();
    }
    let r = confusion_reading(core, 1, name_like, Vec::new(), ctx);
    ctx.readings.borrow_mut()[slot].insert(core.to_string(), r.clone());
    r
}

/// Words reached by applying up to `depth` confusion pairs (to the token as
/// printed and folded, so that case-bearing pairs like `iV` → `W` apply),
/// plus `extra` candidates found another explained way.
pub(super) fn confusion_reading(
    core: &str,
    depth: usize,
    name_like: bool,
    extra: Vec<String>,
    ctx: &OcrContext<'_>,
) -> Reading {
    let damaged = core.chars().any(|c| !c.is_alphabetic());
    let mut cands: Vec<String> = extra;
    if depth == 1 {
        // One pair: no frontier to keep, variants checked in place.
        let folded = fold_cow(core);
        // A name's variants are folded here, in one reused buffer.
        let mut folded_v = String::new();
        let mut consider = |v: &str| {
            // A name keeps only words of the document (see [`settle`]),
            // asked of the few variants the lexicon trusts.
            if ctx.candidate(v)
                && (!name_like || {
                    let f: &str = if v.is_ascii() {
                        folded_v.clear();
                        folded_v.push_str(v);
                        folded_v.make_ascii_lowercase();
                        &folded_v
                    } else {
                        folded_v = fold(v);
                        &folded_v
                    };
                    document_supports(f, ctx)
                })
            {
                cands.push(fold(v));
            }
        };
        // The candidates are sorted in the end: the order variants come in
        // does not matter. A variant differs from the string it was made
        // of (see [`PairIndex`]); only the other form need be compared.
        let differs = folded != core;
        ctx.pairs.for_each_variant(core, |v| {
            if !differs || v != folded {
                consider(v);
            }
        });
        if differs {
            // An ASCII core capitalised only at its first letter is its folded
            // form from the second letter on: a pair applied there gives a
            // variant that folds to one already checked.
            let initial_only =
                core.is_ascii() && core.bytes().skip(1).all(|b| !b.is_ascii_uppercase());
            let mut other = |v: &str| {
                if v != core {
                    consider(v);
                }
            };
            if initial_only {
                ctx.pairs.for_each_variant_at_start(&folded, &mut other);
            } else {
                ctx.pairs.for_each_variant(&folded, &mut other);
            }
        }
        return settle(cands, name_like, damaged, ctx);
    }
    let mut frontier = vec![core.to_string(), fold(core)];
    let mut seen: FxHashSet<String> = frontier.iter().cloned().collect();
    for _ in 0..depth {
        let mut next = Vec::new();
        for s in &frontier {
            for v in ctx.confusions.variants(s) {
                if !seen.insert(v.clone()) {
                    continue;
                }
                if ctx.candidate(&v) {
                    cands.push(fold(&v));
                }
                next.push(v);
            }
        }
        if !cands.is_empty() {
            break;
        }
        frontier = next;
    }
    settle(cands, name_like, damaged, ctx)
}

/// A capitalised word becomes another only if the document uses that one
/// (`folded`) in lower case, or more than once.
pub(super) fn document_supports(folded: &str, ctx: &OcrContext<'_>) -> bool {
    ctx.vocabulary.lower_count(folded) > 0 || ctx.vocabulary.count(folded) >= 2
}

/// The reading the candidates of [`confusion_reading`] give.
pub(super) fn settle(
    mut cands: Vec<String>,
    name_like: bool,
    damaged: bool,
    ctx: &OcrContext<'_>,
) -> Reading {
    if name_like {
        cands.retain(|c| document_supports(c, ctx));
    }
    if cands.is_empty() {
        return Reading::Nothing;
    }
    match choose_for(cands, ctx, Certainty::High, damaged) {
        Some((w, c)) => Reading::Word(w, c),
        None => Reading::Ambiguous,
    }
}

/// Picks one candidate: the only one, or the only one the document uses, or
/// one the document uses far more than the rest. `best` is the certainty of
/// an unambiguous candidate the document uses; each doubt lowers it. A word
/// the document does not use is taken only when it is long (a short word
/// has too many neighbours to trust the confusion model alone).
pub(super) fn choose(
    cands: Vec<String>,
    ctx: &OcrContext<'_>,
    best: Certainty,
) -> Option<(String, Certainty)> {
    choose_for(cands, ctx, best, false)
}

/// [`choose`] for a token that is certainly damaged (it holds marks no word
/// has): a four-letter candidate needs less support.
pub(super) fn choose_for(
    mut cands: Vec<String>,
    ctx: &OcrContext<'_>,
    best: Certainty,
    damaged: bool,
) -> Option<(String, Certainty)> {
    cands.sort();
    cands.dedup();
    let lower = |c: Certainty| match c {
        Certainty::High => Certainty::Medium,
        _ => Certainty::Low,
    };
    match cands.len() {
        0 => None,
        1 => {
            let w = cands.pop()?;
            let len = w.chars().count();
            if ctx.in_doc(&w) > 0 {
                Some((w, best))
            } else if len >= 5 || (damaged && len >= 4) {
                Some((w, lower(best)))
            } else if len >= 4 {
                Some((w, Certainty::Low))
            } else {
                None
            }
        }
        _ => {
            let mut scored: Vec<(u32, String)> =
                cands.into_iter().map(|w| (ctx.in_doc(&w), w)).collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let (top, second) = (scored[0].0, scored[1].0);
            if top > 0 && second == 0 {
                Some((scored.swap_remove(0).1, lower(best)))
            } else if top >= 3 * second.max(1) {
                Some((scored.swap_remove(0).1, Certainty::Low))
            } else {
                None
            }
        }
    }
}
