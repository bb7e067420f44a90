//! Reads an encoded TEI file back (roxmltree) and regenerates its texts:
//! the diplomatic text (the source, byte for byte) and the reading text.
//!
//! Conventions read here are the writer's: every source line begins with
//! `lb`; text in element-only containers is formatting; `\n` in text is
//! formatting (source lines cannot contain one); `choice` holds `sic`
//! (source) and `corr` (reading); `g type="control"` carries a character by
//! code point; `space` stands for the spaces of a blank line.

use roxmltree::{Document, Node};

use super::writer::TEI_NS;
use crate::model::{LineEnding, fold_whitespace, join_paragraphs, source::reassemble};

/// Elements whose own text is formatting only.
const ELEMENT_ONLY: &[&str] = &[
    "TEI",
    "text",
    "front",
    "body",
    "back",
    "div",
    "titlePage",
    "docTitle",
    "choice",
    "group",
    "list",
];

fn is_tei(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(TEI_NS)
}

fn text_element<'a, 'i>(doc: &'a Document<'i>) -> Result<Node<'a, 'i>, String> {
    let root = doc.root_element();
    if !is_tei(&root, "TEI") {
        return Err("the root element is not TEI in the TEI namespace".into());
    }
    root.children()
        .find(|n| is_tei(n, "text"))
        .ok_or_else(|| "no <text> element".to_string())
}

/// Line-end facts from the header's `sourceDesc` (`measure` of line ends).
fn line_end_facts(doc: &Document, lines: usize) -> (LineEnding, bool) {
    for m in doc.descendants().filter(|n| is_tei(n, "measure")) {
        if let Some(ending) = m.attribute("unit").and_then(LineEnding::parse) {
            let q: usize = m
                .attribute("quantity")
                .and_then(|q| q.parse().ok())
                .unwrap_or(0);
            return (ending, lines > 0 && q == lines);
        }
    }
    (LineEnding::Lf, true)
}

/// The source text regenerated from a TEI document written by this tool.
pub fn diplomatic_text(xml: &str) -> Result<String, String> {
    let doc = Document::parse(xml).map_err(|e| e.to_string())?;
    let text = text_element(&doc)?;
    let mut lines: Vec<String> = Vec::new();
    collect_diplomatic(text, &mut lines);
    let (ending, final_end) = line_end_facts(&doc, lines.len());
    Ok(reassemble(&lines.join("\n"), ending, final_end))
}

fn collect_diplomatic(node: Node, lines: &mut Vec<String>) {
    for child in node.children() {
        if child.is_text() {
            let parent = child.parent().map(|p| p.tag_name().name()).unwrap_or("");
            if ELEMENT_ONLY.contains(&parent) {
                continue;
            }
            if let (Some(line), Some(t)) = (lines.last_mut(), child.text()) {
                line.extend(t.chars().filter(|c| *c != '\n'));
            }
            continue;
        }
        if !child.is_element() {
            continue;
        }
        match child.tag_name().name() {
            "lb" => lines.push(String::new()),
            "corr" | "reg" => {}
            "g" if child.attribute("type") == Some("control") => {
                let c = child
                    .attribute("n")
                    .and_then(|n| n.strip_prefix("U+"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32);
                if let (Some(line), Some(c)) = (lines.last_mut(), c) {
                    line.push(c);
                }
            }
            "space" => {
                let q: usize = child
                    .attribute("quantity")
                    .and_then(|q| q.parse().ok())
                    .unwrap_or(1);
                let c = if child.attribute("unit") == Some("tabs") {
                    '\t'
                } else {
                    ' '
                };
                if let Some(line) = lines.last_mut() {
                    line.extend(std::iter::repeat_n(c, q));
                }
            }
            _ => collect_diplomatic(child, lines),
        }
    }
}

/// The reading text: one paragraph per `head`, `p`, `titlePart`, `item`, blank-line separated.
pub fn reading_text(xml: &str) -> Result<String, String> {
    let doc = Document::parse(xml).map_err(|e| e.to_string())?;
    let text = text_element(&doc)?;
    let paragraphs = text
        .descendants()
        .filter(|n| {
            is_tei(n, "p") || is_tei(n, "head") || is_tei(n, "titlePart") || is_tei(n, "item")
        })
        .map(|block| {
            let mut raw = String::new();
            collect_reading(block, &mut raw);
            fold_whitespace(&raw)
        });
    Ok(join_paragraphs(paragraphs))
}

fn collect_reading(node: Node, out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            if let Some(t) = child.text() {
                out.push_str(t);
            }
            continue;
        }
        if !child.is_element() {
            continue;
        }
        match child.tag_name().name() {
            "lb" => {
                if child.attribute("break") == Some("no") {
                    let kept = out.trim_end().len();
                    out.truncate(kept);
                } else {
                    out.push(' ');
                }
            }
            "sic" | "orig" | "fw" | "g" | "space" | "pb" | "note" => {}
            "pc" if child.attribute("force") == Some("weak") => {}
            _ => collect_reading(child, out),
        }
    }
}
