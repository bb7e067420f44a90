//! Structure pass: source lines into front matter, title page, divisions,
//! heads, paragraphs and page breaks, every line kept.

pub mod contents;
pub mod eval;
pub mod formulas;
pub mod furniture;
pub mod headings;
pub mod labels;
pub mod layout;
pub mod lines;
pub mod seams;

use std::collections::{HashMap, HashSet};

use crate::model::{
    Block, BlockKind, DivKind, Division, Furniture, FwKind, Inline, List, Node, PageBreak,
    SourceText,
};
use contents::Contents;
use headings::{Heading, HeadingRules, Level, Style};
use labels::{Label, Place};
use layout::Layout;
use lines::{LineClass, LineInfo, ends_sentence, starts_lowercase};
use seams::PageStart;

/// English function words that stay lower case in title-case headings.
pub const DEFAULT_FUNCTION_WORDS: &str = include_str!("../../data/lexicon/function-words-en.txt");

/// What the structure pass needs besides the source.
#[derive(Debug, Clone)]
pub struct StructureConfig {
    pub function_words: HashSet<String>,
    pub heading_rules: HeadingRules,
    /// Layout vocabulary: digit look-alikes, stamps, salutations, months, …
    pub layout: Layout,
}

impl Default for StructureConfig {
    fn default() -> Self {
        StructureConfig {
            function_words: parse_word_list(DEFAULT_FUNCTION_WORDS),
            heading_rules: HeadingRules::default(),
            layout: Layout::parse(layout::DEFAULT_LAYOUT, "layout-en.toml")
                .expect("the embedded layout file parses (unit-tested)"),
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
    Heading(Style, Block),
    /// A node made whole already: a contents list.
    Node(Node),
}

/// What the layout passes found on each line, for the assembler.
struct Layers<'a> {
    infos: Vec<LineInfo>,
    /// Page furniture by line: the line's pieces.
    furniture: HashMap<usize, Vec<Furniture>>,
    pages: Vec<PageStart>,
    contents: Vec<Contents>,
    /// Blank lines that separate nothing: in a double-spaced text (OCR that
    /// puts a blank line after every printed line), a single blank line
    /// between two lines of text.
    soft: Vec<bool>,
    source: &'a SourceText,
}

/// The soft blank lines of a double-spaced text (see [`Layers::soft`]): a
/// text is double-spaced when most of its text lines have a blank line after
/// them and another line of text after that.
fn soft_blanks(infos: &[LineInfo]) -> Vec<bool> {
    let single = |k: usize| {
        k > 0
            && infos[k].class == LineClass::Blank
            && infos[k - 1].class == LineClass::Text
            && infos.get(k + 1).is_some_and(|x| x.class == LineClass::Text)
    };
    let text_lines = infos.iter().filter(|i| i.class == LineClass::Text).count();
    let singles = (0..infos.len()).filter(|&k| single(k)).count();
    let double_spaced = text_lines >= 10 && singles * 10 >= text_lines * 6;
    (0..infos.len())
        .map(|k| double_spaced && single(k))
        .collect()
}

/// Runs the structure pass.
pub fn structure(source: &SourceText, config: &StructureConfig) -> Structure {
    let layers = layers(source, config);
    let page_at: HashMap<usize, &PageStart> = layers.pages.iter().map(|p| (p.line, p)).collect();
    // Headings are looked for in a view without the soft blank lines of a
    // double-spaced text, then mapped back to source lines.
    let view: Vec<usize> = (0..layers.infos.len())
        .filter(|&k| !layers.soft[k])
        .collect();
    let mut at_view = vec![0usize; layers.infos.len()];
    for (v, &k) in view.iter().enumerate() {
        at_view[k] = v;
    }
    let view_infos: Vec<LineInfo> = view.iter().map(|&k| layers.infos[k].clone()).collect();
    let page_lines: HashSet<usize> = layers.pages.iter().map(|p| at_view[p.line]).collect();
    let mut heads = headings::detect(
        &view_infos,
        &page_lines,
        &config.function_words,
        &config.heading_rules,
        &config.layout,
    );
    for h in &mut heads {
        h.first = view[h.first];
        h.last = view[h.last];
    }
    let mut ids = IdMaker::default();
    let items = items(&layers, &heads, &page_at, &mut ids);
    nest(items, source.lines.len(), &mut ids)
}

/// Line classes, contents lists, page labels, running heads and page seams.
fn layers<'a>(source: &'a SourceText, config: &StructureConfig) -> Layers<'a> {
    let texts: Vec<&str> = source.lines.iter().map(|l| l.text.as_str()).collect();
    let mut infos: Vec<LineInfo> = texts.iter().map(|t| lines::classify(t)).collect();
    let contents = contents::detect(&infos, &config.layout);
    let mut skip = vec![false; infos.len()];
    for c in &contents {
        let from = c.title.unwrap_or(c.first).min(c.first);
        skip[from..=c.last].fill(true);
    }
    let found = labels::detect(&texts, &infos, &skip, &config.layout);
    let hints = seams::hints(&infos, &found, &texts);
    let running = furniture::detect(&infos, &found, &hints, page_length(&found, &hints), &skip);
    let mut furniture: HashMap<usize, Vec<Furniture>> = HashMap::new();
    let kind_at: HashMap<usize, FwKind> = running.iter().copied().collect();
    for l in &found {
        let kind = kind_at.get(&l.line).copied().unwrap_or(FwKind::Header);
        furniture.insert(l.line, label_pieces(texts[l.line], l, kind));
    }
    for &(i, kind) in &running {
        furniture.entry(i).or_insert_with(|| {
            vec![Furniture {
                kind,
                text: texts[i].to_string(),
                label: None,
                repaired: false,
            }]
        });
    }
    for &i in furniture.keys() {
        infos[i].class = LineClass::Furniture;
    }
    let pages = seams::detect(&infos, &found, &running, &texts);
    // Contents lines are not running text: headings and paragraphs pass them by.
    for (k, s) in skip.iter().enumerate() {
        if *s && infos[k].class == LineClass::Text {
            infos[k].class = LineClass::Furniture;
        }
    }
    let soft = soft_blanks(&infos);
    Layers {
        infos,
        furniture,
        pages,
        contents,
        soft,
        source,
    }
}

