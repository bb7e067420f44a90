//! The reading text of a block's inline nodes, with a map from every reading
//! byte back to the node (and byte) it came from, and the operation that wraps
//! reading spans into name nodes without changing the diplomatic text.
//!
//! Names are found on the reading text (corrections applied, words cut at a
//! line end joined, whitespace folded), but tagged on the nodes: Text nodes are
//! split at span edges, a `Choice` or a line start is always taken whole.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Inline, NameKind};

/// Where a reading byte came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Origin {
    node: u32,
    /// Byte offset inside a `Text` node; [`ATOMIC`] for atomic nodes
    /// (choice, line start).
    offset: u32,
}

/// The offset of a byte from an atomic node.
const ATOMIC: u32 = u32::MAX;

impl Origin {
    fn new(node: usize, offset: Option<usize>) -> Self {
        Origin {
            node: node as u32,
            offset: offset.map_or(ATOMIC, |o| o as u32),
        }
    }

    fn node(self) -> usize {
        self.node as usize
    }

    fn offset(self) -> Option<usize> {
        (self.offset != ATOMIC).then_some(self.offset as usize)
    }
}

/// Marks a node that names must not cross (an existing name).
const BARRIER: char = '\u{1}';

/// A run of reading bytes from one node: from reading byte `at` up to the
/// next segment's, byte `k` of the run comes from `origin` (its offset
/// moved on by `k` inside a `Text` node).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    at: u32,
    origin: Origin,
}

/// The reading text of a run of inline nodes, mapped back to them: by
/// segments (a text node's run of bytes is one), not a record a byte, so
/// the map is a small part of the text's size.
#[derive(Debug, Clone, Default)]
pub struct ReadingMap {
    pub text: String,
    segments: Vec<Segment>,
}

impl ReadingMap {
    pub fn build(nodes: &[Inline]) -> Self {
        let mut m = ReadingMap::default();
        let size: usize = nodes
            .iter()
            .map(|n| match n {
                Inline::Text(s) => s.len(),
                Inline::Choice { corr, .. } => corr.len(),
                _ => 1,
            })
            .sum();
        m.text.reserve(size);
        for (i, n) in nodes.iter().enumerate() {
            match n {
                Inline::LineStart { joins_word, .. } => {
                    if *joins_word {
                        while m.text.ends_with(' ') {
                            m.text.pop();
                            while m
                                .segments
                                .last()
                                .is_some_and(|g| g.at as usize >= m.text.len())
                            {
                                m.segments.pop();
                            }
                        }
                    } else {
                        m.push_space(Origin::new(i, None));
                    }
                }
                Inline::Text(s) => {
                    // Runs of non-space characters are copied whole.
                    let mut run: Option<usize> = None;
                    for (k, c) in s.char_indices() {
                        if c.is_whitespace() {
                            if let Some(a) = run.take() {
                                m.push_str(&s[a..k], Origin::new(i, Some(a)));
                            }
                            m.push_space(Origin::new(i, Some(k)));
                        } else if run.is_none() {
                            run = Some(k);
                        }
                    }
                    if let Some(a) = run {
                        m.push_str(&s[a..], Origin::new(i, Some(a)));
                    }
                }
                Inline::Choice { corr, .. } => {
                    for c in corr.chars() {
                        let at = Origin::new(i, None);
                        if c.is_whitespace() {
                            m.push_space(at);
                        } else {
                            m.push_char(c, at);
                        }
                    }
                }
                Inline::Name { .. } => m.push_char(BARRIER, Origin::new(i, None)),
                Inline::PageBreak(_)
                | Inline::PrintedHyphen(_)
                | Inline::Furniture(_)
                | Inline::Control(_) => {}
            }
        }
        m
    }

    /// True when a correction of the cleaning pass supplied a letter of
    /// `start..end`: the text there is not as printed.
    pub fn corrected(&self, start: usize, end: usize) -> bool {
        let bytes = &self.text.as_bytes()[start..end];
        let mut g = self.segment_of(start);
        (start..end).zip(bytes).any(|(b, &c)| {
            while self.segments.get(g + 1).is_some_and(|n| n.at as usize <= b) {
                g += 1;
            }
            self.segments[g].origin.offset == ATOMIC && c != b' '
        })
    }

    /// The segment reading byte `at` (inside the text) belongs to.
    fn segment_of(&self, at: usize) -> usize {
        self.segments
            .partition_point(|g| g.at as usize <= at)
            .saturating_sub(1)
    }

