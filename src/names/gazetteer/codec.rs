//! The compact binary form the embedded gazetteer is stored in: `build.rs`
//! writes it, start-up reads it.
//!
//! Like `compile.rs`, this file is compiled into the library and into the
//! build script, so it uses nothing of the library but its siblings
//! `super::compile` and `super::NameKind`.

use super::NameKind;
use super::compile::{Entry, Form, FormRole, Gazetteer, Organ, RuleWords, StateBody, by_surname};

// The binary form: the magic, the length of the string pool (8 bytes,
// little-endian), the pool (every string back to back, in the order they
// are read: one UTF-8 check for all), then the fields in order, numbers
// and string lengths as LEB128. The by-surname index is derived again.

const MAGIC: &[u8; 8] = b"teigaz01";

fn kind_code(k: NameKind) -> u8 {
    match k {
        NameKind::Person => 0,
        NameKind::Org => 1,
        NameKind::State => 2,
        NameKind::Place => 3,
    }
}

fn role_code(r: FormRole) -> u8 {
    match r {
        FormRole::Full => 0,
        FormRole::Short => 1,
        FormRole::Surname { bare: false } => 2,
        FormRole::Surname { bare: true } => 3,
    }
}

#[derive(Default)]
struct Writer {
    pool: String,
    fields: Vec<u8>,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.fields.push(b);
    }

    fn num(&mut self, mut n: usize) {
        while n >= 0x80 {
            self.fields.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.fields.push(n as u8);
    }

    fn str(&mut self, s: &str) {
        self.num(s.len());
        self.pool.push_str(s);
    }

    fn opt(&mut self, s: &Option<String>) {
        match s {
            None => self.byte(0),
            Some(s) => {
                self.byte(1);
                self.str(s);
            }
        }
    }

    fn strs(&mut self, v: &[String]) {
        self.num(v.len());
        for s in v {
            self.str(s);
        }
    }
}

/// The binary form of a finished gazetteer (what `build.rs` writes).
#[allow(dead_code)] // the library reads it only; build.rs and tests write it
pub fn encode(g: &Gazetteer) -> Vec<u8> {
    let mut w = Writer::default();
    // Fields by name, none left out (`..`): a new one must be written here.
    w.num(g.entries.len());
    for Entry {
        id,
        kind,
        name,
        forename,
        surname,
        initial_letters,
        idnos,
        titles,
    } in &g.entries
    {
        w.str(id);
        w.byte(kind_code(*kind));
        w.str(name);
        w.opt(forename);
        w.opt(surname);
        w.num(initial_letters.len());
        for &c in initial_letters {
            w.num(c as usize);
        }
        w.num(idnos.len());
        for (ty, v) in idnos {
            w.str(ty);
            w.str(v);
        }
        w.strs(titles);
    }
    w.num(g.forms.len());
    for Form { text, targets } in &g.forms {
        w.str(text);
        w.num(targets.len());
        for &(e, r) in targets {
            w.num(e);
            w.byte(role_code(r));
        }
    }
    let mut rules = g.rules.clone();
    for list in rules.lists_mut() {
        w.strs(list);
    }
    w.num(rules.organs.len());
    for o in &rules.organs {
        w.str(&o.name);
        w.str(&o.abbr);
    }
    w.num(rules.state_bodies.len());
    for b in &rules.state_bodies {
        w.str(&b.name);
        w.str(&b.abbr);
        w.byte(u8::from(b.alone));
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(w.pool.len() as u64).to_le_bytes());
    out.extend_from_slice(w.pool.as_bytes());
    out.extend_from_slice(&w.fields);
    out
}

struct Reader<'a> {
    pool: &'a str,
    /// Where the next string starts in `pool`.
    next: usize,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("truncated")?;
        self.at += 1;
        Ok(b)
    }

    fn num(&mut self) -> Result<usize, String> {
        let mut n = 0usize;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
            shift += 7;
        }
    }

    fn str(&mut self) -> Result<&'a str, String> {
        let len = self.num()?;
        let s = self
            .pool
            .get(self.next..self.next + len)
            .ok_or("bad string")?;
        self.next += len;
        Ok(s)
    }

    fn string(&mut self) -> Result<String, String> {
        self.str().map(str::to_string)
    }

    fn opt(&mut self) -> Result<Option<String>, String> {
        Ok(match self.byte()? {
            0 => None,
            _ => Some(self.string()?),
        })
    }

    /// A count, then that many items (each at least one byte of fields).
    fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        let n = self.num()?;
        let mut v = Vec::with_capacity(n.min(self.bytes.len() - self.at));
        for _ in 0..n {
            v.push(item(self)?);
        }
        Ok(v)
    }

    fn strs(&mut self) -> Result<Vec<String>, String> {
        self.list(Self::string)
    }
}

/// A gazetteer from its binary form ([`encode`]).
pub fn decode(bytes: &[u8]) -> Result<Gazetteer, String> {
    let body = bytes
        .strip_prefix(MAGIC)
        .ok_or("not a compiled gazetteer")?;
    let (pool_len, body) = body.split_first_chunk::<8>().ok_or("truncated")?;
    let pool_len = usize::try_from(u64::from_le_bytes(*pool_len)).map_err(|e| e.to_string())?;
    let (pool, body) = body.split_at_checked(pool_len).ok_or("truncated")?;
    let mut r = Reader {
        pool: std::str::from_utf8(pool).map_err(|e| e.to_string())?,
        next: 0,
        bytes: body,
        at: 0,
    };
    let kinds = [
        NameKind::Person,
        NameKind::Org,
        NameKind::State,
        NameKind::Place,
    ];
    let roles = [
        FormRole::Full,
        FormRole::Short,
        FormRole::Surname { bare: false },
        FormRole::Surname { bare: true },
    ];
    let n = r.num()?;
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.string()?;
        let kind = *kinds.get(usize::from(r.byte()?)).ok_or("bad kind")?;
        let name = r.string()?;
        let forename = r.opt()?;
        let surname = r.opt()?;
        let initial_letters = r.list(|r| {
            let c = u32::try_from(r.num()?).map_err(|e| e.to_string())?;
            char::from_u32(c).ok_or_else(|| "bad letter".to_string())
        })?;
        let idnos = r.list(|r| Ok((r.string()?, r.string()?)))?;
        let titles = r.strs()?;
        entries.push(Entry {
            id,
            kind,
            name,
            forename,
            surname,
            initial_letters,
            idnos,
            titles,
        });
    }
    let n = r.num()?;
    let mut forms = Vec::with_capacity(n);
    for _ in 0..n {
        let text = r.string()?;
        let targets = r.list(|r| {
            let e = r.num()?;
            let role = *roles.get(usize::from(r.byte()?)).ok_or("bad role")?;
            Ok((e, role))
        })?;
        forms.push(Form { text, targets });
    }
    let mut rules = RuleWords::default();
    for list in rules.lists_mut() {
        *list = r.strs()?;
    }
    let n = r.num()?;
    for _ in 0..n {
        let (name, abbr) = (r.string()?, r.string()?);
        rules.organs.push(Organ { name, abbr });
    }
    let n = r.num()?;
    for _ in 0..n {
        let (name, abbr) = (r.string()?, r.string()?);
        let alone = r.byte()? != 0;
        rules.state_bodies.push(StateBody { name, abbr, alone });
    }
    if r.at != body.len() || r.next != pool.len() {
        return Err("trailing bytes".into());
    }
    Ok(Gazetteer {
        by_surname: by_surname(&entries),
        entries,
        forms,
        rules,
    })
}
