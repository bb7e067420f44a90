//! Datatype libraries for `data` and `value` patterns: the RELAX NG built-in
//! library (`string`, `token`), XML Schema datatypes (as the RELAX NG
//! guidelines for XSD prescribe, and as jing checks them) and the DTD
//! compatibility library (`ID`, `IDREF`, `IDREFS`).

pub(crate) mod regex;
mod xsd;

use std::fmt;
use std::sync::OnceLock;

pub(crate) use xsd::Value;

/// The XML Schema datatypes library URI.
pub(crate) const XSD_LIBRARY: &str = "http://www.w3.org/2001/XMLSchema-datatypes";
/// The DTD compatibility library URI.
pub(crate) const DTD_COMPAT_LIBRARY: &str = "http://relaxng.org/ns/compatibility/datatypes/1.0";

/// Namespace bindings a `QName` value is read in: the schema's for `value`
/// patterns, the document's for instance values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct NsContext {
    /// Namespace of unprefixed QNames.
    pub(crate) default: String,
    /// Prefix bindings, later ones shadowing earlier ones.
    pub(crate) prefixes: Vec<(String, String)>,
}

impl NsContext {
    pub(crate) fn resolve(&self, prefix: &str) -> Option<&str> {
        if prefix.is_empty() {
            return Some(&self.default);
        }
        if prefix == "xml" {
            return Some("http://www.w3.org/XML/1998/namespace");
        }
        self.prefixes
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_str())
    }
}

/// Whether a datatype makes an attribute an ID, a reference to one, or a list of references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdType {
    Id,
    Idref,
    Idrefs,
}

/// A datatype with its parameters (facets), ready to check values.
#[derive(Debug)]
pub(crate) struct Datatype {
    pub(crate) library: String,
    pub(crate) name: String,
    /// The parameters as written, kept so a compiled schema can be cached.
    pub(crate) params: Vec<(String, String)>,
    kind: xsd::Kind,
    facets: Vec<xsd::Facet>,
    /// XSD patterns, checked when the schema is read and compiled on first use.
    patterns: Vec<(String, OnceLock<Option<::regex::Regex>>)>,
}

impl Datatype {
    /// Looks up `library`/`name` and checks the parameters (spec 4.16: an
    /// unknown datatype or an invalid parameter makes the schema incorrect).
    pub(crate) fn new(
        library: &str,
        name: &str,
        params: &[(String, String)],
    ) -> Result<Self, String> {
        let kind = match library {
            "" => match name {
                "string" => xsd::Kind::BuiltinString,
                "token" => xsd::Kind::BuiltinToken,
                _ => return Err(format!("unknown built-in datatype `{name}`")),
            },
            XSD_LIBRARY => xsd::Kind::lookup(name)
                .ok_or_else(|| format!("unknown XML Schema datatype `{name}`"))?,
            DTD_COMPAT_LIBRARY => match name {
                "ID" => xsd::Kind::Id,
                "IDREF" => xsd::Kind::IdRef,
                "IDREFS" => xsd::Kind::IdRefs,
                _ => return Err(format!("unknown DTD compatibility datatype `{name}`")),
            },
            _ => return Err(format!("unknown datatype library `{library}`")),
        };
        if library != XSD_LIBRARY && !params.is_empty() {
            return Err(format!("datatype `{name}` takes no parameters"));
        }
        let mut facets = Vec::new();
        let mut patterns = Vec::new();
        for (pname, pvalue) in params {
            if pname == "pattern" {
                regex::translate(pvalue).map_err(|e| format!("invalid pattern `{pvalue}`: {e}"))?;
                patterns.push((pvalue.clone(), OnceLock::new()));
            } else {
                facets.push(xsd::Facet::new(kind, pname, pvalue)?);
            }
        }
        Ok(Datatype {
            library: library.to_string(),
            name: name.to_string(),
            params: params.to_vec(),
            kind,
            facets,
            patterns,
        })
    }

