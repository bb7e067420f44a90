//! Precision and recall of the cleaning passes against a hand annotation of
//! the seed (tests/data/clean/seed-annotation.toml). Thresholds sit just
//! under the figures measured when the passes were written; a change that
//! makes the passes worse fails here.

mod clean_support;

use std::collections::HashSet;

use serde::Deserialize;

use clean_support::{default_clean, encode_text, joins_and_corrections, root, seed_text};
use tei_encoder::model::Certainty;

#[derive(Deserialize)]
struct Annotation {
    joins: Joins,
    correction: Vec<Expected>,
}

#[derive(Deserialize)]
struct Joins {
    lines: Vec<usize>,
}

#[derive(Deserialize)]
struct Expected {
    line: usize,
    sic: String,
    corr: String,
    #[serde(default)]
    alt: Vec<String>,
    #[serde(default)]
    real_word: bool,
}

fn annotation() -> Annotation {
    let p = root().join("tests/data/clean/seed-annotation.toml");
    toml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

struct Score {
    tp: usize,
    predicted: usize,
    expected: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.tp as f64 / self.predicted as f64
        }
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / self.expected as f64
    }
}

/// The score, the wrong corrections and the annotated errors missed.
fn score_corrections(min_cert: Certainty) -> (Score, Vec<String>, Vec<String>) {
    let a = annotation();
    let mut cfg = default_clean();
    cfg.min_cert = min_cert;
    let doc = encode_text("seed.txt", &seed_text(), Some(cfg));
    let (_, found) = joins_and_corrections(&doc);
    let mut tp = 0;
    let mut wrong = Vec::new();
    for f in &found {
        let hit = a.correction.iter().any(|e| {
            e.line == f.line
                && e.sic.trim() == f.sic.trim()
                && (e.corr == f.corr || e.alt.contains(&f.corr))
        });
        if hit {
            tp += 1;
        } else {
            wrong.push(format!(
                "line {}: {:?} -> {:?} ({:?}, {:?})",
                f.line, f.sic, f.corr, f.kind, f.cert
            ));
        }
    }
    let missed: Vec<String> = a
        .correction
        .iter()
        .filter(|e| {
            !found.iter().any(|f| {
                e.line == f.line
                    && e.sic.trim() == f.sic.trim()
                    && (e.corr == f.corr || e.alt.contains(&f.corr))
            })
        })
        .map(|e| {
            let rw = if e.real_word { " (real word)" } else { "" };
            format!("line {}: {:?} -> {:?}{rw}", e.line, e.sic, e.corr)
        })
        .collect();
    (
        Score {
            tp,
            predicted: found.len(),
            expected: a.correction.len(),
        },
        wrong,
        missed,
    )
}

#[test]
fn line_end_joins_meet_their_thresholds() {
    let a = annotation();
    let doc = encode_text("seed.txt", &seed_text(), Some(default_clean()));
    let (joins, _) = joins_and_corrections(&doc);
    let expected: HashSet<usize> = a.joins.lines.iter().copied().collect();
    let predicted: HashSet<usize> = joins.iter().copied().collect();
    let tp = predicted.intersection(&expected).count();
    let s = Score {
        tp,
        predicted: predicted.len(),
        expected: expected.len(),
    };
    let mut extra: Vec<_> = predicted.difference(&expected).collect();
    let mut missed: Vec<_> = expected.difference(&predicted).collect();
    extra.sort();
    missed.sort();
    eprintln!(
        "joins: precision {:.3} ({}/{}), recall {:.3} ({}/{}); wrong {extra:?}, missed {missed:?}",
        s.precision(),
        s.tp,
        s.predicted,
        s.recall(),
        s.tp,
        s.expected
    );
    assert!(s.precision() >= 0.98, "join precision {:.3}", s.precision());
    assert!(s.recall() >= 0.98, "join recall {:.3}", s.recall());
}

#[test]
fn corrections_meet_their_thresholds() {
    let (s, wrong, missed) = score_corrections(Certainty::Medium);
    eprintln!(
        "corrections (default, cert >= medium): precision {:.3} ({}/{}), recall {:.3} ({}/{}); wrong: {wrong:#?}; missed: {missed:#?}",
        s.precision(),
        s.tp,
        s.predicted,
        s.recall(),
        s.tp,
        s.expected
    );
    assert!(
        s.precision() >= 0.98,
        "correction precision {:.3}: {wrong:#?}",
        s.precision()
    );
    assert!(s.recall() >= 0.71, "correction recall {:.3}", s.recall());
}

#[test]
fn certainty_threshold_trades_recall_for_precision() {
    let (high, _, _) = score_corrections(Certainty::High);
    let (medium, _, _) = score_corrections(Certainty::Medium);
    let (low, wrong, _) = score_corrections(Certainty::Low);
    eprintln!(
        "high: P {:.3} R {:.3}; medium: P {:.3} R {:.3}; low: P {:.3} R {:.3}; wrong at low: {wrong:#?}",
        high.precision(),
        high.recall(),
        medium.precision(),
        medium.recall(),
        low.precision(),
        low.recall()
    );
    assert!(high.predicted <= medium.predicted && medium.predicted <= low.predicted);
    assert!(
        high.precision() >= 0.97,
        "high-certainty precision {:.3}",
        high.precision()
    );
}