    /// Where reading byte `at` (inside the text) came from.
    fn origin(&self, at: usize) -> Origin {
        assert!(at < self.text.len(), "reading byte {at} out of range");
        let g = self.segments[self.segment_of(at)];
        Origin {
            node: g.origin.node,
            offset: if g.origin.offset == ATOMIC {
                ATOMIC
            } else {
                g.origin.offset + (at as u32 - g.at)
            },
        }
    }

    fn push_space(&mut self, at: Origin) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.push_char(' ', at);
        }
    }

    fn push_char(&mut self, c: char, at: Origin) {
        self.push_str(c.encode_utf8(&mut [0u8; 4]), at);
    }

    /// Pushes `s`, whose first byte comes from `at` and the others from
    /// the bytes after it (one node's text, or one atomic node).
    fn push_str(&mut self, s: &str, at: Origin) {
        let here = self.text.len() as u32;
        // The last segment runs on when this byte is the next of its node.
        let runs_on = self.segments.last().is_some_and(|g| {
            g.origin.node == at.node
                && if g.origin.offset == ATOMIC {
                    at.offset == ATOMIC
                } else {
                    at.offset != ATOMIC && g.origin.offset + (here - g.at) == at.offset
                }
        });
        if !runs_on {
            self.segments.push(Segment {
                at: here,
                origin: at,
            });
        }
        self.text.push_str(s);
    }

    /// The line number of the source line a reading byte comes from.
    pub fn line_of(&self, nodes: &[Inline], at: usize) -> usize {
        let node = if at < self.text.len() {
            self.origin(at).node()
        } else {
            0
        };
        nodes[..=node.min(nodes.len().saturating_sub(1))]
            .iter()
            .rev()
            .find_map(|n| match n {
                Inline::LineStart { line, .. } => Some(*line),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// The node positions `[start, end)` of a reading span: (node, byte offset).
    fn positions(&self, nodes: &[Inline], start: usize, end: usize) -> (Pos, Pos) {
        let first = self.origin(start);
        let last = self.origin(end - 1);
        let s = match first.offset() {
            Some(o) => Pos::new(nodes, first.node(), o),
            None => Pos::new(nodes, first.node(), 0),
        };
        let e = match last.offset() {
            Some(o) => Pos::new(nodes, last.node(), o + 1),
            None => Pos::new(nodes, last.node() + 1, 0),
        };
        (s, e)
    }
}

/// A position between nodes or inside a Text node: before byte `offset` of `node`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Pos {
    node: usize,
    offset: usize,
}

impl Pos {
    /// Normalised: the end of a node is the start of the next.
    fn new(nodes: &[Inline], node: usize, offset: usize) -> Self {
        match nodes.get(node) {
            Some(Inline::Text(s)) if offset >= s.len() => Pos {
                node: node + 1,
                offset: 0,
            },
            _ => Pos { node, offset },
        }
    }
}

/// A span of the reading text to tag as a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: NameKind,
    pub entity: String,
    /// Names nested inside this one (sorted, not overlapping, inside
    /// `start..end`).
    pub inner: Vec<Span>,
}

/// A span placed on the split nodes: pieces `from..to`.
struct Placed<'a> {
    from: usize,
    to: usize,
    span: &'a Span,
    inner: Vec<Placed<'a>>,
}

type Pieces = std::iter::Peekable<std::iter::Enumerate<std::vec::IntoIter<Inline>>>;

