//! Reads the RELAX NG XML syntax (spec sections 3 and 4.1 to 4.16) into the
//! [`ast`](crate::ast): annotations are dropped, syntax is checked, names,
//! `datatypeLibrary`, `ns` and `xml:base` are resolved, `include` and
//! `externalRef` are loaded through a [`Resolver`].

use crate::ast::{Combine, Component, NameClass, Pattern};
use crate::datatype::names::{is_ncname, is_qname};
use crate::datatype::{Datatype, NsContext};
use crate::uri;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub(crate) const RNG_NS: &str = "http://relaxng.org/ns/structure/1.0";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns";
/// Patterns nested deeper than this are refused (the reader recurses).
const MAX_SCHEMA_DEPTH: usize = 400;

/// Loads the schema documents an `include` or `externalRef` names.
pub trait Resolver {
    /// The text of the document at the absolute or base-relative `uri`.
    fn load(&self, uri: &str) -> Result<String, String>;
}

/// Reads files; refuses network URIs (validation never touches the network).
pub struct FileResolver;

impl Resolver for FileResolver {
    fn load(&self, uri: &str) -> Result<String, String> {
        let path = uri.strip_prefix("file://").unwrap_or(uri);
        if path.contains("://") {
            return Err(format!("{uri}: only local files can be included"));
        }
        std::fs::read_to_string(path).map_err(|e| format!("{uri}: {e}"))
    }
}

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;
/// A datatype as written: library, name, parameters.
type DatatypeKey = (String, String, Vec<(String, String)>);
type R<T> = Result<T, String>;

#[derive(Clone)]
struct Ctx {
    /// The inherited `ns` attribute (spec 4.9); `None` when no ancestor had one.
    ns: Option<String>,
    library: String,
    base: String,
}

/// Reads one schema and everything it includes.
pub(crate) struct Reader<'r> {
    resolver: &'r dyn Resolver,
    open: Vec<String>,
    datatypes: HashMap<DatatypeKey, Arc<Datatype>>,
    contexts: HashSet<Arc<NsContext>>,
    depth: usize,
}

impl<'r> Reader<'r> {
    pub(crate) fn new(resolver: &'r dyn Resolver) -> Self {
        Reader {
            resolver,
            open: Vec::new(),
            datatypes: HashMap::new(),
            contexts: HashSet::new(),
            depth: 0,
        }
    }

    /// Reads the schema at `base_uri` whose text is `text`.
    pub(crate) fn read(&mut self, text: &str, base_uri: &str) -> R<Pattern> {
        self.open.push(base_uri.to_string());
        let p = self.document(text, base_uri, None, |me, root, ctx| me.pattern(root, ctx));
        self.open.pop();
        p
    }

    fn document<T>(
        &mut self,
        text: &str,
        uri: &str,
        inherited_ns: Option<String>,
        f: impl FnOnce(&mut Self, Node, &Ctx) -> R<T>,
    ) -> R<T> {
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc = roxmltree::Document::parse_with_options(text, options)
            .map_err(|e| format!("{uri}: not well-formed XML: {e}"))?;
        let root = doc.root_element();
        if root.tag_name().namespace() != Some(RNG_NS) {
            return Err(format!(
                "{uri}: the root element `{}` is not in the RELAX NG namespace",
                root.tag_name().name()
            ));
        }
        let ctx = Ctx {
            ns: inherited_ns,
            library: String::new(),
            base: uri.to_string(),
        };
        f(self, root, &ctx)
    }

    fn load(&mut self, uri: &str) -> R<String> {
        if self.open.iter().any(|u| u == uri) {
            return Err(format!("{uri}: includes or references itself"));
        }
        self.resolver.load(uri)
    }

    fn err<T>(node: Node, msg: impl std::fmt::Display) -> R<T> {
        let pos = node.document().text_pos_at(node.range().start);
        Err(format!("{}:{}: {msg}", pos.row, pos.col))
    }

