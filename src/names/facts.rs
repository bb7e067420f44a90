//! What the whole document says that each block's rules read: the words
//! it prints in small letters (as printed, not as corrected), and the
//! letters it prints as lone initials.

use rustc_hash::FxHashSet as HashSet;

use super::packed::PackedToks;
use super::reading::ReadingMap;
use super::rules::{self, DocFacts};
use super::tokens::TokKind;

/// Words the document prints in small letters, and whether it prints `M.`
/// as Monsieur.
pub(super) fn doc_facts(maps: &[ReadingMap], toks: &PackedToks) -> DocFacts {
    let mut vocabulary = rustc_hash::FxHashSet::default();
    let mut after_initial: HashSet<(&str, &str)> = HashSet::default();
    let mut ts = Vec::new();
    for (k, m) in maps.iter().enumerate() {
        toks.unpack_into(k, &mut ts);
        after_initial.extend(rules::words_after_lone_initials(&m.text, &ts));
        for t in ts.iter().filter(|t| t.kind == TokKind::Word) {
            let w = t.text(&m.text);
            if w.chars().next().is_some_and(|c| c.is_lowercase()) {
                // Most words recur: no new string for one already seen. A
                // word a correction supplied is not printed (`ropert` read
                // `robert` says nothing of ROBERT).
                if !w.chars().any(char::is_uppercase) {
                    if !vocabulary.contains(w) && !m.corrected(t.start, t.end) {
                        vocabulary.insert(w.to_string());
                    }
                } else if !m.corrected(t.start, t.end) {
                    vocabulary.insert(w.to_lowercase());
                }
            }
        }
    }
    DocFacts {
        vocabulary,
        lone_initials: after_initial.into_iter().fold(
            rustc_hash::FxHashMap::default(),
            |mut counts, (letter, _)| {
                *counts.entry(letter.to_string()).or_default() += 1;
                counts
            },
        ),
    }
}
