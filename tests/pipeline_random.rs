//! Random documents built from the pieces OCR text is made of (words,
//! headings, page numbers, blank runs, indents, markup characters, controls,
//! CR, BOM) must all encode to well-formed TEI that gives the source back.

use std::path::Path;

use tei_encoder::header::Metadata;
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_bytes;
use tei_encoder::tei::{reader, write_tei};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "the",
    "Party",
    "of",
    "un",
    "derstanding",
    "C.P.S.U.",
    "Stalin's",
    "inter-",
    "national",
    "<",
    ">",
    "&",
    "]]>",
    "\"",
    "'",
    "\u{0}",
    "\u{c}",
    "\u{1b}",
    "\r",
    "\t",
    "\u{feff}",
    "\u{a0}",
    "—",
    "•",
    "■",
    "é",
    "\u{1F600}",
    "  ",
    "-",
    ";",
    ":",
    ".",
    "12",
];

const LINES: &[&str] = &[
    "",
    "",
    "   ",
    "\t",
    "- 7 -",
    "-  16 -",
    "HEADING IN CAPITALS.",
    "A Title Case Heading:",
    " indented page start",
    "•",
];

fn random_document(rng: &mut Rng) -> Vec<u8> {
    let mut out = String::new();
    let lines = 1 + rng.next() % 60;
    for _ in 0..lines {
        if rng.next().is_multiple_of(3) {
            out.push_str(rng.pick(LINES));
        } else {
            let words = rng.next() % 14;
            for w in 0..words {
                if w > 0 && !rng.next().is_multiple_of(5) {
                    out.push(' ');
                }
                out.push_str(rng.pick(PIECES));
            }
        }
        match rng.next() % 10 {
            0 => out.push_str("\r\n"),
            _ => out.push('\n'),
        }
    }
    if rng.next().is_multiple_of(2) {
        out.pop();
    }
    out.into_bytes()
}

#[test]
fn random_documents_round_trip() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let opts = EncodeOptions {
        date: "2026-01-01".into(),
        ..Default::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let mut for_jing = Vec::new();
    for case in 0..2000u32 {
        let bytes = random_document(&mut rng);
        if bytes.is_empty() {
            continue;
        }
        let source = read_bytes("random.txt", Path::new("random.txt"), &bytes).unwrap();
        let doc = encode(source, Metadata::default(), &opts).unwrap();
        let xml = write_tei(&doc, &opts.write);
        roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("case {case}: not well-formed: {e}\n{bytes:?}"));
        let back = reader::diplomatic_text(&xml).unwrap();
        if back.as_bytes() != bytes.as_slice() {
            let at = back
                .bytes()
                .zip(bytes.iter())
                .position(|(a, b)| a != *b)
                .unwrap_or(back.len().min(bytes.len()));
            let from = at.saturating_sub(20);
            panic!(
                "case {case}: round trip differs at byte {at}: got {:?}, source {:?}",
                String::from_utf8_lossy(&back.as_bytes()[from..(at + 20).min(back.len())]),
                String::from_utf8_lossy(&bytes[from..(at + 20).min(bytes.len())])
            );
        }
        assert_eq!(
            reader::reading_text(&xml).unwrap(),
            doc.reading_text(),
            "case {case}"
        );
        if case.is_multiple_of(50) {
            let path = dir.path().join(format!("case-{case}.xml"));
            std::fs::write(&path, &xml).unwrap();
            for_jing.push(path);
        }
    }
    // A sample of them against tei_all with the reference validator.
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schema/tei_all.rng");
    let out = std::process::Command::new("jing")
        .arg(schema)
        .args(&for_jing)
        .output()
        .expect("jing is needed: run `bash .ci/setup`");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
