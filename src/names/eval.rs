//! Scoring names against a hand annotation (`NAME.names.toml` beside a
//! corpus document, format in `tests/corpus/README.md`): the annotation's
//! shape and the mentions an encoded document holds, shared by the
//! `names_eval` harness and the corpus floors test.
//!
//! A mention matches when it starts on the annotated line with the same
//! printed text (whitespace ignored, OCR corrections not applied); nested
//! names count as mentions of their own.

use serde::Deserialize;

use crate::model::{Document, Inline};

/// A document's names annotation.
#[derive(Debug, Clone, Deserialize)]
pub struct Annotation {
    /// First annotated line (1-based).
    pub first: usize,
    /// Last annotated line.
    pub last: usize,
    /// Line ranges inside `first..=last` that are not annotated (a contents list).
    #[serde(default)]
    pub skip: Vec<[usize; 2]>,
    /// The mentions, in reading order.
    pub mention: Vec<Gold>,
}

/// One annotated mention.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// The line it starts on.
    pub line: usize,
    /// Its printed text.
    pub text: String,
    /// `person`, `org` or `place`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The real referent it names.
    #[serde(rename = "ref")]
    pub key: String,
}

impl Annotation {
    /// Whether a mention starting on `line` is scored.
    pub fn scored(&self, line: usize) -> bool {
        (self.first..=self.last).contains(&line)
            && !self.skip.iter().any(|[a, b]| (*a..=*b).contains(&line))
    }
}

/// A tagged mention: its first line, printed text, type and `@ref`.
#[derive(Debug, Clone)]
pub struct Mention {
    pub line: usize,
    pub text: String,
    pub kind: String,
    pub entity: String,
}

/// The key a mention is matched on: its line and its text without spaces.
pub fn key(line: usize, text: &str) -> (usize, String) {
    (line, text.split_whitespace().collect())
}

/// Every name the document tags, nested names included, in reading order.
pub fn mentions(doc: &Document) -> Vec<Mention> {
    let mut out = Vec::new();
    for b in doc.blocks() {
        let mut line = 0;
        walk(&b.content, &mut line, &mut out);
    }
    out
}

/// A name's text as printed: words cut at a line end joined, OCR
/// corrections not applied.
fn printed_text(content: &[Inline]) -> String {
    let mut out = String::new();
    for n in content {
        match n {
            Inline::Text(s) => out.push_str(s),
            Inline::Choice { sic, .. } => out.push_str(sic),
            Inline::LineStart {
                joins_word: false, ..
            } => out.push(' '),
            Inline::Name { content, .. } => out.push_str(&printed_text(content)),
            _ => {}
        }
    }
    out
}

fn walk(nodes: &[Inline], line: &mut usize, out: &mut Vec<Mention>) {
    for n in nodes {
        match n {
            Inline::LineStart { line: l, .. } => *line = *l,
            Inline::Name {
                kind,
                entity,
                content,
            } => {
                let start = match content.first() {
                    Some(Inline::LineStart { line: l, .. }) => *l,
                    _ => *line,
                };
                out.push(Mention {
                    line: start,
                    text: printed_text(content),
                    kind: kind.as_str().to_string(),
                    entity: entity.clone(),
                });
                walk(content, line, out);
            }
            _ => {}
        }
    }
}

/// The source lines the encoder sets as page furniture (`fw`): a furniture
/// block's lines, and a line whose first node after its start is furniture.
pub fn furniture_lines(doc: &Document) -> std::collections::BTreeSet<usize> {
    let mut out = std::collections::BTreeSet::new();
    for b in doc.blocks() {
        if b.kind == crate::model::BlockKind::Furniture {
            out.extend(b.lines());
            continue;
        }
        let mut line = None;
        for n in &b.content {
            match n {
                Inline::LineStart { line: l, .. } => line = Some(*l),
                Inline::Furniture(_) => {
                    if let Some(l) = line.take() {
                        out.insert(l);
                    }
                }
                _ => line = None,
            }
        }
    }
    out
}
