//! Names the rules found once, tagged again where the document prints them
//! alone: a person's surname, a place's name.

use rustc_hash::FxHashMap as HashMap;

use super::candidate::{Candidate, NewEntity, Source, Target};
use super::matcher;
use super::packed::PackedToks;
use super::reading::ReadingMap;
use super::rules::DocFacts;
use super::tokens::TokKind;
use crate::model::NameKind;

/// A person the rules found (`Comrade Eugene Dennis`) is tagged again where
/// the document names them by surname alone (also in capitals, in a
/// heading), unless that surname is also a word the document prints in
/// small letters.
pub(super) fn propagate_surnames(
    cands: &mut [Vec<Candidate>],
    maps: &[ReadingMap],
    toks: &PackedToks,
    facts: &DocFacts,
) {
    let mut people: HashMap<String, NewEntity> = HashMap::default();
    for c in cands.iter().flatten() {
        if let Target::New(n) = &c.target
            && let Some(s) = &n.surname
            && n.kind == NameKind::Person
            && !facts.vocabulary.contains(&s.to_lowercase())
        {
            people.entry(s.clone()).or_insert_with(|| n.clone());
            // Headings print the surname in capitals (`DEATH OF PRESIDENT MACHEL`).
            if s.chars().count() > 2 {
                people.entry(s.to_uppercase()).or_insert_with(|| n.clone());
            }
        }
    }
    if people.is_empty() {
        return;
    }
    // Surnames start with a capital: a word starting with a small ASCII
    // letter is looked up no further (unless some surname does too).
    let small_first = people
        .keys()
        .any(|s| s.starts_with(|c: char| !c.is_uppercase()));
    let mut ts = Vec::new();
    for (k, v) in cands.iter_mut().enumerate() {
        let text = &maps[k].text;
        toks.words_into(k, &mut ts);
        for t in ts.iter().filter(|t| t.kind == TokKind::Word) {
            if !small_first && text.as_bytes()[t.start].is_ascii_lowercase() {
                continue;
            }
            if let Some(n) = people.get(t.text(text)) {
                v.push(Candidate {
                    start: forename_before(text, t.start, n.forename.as_deref()),
                    end: t.end,
                    kind: NameKind::Person,
                    target: Target::New(n.clone()),
                    source: Source::Rule,
                    inner: Vec::new(),
                });
            }
        }
    }
}

/// A place the rules found (`Abbas Street`, the district `Heliopolis`) is
/// tagged again wherever the document prints its name alone, as found or
/// in capitals. Looked up by
/// first word: one hash look-up per capitalised word, not a scan of the
/// text per place.
pub(super) fn propagate_places(
    cands: &mut [Vec<Candidate>],
    maps: &[ReadingMap],
    toks: &PackedToks,
) {
    let mut by_first: HashMap<String, Vec<(String, Target)>> = HashMap::default();
    for (k, v) in cands.iter().enumerate() {
        for c in v {
            if c.kind == NameKind::Place
                && c.source == Source::Rule
                && matches!(c.target, Target::New(_))
            {
                let name = &maps[k].text[c.start..c.end];
                // Headings and datelines print it in capitals too (`DUARTE,
                // CALIFORNIA`).
                let caps = name.to_uppercase();
                for name in [name, caps.as_str()] {
                    // The first token (`Sekondi-Takoradi` keeps its hyphen).
                    let first = name.split(' ').next().unwrap_or(name);
                    let known = by_first.entry(first.to_string()).or_default();
                    if !known.iter().any(|(n, _)| n == name) {
                        known.push((name.to_string(), c.target.clone()));
                    }
                }
            }
        }
    }
    if by_first.is_empty() {
        return;
    }
    let mut ts = Vec::new();
    for (k, v) in cands.iter_mut().enumerate() {
        let text = &maps[k].text;
        let mut added = Vec::new();
        toks.words_into(k, &mut ts);
        for t in ts.iter().filter(|t| t.kind == TokKind::Word) {
            // Names by rule start with a capital: most words are looked up no further.
            if text.as_bytes()[t.start].is_ascii_lowercase() {
                continue;
            }
            let Some(places) = by_first.get(t.text(text)) else {
                continue;
            };
            for (name, target) in places {
                let end = t.start + name.len();
                // After a house number: a postal address, where only the
                // city is a name (as the rule reads it).
                let numbered = text[..t.start]
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| {
                        w.ends_with(|c: char| c.is_ascii_digit()) && !w.contains(['/', ':', '.'])
                    });
                if numbered
                    || !text[t.start..].starts_with(name.as_str())
                    || !matcher::stands_alone(text, t.start, end)
                    || v.iter()
                        .any(|c| c.start == t.start && c.end == end && c.kind == NameKind::Place)
                {
                    continue;
                }
                added.push(Candidate {
                    start: t.start,
                    end,
                    kind: NameKind::Place,
                    target: target.clone(),
                    source: Source::Rule,
                    inner: Vec::new(),
                });
            }
        }
        v.extend(added);
    }
}

/// Where the known forename printed right before a surname at `at` begins
/// (`Harold Holt`, `HAROLD HOLT`), else `at`: the whole name is one mention.
pub(crate) fn forename_before(text: &str, at: usize, forename: Option<&str>) -> usize {
    let Some(f) = forename else { return at };
    let Some(before) = text[..at].strip_suffix(' ') else {
        return at;
    };
    let starts = |rest: &str| {
        rest.chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    for form in [f.to_string(), f.to_uppercase()] {
        if let Some(rest) = before.strip_suffix(form.as_str())
            && starts(rest)
        {
            return rest.len();
        }
    }
    at
}
