//! OCR-damaged names: a mention the OCR misread (`Marweli`, `Wilsdn`,
//! `EisenhoHer`, `Prance`) is matched to the spelling the document uses more
//! often for a name it tags, or to a gazetteer surname, and linked to that
//! name's entry; the damage is recorded inside the name as `choice/sic/corr`
//! with its certainty.
//!
//! The match is OCR-aware: the corrected spelling must be reachable from the
//! printed one by the confusion pairs (`data/lexicon/ocr-confusions.toml`,
//! with the name-specific pairs of `data/gazetteer/ocr-name-confusions.toml`),
//! one pair (several would reach too many names); never by a plain edit
//! distance. Precision first: the printed form must be no word the document
//! prints in small letters nor a cleaning correction, the match must be the
//! only one, and a document spelling must be the more frequent one.

use rustc_hash::FxHashMap;
use std::path::Path;

use super::candidate::{Candidate, NewEntity, Source, Target};
use super::gazetteer::Gazetteer;
use super::reading::ReadingMap;
use super::rules::DocFacts;
use super::tokens::{Tok, TokKind};
use crate::clean::confusion::ConfusionModel;
use crate::error::Result;
use crate::model::{Certainty, CorrectionKind, Inline, NameKind};

/// The embedded name-specific confusion pairs.
const NAME_CONFUSIONS: &str = include_str!("../../data/gazetteer/ocr-name-confusions.toml");

/// Shortest printed word that is ever repaired: short words have too many
/// neighbours.
const MIN_LEN: usize = 4;

/// What the repair needs, compiled once: the lexicon's confusion table
/// joined with the name-specific pairs, and the gazetteer's surnames that
/// name one person, by their spelling in small letters.
#[derive(Debug, Clone)]
pub struct NameRepair {
    confusions: ConfusionModel,
    surnames: FxHashMap<String, (usize, String)>,
    /// People whose surname names them alone (`bare` in the gazetteer).
    bare: rustc_hash::FxHashSet<usize>,
}

impl NameRepair {
    pub fn new(g: &Gazetteer) -> Result<Self> {
        let mut confusions = ConfusionModel::builtin();
        let names = ConfusionModel::from_toml(
            NAME_CONFUSIONS,
            Path::new("data/gazetteer/ocr-name-confusions.toml"),
        )?;
        confusions.pairs.extend(names.pairs);
        let surnames = g
            .by_surname
            .iter()
            .filter_map(|(s, es)| match es[..] {
                [e] => Some((s.to_lowercase(), (e, s.clone()))),
                _ => None,
            })
            .collect();
        Ok(NameRepair {
            confusions,
            surnames,
            bare: super::rules::bare_people(g),
        })
    }

    /// The confusion table the repair reads: the lexicon's and the names' pairs.
    pub(crate) fn confusions(&self) -> &ConfusionModel {
        &self.confusions
    }
}

/// A repaired word inside a mention: printed, corrected, how sure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub sic: String,
    pub corr: String,
    pub cert: Certainty,
}

/// A spelling the document tags: how often, and what it names.
struct Spelling {
    count: usize,
    /// `printed` looks clean ([`looks_clean`]).
    clean: bool,
    target: Target,
    kind: NameKind,
    printed: String,
}

/// The last word of a mention (a person's surname, a one-word place).
fn last_word(s: &str) -> &str {
    s.rsplit(char::is_whitespace).next().unwrap_or(s)
}

/// Every spelling reachable by one pair, lower-cased, that `accept` takes.
fn reachable(m: &ConfusionModel, word: &str, accept: &mut impl FnMut(&str) -> bool) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut l = String::new();
    m.for_each_variant(word, |v| {
        l.clear();
        l.extend(v.chars().flat_map(char::to_lowercase));
        if accept(&l) && !found.contains(&l) {
            found.push(l.clone());
        }
    });
    found
}

