//! Abbreviations a document defines: `Historical Review Group (HRG)` makes
//! `HRG`, there and wherever the document prints it again, a mention of the
//! same organisation. The letters must be the initials of the name's
//! capitalised words; an abbreviation defined for two bodies is left alone.

use rustc_hash::FxHashMap as HashMap;

use super::candidate::{Candidate, Source, Target};
use super::tokens::{Tok, TokKind};
use crate::model::NameKind;

/// `(HRG)` right after `end`: the letters, and where they start and end.
fn defined_after(text: &str, end: usize) -> Option<(&str, usize, usize)> {
    let rest = text[end..].strip_prefix(" (")?;
    let close = rest.find(')')?;
    let letters = &rest[..close];
    let n = letters.chars().count();
    if !(2..=8).contains(&n) || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let start = end + 2;
    Some((letters, start, start + letters.len()))
}

/// The initials of a name's capitalised words: `Historical Review Group` → `HRG`.
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Finds the definitions among the selected organisations and tags the
/// abbreviations (`v[k]` on `texts[k]`, tokens `toks[k]`); keeps each
/// block's candidates in order.
pub fn link(texts: &[&str], toks: &[Vec<Tok>], v: &mut [Vec<Candidate>]) {
    let mut defs: HashMap<&str, Option<Target>> = HashMap::default();
    for (k, cands) in v.iter().enumerate() {
        for c in cands.iter().filter(|c| c.kind == NameKind::Org) {
            let Some((letters, _, _)) = defined_after(texts[k], c.end) else {
                continue;
            };
            if initials(&texts[k][c.start..c.end]) != letters {
                continue;
            }
            let d = defs
                .entry(letters)
                .or_insert_with(|| Some(c.target.clone()));
            if d.as_ref().is_some_and(|t| *t != c.target) {
                *d = None;
            }
        }
    }
    if defs.values().all(Option::is_none) {
        return;
    }
    for (k, cands) in v.iter_mut().enumerate() {
        let text = texts[k];
        let mut added = false;
        for t in toks[k].iter().filter(|t| t.kind == TokKind::Word) {
            let Some(Some(target)) = defs.get(t.text(text)) else {
                continue;
            };
            if cands.iter().any(|c| c.start < t.end && t.start < c.end) {
                continue;
            }
            cands.push(Candidate {
                start: t.start,
                end: t.end,
                kind: NameKind::Org,
                target: target.clone(),
                source: Source::Rule,
                inner: Vec::new(),
            });
            added = true;
        }
        if added {
            cands.sort_by_key(|c| c.start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::candidate::NewEntity;
    use super::super::tokens::tokenize;
    use super::*;
    use crate::model::Certainty;

    #[test]
    fn a_defined_abbreviation_names_its_body() {
        let texts = [
            "the Historical Review Group (HRG) said",
            "HRG staff and the HRGX file",
        ];
        let toks: Vec<Vec<Tok>> = texts.iter().map(|t| tokenize(t)).collect();
        let name = "Historical Review Group";
        let a = texts[0].find(name).unwrap();
        let body = Candidate {
            start: a,
            end: a + name.len(),
            kind: NameKind::Org,
            target: Target::New(NewEntity::new(NameKind::Org, name, Certainty::Medium)),
            source: Source::Rule,
            inner: Vec::new(),
        };
        let mut v = vec![vec![body.clone()], vec![]];
        link(&texts, &toks, &mut v);
        assert_eq!(v[0].len(), 2);
        assert_eq!(&texts[0][v[0][1].start..v[0][1].end], "HRG");
        assert_eq!(v[1].len(), 1);
        assert_eq!(v[1][0].target, body.target);
        assert_eq!(initials("Federal Bureau of Investigation"), "FBI");
    }
}
