//! Start-up costs of one `encode` process, part by part: what a one-line
//! file pays before its first byte is encoded. Best of N runs in process
//! (the first run includes page faults of a cold process, also printed).
//! Then the whole process on a one-line file, if `target/release/tei-encoder`
//! is built (`cargo build --release`): wall time, and CPU time (user and
//! system, both threads) averaged from the children's times in
//! `/proc/self/stat`.
//!
//! Run: `cargo bench --bench startup` (needs wbritish and wamerican).

use std::path::Path;
use std::time::Instant;

use tei_encoder::clean::CleanConfig;
use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::model::Metadata;
use tei_encoder::names::NamesConfig;
use tei_encoder::names::gazetteer::Gazetteer;
use tei_encoder::names::matcher::FormMatcher;
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
        "gazetteer (decoded from its build-time form)",
        best(runs, || Gazetteer::embedded().unwrap()),
    );
    let g = Gazetteer::embedded().unwrap();
    show(
        "gazetteer form index (names/matcher.rs)",
        best(runs, || FormMatcher::new(&g).unwrap()),
    );
    show(
        "names config (gazetteer, index, rules, repair)",
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
    whole_process(runs.max(20));
}

/// Children's user + system time so far, in seconds (`/proc/self/stat`,
/// fields 16 and 17, in clock ticks of 1/100 s).
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |k: usize| f.get(k - 3)?.parse::<f64>().ok();
    Some((ticks(16)? + ticks(17)?) / 100.0)
}

/// The encoder's binary run on a one-line file, `runs` times.
fn whole_process(runs: usize) {
    let Some(bin) = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.parent()?.join("tei-encoder")))
        .filter(|b| b.exists())
    else {
        println!("whole process: no target/release/tei-encoder (cargo build --release)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.txt");
    std::fs::write(&one, "One line.\n").unwrap();
    let run = || {
        let t = Instant::now();
        let status = std::process::Command::new(&bin)
            .args(["encode", "-q", "--date", "2026-01-01", "-o"])
            .arg(dir.path().join("one.xml"))
            .arg(&one)
            .status()
            .unwrap();
        assert!(status.success());
        t.elapsed().as_secs_f64() * 1e3
    };
    run(); // the lexicon cache, if it was missing
    let cpu0 = children_cpu();
    let mut wall: Vec<f64> = (0..runs).map(|_| run()).collect();
    let cpu = children_cpu()
        .zip(cpu0)
        .map(|(b, a)| (b - a) * 1e3 / runs as f64);
    wall.sort_by(f64::total_cmp);
    println!(
        "whole process, one-line file ({}), {runs} runs: wall median {:.2} ms, best {:.2} ms; CPU (user + system) {} ms a run",
        bin.display(),
        wall[runs / 2],
        wall[0],
        cpu.map_or("?".into(), |c| format!("{c:.1}"))
    );
}