/// Repairs damaged names in the selected candidates of every block and tags
/// damaged words the rules missed; returns the repairs by block, each with
/// the span of the candidate it belongs to.
pub fn repair(
    g: &Gazetteer,
    nr: &NameRepair,
    maps: &[ReadingMap],
    toks: &[Vec<Tok>],
    facts: &DocFacts,
    v: &mut [Vec<Candidate>],
) -> Vec<Vec<(usize, Repair)>> {
    let m = &nr.confusions;
    let gazetteer_surname = |l: &str| nr.surnames.get(l).cloned();
    let texts: Vec<&str> = maps.iter().map(|m| m.text.as_str()).collect();
    // Spellings and words as printed: a cleaning correction (`Hasty` for
    // `Hosty`, a dictionary word) is never evidence for a name's spelling.
    let as_printed = |k: usize, start: usize, end: usize| !maps[k].corrected(start, end);
    let mut out: Vec<Vec<(usize, Repair)>> = vec![Vec::new(); v.len()];
    let mut spellings: FxHashMap<String, Spelling> = FxHashMap::default();
    let mut key = String::new();
    for (k, cands) in v.iter().enumerate() {
        for c in cands {
            // A person's surname, or a one-word name (`France`, `CIA`).
            let name = &texts[k][c.start..c.end];
            let w = last_word(name);
            if c.kind != NameKind::Person && w.len() != name.len()
                || !as_printed(k, c.end - w.len(), c.end)
            {
                continue;
            }
            key.clear();
            key.extend(w.chars().flat_map(char::to_lowercase));
            let s = match spellings.get_mut(key.as_str()) {
                Some(s) => s,
                None => spellings.entry(key.clone()).or_insert_with(|| Spelling {
                    count: 0,
                    clean: looks_clean(w),
                    target: c.target.clone(),
                    kind: c.kind,
                    printed: w.to_string(),
                }),
            };
            s.count += 1;
            if !s.clean && looks_clean(w) {
                s.printed = w.to_string();
                s.clean = true;
            }
        }
    }
    // A damaged spelling is never the correction (`BELMontT`).
    spellings.retain(|_, s| s.clean);
    // The spellings a word no rule tagged may be a damaged form of.
    let targets: Vec<&str> = spellings
        .iter()
        .filter(|(_, s)| s.count >= 2)
        .map(|(l, _)| l.as_str())
        .collect();
    let printed_small = |w: &str| facts.vocabulary.contains(&w.to_lowercase());
    // The gazetteer's entries the document names as they are.
    let named: rustc_hash::FxHashSet<usize> = v
        .iter()
        .flatten()
        .filter_map(|c| match c.target {
            Target::Entry(e) => Some(e),
            _ => None,
        })
        .collect();
    // People the rules tagged under a damaged surname.
    let mut tried: FxHashMap<String, Option<(Target, String)>> = FxHashMap::default();
    for (k, cands) in v.iter_mut().enumerate() {
        for c in cands.iter_mut() {
            if c.kind != NameKind::Person
                || c.source != Source::Rule
                || !matches!(c.target, Target::New(_))
            {
                continue;
            }
            let word = last_word(&texts[k][c.start..c.end]);
            if word.chars().count() < MIN_LEN
                || !as_printed(k, c.end - word.len(), c.end)
                || printed_small(word)
                || gazetteer_surname(&word.to_lowercase()).is_some()
            {
                continue;
            }
            // One search per printed spelling: a speaker is named page after page.
            let hit = match tried.get(word) {
                Some(h) => h.clone(),
                None => {
                    let h = person_fix(nr, &spellings, word);
                    tried.insert(word.to_string(), h.clone());
                    h
                }
            };
            let Some((target, corr)) = hit else {
                continue;
            };
            // A surname alone names the gazetteer's person only where it
            // suffices alone or the document names them in full (as
            // `rules::person_candidate` reads an undamaged one).
            let alone = c.end - c.start == word.len();
            c.target = match target {
                Target::Entry(e) if alone && !nr.bare.contains(&e) && !named.contains(&e) => {
                    Target::New(NewEntity::person(None, &corr, Certainty::Low))
                }
                t => t,
            };
            out[k].push((
                c.start,
                Repair {
                    sic: word.to_string(),
                    corr: case_like(word, &corr),
                    cert: Certainty::Medium,
                },
            ));
        }
    }
    // Words no rule tagged, one pair from a spelling the document tags at least twice.
    let mut untagged: FxHashMap<&str, Option<String>> = FxHashMap::default();
    for (k, cands) in v.iter_mut().enumerate() {
        let text = texts[k];
        let mut added = Vec::new();
        let mut next = 0;
        for t in toks[k].iter().filter(|t| t.kind == TokKind::Word) {
            let word = t.text(text);
            if !word.chars().next().is_some_and(char::is_uppercase)
                || word.chars().count() < MIN_LEN
            {
                continue;
            }
            while next < cands.len() && cands[next].end <= t.start {
                next += 1;
            }
            if cands.get(next).is_some_and(|c| c.start < t.end) {
                continue;
            }
            // `Argentine Communist Party`: a modifier, not a damaged name.
            let modifier = text[t.end..]
                .strip_prefix(' ')
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase);
            if modifier || !as_printed(k, t.start, t.end) {
                continue;
            }
            // One search per distinct word: most capitalised words recur.
            let fixed = match untagged.get(word) {
                Some(f) => f.clone(),
                None => {
                    let f = untagged_fix(m, &spellings, &targets, facts, word);
                    untagged.insert(word, f.clone());
                    f
                }
            };
            let Some(fixed) = fixed else {
                continue;
            };
            let s = &spellings[fixed.as_str()];
            // `Harold Wilsdn`: the person's forename printed before joins.
            let forename = match &s.target {
                Target::New(n) => n.forename.as_deref(),
                Target::Entry(e) => g.entries[*e].forename.as_deref(),
                Target::OneOf { .. } => None,
            };
            let start = match forename {
                Some(f) if s.kind == NameKind::Person => {
                    let at = super::forename_before(text, t.start, Some(f));
                    let free = next == 0 || cands[next - 1].end <= at;
                    if free { at } else { t.start }
                }
                _ => t.start,
            };
            added.push(Candidate {
                start,
                end: t.end,
                kind: s.kind,
                target: s.target.clone(),
                source: Source::Rule,
                inner: Vec::new(),
            });
            out[k].push((
                start,
                Repair {
                    sic: word.to_string(),
                    corr: case_like(word, &s.printed),
                    cert: Certainty::Medium,
                },
            ));
        }
        if !added.is_empty() {
            cands.extend(added);
            cands.sort_by_key(|c| c.start);
        }
    }
    out
}

