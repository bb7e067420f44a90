//! Throughput of the cleaning passes (line-end joins and OCR repair), one
//! core: on a realistic English text that does not repeat (three English TEI
//! samples, see `corpus`), on one cold copy of the seed, and on the seed
//! repeated to a few megabytes (the historical figure: repeated text is
//! unrealistically cheap, since a document's repeated tokens are decided
//! once). Structure is built once outside the timing; each round clones the
//! structured document and cleans it. The lexicon is loaded once, before.
//!
//! Run: `cargo bench --bench clean` (needs wbritish, see .ci/setup, and the
//! shared TEI samples). `CLEAN_BENCH_COLD_ONLY=1` stops after the realistic
//! and the cold-seed figures (for profiling); `CLEAN_BENCH_WRITE_TEXT=FILE`
//! writes the realistic text to FILE (to compare outputs before and after a change);
//! `CLEAN_BENCH_ROUNDS=N` cleans the realistic text exactly N times and stops;
//! `CLEAN_BENCH_TEXT=seed` makes the seed that text.

mod corpus;
mod timing;

use std::path::Path;
use std::time::{Duration, Instant};

use timing::Rounds;

use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::clean::{CleanConfig, clean};
use tei_encoder::model::Metadata;
use tei_encoder::pipeline::{self, EncodeOptions};

fn main() {
    let t = Instant::now();
    let lex = match Lexicon::load_default(Path::new(DEFAULT_LEXICON_PATH)) {
        Ok(l) => {
            println!(
                "lexicon load (once per process): {:.1} ms, {} words",
                t.elapsed().as_secs_f64() * 1e3,
                l.len()
            );
            l
        }
        Err(e) => {
            eprintln!("clean bench: {e}");
            std::process::exit(2);
        }
    };
    let cfg = CleanConfig::new(lex);
    let seed =
        String::from_utf8(include_bytes!("../data/seed/cult-of-the-individual-1956.txt").to_vec())
            .unwrap();
    let copies = 64;
    let mut text = String::with_capacity(seed.len() * copies + copies);
    for _ in 0..copies {
        text.push_str(&seed);
        text.push('\n');
    }
    let source =
        tei_encoder::read::read_bytes("bench.txt", Path::new("bench.txt"), text.as_bytes())
            .unwrap();
    // Structure only: the cleaning passes run on it (names come after them).
    let mut opts = EncodeOptions {
        date: "2026-01-01".into(),
        ..EncodeOptions::default()
    };
    opts.names.enabled = false;
    let structured = pipeline::encode(source, Metadata::default(), &opts).unwrap();
    let mb = text.len() as f64 / 1e6;

    // One copy of the seed per round: every round starts with empty
    // memories (nothing learnt from earlier copies), as a real document does.
    let single =
        tei_encoder::read::read_bytes("seed.txt", Path::new("seed.txt"), seed.as_bytes()).unwrap();
    let single = pipeline::encode(single, Metadata::default(), &opts).unwrap();
    // `CLEAN_BENCH_TEXT=seed`: the realistic text is the seed (one copy).
    let realistic = if std::env::var("CLEAN_BENCH_TEXT").as_deref() == Ok("seed") {
        Ok(seed.clone())
    } else {
        corpus::english_samples()
    };
    match realistic {
        Ok(english) => {
            // For checking that a change keeps the output: the text as cleaned.
            if let Some(path) = std::env::var_os("CLEAN_BENCH_WRITE_TEXT") {
                std::fs::write(&path, &english).unwrap();
            }
            let src = tei_encoder::read::read_bytes(
                "english.txt",
                Path::new("english.txt"),
                english.as_bytes(),
            )
            .unwrap();
            let doc = pipeline::encode(src, Metadata::default(), &opts).unwrap();
            let mut probe = doc.clone();
            clean(&mut probe, &cfg).unwrap();
            let corrections: usize = probe.log.corrections.values().sum();
            let emb = english.len() as f64 / 1e6;
            // `CLEAN_BENCH_ROUNDS=N`: exactly N rounds of this text, then stop
            // (for counting instructions with `perf stat`).
            let fixed: Option<usize> = std::env::var("CLEAN_BENCH_ROUNDS")
                .ok()
                .and_then(|n| n.parse().ok());
            let rounds = Rounds::run(Duration::from_secs(3), 3, fixed, || {
                let mut d = doc.clone();
                let t = Instant::now();
                clean(&mut d, &cfg).unwrap();
                let dt = t.elapsed();
                std::hint::black_box(&d);
                dt
            });
            println!(
                "clean (English TEI samples, not repeated): {emb:.3} MB, {} joins, {corrections} corrections; one core, {}",
                probe.log.joins,
                rounds.summary(emb)
            );
        }
        Err(e) => eprintln!("clean bench: no realistic figure: {e}"),
    }
    if std::env::var_os("CLEAN_BENCH_ROUNDS").is_some() {
        return;
    }

    let rounds = Rounds::run(Duration::from_secs(2), 3, None, || {
        let mut doc = single.clone();
        let t = Instant::now();
        clean(&mut doc, &cfg).unwrap();
        let dt = t.elapsed();
        std::hint::black_box(&doc);
        dt
    });
    let smb = seed.len() as f64 / 1e6;
    println!(
        "clean (one seed, cold): {smb:.3} MB; one core, {}",
        rounds.summary(smb)
    );

    if std::env::var_os("CLEAN_BENCH_COLD_ONLY").is_some() {
        return;
    }
    let mut joins_only = cfg.clone();
    joins_only.corrections = false;
    for (label, cfg) in [("joins only", &joins_only), ("joins + corrections", &cfg)] {
        // Warm up once, then time rounds for at least two seconds.
        let mut doc = structured.clone();
        clean(&mut doc, cfg).unwrap();
        let corrections: usize = doc.log.corrections.values().sum();
        let rounds = Rounds::run(Duration::from_secs(2), 5, None, || {
            let mut doc = structured.clone();
            let t = Instant::now();
            clean(&mut doc, cfg).unwrap();
            let dt = t.elapsed();
            std::hint::black_box(&doc);
            dt
        });
        println!(
            "clean ({label}): {mb:.2} MB ({copies} copies of the seed), {} joins, {corrections} corrections; one core, {}",
            doc.log.joins,
            rounds.summary(mb)
        );
    }
}
