//! Grammars and references (spec 4.17 to 4.19): combines `define`s and
//! `start`s, scopes nested grammars, checks every `ref`/`parentRef`, and
//! compiles the reachable schema into the [`Store`]: each `element` becomes
//! an entry of [`Store::elements`], every other reference is expanded (a
//! loop of references that passes through no element is an error).

use crate::ast::{Combine, Component, Pattern};
use crate::pattern::{EMPTY, Id, NOT_ALLOWED, Store, TEXT, ValueSpec};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

type R<T> = Result<T, String>;

const START: &str = "#start";

enum Slot {
    Pending(Pattern),
    InProgress,
    Done(Id),
}

struct Scope {
    names: HashMap<String, usize>,
    parent: Option<usize>,
}

struct Builder {
    store: Store,
    slots: Vec<(Slot, usize, String)>,
    scopes: Vec<Scope>,
    queue: Vec<(u32, Pattern, Option<usize>)>,
}

/// Compiles a read schema; returns the store and the start pattern.
pub(crate) fn compile(top: Pattern) -> R<(Store, Id)> {
    check_refs(&top, &[])?;
    let mut b = Builder {
        store: Store::new(),
        slots: Vec::new(),
        scopes: Vec::new(),
        queue: Vec::new(),
    };
    let start = b.convert(top, None)?;
    while let Some((element, content, scope)) = b.queue.pop() {
        let c = b.convert(content, scope)?;
        b.store.elements[element as usize].content = c;
    }
    Ok((b.store, start))
}

/// Combines the components of one grammar by name (spec 4.17).
fn combine(components: Vec<Component>) -> R<HashMap<String, Pattern>> {
    let mut groups: HashMap<String, Vec<(Option<Combine>, Pattern)>> = HashMap::default();
    let mut order = Vec::new();
    for c in components {
        let (name, comb, p) = match c {
            Component::Start(comb, p) => (START.to_string(), comb, p),
            Component::Define(n, comb, p) => (n, comb, p),
        };
        if !groups.contains_key(&name) {
            order.push(name.clone());
        }
        groups.entry(name).or_default().push((comb, p));
    }
    let mut out = HashMap::default();
    for name in order {
        let parts = groups.remove(&name).expect("grouped");
        let shown = if name == START {
            "start".to_string()
        } else {
            format!("define `{name}`")
        };
        if parts.iter().filter(|(c, _)| c.is_none()).count() > 1 {
            return Err(format!("{shown} is given more than once without `combine`"));
        }
        let mut kinds = parts.iter().filter_map(|(c, _)| *c);
        let kind = kinds.next();
        if kinds.any(|k| Some(k) != kind) {
            return Err(format!("{shown} combines by both choice and interleave"));
        }
        let mut ps: Vec<Pattern> = parts.into_iter().map(|(_, p)| p).collect();
        let p = if ps.len() == 1 {
            ps.pop().expect("one")
        } else if kind == Some(Combine::Interleave) {
            Pattern::Interleave(ps)
        } else {
            Pattern::Choice(ps)
        };
        out.insert(name, p);
    }
    if !out.contains_key(START) {
        return Err("a grammar has no `start`".into());
    }
    Ok(out)
}

/// Every `ref` and `parentRef`, reachable or not, must name a define (spec 4.18).
fn check_refs(p: &Pattern, chain: &[HashSet<String>]) -> R<()> {
    match p {
        Pattern::Ref(n) => match chain.last() {
            Some(names) if names.contains(n) => Ok(()),
            Some(_) => Err(format!("`ref` to undefined `{n}`")),
            None => Err(format!("`ref` to `{n}` outside a grammar")),
        },
        Pattern::ParentRef(n) => match chain.len() {
            0 | 1 => Err(format!("`parentRef` to `{n}` without a parent grammar")),
            l if chain[l - 2].contains(n) => Ok(()),
            _ => Err(format!("`parentRef` to undefined `{n}`")),
        },
        Pattern::Grammar(comps) => {
            let mut names = HashSet::default();
            let mut has_start = false;
            for c in comps {
                match c {
                    Component::Start(..) => has_start = true,
                    Component::Define(n, ..) => {
                        names.insert(n.clone());
                    }
                }
            }
            if !has_start {
                return Err("a grammar has no `start`".into());
            }
            let mut inner = chain.to_vec();
            inner.push(names);
            for c in comps {
                match c {
                    Component::Start(_, p) | Component::Define(_, _, p) => check_refs(p, &inner)?,
                }
            }
            Ok(())
        }
        Pattern::Element(_, c)
        | Pattern::Attribute(_, c)
        | Pattern::OneOrMore(c)
        | Pattern::List(c) => check_refs(c, chain),
        Pattern::Group(ps) | Pattern::Interleave(ps) | Pattern::Choice(ps) => {
            ps.iter().try_for_each(|p| check_refs(p, chain))
        }
        Pattern::Data(_, Some(e)) => check_refs(e, chain),
        _ => Ok(()),
    }
}

