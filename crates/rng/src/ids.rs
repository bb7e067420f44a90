//! Checks on identifiers: what jing checks for ID-typed attributes (RELAX NG
//! DTD compatibility: unique IDs, IDREFs that resolve) and what TEI users
//! expect beyond any schema: `xml:id` unique whatever the schema says, and
//! every `#id` pointer in `@ref`/`@target` naming an `xml:id` of the document.
//! Pointers can legitimately point into other files (a corpus header's
//! taxonomy), so unresolved ones are warnings unless the run is strict.

use crate::datatype::IdType;
use crate::instance::{Check, Diagnostic, Severity, start_tag_end};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// The attributes a schema types as ID, IDREF or IDREFS (RELAX NG DTD
/// compatibility), by namespace and local name: what [`check_ids`] needs of
/// the schemas a document was checked against. [`crate::Session::id_attributes`]
/// gives them for one schema; [`IdAttributes::extend`] joins several.
#[derive(Debug, Clone, Default)]
pub struct IdAttributes(FxHashMap<(String, String), IdType>);

impl IdAttributes {
    /// Adds the attributes of another schema.
    pub fn extend(&mut self, other: &IdAttributes) {
        self.0.extend(other.0.iter().map(|(k, v)| (k.clone(), *v)));
    }

    pub(crate) fn get(&self, key: &(String, String)) -> Option<&IdType> {
        self.0.get(key)
    }

    pub(crate) fn insert(&mut self, key: (String, String), t: IdType) {
        self.0.insert(key, t);
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&(String, String), &IdType)> {
        self.0.iter()
    }
}

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// TEI attributes whose `#id` values point to an element of the document.
pub(crate) const POINTER_ATTRIBUTES: &[&str] = &["ref", "target"];

fn at(node: roxmltree::Node, severity: Severity, check: Check, message: String) -> Diagnostic {
    let pos = node.document().text_pos_at(start_tag_end(node));
    Diagnostic {
        line: pos.row,
        column: pos.col,
        severity,
        check,
        message,
    }
}

/// ID and pointer problems of a document, in document order (unresolved references last).
pub fn check_ids(doc: &roxmltree::Document, id_attributes: &IdAttributes) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ids: HashMap<&str, roxmltree::Node> = HashMap::new();
    let mut refs: Vec<(roxmltree::Node, String)> = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        for a in node.attributes() {
            let ns = a.namespace().unwrap_or("");
            let key = (ns.to_string(), a.name().to_string());
            let id_type = id_attributes.get(&key).copied();
            let is_xml_id = ns == XML_NS && a.name() == "id";
            match id_type {
                Some(IdType::Id) | None if is_xml_id || id_type == Some(IdType::Id) => {
                    let value = a.value().trim();
                    if let Some(first) = ids.get(value) {
                        out.push(at(
                            node,
                            Severity::Error,
                            Check::Id,
                            format!("ID \"{value}\" has already been defined"),
                        ));
                        out.push(at(
                            *first,
                            Severity::Error,
                            Check::Id,
                            format!("first occurrence of ID \"{value}\""),
                        ));
                    } else {
                        ids.insert(value, node);
                    }
                }
                Some(IdType::Idref) | Some(IdType::Idrefs) => {
                    for token in a.value().split_whitespace() {
                        refs.push((node, token.to_string()));
                    }
                }
                _ => {}
            }
        }
    }
    for (node, id) in refs {
        if !ids.contains_key(id.as_str()) {
            out.push(at(
                node,
                Severity::Error,
                Check::Id,
                format!("IDREF \"{id}\" without matching ID"),
            ));
        }
    }
    for node in doc.descendants().filter(|n| n.is_element()) {
        for name in POINTER_ATTRIBUTES {
            let Some(value) = node.attribute(*name) else {
                continue;
            };
            for token in value.split_whitespace() {
                if let Some(id) = token.strip_prefix('#')
                    && !ids.contains_key(id)
                {
                    out.push(at(
                        node,
                        Severity::Warning,
                        Check::Pointer,
                        format!("attribute \"{name}\" points to \"{token}\", but no element has xml:id \"{id}\""),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(xml: &str) -> Vec<Diagnostic> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        check_ids(&doc, &IdAttributes::default())
    }

    #[test]
    fn duplicate_xml_ids_are_errors() {
        let d = run(r#"<a><b xml:id="x"/><c xml:id="x"/></a>"#);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].message, "ID \"x\" has already been defined");
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[1].message, "first occurrence of ID \"x\"");
    }

    #[test]
    fn dangling_pointers_are_warnings() {
        let d = run(r##"<a><b xml:id="x"/><p ref="#x"/><q target="#y #x http://e.org/#z"/></a>"##);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].check, Check::Pointer);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(d[0].message.contains("\"#y\""));
    }
}
