//! End-to-end tests of the `encode` and `text` commands: round trip, validity
//! against tei_all (jing), determinism, the committed output, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_tei-encoder");

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn seed() -> PathBuf {
    root().join("data/seed/cult-of-the-individual-1956.txt")
}

fn tei_all() -> PathBuf {
    root().join("../shared/schema/tei_all.rng")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run tei-encoder")
}

fn encode(input: &Path, output: &Path) -> Output {
    run(&[
        "encode",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
        "--date",
        "2026-01-01",
        "-q",
    ])
}

fn diplomatic(xml: &Path) -> Vec<u8> {
    let out = run(&["text", "--diplomatic", xml.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs jing over files against tei_all; panics with its messages when any is invalid.
fn assert_jing_valid(files: &[PathBuf]) {
    let out = Command::new("jing")
        .arg(tei_all())
        .args(files)
        .output()
        .expect("jing is needed for this test: run `bash .ci/setup`");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "jing found errors:\n{stdout}");
}

/// Inputs that try to break the writer or the round trip.
fn adversarial() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "markup",
            b"A <b> & c ]]> \"q\" 'a'\n\nHEADING & <MORE>\n\ntext > here\n".to_vec(),
        ),
        (
            "controls",
            b"nul\x00here\nform\x0cfeed\x01\x1f\n\x07\n".to_vec(),
        ),
        (
            "bom-crlf",
            b"\xef\xbb\xbfFirst line\r\nsecond line\r\n\r\nTitle Here\r\n\r\nbody text.\r\n"
                .to_vec(),
        ),
        ("mixed-cr", b"a\r\nb\nc\rd\n\r\n".to_vec()),
        ("blank-spaces", b" \n\t\t\n   \t \nword\n \n".to_vec()),
        ("no-final-newline", b"only one line".to_vec()),
        ("only-newlines", b"\n\n\n\n\n".to_vec()),
        (
            "unicode",
            "caf\u{e9} \u{2014} na\u{ef}ve \u{1F600} \u{a0}\n\u{a0}\n\u{300}x\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "page-noise",
            b"- 3 -\n\xe2\x80\xa2\n\n\n\n- 4 -\n text\n".to_vec(),
        ),
        ("long-line", "word ".repeat(5000).into_bytes()),
    ]
}

#[test]
fn seed_round_trips_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.tei.xml");
    let status = encode(&seed(), &out);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert_eq!(diplomatic(&out), std::fs::read(seed()).unwrap());
    assert_jing_valid(&[out]);
}

#[test]
fn adversarial_inputs_round_trip_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for (name, bytes) in adversarial() {
        let input = dir.path().join(format!("{name}.txt"));
        std::fs::write(&input, &bytes).unwrap();
        let output = dir.path().join(format!("{name}.tei.xml"));
        let r = encode(&input, &output);
        assert!(
            r.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        let xml = std::fs::read_to_string(&output).unwrap();
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: not XML: {e}"));
        assert_eq!(diplomatic(&output), bytes, "{name}: round trip");
        outputs.push(output);
    }
    assert_jing_valid(&outputs);
}

#[test]
fn other_documents_round_trip_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/data/structure")).unwrap() {
        let input = entry.unwrap().path();
        if input.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let output = dir
            .path()
            .join(input.file_name().unwrap())
            .with_extension("xml");
        assert!(encode(&input, &output).status.success());
        assert_eq!(
            diplomatic(&output),
            std::fs::read(&input).unwrap(),
            "{}",
            input.display()
        );
        outputs.push(output);
    }
    assert!(outputs.len() >= 3);
    assert_jing_valid(&outputs);
}

#[test]
fn reading_text_of_seed_is_clean_prose() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.tei.xml");
    assert!(encode(&seed(), &out).status.success());
    let r = run(&["text", "--reading", out.to_str().unwrap()]);
    let text = String::from_utf8(r.stdout).unwrap();
    assert!(text.starts_with("The following important statement"));
    assert!(
        !text.contains("-  16 -"),
        "page numbers are not reading text"
    );
    assert!(text.contains("\n\nNew Successes;\n\n"));
}

#[test]
fn output_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.xml");
    let b = dir.path().join("b.xml");
    assert!(encode(&seed(), &a).status.success());
    assert!(encode(&seed(), &b).status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // SOURCE_DATE_EPOCH fixes the date when --date is absent.
    let c = dir.path().join("c.xml");
    let r = Command::new(BIN)
        .args([
            "encode",
            seed().to_str().unwrap(),
            "-o",
            c.to_str().unwrap(),
            "-q",
        ])
        .env("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01T00:00:00Z
        .output()
        .unwrap();
    assert!(r.status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&c).unwrap());
}

