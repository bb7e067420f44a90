//! Structure pass: source lines into front matter, title page, divisions,
//! heads, paragraphs and page breaks, every line kept.

mod assemble;
mod companions;
pub mod contents;
pub mod documents;
pub mod eval;
pub mod formulas;
pub mod furniture;
mod heading_lines;
mod heading_stacks;
pub mod heading_styles;
pub mod headings;
pub mod labels;
pub mod layout;
pub mod lines;
mod nest;
pub mod seams;

use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};

use crate::model::{Block, Furniture, FwKind, Inline, Node, PageBreak, SourceText};
use contents::Contents;
use headings::{HeadingRules, Style};
use labels::{Label, Place};
use layout::Layout;
use lines::{LineClass, LineInfo};
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
pub(crate) enum Item {
    Block(Block),
    Heading(Style, Block),
    /// A node made whole already: a contents list.
    Node(Node),
}

/// What the layout passes found on each line, for the assembler.
pub(crate) struct Layers<'a> {
    infos: Vec<LineInfo>,
    /// Page furniture by line: the line's pieces.
    furniture: FxHashMap<usize, Vec<Furniture>>,
    pages: Vec<PageStart>,
    contents: Vec<Contents>,
    /// Blank lines that separate nothing: in a double-spaced text (OCR that
    /// puts a blank line after every printed line), a single blank line
    /// between two lines of text.
    soft: Vec<bool>,
    /// Each line's formula, shared by the heading and document passes.
    formulas: formulas::LineFormulas,
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
    // Lines of text that touch the next: rare in a double-spaced text.
    let touching = infos
        .windows(2)
        .filter(|w| w[0].class == LineClass::Text && w[1].class == LineClass::Text)
        .count();
    let double_spaced =
        text_lines >= 10 && singles * 10 >= text_lines * 6 && touching * 5 <= text_lines;
    (0..infos.len())
        .map(|k| double_spaced && single(k))
        .collect()
}

/// Runs the structure pass.
pub fn structure(source: &SourceText, config: &StructureConfig) -> Structure {
    let layers = layers(source, config);
    let page_at: FxHashMap<usize, &PageStart> = layers.pages.iter().map(|p| (p.line, p)).collect();
    // Headings are looked for in a view without the soft blank lines of a
    // double-spaced text, then mapped back to source lines.
    let view: Vec<usize> = (0..layers.infos.len())
        .filter(|&k| !layers.soft[k])
        .collect();
    let mut at_view = vec![0usize; layers.infos.len()];
    for (v, &k) in view.iter().enumerate() {
        at_view[k] = v;
    }
    // Most texts have no soft blank lines: their view is every line, read
    // in place (a copy held every line's text twice more).
    let view_infos: std::borrow::Cow<[LineInfo]> = if view.len() == layers.infos.len() {
        std::borrow::Cow::Borrowed(&layers.infos)
    } else {
        view.iter().map(|&k| layers.infos[k].clone()).collect()
    };
    let page_lines: HashSet<usize> = layers.pages.iter().map(|p| at_view[p.line]).collect();
    let mut heads = headings::detect_in(
        &view_infos,
        &page_lines,
        &config.function_words,
        &config.heading_rules,
        &config.layout,
        &layers.formulas,
        &view,
    );
    for h in &mut heads {
        h.first = view[h.first];
        h.last = view[h.last];
    }
    let mut ids = IdMaker::default();
    let documents = documents::detect(&layers, &config.layout);
    let items = assemble::items(&layers, &heads, &documents, &page_at, &mut ids);
    let mut s = nest::nest(items, source.lines.len(), &documents, &mut ids);
    documents::settle(&mut s.body, &documents, &config.layout);
    s
}

