//! Words run together: `thecult` → `the cult`, `partvand` → `party and`.

use super::*;

/// `thecult` → `the cult`: two words, one of them a function word, both used
/// in the document.
pub(super) fn split_run_together(folded: &str, ctx: &OcrContext<'_>) -> Option<String> {
    let n = folded.chars().count();
    if n < 5 {
        return None;
    }
    let mut found: Option<String> = None;
    // The left part at least two letters long, the right one at least one.
    for (at, _) in folded.char_indices().skip(2).take(n - 3) {
        let (l, r) = folded.split_at(at);
        let fw = ctx.is_function_word(l) || ctx.is_function_word(r);
        if fw && ctx.candidate(l) && ctx.candidate(r) && ctx.in_doc(l) > 0 && ctx.in_doc(r) > 0 {
            if found.is_some() {
                return None;
            }
            found = Some(format!("{l} {r}"));
        }
    }
    found
}

/// `partvand` → `party and`: a function word run together with a word
/// the OCR damaged by one confusion pair, both used in the document (the
/// repaired word at least twice). Only an unambiguous split is taken; a
/// capitalised token inside a sentence needs a word the document capitalises.
pub(super) fn split_damaged_run(
    folded: &str,
    name_like: bool,
    ctx: &OcrContext<'_>,
) -> Option<String> {
    let n = folded.chars().count();
    if n < 6 {
        return None;
    }
    let mut found: Option<String> = None;
    for (at, _) in folded.char_indices().skip(2).take(n - 3) {
        let (l, r) = folded.split_at(at);
        for (fw, other, fw_left) in [(l, r, true), (r, l, false)] {
            if !ctx.is_function_word(fw)
                || ctx.in_doc(fw) == 0
                || other.chars().count() < 4
                || ctx.lexicon.is_word(other)
            {
                continue;
            }
            // The one repair (a variant found twice is two), if only one.
            let (mut repaired, mut count) = (None, 0);
            ctx.pairs.for_each_variant(other, |v| {
                // A capital inside a sentence: the repaired word must be
                // one the document mostly capitalises (`Party`).
                if count < 2
                    && ctx.in_doc(v) >= 2
                    && ctx.candidate(v)
                    && (!name_like || {
                        let lower = ctx.vocabulary.lower_count(v);
                        ctx.in_doc(v) - lower > lower
                    })
                {
                    count += 1;
                    repaired = Some(v.to_string());
                }
            });
            if let (1, Some(v)) = (count, repaired) {
                if found.is_some() {
                    return None;
                }
                found = Some(if fw_left {
                    format!("{fw} {v}")
                } else {
                    format!("{v} {fw}")
                });
            }
        }
    }
    found
}
