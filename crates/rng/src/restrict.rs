//! The restrictions of spec section 7 on the simplified schema: prohibited
//! paths (7.1), string sequences (7.2), duplicate attributes (7.3) and
//! `interleave` (7.4).

use crate::ast::NameClass;
use crate::pattern::{Id, P, Store};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

type R<T> = Result<T, String>;

const IN_ATTRIBUTE: u8 = 1;
const IN_ONE_OR_MORE: u8 = 2;
const IN_REPEATED_GROUP: u8 = 4;
const IN_LIST: u8 = 8;
const IN_EXCEPT: u8 = 16;
const IN_START: u8 = 32;

/// Checks the whole compiled schema.
pub(crate) fn check(store: &Store, start: Id) -> R<()> {
    let mut c = Checker {
        store,
        seen: HashSet::default(),
        names: HashMap::default(),
        content_types: HashMap::default(),
    };
    c.paths(start, IN_START)?;
    for e in reachable_elements(store, start) {
        let content = store.elements[e as usize].content;
        c.paths(content, 0)?;
        c.content_type(content)?;
    }
    Ok(())
}

/// Elements reachable from `start` once `notAllowed` is simplified away (spec 4.19, 4.20).
pub(crate) fn reachable_elements(store: &Store, start: Id) -> Vec<u32> {
    let mut seen_patterns = HashSet::default();
    let mut seen = vec![false; store.elements.len()];
    let mut order = Vec::new();
    let mut stack = vec![start];
    while let Some(p) = stack.pop() {
        if !seen_patterns.insert(p) {
            continue;
        }
        match *store.get(p) {
            P::Element(e) if !seen[e as usize] => {
                seen[e as usize] = true;
                order.push(e);
                stack.push(store.elements[e as usize].content);
            }
            P::Choice(a, b) | P::Group(a, b) | P::Interleave(a, b) | P::After(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            P::OneOrMore(a) | P::List(a) | P::Attribute(_, a) => stack.push(a),
            P::Data(_, Some(e)) => stack.push(e),
            _ => {}
        }
    }
    order
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum ContentType {
    Empty,
    Complex,
    Simple,
}

/// The names a pattern uses at its own level (not inside child elements).
#[derive(Default, Clone)]
struct Names {
    attributes: Vec<u32>,
    elements: Vec<u32>,
    text: bool,
}

struct Checker<'s> {
    store: &'s Store,
    seen: HashSet<(Id, u8)>,
    names: HashMap<Id, Names>,
    content_types: HashMap<Id, Option<ContentType>>,
}

impl Checker<'_> {
    fn paths(&mut self, p: Id, flags: u8) -> R<()> {
        if !self.seen.insert((p, flags)) {
            return Ok(());
        }
        let forbid = |mask: u8, what: &str| -> R<()> {
            if flags & mask != 0 {
                let context = match flags & mask {
                    f if f & IN_START != 0 => "start",
                    f if f & IN_EXCEPT != 0 => "data/except",
                    f if f & IN_LIST != 0 => "list",
                    f if f & IN_ATTRIBUTE != 0 => "attribute",
                    _ => "oneOrMore//group",
                };
                Err(format!("{what} is not allowed inside {context} (spec 7.1)"))
            } else {
                Ok(())
            }
        };
        match *self.store.get(p) {
            P::Attribute(nc, c) => {
                forbid(
                    IN_ATTRIBUTE | IN_REPEATED_GROUP | IN_LIST | IN_EXCEPT | IN_START,
                    "attribute",
                )?;
                if self.store.name_classes[nc as usize].is_infinite() && flags & IN_ONE_OR_MORE == 0
                {
                    return Err("an attribute with anyName or nsName must be repeated by oneOrMore (spec 7.3)".into());
                }
                self.paths(c, flags | IN_ATTRIBUTE)
            }
            P::Element(_) => forbid(IN_ATTRIBUTE | IN_LIST | IN_EXCEPT, "element"),
            P::Group(a, b) | P::Interleave(a, b) => {
                let is_group = matches!(self.store.get(p), P::Group(..));
                if is_group {
                    forbid(IN_EXCEPT | IN_START, "group")?;
                } else {
                    forbid(IN_LIST | IN_EXCEPT | IN_START, "interleave")?;
                }
                let inner = if flags & IN_ONE_OR_MORE != 0 {
                    flags | IN_REPEATED_GROUP
                } else {
                    flags
                };
                self.paths(a, inner)?;
                self.paths(b, inner)?;
                self.overlaps(a, b, !is_group)
            }
            P::OneOrMore(a) => {
                forbid(IN_EXCEPT | IN_START, "oneOrMore")?;
                self.paths(a, flags | IN_ONE_OR_MORE)
            }
            P::List(a) => {
                forbid(IN_LIST | IN_EXCEPT | IN_START, "list")?;
                self.paths(a, flags | IN_LIST)
            }
            P::Text => forbid(IN_LIST | IN_EXCEPT | IN_START, "text"),
            P::Empty => forbid(IN_EXCEPT | IN_START, "empty"),
            P::Data(_, except) => {
                forbid(IN_START, "data")?;
                match except {
                    Some(e) => self.paths(e, flags | IN_EXCEPT),
                    None => Ok(()),
                }
            }
            P::Value(_) => forbid(IN_START, "value"),
            P::Choice(a, b) => {
                self.paths(a, flags)?;
                self.paths(b, flags)
            }
            P::NotAllowed | P::After(..) => Ok(()),
        }
    }

    fn names(&mut self, p: Id) -> Names {
        if let Some(n) = self.names.get(&p) {
            return n.clone();
        }
        let n = match *self.store.get(p) {
            P::Attribute(nc, _) => Names {
                attributes: vec![nc],
                ..Names::default()
            },
            P::Element(e) => Names {
                elements: vec![self.store.elements[e as usize].name],
                ..Names::default()
            },
            P::Text => Names {
                text: true,
                ..Names::default()
            },
            P::Group(a, b) | P::Interleave(a, b) | P::Choice(a, b) => {
                let mut x = self.names(a);
                let y = self.names(b);
                x.attributes.extend(y.attributes);
                x.elements.extend(y.elements);
                x.attributes.sort_unstable();
                x.attributes.dedup();
                x.elements.sort_unstable();
                x.elements.dedup();
                x.text |= y.text;
                x
            }
            P::OneOrMore(a) => self.names(a),
            _ => Names::default(),
        };
        self.names.insert(p, n.clone());
        n
    }

    /// Spec 7.3 (attributes of a group or interleave) and 7.4 (interleave).
    fn overlaps(&mut self, a: Id, b: Id, interleave: bool) -> R<()> {
        let x = self.names(a);
        let y = self.names(b);
        if classes_overlap(self.store, &x.attributes, &y.attributes) {
            return Err("the same attribute may occur twice (spec 7.3)".into());
        }
        if interleave {
            if classes_overlap(self.store, &x.elements, &y.elements) {
                return Err("both sides of an interleave allow the same element (spec 7.4)".into());
            }
            if x.text && y.text {
                return Err("both sides of an interleave allow text (spec 7.4)".into());
            }
        }
        Ok(())
    }

    /// Spec 7.2: the content type of an element's content must exist.
    fn content_type(&mut self, p: Id) -> R<Option<ContentType>> {
        if let Some(ct) = self.content_types.get(&p) {
            return Ok(*ct);
        }
        use ContentType::*;
        let groupable = |a: ContentType, b: ContentType| {
            a == Empty || b == Empty || (a == Complex && b == Complex)
        };
        let ct = match *self.store.get(p) {
            P::Value(_) | P::Data(..) | P::List(_) => Some(Simple),
            P::Text | P::Element(_) => Some(Complex),
            P::Empty | P::Attribute(..) => Some(Empty),
            P::NotAllowed | P::After(..) => None,
            P::Choice(a, b) => {
                let (x, y) = (self.content_type(a)?, self.content_type(b)?);
                match (x, y) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    (x, y) => x.or(y),
                }
            }
            P::Group(a, b) | P::Interleave(a, b) => {
                let (x, y) = (self.content_type(a)?, self.content_type(b)?);
                match (x, y) {
                    (Some(x), Some(y)) if groupable(x, y) => Some(x.max(y)),
                    (Some(_), Some(_)) => {
                        return Err(
                            "data or a value may not be grouped with elements or text (spec 7.2)"
                                .into(),
                        );
                    }
                    (x, y) => x.or(y),
                }
            }
            P::OneOrMore(a) => match self.content_type(a)? {
                Some(x) if groupable(x, x) => Some(x),
                Some(_) => return Err("data or a value may not be repeated (spec 7.2)".into()),
                None => None,
            },
        };
        self.content_types.insert(p, ct);
        Ok(ct)
    }
}

fn classes_overlap(store: &Store, a: &[u32], b: &[u32]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let finite = |ids: &[u32]| -> (HashSet<(String, String)>, Vec<&NameClass>) {
        let mut names = HashSet::default();
        let mut infinite = Vec::new();
        for &i in ids {
            let nc = &store.name_classes[i as usize];
            let mut list = Vec::new();
            if nc.names(&mut list) {
                names.extend(list);
            } else {
                infinite.push(nc);
            }
        }
        (names, infinite)
    };
    let (na, ia) = finite(a);
    let (nb, ib) = finite(b);
    if na.iter().any(|n| nb.contains(n)) {
        return true;
    }
    if ia
        .iter()
        .any(|nc| nb.iter().any(|(ns, l)| nc.contains(ns, l)))
    {
        return true;
    }
    if ib
        .iter()
        .any(|nc| na.iter().any(|(ns, l)| nc.contains(ns, l)))
    {
        return true;
    }
    ia.iter().any(|x| ib.iter().any(|y| x.overlaps(y)))
}
