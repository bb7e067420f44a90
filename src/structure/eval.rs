//! Measures the structure pass against a hand annotation: headings by line
//! span and level, page labels, running heads and footers, contents lines.
//! The evaluation harness (`examples/structure_eval.rs`) and the corpus test
//! (`tests/structure_corpus.rs`) both use it; the annotation format is
//! described in `tests/corpus/README.md`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::model::{BlockKind, Document, FwKind, Inline, Node, visit_inlines};

/// A document's annotation (1-based lines).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub layout: String,
    #[serde(default)]
    pub title: Option<String>,
    /// The text's path relative to the annotation, when it is not `NAME.txt`.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub heading: Vec<HeadingSpan>,
    #[serde(default)]
    pub page: Vec<PageLabel>,
    #[serde(default)]
    pub furniture: Vec<FurnitureLine>,
    #[serde(default)]
    pub contents: Vec<Span>,
    #[serde(default)]
    pub paragraph_numbers: Vec<usize>,
    #[serde(default)]
    pub document: Vec<DocumentStart>,
    /// Free notes of the annotator.
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingSpan {
    pub first: usize,
    pub last: usize,
    pub level: u8,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageLabel {
    pub line: usize,
    pub label: String,
    #[serde(default)]
    pub printed: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FurnitureLine {
    pub line: usize,
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub first: usize,
    pub last: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentStart {
    pub first: usize,
}

/// Counts for one measure: found, annotated, and the two agreeing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub found: usize,
    pub expected: usize,
    pub matched: usize,
}

impl Counts {
    /// Precision; 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.matched as f64 / self.found as f64
        }
    }
    /// Recall; 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched as f64 / self.expected as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, o: &Counts) {
        self.found += o.found;
        self.expected += o.expected;
        self.matched += o.matched;
    }
}

/// What the structure pass got right on one document.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// Headings matched by exact line span.
    pub headings: Counts,
    /// Of the matched headings, those at the annotated level.
    pub levels_agree: usize,
    /// Page labels matched by line and label as read.
    pub pages: Counts,
    /// Running-head and footer lines.
    pub furniture: Counts,
    /// Contents lines.
    pub contents: Counts,
    /// Numbered-paragraph lines that became a heading (should be 0).
    pub numbered_paragraphs_as_headings: usize,
    /// Document divisions found against documents annotated (several in one file).
    pub documents: Counts,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.headings.add(&o.headings);
        self.levels_agree += o.levels_agree;
        self.pages.add(&o.pages);
        self.furniture.add(&o.furniture);
        self.contents.add(&o.contents);
        self.numbered_paragraphs_as_headings += o.numbered_paragraphs_as_headings;
        self.documents.add(&o.documents);
    }
    /// Share of matched headings at the annotated level (1 with none matched).
    pub fn level_agreement(&self) -> f64 {
        if self.headings.matched == 0 {
            1.0
        } else {
            self.levels_agree as f64 / self.headings.matched as f64
        }
    }
}

/// What the encoder made of a document, by 1-based line.
#[derive(Debug, Default)]
pub struct Found {
    /// (first, last) → level; the title page counts as a level-1 heading.
    pub headings: BTreeMap<(usize, usize), u8>,
    pub pages: BTreeSet<(usize, String)>,
    pub furniture: BTreeSet<usize>,
    /// Lines that hold a bare page number (`fw type="pageNum"`): page
    /// furniture too, so they satisfy an annotation that lists the line as
    /// furniture, and are never counted against precision.
    pub page_furniture: BTreeSet<usize>,
    pub contents: BTreeSet<usize>,
    pub documents: BTreeSet<usize>,
}