/// Lines a page holds: from the page labels (lines per step of the
/// number), else from the seams; 0 when neither tells.
fn page_length(labels: &[Label], seams: &[usize]) -> f64 {
    let mut per: Vec<f64> = labels
        .windows(2)
        .filter(|w| w[0].family == w[1].family && w[1].value > w[0].value)
        .map(|w| (w[1].line - w[0].line) as f64 / f64::from(w[1].value - w[0].value))
        .collect();
    if per.is_empty() {
        per = seams.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
    }
    per.sort_by(f64::total_cmp);
    per.get(per.len() / 2).copied().unwrap_or(0.0)
}

/// A line with a page label, in pieces: the label (`fw type="pageNum"`) and,
/// on a running head, the words beside it (`fw type="header"` or `"footer"`).
fn label_pieces(text: &str, l: &Label, kind: FwKind) -> Vec<Furniture> {
    let page = |t: &str, off: usize| Furniture {
        kind: FwKind::PageNum,
        text: t.to_string(),
        label: Some((l.range.start - off..l.range.end - off, l.label.clone())),
        repaired: l.repaired,
    };
    let words = |t: &str| Furniture {
        kind,
        text: t.to_string(),
        label: None,
        repaired: false,
    };
    match l.place {
        Place::Alone => vec![page(text, 0)],
        Place::Start => vec![page(&text[..l.range.end], 0), words(&text[l.range.end..])],
        Place::End => vec![
            words(&text[..l.range.start]),
            page(&text[l.range.start..], l.range.start),
        ],
    }
}

