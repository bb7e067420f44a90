//! One referent, one entry: the selected mentions of a document are linked
//! so that every mention of the same person or body names one target, and
//! the standoff list (a scholar's index of the document) holds one entry
//! per real referent.
//!
//! - A given name tagged apart from the surname that follows it (`Harold` +
//!   `Holt`, `T. Jeremy` + `Gunn`) is one mention of one person.
//! - A person named again with a forename of the same initial, by surname
//!   alone, in capitals or with a possessive links to the full name met
//!   earlier (else to the only full name with that surname met later).
//! - A two-word short form of an organisation's name that ends its longer
//!   name (`Review Board`, `Assassination Records Review Board`) links to it
//!   when the document names only one such body.

use rustc_hash::FxHashMap as HashMap;

use super::candidate::{Candidate, NewEntity, Source, Target};
use super::gazetteer::Gazetteer;
use crate::model::{Certainty, NameKind};

/// Links the selected candidates of every block (`v[k]` on `texts[k]`).
pub fn cluster(g: &Gazetteer, texts: &[&str], v: &mut [Vec<Candidate>]) {
    for (k, cands) in v.iter_mut().enumerate() {
        join_given_names(g, texts[k], cands);
    }
    link_people(texts, v);
    link_short_orgs(g, texts, v);
}

/// The name of a target's entry has one word (`Senate`, `Navy`).
fn one_word_name(g: &Gazetteer, t: &Target) -> bool {
    match t {
        Target::Entry(e) => !g.entries[*e].name.contains(' '),
        Target::New(n) => !n.name.contains(' '),
        Target::OneOf { .. } => false,
    }
}

