//! Derivatives (James Clark, "An algorithm for RELAX NG validation"),
//! memoised by interned pattern, plus what error messages and recovery need:
//! the names expected at a point, the names still required, and derivatives
//! that skip what is missing.

use crate::datatype::NsContext;
use crate::pattern::{EMPTY, Id, NOT_ALLOWED, P, Store, TEXT};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// A document name, interned per schema session.
pub(crate) type Sym = u32;

/// Derives patterns over a growing copy of the schema's store.
pub(crate) struct Deriver {
    pub(crate) store: Store,
    symbols: HashMap<(String, String), Sym>,
    names: Vec<(String, String)>,
    contains: HashMap<(u32, Sym), bool>,
    open: HashMap<(Id, Sym), Id>,
    close: HashMap<Id, Id>,
    end: HashMap<Id, Id>,
    text: HashMap<Id, Id>,
    targets: HashMap<(Id, Sym), Vec<Id>>,
    attributes: HashMap<(Id, Sym, u64), Id>,
    /// Element patterns by name, for recovering inside an unexpected element.
    by_name: HashMap<Sym, Id>,
}

fn is_whitespace(s: &str) -> bool {
    s.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

impl Deriver {
    pub(crate) fn new(store: Store) -> Self {
        Deriver {
            store,
            symbols: HashMap::default(),
            names: Vec::new(),
            contains: HashMap::default(),
            open: HashMap::default(),
            close: HashMap::default(),
            end: HashMap::default(),
            text: HashMap::default(),
            targets: HashMap::default(),
            attributes: HashMap::default(),
            by_name: HashMap::default(),
        }
    }

    pub(crate) fn symbol(&mut self, ns: &str, local: &str) -> Sym {
        if let Some(&s) = self.symbols.get(&(ns.to_string(), local.to_string())) {
            return s;
        }
        let s = self.names.len() as Sym;
        self.names.push((ns.to_string(), local.to_string()));
        self.symbols.insert((ns.to_string(), local.to_string()), s);
        s
    }

    pub(crate) fn name(&self, s: Sym) -> &(String, String) {
        &self.names[s as usize]
    }

    fn nc_contains(&mut self, nc: u32, s: Sym) -> bool {
        if let Some(&b) = self.contains.get(&(nc, s)) {
            return b;
        }
        let (ns, local) = &self.names[s as usize];
        let b = self.store.name_classes[nc as usize].contains(ns, local);
        self.contains.insert((nc, s), b);
        b
    }

    fn apply_after(&mut self, p: Id, f: &mut dyn FnMut(&mut Store, Id) -> Id) -> Id {
        match *self.store.get(p) {
            P::After(a, b) => {
                let nb = f(&mut self.store, b);
                self.store.after(a, nb)
            }
            P::Choice(a, b) => {
                let x = self.apply_after(a, f);
                let y = self.apply_after(b, f);
                self.store.choice(x, y)
            }
            _ => NOT_ALLOWED,
        }
    }

    pub(crate) fn start_tag_open(&mut self, p: Id, s: Sym) -> Id {
        if let Some(&r) = self.open.get(&(p, s)) {
            return r;
        }
        let r = self.start_tag_open_step(p, s, false);
        self.open.insert((p, s), r);
        r
    }

    /// With `skip`, required content before the element may be missing
    /// (the recovery jing reports as "not allowed yet").
    fn start_tag_open_with(&mut self, p: Id, s: Sym, skip: bool) -> Id {
        if !skip {
            return self.start_tag_open(p, s);
        }
        self.start_tag_open_step(p, s, skip)
    }

    fn start_tag_open_step(&mut self, p: Id, s: Sym, skip: bool) -> Id {
        match *self.store.get(p) {
            P::Choice(a, b) => {
                let x = self.start_tag_open_with(a, s, skip);
                let y = self.start_tag_open_with(b, s, skip);
                self.store.choice(x, y)
            }
            P::Element(e) => {
                let def = self.store.elements[e as usize];
                if self.nc_contains(def.name, s) {
                    self.store.after(def.content, EMPTY)
                } else {
                    NOT_ALLOWED
                }
            }
            P::Interleave(a, b) => {
                let x = self.start_tag_open_with(a, s, skip);
                let x = self.apply_after(x, &mut |st, q| st.interleave(q, b));
                let y = self.start_tag_open_with(b, s, skip);
                let y = self.apply_after(y, &mut |st, q| st.interleave(a, q));
                self.store.choice(x, y)
            }
            P::OneOrMore(a) => {
                let x = self.start_tag_open_with(a, s, skip);
                let rest = self.store.choice(p, EMPTY);
                self.apply_after(x, &mut |st, q| st.group(q, rest))
            }
            P::Group(a, b) => {
                let x = self.start_tag_open_with(a, s, skip);
                let x = self.apply_after(x, &mut |st, q| st.group(q, b));
                if skip || self.store.nullable(a) {
                    let y = self.start_tag_open_with(b, s, skip);
                    self.store.choice(x, y)
                } else {
                    x
                }
            }
            P::After(a, b) => {
                let x = self.start_tag_open_with(a, s, skip);
                self.apply_after(x, &mut |st, q| st.after(q, b))
            }
            _ => NOT_ALLOWED,
        }
    }

    /// The derivative when content missing before the element is forgiven.
    pub(crate) fn start_tag_open_recover(&mut self, p: Id, s: Sym) -> Id {
        self.start_tag_open_with(p, s, true)
    }

    /// `after(content, p)` for an element the schema does not allow at `p`:
    /// the content of any element of that name in the schema, else text.
    pub(crate) fn unexpected_element(&mut self, p: Id, s: Sym) -> Id {
        let content = match self.by_name.get(&s) {
            Some(&c) => c,
            None => {
                let mut c = NOT_ALLOWED;
                for i in 0..self.store.elements.len() {
                    let def = self.store.elements[i];
                    if self.nc_contains(def.name, s) {
                        c = self.store.choice(c, def.content);
                    }
                }
                if c == NOT_ALLOWED {
                    c = TEXT;
                }
                self.by_name.insert(s, c);
                c
            }
        };
        self.store.after(content, p)
    }

    /// The derivative by an attribute. The value only matters through which
    /// of the attribute patterns of that name accept it, so the result is
    /// memoised by that set rather than by the value. `ignore_value`
    /// accepts any value (recovery after a bad one).
    pub(crate) fn attribute(
        &mut self,
        p: Id,
        s: Sym,
        value: &str,
        ctx: &NsContext,
        ignore_value: bool,
    ) -> Id {
        let targets = match self.targets.get(&(p, s)) {
            Some(t) => t.clone(),
            None => {
                let mut t = Vec::new();
                self.attribute_targets(p, s, &mut t);
                t.sort_unstable();
                t.dedup();
                self.targets.insert((p, s), t.clone());
                t
            }
        };
        if targets.is_empty() {
            return NOT_ALLOWED;
        }
        let mut mask = 0u64;
        for (i, &c) in targets.iter().enumerate().take(64) {
            if ignore_value || self.value_matches(c, value, ctx) {
                mask |= 1 << i;
            }
        }
        if mask == 0 {
            return NOT_ALLOWED;
        }
        if let Some(&r) = self.attributes.get(&(p, s, mask)) {
            return r;
        }
        let accepted: Vec<Id> = targets
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < 64 && mask & (1 << i) != 0)
            .map(|(_, c)| *c)
            .collect();
        let r = self.attribute_with(p, s, &accepted);
        self.attributes.insert((p, s, mask), r);
        r
    }

    fn attribute_targets(&mut self, p: Id, s: Sym, out: &mut Vec<Id>) {
        if !self.store.has_attributes(p) {
            return;
        }
        match *self.store.get(p) {
            P::After(a, _) | P::OneOrMore(a) => self.attribute_targets(a, s, out),
            P::Choice(a, b) | P::Group(a, b) | P::Interleave(a, b) => {
                self.attribute_targets(a, s, out);
                self.attribute_targets(b, s, out);
            }
            P::Attribute(nc, c) => {
                let matches = self.nc_contains(nc, s);
                if matches {
                    out.push(c);
                }
            }
            _ => {}
        }
    }

    /// Clark's `attDeriv`, where an attribute matches when its value pattern is in `accepted`.
    fn attribute_with(&mut self, p: Id, s: Sym, accepted: &[Id]) -> Id {
        if !self.store.has_attributes(p) {
            return NOT_ALLOWED;
        }
        match *self.store.get(p) {
            P::After(a, b) => {
                let x = self.attribute_with(a, s, accepted);
                self.store.after(x, b)
            }
            P::Choice(a, b) => {
                let x = self.attribute_with(a, s, accepted);
                let y = self.attribute_with(b, s, accepted);
                self.store.choice(x, y)
            }
            P::Group(a, b) | P::Interleave(a, b) => {
                let group = matches!(self.store.get(p), P::Group(..));
                let x = self.attribute_with(a, s, accepted);
                let y = self.attribute_with(b, s, accepted);
                let (l, r) = if group {
                    (self.store.group(x, b), self.store.group(a, y))
                } else {
                    (self.store.interleave(x, b), self.store.interleave(a, y))
                };
                self.store.choice(l, r)
            }
            P::OneOrMore(a) => {
                let x = self.attribute_with(a, s, accepted);
                let rest = self.store.choice(p, EMPTY);
                self.store.group(x, rest)
            }
            P::Attribute(nc, c) => {
                if accepted.contains(&c) && self.nc_contains(nc, s) {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            _ => NOT_ALLOWED,
        }
    }

    fn value_matches(&mut self, p: Id, value: &str, ctx: &NsContext) -> bool {
        (self.store.nullable(p) && is_whitespace(value)) || {
            let d = self.text_deriv(p, value, ctx);
            self.store.nullable(d)
        }
    }

    pub(crate) fn start_tag_close(&mut self, p: Id) -> Id {
        self.close_with(p, false)
    }

    /// With `forgive`, missing attributes are taken as given.
    pub(crate) fn close_with(&mut self, p: Id, forgive: bool) -> Id {
        if !self.store.has_attributes(p) {
            return p;
        }
        if !forgive {
            if let Some(&r) = self.close.get(&p) {
                return r;
            }
            let r = self.close_step(p, false);
            self.close.insert(p, r);
            return r;
        }
        self.close_step(p, true)
    }

    fn close_step(&mut self, p: Id, forgive: bool) -> Id {
        match *self.store.get(p) {
            P::After(a, b) => {
                let x = self.close_with(a, forgive);
                self.store.after(x, b)
            }
            P::Choice(a, b) => {
                let x = self.close_with(a, forgive);
                let y = self.close_with(b, forgive);
                self.store.choice(x, y)
            }
            P::Group(a, b) => {
                let x = self.close_with(a, forgive);
                let y = self.close_with(b, forgive);
                self.store.group(x, y)
            }
            P::Interleave(a, b) => {
                let x = self.close_with(a, forgive);
                let y = self.close_with(b, forgive);
                self.store.interleave(x, y)
            }
            P::OneOrMore(a) => {
                let x = self.close_with(a, forgive);
                self.store.one_or_more(x)
            }
            P::Attribute(..) => {
                if forgive {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            _ => p,
        }
    }

    pub(crate) fn text_deriv(&mut self, p: Id, s: &str, ctx: &NsContext) -> Id {
        let memo = !self.store.has_data(p);
        if memo && let Some(&r) = self.text.get(&p) {
            return r;
        }
        let r = self.text_deriv_with(p, s, ctx, false);
        if memo {
            self.text.insert(p, r);
        }
        r
    }

    /// With `forgive`, any value satisfies data, value and list patterns.
    pub(crate) fn text_deriv_with(&mut self, p: Id, s: &str, ctx: &NsContext, forgive: bool) -> Id {
        match *self.store.get(p) {
            P::Choice(a, b) => {
                let x = self.text_deriv_with(a, s, ctx, forgive);
                let y = self.text_deriv_with(b, s, ctx, forgive);
                self.store.choice(x, y)
            }
            P::Interleave(a, b) => {
                let x = self.text_deriv_with(a, s, ctx, forgive);
                let y = self.text_deriv_with(b, s, ctx, forgive);
                let l = self.store.interleave(x, b);
                let r = self.store.interleave(a, y);
                self.store.choice(l, r)
            }
            P::Group(a, b) => {
                let x = self.text_deriv_with(a, s, ctx, forgive);
                let l = self.store.group(x, b);
                if self.store.nullable(a) {
                    let y = self.text_deriv_with(b, s, ctx, forgive);
                    self.store.choice(l, y)
                } else {
                    l
                }
            }
            P::After(a, b) => {
                let x = self.text_deriv_with(a, s, ctx, forgive);
                self.store.after(x, b)
            }
            P::OneOrMore(a) => {
                let x = self.text_deriv_with(a, s, ctx, forgive);
                let rest = self.store.choice(p, EMPTY);
                self.store.group(x, rest)
            }
            P::Text => TEXT,
            _ if forgive && matches!(self.store.get(p), P::Value(_) | P::Data(..) | P::List(_)) => {
                EMPTY
            }
            P::Value(v) => {
                let spec = &self.store.values[v as usize];
                let dt = &self.store.datatypes[spec.datatype as usize];
                if dt.equal(&spec.value, s, ctx) {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            P::Data(dt, except) => {
                if !self.store.datatypes[dt as usize].allows(s, ctx) {
                    return NOT_ALLOWED;
                }
                match except {
                    Some(e) => {
                        let d = self.text_deriv_with(e, s, ctx, false);
                        if self.store.nullable(d) {
                            NOT_ALLOWED
                        } else {
                            EMPTY
                        }
                    }
                    None => EMPTY,
                }
            }
            P::List(a) => {
                let mut q = a;
                for token in s.split([' ', '\t', '\n', '\r']).filter(|t| !t.is_empty()) {
                    q = self.text_deriv_with(q, token, ctx, false);
                    if q == NOT_ALLOWED {
                        break;
                    }
                }
                if self.store.nullable(q) {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            _ => NOT_ALLOWED,
        }
    }

    /// Clark's `childrenDeriv` for an element whose only content is `s` (or nothing).
    pub(crate) fn only_text(&mut self, p: Id, s: &str, ctx: &NsContext) -> Id {
        let d = self.text_deriv(p, s, ctx);
        if is_whitespace(s) {
            self.store.choice(p, d)
        } else {
            d
        }
    }

    pub(crate) fn end_tag(&mut self, p: Id) -> Id {
        if let Some(&r) = self.end.get(&p) {
            return r;
        }
        let r = self.end_with(p, false);
        self.end.insert(p, r);
        r
    }

    /// With `forgive`, missing content is taken as given.
    pub(crate) fn end_with(&mut self, p: Id, forgive: bool) -> Id {
        match *self.store.get(p) {
            P::Choice(a, b) => {
                let x = self.end_with(a, forgive);
                let y = self.end_with(b, forgive);
                self.store.choice(x, y)
            }
            P::After(a, b) => {
                if forgive || self.store.nullable(a) {
                    b
                } else {
                    NOT_ALLOWED
                }
            }
            _ => NOT_ALLOWED,
        }
    }

    /// The content patterns of the `After`s in a state.
    fn contents(&self, p: Id, out: &mut Vec<Id>) {
        match *self.store.get(p) {
            P::Choice(a, b) => {
                self.contents(a, out);
                self.contents(b, out);
            }
            P::After(a, _) => out.push(a),
            _ => {}
        }
    }

    /// What could come next inside the current element.
    pub(crate) fn expected(&self, p: Id) -> Expected {
        let mut ex = Expected::default();
        let mut cs = Vec::new();
        self.contents(p, &mut cs);
        for c in cs {
            if self.store.nullable(c) {
                ex.end_tag = true;
            }
            self.first(c, &mut ex, &mut Vec::new());
        }
        ex
    }

    fn first(&self, p: Id, ex: &mut Expected, seen: &mut Vec<Id>) {
        if seen.contains(&p) {
            return;
        }
        seen.push(p);
        match *self.store.get(p) {
            P::Choice(a, b) | P::Interleave(a, b) => {
                self.first(a, ex, seen);
                self.first(b, ex, seen);
            }
            P::Group(a, b) => {
                self.first(a, ex, seen);
                if self.store.nullable(a) {
                    self.first(b, ex, seen);
                }
            }
            P::OneOrMore(a) => self.first(a, ex, seen),
            P::After(a, _) => self.first(a, ex, seen),
            // Like jing, name only elements with names, not wildcards.
            P::Element(e) => {
                let nc = self.store.elements[e as usize].name;
                if !self.store.name_classes[nc as usize].is_infinite() {
                    ex.elements.insert(nc);
                }
            }
            P::Text => ex.text = true,
            P::Data(..) | P::Value(_) | P::List(_) => ex.data.push(p),
            P::Attribute(nc, _) => {
                ex.attributes.insert(nc);
            }
            _ => {}
        }
    }

    /// Attributes the state still allows.
    pub(crate) fn expected_attributes(&self, p: Id) -> BTreeSet<u32> {
        let mut out = BTreeSet::new();
        let mut cs = Vec::new();
        self.contents(p, &mut cs);
        for c in cs {
            self.attributes_in(c, &mut out, false);
        }
        out
    }

    fn attributes_in(&self, p: Id, out: &mut BTreeSet<u32>, required_only: bool) {
        match *self.store.get(p) {
            P::Choice(a, b) if !required_only => {
                self.attributes_in(a, out, false);
                self.attributes_in(b, out, false);
            }
            P::Group(a, b) | P::Interleave(a, b) => {
                self.attributes_in(a, out, required_only);
                self.attributes_in(b, out, required_only);
            }
            P::OneOrMore(a) => self.attributes_in(a, out, required_only),
            P::Attribute(nc, _) => {
                out.insert(nc);
            }
            _ => {}
        }
    }

    /// Attributes every way through the state needs (for "missing required attribute").
    pub(crate) fn required_attributes(&self, p: Id) -> BTreeSet<u32> {
        let mut out = BTreeSet::new();
        let mut cs = Vec::new();
        self.contents(p, &mut cs);
        let mut first = true;
        for c in cs {
            let mut here = BTreeSet::new();
            self.attributes_in(c, &mut here, true);
            out = if first {
                here
            } else {
                out.intersection(&here).copied().collect()
            };
            first = false;
        }
        out
    }

    /// Single element names that must still occur before the element can end.
    pub(crate) fn required_elements(&self, p: Id) -> BTreeSet<u32> {
        let mut cs = Vec::new();
        self.contents(p, &mut cs);
        let mut out: Option<BTreeSet<u32>> = None;
        for c in cs {
            if let Some(here) = self.required_in(c) {
                out = Some(match out {
                    None => here,
                    Some(o) => o.intersection(&here).copied().collect(),
                });
            }
        }
        out.unwrap_or_default()
    }

    /// `None` stands for "matches nothing", the unit of intersection.
    fn required_in(&self, p: Id) -> Option<BTreeSet<u32>> {
        match *self.store.get(p) {
            P::NotAllowed => None,
            P::Choice(a, b) => match (self.required_in(a), self.required_in(b)) {
                (Some(x), Some(y)) => Some(x.intersection(&y).copied().collect()),
                (x, y) => x.or(y),
            },
            // The next required element, as jing names it.
            P::Group(a, b) if self.store.nullable(a) => self.required_in(b),
            P::Group(a, _) => self.required_in(a),
            P::Interleave(a, b) => {
                let mut x = self.required_in(a)?;
                x.extend(self.required_in(b)?);
                Some(x)
            }
            P::OneOrMore(a) => self.required_in(a),
            P::Element(e) => {
                let nc = self.store.elements[e as usize].name;
                let mut names = Vec::new();
                let single =
                    self.store.name_classes[nc as usize].names(&mut names) && names.len() == 1;
                Some(if single {
                    BTreeSet::from([nc])
                } else {
                    BTreeSet::new()
                })
            }
            _ => Some(BTreeSet::new()),
        }
    }
}

/// What a state allows next, for messages.
#[derive(Debug, Default)]
pub(crate) struct Expected {
    pub(crate) end_tag: bool,
    pub(crate) text: bool,
    pub(crate) elements: BTreeSet<u32>,
    pub(crate) attributes: BTreeSet<u32>,
    /// Data and value patterns (their descriptions say what text must be).
    pub(crate) data: Vec<Id>,
}

impl Deriver {
    /// Whether any element pattern of the schema has this name.
    pub(crate) fn knows_element(&mut self, s: Sym) -> bool {
        (0..self.store.elements.len()).any(|i| {
            let nc = self.store.elements[i].name;
            self.nc_contains(nc, s)
        })
    }

    /// The value patterns of the attributes named `(ns, local)` in a state.
    pub(crate) fn attribute_contents(&self, p: Id, ns: &str, local: &str, out: &mut Vec<Id>) {
        match *self.store.get(p) {
            P::Choice(a, b) | P::Group(a, b) | P::Interleave(a, b) => {
                self.attribute_contents(a, ns, local, out);
                self.attribute_contents(b, ns, local, out);
            }
            P::After(a, _) | P::OneOrMore(a) => self.attribute_contents(a, ns, local, out),
            P::Attribute(nc, c) if self.store.name_classes[nc as usize].contains(ns, local) => {
                out.push(c)
            }
            _ => {}
        }
    }

    /// The data, value and list patterns a value pattern is made of.
    pub(crate) fn data_in(&self, p: Id, out: &mut Vec<Id>) {
        match *self.store.get(p) {
            P::Choice(a, b) | P::Group(a, b) | P::Interleave(a, b) => {
                self.data_in(a, out);
                self.data_in(b, out);
            }
            P::OneOrMore(a) => self.data_in(a, out),
            P::Data(..) | P::Value(_) | P::List(_) => out.push(p),
            _ => {}
        }
    }
}