/// Line classes, contents lists, page labels, running heads and page seams.
fn layers<'a>(source: &'a SourceText, config: &StructureConfig) -> Layers<'a> {
    let texts: Vec<&str> = source.lines.iter().map(|l| l.text.as_str()).collect();
    let mut infos: Vec<LineInfo> = texts.iter().map(|t| lines::classify(t)).collect();
    let contents = contents::detect(&infos, &config.layout);
    let mut skip = vec![false; infos.len()];
    let mut in_contents = vec![false; infos.len()];
    for c in &contents {
        let from = c.title.unwrap_or(c.first).min(c.first);
        skip[from..=c.last].fill(true);
        in_contents[from..=c.last].fill(true);
    }
    // Page markers of a text export (`--- Page 12 ---`) are seams, and
    // neither labels nor running heads: nothing printed them.
    let breaks: Vec<usize> = (0..texts.len())
        .filter(|&i| labels::page_marker(&infos[i].trimmed, &config.layout))
        .collect();
    let mut marker = vec![false; infos.len()];
    for &i in &breaks {
        skip[i] = true;
        marker[i] = true;
    }
    let found = labels::detect(
        &texts,
        &infos,
        &marker,
        &in_contents,
        &breaks,
        &config.layout,
    );
    let hints = seams::hints(&infos, &found, &breaks, &texts, &config.layout);
    // Each line's formula, worked out once for every pass that asks.
    let formulas = formulas::LineFormulas::new(infos.len());
    let mut running = furniture::running(&infos, &found, &skip, &hints, &config.layout, &formulas);
    // A title stacked over connector lines (`MODERN TREATMENT` / `OF` /
    // `SYPHILITIC DISEASES.`) is no running head, though a book's running
    // heads repeat its words.
    let stacked = headings::stacked_lines(
        &infos,
        &config.function_words,
        &config.heading_rules,
        &config.layout,
        &formulas,
    );
    running.retain(|&(i, _)| !stacked[i]);
    let found = labels::beside_furniture(found, &infos, &running, &skip);
    let beside = companions::detect(
        &infos,
        &found,
        &running,
        &skip,
        &config.layout,
        &config.function_words,
    );
    running.extend(beside);
    running.sort_unstable();
    running.dedup_by_key(|x| x.0);
    let mut furniture: FxHashMap<usize, Vec<Furniture>> = FxHashMap::default();
    let kind_at: FxHashMap<usize, FwKind> = running.iter().copied().collect();
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
    let pages = seams::detect(&infos, &found, &running, &breaks, &texts);
    // Contents lines are not running text: headings and paragraphs pass them by.
    for (k, s) in skip.iter().enumerate() {
        if *s && infos[k].class == LineClass::Text {
            infos[k].class = LineClass::Furniture;
        }
    }
    let soft = soft_blanks(&infos);
    Layers {
        formulas,
        infos,
        furniture,
        pages,
        contents,
        soft,
        source,
    }
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
pub(crate) fn line_nodes(
    layers: &Layers,
    index: usize,
    page_at: &FxHashMap<usize, &PageStart>,
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
        Some(pieces) => out.extend(
            pieces
                .iter()
                .map(|f| Inline::Furniture(Box::new(f.clone()))),
        ),
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
    // Almost every line has no control character: bytes below a space
    // other than tab and line ends, or a lead byte 0xEF (of U+FEFF, U+FFFE
    // and U+FFFF). Such a line is one text node.
    if text
        .bytes()
        .all(|b| (b >= b' ' || matches!(b, b'\t' | b'\n' | b'\r')) && b != 0xEF)
    {
        if !text.is_empty() {
            out.push(Inline::Text(text.to_string()));
        }
        return;
    }
    // Runs between control characters, each copied once at its own size.
    let mut from = 0;
    for (i, c) in text.char_indices().filter(|&(_, c)| is_control(c)) {
        if i > from {
            out.push(Inline::Text(text[from..i].to_string()));
        }
        out.push(Inline::Control(c));
        from = i + c.len_utf8();
    }
    if from < text.len() {
        out.push(Inline::Text(text[from..].to_string()));
    }
}

#[derive(Default)]
pub(crate) struct IdMaker {
    used: HashSet<String>,
    /// The next suffix to try for a base already taken: without it, the
    /// n-th paragraph of one base would probe n suffixes (quadratic).
    next: HashMap<String, usize>,
}

impl IdMaker {
    /// A unique id from a prefix and a slug of `text`.
    pub(crate) fn make(&mut self, prefix: &str, text: &str) -> String {
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

    pub(crate) fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let k = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{k}");
            *k += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}
