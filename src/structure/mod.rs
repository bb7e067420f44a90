//! Structure pass: source lines into front matter, title page, divisions,
//! heads, paragraphs and page breaks, every line kept.

pub mod headings;
pub mod lines;
pub mod seams;

use std::collections::{HashMap, HashSet};

use crate::model::{Block, BlockKind, Division, Inline, Node, PageBreak, SourceText};
use headings::{Heading, HeadingRules, Level};
use lines::{LineClass, LineInfo, ends_sentence, starts_lowercase};
use seams::PageStart;

/// English function words that stay lower case in title-case headings.
pub const DEFAULT_FUNCTION_WORDS: &str = include_str!("../../data/lexicon/function-words-en.txt");

/// What the structure pass needs besides the source.
#[derive(Debug, Clone)]
pub struct StructureConfig {
    pub function_words: HashSet<String>,
    pub heading_rules: HeadingRules,
}

impl Default for StructureConfig {
    fn default() -> Self {
        StructureConfig {
            function_words: parse_word_list(DEFAULT_FUNCTION_WORDS),
            heading_rules: HeadingRules::default(),
        }
    }
}

/// Reads a word list: one word a line, `#` comments, case folded.
pub fn parse_word_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The structure of a document, ready to become a [`crate::model::Document`].
#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub front: Vec<Node>,
    pub title_page: Option<Block>,
    pub body: Vec<Node>,
}

/// One item in reading order before nesting.
enum Item {
    Block(Block),
    Heading(Level, Block),
}

/// Runs the structure pass.
pub fn structure(source: &SourceText, config: &StructureConfig) -> Structure {
    let infos: Vec<LineInfo> = source
        .lines
        .iter()
        .map(|l| lines::classify(&l.text))
        .collect();
    let pages = seams::detect(&infos);
    let page_at: HashMap<usize, &PageStart> = pages.iter().map(|p| (p.line, p)).collect();
    let page_lines: HashSet<usize> = pages.iter().map(|p| p.line).collect();
    let heads = headings::detect(
        &infos,
        &page_lines,
        &config.function_words,
        &config.heading_rules,
    );
    let mut ids = IdMaker::default();
    let items = items(source, &infos, &heads, &page_at, &mut ids);
    nest(items, source.lines.len(), &mut ids)
}

/// Inline nodes for source line `index` (0-based): page break, line start, text.
fn line_nodes(
    source: &SourceText,
    infos: &[LineInfo],
    index: usize,
    page_at: &HashMap<usize, &PageStart>,
    out: &mut Vec<Inline>,
) {
    if let Some(p) = page_at.get(&index) {
        out.push(Inline::PageBreak(PageBreak {
            n: p.n.map(|n| n.to_string()),
            inferred: p.inferred,
        }));
    }
    out.push(Inline::LineStart {
        line: index + 1,
        joins_word: false,
    });
    let text = &source.lines[index].text;
    if matches!(infos[index].class, LineClass::PageNumber(_)) {
        out.push(Inline::PageNumber(text.clone()));
    } else {
        push_text(text, out);
    }
}

/// True for characters XML 1.0 cannot carry, and for the invisible BOM.
pub fn is_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
        || c == '\u{feff}'
        || c == '\u{fffe}'
        || c == '\u{ffff}'
}

/// Splits a line's text into text and control-character nodes.
pub fn push_text(text: &str, out: &mut Vec<Inline>) {
    let mut run = String::new();
    for c in text.chars() {
        if is_control(c) {
            if !run.is_empty() {
                out.push(Inline::Text(std::mem::take(&mut run)));
            }
            out.push(Inline::Control(c));
        } else {
            run.push(c);
        }
    }
    if !run.is_empty() {
        out.push(Inline::Text(run));
    }
}

#[derive(Default)]
struct IdMaker {
    used: HashSet<String>,
}

impl IdMaker {
    /// A unique id from a prefix and a slug of `text`.
    fn make(&mut self, prefix: &str, text: &str) -> String {
        let mut slug = String::new();
        for w in lines::words(text) {
            let w: String = w
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .filter(char::is_ascii_alphanumeric)
                .collect();
            if w.is_empty() {
                continue;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(&w);
            if slug.len() > 40 {
                break;
            }
        }
        let base = if slug.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}-{slug}")
        };
        self.unique(base)
    }

    fn unique(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut k = 2;
        while self.used.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

/// Groups lines into blocks in reading order. It holds what every step
/// needs (the source, line classes, page starts, ids) and the open state: the
/// paragraph being built and the blank or furniture lines not yet placed.
struct Assembler<'a> {
    source: &'a SourceText,
    infos: &'a [LineInfo],
    page_at: &'a HashMap<usize, &'a PageStart>,
    ids: &'a mut IdMaker,
    out: Vec<Item>,
    para: Option<Block>,
    pending: Vec<usize>,
}

