//! Shared helpers of the `clean_*` integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tei_encoder::clean::CleanConfig;
use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::model::Metadata;
use tei_encoder::model::{Certainty, CorrectionKind, Document, Inline};
use tei_encoder::pipeline::{self, EncodeOptions};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The cleaning set-up the CLI uses by default (needs `wbritish`, see .ci/setup).
pub fn default_clean() -> CleanConfig {
    let lex = Lexicon::load_default(Path::new(DEFAULT_LEXICON_PATH))
        .unwrap_or_else(|e| panic!("{e} (run .ci/setup)"));
    CleanConfig::new(lex)
}

/// Encodes a text with the given cleaning set-up (fixed date).
pub fn encode_text(name: &str, text: &str, clean: Option<CleanConfig>) -> Document {
    let source = tei_encoder::read::read_bytes(name, Path::new(name), text.as_bytes()).unwrap();
    let opts = EncodeOptions {
        date: "2026-01-01".into(),
        clean,
        ..EncodeOptions::default()
    };
    pipeline::encode(source, Metadata::default(), &opts).unwrap()
}

/// The seed as shipped.
pub fn seed_text() -> String {
    String::from_utf8(include_bytes!("../../data/seed/cult-of-the-individual-1956.txt").to_vec())
        .unwrap()
}

/// One correction as found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub line: usize,
    pub sic: String,
    pub corr: String,
    pub kind: CorrectionKind,
    pub cert: Certainty,
}

/// Lines that continue a cut word (a joined line start followed by text), and
/// every correction with the source line it stands on.
pub fn joins_and_corrections(doc: &Document) -> (Vec<usize>, Vec<Found>) {
    let mut w = Walk::default();
    for b in doc.blocks() {
        w.line = 0;
        w.pending_join = None;
        w.nodes(&b.content);
    }
    (w.joins, w.found)
}

/// Walks inline nodes in order, into names (a name may span a line end).
#[derive(Default)]
struct Walk {
    line: usize,
    pending_join: Option<usize>,
    joins: Vec<usize>,
    found: Vec<Found>,
}

impl Walk {
    fn nodes(&mut self, nodes: &[Inline]) {
        for n in nodes {
            match n {
                Inline::LineStart { line, joins_word } => {
                    self.line = *line;
                    self.pending_join = joins_word.then_some(*line);
                }
                Inline::Text(s) if s.trim().is_empty() => {}
                Inline::PageBreak(_) | Inline::Furniture(_) => {}
                Inline::Name { content, .. } => self.nodes(content),
                other => {
                    if let Some(l) = self.pending_join.take() {
                        self.joins.push(l);
                    }
                    if let Inline::Choice {
                        sic,
                        corr,
                        kind,
                        cert,
                    } = other
                    {
                        self.found.push(Found {
                            line: self.line,
                            sic: sic.clone(),
                            corr: corr.clone(),
                            kind: *kind,
                            cert: *cert,
                        });
                    }
                }
            }
        }
    }
}
