//! Hash-consed patterns: every distinct pattern exists once in a [`Store`]
//! and is named by an [`Id`], so derivatives can be memoised by id (James
//! Clark, "An algorithm for RELAX NG validation"). The smart constructors
//! apply the simplifications of spec 4.20 (`notAllowed` and `empty`) and
//! keep choices flat, sorted and free of duplicates, which keeps TEI's large
//! content models from growing as siblings are derived.

use crate::ast::NameClass;
use crate::datatype::{Datatype, NsContext, Value};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub(crate) struct Id(pub u32);

pub(crate) const EMPTY: Id = Id(0);
pub(crate) const NOT_ALLOWED: Id = Id(1);
pub(crate) const TEXT: Id = Id(2);

const NULLABLE: u8 = 1;
const HAS_ATTRIBUTES: u8 = 2;
const HAS_DATA: u8 = 4;

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub(crate) enum P {
    Empty,
    NotAllowed,
    Text,
    Choice(Id, Id),
    Interleave(Id, Id),
    Group(Id, Id),
    OneOrMore(Id),
    List(Id),
    /// A datatype (index into [`Store::datatypes`]), with an optional `except`.
    Data(u32, Option<Id>),
    /// A `value` (index into [`Store::values`]).
    Value(u32),
    /// An attribute: name class index, value pattern.
    Attribute(u32, Id),
    /// An element (index into [`Store::elements`]).
    Element(u32),
    /// Content still to match inside an element, then what follows the element.
    After(Id, Id),
}

/// A `value` pattern: its datatype, text, context and typed value.
#[derive(Debug, Clone)]
pub(crate) struct ValueSpec {
    pub(crate) datatype: u32,
    pub(crate) text: String,
    pub(crate) context: Arc<NsContext>,
    pub(crate) value: Value,
}

/// An element pattern: its name class and content.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ElementDef {
    pub(crate) name: u32,
    pub(crate) content: Id,
}

#[derive(Clone, Default)]
pub(crate) struct Store {
    nodes: Vec<P>,
    flags: Vec<u8>,
    lookup: HashMap<P, Id>,
    pub(crate) name_classes: Vec<NameClass>,
    nc_lookup: HashMap<NameClass, u32>,
    pub(crate) datatypes: Vec<Arc<Datatype>>,
    dt_lookup: HashMap<usize, u32>,
    pub(crate) values: Vec<ValueSpec>,
    pub(crate) elements: Vec<ElementDef>,
}

impl Store {
    pub(crate) fn new() -> Self {
        let mut s = Store::default();
        for p in [P::Empty, P::NotAllowed, P::Text] {
            s.intern(p);
        }
        s
    }

    pub(crate) fn get(&self, id: Id) -> &P {
        &self.nodes[id.0 as usize]
    }

    pub(crate) fn nullable(&self, id: Id) -> bool {
        self.flags[id.0 as usize] & NULLABLE != 0
    }

    /// Whether attribute patterns occur in the pattern (outside child elements).
    pub(crate) fn has_attributes(&self, id: Id) -> bool {
        self.flags[id.0 as usize] & HAS_ATTRIBUTES != 0
    }

    /// Whether data, value or list patterns occur in the pattern (outside child elements).
    pub(crate) fn has_data(&self, id: Id) -> bool {
        self.flags[id.0 as usize] & HAS_DATA != 0
    }

    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Appends a node as read back from the cache (children come before parents).
    pub(crate) fn intern_raw(&mut self, p: P) -> Id {
        self.intern(p)
    }

    /// The nodes, in the order they were interned.
    pub(crate) fn nodes(&self) -> &[P] {
        &self.nodes
    }

    fn intern(&mut self, p: P) -> Id {
        if let Some(&id) = self.lookup.get(&p) {
            return id;
        }
        let f = |id: &Id| self.flags[id.0 as usize];
        let nullable = match &p {
            P::Empty | P::Text => NULLABLE,
            P::Choice(a, b) => (f(a) | f(b)) & NULLABLE,
            P::Group(a, b) | P::Interleave(a, b) => f(a) & f(b) & NULLABLE,
            P::OneOrMore(a) => f(a) & NULLABLE,
            _ => 0,
        };
        let inherited = match &p {
            P::Attribute(..) => HAS_ATTRIBUTES,
            P::Data(..) | P::Value(_) | P::List(_) => HAS_DATA,
            P::Choice(a, b) | P::Group(a, b) | P::Interleave(a, b) | P::After(a, b) => {
                (f(a) | f(b)) & (HAS_ATTRIBUTES | HAS_DATA)
            }
            P::OneOrMore(a) => f(a) & (HAS_ATTRIBUTES | HAS_DATA),
            _ => 0,
        };
        let id = Id(u32::try_from(self.nodes.len()).expect("fewer than 2^32 patterns"));
        self.nodes.push(p.clone());
        self.flags.push(nullable | inherited);
        self.lookup.insert(p, id);
        id
    }