/// A name printed cleanly: `Belmont`, `BELMONT`, `McCloy`, `O'Neil`, not
/// `BeLmont` or `BELMontT`.
pub(crate) fn looks_clean(w: &str) -> bool {
    let rest = ["Mc", "Mac", "O'", "O\u{2019}", "D'"]
        .iter()
        .find_map(|p| w.strip_prefix(p).filter(|r| r.len() > 1))
        .unwrap_or(w);
    let mut cs = rest.chars();
    let Some(first) = cs.next() else { return false };
    let tail: Vec<char> = cs.collect();
    first.is_uppercase()
        && (tail.iter().all(|c| c.is_lowercase() || *c == '-')
            || tail.iter().all(|c| c.is_uppercase() || *c == '-'))
}

/// The spelling (in small letters) a word no rule tagged is a damaged form
/// of: one pair from a spelling the document tags at least twice, if only one.
fn untagged_fix(
    m: &ConfusionModel,
    spellings: &FxHashMap<String, Spelling>,
    targets: &[&str],
    facts: &DocFacts,
    word: &str,
) -> Option<String> {
    let lower = word.to_lowercase();
    if !targets.iter().any(|t| one_place_apart(&lower, t))
        || spellings.contains_key(&lower)
        || facts.vocabulary.contains(&lower)
    {
        return None;
    }
    let mut accept = |l: &str| spellings.get(l).is_some_and(|s| s.count >= 2);
    match reachable(m, word, &mut accept).as_slice() {
        [fixed] => Some(fixed.clone()),
        _ => None,
    }
}

/// Whether `a` and `b` differ in at most two bytes at one place, as one
/// confusion pair (at most two letters for at most two) leaves them: a cheap
/// test before the pairs are applied.
fn one_place_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let long = a.len().max(b.len());
    let short = a.len().min(b.len());
    if long - short > 2 || a == b {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(short - prefix)
        .take_while(|(x, y)| x == y)
        .count();
    prefix + suffix + 2 >= long
}

/// The person a damaged surname names: a more frequent spelling of a person
/// in the document or a gazetteer surname, one pair away, if only one.
fn person_fix(
    nr: &NameRepair,
    spellings: &FxHashMap<String, Spelling>,
    word: &str,
) -> Option<(Target, String)> {
    let lower = word.to_lowercase();
    let own = spellings.get(&lower).map_or(0, |s| s.count);
    let more_frequent = |s: &Spelling| s.kind == NameKind::Person && s.count > own;
    let mut accept = |l: &str| {
        l != lower && (spellings.get(l).is_some_and(more_frequent) || nr.surnames.contains_key(l))
    };
    let found = reachable(&nr.confusions, word, &mut accept);
    let [fixed] = &found[..] else {
        return None;
    };
    match spellings.get(fixed.as_str()) {
        Some(s) if more_frequent(s) => Some((s.target.clone(), s.printed.clone())),
        _ => nr
            .surnames
            .get(fixed.as_str())
            .map(|(e, printed)| (Target::Entry(*e), printed.clone())),
    }
}

