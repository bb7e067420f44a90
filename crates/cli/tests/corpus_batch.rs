//! Batch encoding (`encode DIR --out-dir OUT`): parallel runs byte-identical
//! to single-file mode, the summary and `--report-json`, bad files skipped
//! with their reason, exit codes, resume and `--force`, `--shard`.

mod batch_support;
use batch_support::*;
use std::path::Path;

#[test]
fn parallel_batch_equals_single_file_mode_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let c = small_corpus(dir.path());
    let par = dir.path().join("par");
    let seq = dir.path().join("seq");
    for (out, jobs) in [(&par, "2"), (&seq, "1")] {
        let r = encode_dir(&c, out, &["--date", "2026-01-01", "--jobs", jobs]);
        assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    }
    let files = outputs(&par);
    assert_eq!(files.len(), 4, "{files:?}");
    assert_eq!(files, outputs(&seq));
    for rel in &files {
        let input = c.join(rel.to_string_lossy().replace(".tei.xml", ".txt"));
        let single = dir.path().join("single.xml");
        let r = run(&[
            "encode",
            input.to_str().unwrap(),
            "-o",
            single.to_str().unwrap(),
            "--date",
            "2026-01-01",
            "-q",
        ]);
        assert!(r.status.success(), "{}", stderr(&r));
        let a = std::fs::read(par.join(rel)).unwrap();
        assert_eq!(a, std::fs::read(&single).unwrap(), "{}", rel.display());
        assert_eq!(
            a,
            std::fs::read(seq.join(rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
    let b = std::fs::read_to_string(par.join("1960s/b.tei.xml")).unwrap();
    assert!(
        b.contains("<title type=\"main\">The second text</title>"),
        "sidecar metadata"
    );
}

#[test]
fn summary_and_report_json_count_documents_and_failures() {
    let dir = tempfile::tempdir().unwrap();
    let c = small_corpus(dir.path());
    std::fs::write(c.join("latin1.txt"), b"caf\xe9\n").unwrap();
    std::fs::write(c.join("scan.txt"), b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n").unwrap();
    std::fs::write(c.join("zeros.txt"), vec![0u8; 4096]).unwrap();
    std::fs::write(c.join("empty.txt"), b"").unwrap();
    std::fs::write(c.join("big.txt"), "word ".repeat(40_000)).unwrap();
    // Unreadable: a link to nothing.
    std::os::unix::fs::symlink(dir.path().join("gone"), c.join("gone.txt")).unwrap();
    let out = dir.path().join("out");
    let json = dir.path().join("report.json");
    let r = encode_dir(
        &c,
        &out,
        &[
            "--date",
            "2026-01-01",
            "--report-json",
            json.to_str().unwrap(),
            "--max-input-bytes",
            "100K",
        ],
    );
    let err = stderr(&r);
    // Some documents failed: exit status 1, the others were written.
    assert_eq!(r.status.code(), Some(1), "{err}");
    for (name, reason) in [
        ("latin1.txt", "not valid UTF-8 at byte 3"),
        ("scan.txt", "not a text file (a PDF file)"),
        ("zeros.txt", "not a text file"),
        ("empty.txt", "empty"),
        ("big.txt", "over the size limit of 102400 bytes"),
        ("gone.txt", "No such file"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(name) && l.contains("FAILED"))
            .unwrap_or_else(|| panic!("no failure line for {name}:\n{err}"));
        assert!(line.contains(reason), "{line}");
        let stem = name.trim_end_matches(".txt");
        assert!(!out.join(format!("{stem}.tei.xml")).exists(), "{name}");
    }
    assert_eq!(outputs(&out).len(), 4);
    // Plain lines (standard error is not a terminal), then the summary.
    assert!(err.contains("[ 1/10]") && err.contains("[10/10]"), "{err}");
    assert!(
        err.contains("documents: 10 (4 encoded, 0 up to date and skipped, 6 failed)"),
        "{err}"
    );
    assert!(err.contains("names: ") && err.contains("person "), "{err}");
    assert!(err.contains("MB/s"), "{err}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["documents"], 10);
    assert_eq!(report["encoded"], 4);
    assert_eq!(report["failed"], 6);
    let docs = report["reports"].as_array().unwrap();
    assert_eq!(docs.len(), 10);
    let seed = docs
        .iter()
        .find(|d| d["input"].as_str().unwrap().ends_with("/seed.txt"))
        .unwrap();
    assert_eq!(seed["status"], "encoded");
    assert_eq!(seed["lines"], 999);
    assert!(seed["pages"].as_u64().unwrap() > 0);
    assert!(seed["divisions"].as_u64().unwrap() > 0);
    assert!(seed["corrections"].as_u64().unwrap() > 0);
    assert!(seed["names"]["person"].as_u64().unwrap() > 0);
    let big = docs
        .iter()
        .find(|d| d["input"].as_str().unwrap().ends_with("/big.txt"))
        .unwrap();
    assert_eq!(big["status"], "failed");
    assert!(big["error"].as_str().unwrap().contains("size limit"));
    // Totals are the sums of the documents.
    let sum: u64 = docs
        .iter()
        .map(|d| d["corrections"].as_u64().unwrap())
        .sum();
    assert_eq!(report["corrections"].as_u64().unwrap(), sum);
}

#[test]
fn exit_codes_zero_done_two_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    let c = small_corpus(dir.path());
    let out = dir.path().join("out");
    let ok = encode_dir(&c, &out, &["-q"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    for (args, needle) in [
        (vec!["--shard", "5/4"], "K must be between 1 and N"),
        (vec!["--shard", "x"], "K/N"),
        (vec!["--max-input-bytes", "lots"], "lots"),
        (vec!["--jobs", "-3"], "-3"),
        (vec!["-o", "x.xml"], "--out-dir"),
        (vec!["--date", "2026-02-30"], "not a calendar date"),
    ] {
        let mut a = vec!["encode", c.to_str().unwrap()];
        a.extend(args.iter().copied());
        let r = run(&a);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {}", stderr(&r));
        assert!(stderr(&r).contains(needle), "{args:?}: {}", stderr(&r));
    }
    // A directory without texts is a usage error.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(
        run(&["encode", empty.to_str().unwrap()]).status.code(),
        Some(2)
    );
    // A single bad input is bad input: 2.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, vec![0u8; 100]).unwrap();
    let r = run(&["encode", bad.to_str().unwrap(), "-o", "-"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("not a text file"), "{}", stderr(&r));
}

/// A dated encode that must succeed; its standard error.
fn encode_dated(c: &Path, out: &Path, extra: &[&str]) -> String {
    let mut a = vec!["--date", "2026-01-01"];
    a.extend(extra);
    let r = encode_dir(c, out, &a);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    stderr(&r)
}

#[test]
fn a_rerun_skips_up_to_date_outputs_and_force_redoes_them() {
    let dir = tempfile::tempdir().unwrap();
    let c = small_corpus(dir.path());
    let out = dir.path().join("out");
    let first = encode_dated(&c, &out, &[]);
    assert!(first.contains("(4 encoded, 0 up to date"), "{first}");
    let before = std::fs::read(out.join("seed.tei.xml")).unwrap();
    let again = encode_dated(&c, &out, &[]);
    assert!(again.contains("(0 encoded, 4 up to date"), "{again}");
    assert!(again.contains("seed.txt: up to date, skipped"), "{again}");
    // A changed input, and a changed sidecar, are encoded again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(c.join("a.txt"), "A FIRST TEXT, AGAIN\n").unwrap();
    std::fs::write(c.join("1960s/b.meta.toml"), "title = \"Retitled\"\n").unwrap();
    let third = encode_dated(&c, &out, &[]);
    assert!(third.contains("(2 encoded, 2 up to date"), "{third}");
    assert!(
        std::fs::read_to_string(out.join("1960s/b.tei.xml"))
            .unwrap()
            .contains("Retitled")
    );
    assert!(
        std::fs::read_to_string(out.join("a.tei.xml"))
            .unwrap()
            .contains("AGAIN")
    );
    // A newer --meta file makes every output stale.
    let meta = dir.path().join("all.meta.toml");
    std::fs::write(&meta, "title = \"All\"\n").unwrap();
    let m = meta.to_str().unwrap();
    let fourth = encode_dated(&c, &out, &["--meta", m]);
    assert!(fourth.contains("(4 encoded, 0 up to date"), "{fourth}");
    let fifth = encode_dated(&c, &out, &["--meta", m, "--force"]);
    assert!(fifth.contains("(4 encoded, 0 up to date"), "{fifth}");
    // Inputs are never touched.
    assert_eq!(std::fs::read(c.join("seed.txt")).unwrap(), seed_text());
    assert_ne!(before, Vec::<u8>::new());
}

#[test]
fn shards_cover_the_corpus_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus");
    for i in 0..30 {
        let d = c.join(format!("box{}", i % 4));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join(format!("doc{i}.txt")),
            format!("Document number {i}.\n"),
        )
        .unwrap();
    }
    let all = dir.path().join("all");
    encode_dated(&c, &all, &["-q"]);
    let everything = outputs(&all);
    assert_eq!(everything.len(), 30);
    let mut union = Vec::new();
    for k in 1..=3 {
        let out = dir.path().join(format!("shard{k}"));
        encode_dated(&c, &out, &["-q", "--shard", &format!("{k}/3")]);
        let part = outputs(&out);
        assert!(
            !part.is_empty() && part.len() < 30,
            "shard {k}: {}",
            part.len()
        );
        for p in &part {
            assert_eq!(
                std::fs::read(out.join(p)).unwrap(),
                std::fs::read(all.join(p)).unwrap()
            );
        }
        union.extend(part);
    }
    union.sort();
    assert_eq!(union, everything, "the shards overlap or miss documents");
    // Shards of one output folder: each worker writes its own part.
    let shared = dir.path().join("shared");
    for k in 1..=3 {
        encode_dated(&c, &shared, &["-q", "--shard", &format!("{k}/3")]);
    }
    assert_eq!(outputs(&shared), everything);
}

#[test]
fn on_a_terminal_a_progress_bar_with_eta() {
    // `script` (util-linux, in every Debian) runs the batch on a pseudo-terminal.
    let dir = tempfile::tempdir().unwrap();
    let c = small_corpus(dir.path());
    let out = dir.path().join("out");
    let cmd = format!(
        "{BIN} encode {} --out-dir {} --date 2026-01-01",
        c.display(),
        out.display()
    );
    let o = std::process::Command::new("script")
        .args(["-qec", &cmd])
        .arg(dir.path().join("typescript"))
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("script (util-linux) is needed for this test");
    let screen = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{screen}");
    assert!(screen.contains("documents, ETA"), "{screen}");
    // No plain per-document lines on a terminal; the summary still comes.
    assert!(!screen.contains("[1/4]"), "{screen}");
    assert!(screen.contains("documents: 4 (4 encoded"), "{screen}");
    assert_eq!(outputs(&out).len(), 4);
}
