//! Heading detection, nesting, title and page numbers measured against
//! annotations made by reading the texts (tests/data/structure/*.toml).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use tei_encoder::model::Metadata;
use tei_encoder::model::{Document, Inline, Node};
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_path;

#[derive(Deserialize)]
struct Annotation {
    title: Option<Span>,
    page_numbers: Vec<u32>,
    #[serde(default)]
    heading: Vec<Heading>,
}

#[derive(Deserialize)]
struct Span {
    first: usize,
    last: usize,
}

#[derive(Deserialize, Clone)]
struct Heading {
    line: usize,
    last: Option<usize>,
    level: u8,
    parent: Option<usize>,
}

/// (first line, level, first line of the parent heading) for each division with a head.
fn found_headings(doc: &Document) -> BTreeMap<usize, (u8, Option<usize>, usize)> {
    fn walk(
        nodes: &[Node],
        parent: Option<usize>,
        out: &mut BTreeMap<usize, (u8, Option<usize>, usize)>,
    ) {
        for n in nodes {
            if let Node::Division(d) = n {
                let Some(head) = &d.head else {
                    walk(&d.children, parent, out);
                    continue;
                };
                let lines = head.lines();
                let first = lines[0];
                let last = *lines.last().unwrap();
                out.insert(first, (d.level, parent, last));
                walk(&d.children, Some(first), out);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&doc.front, None, &mut out);
    walk(&doc.body, None, &mut out);
    out
}

fn printed_page_numbers(doc: &Document) -> Vec<u32> {
    let mut out = Vec::new();
    for b in doc.blocks() {
        tei_encoder::model::visit_inlines(&b.content, &mut |n| {
            if let Inline::PageBreak(pb) = n
                && !pb.inferred
                && let Some(n) = &pb.n
            {
                out.push(n.parse().unwrap());
            }
        });
    }
    out
}

struct Scores {
    precision: f64,
    recall: f64,
    nesting: f64,
    found: usize,
}

fn score(text: &Path, annotation: &Path) -> (Scores, Document, Annotation) {
    let ann: Annotation = toml::from_str(&std::fs::read_to_string(annotation).unwrap()).unwrap();
    let source = read_path(text).unwrap();
    let opts = EncodeOptions {
        date: "2026-01-01".into(),
        ..Default::default()
    };
    let doc = encode(source, Metadata::default(), &opts).unwrap();
    let found = found_headings(&doc);
    let expected: BTreeMap<usize, Heading> =
        ann.heading.iter().map(|h| (h.line, h.clone())).collect();
    let correct = found
        .iter()
        .filter(|(line, (level, _, last))| {
            expected
                .get(line)
                .is_some_and(|e| e.level == *level && e.last.unwrap_or(e.line) == *last)
        })
        .count();
    let nested_ok = expected
        .values()
        .filter(|e| {
            found
                .get(&e.line)
                .is_some_and(|(_, parent, _)| *parent == e.parent)
        })
        .count();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let scores = Scores {
        precision: ratio(correct, found.len()),
        recall: ratio(correct, expected.len()),
        nesting: ratio(nested_ok, expected.len()),
        found: found.len(),
    };
    (scores, doc, ann)
}

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/structure")
        .join(name)
}

#[test]
fn seed_headings_match_the_annotation() {
    let text =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed/cult-of-the-individual-1956.txt");
    let (s, doc, ann) = score(&text, &data("seed-headings.toml"));
    eprintln!(
        "seed: {} headings found, precision {:.3}, recall {:.3}, nesting {:.3}",
        s.found, s.precision, s.recall, s.nesting
    );
    assert!(s.precision >= 0.95, "precision {}", s.precision);
    assert!(s.recall >= 0.95, "recall {}", s.recall);
    assert!(s.nesting >= 0.95, "nesting {}", s.nesting);
    let t = doc.title_page.as_ref().expect("a title page");
    let lines = t.lines();
    let want = ann.title.unwrap();
    assert_eq!((lines[0], *lines.last().unwrap()), (want.first, want.last));
    assert_eq!(printed_page_numbers(&doc), ann.page_numbers);
}

/// A text of another kind must match its annotation exactly: headings,
/// nesting, title lines and printed page numbers.
fn assert_matches_annotation(stem: &str) {
    let (s, doc, ann) = score(
        &data(&format!("{stem}.txt")),
        &data(&format!("{stem}.toml")),
    );
    eprintln!(
        "{stem}: precision {:.3}, recall {:.3}, nesting {:.3}",
        s.precision, s.recall, s.nesting
    );
    assert!(
        s.precision >= 0.99 && s.recall >= 0.99,
        "{} {}",
        s.precision,
        s.recall
    );
    assert!(s.nesting >= 0.99, "nesting {}", s.nesting);
    let want = ann.title.unwrap();
    let lines = doc.title_page.as_ref().unwrap().lines();
    assert_eq!((lines[0], *lines.last().unwrap()), (want.first, want.last));
    assert_eq!(printed_page_numbers(&doc), ann.page_numbers);
}

#[test]
fn press_release_headings_and_title() {
    assert_matches_annotation("press-release-1962");
}

#[test]
fn speech_without_headings_gets_none() {
    let (s, doc, _) = score(&data("speech-1971.txt"), &data("speech-1971.toml"));
    assert_eq!(s.found, 0, "invented headings");
    assert!(doc.title_page.is_none());
    assert!(printed_page_numbers(&doc).is_empty());
}

#[test]
fn report_extract_numbered_headings_and_signature() {
    assert_matches_annotation("report-extract-1948");
}
