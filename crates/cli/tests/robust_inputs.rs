//! What already held before the fuzzing (issue 16), kept under test: clear
//! errors for random bytes; a 5 MB single line and 300,000 capital-letter
//! lines in bounded time; billion laughs and external entities refused by
//! `text` as by `validate`. And the fuzz targets' checks replayed on stable
//! over the committed seed corpus and every crash found
//! (`tests/data/fuzz/{encode,xml}/`), so CI needs no nightly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tei_encoder::clean::CleanConfig;
use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::model::Metadata;
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_bytes;
use tei_encoder::tei::{reader, write_tei};
use tei_encoder::validate::{Options, SchemaSpec, Validator};

const BIN: &str = env!("CARGO_BIN_EXE_tei-encoder");

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn run(args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let out = Command::new(BIN)
        .args(args)
        .args(["--date", "2026-01-01", "--quiet"])
        .output()
        .unwrap();
    (out, started.elapsed())
}

/// Generous bounds: the machine is shared; the figures in the README were
/// measured alone. These catch a quadratic pass, not a slow host.
const BOUND: Duration = Duration::from_secs(15);

#[test]
fn random_bytes_fail_clearly_with_status_2_and_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let bytes: Vec<u8> = (0..65_536)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    assert!(std::str::from_utf8(&bytes).is_err());
    let input = dir.path().join("random.bin.txt");
    std::fs::write(&input, &bytes).unwrap();
    let output = dir.path().join("random.tei.xml");
    let (out, _) = run(&[
        "encode",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("random.bin.txt")
            && (err.contains("not valid UTF-8 at byte") || err.contains("not a text file")),
        "{err}"
    );
    assert!(!output.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Encodes `bytes` with the CLI (every pass on), checks the round trip, and
/// returns the encoding time.
fn encode_timed(name: &str, bytes: &[u8]) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(format!("{name}.txt"));
    std::fs::write(&input, bytes).unwrap();
    let output = dir.path().join(format!("{name}.tei.xml"));
    let (out, took) = run(&[
        "encode",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = Command::new(BIN)
        .args(["text", "--diplomatic"])
        .arg(&output)
        .output()
        .unwrap();
    assert!(back.status.success());
    assert!(back.stdout == bytes, "{name}: round trip differs");
    eprintln!("{name}: {} bytes encoded in {took:.2?}", bytes.len());
    took
}

#[test]
fn a_five_megabyte_single_line_encodes_in_bounded_time() {
    let line: String = "Thc quick brown fox-jumps over the lazy dog; publio ".repeat(100_000);
    assert!(line.len() >= 5_000_000 && !line.contains('\n'));
    let took = encode_timed("one-line", line.as_bytes());
    assert!(took < BOUND, "{took:?}");
}

#[test]
fn three_hundred_thousand_capital_lines_encode_in_bounded_time() {
    let mut text = String::new();
    for i in 0..300_000 {
        text.push_str(["A\n", "THE PARTY.\n", "B C\n"][i % 3]);
    }
    let took = encode_timed("capitals", text.as_bytes());
    assert!(took < BOUND, "{took:?}");
}

/// Inputs that were quadratic in a pass before (measured on the build before
/// the fixes, 1 MB or less each): a paragraph of 20,000 words cut at line ends
/// (dehyphenation, 12.2 s), 40,000 lines each with a correction (OCR repair,
/// 15.0 s), a run of 20,000 `X Party` pairs (organisation names, 117.7 s and
/// 9.5 GB), and `Party of Party of …` (the `of` phrase).
#[test]
fn inputs_once_quadratic_in_a_pass_encode_in_bounded_time() {
    let cases: [(&str, String); 4] = [
        (
            "cut-words",
            "under- \nstanding of the inter- \nnational Party \n".repeat(20_000),
        ),
        (
            "corrections",
            "the quick brown fox jumps over the lazy dog publio \n".repeat(40_000),
        ),
        (
            "party-run",
            (0..20_000)
                .map(|i| format!("Party{i} Party"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        (
            "party-of",
            format!("The Party of {}", "Party of ".repeat(20_000)),
        ),
    ];
    for (name, text) in cases {
        let took = encode_timed(name, text.as_bytes());
        assert!(took < BOUND, "{name}: {took:?}");
    }
}

#[test]
fn text_refuses_billion_laughs_and_external_entities() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::from("<!DOCTYPE TEI [<!ENTITY a \"aaaaaaaaaa\">");
    let mut prev = "a".to_string();
    for i in 0..9 {
        doc.push_str(&format!(
            "<!ENTITY e{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
        prev = format!("e{i}");
    }
    doc.push_str(&format!(
        "]><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>&{prev};</p></body></text></TEI>"
    ));
    let laughs = dir.path().join("laughs.xml");
    std::fs::write(&laughs, doc).unwrap();
    let external = dir.path().join("external.xml");
    std::fs::write(
        &external,
        "<!DOCTYPE TEI [<!ENTITY x SYSTEM \"/etc/passwd\">]><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>&x;</p></body></text></TEI>",
    )
    .unwrap();
    for file in [&laughs, &external] {
        for view in ["--diplomatic", "--reading"] {
            let started = Instant::now();
            let out = Command::new(BIN)
                .args(["text", view])
                .arg(file)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{}", file.display());
            assert!(out.stdout.is_empty(), "nothing printed");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(file.to_str().unwrap()), "{err}");
            assert!(!err.contains("root:"), "{err}");
            assert!(started.elapsed() < Duration::from_secs(5));
        }
        let out = Command::new(BIN)
            .arg("validate")
            .arg(file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
    }
}

// --- the fuzz targets' checks, replayed on stable ---------------------------

fn files_in(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The committed seeds and crash reproducers of one fuzz target.
fn fuzz_inputs(target: &str) -> Vec<PathBuf> {
    let mut files = files_in(&repo().join("fuzz/corpus").join(target), "seed-");
    files.extend(files_in(&repo().join("tests/data/fuzz").join(target), ""));
    files
}

fn project_validator() -> Validator {
    Validator::new(Options {
        schema: Some(SchemaSpec::Project),
        cache_dir: None,
    })
}

/// What `fuzz/fuzz_targets/encode.rs` asserts.
#[test]
fn fuzz_encode_inputs_keep_the_target_s_properties() {
    let lexicon = Lexicon::load_default(Path::new(DEFAULT_LEXICON_PATH)).unwrap();
    let opts = EncodeOptions {
        date: "2026-01-01".into(),
        clean: Some(CleanConfig::new(lexicon)),
        ..Default::default()
    };
    let mut v = project_validator();
    let files = fuzz_inputs("encode");
    assert!(files.len() >= 10, "{files:?}");
    for f in files {
        let data = std::fs::read(&f).unwrap();
        let source = match read_bytes("fuzz.txt", Path::new("fuzz.txt"), &data) {
            Ok(s) => s,
            Err(_) => {
                assert!(data.is_empty() || std::str::from_utf8(&data).is_err());
                continue;
            }
        };
        let doc = encode(source, Metadata::default(), &opts).unwrap();
        let xml = write_tei(&doc, &opts.write);
        roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("{}: not well-formed: {e}", f.display()));
        let back = reader::diplomatic_text(&xml).unwrap();
        assert!(back.as_bytes() == data, "{}: round trip", f.display());
        assert_eq!(reader::reading_text(&xml).unwrap(), doc.reading_text());
        let r = v.validate_text(&xml, Path::new("fuzz.tei.xml")).unwrap();
        assert!(r.is_valid(true), "{}: {:?}", f.display(), r.diagnostics);
    }
}

/// What `fuzz/fuzz_targets/xml.rs` asserts.
#[test]
fn fuzz_xml_inputs_keep_the_target_s_properties() {
    let mut v = project_validator();
    let files = fuzz_inputs("xml");
    assert!(files.len() >= 5, "{files:?}");
    for f in files {
        let data = std::fs::read(&f).unwrap();
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let r = v.validate_text(text, Path::new("fuzz.xml")).unwrap();
        if tei_encoder::validate::parse_document(text).is_err() {
            assert!(!r.is_valid(false), "{}", f.display());
        }
        let _ = reader::diplomatic_text(text);
        let _ = reader::reading_text(text);
    }
}