    /// Registers a datatype read back from the cache.
    pub(crate) fn push_datatype(&mut self, dt: Arc<Datatype>) -> u32 {
        self.datatype(dt)
    }

    pub(crate) fn name_class(&mut self, nc: NameClass) -> u32 {
        if let Some(&i) = self.nc_lookup.get(&nc) {
            return i;
        }
        let i = self.name_classes.len() as u32;
        self.name_classes.push(nc.clone());
        self.nc_lookup.insert(nc, i);
        i
    }

    pub(crate) fn datatype(&mut self, dt: Arc<Datatype>) -> u32 {
        let key = Arc::as_ptr(&dt) as usize;
        if let Some(&i) = self.dt_lookup.get(&key) {
            return i;
        }
        let i = self.datatypes.len() as u32;
        self.datatypes.push(dt);
        self.dt_lookup.insert(key, i);
        i
    }

    pub(crate) fn value(&mut self, spec: ValueSpec) -> Id {
        let i = self.values.len() as u32;
        self.values.push(spec);
        self.intern(P::Value(i))
    }

    pub(crate) fn data(&mut self, dt: u32, except: Option<Id>) -> Id {
        let except = except.filter(|&e| e != NOT_ALLOWED);
        self.intern(P::Data(dt, except))
    }

    pub(crate) fn new_element(&mut self, name: u32) -> (u32, Id) {
        let i = self.elements.len() as u32;
        self.elements.push(ElementDef {
            name,
            content: NOT_ALLOWED,
        });
        (i, self.intern(P::Element(i)))
    }

    pub(crate) fn choice(&mut self, a: Id, b: Id) -> Id {
        if a == NOT_ALLOWED || a == b {
            return b;
        }
        if b == NOT_ALLOWED {
            return a;
        }
        let a_choice = matches!(self.get(a), P::Choice(..));
        let b_choice = matches!(self.get(b), P::Choice(..));
        if !a_choice && !b_choice {
            return self.intern(P::Choice(a.min(b), a.max(b)));
        }
        let mut alts = Vec::new();
        self.alternatives(a, &mut alts);
        self.alternatives(b, &mut alts);
        alts.sort_unstable();
        alts.dedup();
        let mut acc = alts.pop().expect("two alternatives");
        while let Some(x) = alts.pop() {
            acc = self.intern(P::Choice(x, acc));
        }
        acc
    }

    fn alternatives(&self, id: Id, out: &mut Vec<Id>) {
        let mut cur = id;
        loop {
            match self.get(cur) {
                P::Choice(x, y) => {
                    let (x, y) = (*x, *y);
                    self.alternatives(x, out);
                    cur = y;
                }
                _ => {
                    out.push(cur);
                    return;
                }
            }
        }
    }

    pub(crate) fn group(&mut self, a: Id, b: Id) -> Id {
        if a == NOT_ALLOWED || b == NOT_ALLOWED {
            NOT_ALLOWED
        } else if a == EMPTY {
            b
        } else if b == EMPTY {
            a
        } else {
            self.intern(P::Group(a, b))
        }
    }

    pub(crate) fn interleave(&mut self, a: Id, b: Id) -> Id {
        if a == NOT_ALLOWED || b == NOT_ALLOWED {
            NOT_ALLOWED
        } else if a == EMPTY {
            b
        } else if b == EMPTY {
            a
        } else {
            self.intern(P::Interleave(a, b))
        }
    }

    pub(crate) fn one_or_more(&mut self, a: Id) -> Id {
        match a {
            NOT_ALLOWED | EMPTY => a,
            _ if matches!(self.get(a), P::OneOrMore(_)) => a,
            _ => self.intern(P::OneOrMore(a)),
        }
    }

    pub(crate) fn list(&mut self, a: Id) -> Id {
        if a == NOT_ALLOWED {
            a
        } else {
            self.intern(P::List(a))
        }
    }

    pub(crate) fn attribute(&mut self, nc: u32, a: Id) -> Id {
        if a == NOT_ALLOWED {
            a
        } else {
            self.intern(P::Attribute(nc, a))
        }
    }

    pub(crate) fn after(&mut self, a: Id, b: Id) -> Id {
        if a == NOT_ALLOWED || b == NOT_ALLOWED {
            NOT_ALLOWED
        } else {
            self.intern(P::After(a, b))
        }
    }
}