/// Inline nodes for source line `index` (0-based): page break, line start, text.
fn line_nodes(
    layers: &Layers,
    index: usize,
    page_at: &HashMap<usize, &PageStart>,
    out: &mut Vec<Inline>,
) {
    if let Some(p) = page_at.get(&index) {
        out.push(Inline::PageBreak(PageBreak {
            n: p.n.clone(),
            inferred: p.inferred,
        }));
    }
    out.push(Inline::LineStart {
        line: index + 1,
        joins_word: false,
    });
    let text = &layers.source.lines[index].text;
    match layers.furniture.get(&index) {
        Some(pieces) => out.extend(pieces.iter().cloned().map(Inline::Furniture)),
        None => push_text(text, out),
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
    layers: &'a Layers<'a>,
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
        line_nodes(self.layers, k, self.page_at, &mut block.content);
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
                        LineClass::Furniture => (BlockKind::Furniture, "fw"),
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
        self.out.push(Item::Heading(h.style(), block));
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

    /// A contents list: its title as head, one item per entry.
    fn contents(&mut self, c: &Contents) {
        self.flush();
        let head = c.title.map(|t| {
            let mut b = Block::new(
                BlockKind::Head,
                self.ids.make("head", &self.infos[t].trimmed),
            );
            self.line(t, &mut b);
            b
        });
        let start = c.title.map_or(c.first, |t| t + 1);
        let mut list = List {
            id: self.ids.unique(format!("list-L{}", c.first + 1)),
            items: Vec::new(),
        };
        let mut item: Option<Block> = None;
        for k in start..=c.last {
            let blank = self.infos[k].class == LineClass::Blank;
            if blank && item.is_none() {
                let mut b = Block::new(BlockKind::Spacing, "");
                self.line(k, &mut b);
                list.items.push(b);
                continue;
            }
            let mut b = item.take().unwrap_or_else(|| {
                Block::new(BlockKind::Item, self.ids.unique(format!("item-L{}", k + 1)))
            });
            self.line(k, &mut b);
            if c.entry_ends.contains(&k) || k == c.last {
                list.items.push(b);
            } else {
                item = Some(b);
            }
        }
        // Blank lines before the first entry belong to the division, not the list.
        let lead: Vec<Block> = {
            let n = list
                .items
                .iter()
                .take_while(|b| b.kind == BlockKind::Spacing)
                .count();
            list.items.drain(..n).collect()
        };
        let mut children: Vec<Node> = lead.into_iter().map(Node::Block).collect();
        children.push(Node::List(list));
        let div = Division {
            id: self.ids.unique(format!("contents-L{}", c.first + 1)),
            level: 1,
            kind: DivKind::Contents,
            head,
            children,
        };
        self.out.push(Item::Node(Node::Division(div)));
    }
}

fn items(
    layers: &Layers,
    heads: &[Heading],
    page_at: &HashMap<usize, &PageStart>,
    ids: &mut IdMaker,
) -> Vec<Item> {
    let infos = layers.infos.as_slice();
    let head_at: HashMap<usize, &Heading> = heads.iter().map(|h| (h.first, h)).collect();
    let contents_at: HashMap<usize, &Contents> = layers
        .contents
        .iter()
        .map(|c| (c.title.unwrap_or(c.first), c))
        .collect();
    let mut a = Assembler {
        layers,
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
        if let Some(c) = contents_at.get(&i) {
            a.contents(c);
            last_text = None;
            i = c.last + 1;
            continue;
        }
        if let Some(h) = head_at.get(&i) {
            a.heading(h);
            last_text = None;
            i = h.last + 1;
            continue;
        }
        match infos[i].class {
            LineClass::Blank | LineClass::Furniture => a.pending.push(i),
            // A speck inside a paragraph stays in it; between blocks it waits.
            LineClass::Noise if a.para.is_some() && a.pending.is_empty() => {
                if let Some(mut p) = a.para.take() {
                    a.line(i, &mut p);
                    a.para = Some(p);
                }
            }
            LineClass::Noise => a.pending.push(i),
            LineClass::Text => {
                let soft_only = a.pending.iter().all(|&k| layers.soft[k]);
                let continues = a.para.is_some()
                    && (soft_only || continues_across(infos, last_text, i, &a.pending, page_at));
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
        Item::Heading(style, b) => Some((k, style.clone(), b)),
        _ => None,
    });
    let title_index = title_index.and_then(|(k, level, b)| {
        let first_line = b.lines().first().copied().unwrap_or(0);
        let paragraphs_before = items[..k]
            .iter()
            .filter(|it| matches!(it, Item::Block(b) if b.kind == BlockKind::Paragraph))
            .count();
        let early = first_line <= (line_count / 5).max(30);
        let caps = matches!(level, Style::Case(Level::Capitals))
            || matches!(level, Style::Numbered(headings::Numbering::Word(_)));
        (caps && early && paragraphs_before <= 3).then_some(k)
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
                kind: DivKind::Preface,
                head: None,
                children: Vec::new(),
            };
            // Bare lines (blank lines, page numbers) after the note's last
            // block of text stay in <front>, outside the div; all else goes in.
            let bare = |it: &Item| matches!(it, Item::Block(b) if matches!(b.kind, BlockKind::Spacing | BlockKind::Furniture));
            let last_content = front_items.iter().rposition(|it| !bare(it)).unwrap_or(0);
            let mut trailing = Vec::new();
            for (k, it) in front_items.into_iter().enumerate() {
                let node = match it {
                    Item::Block(b) => Node::Block(b),
                    Item::Node(n) => n,
                    Item::Heading(..) => continue,
                };
                if k <= last_content {
                    div.children.push(node);
                } else {
                    trailing.push(node);
                }
            }
            s.front.push(Node::Division(div));
            s.front.extend(trailing);
        } else {
            for it in front_items {
                match it {
                    Item::Block(b) => s.front.push(Node::Block(b)),
                    Item::Node(n) => s.front.push(n),
                    Item::Heading(..) => {}
                }
            }
        }
    }

    // Body: a heading closes the open divisions at its level or deeper and
    // opens its own; blocks go to the innermost open division.
    let mut body: Vec<Node> = Vec::new();
    let mut stack: Vec<Division> = Vec::new();
    let styles: Vec<Style> = rest
        .iter()
        .filter_map(|it| match it {
            Item::Heading(s, _) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let mut levels = headings::assign_levels(&styles).into_iter();
    for it in rest {
        match it {
            Item::Heading(_, head) => {
                let level = levels.next().unwrap_or(1);
                while stack.last().is_some_and(|d| d.level >= level) {
                    close_innermost(&mut stack, &mut body);
                }
                let id = ids.unique(head.id.replacen("head", "div", 1));
                stack.push(Division {
                    id,
                    level,
                    kind: DivKind::Section,
                    head: Some(head),
                    children: Vec::new(),
                });
            }
            Item::Block(b) => {
                let container = match stack.last_mut() {
                    Some(d) => &mut d.children,
                    None => &mut body,
                };
                push_block(container, b, ids);
            }
            Item::Node(n) => match stack.last_mut() {
                Some(d) => d.children.push(n),
                None => body.push(n),
            },
        }
    }
    while !stack.is_empty() {
        close_innermost(&mut stack, &mut body);
    }
    s.body = body;
    s
}

/// Closes the innermost open division into its parent, or the body.
fn close_innermost(stack: &mut Vec<Division>, body: &mut Vec<Node>) {
    if let Some(d) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(Node::Division(d)),
            None => body.push(Node::Division(d)),
        }
    }
}

/// Adds a block to a container. TEI puts blocks before divisions: text that
/// follows a division in the same container (after a contents list, say)
/// goes into a division without a head of its own.
fn push_block(container: &mut Vec<Node>, b: Block, ids: &mut IdMaker) {
    let bare = matches!(b.kind, BlockKind::Spacing | BlockKind::Furniture);
    match container.last_mut() {
        Some(Node::Division(d)) if d.head.is_none() && d.kind == DivKind::Section => {
            d.children.push(Node::Block(b));
        }
        Some(Node::Division(d)) if !bare => {
            let level = d.level;
            let id = ids.unique(format!("div-L{}", b.lines().first().copied().unwrap_or(0)));
            container.push(Node::Division(Division {
                id,
                level,
                kind: DivKind::Section,
                head: None,
                children: vec![Node::Block(b)],
            }));
        }
        _ => container.push(Node::Block(b)),
    }
}
