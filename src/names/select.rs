//! Overlapping candidates: the longest wins, and an organisation's name
//! holds the states and bodies it names as nested mentions.

use super::candidate::Candidate;
use crate::model::NameKind;

/// Non-overlapping candidates: leftmost first, then longest, then the
/// strongest source. A name inside a longer name is not tagged on its own,
/// but an organisation's name holds, as nested mentions, the states and
/// bodies it names ([`nests_in`]).
pub(super) fn select(text: &str, mut v: Vec<Candidate>) -> Vec<Candidate> {
    v.sort_by_key(|c| (c.start, std::cmp::Reverse(c.span_len()), c.source));
    let mut out: Vec<Candidate> = Vec::new();
    // The candidates inside each selected one.
    let mut held: Vec<Vec<Candidate>> = Vec::new();
    for c in v {
        match (out.last(), held.last_mut()) {
            (Some(l), Some(h)) if c.start < l.end => {
                // Another reading of the same span is no name inside it.
                if c.end <= l.end && (c.start, c.end) != (l.start, l.end) {
                    h.push(c);
                }
            }
            _ => {
                out.push(c);
                held.push(Vec::new());
            }
        }
    }
    // Inside a name, too, the longest name wins (`Latin America`, not
    // the state `America` in it); of those, the ones that nest are kept.
    // The name's own words as a shorter body's name (`Communist Party of
    // the United States` in `… of America`) are no name inside it.
    for (o, mut h) in out.iter_mut().zip(held) {
        h.retain(|c| c.kind != NameKind::Org || nests_in(text, o, c));
        if o.kind == NameKind::Org && !h.is_empty() {
            let mut inner = select(text, h);
            inner.retain(|c| nests_in(text, o, c));
            o.inner = inner;
        }
    }
    out
}

/// Whether `c`, inside `outer`'s span, is a name of its own nested in it:
/// only an organisation's name holds others; a state anywhere in it
/// (`United States Government`, `Communist Party of the Soviet Union`), a
/// body after `of` (the party of `Central Committee of the Communist
/// Party`); never a person or another place, never words of the name's
/// own (`Agriculture Organization` in `Food and Agriculture Organization`)
/// or the same referent.
pub(crate) fn nests_in(text: &str, outer: &Candidate, c: &Candidate) -> bool {
    if outer.kind != NameKind::Org || (c.start, c.end) == (outer.start, outer.end) {
        return false;
    }
    match c.kind {
        NameKind::State => true,
        NameKind::Org => {
            let before = text.get(outer.start..c.start).unwrap_or_default();
            let before = before
                .strip_suffix("the ")
                .or_else(|| before.strip_suffix("THE "))
                .unwrap_or(before);
            c.start > outer.start
                && c.target != outer.target
                && (before.ends_with(" of ") || before.ends_with(" OF "))
        }
        NameKind::Person | NameKind::Place => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Certainty;
    use crate::names::candidate::{NewEntity, Source, Target};
    use crate::names::gazetteer::Gazetteer;

    #[test]
    fn longest_wins_then_gazetteer() {
        let g = Gazetteer::embedded().unwrap();
        let mk = |start, end, source| Candidate {
            start,
            end,
            kind: NameKind::Org,
            target: Target::New(NewEntity::new(NameKind::Org, "x", Certainty::Low)),
            source,
            inner: Vec::new(),
        };
        let v = select(
            &"x".repeat(20),
            vec![
                mk(4, 8, Source::Gazetteer),
                mk(0, 10, Source::Rule),
                mk(0, 10, Source::Gazetteer),
                mk(12, 14, Source::Rule),
            ],
        );
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[0].start, v[0].end, v[0].source),
            (0, 10, Source::Gazetteer)
        );
        assert!(
            v[0].inner.is_empty(),
            "an org's first words are no name inside it"
        );
        assert!(!g.entries.is_empty());
    }

    #[test]
    fn an_organisation_holds_its_state_and_its_party() {
        let t = "the Central Committee of the Communist Party of the Soviet Union and the Food and Agriculture Organization";
        let at = |s: &str| t.find(s).unwrap();
        let mk = |s: &str, kind, source, name: &str| Candidate {
            start: at(s),
            end: at(s) + s.len(),
            kind,
            target: Target::New(NewEntity::new(kind, name, Certainty::Low)),
            source,
            inner: Vec::new(),
        };
        let v = select(
            t,
            vec![
                mk(
                    "Central Committee of the Communist Party of the Soviet Union",
                    NameKind::Org,
                    Source::Rule,
                    "cc",
                ),
                mk(
                    "Communist Party of the Soviet Union",
                    NameKind::Org,
                    Source::Gazetteer,
                    "cpsu",
                ),
                mk("Communist Party", NameKind::Org, Source::Gazetteer, "cp"),
                mk("Soviet Union", NameKind::State, Source::Gazetteer, "ussr"),
                mk(
                    "Food and Agriculture Organization",
                    NameKind::Org,
                    Source::Gazetteer,
                    "fao",
                ),
                mk(
                    "Agriculture Organization",
                    NameKind::Org,
                    Source::Rule,
                    "ao",
                ),
            ],
        );
        type Tree<'a> = Vec<(&'a str, Vec<(&'a str, Vec<&'a str>)>)>;
        let tree: Tree = v
            .iter()
            .map(|c| {
                let inner = c
                    .inner
                    .iter()
                    .map(|i| {
                        let deeper = i.inner.iter().map(|d| &t[d.start..d.end]).collect();
                        (&t[i.start..i.end], deeper)
                    })
                    .collect();
                (&t[c.start..c.end], inner)
            })
            .collect();
        assert_eq!(
            tree,
            vec![
                (
                    "Central Committee of the Communist Party of the Soviet Union",
                    vec![("Communist Party of the Soviet Union", vec!["Soviet Union"])]
                ),
                ("Food and Agriculture Organization", vec![]),
            ]
        );
    }
}