impl Assembler<'_> {
    /// Appends line `k` to `block`.
    fn line(&self, k: usize, block: &mut Block) {
        line_nodes(self.source, self.infos, k, self.page_at, &mut block.content);
    }

    /// Closes the open paragraph, then turns pending lines into spacing,
    /// page-number and noise blocks.
    fn flush(&mut self) {
        if let Some(p) = self.para.take() {
            self.out.push(Item::Block(p));
        }
        let mut spacing: Option<Block> = None;
        for k in std::mem::take(&mut self.pending) {
            match &self.infos[k].class {
                LineClass::Blank => {
                    let mut b = spacing
                        .take()
                        .unwrap_or_else(|| Block::new(BlockKind::Spacing, ""));
                    self.line(k, &mut b);
                    spacing = Some(b);
                }
                class => {
                    if let Some(s) = spacing.take() {
                        self.out.push(Item::Block(s));
                    }
                    let (kind, prefix) = match class {
                        LineClass::PageNumber(_) => (BlockKind::PageNumber, "fw"),
                        _ => (BlockKind::Noise, "ab"),
                    };
                    let mut b = Block::new(kind, self.ids.unique(format!("{prefix}-L{}", k + 1)));
                    self.line(k, &mut b);
                    self.out.push(Item::Block(b));
                }
            }
        }
        if let Some(s) = spacing {
            self.out.push(Item::Block(s));
        }
    }

    fn heading(&mut self, h: &Heading) {
        self.flush();
        let text: Vec<&str> = (h.first..=h.last)
            .map(|k| self.infos[k].trimmed.as_str())
            .collect();
        let mut block = Block::new(BlockKind::Head, self.ids.make("head", &text.join(" ")));
        for k in h.first..=h.last {
            self.line(k, &mut block);
        }
        self.out.push(Item::Heading(h.level, block));
    }

    /// Adds text line `i`, to the open paragraph when it runs on, else to a new one.
    fn text(&mut self, i: usize, continues: bool) {
        if continues && let Some(mut p) = self.para.take() {
            for k in std::mem::take(&mut self.pending) {
                self.line(k, &mut p);
            }
            self.line(i, &mut p);
            self.para = Some(p);
            return;
        }
        self.flush();
        let mut p = Block::new(
            BlockKind::Paragraph,
            self.ids.unique(format!("p-L{}", i + 1)),
        );
        self.line(i, &mut p);
        self.para = Some(p);
    }
}

fn items(
    source: &SourceText,
    infos: &[LineInfo],
    heads: &[Heading],
    page_at: &HashMap<usize, &PageStart>,
    ids: &mut IdMaker,
) -> Vec<Item> {
    let head_at: HashMap<usize, &Heading> = heads.iter().map(|h| (h.first, h)).collect();
    let mut a = Assembler {
        source,
        infos,
        page_at,
        ids,
        out: Vec::new(),
        para: None,
        pending: Vec::new(),
    };
    let mut last_text: Option<usize> = None;
    let mut i = 0;
    while i < infos.len() {
        if let Some(h) = head_at.get(&i) {
            a.heading(h);
            last_text = None;
            i = h.last + 1;
            continue;
        }
        match infos[i].class {
            LineClass::Blank | LineClass::PageNumber(_) => a.pending.push(i),
            // A speck inside a paragraph stays in it; between blocks it waits.
            LineClass::Noise if a.para.is_some() && a.pending.is_empty() => {
                if let Some(mut p) = a.para.take() {
                    a.line(i, &mut p);
                    a.para = Some(p);
                }
            }
            LineClass::Noise => a.pending.push(i),
            LineClass::Text => {
                let continues = a.para.is_some()
                    && (a.pending.is_empty()
                        || continues_across(infos, last_text, i, &a.pending, page_at));
                a.text(i, continues);
                last_text = Some(i);
            }
        }
        i += 1;
    }
    a.flush();
    a.out
}

