//! The schema after parsing the XML syntax (spec sections 4.1 to 4.16):
//! annotations dropped, names resolved, `include`/`externalRef` loaded,
//! `optional`/`zeroOrMore`/`mixed` rewritten. Grammars and references are
//! still by name; `grammar.rs` resolves them.

use crate::datatype::{Datatype, NsContext};
use std::sync::Arc;

/// A name class (spec 4.16 constraints already checked).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum NameClass {
    AnyName(Option<Box<NameClass>>),
    NsName(String, Option<Box<NameClass>>),
    Name(String, String),
    Choice(Box<NameClass>, Box<NameClass>),
}

impl NameClass {
    /// Whether the expanded name `(ns, local)` belongs to the class.
    pub(crate) fn contains(&self, ns: &str, local: &str) -> bool {
        match self {
            NameClass::AnyName(except) => except.as_ref().is_none_or(|e| !e.contains(ns, local)),
            NameClass::NsName(n, except) => {
                n == ns && except.as_ref().is_none_or(|e| !e.contains(ns, local))
            }
            NameClass::Name(n, l) => n == ns && l == local,
            NameClass::Choice(a, b) => a.contains(ns, local) || b.contains(ns, local),
        }
    }

    /// Whether two classes share a name (James Clark's representative-name test).
    pub(crate) fn overlaps(&self, other: &NameClass) -> bool {
        let mut names = Vec::new();
        self.representatives(&mut names);
        other.representatives(&mut names);
        names
            .iter()
            .any(|(ns, local)| self.contains(ns, local) && other.contains(ns, local))
    }

    /// Names that stand for every class of names this class distinguishes.
    fn representatives(&self, out: &mut Vec<(String, String)>) {
        const ILLEGAL_NS: &str = "\u{1}";
        const ILLEGAL_LOCAL: &str = "\u{1}";
        match self {
            NameClass::AnyName(except) => {
                out.push((ILLEGAL_NS.into(), ILLEGAL_LOCAL.into()));
                if let Some(e) = except {
                    e.representatives(out);
                }
            }
            NameClass::NsName(ns, except) => {
                out.push((ns.clone(), ILLEGAL_LOCAL.into()));
                if let Some(e) = except {
                    e.representatives(out);
                }
            }
            NameClass::Name(ns, local) => out.push((ns.clone(), local.clone())),
            NameClass::Choice(a, b) => {
                a.representatives(out);
                b.representatives(out);
            }
        }
    }

    /// The single names a class lists, when it is a finite choice of names.
    pub(crate) fn names(&self, out: &mut Vec<(String, String)>) -> bool {
        match self {
            NameClass::Name(ns, local) => {
                out.push((ns.clone(), local.clone()));
                true
            }
            NameClass::Choice(a, b) => a.names(out) & b.names(out),
            _ => false,
        }
    }

    pub(crate) fn is_infinite(&self) -> bool {
        match self {
            NameClass::AnyName(_) | NameClass::NsName(..) => true,
            NameClass::Name(..) => false,
            NameClass::Choice(a, b) => a.is_infinite() || b.is_infinite(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Combine {
    Choice,
    Interleave,
}

/// A pattern in the schema's full syntax, simplified as far as one
/// document can be on its own.
#[derive(Debug, Clone)]
pub(crate) enum Pattern {
    Empty,
    NotAllowed,
    Text,
    Element(NameClass, Box<Pattern>),
    Attribute(NameClass, Box<Pattern>),
    Group(Vec<Pattern>),
    Interleave(Vec<Pattern>),
    Choice(Vec<Pattern>),
    OneOrMore(Box<Pattern>),
    List(Box<Pattern>),
    Data(Arc<Datatype>, Option<Box<Pattern>>),
    Value(Arc<Datatype>, String, Arc<NsContext>),
    Ref(String),
    ParentRef(String),
    Grammar(Vec<Component>),
}

/// A `start` or `define` of a grammar, with `div`s and `include`s flattened.
#[derive(Debug, Clone)]
pub(crate) enum Component {
    Start(Option<Combine>, Pattern),
    Define(String, Option<Combine>, Pattern),
}
