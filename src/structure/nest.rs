//! Nesting: items in reading order into front matter, title page and
//! nested divisions, one level per heading style.

use super::headings::{self, Level, Style};
use super::{IdMaker, Item, Structure};
use crate::model::{Block, BlockKind, DivKind, Division, Node};

/// Splits items into front, title page and body, and nests divisions.
pub(super) fn nest(
    items: Vec<Item>,
    line_count: usize,
    documents: &[usize],
    ids: &mut IdMaker,
) -> Structure {
    if !documents.is_empty() {
        return Structure {
            body: nest_documents(items, documents, ids),
            ..Structure::default()
        };
    }
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
                if k > last_content {
                    trailing.push(node);
                } else if let Node::Block(b) = node {
                    push_block(&mut div.children, b, ids);
                } else {
                    div.children.push(node);
                }
            }
            s.front.push(Node::Division(div));
            s.front.extend(trailing);
        } else {
            for it in front_items {
                match it {
                    Item::Block(b) => push_block(&mut s.front, b, ids),
                    Item::Node(n) => s.front.push(n),
                    Item::Heading(..) => {}
                }
            }
        }
    }

    s.body = nest_sections(rest, 0, ids);
    s
}

/// The first source line (1-based) an item holds.
fn first_line(it: &Item) -> usize {
    match it {
        Item::Block(b) | Item::Heading(_, b) => b.lines().first().copied().unwrap_or(0),
        Item::Node(n) => n.first_line(),
    }
}

/// Several documents in one file: one `div type="document"` each, its first
/// heading (when it comes before any text) as its head, its sections below.
fn nest_documents(items: Vec<Item>, starts: &[usize], ids: &mut IdMaker) -> Vec<Node> {
    let mut segments: Vec<Vec<Item>> = vec![Vec::new()];
    let mut next = starts.iter().map(|s| s + 1).peekable();
    for it in items {
        let line = first_line(&it);
        if next.peek().is_some_and(|&s| line >= s) {
            while next.peek().is_some_and(|&s| line >= s) {
                next.next();
            }
            segments.push(Vec::new());
        }
        if let Some(seg) = segments.last_mut() {
            seg.push(it);
        }
    }
    let mut out = Vec::new();
    for mut seg in segments.into_iter().filter(|s| !s.is_empty()) {
        let bare = |it: &Item| matches!(it, Item::Block(b) if matches!(b.kind, BlockKind::Spacing | BlockKind::Furniture));
        let lead = seg.iter().take_while(|it| bare(it)).count();
        let mut head = None;
        if let Some(Item::Heading(..)) = seg.get(lead) {
            // Blank lines and furniture before the head stay before the
            // division, in source order (they are written as `lb`, `fw`).
            let rest = seg.split_off(lead);
            for it in std::mem::replace(&mut seg, rest) {
                if let Item::Block(b) = it {
                    out.push(Node::Block(b));
                }
            }
            if let Item::Heading(_, h) = seg.remove(0) {
                head = Some(h);
            }
        }
        let first = seg
            .first()
            .map(first_line)
            .or_else(|| head.as_ref().and_then(|h| h.lines().first().copied()))
            .unwrap_or(0);
        let id = ids.unique(format!("document-L{first}"));
        let children = nest_sections(seg, 1, ids);
        out.push(Node::Division(Division {
            id,
            level: 1,
            kind: DivKind::Document,
            head,
            children,
        }));
    }
    out
}

/// Sections: a heading closes the open divisions at its level or deeper and
/// opens its own; blocks go to the innermost open division. `base` is the
/// level of the container (1 inside a document division).
fn nest_sections(rest: Vec<Item>, base: u8, ids: &mut IdMaker) -> Vec<Node> {
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
                let level = levels.next().unwrap_or(1) + base;
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
    body
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
    let is_bare = |b: &Block| matches!(b.kind, BlockKind::Spacing | BlockKind::Furniture);
    let headless =
        |n: &Node| matches!(n, Node::Division(d) if d.head.is_none() && d.kind == DivKind::Section);
    if is_bare(&b) {
        match container.last_mut() {
            Some(Node::Division(d)) if d.head.is_none() && d.kind == DivKind::Section => {
                d.children.push(Node::Block(b));
            }
            _ => container.push(Node::Block(b)),
        }
        return;
    }
    // Blank lines and furniture already placed after the last division.
    let trailing = container
        .iter()
        .rev()
        .take_while(|n| matches!(n, Node::Block(x) if is_bare(x)))
        .count();
    let before = container.len() - trailing;
    match container[..before].last() {
        Some(n) if headless(n) && trailing == 0 => {
            if let Some(Node::Division(d)) = container.last_mut() {
                d.children.push(Node::Block(b));
            }
        }
        Some(Node::Division(d)) => {
            let level = d.level;
            let id = ids.unique(format!("div-L{}", b.lines().first().copied().unwrap_or(0)));
            let mut children: Vec<Node> = container.drain(before..).collect();
            children.push(Node::Block(b));
            container.push(Node::Division(Division {
                id,
                level,
                kind: DivKind::Section,
                head: None,
                children,
            }));
        }
        _ => container.push(Node::Block(b)),
    }
}