/// Does a paragraph run on across blank lines (or a page seam) to line `next`?
fn continues_across(
    infos: &[LineInfo],
    last_text: Option<usize>,
    next: usize,
    pending: &[usize],
    page_at: &HashMap<usize, &PageStart>,
) -> bool {
    let Some(last) = last_text else { return false };
    let next_info = &infos[next];
    if starts_lowercase(&next_info.trimmed) {
        return true;
    }
    let seam = page_at.contains_key(&next) || pending.iter().any(|k| page_at.contains_key(k));
    seam && !ends_sentence(&infos[last].trimmed)
}

/// Splits items into front, title page and body, and nests divisions.
fn nest(items: Vec<Item>, line_count: usize, ids: &mut IdMaker) -> Structure {
    // The title: the first heading, in capitals, early in the document,
    // after at most a short note.
    let title_index = items.iter().enumerate().find_map(|(k, it)| match it {
        Item::Heading(level, b) => Some((k, *level, b)),
        _ => None,
    });
    let title_index = title_index.and_then(|(k, level, b)| {
        let first_line = b.lines().first().copied().unwrap_or(0);
        let paragraphs_before = items[..k]
            .iter()
            .filter(|it| matches!(it, Item::Block(b) if b.kind == BlockKind::Paragraph))
            .count();
        let early = first_line <= (line_count / 5).max(30);
        (level == Level::Capitals && early && paragraphs_before <= 3).then_some(k)
    });

    let mut s = Structure::default();
    let mut rest = items;
    if let Some(k) = title_index {
        let after = rest.split_off(k + 1);
        let title = rest.pop();
        let front_items = rest;
        rest = after;
        if let Some(Item::Heading(_, mut b)) = title {
            b.kind = BlockKind::TitlePart;
            b.id = "title".to_string();
            ids.used.insert(b.id.clone());
            s.title_page = Some(b);
        }
        if front_items
            .iter()
            .any(|it| matches!(it, Item::Block(b) if b.kind == BlockKind::Paragraph))
        {
            let mut div = Division {
                id: ids.unique("front-note".to_string()),
                level: 1,
                head: None,
                children: Vec::new(),
            };
            // Bare lines (blank lines, page numbers) after the note's last
            // block of text stay in <front>, outside the div; all else goes in.
            let bare = |it: &Item| matches!(it, Item::Block(b) if matches!(b.kind, BlockKind::Spacing | BlockKind::PageNumber));
            let last_content = front_items.iter().rposition(|it| !bare(it)).unwrap_or(0);
            let mut trailing = Vec::new();
            for (k, it) in front_items.into_iter().enumerate() {
                if let Item::Block(b) = it {
                    if k <= last_content {
                        div.children.push(Node::Block(b));
                    } else {
                        trailing.push(Node::Block(b));
                    }
                }
            }
            s.front.push(Node::Division(div));
            s.front.extend(trailing);
        } else {
            for it in front_items {
                if let Item::Block(b) = it {
                    s.front.push(Node::Block(b));
                }
            }
        }
    }

    // Body: capitals open top-level divisions; title case nests inside the current one.
    let mut body: Vec<Node> = Vec::new();
    let mut open1: Option<Division> = None;
    let mut open2: Option<Division> = None;
    for it in rest {
        match it {
            Item::Heading(level, head) => {
                let id = ids.unique(head.id.replacen("head", "div", 1));
                let div = Division {
                    id,
                    level: level as u8,
                    head: Some(head),
                    children: Vec::new(),
                };
                match level {
                    Level::Capitals => {
                        close2(&mut open1, &mut open2, &mut body);
                        if let Some(d) = open1.take() {
                            body.push(Node::Division(d));
                        }
                        open1 = Some(div);
                    }
                    Level::TitleCase => {
                        close2(&mut open1, &mut open2, &mut body);
                        open2 = Some(div);
                    }
                }
            }
            Item::Block(b) => {
                if let Some(d) = open2.as_mut() {
                    d.children.push(Node::Block(b));
                } else if let Some(d) = open1.as_mut() {
                    d.children.push(Node::Block(b));
                } else {
                    body.push(Node::Block(b));
                }
            }
        }
    }
    close2(&mut open1, &mut open2, &mut body);
    if let Some(d) = open1.take() {
        body.push(Node::Division(d));
    }
    s.body = body;
    s
}

/// Closes an open title-case division into its capital parent, or the body.
fn close2(open1: &mut Option<Division>, open2: &mut Option<Division>, body: &mut Vec<Node>) {
    if let Some(d2) = open2.take() {
        match open1.as_mut() {
            Some(d1) => d1.children.push(Node::Division(d2)),
            None => body.push(Node::Division(d2)),
        }
    }
}