#[test]
fn committed_output_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let r = Command::new(BIN)
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let fresh = std::fs::read(
        dir.path()
            .join("output/cult-of-the-individual-1956.tei.xml"),
    )
    .unwrap();
    let committed =
        std::fs::read(root().join("output/cult-of-the-individual-1956.tei.xml")).unwrap();
    assert!(
        fresh == committed,
        "output/cult-of-the-individual-1956.tei.xml is out of date: run `cargo run --release` and commit it"
    );
}

#[test]
fn metadata_reaches_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.tei.xml");
    let meta = root().join("data/seed/cult-of-the-individual-1956.meta.toml");
    let r = run(&[
        "encode",
        seed().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--meta",
        meta.to_str().unwrap(),
        "--date",
        "2026-01-01",
        "-q",
    ]);
    assert!(r.status.success());
    let xml = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let text_of = |name: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name(name))
            .map(|n| n.text().unwrap_or("").to_string())
            .collect()
    };
    assert!(
        text_of("publisher")
            .iter()
            .any(|p| p == "South African Society for Peace and Friendship with the Soviet Union")
    );
    let sha = tei_encoder::read::sha256_hex(&std::fs::read(seed()).unwrap());
    assert!(text_of("idno").contains(&sha));
    let creation = doc
        .descendants()
        .find(|n| n.has_tag_name("creation"))
        .unwrap();
    let date = creation
        .descendants()
        .find(|n| n.has_tag_name("date"))
        .unwrap();
    assert_eq!(date.attribute("when"), Some("1956-06-30"));
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("change") && n.attribute("when") == Some("2026-01-01"))
    );
}

#[test]
fn bad_inputs_fail_clearly_without_output() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Option<&[u8]>, &str)> = vec![
        ("missing.txt", None, "No such file"),
        ("empty.txt", Some(b""), "empty"),
        (
            "latin1.txt",
            Some(b"caf\xe9\n"),
            "not valid UTF-8 at byte 3 (line 1)",
        ),
    ];
    for (name, content, needle) in cases {
        let input = dir.path().join(name);
        if let Some(c) = content {
            std::fs::write(&input, c).unwrap();
        }
        let output = dir.path().join(format!("{name}.xml"));
        let r = encode(&input, &output);
        let err = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name) && err.contains(needle), "{name}: {err}");
        assert!(!output.exists(), "{name}: a failed run left an output file");
    }
    // A directory is a corpus; one without .txt files is a usage error.
    let empty = dir.path().join("empty-dir");
    std::fs::create_dir(&empty).unwrap();
    let r = run(&["encode", empty.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("no .txt files"));
    // Bad metadata names the key.
    let meta = dir.path().join("bad.toml");
    std::fs::write(&meta, "titel = 1\n").unwrap();
    let r = run(&[
        "encode",
        seed().to_str().unwrap(),
        "-o",
        "-",
        "--meta",
        meta.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("titel"));
    // Never over the input.
    let input = dir.path().join("in.txt");
    std::fs::write(&input, "text\n").unwrap();
    let r = encode(&input, &input);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).unwrap(), b"text\n");
}

#[test]
fn default_output_goes_next_to_the_input_and_stdin_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("note.txt");
    std::fs::write(&input, "A short note.\n").unwrap();
    let r = run(&[
        "encode",
        input.to_str().unwrap(),
        "-q",
        "--date",
        "2026-01-01",
    ]);
    assert!(r.status.success());
    assert!(dir.path().join("note.tei.xml").exists());

    let mut child = Command::new(BIN)
        .args(["encode", "-", "--date", "2026-01-01", "-q"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"From stdin.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("From stdin."));
}

#[test]
fn corpus_mode_encodes_every_file_reports_progress_and_failures() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("1960s")).unwrap();
    std::fs::write(corpus.join("a.txt"), "A first text.\n").unwrap();
    std::fs::write(corpus.join("1960s/b.txt"), "A second text.\n").unwrap();
    std::fs::write(
        corpus.join("1960s/b.meta.toml"),
        "title = \"The second text\"\n",
    )
    .unwrap();
    std::fs::write(corpus.join("broken.txt"), b"caf\xe9\n").unwrap();
    let out = dir.path().join("tei");
    let r = run(&[
        "encode",
        corpus.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--date",
        "2026-01-01",
    ]);
    let err = String::from_utf8_lossy(&r.stderr);
    // Some documents failed, the others were written: exit status 1.
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("[1/3]") && err.contains("[3/3]"), "{err}");
    assert!(err.contains("broken.txt: FAILED"), "{err}");
    assert!(err.contains("encoded 2 of 3 files"), "{err}");
    let b = std::fs::read_to_string(out.join("1960s/b.tei.xml")).unwrap();
    assert!(
        b.contains("<title type=\"main\">The second text</title>"),
        "sidecar metadata"
    );
    assert_eq!(diplomatic(&out.join("a.tei.xml")), b"A first text.\n");
    assert!(!out.join("broken.tei.xml").exists());
}