    /// The context inside `node`: its `ns`, `datatypeLibrary` and `xml:base`.
    fn ctx_for(node: Node, parent: &Ctx) -> R<Ctx> {
        let mut ctx = parent.clone();
        if let Some(ns) = node.attribute("ns") {
            ctx.ns = Some(ns.to_string());
        }
        if let Some(lib) = node.attribute("datatypeLibrary") {
            if !uri::is_valid_datatype_library(lib) {
                return Self::err(node, format!("invalid datatypeLibrary URI `{lib}`"));
            }
            ctx.library = lib.to_string();
        }
        if let Some(base) = node.attribute((XML_NS, "base")) {
            ctx.base = uri::resolve(&parent.base, base);
        }
        Ok(ctx)
    }

    /// Checks attributes: unqualified ones must be known, none may be in the RELAX NG namespace.
    fn check_attributes(node: Node, allowed: &[&str]) -> R<()> {
        for a in node.attributes() {
            match a.namespace() {
                None => {
                    let n = a.name();
                    if n != "ns" && n != "datatypeLibrary" && !allowed.contains(&n) {
                        return Self::err(
                            node,
                            format!(
                                "attribute `{n}` not allowed on `{}`",
                                node.tag_name().name()
                            ),
                        );
                    }
                }
                Some(RNG_NS) => {
                    return Self::err(node, "attributes may not be in the RELAX NG namespace");
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// Child elements in the RELAX NG namespace; other text than whitespace is an error.
    fn children<'a, 'i>(node: Node<'a, 'i>) -> R<Vec<Node<'a, 'i>>> {
        let mut out = Vec::new();
        for c in node.children() {
            if c.is_element() {
                if c.tag_name().namespace() == Some(RNG_NS) {
                    out.push(c);
                }
            } else if c.is_text()
                && !matches!(node.tag_name().name(), "value" | "param" | "name")
                && !c
                    .text()
                    .unwrap_or("")
                    .chars()
                    .all(|ch| matches!(ch, ' ' | '\t' | '\n' | '\r'))
            {
                return Self::err(
                    node,
                    format!("text not allowed in `{}`", node.tag_name().name()),
                );
            }
        }
        Ok(out)
    }

    fn text_of(node: Node) -> R<String> {
        let mut s = String::new();
        for c in node.children() {
            if c.is_element() {
                return Self::err(
                    node,
                    format!("`{}` may contain only text", node.tag_name().name()),
                );
            } else if c.is_text()
                && let Some(t) = c.text()
            {
                s.push_str(t);
            }
        }
        Ok(s)
    }

    fn trimmed_attr(node: Node, name: &str) -> Option<String> {
        node.attribute(name)
            .map(|v| v.trim_matches([' ', '\t', '\n', '\r']).to_string())
    }

    fn ncname_attr(node: Node, name: &str) -> R<String> {
        match Self::trimmed_attr(node, name) {
            Some(v) if is_ncname(&v) => Ok(v),
            Some(v) => Self::err(node, format!("`{v}` is not a valid {name}")),
            None => Self::err(
                node,
                format!("`{}` needs a `{name}` attribute", node.tag_name().name()),
            ),
        }
    }

    fn combine_attr(node: Node) -> R<Option<Combine>> {
        match Self::trimmed_attr(node, "combine").as_deref() {
            None => Ok(None),
            Some("choice") => Ok(Some(Combine::Choice)),
            Some("interleave") => Ok(Some(Combine::Interleave)),
            Some(other) => Self::err(node, format!("invalid combine `{other}`")),
        }
    }

    fn href(node: Node, ctx: &Ctx) -> R<String> {
        let Some(h) = node.attribute("href") else {
            return Self::err(
                node,
                format!("`{}` needs an `href`", node.tag_name().name()),
            );
        };
        let h = h.trim_matches([' ', '\t', '\n', '\r']);
        if !uri::is_uri_reference(h) || uri::has_fragment(h) {
            return Self::err(node, format!("invalid href `{h}`"));
        }
        Ok(uri::resolve(&ctx.base, h))
    }

    fn resolve_qname(node: Node, qname: &str, default_ns: &str) -> R<(String, String)> {
        if !is_qname(qname) {
            return Self::err(node, format!("`{qname}` is not a QName"));
        }
        match qname.split_once(':') {
            Some(("xml", local)) => Ok((XML_NS.to_string(), local.to_string())),
            Some((prefix, local)) => match node.lookup_namespace_uri(Some(prefix)) {
                Some(uri) => Ok((uri.to_string(), local.to_string())),
                None => Self::err(node, format!("undeclared prefix `{prefix}`")),
            },
            None => Ok((default_ns.to_string(), qname.to_string())),
        }
    }

    fn pattern(&mut self, node: Node, parent: &Ctx) -> R<Pattern> {
        self.depth += 1;
        if self.depth > MAX_SCHEMA_DEPTH {
            return Self::err(node, "schema nested too deeply");
        }
        let r = self.pattern_inner(node, parent);
        self.depth -= 1;
        r
    }

    fn patterns(&mut self, nodes: &[Node], ctx: &Ctx, parent: Node) -> R<Vec<Pattern>> {
        if nodes.is_empty() {
            return Self::err(
                parent,
                format!("`{}` needs a pattern", parent.tag_name().name()),
            );
        }
        nodes.iter().map(|n| self.pattern(*n, ctx)).collect()
    }

    fn group_of(mut ps: Vec<Pattern>) -> Pattern {
        if ps.len() == 1 {
            ps.pop().expect("one")
        } else {
            Pattern::Group(ps)
        }
    }

    fn pattern_inner(&mut self, node: Node, parent: &Ctx) -> R<Pattern> {
        let ctx = Self::ctx_for(node, parent)?;
        let name = node.tag_name().name();
        if node.tag_name().namespace() != Some(RNG_NS) {
            return Self::err(node, format!("`{name}` is not a RELAX NG pattern"));
        }
        let kids = Self::children(node)?;
        let p = match name {
            "element" | "attribute" => {
                Self::check_attributes(node, &["name"])?;
                let is_attr = name == "attribute";
                let (nc, rest) = match Self::trimmed_attr(node, "name") {
                    Some(qn) => {
                        let default_ns = if is_attr {
                            node.attribute("ns").unwrap_or("").to_string()
                        } else {
                            ctx.ns.clone().unwrap_or_default()
                        };
                        let (ns, local) = Self::resolve_qname(node, &qn, &default_ns)?;
                        (NameClass::Name(ns, local), &kids[..])
                    }
                    None => {
                        let Some(first) = kids.first() else {
                            return Self::err(node, format!("`{name}` needs a name"));
                        };
                        (self.name_class(*first, &ctx)?, &kids[1..])
                    }
                };
                if is_attr {
                    check_attribute_name(&nc).or_else(|e| Self::err(node, e))?;
                    let content = match rest.len() {
                        0 => Pattern::Text,
                        1 => self.pattern(rest[0], &ctx)?,
                        _ => return Self::err(node, "`attribute` takes at most one pattern"),
                    };
                    Pattern::Attribute(nc, Box::new(content))
                } else {
                    let ps = self.patterns(rest, &ctx, node)?;
                    Pattern::Element(nc, Box::new(Self::group_of(ps)))
                }
            }
            "group" | "interleave" | "choice" | "optional" | "zeroOrMore" | "oneOrMore"
            | "list" | "mixed" => {
                Self::check_attributes(node, &[])?;
                let ps = self.patterns(&kids, &ctx, node)?;
                match name {
                    "group" => Pattern::Group(ps),
                    "interleave" => Pattern::Interleave(ps),
                    "choice" => Pattern::Choice(ps),
                    "optional" => Pattern::Choice(vec![Self::group_of(ps), Pattern::Empty]),
                    "zeroOrMore" => Pattern::Choice(vec![
                        Pattern::OneOrMore(Box::new(Self::group_of(ps))),
                        Pattern::Empty,
                    ]),
                    "oneOrMore" => Pattern::OneOrMore(Box::new(Self::group_of(ps))),
                    "list" => Pattern::List(Box::new(Self::group_of(ps))),
                    _ => Pattern::Interleave(vec![Self::group_of(ps), Pattern::Text]),
                }
            }
            "ref" | "parentRef" => {
                Self::check_attributes(node, &["name"])?;
                if !kids.is_empty() {
                    return Self::err(node, format!("`{name}` must be empty"));
                }
                let target = Self::ncname_attr(node, "name")?;
                if name == "ref" {
                    Pattern::Ref(target)
                } else {
                    Pattern::ParentRef(target)
                }
            }
            "empty" | "notAllowed" | "text" => {
                Self::check_attributes(node, &[])?;
                if !kids.is_empty() {
                    return Self::err(node, format!("`{name}` must be empty"));
                }
                match name {
                    "empty" => Pattern::Empty,
                    "notAllowed" => Pattern::NotAllowed,
                    _ => Pattern::Text,
                }
            }
            "data" => {
                Self::check_attributes(node, &["type"])?;
                let ty = Self::ncname_attr(node, "type")?;
                let mut params = Vec::new();
                let mut except = None;
                for (i, k) in kids.iter().enumerate() {
                    match k.tag_name().name() {
                        "param" if except.is_none() => {
                            Self::check_attributes(*k, &["name"])?;
                            let pname = Self::ncname_attr(*k, "name")?;
                            params.push((pname, Self::text_of(*k)?));
                        }
                        "except" if i == kids.len() - 1 => {
                            Self::check_attributes(*k, &[])?;
                            let ectx = Self::ctx_for(*k, &ctx)?;
                            let inner = Self::children(*k)?;
                            let ps = self.patterns(&inner, &ectx, *k)?;
                            except = Some(Box::new(Pattern::Choice(ps)));
                        }
                        other => return Self::err(*k, format!("`{other}` not allowed in `data`")),
                    }
                }
                let dt = self.datatype(node, &ctx.library, &ty, params)?;
                Pattern::Data(dt, except)
            }
            "value" => {
                Self::check_attributes(node, &["type"])?;
                let (library, ty) = match node.attribute("type") {
                    Some(_) => (ctx.library.clone(), Self::ncname_attr(node, "type")?),
                    None => (String::new(), "token".to_string()),
                };
                let text = Self::text_of(node)?;
                let dt = self.datatype(node, &library, &ty, Vec::new())?;
                let ns_ctx = self.ns_context(node, &ctx);
                if dt.value(&text, &ns_ctx).is_none() {
                    return Self::err(node, format!("`{text}` is not a valid {ty}"));
                }
                Pattern::Value(dt, text, ns_ctx)
            }
            "externalRef" => {
                Self::check_attributes(node, &["href"])?;
                if !kids.is_empty() {
                    return Self::err(node, "`externalRef` must be empty");
                }
                let target = Self::href(node, &ctx)?;
                let text = self.load(&target)?;
                self.open.push(target.clone());
                let r = self.document(&text, &target, ctx.ns.clone(), |me, root, c| {
                    me.pattern(root, c)
                });
                self.open.pop();
                r.map_err(|e| format!("in {target}: {e}"))?
            }
            "grammar" => {
                Self::check_attributes(node, &[])?;
                let mut comps = Vec::new();
                self.grammar_content(&kids, &ctx, &mut comps)?;
                Pattern::Grammar(comps)
            }
            _ => return Self::err(node, format!("`{name}` is not a pattern")),
        };
        Ok(p)
    }

    fn datatype(
        &mut self,
        node: Node,
        library: &str,
        ty: &str,
        params: Vec<(String, String)>,
    ) -> R<Arc<Datatype>> {
        let key = (library.to_string(), ty.to_string(), params);
        if let Some(dt) = self.datatypes.get(&key) {
            return Ok(dt.clone());
        }
        let dt = Arc::new(Datatype::new(library, ty, &key.2).or_else(|e| Self::err(node, e))?);
        self.datatypes.insert(key, dt.clone());
        Ok(dt)
    }

    fn ns_context(&mut self, node: Node, ctx: &Ctx) -> Arc<NsContext> {
        let mut prefixes: Vec<(String, String)> = node
            .namespaces()
            .filter_map(|n| n.name().map(|p| (p.to_string(), n.uri().to_string())))
            .collect();
        prefixes.sort();
        let c = NsContext {
            default: ctx.ns.clone().unwrap_or_default(),
            prefixes,
        };
        if let Some(existing) = self.contexts.get(&c) {
            return existing.clone();
        }
        let c = Arc::new(c);
        self.contexts.insert(c.clone());
        c
    }

    fn grammar_content(&mut self, kids: &[Node], ctx: &Ctx, out: &mut Vec<Component>) -> R<()> {
        for k in kids {
            let kctx = Self::ctx_for(*k, ctx)?;
            match k.tag_name().name() {
                "start" => out.push(self.start(*k, &kctx)?),
                "define" => out.push(self.define(*k, &kctx)?),
                "div" => {
                    Self::check_attributes(*k, &[])?;
                    let inner = Self::children(*k)?;
                    self.grammar_content(&inner, &kctx, out)?;
                }
                "include" => self.include(*k, &kctx, out)?,
                other => return Self::err(*k, format!("`{other}` not allowed in a grammar")),
            }
        }
        Ok(())
    }

    fn start(&mut self, node: Node, ctx: &Ctx) -> R<Component> {
        Self::check_attributes(node, &["combine"])?;
        let kids = Self::children(node)?;
        if kids.len() != 1 {
            return Self::err(node, "`start` takes exactly one pattern");
        }
        Ok(Component::Start(
            Self::combine_attr(node)?,
            self.pattern(kids[0], ctx)?,
        ))
    }

    fn define(&mut self, node: Node, ctx: &Ctx) -> R<Component> {
        Self::check_attributes(node, &["name", "combine"])?;
        let name = Self::ncname_attr(node, "name")?;
        let kids = Self::children(node)?;
        let ps = self.patterns(&kids, ctx, node)?;
        Ok(Component::Define(
            name,
            Self::combine_attr(node)?,
            Self::group_of(ps),
        ))
    }

    /// `include` (spec 4.7): the included grammar's components, less those the include overrides.
    fn include(&mut self, node: Node, ctx: &Ctx, out: &mut Vec<Component>) -> R<()> {
        Self::check_attributes(node, &["href"])?;
        let target = Self::href(node, ctx)?;
        let mut overrides = Vec::new();
        self.include_content(&Self::children(node)?, ctx, &mut overrides)?;
        let text = self.load(&target)?;
        self.open.push(target.clone());
        let included = self.document(&text, &target, ctx.ns.clone(), |me, root, c| {
            if root.tag_name().name() != "grammar" {
                return Self::err(root, "an included schema must be a grammar");
            }
            Self::check_attributes(root, &[])?;
            let c = Self::ctx_for(root, c)?;
            let mut comps = Vec::new();
            me.grammar_content(&Self::children(root)?, &c, &mut comps)?;
            Ok(comps)
        });
        self.open.pop();
        let included = included.map_err(|e| format!("in {target}: {e}"))?;
        let overrides_start = overrides.iter().any(|c| matches!(c, Component::Start(..)));
        let overridden: HashSet<&str> = overrides
            .iter()
            .filter_map(|c| match c {
                Component::Define(n, ..) => Some(n.as_str()),
                _ => None,
            })
            .collect();
        if overrides_start && !included.iter().any(|c| matches!(c, Component::Start(..))) {
            return Self::err(
                node,
                "the include overrides `start`, which the included grammar lacks",
            );
        }
        for name in &overridden {
            if !included
                .iter()
                .any(|c| matches!(c, Component::Define(n, ..) if n == name))
            {
                return Self::err(
                    node,
                    format!("the include overrides `{name}`, which the included grammar lacks"),
                );
            }
        }
        out.extend(included.into_iter().filter(|c| match c {
            Component::Start(..) => !overrides_start,
            Component::Define(n, ..) => !overridden.contains(n.as_str()),
        }));
        out.extend(overrides);
        Ok(())
    }

    fn include_content(&mut self, kids: &[Node], ctx: &Ctx, out: &mut Vec<Component>) -> R<()> {
        for k in kids {
            let kctx = Self::ctx_for(*k, ctx)?;
            match k.tag_name().name() {
                "start" => out.push(self.start(*k, &kctx)?),
                "define" => out.push(self.define(*k, &kctx)?),
                "div" => {
                    Self::check_attributes(*k, &[])?;
                    self.include_content(&Self::children(*k)?, &kctx, out)?;
                }
                other => return Self::err(*k, format!("`{other}` not allowed in `include`")),
            }
        }
        Ok(())
    }

    fn name_class(&mut self, node: Node, parent: &Ctx) -> R<NameClass> {
        let ctx = Self::ctx_for(node, parent)?;
        let kids = Self::children(node)?;
        match node.tag_name().name() {
            "name" => {
                Self::check_attributes(node, &[])?;
                let text = Self::text_of(node)?;
                let qn = text.trim_matches([' ', '\t', '\n', '\r']);
                let (ns, local) =
                    Self::resolve_qname(node, qn, &ctx.ns.clone().unwrap_or_default())?;
                Ok(NameClass::Name(ns, local))
            }
            "anyName" | "nsName" => {
                Self::check_attributes(node, &[])?;
                let except = match kids.as_slice() {
                    [] => None,
                    [e] if e.tag_name().name() == "except" => {
                        Self::check_attributes(*e, &[])?;
                        let ectx = Self::ctx_for(*e, &ctx)?;
                        let inner = Self::children(*e)?;
                        if inner.is_empty() {
                            return Self::err(*e, "`except` needs a name class");
                        }
                        let mut ncs = Vec::new();
                        for n in inner {
                            ncs.push(self.name_class(n, &ectx)?);
                        }
                        Some(Box::new(choice_of(ncs)))
                    }
                    _ => return Self::err(node, "only `except` allowed here"),
                };
                let any = node.tag_name().name() == "anyName";
                if let Some(e) = &except
                    && !except_is_allowed(e, any)
                {
                    return Self::err(node, "this `except` may not contain `anyName` or `nsName`");
                }
                Ok(if any {
                    NameClass::AnyName(except)
                } else {
                    NameClass::NsName(ctx.ns.clone().unwrap_or_default(), except)
                })
            }
            "choice" => {
                Self::check_attributes(node, &[])?;
                if kids.is_empty() {
                    return Self::err(node, "`choice` needs a name class");
                }
                let mut ncs = Vec::new();
                for k in kids {
                    ncs.push(self.name_class(k, &ctx)?);
                }
                Ok(choice_of(ncs))
            }
            other => Self::err(node, format!("`{other}` is not a name class")),
        }
    }
}

fn choice_of(mut ncs: Vec<NameClass>) -> NameClass {
    let mut acc = ncs.pop().expect("at least one name class");
    while let Some(n) = ncs.pop() {
        acc = NameClass::Choice(Box::new(n), Box::new(acc));
    }
    acc
}

/// Spec 4.16: `anyName` may not appear in an `anyName` except, nor
/// `anyName`/`nsName` in an `nsName` except.
fn except_is_allowed(nc: &NameClass, in_any: bool) -> bool {
    match nc {
        NameClass::AnyName(_) => false,
        NameClass::NsName(..) => in_any,
        NameClass::Name(..) => true,
        NameClass::Choice(a, b) => except_is_allowed(a, in_any) && except_is_allowed(b, in_any),
    }
}

/// Spec 4.16: attributes can't be named `xmlns` or be in the xmlns namespace.
fn check_attribute_name(nc: &NameClass) -> Result<(), String> {
    match nc {
        NameClass::Name(ns, local) if ns.is_empty() && local == "xmlns" => {
            Err("an attribute may not be named `xmlns`".into())
        }
        NameClass::Name(ns, _) | NameClass::NsName(ns, _) if ns == XMLNS_NS => {
            Err("an attribute may not be in the xmlns namespace".into())
        }
        NameClass::AnyName(Some(e)) | NameClass::NsName(_, Some(e)) => check_attribute_name(e),
        NameClass::Choice(a, b) => {
            check_attribute_name(a)?;
            check_attribute_name(b)
        }
        _ => Ok(()),
    }
}
