//! The development corpus (`tests/corpus/`): loading, encoding and the score
//! table. Shared by `tests/structure_corpus.rs` and the harness
//! `examples/structure_eval.rs`, so both measure the same thing.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tei_encoder::model::Document;
use tei_encoder::model::Metadata;
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_path;
use tei_encoder::structure::eval::{Annotation, Counts, Score, score};

/// One annotated document, encoded.
pub struct Entry {
    pub name: String,
    pub layout: String,
    pub bytes: usize,
    pub doc: Document,
    pub ann: Annotation,
    pub score: Score,
    pub took: Duration,
}

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Every `*.toml` annotation below `dir`, encoded with the default options
/// (structure and names; cleaning does not move lines), sorted by layout and name.
pub fn load(dir: &Path) -> Vec<Entry> {
    let mut anns: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "toml")
                // `NAME.names.toml` and the like annotate other passes.
                && p.file_stem().is_some_and(|s| !s.to_string_lossy().contains('.'))
            {
                anns.push(p);
            }
        }
    }
    let opts = EncodeOptions {
        date: "2026-01-01".into(),
        ..Default::default()
    };
    let mut out = Vec::new();
    for a in anns {
        let text = std::fs::read_to_string(&a).unwrap_or_else(|e| panic!("{}: {e}", a.display()));
        let ann: Annotation = match toml::from_str(&text) {
            Ok(a) => a,
            Err(e) if std::env::var_os("CORPUS_LENIENT").is_some() => {
                eprintln!("skipped {}: {e}", a.display());
                continue;
            }
            Err(e) => panic!("{}: {e}", a.display()),
        };
        let txt = match &ann.text {
            Some(t) => a.parent().unwrap().join(t),
            None => a.with_extension("txt"),
        };
        let source = read_path(&txt).unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
        let bytes = source.lines.iter().map(|l| l.text.len() + 1).sum();
        let start = Instant::now();
        let doc = encode(source, Metadata::default(), &opts)
            .unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
        let took = start.elapsed();
        let score = score(&doc, &ann);
        let name = a.file_stem().unwrap().to_string_lossy().into_owned();
        out.push(Entry {
            name,
            layout: ann.layout.clone(),
            bytes,
            doc,
            ann,
            score,
            took,
        });
    }
    out.sort_by(|x, y| (&x.layout, &x.name).cmp(&(&y.layout, &y.name)));
    out
}

fn cell(c: &Counts) -> String {
    format!(
        "{:>3}/{:<3} {:.2} {:.2}",
        c.matched,
        c.expected,
        c.precision(),
        c.recall()
    )
}

fn row(name: &str, s: &Score) -> String {
    format!(
        "| {:<44} | {} {:.2} | {:.2} | {} | {} | {} | {} | {} |\n",
        name,
        cell(&s.headings),
        s.headings.f1(),
        s.level_agreement(),
        cell(&s.pages),
        cell(&s.furniture),
        cell(&s.contents),
        cell(&s.documents),
        s.numbered_paragraphs_as_headings,
    )
}

/// Scores summed per layout, in layout order.
pub fn by_layout(entries: &[Entry]) -> Vec<(String, Score)> {
    let mut out: Vec<(String, Score)> = Vec::new();
    for e in entries {
        match out.iter_mut().find(|(l, _)| *l == e.layout) {
            Some((_, s)) => s.add(&e.score),
            None => out.push((e.layout.clone(), e.score.clone())),
        }
    }
    out
}

/// The harness table: per document, per layout, totals.
pub fn table(entries: &[Entry]) -> String {
    let head = "| document | headings ok/ann P R F1 | level | page labels ok/ann P R | running heads ok/ann P R | contents ok/ann P R | documents ok/ann P R | ¶-no. as head |\n|---|---|---|---|---|---|---|---|\n";
    let mut t = String::from(head);
    for e in entries {
        t += &row(&format!("{}/{}", e.layout, e.name), &e.score);
    }
    t += "\n";
    t += head;
    let mut total = Score::default();
    for (layout, s) in by_layout(entries) {
        t += &row(&format!("{layout} (all)"), &s);
        total.add(&s);
    }
    t += &row("TOTAL", &total);
    t
}
