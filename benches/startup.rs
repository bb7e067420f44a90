//! Start-up costs of one `encode` process, part by part: what a one-line
//! file pays before its first byte is encoded. Best of N runs in process
//! (the first run includes page faults of a cold process, also printed).
//!
//! Run: `cargo bench --bench startup` (needs wbritish and wamerican).

use std::path::Path;
use std::time::Instant;

use tei_encoder::clean::CleanConfig;
use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::model::Metadata;
use tei_encoder::names::NamesConfig;
use tei_encoder::pipeline::{self, EncodeOptions};
use tei_encoder::tei::write_tei;

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut first = 0.0;
    let mut best = f64::MAX;
    for i in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        let ms = t.elapsed().as_secs_f64() * 1e3;
        if i == 0 {
            first = ms;
        }
        best = best.min(ms);
    }
    (first, best)
}

fn main() {
    let runs = std::env::var("STARTUP_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let path = Path::new(DEFAULT_LEXICON_PATH);
    let show = |label: &str, (first, best): (f64, f64)| {
        println!("  {label:<44} first {first:7.2} ms   best {best:7.2} ms");
    };
    println!("start-up parts, {runs} runs each:");
    show(
        "lexicon (wbritish + wamerican, built)",
        best(runs, || Lexicon::load_default(path).unwrap()),
    );
    let dir = tempfile::tempdir().unwrap();
    Lexicon::load_default_cached(path, Some(dir.path())).unwrap();
    show(
        "lexicon from its cache (clean/lexicon/cache.rs)",
        best(runs, || {
            Lexicon::load_default_cached(path, Some(dir.path())).unwrap()
        }),
    );
    let lex = Lexicon::load_default(path).unwrap();
    show(
        "clean config (confusions, collocations)",
        best(runs, || CleanConfig::new(lex.clone())),
    );
    show(
        "names (gazetteer + Aho-Corasick automaton)",
        best(runs, NamesConfig::default),
    );
    let opts = EncodeOptions {
        clean: Some(CleanConfig::new(lex)),
        date: "2026-01-01".into(),
        ..EncodeOptions::default()
    };
    show(
        "encode + write one line",
        best(runs, || {
            let src =
                tei_encoder::read::read_bytes("one.txt", Path::new("one.txt"), b"One line.\n")
                    .unwrap();
            let doc = pipeline::encode(src, Metadata::default(), &opts).unwrap();
            write_tei(&doc, &opts.write)
        }),
    );
}
