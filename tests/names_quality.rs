//! Precision and typed F1 of the name pass against hand annotations: the seed
//! and four texts of other kinds, countries and decades (a 1948 colonial
//! report, a 1965 presidential message, a 1972 press release, a 1986 press
//! statement). A mention matches when it starts on the annotated line with the
//! same text as printed (words cut at a line end joined, OCR corrections not
//! applied, whitespace ignored); a typed match also needs the same type.
//! Nested names (a state or party inside an organisation's name) count as
//! mentions of their own (`names::eval::mentions`).
//! Every sample is scored as the CLI encodes it (with the cleaning passes,
//! which need `wbritish`, see .ci/setup); the seed also without them, as the
//! library's default options encode it. Thresholds sit just under measured
//! figures, so a regression fails.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tei_encoder::clean::CleanConfig;
use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::model::Metadata;
use tei_encoder::names::eval::mentions;
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_path;

#[derive(Deserialize)]
struct Annotation {
    mention: Vec<Gold>,
}

#[derive(Deserialize, Clone)]
struct Gold {
    line: usize,
    text: String,
    #[serde(rename = "type")]
    kind: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn key(line: usize, text: &str) -> (usize, String) {
    (line, text.split_whitespace().collect())
}

/// The cleaning set-up the CLI uses by default.
fn cli_clean() -> CleanConfig {
    let lex = Lexicon::load_default(Path::new(DEFAULT_LEXICON_PATH))
        .unwrap_or_else(|e| panic!("{e} (run .ci/setup)"));
    CleanConfig::new(lex)
}

/// The mentions the encoder tags, nested names included: (line, text, type).
fn predicted(input: &Path, clean: Option<CleanConfig>) -> Vec<Gold> {
    let source = read_path(input).expect("read input");
    let opts = EncodeOptions {
        clean,
        ..EncodeOptions::default()
    };
    let doc = encode(source, Metadata::default(), &opts).expect("encode");
    mentions(&doc)
        .into_iter()
        .map(|m| Gold {
            line: m.line,
            text: m.text,
            kind: m.kind,
        })
        .collect()
}

struct Scores {
    precision: f64,
    recall: f64,
    typed_f1: f64,
}

fn score(input: &str, annotation: &str, clean: Option<CleanConfig>) -> Scores {
    let gold: Annotation =
        toml::from_str(&std::fs::read_to_string(root().join(annotation)).unwrap()).unwrap();
    let mode = if clean.is_some() {
        "cleaned"
    } else {
        "not cleaned"
    };
    let pred = predicted(&root().join(input), clean);
    let mut gold_left: HashMap<(usize, String), Vec<String>> = HashMap::new();
    for g in &gold.mention {
        gold_left
            .entry(key(g.line, &g.text))
            .or_default()
            .push(g.kind.clone());
    }
    let (mut matched, mut typed) = (0usize, 0usize);
    let mut misses = Vec::new();
    for p in &pred {
        match gold_left.get_mut(&key(p.line, &p.text)) {
            Some(kinds) if !kinds.is_empty() => {
                matched += 1;
                if let Some(i) = kinds.iter().position(|k| *k == p.kind) {
                    typed += 1;
                    kinds.remove(i);
                } else {
                    misses.push(format!("wrong type: {} {:?} {}", p.line, p.text, p.kind));
                    kinds.remove(0);
                }
            }
            _ => misses.push(format!("false: {} {:?} {}", p.line, p.text, p.kind)),
        }
    }
    for ((line, text), kinds) in &gold_left {
        for k in kinds {
            misses.push(format!("missed: {line} {text:?} {k}"));
        }
    }
    misses.sort();
    let precision = matched as f64 / pred.len().max(1) as f64;
    let recall = matched as f64 / gold.mention.len().max(1) as f64;
    let tp = typed as f64 / pred.len().max(1) as f64;
    let tr = typed as f64 / gold.mention.len().max(1) as f64;
    let typed_f1 = if tp + tr > 0.0 {
        2.0 * tp * tr / (tp + tr)
    } else {
        0.0
    };
    eprintln!(
        "{input} ({mode}): {} predicted, {} annotated, {matched} matched, {typed} typed; precision {precision:.3}, recall {recall:.3}, typed F1 {typed_f1:.3}",
        pred.len(),
        gold.mention.len()
    );
    for m in &misses {
        eprintln!("  {m}");
    }
    Scores {
        precision,
        recall,
        typed_f1,
    }
}

#[test]
fn seed_names_meet_the_targets() {
    let s = score(
        "data/seed/cult-of-the-individual-1956.txt",
        "tests/data/names/seed-annotation.toml",
        None,
    );
    // Measured, nested names counted (issue 15): precision 0.995, recall 0.981,
    // typed F1 0.988 (issue target 0.95 / 0.9; before nesting 0.989 / 0.979 / 0.984).
    assert!(s.precision >= 0.96, "precision {:.3}", s.precision);
    assert!(s.typed_f1 >= 0.95, "typed F1 {:.3}", s.typed_f1);
    assert!(s.recall >= 0.94, "recall {:.3}", s.recall);
}

#[test]
fn cleaned_seed_names_meet_the_targets() {
    let s = score(
        "data/seed/cult-of-the-individual-1956.txt",
        "tests/data/names/seed-annotation.toml",
        Some(cli_clean()),
    );
    // Measured, nested names counted: precision 0.981, recall 0.977, typed F1
    // 0.979 (before nesting 0.984 / 0.974 / 0.979; three names wrap
    // a whole correction that carries OCR punctuation, e.g. `Stalin:s`).
    assert!(s.precision >= 0.96, "precision {:.3}", s.precision);
    assert!(s.typed_f1 >= 0.95, "typed F1 {:.3}", s.typed_f1);
    assert!(s.recall >= 0.94, "recall {:.3}", s.recall);
}

/// One unseen sample, encoded as the CLI does.
fn unseen(name: &str) -> Scores {
    score(
        &format!("tests/data/names/{name}.txt"),
        &format!("tests/data/names/{name}-annotation.toml"),
        Some(cli_clean()),
    )
}

#[test]
fn unseen_press_release_names_meet_the_targets() {
    let s = unseen("press-release-1972");
    // Measured, nested names and `Government of X` counted (issue 15): precision
    // 1.000, recall 0.983, typed F1 0.975; on the annotation as first written
    // 0.881 / 1.000 / 0.919 (issue target 0.85 / 0.75;
    // before the gazetteer and rules of feat/names2: 1.000 / 0.865 / 0.907).
    assert!(s.precision >= 0.97, "precision {:.3}", s.precision);
    assert!(s.typed_f1 >= 0.94, "typed F1 {:.3}", s.typed_f1);
}

#[test]
fn unseen_colonial_report_names_meet_the_targets() {
    let s = unseen("colonial-report-1948");
    // Measured, nested names counted: precision 1.000, recall 0.864, typed F1
    // 0.927; on the annotation as first written 0.941 / 0.857 / 0.897 (written and annotated
    // before tagging; before feat/names2: 0.939 / 0.554 / 0.697).
    assert!(s.precision >= 0.97, "precision {:.3}", s.precision);
    assert!(s.typed_f1 >= 0.88, "typed F1 {:.3}", s.typed_f1);
}

#[test]
fn unseen_speech_names_meet_the_targets() {
    let s = unseen("speech-chile-1965");
    // Measured, nested names counted: precision 1.000, recall 0.889, typed F1
    // 0.941; on the annotation as first written 0.929 / 0.881 / 0.904 (before feat/names2:
    // 0.909 / 0.678 / 0.777).
    assert!(s.precision >= 0.97, "precision {:.3}", s.precision);
    assert!(s.typed_f1 >= 0.91, "typed F1 {:.3}", s.typed_f1);
}

#[test]
fn unseen_press_statement_names_meet_the_targets() {
    let s = unseen("press-statement-harare-1986");
    // Measured, nested names counted: precision 1.000, recall 0.975, typed F1
    // 0.987; on the annotation as first written 0.922 / 0.973 / 0.947 (before feat/names2:
    // 0.897 / 0.712 / 0.794).
    assert!(s.precision >= 0.97, "precision {:.3}", s.precision);
    assert!(s.typed_f1 >= 0.95, "typed F1 {:.3}", s.typed_f1);
}
