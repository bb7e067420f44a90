//! Edit distances, in one place. [`within_one_edit`] is the optimal string
//! alignment distance bounded at one (a transposition is one edit): the
//! vocabulary's and the phrase rules' neighbours. [`levenshtein_at_most`]
//! is the Levenshtein distance bounded at `k` (no transpositions): the OCR
//! repair's two-edit candidates. Both skip a common prefix and suffix and
//! work on bytes for ASCII, on chars otherwise; tests check them against the
//! textbook table ([`edit_distance`]).

/// Optimal-string-alignment distance of at most one.
pub(crate) fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return one_edit_slices(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    one_edit_slices(&a, &b)
}

/// [`within_one_edit`] over letters (bytes for ASCII, else chars). Past
/// their common prefix and suffix, two strings one edit apart differ in
/// one letter at most, or in two swapped, or by one letter added.
fn one_edit_slices<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    // The common suffix of what follows the prefix (no letter counted twice).
    let s = a[p..]
        .iter()
        .rev()
        .zip(b[p..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    if la != lb {
        return p + s == la.min(lb);
    }
    match la - p - s {
        0 | 1 => true,
        2 => a[p] == b[p + 1] && a[p + 1] == b[p],
        _ => false,
    }
}

/// The textbook edit distance (the whole table), for checking the fast
/// bounds in tests.
#[cfg(test)]
pub(crate) fn edit_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Is the edit distance of `a` and `b` at most `k`?
pub(crate) fn levenshtein_at_most(a: &str, b: &str, k: usize) -> bool {
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
/// substituting one letter: three branches, `k` deep (k is at most 2 where it is used).
fn levenshtein_slices<T: PartialEq>(a: &[T], b: &[T], k: usize) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_bound() {
        // Against the textbook table on every pair of short strings over
        // three letters (lengths 0 to 5).
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=5 {
            for mut x in 0..3usize.pow(len) {
                let mut w = Vec::new();
                for _ in 0..len {
                    w.push(b"abc"[x % 3]);
                    x /= 3;
                }
                words.push(w);
            }
        }
        for a in &words {
            for b in &words {
                let d = edit_distance(a, b);
                for k in 0..=2 {
                    assert_eq!(levenshtein_slices(a, b, k), d <= k, "{a:?} {b:?} {k}");
                }
            }
        }
        assert!(levenshtein_at_most("ideolical", "ideological", 2));
        assert!(!levenshtein_at_most("ideolical", "ideologically", 2));
        assert!(levenshtein_at_most("abc", "abc", 0));
    }
}
