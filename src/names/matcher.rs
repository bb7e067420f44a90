//! Gazetteer look-up: one Aho-Corasick automaton over every surface form, so
//! matching is linear in the text whatever the size of the gazetteer.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::candidate::{Candidate, Fallback, NewEntity, Source, Target};
use super::gazetteer::{FormRole, Gazetteer};
use crate::error::{Error, Result};
use crate::model::Certainty;

/// The compiled gazetteer forms.
#[derive(Debug, Clone)]
pub struct FormMatcher {
    ac: AhoCorasick,
}

impl FormMatcher {
    pub fn new(g: &Gazetteer) -> Result<Self> {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(g.forms.iter().map(|f| f.text.as_str()))
            .map_err(|e| Error::Usage(format!("gazetteer too large to compile: {e}")))?;
        Ok(FormMatcher { ac })
    }

    /// Every gazetteer form in `text` that stands as a word of its own.
    pub fn find(&self, g: &Gazetteer, text: &str) -> Vec<Candidate> {
        let all_caps = !text.chars().any(|c| c.is_lowercase());
        let mut out = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            let form = &g.forms[m.pattern().as_usize()];
            if !stands_alone(text, m.start(), m.end()) {
                continue;
            }
            // In a block set in capitals, two-letter abbreviations are words (`US`).
            let letters = form.text.chars().filter(|c| c.is_alphabetic()).count();
            if all_caps && letters <= 2 && !form.text.contains('.') {
                continue;
            }
            if let Some(c) = candidate(g, &form.targets, &form.text, m.start(), m.end()) {
                out.push(c);
            }
        }
        out
    }
}

/// The candidate a form's targets make.
fn candidate(
    g: &Gazetteer,
    targets: &[(usize, FormRole)],
    text: &str,
    start: usize,
    end: usize,
) -> Option<Candidate> {
    let of_role = |want: fn(FormRole) -> bool| -> Vec<usize> {
        targets
            .iter()
            .filter(|(_, r)| want(*r))
            .map(|(e, _)| *e)
            .collect()
    };
    let full = of_role(|r| r == FormRole::Full);
    let short = of_role(|r| r == FormRole::Short);
    let bare = of_role(|r| r == FormRole::Surname { bare: true });
    let weak = of_role(|r| r == FormRole::Surname { bare: false });
    let (target, surname) = if !full.is_empty() {
        (one_or_first(full), false)
    } else if !short.is_empty() {
        let kind = g.entries[short[0]].kind;
        let new = NewEntity::new(kind, text, Certainty::Low);
        (
            Target::OneOf {
                entries: short,
                fallback: Fallback::New(new),
            },
            false,
        )
    } else if !bare.is_empty() {
        let mut entries = bare;
        entries.extend(weak);
        (
            Target::OneOf {
                entries,
                fallback: Fallback::First,
            },
            true,
        )
    } else if !weak.is_empty() {
        (
            Target::OneOf {
                entries: weak,
                fallback: Fallback::Drop,
            },
            true,
        )
    } else {
        return None;
    };
    let kind = match &target {
        Target::Entry(e) => g.entries[*e].kind,
        Target::OneOf { entries, .. } => g.entries[entries[0]].kind,
        Target::New(n) => n.kind,
    };
    Some(Candidate {
        start,
        end,
        kind,
        target,
        source: if surname {
            Source::Surname
        } else {
            Source::Gazetteer
        },
        inner: Vec::new(),
    })
}

fn one_or_first(entries: Vec<usize>) -> Target {
    if entries.len() == 1 {
        Target::Entry(entries[0])
    } else {
        Target::OneOf {
            entries,
            fallback: Fallback::First,
        }
    }
}

/// True when `text[start..end]` is not part of a longer word or abbreviation,
/// and not the tail of a prefixed adjective (`anti-Soviet`).
pub fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before: Vec<char> = text[..start].chars().rev().take(2).collect();
    let mut after = text[end..].chars();
    let (a1, a2) = (after.next(), after.next());
    let alnum = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    if alnum(before.first()) || a1.is_some_and(|c| c.is_alphanumeric()) {
        return false;
    }
    // Inside a dotted abbreviation: `U.S.` in `U.S.S.R.`.
    if before.first() == Some(&'.') && before.get(1).is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    if a1 == Some('.') && a2.is_some_and(|c| c.is_alphanumeric()) && !text[..end].ends_with('.') {
        return false;
    }
    // A reference code, not a name: `CIA-9`, `U-2`.
    if a1 == Some('-') && a2.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    // `anti-Comintern`: a prefix in small letters makes an adjective; a
    // capitalised one (`Berlin-Rome`) joins two names.
    if before.first() == Some(&'-') {
        let word_start = text[..start - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .last();
        if word_start.is_some_and(|c| c.is_lowercase()) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let t = "the U.S.S.R. and Marxism-Leninism, anti-Soviet, Stalin's";
        let at = |s: &str| t.find(s).unwrap();
        assert!(stands_alone(t, at("U.S.S.R."), at("U.S.S.R.") + 8));
        assert!(!stands_alone(t, at("U.S.S.R."), at("U.S.S.R.") + 4)); // "U.S."
        assert!(!stands_alone(t, at("Lenin"), at("Lenin") + 5));
        assert!(!stands_alone(t, at("Soviet"), at("Soviet") + 6));
        assert!(stands_alone(t, at("Stalin"), at("Stalin") + 6));
        let t = "requests CIA-9 and CIA-11 of the CIA-era";
        assert!(!stands_alone(t, 9, 12));
        assert!(stands_alone(t, t.len() - 7, t.len() - 4));
    }

    #[test]
    fn finds_longest_and_shortest_forms() {
        let g = Gazetteer::embedded().unwrap();
        let m = FormMatcher::new(&g).unwrap();
        let t = "the Communist Party of the Soviet Union and the U.S.A.";
        let found: Vec<&str> = m.find(&g, t).iter().map(|c| &t[c.start..c.end]).collect();
        assert!(
            found.contains(&"Communist Party of the Soviet Union"),
            "{found:?}"
        );
        assert!(found.contains(&"Soviet Union"), "{found:?}");
        assert!(found.contains(&"U.S.A."), "{found:?}");
    }

    #[test]
    fn headings_in_capitals_do_not_match_two_letter_words() {
        let g = Gazetteer::embedded().unwrap();
        let m = FormMatcher::new(&g).unwrap();
        assert!(m.find(&g, "WHAT IT MEANS FOR US").is_empty());
    }
}
