//! Helpers of the batch (corpus mode) tests: a small corpus, outputs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_tei-encoder");

pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

pub fn seed_text() -> Vec<u8> {
    std::fs::read(root().join("data/seed/cult-of-the-individual-1956.txt")).unwrap()
}

pub fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run tei-encoder")
}

/// `tei-encoder encode INPUT --out-dir OUT` and further arguments.
pub fn encode_dir(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "encode",
        input.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A small corpus: four good texts (one with a sidecar), in two folders.
pub fn small_corpus(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    std::fs::create_dir_all(c.join("1960s")).unwrap();
    let seed = seed_text();
    std::fs::write(c.join("seed.txt"), &seed).unwrap();
    std::fs::write(
        c.join("a.txt"),
        "A FIRST TEXT\n\nThe Central Committee met in Moscow.\n",
    )
    .unwrap();
    std::fs::write(
        c.join("1960s/b.txt"),
        "A second text, from Comrade Nehru.\n",
    )
    .unwrap();
    std::fs::write(c.join("1960s/b.meta.toml"), "title = \"The second text\"\n").unwrap();
    std::fs::write(c.join("1960s/half.txt"), &seed[..seed.len() / 2]).unwrap();
    c
}

/// Every `*.tei.xml` below `dir`, relative, sorted.
pub fn outputs(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if p.to_string_lossy().ends_with(".tei.xml") {
                out.push(p.strip_prefix(base).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
}