/// Wraps the given reading spans (sorted, not overlapping; each with its
/// nested spans) into `Name` nodes. The diplomatic text of the nodes is
/// unchanged.
pub fn wrap(nodes: Vec<Inline>, map: &ReadingMap, spans: &[Span]) -> Vec<Inline> {
    if spans.is_empty() {
        return nodes;
    }
    fn ranges<'a>(
        nodes: &[Inline],
        map: &ReadingMap,
        spans: &'a [Span],
        out: &mut Vec<(Pos, Pos, &'a Span, usize)>,
        depth: usize,
    ) {
        for s in spans {
            let (a, b) = map.positions(nodes, s.start, s.end);
            out.push((a, b, s, depth));
            ranges(nodes, map, &s.inner, out, depth + 1);
        }
    }
    let mut all: Vec<(Pos, Pos, &Span, usize)> = Vec::new();
    ranges(&nodes, map, spans, &mut all, 0);
    let mut cuts: BTreeSet<Pos> = BTreeSet::new();
    for (a, b, _, _) in &all {
        cuts.insert(*a);
        cuts.insert(*b);
    }
    // Split Text nodes at the cuts; remember where every cut lands.
    let mut pieces: Vec<Inline> = Vec::with_capacity(nodes.len() + 2 * all.len());
    let mut index_of: HashMap<Pos, usize> = HashMap::default();
    let total = nodes.len();
    for (i, n) in nodes.into_iter().enumerate() {
        index_of.insert(Pos { node: i, offset: 0 }, pieces.len());
        match n {
            Inline::Text(s) => {
                let offsets = cuts
                    .range(
                        Pos { node: i, offset: 1 }..Pos {
                            node: i,
                            offset: usize::MAX,
                        },
                    )
                    .map(|p| p.offset)
                    .filter(|&o| o < s.len() && s.is_char_boundary(o));
                let mut from = 0;
                for o in offsets {
                    pieces.push(Inline::Text(s[from..o].to_string()));
                    index_of.insert(Pos { node: i, offset: o }, pieces.len());
                    from = o;
                }
                // A node no cut falls in is moved, not copied.
                pieces.push(Inline::Text(if from == 0 {
                    s
                } else {
                    s[from..].to_string()
                }));
            }
            other => pieces.push(other),
        }
    }
    index_of.insert(
        Pos {
            node: total,
            offset: 0,
        },
        pieces.len(),
    );
    // The spans on the pieces, as a tree again; a nested span that does
    // not fall inside its name's pieces is left out.
    fn place<'a>(
        all: &[(Pos, Pos, &'a Span, usize)],
        k: &mut usize,
        depth: usize,
        within: (usize, usize),
        index_of: &HashMap<Pos, usize>,
    ) -> Vec<Placed<'a>> {
        let mut out: Vec<Placed<'a>> = Vec::new();
        while *k < all.len() && all[*k].3 == depth {
            let (a, b, span, _) = all[*k];
            *k += 1;
            let at = (index_of.get(&a).copied(), index_of.get(&b).copied());
            let inside = |f: usize, t: usize| {
                f < t && f >= within.0 && t <= within.1 && out.last().is_none_or(|l| l.to <= f)
            };
            let placed = match at {
                (Some(f), Some(t)) if inside(f, t) => Some((f, t)),
                _ => None,
            };
            let inner = place(all, k, depth + 1, placed.unwrap_or((0, 0)), index_of);
            if let Some((from, to)) = placed {
                out.push(Placed {
                    from,
                    to,
                    span,
                    inner,
                });
            }
        }
        out
    }
    let mut k = 0;
    let placed = place(&all, &mut k, 0, (0, usize::MAX), &index_of);
    fn emit(pieces: &mut Pieces, placed: &[Placed], limit: usize, out: &mut Vec<Inline>) {
        for p in placed {
            while let Some((k, _)) = pieces.peek() {
                if *k >= p.from {
                    break;
                }
                out.extend(pieces.next().map(|(_, n)| n));
            }
            let mut content = Vec::new();
            emit(pieces, &p.inner, p.to, &mut content);
            if !content.is_empty() {
                out.push(Inline::Name {
                    kind: p.span.kind,
                    entity: p.span.entity.clone(),
                    content,
                });
            }
        }
        while let Some((k, _)) = pieces.peek() {
            if *k >= limit {
                break;
            }
            out.extend(pieces.next().map(|(_, n)| n));
        }
    }
    let mut out = Vec::with_capacity(pieces.len());
    let mut pieces: Pieces = pieces.into_iter().enumerate().peekable();
    emit(&mut pieces, &placed, usize::MAX, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Certainty, CorrectionKind, diplomatic_text, reading_text};

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }
    fn lb(line: usize, joins_word: bool) -> Inline {
        Inline::LineStart { line, joins_word }
    }

    fn tag(nodes: Vec<Inline>, needle: &str) -> Vec<Inline> {
        let map = ReadingMap::build(&nodes);
        let start = map.text.find(needle).expect("needle in reading text");
        let span = Span {
            start,
            end: start + needle.len(),
            kind: NameKind::State,
            entity: "x".into(),
            inner: Vec::new(),
        };
        wrap(nodes, &map, &[span])
    }

    #[test]
    fn reading_text_matches_the_model() {
        let nodes = vec![lb(1, false), t("the  Soviet Un"), lb(2, true), t("ion. ")];
        let map = ReadingMap::build(&nodes);
        assert_eq!(map.text.trim(), reading_text(&nodes));
    }

    #[test]
    fn name_across_a_joined_line_keeps_the_source() {
        let nodes = vec![lb(1, false), t("the Soviet Un"), lb(2, true), t("ion has")];
        let before = diplomatic_text(&nodes);
        let out = tag(nodes, "Soviet Union");
        assert_eq!(diplomatic_text(&out), before);
        let Inline::Name { content, .. } = &out[2] else {
            panic!("no name: {out:?}")
        };
        assert_eq!(reading_text(content), "Soviet Union");
        assert_eq!(out[1], t("the "));
        assert_eq!(out[3], t(" has"));
    }

    #[test]
    fn a_choice_is_wrapped_whole_never_split() {
        let nodes = vec![
            lb(1, false),
            t("K. Marx and P. "),
            Inline::Choice {
                sic: "Sngels".into(),
                corr: "Engels".into(),
                kind: CorrectionKind::Confusion,
                cert: Certainty::High,
            },
            t(", Works"),
        ];
        let before = diplomatic_text(&nodes);
        let out = tag(nodes, "P. Engels");
        assert_eq!(diplomatic_text(&out), before);
        let name = out
            .iter()
            .find_map(|n| match n {
                Inline::Name { content, .. } => Some(content.clone()),
                _ => None,
            })
            .expect("a name");
        assert!(matches!(name.last(), Some(Inline::Choice { .. })));
        assert_eq!(reading_text(&name), "P. Engels");
    }

    #[test]
    fn two_names_in_one_text_node() {
        let nodes = vec![lb(1, false), t("Italy and France.")];
        let map = ReadingMap::build(&nodes);
        let spans = [
            Span {
                start: 0,
                end: 5,
                kind: NameKind::State,
                entity: "it".into(),
                inner: Vec::new(),
            },
            Span {
                start: 10,
                end: 16,
                kind: NameKind::State,
                entity: "fr".into(),
                inner: Vec::new(),
            },
        ];
        let out = wrap(nodes.clone(), &map, &spans);
        assert_eq!(diplomatic_text(&out), diplomatic_text(&nodes));
        let names: Vec<String> = out
            .iter()
            .filter_map(|n| match n {
                Inline::Name { content, .. } => Some(reading_text(content)),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["Italy", "France"]);
    }

    #[test]
    fn nested_names_are_wrapped_inside_their_name() {
        let nodes = vec![
            lb(1, false),
            t("the Central Committee of the Communist Party of the Soviet Un"),
            lb(2, true),
            t("ion has"),
        ];
        let before = diplomatic_text(&nodes);
        let map = ReadingMap::build(&nodes);
        let at = |s: &str| {
            let a = map.text.find(s).unwrap();
            (a, a + s.len())
        };
        let span = |s: &str, e: &str, inner: Vec<Span>| {
            let (start, end) = at(s);
            Span {
                start,
                end,
                kind: NameKind::Org,
                entity: e.into(),
                inner,
            }
        };
        let ussr = span("Soviet Union", "ussr", vec![]);
        let cpsu = span("Communist Party of the Soviet Union", "cpsu", vec![ussr]);
        let cc = span(
            "Central Committee of the Communist Party of the Soviet Union",
            "cc-cpsu",
            vec![cpsu],
        );
        let out = wrap(nodes, &map, &[cc]);
        assert_eq!(diplomatic_text(&out), before);
        let mut found = Vec::new();
        crate::model::visit_inlines(&out, &mut |n| {
            if let Inline::Name {
                entity, content, ..
            } = n
            {
                found.push((entity.clone(), reading_text(content)));
            }
        });
        assert_eq!(
            found,
            [
                (
                    "cc-cpsu".to_string(),
                    "Central Committee of the Communist Party of the Soviet Union".to_string()
                ),
                (
                    "cpsu".to_string(),
                    "Communist Party of the Soviet Union".to_string()
                ),
                ("ussr".to_string(), "Soviet Union".to_string()),
            ]
        );
        assert_eq!(out[1], t("the "));
        assert_eq!(out[3], t(" has"));
    }

    #[test]
    fn line_of_reports_the_source_line() {
        let nodes = vec![lb(7, false), t("a b"), lb(8, false), t("Poland")];
        let map = ReadingMap::build(&nodes);
        let at = map.text.find("Poland").unwrap();
        assert_eq!(map.line_of(&nodes, at), 8);
    }
}
