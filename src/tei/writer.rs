//! Writer: the document model as TEI P5 XML.

use super::header::write_header;
use super::schema_ref::SchemaRef;
use super::standoff::{StateElement, write_standoff};
use super::xml::XmlOut;
use crate::model::{
    Block, BlockKind, DivKind, Document, Furniture, Inline, NameKind, Node, PageBreak,
};

/// TEI namespace.
pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// Serialisation choices.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Whether a state is entered under `listOrg` (the default) or `listPlace`.
    pub state_element: StateElement,
    /// What the `<?xml-model?>` names; see [`super::schema_ref`].
    pub schema_ref: SchemaRef,
}

/// URL of the official tei_all schema, for the `<?xml-model?>` instruction.
pub const TEI_ALL_URL: &str =
    "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng";

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            state_element: StateElement::Org,
            schema_ref: SchemaRef::Local,
        }
    }
}

/// Serialises a document as TEI P5.
pub fn write_tei(doc: &Document, opts: &WriteOptions) -> String {
    // The TEI of an OCR text runs to about twice its size (markup on every
    // line, the header and standoff besides): room for that up front.
    let mut x = XmlOut::with_capacity(doc.source.size as usize * 2 + (1 << 16));
    write_document(&mut x, doc, opts);
    x.into_string()
}

/// Serialises a document as TEI P5 into `sink`, 64 KB at a time: the same
/// bytes as [`write_tei`], without holding them all (for a large document,
/// its TEI is about twice its size). Errors are the sink's.
pub fn write_tei_to(
    doc: &Document,
    opts: &WriteOptions,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut x = XmlOut::streaming(sink);
    write_document(&mut x, doc, opts);
    x.finish()
}

fn write_document(x: &mut XmlOut, doc: &Document, opts: &WriteOptions) {
    x.declaration();
    for href in &opts.schema_ref.hrefs() {
        x.processing_instruction(&format!(
            "xml-model href=\"{}\" type=\"application/xml\" schematypens=\"http://relaxng.org/ns/structure/1.0\"",
            super::xml::escape_attr(href)
        ));
    }
    x.start(
        "TEI",
        &[
            ("xmlns", TEI_NS),
            ("xml:lang", doc.meta.language.tag.as_str()),
        ],
    );
    write_header(x, doc, 1);
    if !doc.standoff.is_empty() {
        write_standoff(x, &doc.standoff, opts.state_element, 1);
    }
    x.indent(1);
    x.start("text", &[]);
    let has_front = !doc.front.is_empty() || doc.title_page.is_some();
    if has_front {
        x.indent(2);
        x.start("front", &[]);
        write_nodes(x, &doc.front, 3, opts);
        if let Some(t) = &doc.title_page {
            x.indent(3);
            x.start("titlePage", &[]);
            x.indent(4);
            x.start("docTitle", &[]);
            x.indent(5);
            x.start("titlePart", &[("xml:id", t.id.as_str()), ("type", "main")]);
            write_inlines(x, &t.content, opts);
            x.end("titlePart");
            x.indent(4);
            x.end("docTitle");
            x.indent(3);
            x.end("titlePage");
        }
        x.indent(2);
        x.end("front");
    }
    x.indent(2);
    x.start("body", &[]);
    if !has_text_content(&doc.body) {
        // A body of blank lines only still needs one paragraph to be valid TEI.
        x.indent(3);
        x.empty("p", &[("xml:id", "p-empty")]);
    }
    write_nodes(x, &doc.body, 3, opts);
    x.indent(2);
    x.end("body");
    x.indent(1);
    x.end("text");
    x.indent(0);
    x.end("TEI");
    x.raw("\n");
}

/// True when the nodes hold a division or a block that is not bare lines.
fn has_text_content(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| match n {
        Node::Division(_) | Node::List(_) => true,
        Node::Block(b) => !matches!(b.kind, BlockKind::Spacing | BlockKind::Furniture),
    })
}

fn write_nodes(x: &mut XmlOut, nodes: &[Node], depth: usize, opts: &WriteOptions) {
    for n in nodes {
        match n {
            Node::Block(b) => write_block(x, b, depth, opts),
            Node::List(l) => {
                x.indent(depth);
                x.start("list", &[("xml:id", l.id.as_str())]);
                for b in &l.items {
                    write_block(x, b, depth + 1, opts);
                }
                x.indent(depth);
                x.end("list");
            }
            Node::Division(d) => {
                x.indent(depth);
                let ty = match d.kind {
                    DivKind::Preface => "preface",
                    DivKind::Contents => "contents",
                    DivKind::Document => "document",
                    DivKind::Section if d.level <= 1 => "section",
                    DivKind::Section => "subsection",
                };
                x.start("div", &[("xml:id", d.id.as_str()), ("type", ty)]);
                if let Some(h) = &d.head {
                    write_block(x, h, depth + 1, opts);
                }
                write_nodes(x, &d.children, depth + 1, opts);
                x.indent(depth);
                x.end("div");
            }
        }
    }
}

