//! The structure evaluation harness: encodes the development corpus
//! (`tests/corpus/`, or the folder given) and prints, per document, per
//! layout and in total, heading precision/recall/F1 by line span and level
//! agreement, page-label precision and recall, running-head and contents
//! scores. `cargo run --release --example structure_eval [DIR] [--verbose]`.

#[path = "../tests/corpus_support/mod.rs"]
mod corpus_support;

use std::path::PathBuf;

use tei_encoder::structure::eval::found;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(corpus_support::corpus_dir);
    let entries = corpus_support::load(&dir);
    if verbose {
        for e in &entries {
            let f = found(&e.doc);
            println!("## {}/{}", e.layout, e.name);
            let ann: std::collections::BTreeSet<(usize, usize)> =
                e.ann.heading.iter().map(|h| (h.first, h.last)).collect();
            for (span, level) in &f.headings {
                if !ann.contains(span) {
                    let text = &e.doc.source.lines[span.0 - 1].text;
                    println!("  extra heading {:?} L{level}: {}", span, text.trim());
                }
            }
            for h in &e.ann.heading {
                if !f.headings.contains_key(&(h.first, h.last)) {
                    let text = &e.doc.source.lines[h.first - 1].text;
                    println!(
                        "  missed heading {}-{} L{}: {}",
                        h.first,
                        h.last,
                        h.level,
                        text.trim()
                    );
                } else if f.headings[&(h.first, h.last)] != h.level {
                    println!(
                        "  level {}-{}: found {} annotated {}",
                        h.first,
                        h.last,
                        f.headings[&(h.first, h.last)],
                        h.level
                    );
                }
            }
            for p in &e.ann.page {
                if !f.pages.contains(&(p.line, p.label.clone())) {
                    println!(
                        "  missed page {} {:?}: {}",
                        p.line,
                        p.label,
                        e.doc.source.lines[p.line - 1].text.trim()
                    );
                }
            }
            let ann_pages: std::collections::BTreeSet<(usize, String)> = e
                .ann
                .page
                .iter()
                .map(|p| (p.line, p.label.clone()))
                .collect();
            for p in f.pages.difference(&ann_pages) {
                println!(
                    "  extra page {} {:?}: {}",
                    p.0,
                    p.1,
                    e.doc.source.lines[p.0 - 1].text.trim()
                );
            }
            let ann_fw: std::collections::BTreeSet<usize> =
                e.ann.furniture.iter().map(|x| x.line).collect();
            // A bare page number encoded as pageNum satisfies a furniture
            // annotation (as `eval::score` counts it).
            for l in ann_fw
                .iter()
                .filter(|l| !f.furniture.contains(l) && !f.page_furniture.contains(l))
            {
                println!(
                    "  missed running head {l}: {}",
                    e.doc.source.lines[l - 1].text.trim()
                );
            }
            for l in f.furniture.difference(&ann_fw) {
                println!(
                    "  extra running head {l}: {}",
                    e.doc.source.lines[l - 1].text.trim()
                );
            }
        }
        println!();
    }
    print!("{}", corpus_support::table(&entries));
    let bytes: usize = entries.iter().map(|e| e.bytes).sum();
    let took: f64 = entries.iter().map(|e| e.took.as_secs_f64()).sum();
    println!(
        "\n{} documents, {:.2} MB, encoded (structure and names) in {:.3} s",
        entries.len(),
        bytes as f64 / 1e6,
        took
    );
}
