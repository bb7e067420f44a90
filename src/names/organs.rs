//! Bodies of parties and states joined to the name they belong to
//! (`Central Committee of the` + a party), and `People's Republic of` + a
//! state's short name.

use super::candidate::{Candidate, NewEntity, Source, Target};
use super::gazetteer::Gazetteer;
use super::rules::Rules;
use super::select::nests_in;
use crate::model::{Certainty, NameKind};

/// `People's Republic of` + a state's short name is one mention of that state.
pub(super) fn extend_state_forms(rules: &Rules, text: &str, v: &mut [Candidate]) {
    for k in 0..v.len() {
        if v[k].kind != NameKind::State {
            continue;
        }
        if let Some(at) = rules.state_prefix_before(text, v[k].start)
            && (k == 0 || v[k - 1].end <= at)
        {
            v[k].start = at;
        }
    }
}

/// `Central Committee of the` + a party or state mention becomes one
/// organisation (`cc-cpsu`), repeatedly (`Political Bureau of the Central
/// Committee of the …`). A body the gazetteer names on its own (`National
/// People's Congress`) joins the same way when its mention is the whole body.
pub(super) fn join_organs(rules: &Rules, g: &Gazetteer, text: &str, v: &mut Vec<Candidate>) {
    let mut k = 0;
    while k < v.len() {
        loop {
            let c = &v[k];
            if !matches!(c.kind, NameKind::Org | NameKind::State) {
                break;
            }
            let Some((organ, at, with_the)) = rules.organ_before(text, c.start) else {
                break;
            };
            if k > 0 && v[k - 1].end > at {
                let prev = &v[k - 1];
                let whole_body = prev.start == at && text[prev.end..].starts_with(" of");
                if !whole_body {
                    break;
                }
                v.remove(k - 1);
                k -= 1;
            }
            let c = &v[k];
            let (parent_id, parent_key, parent_name) = match &c.target {
                // A state as printed (`Government of the United Arab
                // Republic`, `Government of India`): its normalised name
                // may not take the article the text gives it.
                Target::Entry(e)
                    if c.kind == NameKind::State
                        && text[c.start..c.end].chars().any(char::is_lowercase) =>
                {
                    let e = &g.entries[*e];
                    let printed = crate::model::fold_whitespace(&text[c.start..c.end]);
                    (e.id.clone(), e.id.clone(), printed)
                }
                Target::Entry(e) => {
                    let e = &g.entries[*e];
                    (e.id.clone(), e.id.clone(), e.name.clone())
                }
                Target::New(n) => (n.preferred_id.clone(), n.key.clone(), n.name.clone()),
                Target::OneOf { .. } => break,
            };
            let the = if with_the { "the " } else { "" };
            let new = NewEntity {
                kind: NameKind::Org,
                key: format!("organ:{}:{parent_key}", organ.abbr),
                preferred_id: format!("{}-{parent_id}", organ.abbr),
                name: format!("{} of {the}{parent_name}", organ.name),
                forename: None,
                surname: None,
                cert: Certainty::Medium,
            };
            let end = c.end;
            // The party or state stays a mention inside the body's name.
            let parent = v[k].clone();
            v[k] = Candidate {
                start: at,
                end,
                kind: NameKind::Org,
                target: Target::New(new),
                source: Source::Rule,
                inner: Vec::new(),
            };
            if nests_in(text, &v[k], &parent) {
                v[k].inner = vec![parent];
            }
        }
        k += 1;
    }
}