fn write_block(x: &mut XmlOut, b: &Block, depth: usize, opts: &WriteOptions) {
    x.pass_on();
    let (name, ty) = match b.kind {
        BlockKind::Paragraph => ("p", None),
        BlockKind::Item => ("item", None),
        BlockKind::Head => ("head", None),
        BlockKind::TitlePart => ("titlePart", None),
        BlockKind::Noise => ("ab", Some("noise")),
        BlockKind::Spacing | BlockKind::Furniture => {
            write_element_only_lines(x, &b.content, depth);
            return;
        }
    };
    // A page that begins with this block: the page break goes before it, so
    // viewers show the page marker outside the paragraph or heading.
    let mut content = b.content.as_slice();
    while let Some((Inline::PageBreak(pb), rest)) = content.split_first() {
        x.indent(depth);
        write_pb(x, pb);
        content = rest;
    }
    x.indent(depth);
    let mut attrs: Vec<(&str, &str)> = vec![("xml:id", b.id.as_str())];
    if let Some(t) = ty {
        attrs.push(("type", t));
    }
    x.start(name, &attrs);
    write_inlines(x, content, opts);
    x.end(name);
}

/// Lines outside any paragraph: blank lines and page furniture, each on its own line.
fn write_element_only_lines(x: &mut XmlOut, nodes: &[Inline], depth: usize) {
    for n in nodes {
        match n {
            Inline::LineStart { line, .. } => {
                x.indent(depth);
                x.empty("lb", &[("n", line.to_string().as_str())]);
            }
            Inline::PageBreak(pb) => {
                x.indent(depth);
                write_pb(x, pb);
            }
            Inline::Furniture(f) => write_fw(x, f),
            // Spaces and tabs of a blank line: text is not allowed here, so `space`.
            Inline::Text(s) if s.chars().all(|c| c == ' ' || c == '\t') => write_spaces(x, s),
            other => {
                // Blank and page-number lines hold nothing else; keep it anyway.
                x.start("ab", &[("type", "noise")]);
                write_inlines(x, std::slice::from_ref(other), &WriteOptions::default());
                x.end("ab");
            }
        }
    }
}

fn write_spaces(x: &mut XmlOut, s: &str) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let mut count = 1;
        while chars.peek() == Some(&c) {
            chars.next();
            count += 1;
        }
        let unit = if c == '\t' { "tabs" } else { "chars" };
        x.empty(
            "space",
            &[("quantity", count.to_string().as_str()), ("unit", unit)],
        );
    }
}

fn write_pb(x: &mut XmlOut, pb: &PageBreak) {
    match (&pb.n, pb.inferred) {
        (Some(n), false) => x.empty("pb", &[("n", n.as_str())]),
        (Some(n), true) => x.empty(
            "pb",
            &[
                ("n", n.as_str()),
                ("cert", "medium"),
                ("resp", "#tei-encoder"),
            ],
        ),
        (None, _) => x.empty("pb", &[]),
    }
}

/// Page furniture; a page label whose OCR damage was repaired from the
/// sequence keeps the printed form in `sic` and the reading in `corr`.
fn write_fw(x: &mut XmlOut, f: &Furniture) {
    let ty = [("type", f.kind.as_str())];
    match &f.label {
        Some((range, label)) if f.repaired => {
            x.start("fw", &ty);
            write_printed(x, &f.text[..range.start]);
            x.start("choice", &[]);
            x.element("sic", &[], &f.text[range.clone()]);
            x.element(
                "corr",
                &[
                    ("type", "confusion"),
                    ("resp", "#tei-encoder"),
                    ("cert", "medium"),
                ],
                label,
            );
            x.end("choice");
            write_printed(x, &f.text[range.end..]);
            x.end("fw");
        }
        _ => {
            x.start("fw", &ty);
            write_printed(x, &f.text);
            x.end("fw");
        }
    }
}

