//! After cleaning, the TEI still carries the source byte for byte, reads as
//! the cleaned text, and is valid against tei_all (jing).

mod clean_support;

use std::process::Command;

use clean_support::{default_clean, encode_text, root, seed_text};
use tei_encoder::tei::{WriteOptions, reader, write_tei};

fn sample() -> String {
    std::fs::read_to_string(root().join("tests/data/clean/press-release-1963.txt")).unwrap()
}

fn cleaned_tei(name: &str, text: &str) -> (tei_encoder::model::Document, String) {
    let doc = encode_text(name, text, Some(default_clean()));
    let xml = write_tei(&doc, &WriteOptions::default());
    (doc, xml)
}

#[test]
fn diplomatic_round_trip_stays_exact_after_cleaning() {
    for (name, text) in [("seed.txt", seed_text()), ("press.txt", sample())] {
        let (doc, xml) = cleaned_tei(name, &text);
        assert!(
            doc.log.joins > 0 && !doc.log.corrections.is_empty(),
            "{name}: nothing cleaned"
        );
        assert_eq!(doc.diplomatic_text(), text, "{name}: model");
        assert_eq!(reader::diplomatic_text(&xml).unwrap(), text, "{name}: TEI");
    }
}

#[test]
fn reading_text_of_the_tei_is_the_cleaned_text() {
    let (doc, xml) = cleaned_tei("seed.txt", &seed_text());
    let reading = reader::reading_text(&xml).unwrap();
    assert_eq!(reading, doc.reading_text());
    for w in [
        "full understanding of the important developments",
        "the public should have access",
        "the South African Society for Peace and Friendship with",
        "the great ideas of Marxism-Leninism, to undermine",
        "the cause of the entire international proletariat, they consolidate",
        "a Marxist—Leninist policy",
        "right-wing opportunists and bourgeois nationalists who advocated",
    ] {
        assert!(reading.contains(w), "{w:?} missing from the reading text");
    }
    // Word pairs at line ends stay apart.
    assert!(reading.contains("Committee of the Communist Party"));
    assert!(!reading.contains("ofthe"));
    // The join across the page seam marks every line start between the halves.
    let seam = xml
        .find("pro<pc force=\"weak\">-</pc>")
        .expect("dropped hyphen of pro-");
    let rest = &xml[seam..xml[seam..].find("letariat").unwrap() + seam];
    assert!(rest.contains("<lb n=\"916\" break=\"no\"/>"), "{rest}");
    assert!(!rest.contains("<lb n=\"912\"/>"), "{rest}");
}

#[test]
fn cleaned_tei_is_valid_against_tei_all() {
    let schema = root().join("../shared/schema/tei_all.rng");
    assert!(schema.exists(), "{} missing", schema.display());
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, text) in [("seed.txt", seed_text()), ("press.txt", sample())] {
        let (_, xml) = cleaned_tei(name, &text);
        let p = dir.path().join(format!("{name}.xml"));
        std::fs::write(&p, xml).unwrap();
        files.push(p);
    }
    let out = Command::new("jing")
        .arg(&schema)
        .args(files.iter().map(|p| p.as_path()))
        .output()
        .expect("jing not found: run .ci/setup");
    assert!(
        out.status.success(),
        "jing: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
