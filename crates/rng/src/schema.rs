//! A compiled schema: the XML syntax is read (`parse`), grammars resolved
//! and patterns interned (`grammar`, `pattern`), and the restrictions of
//! section 7 checked (`restrict`).

use crate::error::Error;
use crate::ids::IdAttributes;
use crate::parse::{FileResolver, Resolver};
use crate::pattern::{Id, P, Store};
use crate::{cache, grammar, parse, restrict};
use std::cell::RefCell;
use std::path::Path;

/// A compiled schema: correct RELAX NG, ready to validate any number of documents.
#[derive(Clone)]
pub struct Schema {
    pub(crate) store: Store,
    pub(crate) start: Id,
    /// Attributes (by namespace and local name) whose datatype is ID-typed (DTD compatibility).
    pub(crate) id_attributes: IdAttributes,
}

impl Schema {
    /// Reads and checks a schema (RELAX NG, XML syntax); `base_uri` names it
    /// in errors and resolves its includes through `resolver`. Errors say why
    /// it is not correct RELAX NG.
    pub fn compile(text: &str, base_uri: &str, resolver: &dyn Resolver) -> Result<Schema, Error> {
        Schema::compile_text(text, base_uri, resolver).map_err(|message| Error::Schema {
            schema: base_uri.to_string(),
            message,
        })
    }

    /// Reads, checks and compiles a schema file, through the cache in
    /// `cache_dir` when one is given (see [`crate::default_cache_dir`]): a
    /// compiled form whose schema text and included files are unchanged is
    /// loaded instead of compiled.
    pub fn compile_file(path: &Path, cache_dir: Option<&Path>) -> Result<Schema, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let cached = cache_dir.map(|d| cache::file_for(d, &format!("{}\n{text}", path.display())));
        if let Some(c) = &cached
            && let Some(schema) = cache::load(c)
        {
            return Ok(schema);
        }
        let resolver = RecordingResolver {
            seen: RefCell::new(Vec::new()),
        };
        let base = path.to_string_lossy();
        let schema =
            Schema::compile_text(&text, &base, &resolver).map_err(|message| Error::Schema {
                schema: path.display().to_string(),
                message,
            })?;
        if let Some(c) = &cached {
            cache::store(c, &schema, &resolver.seen.borrow());
        }
        Ok(schema)
    }

    fn compile_text(text: &str, base_uri: &str, resolver: &dyn Resolver) -> Result<Schema, String> {
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

/// Reads included files and records their hashes, for the cache.
struct RecordingResolver {
    seen: RefCell<cache::Dependencies>,
}

impl Resolver for RecordingResolver {
    fn load(&self, uri: &str) -> Result<String, String> {
        let text = FileResolver.load(uri)?;
        self.seen
            .borrow_mut()
            .push((uri.to_string(), crate::sha256_hex(text.as_bytes())));
        Ok(text)
    }
}

/// Attributes whose value pattern is an ID-typed datatype.
fn id_attributes(store: &Store) -> IdAttributes {
    let mut out = IdAttributes::default();
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