/// Printed text that may hold characters XML cannot carry (a form feed): those become `g`.
fn write_printed(x: &mut XmlOut, s: &str) {
    let mut rest = s;
    while let Some(pos) = rest.find(crate::structure::is_control) {
        x.text(&rest[..pos]);
        let c = rest[pos..].chars().next().unwrap_or(' ');
        let code = format!("U+{:04X}", c as u32);
        x.empty("g", &[("type", "control"), ("n", code.as_str())]);
        rest = &rest[pos + c.len_utf8()..];
    }
    x.text(rest);
}

/// Mixed content: text with `lb`, `pb`, `choice`, `pc`, `g` and names.
pub fn write_inlines(x: &mut XmlOut, nodes: &[Inline], opts: &WriteOptions) {
    for (k, n) in nodes.iter().enumerate() {
        match n {
            Inline::LineStart { line, joins_word } => {
                let after_pb = k > 0 && matches!(nodes[k - 1], Inline::PageBreak(_));
                if *joins_word {
                    x.lb(*line, true);
                } else {
                    if !after_pb {
                        x.raw("\n");
                    }
                    x.lb(*line, false);
                }
            }
            Inline::PageBreak(pb) => {
                // A new line before the page break, unless it falls inside a joined word.
                let in_word = matches!(
                    nodes.get(k + 1),
                    Some(Inline::LineStart {
                        joins_word: true,
                        ..
                    })
                );
                if !in_word {
                    x.raw("\n");
                }
                write_pb(x, pb);
            }
            Inline::Text(s) => x.text(s),
            Inline::PrintedHyphen(s) => x.element("pc", &[("force", "weak")], s),
            Inline::Control(c) => {
                let code = format!("U+{:04X}", *c as u32);
                x.empty("g", &[("type", "control"), ("n", code.as_str())]);
            }
            Inline::Choice {
                sic,
                corr,
                kind,
                cert,
            } => {
                x.start("choice", &[]);
                x.element("sic", &[], sic);
                x.element(
                    "corr",
                    &[
                        ("type", kind.as_str()),
                        ("resp", "#tei-encoder"),
                        ("cert", cert.as_str()),
                    ],
                    corr,
                );
                x.end("choice");
            }
            Inline::Furniture(f) => write_fw(x, f),
            Inline::Name {
                kind,
                entity,
                content,
            } => {
                let target = format!("#{entity}");
                let (name, ty) = name_element(*kind, opts.state_element);
                let mut attrs: Vec<(&str, &str)> = Vec::new();
                if let Some(t) = ty {
                    attrs.push(("type", t));
                }
                attrs.push(("ref", target.as_str()));
                x.start(name, &attrs);
                write_inlines(x, content, opts);
                x.end(name);
            }
        }
    }
}

/// The element (and `@type`) a mention of this kind is written as.
pub fn name_element(kind: NameKind, state: StateElement) -> (&'static str, Option<&'static str>) {
    match (kind, state) {
        (NameKind::Person, _) => ("persName", None),
        (NameKind::Org, _) => ("orgName", None),
        (NameKind::State, StateElement::Org) => ("orgName", Some("state")),
        (NameKind::State, StateElement::Place) => ("placeName", Some("state")),
        (NameKind::Place, _) => ("placeName", None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EditLog, Metadata, SourceText};

    /// A document of many paragraphs, one line each, some with markup to escape.
    fn document(lines: usize) -> Document {
        let text: String = (0..lines)
            .map(|i| format!("Line {i} of the text, with <angle> & ampersand.\n"))
            .collect();
        let source = SourceText::from_text("s.txt", &text, text.len() as u64, "0".repeat(64));
        let body = source
            .lines
            .iter()
            .map(|l| {
                let mut b = Block::new(BlockKind::Paragraph, format!("p{}", l.number));
                b.content.push(Inline::LineStart {
                    line: l.number,
                    joins_word: false,
                });
                b.content.push(Inline::Text(l.text.clone()));
                Node::Block(b)
            })
            .collect();
        Document {
            source,
            meta: Metadata::default(),
            front: Vec::new(),
            title_page: None,
            body,
            standoff: Default::default(),
            log: EditLog::default(),
            date: "2026-01-01".into(),
        }
    }

    #[test]
    fn streamed_tei_is_the_same_bytes() {
        let doc = document(5000);
        let opts = WriteOptions::default();
        let whole = write_tei(&doc, &opts);
        assert!(whole.len() > 4 * (1 << 16), "several buffers' worth");
        let mut streamed = Vec::new();
        write_tei_to(&doc, &opts, &mut streamed).unwrap();
        assert!(streamed == whole.as_bytes());
        // The sink's error comes back.
        struct Full;
        impl std::io::Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let err = write_tei_to(&doc, &opts, &mut Full).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }
}
