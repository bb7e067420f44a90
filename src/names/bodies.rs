//! Bodies named after their state (`U.S. Army`, `U. S. Senate`): a state
//! mention and the body word printed after it are one organisation. The armed services are organisations alone too (`the Navy`),
//! linked to the one state's service the document names. The body words are
//! data (`state_bodies` in `data/gazetteer/rules.toml`).

use rustc_hash::FxHashMap as HashMap;

use super::candidate::{Candidate, NewEntity, Source, Target};
use super::gazetteer::{Gazetteer, StateBody};
use super::tokens::{Tok, TokKind};
use crate::model::{Certainty, NameKind};

/// The entry key of a body: `organ:{abbr}:{parent key}`, as
/// `join_organs` makes it for `Government of …`; no parent when alone.
fn body_key(abbr: &str, parent: &str) -> String {
    format!("organ:{abbr}:{parent}")
}

fn boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn boundary_after(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Candidates of the bodies that are organisations alone (`Navy`) in one
/// block's text.
pub fn alone(bodies: &[StateBody], text: &str, toks: &[Tok]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let firsts: Vec<u8> = bodies
        .iter()
        .filter(|b| b.alone)
        .filter_map(|b| b.name.bytes().next())
        .collect();
    for t in toks.iter().filter(|t| t.kind == TokKind::Word) {
        if !firsts.contains(&text.as_bytes()[t.start]) {
            continue;
        }
        let w = t.text(text);
        let at = t.start;
        for b in bodies.iter().filter(|b| b.alone) {
            let first = b.name.split(' ').next().unwrap_or_default();
            if w != first || !text[at..].starts_with(b.name.as_str()) {
                continue;
            }
            let end = at + b.name.len();
            if !(boundary_before(text, at) && boundary_after(text, end)) {
                continue;
            }
            out.push(Candidate {
                start: at,
                end,
                kind: NameKind::Org,
                target: Target::New(NewEntity {
                    kind: NameKind::Org,
                    key: body_key(&b.abbr, ""),
                    preferred_id: b.abbr.clone(),
                    name: b.name.clone(),
                    forename: None,
                    surname: None,
                    cert: Certainty::Medium,
                }),
                source: Source::Rule,
                inner: Vec::new(),
            });
        }
    }
    out
}

/// Joins a state mention and the body printed right after it into one
/// organisation (selected candidates of one block, in order).
pub fn join(bodies: &[StateBody], g: &Gazetteer, text: &str, v: &mut Vec<Candidate>) {
    let mut k = 0;
    while k < v.len() {
        if let Some(joined) = joined(bodies, g, text, v, k) {
            if v.get(k + 1).is_some_and(|n| n.start < joined.end) {
                v.remove(k + 1);
            }
            v[k] = joined;
        }
        k += 1;
    }
}

fn joined(
    bodies: &[StateBody],
    g: &Gazetteer,
    text: &str,
    v: &[Candidate],
    k: usize,
) -> Option<Candidate> {
    let c = &v[k];
    if c.kind != NameKind::State {
        return None;
    }
    let rest = text[c.end..].strip_prefix(' ')?;
    let body = bodies
        .iter()
        .filter(|b| rest.starts_with(b.name.as_str()))
        .filter(|b| boundary_after(text, c.end + 1 + b.name.len()))
        .max_by_key(|b| b.name.len())?;
    let end = c.end + 1 + body.name.len();
    // The next mention may be the body itself (`Senate`, `Navy`), nothing longer.
    let next = v.get(k + 1).filter(|n| n.start < end);
    if let Some(n) = next
        && (n.start != c.end + 1 || n.end != end)
    {
        return None;
    }
    let target = match (next.map(|n| &n.target), &c.target) {
        (Some(t @ Target::Entry(_)), _) => t.clone(),
        (_, Target::Entry(e)) => {
            let e = &g.entries[*e];
            new_body(body, &e.id, &e.id, &text[c.start..end])
        }
        (_, Target::New(n)) => new_body(body, &n.key, &n.preferred_id, &text[c.start..end]),
        (_, Target::OneOf { .. }) => return None,
    };
    // The state stays a mention inside the body's name (issue 15).
    Some(Candidate {
        start: c.start,
        end,
        kind: NameKind::Org,
        target,
        source: Source::Rule,
        inner: vec![c.clone()],
    })
}

fn new_body(body: &StateBody, parent_key: &str, parent_id: &str, printed: &str) -> Target {
    Target::New(NewEntity {
        kind: NameKind::Org,
        key: body_key(&body.abbr, parent_key),
        preferred_id: format!("{}-{parent_id}", body.abbr),
        name: crate::model::fold_whitespace(printed),
        forename: None,
        surname: None,
        cert: Certainty::Medium,
    })
}

/// A body named alone (`Navy`) links to the state's body of that kind
/// (`U.S. Navy`) when the document names only one.
pub fn link_alone(bodies: &[StateBody], v: &mut [Vec<Candidate>]) {
    let mut with_state: HashMap<String, Vec<Target>> = HashMap::default();
    for c in v.iter().flatten() {
        let Target::New(n) = &c.target else { continue };
        for b in bodies.iter().filter(|b| b.alone) {
            let bare = body_key(&b.abbr, "");
            if n.key.starts_with(&bare) && n.key != bare {
                let ts = with_state.entry(bare).or_default();
                if !ts.contains(&c.target) {
                    ts.push(c.target.clone());
                }
            }
        }
    }
    for c in v.iter_mut().flatten() {
        let Target::New(n) = &c.target else { continue };
        if let Some([t]) = with_state.get(&n.key).map(Vec::as_slice) {
            c.target = t.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn bodies() -> Vec<StateBody> {
        Gazetteer::embedded().unwrap().rules.state_bodies
    }

    #[test]
    fn the_armed_services_alone_are_organisations() {
        let t = "the Navy and the Air Force, not Navyblue";
        let found: Vec<&str> = alone(&bodies(), t, &tokenize(t))
            .iter()
            .map(|c| &t[c.start..c.end])
            .collect();
        assert_eq!(found, vec!["Navy", "Air Force"]);
    }

    #[test]
    fn a_state_and_its_body_are_one_organisation() {
        let g = Gazetteer::embedded().unwrap();
        let usa = g.entries.iter().position(|e| e.id == "usa").unwrap();
        let t = "the United States Senate and the U.S. Navy";
        let state = |s: &str| {
            let a = t.find(s).unwrap();
            Candidate {
                start: a,
                end: a + s.len(),
                kind: NameKind::State,
                target: Target::Entry(usa),
                source: Source::Gazetteer,
                inner: Vec::new(),
            }
        };
        let mut v = vec![state("United States"), state("U.S.")];
        v.extend(alone(&bodies(), t, &tokenize(t)));
        v.sort_by_key(|c| c.start);
        join(&bodies(), &g, t, &mut v);
        let spans: Vec<&str> = v.iter().map(|c| &t[c.start..c.end]).collect();
        assert_eq!(spans, vec!["United States Senate", "U.S. Navy"]);
        assert!(v.iter().all(|c| c.kind == NameKind::Org));
        let mut blocks = vec![
            v,
            alone(&bodies(), "the Navy said", &tokenize("the Navy said")),
        ];
        link_alone(&bodies(), &mut blocks);
        assert_eq!(blocks[1][0].target, blocks[0][1].target);
    }
}
