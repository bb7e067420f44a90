//! Standoff entries: one per entity, in order of first mention, with ids
//! unique in the document; and the spans that link mentions to them.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::candidate::Candidate;
use super::candidate::Target;
use super::gazetteer::Gazetteer;
use super::reading::Span;
use crate::model::{Document, Entity, NameKind};

/// The spans to wrap for selected candidates, nested ones inside their
/// names, each linked to its standoff entry (made on first use).
pub(super) fn spans_of(
    cands: &[Candidate],
    registry: &mut Registry,
    counts: &mut HashMap<NameKind, usize>,
) -> Vec<Span> {
    cands
        .iter()
        .map(|cand| {
            let (entity, kind) = registry.id_for(&cand.target);
            *counts.entry(kind).or_default() += 1;
            Span {
                start: cand.start,
                end: cand.end,
                kind,
                entity,
                inner: spans_of(&cand.inner, registry, counts),
            }
        })
        .collect()
}

/// Ids already used by the document's blocks and divisions.
pub(super) fn document_ids(doc: &Document) -> HashSet<String> {
    let mut ids: HashSet<String> = doc.blocks().iter().map(|b| b.id.clone()).collect();
    ids.extend(doc.divisions().iter().map(|d| d.id.clone()));
    ids
}

/// Standoff entries in order of first mention, with unique ids.
pub(super) struct Registry<'g> {
    g: &'g Gazetteer,
    taken: HashSet<String>,
    gazetteer_ids: rustc_hash::FxHashSet<&'g str>,
    by_key: HashMap<String, usize>,
    pub(super) entities: Vec<Entity>,
}

impl<'g> Registry<'g> {
    pub(super) fn new(g: &'g Gazetteer, taken: HashSet<String>) -> Self {
        Registry {
            g,
            taken,
            gazetteer_ids: g.entries.iter().map(|e| e.id.as_str()).collect(),
            by_key: HashMap::default(),
            entities: Vec::new(),
        }
    }

    /// The id (and kind) of a resolved target's entry, made on first use.
    fn id_for(&mut self, t: &Target) -> (String, NameKind) {
        let t = match t {
            Target::OneOf { entries, .. } => &Target::Entry(entries[0]),
            other => other,
        };
        match t {
            Target::Entry(e) => {
                let key = format!("entry:{e}");
                if let Some(&k) = self.by_key.get(&key) {
                    return (self.entities[k].id.clone(), self.entities[k].kind);
                }
                let entry = &self.g.entries[*e];
                let id = self.unique(&entry.id, false);
                self.push(
                    key,
                    Entity {
                        id: id.clone(),
                        kind: entry.kind,
                        name: entry.name.clone(),
                        forename: entry.forename.clone(),
                        surname: entry.surname.clone(),
                        idnos: entry.idnos.clone(),
                        cert: None,
                    },
                );
                (id, entry.kind)
            }
            Target::New(n) => {
                if let Some(&k) = self.by_key.get(&n.key) {
                    let e = &mut self.entities[k];
                    // Keep the fullest form a person is named by.
                    if n.name.len() > e.name.len() {
                        e.name = n.name.clone();
                        e.forename = n.forename.clone();
                    }
                    return (e.id.clone(), e.kind);
                }
                let id = self.unique(&n.preferred_id, true);
                self.push(
                    n.key.clone(),
                    Entity {
                        id: id.clone(),
                        kind: n.kind,
                        name: n.name.clone(),
                        forename: n.forename.clone(),
                        surname: n.surname.clone(),
                        idnos: Vec::new(),
                        cert: Some(n.cert),
                    },
                );
                (id, n.kind)
            }
            Target::OneOf { .. } => unreachable!("replaced above"),
        }
    }

    fn push(&mut self, key: String, e: Entity) {
        self.by_key.insert(key, self.entities.len());
        self.entities.push(e);
    }

    /// `base`, or `base-2`, `base-3`…: not used by the document, and for new
    /// entities not a gazetteer id either.
    fn unique(&mut self, base: &str, avoid_gazetteer: bool) -> String {
        let free = |s: &str, r: &Self| {
            let reserved = avoid_gazetteer && r.gazetteer_ids.contains(s);
            !r.taken.contains(s) && !reserved
        };
        let mut id = base.to_string();
        let mut k = 2;
        while !free(&id, self) {
            id = format!("{base}-{k}");
            k += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}
