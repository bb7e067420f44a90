//! Memory of one document, pass by pass: the process's resident set
//! (`VmRSS`) and its high-water mark (`VmHWM`, what `/usr/bin/time -v`
//! reports as maximum resident set size) after loading the resources and
//! after each pass, against the input's size. The pass during which the
//! high-water mark rises most is the one to work on (issue 14: at most ten
//! times the largest document plus a fixed base).
//!
//! Run: `cargo bench --bench memory` (the seed fifty times, 2.7 MB), or
//! `MEMORY_INPUT=big.txt cargo bench --bench memory` for a file of your own.
//! Linux only (`/proc/self/status`).

use std::path::Path;

use tei_encoder::clean::clean;
use tei_encoder::model::{Document, EditLog, Metadata};
use tei_encoder::names::tag_names;
use tei_encoder::pipeline::{EncodeOptions, Resources};
use tei_encoder::structure::structure;
use tei_encoder::tei::{WriteOptions, write_tei, write_tei_to};

/// (resident, high-water mark) in MB.
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let text = match std::env::var_os("MEMORY_INPUT") {
        Some(p) => std::fs::read_to_string(&p).unwrap_or_else(|e| {
            eprintln!("memory bench: {}: {e}", Path::new(&p).display());
            std::process::exit(2)
        }),
        None => include_str!("../data/seed/cult-of-the-individual-1956.txt").repeat(50),
    };
    let mb = text.len() as f64 / 1e6;
    let opts =
        EncodeOptions::load(&Resources::default(), WriteOptions::default()).unwrap_or_else(|e| {
            eprintln!("memory bench: {e}");
            std::process::exit(2)
        });
    let (_, base) = memory();
    println!("input {mb:.2} MB; after loading the resources: high-water {base:.1} MB (the base)");
    println!(
        "  {:<26} {:>9} {:>11} {:>8} {:>16}",
        "after", "RSS MB", "peak MB", "peak/in", "(peak-base)/in"
    );
    let mut last_peak = base;
    let mut show = |label: &str| {
        let (rss, peak) = memory();
        let rose = if peak > last_peak + 0.05 {
            format!("  (+{:.1} MB)", peak - last_peak)
        } else {
            String::new()
        };
        last_peak = last_peak.max(peak);
        println!(
            "  {label:<26} {rss:9.1} {peak:11.1} {:7.1}x {:15.1}x{rose}",
            peak / mb,
            (peak - base) / mb
        );
    };
    let source =
        tei_encoder::read::read_bytes("in.txt", Path::new("in.txt"), text.as_bytes()).unwrap();
    drop(text);
    show("read");
    let s = structure(&source, &opts.structure);
    let mut doc = Document {
        source,
        meta: Metadata::default(),
        front: s.front,
        title_page: s.title_page,
        body: s.body,
        standoff: Default::default(),
        log: EditLog::default(),
        date: "2026-01-01".into(),
    };
    show("structure");
    if let Some(cfg) = &opts.clean {
        clean(&mut doc, cfg).unwrap();
    }
    show("clean");
    tag_names(&mut doc, &opts.names).unwrap();
    show("names");
    let mut file = tempfile::tempfile().expect("a temporary file");
    write_tei_to(&doc, &opts.write, &mut file).expect("written");
    show("write_tei_to (a file)");
    let xml = write_tei(&doc, &opts.write);
    show("write_tei (one string)");
    drop(doc);
    std::hint::black_box(xml);
}
