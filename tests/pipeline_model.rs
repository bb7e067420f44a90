//! The model and the TEI it is written as tell the same texts.

use std::path::Path;

use tei_encoder::model::Metadata;
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_path;
use tei_encoder::tei::{reader, write_tei};

#[test]
fn model_and_tei_agree_on_both_texts() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed/cult-of-the-individual-1956.txt");
    let bytes = std::fs::read(&path).unwrap();
    let source = read_path(&path).unwrap();
    let opts = EncodeOptions {
        date: "2026-01-01".into(),
        ..Default::default()
    };
    let doc = encode(source, Metadata::default(), &opts).unwrap();
    assert_eq!(doc.diplomatic_text().as_bytes(), bytes.as_slice());
    let xml = write_tei(&doc, &opts.write);
    assert_eq!(
        reader::diplomatic_text(&xml).unwrap().as_bytes(),
        bytes.as_slice()
    );
    assert_eq!(reader::reading_text(&xml).unwrap(), doc.reading_text());
}
