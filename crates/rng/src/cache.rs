//! A cache of compiled schemas, keyed by the SHA-256 of the schema text (and
//! of every file it includes) and of the engine version. Compiling tei_all
//! (1 MB) is most of a one-document run; loading the compiled form is not.
//! The cache is a plain binary dump of the interned store; a file that does
//! not decode, or whose included files changed, is ignored and rewritten.

use crate::Schema;
use crate::ast::NameClass;
use crate::datatype::{Datatype, NsContext};
use crate::pattern::{ElementDef, Id, P, Store, ValueSpec};
use crate::sha256_hex;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Bump when the compiled form changes.
const FORMAT: &str = "tei-encoder compiled RELAX NG, format 1";

/// Where compiled schemas are kept: `$TEI_ENCODER_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/tei-encoder/schemas`, else `~/.cache/tei-encoder/schemas`.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("TEI_ENCODER_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("tei-encoder").join("schemas"))
}

/// The cache file of a schema text.
pub(crate) fn file_for(dir: &Path, schema_text: &str) -> PathBuf {
    let key = sha256_hex(format!("{FORMAT}\n{schema_text}").as_bytes());
    dir.join(format!("{key}.bin"))
}

/// Included files a compiled schema depends on: (path, sha256 of its text).
pub(crate) type Dependencies = Vec<(String, String)>;

/// Loads a compiled schema if the cache has a current one.
pub(crate) fn load(path: &Path) -> Option<Schema> {
    let bytes = std::fs::read(path).ok()?;
    let (schema, deps) = decode(&bytes)?;
    for (file, hash) in deps {
        let text = std::fs::read(&file).ok()?;
        if sha256_hex(&text) != hash {
            return None;
        }
    }
    Some(schema)
}

/// Stores a compiled schema; failures only cost the next run a compile.
pub(crate) fn store(path: &Path, schema: &Schema, deps: &Dependencies) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let bytes = encode(schema, deps);
    if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) {
        use std::io::Write;
        if tmp.write_all(&bytes).is_ok() {
            let _ = tmp.persist(path);
        }
    }
}

struct W(Vec<u8>);

impl W {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn name_class(&mut self, nc: &NameClass) {
        match nc {
            NameClass::AnyName(e) => {
                self.0.push(0);
                self.except(e);
            }
            NameClass::NsName(ns, e) => {
                self.0.push(1);
                self.str(ns);
                self.except(e);
            }
            NameClass::Name(ns, l) => {
                self.0.push(2);
                self.str(ns);
                self.str(l);
            }
            NameClass::Choice(a, b) => {
                self.0.push(3);
                self.name_class(a);
                self.name_class(b);
            }
        }
    }
    fn except(&mut self, e: &Option<Box<NameClass>>) {
        match e {
            Some(nc) => {
                self.0.push(1);
                self.name_class(nc);
            }
            None => self.0.push(0),
        }
    }
}

struct Rd<'a> {
    b: &'a [u8],
    i: usize,
}

impl Rd<'_> {
    fn byte(&mut self) -> Option<u8> {
        let v = *self.b.get(self.i)?;
        self.i += 1;
        Some(v)
    }
    fn u32(&mut self) -> Option<u32> {
        let s = self.b.get(self.i..self.i + 4)?;
        self.i += 4;
        Some(u32::from_le_bytes(s.try_into().ok()?))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        let s = self.b.get(self.i..self.i.checked_add(n)?)?;
        self.i += n;
        String::from_utf8(s.to_vec()).ok()
    }
    fn name_class(&mut self, depth: usize) -> Option<NameClass> {
        if depth > 64 {
            return None;
        }
        Some(match self.byte()? {
            0 => NameClass::AnyName(self.except(depth)?),
            1 => {
                let ns = self.str()?;
                NameClass::NsName(ns, self.except(depth)?)
            }
            2 => NameClass::Name(self.str()?, self.str()?),
            3 => NameClass::Choice(
                Box::new(self.name_class(depth + 1)?),
                Box::new(self.name_class(depth + 1)?),
            ),
            _ => return None,
        })
    }
    fn except(&mut self, depth: usize) -> Option<Option<Box<NameClass>>> {
        Some(match self.byte()? {
            0 => None,
            _ => Some(Box::new(self.name_class(depth + 1)?)),
        })
    }
}

