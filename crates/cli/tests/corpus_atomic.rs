//! Atomic writes: a batch killed while it writes leaves no partial output
//! (outputs are written to a hidden temporary file and renamed), and a
//! resumed run finishes the work.

mod batch_support;
use batch_support::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_killed_run_leaves_no_partial_file_and_a_rerun_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    // Three large documents: the seed 40 times each (2.2 MB, about 9 MB of TEI).
    let big = seed_text().repeat(40);
    for name in ["one", "two", "three"] {
        std::fs::write(c.join(format!("{name}.txt")), &big).unwrap();
    }
    let out = dir.path().join("out");
    let mut child = Command::new(BIN)
        .args([
            "encode",
            c.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
        ])
        .args(["--date", "2026-01-01", "--jobs", "1", "-q"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it the moment a temporary output appears: in the middle of a write.
    let temps = |d: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(d)
            .map(|r| {
                r.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".tmp"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let started = Instant::now();
    let mut caught = false;
    while started.elapsed() < Duration::from_secs(120) {
        if !temps(&out).is_empty() {
            child.kill().unwrap();
            caught = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    child.kill().ok();
    child.wait().unwrap();
    assert!(
        caught,
        "the run ended before it could be killed while writing"
    );
    // Whatever carries an output's name is a whole document.
    let done = outputs(&out);
    for rel in &done {
        let text = std::fs::read_to_string(out.join(rel)).unwrap();
        assert!(
            text.trim_end().ends_with("</TEI>"),
            "{} is partial",
            rel.display()
        );
        roxmltree::Document::parse(&text).unwrap();
    }
    // Only hidden temporaries ending .tmp, which no *.xml search finds.
    for name in std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
    {
        let name = name.to_string_lossy();
        assert!(
            name.ends_with(".tei.xml")
                || name == "tei-encoder.rng"
                || (name.starts_with('.') && name.ends_with(".tmp")),
            "{name}"
        );
    }
    // A re-run encodes what is missing, skips what is done, leaves no temporary.
    let r = encode_dir(&c, &out, &["--date", "2026-01-01"]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("{} up to date and skipped", done.len())),
        "{err}"
    );
    assert_eq!(outputs(&out).len(), 3);
    assert!(temps(&out).is_empty(), "{:?}", temps(&out));
    for rel in outputs(&out) {
        let text = std::fs::read_to_string(out.join(&rel)).unwrap();
        assert!(text.trim_end().ends_with("</TEI>"), "{}", rel.display());
        roxmltree::Document::parse(&text).unwrap();
    }
}

#[test]
fn a_device_or_fifo_output_is_written_in_place_never_replaced() {
    // `-o /dev/null` must not rename a file over /dev/null; a FIFO stands in
    // for the device here, so a mistake cannot break the machine.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).unwrap())
    };
    let input = dir.path().join("in.txt");
    std::fs::write(&input, "A short text.\n").unwrap();
    let r = run(&[
        "encode",
        input.to_str().unwrap(),
        "-o",
        fifo.to_str().unwrap(),
        "--date",
        "2026-01-01",
        "-q",
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    // Checked before reading: a replaced FIFO would leave the reader waiting.
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by a file");
    let got = String::from_utf8(reader.join().unwrap()).unwrap();
    assert!(got.trim_end().ends_with("</TEI>"), "{got}");
}
