//! Benchmark texts: the seed, and a realistic English text that does not
//! repeat itself (the plain text of three English TEI samples in
//! `../shared/tei-samples`, read at bench time, never copied into the repo).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The English TEI samples whose `<text>` makes the realistic benchmark text.
pub const SAMPLES: [&str; 3] = [
    "invalid/eltec-ENG19011_Jerome.xml",
    "valid/shakedracor-hamlet.xml",
    "valid/shakedracor-the-comedy-of-errors.xml",
];

/// Where the shared samples live (`../shared/tei-samples` from the repo root).
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tei-samples")
}

/// The seed as shipped.
pub fn seed() -> String {
    String::from_utf8(include_bytes!("../../data/seed/cult-of-the-individual-1956.txt").to_vec())
        .expect("seed is UTF-8")
}

/// Printed lines are about this wide; longer text nodes (prose paragraphs)
/// are wrapped to it, as an OCR text of a printed page would be.
const LINE_WIDTH: usize = 72;

/// The text nodes under `<text>` of the samples, one line each (wrapped),
/// a blank line after each paragraph-like element, samples joined.
pub fn english_samples() -> Result<String, String> {
    let mut out = String::new();
    for rel in SAMPLES {
        let path = samples_dir().join(rel);
        let xml = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "{}: {e} (the shared TEI samples are needed)",
                path.display()
            )
        })?;
        let doc =
            roxmltree::Document::parse(&xml).map_err(|e| format!("{}: {e}", path.display()))?;
        let text = doc
            .descendants()
            .find(|n| n.has_tag_name("text"))
            .ok_or_else(|| format!("{}: no <text>", path.display()))?;
        for node in text.descendants().filter(|n| n.is_text()) {
            let words: Vec<&str> = node.text().unwrap_or("").split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            let mut width = 0;
            for w in words {
                if width > 0 && width + 1 + w.len() > LINE_WIDTH {
                    out.push('\n');
                    width = 0;
                } else if width > 0 {
                    out.push(' ');
                    width += 1;
                }
                out.push_str(w);
                width += w.len();
            }
            out.push('\n');
            let parent = node.parent().map(|p| p.tag_name().name()).unwrap_or("");
            if matches!(parent, "p" | "head" | "stage" | "speaker") {
                out.push('\n');
            }
        }
    }
    Ok(out)
}
