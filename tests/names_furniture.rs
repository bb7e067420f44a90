//! Page furniture is never a name: a running header repeated page after page
//! becomes `fw type="header"`, out of the reading text, and the names pass
//! never tags it (issue: "Declassified" tagged as a person 34 times).

use tei_encoder::model::Metadata;
use tei_encoder::model::{FwKind, Inline, visit_inlines};
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_bytes;
use tei_encoder::tei::write_tei;

fn report() -> String {
    let body = [
        "The President met the Prime Minister of India at the White House and",
        "they discussed the situation in Laos with the Secretary of State, who",
        "reported on the talks held in Geneva during the previous month. The",
        "Ambassador said that the Government of India would support the plan.",
    ];
    let mut text = String::new();
    for (k, label) in ["B-9", "B- IO", "B-ll", "B-12", "B-13"].iter().enumerate() {
        text += "Declassified per E.O. 12958, Sec. 3.6\n";
        text += "V. B. Declassified NLE Date 2/3/04\n\n";
        for _ in 0..6 {
            for l in body {
                text += l;
                text += "\n";
            }
        }
        text += &format!("\n{label}\n");
        if k < 4 {
            text += "\n\n\n";
        }
    }
    text
}

#[test]
fn a_running_header_is_furniture_and_never_a_name() {
    let source = read_bytes("r.txt", std::path::Path::new("r.txt"), report().as_bytes()).unwrap();
    let doc = encode(source, Metadata::default(), &EncodeOptions::default()).unwrap();
    let (mut headers, mut labels) = (0, Vec::new());
    for b in doc.blocks() {
        visit_inlines(&b.content, &mut |n| match n {
            Inline::Furniture(f) if f.kind == FwKind::Header => headers += 1,
            Inline::Furniture(f) if f.kind == FwKind::PageNum => {
                labels.push(f.label.as_ref().map(|l| l.1.clone()).unwrap_or_default())
            }
            _ => {}
        });
    }
    assert_eq!(headers, 10, "two header lines on each of five pages");
    assert_eq!(labels, ["B-9", "B-10", "B-11", "B-12", "B-13"]);
    assert!(!doc.reading_text().contains("Declassified"));
    let xml = write_tei(&doc, &EncodeOptions::default().write);
    let tree = roxmltree::Document::parse(&xml).unwrap();
    for n in tree
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "persName" | "orgName" | "placeName"))
    {
        let text: String = n.descendants().filter_map(|d| d.text()).collect();
        assert!(!text.contains("Declassified"), "tagged: {text}");
    }
    assert!(
        doc.standoff
            .entities
            .iter()
            .all(|e| !e.name.contains("Declassified")),
        "a standoff entry for the header"
    );
    // The repaired labels keep their printed form beside the reading.
    assert!(xml.contains("<sic>B-ll</sic>"), "no sic for B-ll");
}