/// The corrected spelling in the printed word's case: `WILSDN` → `WILSON`.
fn case_like(printed: &str, corr: &str) -> String {
    let capitals = |w: &str| w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase());
    if capitals(printed) {
        corr.to_uppercase()
    } else if capitals(corr) {
        // `Hetms` for a name the document prints as `HELMS`: `Helms`.
        let mut cs = corr.chars();
        cs.next()
            .map(|c| c.to_string() + &cs.as_str().to_lowercase())
            .unwrap_or_default()
    } else {
        corr.to_string()
    }
}

/// Records the repairs inside the names they belong to: the printed word in
/// a name of `entity` becomes `choice/sic/corr`.
pub fn record(content: &mut [Inline], repairs: &mut Vec<(String, Repair)>) {
    for n in content.iter_mut() {
        let Inline::Name {
            entity, content, ..
        } = n
        else {
            continue;
        };
        let Some(i) = repairs.iter().position(|(e, _)| e == entity) else {
            continue;
        };
        if replace_word(content, &repairs[i].1) {
            repairs.remove(i);
        }
    }
}

/// Splits the text node holding `r.sic` as a whole word around a choice.
fn replace_word(content: &mut Vec<Inline>, r: &Repair) -> bool {
    for i in 0..content.len() {
        let Inline::Text(s) = &content[i] else {
            continue;
        };
        let Some(at) = whole_word(s, &r.sic) else {
            continue;
        };
        let (before, after) = (s[..at].to_string(), s[at + r.sic.len()..].to_string());
        let mut nodes = Vec::new();
        if !before.is_empty() {
            nodes.push(Inline::Text(before));
        }
        nodes.push(Inline::Choice {
            sic: r.sic.clone(),
            corr: r.corr.clone(),
            kind: CorrectionKind::Confusion,
            cert: r.cert,
        });
        if !after.is_empty() {
            nodes.push(Inline::Text(after));
        }
        content.splice(i..=i, nodes);
        return true;
    }
    false
}

fn whole_word(s: &str, w: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = s[from..].find(w) {
        let at = from + p;
        let before = s[..at].chars().next_back();
        let after = s[at + w.len()..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(at);
        }
        from = at + w.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusions_reach_the_printed_name() {
        let g = Gazetteer::embedded().unwrap();
        let m = NameRepair::new(&g).unwrap().confusions;
        let mut want = |l: &str| l == "eisenhower";
        assert_eq!(
            reachable(&m, "EisenhoHer", &mut want),
            vec!["eisenhower".to_string()]
        );
        let mut want = |l: &str| l == "france";
        assert_eq!(reachable(&m, "Prance", &mut want).len(), 1);
        let mut want = |l: &str| l == "marwell";
        assert_eq!(reachable(&m, "Marweli", &mut want).len(), 1);
        // No plain edit distance: a letter no pair confuses is not repaired.
        let mut want = |l: &str| l == "stern";
        assert!(reachable(&m, "Sxern", &mut want).is_empty());
        // Pairs go one way: what was seen to what was meant.
        let mut want = |l: &str| l == "mcctoy";
        assert!(reachable(&m, "McCloy", &mut want).is_empty());
        assert!(looks_clean("McCloy") && looks_clean("BELMONT") && !looks_clean("BeLmont"));
        assert!(one_place_apart("wilsdn", "wilson") && one_place_apart("eisenhoher", "eisenhower"));
        assert!(!one_place_apart("marwell", "mccloy") && !one_place_apart("holt", "holt"));
    }

    #[test]
    fn a_repair_becomes_a_choice_inside_the_name() {
        let mut content = vec![Inline::Name {
            kind: NameKind::Person,
            entity: "wilson".into(),
            content: vec![Inline::Text("Harold Wilsdn".into())],
        }];
        let mut repairs = vec![(
            "wilson".to_string(),
            Repair {
                sic: "Wilsdn".into(),
                corr: "Wilson".into(),
                cert: Certainty::Medium,
            },
        )];
        record(&mut content, &mut repairs);
        assert!(repairs.is_empty());
        let Inline::Name { content, .. } = &content[0] else {
            panic!()
        };
        assert_eq!(content.len(), 2);
        assert!(matches!(&content[1], Inline::Choice { corr, .. } if corr == "Wilson"));
        assert_eq!(case_like("WILSDN", "Wilson"), "WILSON");
        assert_eq!(case_like("Hetms", "HELMS"), "Helms");
    }
}
