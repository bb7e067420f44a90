//! Candidates settled with what the whole document says: bodies' names in
//! capitals confirmed by their small-letter forms, ambiguous forms resolved
//! to the entry the document names most.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::candidate::{Candidate, Fallback, Source, Target};
use super::gazetteer::Gazetteer;
use super::reading::ReadingMap;
use crate::model::NameKind;

/// A body's name the rules read in capitals (`COMMITTEE ON ARMED SERVICES`)
/// is kept only where the document also prints it in small letters: lines
/// in capitals (title pages, letterheads, stamps) run into each other, and
/// their words are no evidence of where a name ends.
pub(super) fn confirm_capital_orgs(maps: &[ReadingMap], cands: &mut [Vec<Candidate>]) {
    // Words in capitals, more than one (not an acronym: `T.U.C.`).
    let caps = |s: &str| !s.chars().any(char::is_lowercase) && s.contains(' ') && !s.contains('.');
    let is_rule_org = |c: &Candidate| {
        c.kind == NameKind::Org && c.source == Source::Rule && matches!(c.target, Target::New(_))
    };
    let mut any_caps = false;
    let mut small: HashSet<String> = HashSet::default();
    for (k, v) in cands.iter().enumerate() {
        for c in v.iter().filter(|c| is_rule_org(c)) {
            let text = &maps[k].text[c.start..c.end];
            if caps(text) {
                any_caps = true;
            } else {
                small.insert(crate::model::fold_whitespace(text).to_lowercase());
            }
        }
    }
    if !any_caps {
        return;
    }
    for (k, v) in cands.iter_mut().enumerate() {
        v.retain(|c| {
            let text = &maps[k].text[c.start..c.end];
            !is_rule_org(c)
                || !caps(text)
                || small.contains(&crate::model::fold_whitespace(text).to_lowercase())
        });
    }
}

/// How often each gazetteer entry is named unambiguously in the document.
pub(super) fn explicit_counts(cands: &[Vec<Candidate>]) -> HashMap<usize, usize> {
    let mut counts = HashMap::default();
    for c in cands.iter().flatten() {
        if let Target::Entry(e) = c.target {
            *counts.entry(e).or_default() += 1;
        }
    }
    counts
}

/// Settles an ambiguous candidate on the entry the document names most;
/// false when it is no name on its own.
pub(super) fn resolve(g: &Gazetteer, c: &mut Candidate, counts: &HashMap<usize, usize>) -> bool {
    let Target::OneOf { entries, fallback } = &c.target else {
        return true;
    };
    let best = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| counts.get(e).copied().unwrap_or(0) > 0)
        .max_by_key(|(k, e)| (counts[e], std::cmp::Reverse(*k)))
        .map(|(_, e)| *e);
    c.target = match (best, fallback) {
        (Some(e), _) => Target::Entry(e),
        (None, Fallback::First) => Target::Entry(entries[0]),
        (None, Fallback::Drop) => return false,
        (None, Fallback::New(n)) => Target::New(n.clone()),
    };
    c.kind = match &c.target {
        Target::Entry(e) => g.entries[*e].kind,
        Target::New(n) => n.kind,
        Target::OneOf { .. } => c.kind,
    };
    true
}