/// Reads the structure back out of an encoded document.
pub fn found(doc: &Document) -> Found {
    let mut f = Found::default();
    let blank = |line: usize| {
        doc.source
            .lines
            .get(line - 1)
            .is_none_or(|l| l.text.trim().is_empty())
    };
    let span = |b: &crate::model::Block| -> Option<(usize, usize)> {
        let lines = b.lines();
        let first = *lines.first()?;
        let last = lines
            .iter()
            .rev()
            .copied()
            .find(|&l| !blank(l))
            .unwrap_or(first);
        Some((first, last))
    };
    // Levels count from the title: a document with a title page has its
    // first body level one below it.
    let below_title = u8::from(doc.title_page.is_some());
    fn walk(
        nodes: &[Node],
        f: &mut Found,
        span: &dyn Fn(&crate::model::Block) -> Option<(usize, usize)>,
        shift: u8,
    ) {
        for n in nodes {
            match n {
                Node::Division(d) => {
                    if d.kind == crate::model::DivKind::Document {
                        f.documents.insert(n.first_line());
                    }
                    if let Some(h) = &d.head
                        && let Some(s) = span(h)
                    {
                        f.headings.insert(s, d.level + shift);

                        if d.kind == crate::model::DivKind::Contents {
                            f.contents.extend(h.lines());
                        }
                    }
                    walk(&d.children, f, span, shift);
                }
                Node::List(l) => {
                    for b in l.items.iter().filter(|b| b.kind == BlockKind::Item) {
                        f.contents.extend(b.lines());
                    }
                }
                Node::Block(_) => {}
            }
        }
    }
    walk(&doc.front, &mut f, &span, below_title);
    if let Some(t) = &doc.title_page
        && let Some(s) = span(t)
    {
        f.headings.insert(s, 1);
    }
    walk(&doc.body, &mut f, &span, below_title);
    for b in doc.blocks() {
        let mut line = 0;
        visit_inlines(&b.content, &mut |n| match n {
            Inline::LineStart { line: l, .. } => line = *l,
            Inline::Furniture(fw) => match (&fw.kind, &fw.label) {
                (FwKind::PageNum, Some((_, label))) => {
                    f.pages.insert((line, label.clone()));
                    f.page_furniture.insert(line);
                }
                (FwKind::Header | FwKind::Footer, _) => {
                    f.furniture.insert(line);
                }
                _ => {}
            },
            _ => {}
        });
    }
    f
}

/// Scores an encoded document against its annotation.
pub fn score(doc: &Document, ann: &Annotation) -> Score {
    let f = found(doc);
    let mut s = Score::default();
    s.headings.found = f.headings.len();
    s.headings.expected = ann.heading.len();
    for h in &ann.heading {
        if let Some(level) = f.headings.get(&(h.first, h.last)) {
            s.headings.matched += 1;
            s.levels_agree += usize::from(*level == h.level);
        }
    }
    s.pages.found = f.pages.len();
    s.pages.expected = ann.page.len();
    s.pages.matched = ann
        .page
        .iter()
        .filter(|p| f.pages.contains(&(p.line, p.label.clone())))
        .count();
    let expected_fw: BTreeSet<usize> = ann.furniture.iter().map(|x| x.line).collect();
    let page_fw_annotated = f
        .page_furniture
        .iter()
        .filter(|l| expected_fw.contains(l) && !f.furniture.contains(l))
        .count();
    s.furniture = Counts {
        found: f.furniture.len() + page_fw_annotated,
        expected: expected_fw.len(),
        matched: expected_fw
            .iter()
            .filter(|l| f.furniture.contains(l) || f.page_furniture.contains(l))
            .count(),
    };
    // Blank lines inside a contents span count for neither side.
    let printed = |l: &usize| {
        doc.source
            .lines
            .get(l - 1)
            .is_some_and(|x| !x.text.trim().is_empty())
    };
    let expected_contents: BTreeSet<usize> = ann
        .contents
        .iter()
        .flat_map(|c| c.first..=c.last)
        .filter(printed)
        .collect();
    let found_contents: BTreeSet<usize> = f.contents.iter().copied().filter(printed).collect();
    s.contents = Counts {
        found: found_contents.len(),
        expected: expected_contents.len(),
        matched: expected_contents.intersection(&found_contents).count(),
    };
    let head_lines: BTreeSet<usize> = f.headings.keys().flat_map(|&(a, b)| a..=b).collect();
    s.numbered_paragraphs_as_headings = ann
        .paragraph_numbers
        .iter()
        .filter(|l| head_lines.contains(l))
        .count();
    let expected_docs: BTreeSet<usize> = ann.document.iter().map(|d| d.first).collect();
    s.documents = Counts {
        found: f.documents.len(),
        expected: if expected_docs.len() > 1 {
            expected_docs.len()
        } else {
            0
        },
        matched: if expected_docs.len() > 1 {
            expected_docs.intersection(&f.documents).count()
        } else {
            0
        },
    };
    s
}
