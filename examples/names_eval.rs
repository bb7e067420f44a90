//! The names evaluation harness: encodes every document of the development
//! corpus (`tests/corpus/`, or the folder given) that has a names annotation
//! (`NAME.names.toml`, format in `tests/corpus/README.md`) as the CLI does
//! (cleaning on when the lexicon is installed) and prints, per document:
//! mention precision and recall, typed precision/recall/F1, and the standoff
//! entries the mentions link to against the real referents.
//! `cargo run --release --example names_eval [DIR] [--verbose]`.
//!
//! A mention matches when it starts on the annotated line with the same
//! printed text (whitespace ignored, OCR corrections not applied), as in
//! `tests/names_quality.rs`; nested names count as mentions of their own.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use tei_encoder::clean::CleanConfig;
use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::model::Metadata;
use tei_encoder::names::eval::{Annotation, Gold, Mention as Pred, furniture_lines, key, mentions};
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_path;

#[derive(Default)]
struct Row {
    gold: usize,
    found: usize,
    matched: usize,
    typed: usize,
    entries: usize,
    referents: usize,
    /// Distinct entries per referent, over referents with a matched mention.
    split_sum: usize,
    split_n: usize,
    /// Entries that hold mentions of more than one referent.
    merged: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn score(ann: &Annotation, pred: &[Pred], fw: &BTreeSet<usize>, verbose: bool) -> Row {
    let pred: Vec<&Pred> = pred.iter().filter(|p| ann.scored(p.line)).collect();
    let mut left: HashMap<(usize, String), Vec<&Gold>> = HashMap::new();
    for g in &ann.mention {
        left.entry(key(g.line, &g.text)).or_default().push(g);
    }
    let mut row = Row {
        gold: ann.mention.len(),
        found: pred.len(),
        ..Row::default()
    };
    let mut notes = Vec::new();
    // Referent -> entries its matched mentions link to; entry -> referents.
    let mut by_referent: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut by_entry: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in &pred {
        match left.get_mut(&key(p.line, &p.text)) {
            Some(golds) if !golds.is_empty() => {
                row.matched += 1;
                let i = golds.iter().position(|g| g.kind == p.kind);
                let g = golds.remove(i.unwrap_or(0));
                if i.is_some() {
                    row.typed += 1;
                } else {
                    notes.push(format!(
                        "wrong type {} {:?}: {} (annotated {})",
                        p.line, p.text, p.kind, g.kind
                    ));
                }
                by_referent
                    .entry(&g.key)
                    .or_default()
                    .insert(p.entity.as_str());
                by_entry
                    .entry(p.entity.as_str())
                    .or_default()
                    .insert(g.key.as_str());
            }
            _ => notes.push(format!("false {} {:?} {}", p.line, p.text, p.kind)),
        }
    }
    for golds in left.values() {
        for g in golds {
            let where_ = if fw.contains(&g.line) { " (in fw)" } else { "" };
            notes.push(format!("missed {} {:?} {}{where_}", g.line, g.text, g.kind));
        }
    }
    row.entries = pred
        .iter()
        .map(|p| p.entity.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    row.referents = ann
        .mention
        .iter()
        .map(|g| g.key.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    row.split_n = by_referent.len();
    row.split_sum = by_referent.values().map(|s| s.len()).sum();
    row.merged = by_entry.values().filter(|s| s.len() > 1).count();
    if verbose {
        notes.sort_by_key(|n| {
            let line: usize = n
                .split_whitespace()
                .find_map(|w| w.parse().ok())
                .unwrap_or(0);
            line
        });
        for n in &notes {
            println!("  {n}");
        }
        for (r, es) in &by_referent {
            if es.len() > 1 {
                println!("  split referent {r}: {es:?}");
            }
        }
        for (e, rs) in &by_entry {
            if rs.len() > 1 {
                println!("  merged entry #{e}: {rs:?}");
            }
        }
    }
    row
}

fn print_row(name: &str, r: &Row) {
    let (p, rc) = (ratio(r.matched, r.found), ratio(r.matched, r.gold));
    let (tp, tr) = (ratio(r.typed, r.found), ratio(r.typed, r.gold));
    println!(
        "| {name:<55} | {:>4} | {:>4} | {p:.2} {rc:.2} | {tp:.2} {tr:.2} {:.2} | {:>3}/{:<3} {:.2} | {:.2} | {:>2} |",
        r.gold,
        r.found,
        f1(tp, tr),
        r.entries,
        r.referents,
        ratio(r.entries, r.referents),
        ratio(r.split_sum, r.split_n),
        r.merged,
    );
}

/// Every `*.names.toml` below `dir`, sorted.
fn annotations(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(".names.toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"));
    let clean = match Lexicon::load_default(Path::new(DEFAULT_LEXICON_PATH)) {
        Ok(lex) => Some(CleanConfig::new(lex)),
        Err(e) => {
            eprintln!("no cleaning ({e}): scored as the library's default options encode");
            None
        }
    };
    let opts = EncodeOptions {
        date: "2026-01-01".into(),
        clean,
        ..Default::default()
    };
    let mut rows = Vec::new();
    for path in annotations(&dir) {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let ann: Annotation =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path
            .to_string_lossy()
            .trim_end_matches(".names.toml")
            .to_string();
        let txt = PathBuf::from(format!("{stem}.txt"));
        let source = read_path(&txt).unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
        let doc = encode(source, Metadata::default(), &opts)
            .unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
        let pred = mentions(&doc);
        let name = txt
            .strip_prefix(&dir)
            .unwrap_or(&txt)
            .with_extension("")
            .to_string_lossy()
            .into_owned();
        if verbose {
            println!("## {name} (lines {}-{})", ann.first, ann.last);
        }
        let row = score(&ann, &pred, &furniture_lines(&doc), verbose);
        rows.push((name, row));
    }
    if verbose {
        println!();
    }
    println!(
        "| document | gold | found | mention P R | typed P R F1 | entries/referents | entries per matched referent | merged entries |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (name, r) in &rows {
        print_row(name, r);
    }
}
