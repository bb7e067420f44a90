//! A compiled schema: the XML syntax is read ([`crate::parse`]), grammars
//! resolved and patterns interned ([`crate::grammar`], [`crate::pattern`]),
//! and the restrictions of section 7 checked ([`crate::restrict`]).

use crate::datatype::IdType;
use crate::pattern::{Id, P, Store};
use crate::{grammar, parse, restrict};
use rustc_hash::FxHashMap as HashMap;

use crate::parse::Resolver;

/// A compiled schema: correct RELAX NG, ready to validate any number of documents.
#[derive(Clone)]
pub struct Schema {
    pub store: Store,
    pub start: Id,
    /// Attributes (by namespace and local name) whose datatype is ID-typed (DTD compatibility).
    pub id_attributes: HashMap<(String, String), IdType>,
}

impl Schema {
    /// Reads and checks a schema. Errors say why it is not correct RELAX NG.
    pub fn compile(text: &str, base_uri: &str, resolver: &dyn Resolver) -> Result<Schema, String> {
        let top = parse::Reader::new(resolver).read(text, base_uri)?;
        let (store, start) = grammar::compile(top)?;
        restrict::check(&store, start)?;
        let id_attributes = id_attributes(&store);
        Ok(Schema {
            store,
            start,
            id_attributes,
        })
    }
}

/// Attributes whose value pattern is an ID-typed datatype.
fn id_attributes(store: &Store) -> HashMap<(String, String), IdType> {
    let mut out = HashMap::default();
    for i in 0..store.len() {
        if let P::Attribute(nc, content) = store.get(Id(i as u32))
            && let P::Data(dt, _) = store.get(*content)
            && let Some(t) = store.datatypes[*dt as usize].id_type()
        {
            let mut names = Vec::new();
            if store.name_classes[*nc as usize].names(&mut names) {
                for n in names {
                    out.insert(n, t);
                }
            }
        }
    }
    out
}