/// A name's words, possessive endings dropped.
fn words(s: &str) -> Vec<&str> {
    s.split_whitespace()
        .map(|w| {
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .unwrap_or(w)
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// `T.`, `Jeremy`: an initial or a capitalised word, as given names are printed.
fn is_given_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase())
        && (w.len() <= 3 && w.ends_with('.') || cs.all(|c| c.is_alphabetic() || c == '-'))
}

/// The first letter of a forename, in capitals.
fn initial(forename: &str) -> Option<char> {
    forename
        .chars()
        .find(|c| c.is_alphabetic())
        .and_then(|c| c.to_uppercase().next())
}

/// `Harold` + ` ` + `Holt`: a person candidate made only of given names right
/// before another person's mention joins it.
fn join_given_names(g: &Gazetteer, text: &str, v: &mut Vec<Candidate>) {
    let mut i = 0;
    while i + 1 < v.len() {
        let (a, b) = (&v[i], &v[i + 1]);
        let joinable = a.kind == NameKind::Person
            && b.kind == NameKind::Person
            && &text[a.end..b.start] == " "
            && {
                let a_words = words(&text[a.start..a.end]);
                (1..=3).contains(&a_words.len()) && a_words.iter().all(|w| is_given_word(w))
            };
        if !joinable {
            i += 1;
            continue;
        }
        let all = words(&text[a.start..b.end]);
        let Some((surname, given)) = all.split_last() else {
            i += 1;
            continue;
        };
        let forename = given.join(" ");
        let first = initial(&forename);
        let fits = |e: usize| {
            let letters = &g.entries[e].initial_letters;
            letters.is_empty() || first.is_some_and(|c| letters.contains(&c))
        };
        let target = match &b.target {
            Target::Entry(e) if fits(*e) => b.target.clone(),
            _ => Target::New(NewEntity::person(
                Some(forename),
                surname,
                Certainty::Medium,
            )),
        };
        let joined = Candidate {
            start: a.start,
            end: b.end,
            kind: NameKind::Person,
            target,
            source: a.source.min(b.source),
            inner: Vec::new(),
        };
        v[i] = joined;
        v.remove(i + 1);
    }
}

/// A full name met in the document: folded surname, forename initial, target.
struct Known {
    surname: String,
    first: char,
    target: Target,
}

/// Surname (folded) and forename of a person mention's text.
fn person_parts(s: &str) -> Option<(String, String)> {
    let ws = words(s);
    let (surname, given) = ws.split_last()?;
    Some((surname.to_lowercase(), given.join(" ")))
}

fn link_people(texts: &[&str], v: &mut [Vec<Candidate>]) {
    let mut known: Vec<Known> = Vec::new();
    let mut bare_pending: Vec<(usize, usize, String)> = Vec::new();
    for (k, cands) in v.iter_mut().enumerate() {
        for (i, c) in cands.iter_mut().enumerate() {
            if c.kind != NameKind::Person || matches!(c.target, Target::OneOf { .. }) {
                continue;
            }
            let Some((surname, forename)) = person_parts(&texts[k][c.start..c.end]) else {
                continue;
            };
            match initial(&forename) {
                None => match known.iter().rev().find(|n| n.surname == surname) {
                    Some(n) => c.target = n.target.clone(),
                    None => bare_pending.push((k, i, surname)),
                },
                Some(first) => {
                    let same = known
                        .iter()
                        .rev()
                        .find(|n| n.surname == surname && n.first == first);
                    match same {
                        Some(n) => c.target = n.target.clone(),
                        None => known.push(Known {
                            surname,
                            first,
                            target: c.target.clone(),
                        }),
                    }
                }
            }
        }
    }
    // A surname printed before any full name: the only full name with it.
    for (k, i, surname) in bare_pending {
        let mut targets = known.iter().filter(|n| n.surname == surname);
        if let Some(n) = targets.next()
            && targets.all(|m| m.target == n.target)
        {
            v[k][i].target = n.target.clone();
        }
    }
}

/// Lower-cased words of an organisation mention.
fn org_words(s: &str) -> Vec<String> {
    words(s).iter().map(|w| w.to_lowercase()).collect()
}

fn link_short_orgs(g: &Gazetteer, texts: &[&str], v: &mut [Vec<Candidate>]) {
    // Longer names (three words or more) by their last two words: a lookup
    // per short form, not a scan of every name.
    let mut by_tail: HashMap<[String; 2], Vec<(Vec<String>, Target)>> = HashMap::default();
    // Names of two words or more by their last word, for one-word short
    // forms (`Senate`, `United States Senate`).
    let mut by_last: HashMap<String, Vec<Target>> = HashMap::default();
    for (k, cands) in v.iter().enumerate() {
        for c in cands {
            if c.kind != NameKind::Org || matches!(c.target, Target::OneOf { .. }) {
                continue;
            }
            let w = org_words(&texts[k][c.start..c.end]);
            if w.len() >= 2 && !one_word_name(g, &c.target) {
                let ts = by_last.entry(w[w.len() - 1].clone()).or_default();
                if !ts.contains(&c.target) {
                    ts.push(c.target.clone());
                }
            }
            if w.len() < 3 {
                continue;
            }
            let tail = [w[w.len() - 2].clone(), w[w.len() - 1].clone()];
            let names = by_tail.entry(tail).or_default();
            if !names.iter().any(|(n, t)| *n == w && *t == c.target) {
                names.push((w, c.target.clone()));
            }
        }
    }
    if by_tail.is_empty() && by_last.is_empty() {
        return;
    }
    for (k, cands) in v.iter_mut().enumerate() {
        for c in cands.iter_mut() {
            let one_word = one_word_name(g, &c.target);
            let is_short_form = c.kind == NameKind::Org
                && (one_word || c.source == Source::Rule && matches!(c.target, Target::New(_)));
            if !is_short_form {
                continue;
            }
            // A short form is a head noun and one word before it; a longer
            // rule name is a name of its own, not a short form.
            let short = org_words(&texts[k][c.start..c.end]);
            if one_word {
                // A one-word body (`Senate`, `Navy`, also printed after its
                // state: `U. S. Senate`) links to the only longer name
                // ending with it.
                if let Some(last) = short.last()
                    && let Some([t]) = by_last.get(last).map(Vec::as_slice)
                {
                    c.target = t.clone();
                }
                continue;
            }
            let [a, b] = &short[..] else {
                continue;
            };
            let Some(longer) = by_tail.get(&[a.clone(), b.clone()]) else {
                continue;
            };
            // The nearest longer name, when every other one ends with it too
            // (`Registry Assassination Records Review Board`, an OCR run-on).
            let Some(nearest) = longer.iter().min_by_key(|(w, _)| w.len()) else {
                continue;
            };
            if longer
                .iter()
                .all(|(w, t)| *t == nearest.1 || w.ends_with(&nearest.0))
            {
                c.target = nearest.1.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(start: usize, end: usize, text: &str) -> Candidate {
        let ws = words(&text[start..end]);
        let (s, f) = ws.split_last().unwrap();
        let fore = (!f.is_empty()).then(|| f.join(" "));
        Candidate {
            start,
            end,
            kind: NameKind::Person,
            target: Target::New(NewEntity::person(fore, s, Certainty::Medium)),
            source: Source::Rule,
            inner: Vec::new(),
        }
    }

    fn span(text: &str, s: &str) -> (usize, usize) {
        let a = text.find(s).unwrap();
        (a, a + s.len())
    }

    #[test]
    fn a_given_name_joins_the_surname_after_it() {
        let g = Gazetteer::embedded().unwrap();
        let t = "Counsel, T. Jeremy Gunn, at";
        let (a0, a1) = span(t, "T. Jeremy");
        let (b0, b1) = span(t, "Gunn");
        let mut v = vec![person(a0, a1, t), person(b0, b1, t)];
        join_given_names(&g, t, &mut v);
        assert_eq!(v.len(), 1);
        assert_eq!(&t[v[0].start..v[0].end], "T. Jeremy Gunn");
        let Target::New(n) = &v[0].target else {
            panic!()
        };
        assert_eq!(n.surname.as_deref(), Some("Gunn"));
    }

    #[test]
    fn surnames_capitals_and_possessives_link_to_the_full_name() {
        let texts = [
            "Mr. John Pereira came.",
            "Then PEREIRA and Pereira's staff, and Mr. J. Pereira.",
            "Robert Pereira is another man.",
        ];
        let mut v: Vec<Vec<Candidate>> = Vec::new();
        let spans: [&[&str]; 3] = [
            &["John Pereira"],
            &["PEREIRA", "Pereira", "J. Pereira"],
            &["Robert Pereira"],
        ];
        for (k, ss) in spans.iter().enumerate() {
            let mut c = Vec::new();
            let mut from = 0;
            for s in ss.iter() {
                let a = from + texts[k][from..].find(s).unwrap();
                c.push(person(a, a + s.len(), texts[k]));
                from = a + s.len();
            }
            v.push(c);
        }
        link_people(&texts, &mut v);
        let first = v[0][0].target.clone();
        assert!(v[1].iter().all(|c| c.target == first));
        assert_ne!(v[2][0].target, first, "another forename is another person");
    }

    #[test]
    fn a_short_form_links_to_the_only_longer_body() {
        let texts = [
            "The Assassination Records Review Board met.",
            "The Review Board said.",
        ];
        let org = |t: &str, s: &str| {
            let (a, b) = span(t, s);
            Candidate {
                start: a,
                end: b,
                kind: NameKind::Org,
                target: Target::New(NewEntity::new(NameKind::Org, s, Certainty::Medium)),
                source: Source::Rule,
                inner: Vec::new(),
            }
        };
        let mut v = vec![
            vec![org(texts[0], "Assassination Records Review Board")],
            vec![org(texts[1], "Review Board")],
        ];
        link_short_orgs(&Gazetteer::default(), &texts, &mut v);
        assert_eq!(v[1][0].target, v[0][0].target);
    }
}
