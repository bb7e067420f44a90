//! Words of the document one or two edits away from a token.

use super::*;
use crate::clean::distance::levenshtein_at_most;

/// Words of the document two edits away from a long token (`ideolical`).
pub(super) fn doc_edits2(folded: &str, ctx: &OcrContext<'_>) -> Vec<String> {
    let mut out: Vec<String> = ctx
        .candidates
        .near_long_forms(folded)
        .filter(|w| levenshtein_at_most(folded, w, 2))
        .map(str::to_string)
        .collect();
    out.sort();
    out
}

/// Words of the document one edit (delete, insert, substitute, transpose a
/// letter) away, that the lexicon trusts.
pub(super) fn doc_edits(folded: &str, ctx: &OcrContext<'_>) -> Vec<String> {
    ctx.candidates
        .one_edit_from(folded)
        .into_iter()
        .map(str::to_string)
        .collect()
}
