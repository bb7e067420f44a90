//! The document model every pass works on.
//!
//! The model keeps two texts side by side: the *diplomatic* text (every byte
//! of every source line, every blank line, every page seam) and the *reading*
//! text (corrections applied, words cut at line ends joined). Inline nodes
//! carry both, so a writer can emit `choice/sic/corr`, `lb break="no"` and
//! `pb` and a reader can regenerate the source byte for byte.
#![warn(missing_docs, unreachable_pub)]

mod inline;
mod metadata;
pub(crate) mod source;
pub(crate) mod standoff;

pub use inline::{
    Certainty, CorrectionKind, Furniture, FwKind, Inline, NameKind, PageBreak, diplomatic_text,
    fold_whitespace, reading_text, visit as visit_inlines,
};
pub use metadata::{
    Agent, AgentKind, Edition, Encoding, Language, Metadata, Original, is_iso_date,
};
pub use source::{LineEnding, SourceLine, SourceText};
pub use standoff::{Entity, Standoff};

/// A whole encoded document: source facts, metadata, structure, standoff lists.
#[derive(Debug, Clone)]
pub struct Document {
    /// The raw source and its facts (name, checksum, line ends).
    pub source: SourceText,
    /// Bibliographic and editorial metadata supplied by the user.
    pub meta: Metadata,
    /// Matter before the title: a publisher's note, say.
    pub front: Vec<Node>,
    /// The title as printed, broken over lines as in the source.
    pub title_page: Option<Block>,
    /// The body: blocks and nested divisions.
    pub body: Vec<Node>,
    /// People, organisations and places the text names.
    pub standoff: Standoff,
    /// What the passes changed, for the header and the report.
    pub log: EditLog,
    /// Encoding date (`YYYY-MM-DD`) for `revisionDesc` and `publicationStmt`.
    pub date: String,
}

/// One item of a container: a block of text, a list, or a division with its own items.
#[derive(Debug, Clone)]
pub enum Node {
    /// A paragraph-like block of text.
    Block(Block),
    /// A division with its heading and items.
    Division(Division),
    /// A list (a contents list).
    List(List),
}

/// What a division is (`div/@type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivKind {
    /// Matter before the title that the encoder gathers itself (a publisher's note).
    Preface,
    /// A section opened by a heading; its depth is the division's `level`.
    Section,
    /// A contents list (or index): a `list` of entries.
    Contents,
    /// One of several documents in one file (a release in a harvest of releases).
    Document,
}

/// A division opened by a heading.
#[derive(Debug, Clone)]
pub struct Division {
    /// The `xml:id`, unique in the document.
    pub id: String,
    /// Depth in the document's own hierarchy of heading styles: 1 is the top.
    pub level: u8,
    /// What the division is (section, document, preface, contents).
    pub kind: DivKind,
    /// The heading; `None` for divisions the encoder opens itself (a front note).
    pub head: Option<Block>,
    /// The items of the division, in order.
    pub children: Vec<Node>,
}

/// A list (`list`): entries of a contents list, one `item` per entry, with
/// the blank lines and furniture between them.
#[derive(Debug, Clone)]
pub struct List {
    /// The `xml:id`, unique in the document.
    pub id: String,
    /// Blocks of kind [`BlockKind::Item`], [`BlockKind::Spacing`] or [`BlockKind::Furniture`].
    pub items: Vec<Block>,
}

impl Node {
    /// The first source line (1-based) the node holds; 0 when it holds none.
    pub fn first_line(&self) -> usize {
        let of_block = |b: &Block| b.lines().first().copied();
        match self {
            Node::Block(b) => of_block(b),
            Node::List(l) => l.items.iter().find_map(of_block),
            Node::Division(d) => d
                .head
                .as_ref()
                .and_then(of_block)
                .or_else(|| d.children.iter().map(Node::first_line).find(|&l| l > 0)),
        }
        .unwrap_or(0)
    }
}

/// What kind of block a run of source lines forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph of running text (`p`).
    Paragraph,
    /// An entry of a list (`item`): a contents line.
    Item,
    /// A heading (`head`).
    Head,
    /// The document title (`titlePart` in `titlePage/docTitle`).
    TitlePart,
    /// Blank lines between blocks (bare `lb` elements).
    Spacing,
    /// A line with no letters or digits standing alone: OCR specks (`ab type="noise"`).
    Noise,
    /// A line of page furniture standing between blocks: a page label, a
    /// running head or footer (`fw`).
    Furniture,
}

/// A block: a kind, a stable id and its inline content, line starts included.
#[derive(Debug, Clone)]
pub struct Block {
    /// What the block is (paragraph, heading, title, item, furniture...).
    pub kind: BlockKind,
    /// The `xml:id`, unique in the document.
    pub id: String,
    /// The inline content, line starts included.
    pub content: Vec<Inline>,
}

