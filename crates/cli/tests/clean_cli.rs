//! The cleaning options of `tei-encoder encode`, run as a user would.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository root.
fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn encode(args: &[&str]) -> (Output, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xml");
    let input = root().join("tests/data/clean/press-release-1963.txt");
    let o = Command::new(env!("CARGO_BIN_EXE_tei-encoder"))
        .arg("encode")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--date", "2026-01-01"])
        .args(args)
        .output()
        .unwrap();
    let xml = std::fs::read_to_string(&out).unwrap_or_default();
    (o, xml)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn report_breaks_corrections_down_by_kind_and_certainty() {
    let (o, xml) = encode(&["--report"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("line-end joins: 5 (2 printed hyphens dropped)"),
        "{e}"
    );
    assert!(e.contains("corrections: 14"), "{e}");
    assert!(
        e.lines().any(|l| l.trim_start().starts_with("confusion")),
        "{e}"
    );
    assert!(xml.contains("<sic>Govemment</sic>"));
    assert!(xml.contains("type=\"confusion\" resp=\"#tei-encoder\""));
}

#[test]
fn no_corrections_is_diplomatic_but_marks_joins() {
    let (o, xml) = encode(&["--no-corrections"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!xml.contains("<choice>"));
    assert!(xml.contains("break=\"no\""));
}

#[test]
fn min_cert_high_makes_fewer_corrections() {
    let (_, all) = encode(&[]);
    let (o, high) = encode(&["--min-cert", "high"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let count = |x: &str| x.matches("<choice>").count();
    assert!(count(&high) < count(&all));
    assert!(!high.contains("resp=\"#tei-encoder\" cert=\"medium\""));
    assert!(all.contains("resp=\"#tei-encoder\" cert=\"medium\""));
    let (o, _) = encode(&["--min-cert", "sure"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not one of low, medium, high"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn missing_lexicon_is_named_with_its_package() {
    let (o, _) = encode(&["--lexicon", "/nonexistent/british-english"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("/nonexistent/british-english"), "{e}");
    assert!(e.contains("wbritish"), "{e}");
}

#[test]
fn user_word_lists_extend_the_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let words = dir.path().join("words.txt");
    std::fs::write(&words, "# a house spelling\nannounoed\n").unwrap();
    let (o, xml) = encode(&["--words", words.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!xml.contains("<sic>announoed</sic>"));
    assert!(xml.contains("<sic>businessrnen</sic>"));
}

#[test]
fn another_language_is_warned_about_and_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xml");
    let o = Command::new(env!("CARGO_BIN_EXE_tei-encoder"))
        .arg("encode")
        .arg(root().join("tests/data/clean/bericht-de-1955.txt"))
        .arg("-o")
        .arg(&out)
        .args(["--date", "2026-01-01"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("warning") && e.contains("--lexicon"), "{e}");
    let xml = std::fs::read_to_string(&out).unwrap();
    assert!(!xml.contains("<choice>"));
    assert!(xml.contains("No correction was made"), "header says why");
}
