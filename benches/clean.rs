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

use std::path::Path;
use std::time::{Duration, Instant};

use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::clean::{CleanConfig, clean};
use tei_encoder::header::Metadata;
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
    let seed = String::from_utf8(pipeline::DEFAULT_TEXT.to_vec()).unwrap();
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
            let fixed: Option<u32> = std::env::var("CLEAN_BENCH_ROUNDS")
                .ok()
                .and_then(|n| n.parse().ok());
            let (mut best, mut total, mut rounds) = (Duration::MAX, Duration::ZERO, 0u32);
            while fixed.map_or(total < Duration::from_secs(3) || rounds < 3, |n| rounds < n) {
                let mut d = doc.clone();
                let t = Instant::now();
                clean(&mut d, &cfg).unwrap();
                let dt = t.elapsed();
                std::hint::black_box(&d);
                best = best.min(dt);
                total += dt;
                rounds += 1;
            }
            println!(
                "clean (English TEI samples, not repeated): {emb:.3} MB, {} joins, {corrections} corrections; {rounds} rounds, best {:.2} ms ({:.1} MB/s), mean {:.2} ms ({:.1} MB/s) on one core",
                probe.log.joins,
                best.as_secs_f64() * 1e3,
                emb / best.as_secs_f64(),
                (total / rounds).as_secs_f64() * 1e3,
                emb / (total / rounds).as_secs_f64()
            );
        }
        Err(e) => eprintln!("clean bench: no realistic figure: {e}"),
    }
    if std::env::var_os("CLEAN_BENCH_ROUNDS").is_some() {
        return;
    }

    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    let mut rounds = 0u32;
    while total < Duration::from_secs(2) {
        let mut doc = single.clone();
        let t = Instant::now();
        clean(&mut doc, &cfg).unwrap();
        let dt = t.elapsed();
        std::hint::black_box(&doc);
        best = best.min(dt);
        total += dt;
        rounds += 1;
    }
    let smb = seed.len() as f64 / 1e6;
    println!(
        "clean (one seed, cold): {smb:.3} MB; {rounds} rounds, best {:.2} ms ({:.1} MB/s), mean {:.2} ms ({:.1} MB/s) on one core",
        best.as_secs_f64() * 1e3,
        smb / best.as_secs_f64(),
        (total / rounds).as_secs_f64() * 1e3,
        smb / (total / rounds).as_secs_f64()
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
        let mut best = Duration::MAX;
        let mut total = Duration::ZERO;
        let mut rounds = 0;
        while total < Duration::from_secs(2) || rounds < 5 {
            let mut doc = structured.clone();
            let t = Instant::now();
            clean(&mut doc, cfg).unwrap();
            let dt = t.elapsed();
            std::hint::black_box(&doc);
            best = best.min(dt);
            total += dt;
            rounds += 1;
        }
        let mean = total / rounds;
        println!(
            "clean ({label}): {mb:.2} MB ({copies} copies of the seed), {} joins, {corrections} corrections; {rounds} rounds, best {:.1} ms ({:.1} MB/s), mean {:.1} ms ({:.1} MB/s) on one core",
            doc.log.joins,
            best.as_secs_f64() * 1e3,
            mb / best.as_secs_f64(),
            mean.as_secs_f64() * 1e3,
            mb / mean.as_secs_f64()
        );
    }
}
