//! Bad input for the structure pass: a text with no structure at all, and
//! texts made of nothing but headings, stay valid and flat enough.

use tei_encoder::model::Metadata;
use tei_encoder::model::{Document, Node};
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_bytes;
use tei_encoder::tei::write_tei;

fn run(text: &str) -> Document {
    let source = read_bytes("t.txt", std::path::Path::new("t.txt"), text.as_bytes()).unwrap();
    encode(source, Metadata::default(), &EncodeOptions::default()).unwrap()
}

fn depth(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Node::Division(d) => 1 + depth(&d.children),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

fn well_formed(doc: &Document) {
    let xml = write_tei(doc, &EncodeOptions::default().write);
    roxmltree::Document::parse(&xml).unwrap();
}

#[test]
fn one_paragraph_without_seams_is_one_paragraph() {
    let doc = run("a paragraph of text with no structure at all, running on\nover two lines.\n");
    assert!(doc.divisions().is_empty());
    assert_eq!(doc.blocks().len(), 1);
    well_formed(&doc);
}

#[test]
fn headings_of_ever_new_styles_nest_at_most_six_deep() {
    // Every heading a style not seen before: twelve numberings and cases.
    let prose = "Running text of a full line that follows the heading and reads as prose.\n";
    let heads = [
        "PART 1 The First",
        "CHAPTER 2 The Second",
        "SECTION 3 The Third",
        "IV. The Fourth Part",
        "5. The Fifth Part",
        "F. The Sixth Part",
        "g. The Seventh Part",
        "8.1 The Eighth Part",
        "9.1.1 The Ninth Part",
        "10.1.1.1 The Tenth Part",
        "ELEVENTH IN CAPITALS",
        "Twelfth in Title Case",
    ];
    let mut text = String::new();
    for h in heads {
        text += &format!("\n{h}\n\n{prose}{prose}");
    }
    let doc = run(&text);
    assert!(doc.divisions().len() >= 8, "{}", doc.divisions().len());
    assert!(depth(&doc.body) <= 6, "depth {}", depth(&doc.body));
    well_formed(&doc);
}

#[test]
fn a_hundred_thousand_lines_in_capitals_do_not_nest() {
    let text: String = (0..100_000)
        .map(|k| format!("HEADING NUMBER {k} IN CAPITALS\n\n"))
        .collect();
    let doc = run(&text);
    assert!(depth(&doc.body) <= 6, "depth {}", depth(&doc.body));
    well_formed(&doc);
}
