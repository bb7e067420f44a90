//! Assembly: source lines grouped into blocks in reading order (paragraphs
//! across page seams, headings, contents lists, blank lines and furniture).

use rustc_hash::FxHashMap as HashMap;

use super::contents::Contents;
use super::headings::Heading;
use super::lines::{LineClass, LineInfo, ends_sentence, starts_lowercase};
use super::seams::PageStart;
use super::{IdMaker, Item, Layers, line_nodes};
use crate::model::{Block, BlockKind, DivKind, Division, List, Node};

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
        if let Some(mut p) = self.para.take() {
            // A paragraph grows a line at a time, doubling its vector: the
            // model holds it through every pass, so without the slack.
            p.content.shrink_to_fit();
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

/// `documents`: first lines of the documents after the first (several in
/// one file); no paragraph runs on across one.
pub(super) fn items(
    layers: &Layers,
    heads: &[Heading],
    documents: &[usize],
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
            LineClass::Noise
                if a.para.is_some()
                    && a.pending.is_empty()
                    && documents.binary_search(&i).is_err() =>
            {
                if let Some(mut p) = a.para.take() {
                    a.line(i, &mut p);
                    a.para = Some(p);
                }
            }
            LineClass::Noise => a.pending.push(i),
            LineClass::Text => {
                let soft_only = a.pending.iter().all(|&k| layers.soft[k]);
                let new_document = documents.binary_search(&i).is_ok();
                let continues = a.para.is_some()
                    && !new_document
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