    /// Whether `value` (raw text from the document) is allowed.
    pub(crate) fn allows(&self, value: &str, ctx: &NsContext) -> bool {
        let Some(v) = self.kind.parse(value, ctx) else {
            return false;
        };
        if !self.facets.iter().all(|f| f.allows(&v, self.kind)) {
            return false;
        }
        if self.patterns.is_empty() {
            return true;
        }
        let lexical = self.kind.normalize(value);
        self.patterns.iter().all(|(p, re)| {
            re.get_or_init(|| regex::compile(p).ok())
                .as_ref()
                .is_some_and(|re| re.is_match(&lexical))
        })
    }

    /// The typed value of `value`, for `value` patterns (equality, not identity of spelling).
    pub(crate) fn value(&self, value: &str, ctx: &NsContext) -> Option<Value> {
        self.kind.parse(value, ctx)
    }

    /// Whether the typed values of `a` (in `ca`) and `b` (in `cb`) are equal.
    pub(crate) fn equal(&self, a: &Value, b: &str, cb: &NsContext) -> bool {
        self.kind.parse(b, cb).is_some_and(|vb| *a == vb)
    }

    pub(crate) fn id_type(&self) -> Option<IdType> {
        match self.kind {
            xsd::Kind::Id => Some(IdType::Id),
            xsd::Kind::IdRef => Some(IdType::Idref),
            xsd::Kind::IdRefs => Some(IdType::Idrefs),
            _ => None,
        }
    }

    /// Whether a value can only be judged with the namespace bindings of its context.
    pub(crate) fn is_context_dependent(&self) -> bool {
        matches!(self.kind, xsd::Kind::QName | xsd::Kind::Notation)
    }

    /// What the datatype allows, for error messages (`a URI matching …`).
    pub(crate) fn describe(&self) -> String {
        let mut s = self.kind.describe().to_string();
        let mut facet_text: Vec<String> = self.facets.iter().map(|f| f.describe()).collect();
        for (p, _) in &self.patterns {
            facet_text.push(format!("matching the regular expression \"{p}\""));
        }
        if !facet_text.is_empty() {
            s.push(' ');
            s.push_str(&facet_text.join(" and "));
        }
        s
    }
}

impl fmt::Display for Datatype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Names the XML rules use, shared by the datatypes and the schema reader:
/// XML 1.0 (second edition) names, as jing checks them, whose classes
/// (its Appendix B) were derived from Unicode general categories.
pub(crate) mod names {
    use std::sync::OnceLock;

    fn unicode_class(c: char, start: bool) -> bool {
        static START: OnceLock<regex::Regex> = OnceLock::new();
        static CHAR: OnceLock<regex::Regex> = OnceLock::new();
        let re = if start {
            START.get_or_init(|| {
                regex::Regex::new(r"^[\p{Ll}\p{Lu}\p{Lo}\p{Lt}\p{Nl}]$").expect("valid")
            })
        } else {
            CHAR.get_or_init(|| {
                regex::Regex::new(
                    r"^[\p{Ll}\p{Lu}\p{Lo}\p{Lt}\p{Nl}\p{Mc}\p{Me}\p{Mn}\p{Lm}\p{Nd}\u{B7}]$",
                )
                .expect("valid")
            })
        };
        let mut buf = [0u8; 4];
        re.is_match(c.encode_utf8(&mut buf))
    }

    pub(crate) fn is_name_start(c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphabetic() || c == '_' || c == ':';
        }
        unicode_class(c, true)
    }

    pub(crate) fn is_name_char(c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-');
        }
        unicode_class(c, false)
    }

    pub(crate) fn is_name(s: &str) -> bool {
        let mut chars = s.chars();
        chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
    }

    pub(crate) fn is_ncname(s: &str) -> bool {
        is_name(s) && !s.contains(':')
    }

    pub(crate) fn is_qname(s: &str) -> bool {
        match s.split_once(':') {
            Some((p, l)) => is_ncname(p) && is_ncname(l),
            None => is_ncname(s),
        }
    }
}
