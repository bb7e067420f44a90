//! Edit distances: words of the document one or two edits away, and a
//! bounded Levenshtein test.

use super::*;

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

/// Is the edit distance of `a` and `b` at most `k`?
pub(super) fn levenshtein_at_most(a: &str, b: &str, k: usize) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return levenshtein_slices(a.as_bytes(), b.as_bytes(), k);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    levenshtein_slices(&a, &b, k)
}

/// [`levenshtein_at_most`] over letters (bytes for ASCII, else chars). A
/// common prefix and suffix cost nothing; after them the first letters
/// differ, so an alignment within `k` begins by deleting, inserting or
/// substituting one letter: three branches, `k` deep (k is at most 2 here).
pub(super) fn levenshtein_slices<T: PartialEq>(a: &[T], b: &[T], k: usize) -> bool {
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[p..], &b[p..]);
    let s = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - s], &b[..b.len() - s]);
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len()) <= k;
    }
    if k == 0 || a.len().abs_diff(b.len()) > k {
        return false;
    }
    levenshtein_slices(&a[1..], b, k - 1)
        || levenshtein_slices(a, &b[1..], k - 1)
        || levenshtein_slices(&a[1..], &b[1..], k - 1)
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
