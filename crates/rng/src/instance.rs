//! Validates a parsed document against a compiled schema: walks the tree,
//! derives the schema's pattern through every start tag, attribute, text
//! and end tag, and turns each failed derivative into a message that names
//! what was found and what the schema expected there, then recovers as jing
//! does so that later errors are still found.

use crate::Schema;
use crate::ast::NameClass;
use crate::datatype::NsContext;
use crate::derive::{Deriver, Expected, Sym};
use crate::pattern::{Id, NOT_ALLOWED, P};
use std::collections::BTreeSet;

/// Which check found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// The RELAX NG schema, datatypes included.
    RelaxNg,
    /// ID uniqueness and ID references (RELAX NG DTD compatibility, as jing checks them).
    Id,
    /// TEI pointers: `#id` in `@ref`/`@target` must name an `xml:id` of the document.
    Pointer,
}

/// Errors make a document invalid; warnings do not (unless the run is strict).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document is invalid.
    Error,
    /// Worth a look; invalid only in a strict run (an unresolved pointer).
    Warning,
}

/// One problem, at the position jing reports (just after the tag concerned).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub column: u32,
    /// Error or warning.
    pub severity: Severity,
    /// Which check found it.
    pub check: Check,
    /// What is wrong, in jing's words where jing reports it.
    pub message: String,
}

/// Validates documents against one schema, reusing derivatives across documents.
pub struct Session {
    d: Deriver,
    /// ID-typed attributes of the schema, for [`crate::check_ids`].
    id_attributes: crate::IdAttributes,
    start: Id,
    context_dependent: bool,
}

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

impl Session {
    /// A session over a copy of the compiled schema.
    pub fn new(schema: &Schema) -> Session {
        Session::from_schema(schema.clone())
    }

    /// A session that takes the compiled schema over (no copy).
    pub fn from_schema(schema: Schema) -> Session {
        let context_dependent = schema
            .store
            .datatypes
            .iter()
            .any(|d| d.is_context_dependent());
        Session {
            start: schema.start,
            id_attributes: schema.id_attributes,
            d: Deriver::new(schema.store),
            context_dependent,
        }
    }

    /// The attributes the schema types as IDs, for [`crate::check_ids`].
    pub fn id_attributes(&self) -> &crate::IdAttributes {
        &self.id_attributes
    }