impl Block {
    /// An empty block of a kind, with its id.
    pub fn new(kind: BlockKind, id: impl Into<String>) -> Self {
        Block {
            kind,
            id: id.into(),
            content: Vec::new(),
        }
    }

    /// The source lines this block holds (1-based numbers of its `LineStart`s).
    pub fn lines(&self) -> Vec<usize> {
        let mut out = Vec::new();
        inline::visit(&self.content, &mut |n| {
            if let Inline::LineStart { line, .. } = n {
                out.push(*line);
            }
        });
        out
    }

    /// Reading text of the block: lines joined, corrections applied, spaces folded.
    pub fn reading_text(&self) -> String {
        inline::reading_text(&self.content)
    }

    /// Diplomatic text: the source lines of the block, `\n`-separated, as printed.
    pub fn diplomatic_text(&self) -> String {
        inline::diplomatic_text(&self.content)
    }
}

/// Counts of what the passes changed; the header states them and `--report` prints them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditLog {
    /// Words cut at a line end and joined (`lb break="no"`).
    pub joins: usize,
    /// Of those, joins that dropped a printed hyphen (`pc force="weak"`).
    pub hyphens_removed: usize,
    /// Corrections by kind and certainty.
    pub corrections: std::collections::BTreeMap<(CorrectionKind, Certainty), usize>,
    /// Characters not allowed in XML 1.0 (or invisible) recorded as `g`.
    pub control_chars: usize,
    /// Page breaks, and how many of them carry a number (printed or inferred).
    pub page_breaks: usize,
    /// Page breaks whose number is printed on the page.
    pub page_numbers_printed: usize,
    /// Page breaks whose number was inferred from printed ones.
    pub page_numbers_inferred: usize,
    /// Name mentions tagged, by kind.
    pub names: std::collections::BTreeMap<NameKind, usize>,
    /// Headings detected, by level.
    pub headings: [usize; 2],
    /// Set when OCR corrections were withheld because the word list knows
    /// too few of the document's words (another language, most likely):
    /// the share it knows, in thousandths.
    pub corrections_withheld: Option<u32>,
}

impl Document {
    /// All blocks in document order (front, title, body; divisions flattened, heads first).
    pub fn blocks(&self) -> Vec<&Block> {
        let mut out = Vec::new();
        fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Block>) {
            for n in nodes {
                match n {
                    Node::Block(b) => out.push(b),
                    Node::Division(d) => {
                        out.extend(d.head.as_ref());
                        walk(&d.children, out);
                    }
                    Node::List(l) => out.extend(l.items.iter()),
                }
            }
        }
        walk(&self.front, &mut out);
        if let Some(t) = &self.title_page {
            out.push(t);
        }
        walk(&self.body, &mut out);
        out
    }

    /// Mutable access to every block in document order.
    pub fn blocks_mut(&mut self) -> Vec<&mut Block> {
        let mut out = Vec::new();
        fn walk<'a>(nodes: &'a mut [Node], out: &mut Vec<&'a mut Block>) {
            for n in nodes {
                match n {
                    Node::Block(b) => out.push(b),
                    Node::Division(d) => {
                        out.extend(d.head.as_mut());
                        walk(&mut d.children, out);
                    }
                    Node::List(l) => out.extend(l.items.iter_mut()),
                }
            }
        }
        walk(&mut self.front, &mut out);
        if let Some(t) = &mut self.title_page {
            out.push(t);
        }
        walk(&mut self.body, &mut out);
        out
    }

    /// Every division, outer ones before the ones they contain.
    pub fn divisions(&self) -> Vec<&Division> {
        let mut out = Vec::new();
        fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Division>) {
            for n in nodes {
                if let Node::Division(d) = n {
                    out.push(d);
                    walk(&d.children, out);
                }
            }
        }
        walk(&self.front, &mut out);
        walk(&self.body, &mut out);
        out
    }

    /// The source regenerated from the model (must equal the input bytes).
    pub fn diplomatic_text(&self) -> String {
        let lines: Vec<String> = self.blocks().iter().map(|b| b.diplomatic_text()).collect();
        let mut body = String::new();
        // Each block's diplomatic text is its lines joined by '\n'; blocks are
        // consecutive runs of lines, so joining blocks with '\n' restores the file.
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                body.push('\n');
            }
            body.push_str(l);
        }
        self.source.reassemble(&body)
    }

    /// The reading text: blocks separated by blank lines, spacing blocks dropped.
    pub fn reading_text(&self) -> String {
        join_paragraphs(
            self.blocks()
                .into_iter()
                .filter(|b| {
                    !matches!(
                        b.kind,
                        BlockKind::Spacing | BlockKind::Noise | BlockKind::Furniture
                    )
                })
                .map(|b| b.reading_text()),
        )
    }
}

/// The reading text's layout: non-empty paragraphs separated by a blank line, a final line end.
pub fn join_paragraphs(paragraphs: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    for t in paragraphs.into_iter().filter(|t| !t.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&t);
    }
    out.push('\n');
    out
}