impl Builder {
    fn slot_id(&mut self, slot: usize) -> R<Id> {
        let (state, scope, name) = &mut self.slots[slot];
        let scope = *scope;
        match std::mem::replace(state, Slot::InProgress) {
            Slot::Done(id) => {
                self.slots[slot].0 = Slot::Done(id);
                Ok(id)
            }
            Slot::InProgress => Err(format!(
                "`{}` refers to itself without an element in between",
                name.clone()
            )),
            Slot::Pending(p) => {
                let id = self.convert(p, Some(scope))?;
                self.slots[slot].0 = Slot::Done(id);
                Ok(id)
            }
        }
    }

    fn lookup(&self, scope: Option<usize>, name: &str, parent: bool) -> R<usize> {
        let mut s = scope.ok_or_else(|| format!("`{name}` used outside a grammar"))?;
        if parent {
            s = self.scopes[s]
                .parent
                .ok_or_else(|| format!("`parentRef` to `{name}` without a parent grammar"))?;
        }
        self.scopes[s]
            .names
            .get(name)
            .copied()
            .ok_or_else(|| format!("`ref` to undefined `{name}`"))
    }

    fn convert_all(
        &mut self,
        ps: Vec<Pattern>,
        scope: Option<usize>,
        mut f: impl FnMut(&mut Store, Id, Id) -> Id,
        unit: Id,
    ) -> R<Id> {
        let mut acc: Option<Id> = None;
        for p in ps {
            let id = self.convert(p, scope)?;
            acc = Some(match acc {
                None => id,
                Some(a) => f(&mut self.store, a, id),
            });
        }
        Ok(acc.unwrap_or(unit))
    }

    fn convert(&mut self, p: Pattern, scope: Option<usize>) -> R<Id> {
        Ok(match p {
            Pattern::Empty => EMPTY,
            Pattern::NotAllowed => NOT_ALLOWED,
            Pattern::Text => TEXT,
            Pattern::Group(ps) => self.convert_all(ps, scope, Store::group, EMPTY)?,
            Pattern::Interleave(ps) => self.convert_all(ps, scope, Store::interleave, EMPTY)?,
            Pattern::Choice(ps) => self.convert_all(ps, scope, Store::choice, NOT_ALLOWED)?,
            Pattern::OneOrMore(c) => {
                let c = self.convert(*c, scope)?;
                self.store.one_or_more(c)
            }
            Pattern::List(c) => {
                let c = self.convert(*c, scope)?;
                self.store.list(c)
            }
            Pattern::Attribute(nc, c) => {
                let c = self.convert(*c, scope)?;
                let nc = self.store.name_class(nc);
                self.store.attribute(nc, c)
            }
            Pattern::Element(nc, c) => {
                let nc = self.store.name_class(nc);
                let (index, id) = self.store.new_element(nc);
                self.queue.push((index, *c, scope));
                id
            }
            Pattern::Data(dt, except) => {
                let except = match except {
                    Some(e) => Some(self.convert(*e, scope)?),
                    None => None,
                };
                let dt = self.store.datatype(dt);
                self.store.data(dt, except)
            }
            Pattern::Value(dt, text, context) => {
                let value = dt
                    .value(&text, &context)
                    .ok_or_else(|| format!("invalid value `{text}`"))?;
                let datatype = self.store.datatype(dt);
                self.store.value(ValueSpec {
                    datatype,
                    text,
                    context,
                    value,
                })
            }
            Pattern::Ref(name) => {
                let slot = self.lookup(scope, &name, false)?;
                self.slot_id(slot)?
            }
            Pattern::ParentRef(name) => {
                let slot = self.lookup(scope, &name, true)?;
                self.slot_id(slot)?
            }
            Pattern::Grammar(comps) => {
                let defines = combine(comps)?;
                let sid = self.scopes.len();
                self.scopes.push(Scope {
                    names: HashMap::default(),
                    parent: scope,
                });
                let mut start_slot = 0;
                for (name, body) in defines {
                    let slot = self.slots.len();
                    self.slots.push((Slot::Pending(body), sid, name.clone()));
                    if name == START {
                        start_slot = slot;
                    }
                    self.scopes[sid].names.insert(name, slot);
                }
                self.slot_id(start_slot)?
            }
        })
    }
}
