//! Throughput of the whole encode pipeline (structure, cleaning, names,
//! TEI writing) on the seed and on a realistic English text that does not
//! repeat (see `corpus`), one core. Each stage is also timed on its own.
//! Fixed set-up costs (loading the lexicon, compiling the gazetteer) are
//! paid once per process and reported separately.
//!
//! Run: `cargo bench --bench encode` (needs wbritish, see .ci/setup, and
//! the shared TEI samples in `../shared/tei-samples`).

mod corpus;
mod timing;

use std::path::Path;
use std::time::{Duration, Instant};

use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::clean::{CleanConfig, clean};
use tei_encoder::model::Document;
use tei_encoder::model::Metadata;
use tei_encoder::names::{NamesConfig, tag_names};
use tei_encoder::pipeline::{self, EncodeOptions};
use tei_encoder::tei::write_tei;
use timing::Rounds;

/// Rounds of `f` for at least `min` (and 3 rounds).
fn time(min: Duration, f: impl FnMut() -> Duration) -> Rounds {
    Rounds::run(min, 3, None, f)
}

fn line(label: &str, mb: f64, rounds: Rounds) {
    println!("  {label:<28} {}", rounds.summary(mb));
}

fn structured(name: &str, text: &str, opts: &EncodeOptions) -> Document {
    let src = tei_encoder::read::read_bytes(name, Path::new(name), text.as_bytes()).unwrap();
    pipeline::encode(src, Metadata::default(), opts).unwrap()
}

fn main() {
    let t = Instant::now();
    let lex = match Lexicon::load_default(Path::new(DEFAULT_LEXICON_PATH)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("encode bench: {e}");
            std::process::exit(2);
        }
    };
    let cfg = CleanConfig::new(lex);
    let lexicon_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let names = NamesConfig::default();
    let names_ms = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "set-up, once per process: lexicon {lexicon_ms:.1} ms ({} words), gazetteer {names_ms:.1} ms",
        cfg.lexicon.len()
    );

    let english = match corpus::english_samples() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("encode bench: {e}");
            std::process::exit(2);
        }
    };
    let min = Duration::from_secs(2);
    for (label, text) in [("seed", corpus::seed()), ("English samples", english)] {
        let mb = text.len() as f64 / 1e6;
        println!(
            "{label}: {mb:.3} MB, {} lines (one core)",
            text.lines().count()
        );
        let full = EncodeOptions {
            date: "2026-01-01".into(),
            clean: Some(cfg.clone()),
            names: names.clone(),
            ..EncodeOptions::default()
        };
        line(
            "whole pipeline",
            mb,
            time(min, || {
                let t = Instant::now();
                let src =
                    tei_encoder::read::read_bytes("b.txt", Path::new("b.txt"), text.as_bytes())
                        .unwrap();
                let xml = pipeline::encode_to_tei(src, Metadata::default(), &full).unwrap();
                let dt = t.elapsed();
                std::hint::black_box(xml);
                dt
            }),
        );
        let mut bare = EncodeOptions {
            date: "2026-01-01".into(),
            ..EncodeOptions::default()
        };
        bare.names.enabled = false;
        line(
            "  read + structure",
            mb,
            time(min, || {
                let t = Instant::now();
                let doc = structured("b.txt", &text, &bare);
                let dt = t.elapsed();
                std::hint::black_box(doc);
                dt
            }),
        );
        let doc = structured("b.txt", &text, &bare);
        line(
            "  clean",
            mb,
            time(min, || {
                let mut d = doc.clone();
                let t = Instant::now();
                clean(&mut d, &cfg).unwrap();
                let dt = t.elapsed();
                std::hint::black_box(d);
                dt
            }),
        );
        let mut cleaned = doc.clone();
        clean(&mut cleaned, &cfg).unwrap();
        line(
            "  names",
            mb,
            time(min, || {
                let mut d = cleaned.clone();
                let t = Instant::now();
                tag_names(&mut d, &names).unwrap();
                let dt = t.elapsed();
                std::hint::black_box(d);
                dt
            }),
        );
        let mut named = cleaned.clone();
        tag_names(&mut named, &names).unwrap();
        line(
            "  write TEI",
            mb,
            time(min, || {
                let t = Instant::now();
                let xml = write_tei(&named, &full.write);
                let dt = t.elapsed();
                std::hint::black_box(xml);
                dt
            }),
        );
    }
}