    /// RELAX NG errors of a document, in document order.
    pub fn validate(&mut self, doc: &roxmltree::Document) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let root = doc.root_element();
        let after = self.d.store.after(self.start, crate::pattern::EMPTY);
        let _ = self.element(root, after, &mut out);
        out
    }

    fn ns_context(&self, node: Node) -> NsContext {
        if !self.context_dependent {
            return NsContext::default();
        }
        NsContext {
            default: node.lookup_namespace_uri(None).unwrap_or("").to_string(),
            prefixes: node
                .namespaces()
                .filter_map(|n| n.name().map(|p| (p.to_string(), n.uri().to_string())))
                .collect(),
        }
    }

    fn report(out: &mut Vec<Diagnostic>, node: Node, byte: usize, message: String) {
        let pos = node.document().text_pos_at(byte);
        out.push(Diagnostic {
            line: pos.row,
            column: pos.col,
            severity: Severity::Error,
            check: Check::RelaxNg,
            message,
        });
    }

    fn element(&mut self, node: Node, p: Id, out: &mut Vec<Diagnostic>) -> Id {
        let tag = node.tag_name();
        let s = self.d.symbol(tag.namespace().unwrap_or(""), tag.name());
        let tag_end = start_tag_end(node);
        let shown = quoted(&doc_qname(node, tag.namespace().unwrap_or(""), tag.name()));
        let mut q = self.d.start_tag_open(p, s);
        let mut check_attributes = true;
        if q == NOT_ALLOWED {
            let ex = self.d.expected(p);
            let recovered = self.d.start_tag_open_recover(p, s);
            if recovered != NOT_ALLOWED {
                let required: BTreeSet<u32> = self
                    .d
                    .required_elements(p)
                    .intersection(&ex.elements)
                    .copied()
                    .collect();
                let msg = if required.is_empty() {
                    format!(
                        "element {shown} not allowed yet; expected {}",
                        self.describe(&ex, node)
                    )
                } else {
                    format!(
                        "element {shown} not allowed yet; missing required element{} {}",
                        if required.len() > 1 { "s" } else { "" },
                        self.name_list(&required, node)
                    )
                };
                Self::report(out, node, tag_end, msg);
                q = recovered;
            } else {
                let msg = format!(
                    "element {shown} not allowed here; expected {}",
                    self.describe(&ex, node)
                );
                Self::report(out, node, tag_end, msg);
                q = self.d.unexpected_element(p, s);
                check_attributes = self.d.knows_element(s);
            }
        }
        let ctx = self.ns_context(node);
        for a in node.attributes() {
            let an = a.namespace().unwrap_or("");
            let asym = self.d.symbol(an, a.name());
            let r = self.d.attribute(q, asym, a.value(), &ctx, false);
            if r != NOT_ALLOWED {
                q = r;
                continue;
            }
            if !check_attributes {
                continue;
            }
            let forgiven = self.d.attribute(q, asym, a.value(), &ctx, true);
            let aname = quoted(&attr_qname(node, an, a.name()));
            if forgiven != NOT_ALLOWED {
                let must = self.value_requirement(q, asym);
                Self::report(
                    out,
                    node,
                    tag_end,
                    format!("value of attribute {aname} is invalid; {must}"),
                );
                q = forgiven;
            } else {
                let expected = self.d.expected_attributes(q);
                let msg = if expected.is_empty() {
                    format!("attribute {aname} not allowed here")
                } else {
                    format!(
                        "attribute {aname} not allowed here; expected attribute {}",
                        self.attribute_list(&expected, node)
                    )
                };
                Self::report(out, node, tag_end, msg);
            }
        }
        let closed = self.d.start_tag_close(q);
        q = if closed == NOT_ALLOWED {
            let missing = self.d.required_attributes(q);
            if check_attributes {
                let msg = if missing.is_empty() {
                    format!("element {shown} missing required attributes")
                } else {
                    format!(
                        "element {shown} missing required attribute{} {}",
                        if missing.len() > 1 { "s" } else { "" },
                        self.attribute_list(&missing, node)
                    )
                };
                Self::report(out, node, tag_end, msg);
            }
            self.d.close_with(q, true)
        } else {
            closed
        };
        q = self.children(node, q, &ctx, &shown, out);
        let ended = self.d.end_tag(q);
        if ended != NOT_ALLOWED {
            return ended;
        }
        let ex = self.d.expected(q);
        let required = self.d.required_elements(q);
        let msg = if required.is_empty() {
            format!(
                "element {shown} incomplete; expected {}",
                self.describe(&ex, node)
            )
        } else {
            format!(
                "element {shown} incomplete; missing required element{} {}",
                if required.len() > 1 { "s" } else { "" },
                self.name_list(&required, node)
            )
        };
        Self::report(out, node, node.range().end, msg);
        self.d.end_with(q, true)
    }

    fn children(
        &mut self,
        node: Node,
        mut q: Id,
        ctx: &NsContext,
        shown: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Id {
        let has_elements = node.children().any(|c| c.is_element());
        if !has_elements {
            let text: String = node
                .children()
                .filter(|c| c.is_text())
                .filter_map(|c| c.text())
                .collect();
            let r = self.d.only_text(q, &text, ctx);
            // Empty content where data is required is bad data, as jing reports it.
            let bad_empty = r != NOT_ALLOWED && self.d.end_tag(r) == NOT_ALLOWED && {
                let ex = self.d.expected(q);
                !ex.data.is_empty() && !ex.text && ex.elements.is_empty()
            };
            if r != NOT_ALLOWED && !bad_empty {
                return r;
            }
            let at = end_tag_end(node);
            self.text_error(node, q, at, shown, out);
            return self.d.text_deriv_with(q, &text, ctx, true);
        }
        let mut pending = String::new();
        for c in node.children() {
            if c.is_text() {
                pending.push_str(c.text().unwrap_or_default());
            } else if c.is_element() {
                q = self.flush_text(node, q, &mut pending, start_tag_end(c), ctx, shown, out);
                q = self.element(c, q, out);
            }
        }
        self.flush_text(node, q, &mut pending, end_tag_end(node), ctx, shown, out)
    }

    /// Derives by a run of text between tags (whitespace-only runs are ignored, spec 6.2.7).
    #[allow(clippy::too_many_arguments)]
    fn flush_text(
        &mut self,
        node: Node,
        q: Id,
        pending: &mut String,
        at: usize,
        ctx: &NsContext,
        shown: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Id {
        let text = std::mem::take(pending);
        if text
            .chars()
            .all(|ch| matches!(ch, ' ' | '\t' | '\n' | '\r'))
        {
            return q;
        }
        let r = self.d.text_deriv(q, &text, ctx);
        if r != NOT_ALLOWED {
            return r;
        }
        self.text_error(node, q, at, shown, out);
        if self.d.expected(q).data.is_empty() {
            q
        } else {
            self.d.text_deriv_with(q, &text, ctx, true)
        }
    }

    fn text_error(&mut self, node: Node, q: Id, at: usize, shown: &str, out: &mut Vec<Diagnostic>) {
        let ex = self.d.expected(q);
        let msg = if !ex.data.is_empty() && !ex.text {
            format!(
                "character content of element {shown} invalid; {}",
                self.text_requirement(&ex.data)
            )
        } else {
            format!(
                "text not allowed here; expected {}",
                self.describe(&ex, node)
            )
        };
        Self::report(out, node, at, msg);
    }

    /// "must be …" for the attribute named `s` at state `q`.
    fn value_requirement(&self, q: Id, s: Sym) -> String {
        let (ns, local) = self.d.name(s).clone();
        let mut contents = Vec::new();
        self.d.attribute_contents(q, &ns, &local, &mut contents);
        let mut data = Vec::new();
        for c in contents {
            self.d.data_in(c, &mut data);
        }
        self.text_requirement(&data)
    }

    fn text_requirement(&self, data: &[Id]) -> String {
        let mut values = Vec::new();
        let mut types = Vec::new();
        for &p in data {
            match self.d.store.get(p) {
                P::Value(v) => {
                    values.push(format!("\"{}\"", self.d.store.values[*v as usize].text))
                }
                P::Data(dt, _) => types.push(self.d.store.datatypes[*dt as usize].describe()),
                P::List(_) => types.push("a list of values".to_string()),
                _ => {}
            }
        }
        values.dedup();
        types.sort();
        types.dedup();
        let mut parts = Vec::new();
        if !values.is_empty() {
            parts.push(format!("must be equal to {}", or_list(&values)));
        }
        if !types.is_empty() {
            let prefix = if parts.is_empty() { "must be " } else { "be " };
            parts.push(format!("{prefix}{}", types.join(" or ")));
        }
        if parts.is_empty() {
            "no value is allowed here".to_string()
        } else {
            parts.join(" or ")
        }
    }

    fn describe(&self, ex: &Expected, node: Node) -> String {
        let mut parts = Vec::new();
        if ex.end_tag {
            parts.push("the element end-tag".to_string());
        }
        if !ex.elements.is_empty() {
            parts.push(format!("element {}", self.name_list(&ex.elements, node)));
        }
        if ex.text {
            parts.push("text".to_string());
        } else if !ex.data.is_empty() {
            parts.push("data".to_string());
        }
        if parts.is_empty() {
            return "nothing more".to_string();
        }
        let last = parts.pop().expect("non-empty");
        if parts.is_empty() {
            last
        } else {
            format!("{} or {last}", parts.join(", "))
        }
    }

    fn name_list(&self, ncs: &BTreeSet<u32>, node: Node) -> String {
        self.names_of(ncs, node, false)
    }

    fn attribute_list(&self, ncs: &BTreeSet<u32>, node: Node) -> String {
        self.names_of(ncs, node, true)
    }

    fn names_of(&self, ncs: &BTreeSet<u32>, node: Node, attributes: bool) -> String {
        let mut shown: Vec<String> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        for &nc in ncs {
            describe_name_class(
                &self.d.store.name_classes[nc as usize],
                node,
                attributes,
                &mut shown,
                &mut notes,
            );
        }
        shown.sort();
        shown.dedup();
        notes.sort();
        notes.dedup();
        let mut s = or_list(&shown);
        if !notes.is_empty() {
            s.push_str(&format!(" (with {})", notes.join(", ")));
        }
        s
    }
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

fn describe_name_class(
    nc: &NameClass,
    node: Node,
    attributes: bool,
    out: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
    match nc {
        NameClass::Name(ns, local) => {
            let default = if attributes {
                ""
            } else {
                node.lookup_namespace_uri(None).unwrap_or("")
            };
            if ns.is_empty() || ns == default {
                out.push(quoted(local));
            } else if ns == "http://www.w3.org/XML/1998/namespace" {
                out.push(quoted(&format!("xml:{local}")));
            } else if let Some(prefix) = node.lookup_prefix(ns).filter(|p| !p.is_empty()) {
                out.push(quoted(&format!("{prefix}:{local}")));
            } else {
                out.push(quoted(&format!("ns:{local}")));
                notes.push(format!("xmlns:ns=\"{ns}\""));
            }
        }
        NameClass::AnyName(_) => out.push("any name".into()),
        NameClass::NsName(ns, _) => out.push(format!("any name in namespace \"{ns}\"")),
        NameClass::Choice(a, b) => {
            describe_name_class(a, node, attributes, out, notes);
            describe_name_class(b, node, attributes, out, notes);
        }
    }
}

/// The name as the document spells it (its prefix, if any).
fn doc_qname(node: Node, ns: &str, local: &str) -> String {
    if ns.is_empty() {
        return local.to_string();
    }
    match node.lookup_prefix(ns) {
        Some(p) if !p.is_empty() && node.lookup_namespace_uri(None) != Some(ns) => {
            format!("{p}:{local}")
        }
        _ => local.to_string(),
    }
}

fn attr_qname(node: Node, ns: &str, local: &str) -> String {
    if ns.is_empty() {
        return local.to_string();
    }
    if ns == "http://www.w3.org/XML/1998/namespace" {
        return format!("xml:{local}");
    }
    match node.lookup_prefix(ns) {
        Some(p) if !p.is_empty() => format!("{p}:{local}"),
        _ => format!("{{{ns}}}{local}"),
    }
}

/// The byte just after the element's start tag (where jing reports start-tag problems).
pub(crate) fn start_tag_end(node: Node) -> usize {
    let text = node.document().input_text().as_bytes();
    let mut i = node.range().start;
    let mut quote = None;
    while i < text.len() {
        let b = text[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    node.range().end
}

/// The byte just after the element's end tag.
pub(crate) fn end_tag_end(node: Node) -> usize {
    node.range().end
}