pub(crate) fn encode(schema: &Schema, deps: &Dependencies) -> Vec<u8> {
    let s = &schema.store;
    let mut w = W(Vec::new());
    w.str(FORMAT);
    w.u32(deps.len() as u32);
    for (f, h) in deps {
        w.str(f);
        w.str(h);
    }
    w.u32(s.name_classes.len() as u32);
    for nc in &s.name_classes {
        w.name_class(nc);
    }
    w.u32(s.datatypes.len() as u32);
    for dt in &s.datatypes {
        w.str(&dt.library);
        w.str(&dt.name);
        w.u32(dt.params.len() as u32);
        for (n, v) in &dt.params {
            w.str(n);
            w.str(v);
        }
    }
    w.u32(s.values.len() as u32);
    for v in &s.values {
        w.u32(v.datatype);
        w.str(&v.text);
        w.str(&v.context.default);
        w.u32(v.context.prefixes.len() as u32);
        for (p, u) in &v.context.prefixes {
            w.str(p);
            w.str(u);
        }
    }
    w.u32(s.nodes().len() as u32);
    for p in s.nodes() {
        let (tag, a, b) = match *p {
            P::Empty => (0, 0, 0),
            P::NotAllowed => (1, 0, 0),
            P::Text => (2, 0, 0),
            P::Choice(x, y) => (3, x.0, y.0),
            P::Interleave(x, y) => (4, x.0, y.0),
            P::Group(x, y) => (5, x.0, y.0),
            P::OneOrMore(x) => (6, x.0, 0),
            P::List(x) => (7, x.0, 0),
            P::Data(d, e) => (8, d, e.map_or(u32::MAX, |i| i.0)),
            P::Value(v) => (9, v, 0),
            P::Attribute(nc, x) => (10, nc, x.0),
            P::Element(e) => (11, e, 0),
            P::After(x, y) => (12, x.0, y.0),
        };
        w.0.push(tag);
        w.u32(a);
        w.u32(b);
    }
    w.u32(s.elements.len() as u32);
    for e in &s.elements {
        w.u32(e.name);
        w.u32(e.content.0);
    }
    w.u32(schema.start.0);
    let mut ids: Vec<_> = schema.id_attributes.iter().collect();
    ids.sort_by(|a, b| a.0.cmp(b.0));
    w.u32(ids.len() as u32);
    for ((ns, l), t) in ids {
        w.str(ns);
        w.str(l);
        w.0.push(*t as u8);
    }
    w.0
}

pub(crate) fn decode(bytes: &[u8]) -> Option<(Schema, Dependencies)> {
    use crate::datatype::IdType;
    let mut r = Rd { b: bytes, i: 0 };
    if r.str()? != FORMAT {
        return None;
    }
    let mut deps = Vec::new();
    for _ in 0..r.u32()? {
        deps.push((r.str()?, r.str()?));
    }
    let mut store = Store::new();
    for _ in 0..r.u32()? {
        let nc = r.name_class(0)?;
        store.name_class(nc);
    }
    for _ in 0..r.u32()? {
        let lib = r.str()?;
        let name = r.str()?;
        let mut params = Vec::new();
        for _ in 0..r.u32()? {
            params.push((r.str()?, r.str()?));
        }
        let dt = Datatype::new(&lib, &name, &params).ok()?;
        store.push_datatype(Arc::new(dt));
    }
    for _ in 0..r.u32()? {
        let datatype = r.u32()?;
        let text = r.str()?;
        let default = r.str()?;
        let mut prefixes = Vec::new();
        for _ in 0..r.u32()? {
            prefixes.push((r.str()?, r.str()?));
        }
        let context = Arc::new(NsContext { default, prefixes });
        let value = store
            .datatypes
            .get(datatype as usize)?
            .value(&text, &context)?;
        store.values.push(ValueSpec {
            datatype,
            text,
            context,
            value,
        });
    }
    let count = r.u32()? as usize;
    let (nc_count, dt_count, v_count) = (
        store.name_classes.len() as u32,
        store.datatypes.len() as u32,
        store.values.len() as u32,
    );
    for i in 0..count {
        let tag = r.byte()?;
        let a = r.u32()?;
        let b = r.u32()?;
        let id = |x: u32| (x < i as u32).then_some(Id(x));
        let p = match tag {
            0 => P::Empty,
            1 => P::NotAllowed,
            2 => P::Text,
            3 => P::Choice(id(a)?, id(b)?),
            4 => P::Interleave(id(a)?, id(b)?),
            5 => P::Group(id(a)?, id(b)?),
            6 => P::OneOrMore(id(a)?),
            7 => P::List(id(a)?),
            8 => P::Data(
                (a < dt_count).then_some(a)?,
                if b == u32::MAX { None } else { Some(id(b)?) },
            ),
            9 => P::Value((a < v_count).then_some(a)?),
            10 => P::Attribute((a < nc_count).then_some(a)?, id(b)?),
            11 => P::Element(a),
            12 => P::After(id(a)?, id(b)?),
            _ => return None,
        };
        if i < 3 {
            continue; // the three constants every store starts with
        }
        if store.intern_raw(p).0 as usize != i {
            return None;
        }
    }
    let n = count as u32;
    for _ in 0..r.u32()? {
        let name = r.u32()?;
        let content = r.u32()?;
        if name >= nc_count || content >= n {
            return None;
        }
        store.elements.push(ElementDef {
            name,
            content: Id(content),
        });
    }
    let start = Id(r.u32()?);
    if start.0 >= n
        || store
            .nodes()
            .iter()
            .any(|p| matches!(p, P::Element(e) if *e as usize >= store.elements.len()))
    {
        return None;
    }
    let mut id_attributes = crate::IdAttributes::default();
    for _ in 0..r.u32()? {
        let key = (r.str()?, r.str()?);
        let t = match r.byte()? {
            0 => IdType::Id,
            1 => IdType::Idref,
            2 => IdType::Idrefs,
            _ => return None,
        };
        id_attributes.insert(key, t);
    }
    Some((
        Schema {
            store,
            start,
            id_attributes,
        },
        deps,
    ))
}
