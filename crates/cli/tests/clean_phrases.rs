//! `--phrases` adds common phrases that context corrections may restore.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_tei-encoder");

fn encode(dir: &std::path::Path, extra: &[&str]) -> String {
    let out = dir.join("out.xml");
    let r = Command::new(BIN)
        .arg("encode")
        .arg(dir.join("in.txt"))
        .arg("-o")
        .arg(&out)
        .args(["-q", "--date", "2026-01-01"])
        .args(extra)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn a_user_phrase_list_enables_a_context_correction() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("in.txt"),
        "The committee said that the nations of the world must now hear the burden of history and\n\
         build a lasting peace among all the peoples of every continent of the world.\n",
    )
    .unwrap();
    // "hear" is a word: without evidence the text is left as printed.
    assert!(!encode(dir.path(), &[]).contains("<choice>"));
    let phrases = dir.path().join("phrases.txt");
    std::fs::write(&phrases, "# a user list\nbear the burden\n").unwrap();
    let xml = encode(dir.path(), &["--phrases", phrases.to_str().unwrap()]);
    assert!(
        xml.contains("<sic>hear</sic><corr type=\"confusion\""),
        "{xml}"
    );
    // A missing list is an error that names it.
    let r = Command::new(BIN)
        .arg("encode")
        .arg(dir.path().join("in.txt"))
        .args(["-o", "-", "--phrases", "/nonexistent/phrases.txt"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("/nonexistent/phrases.txt"));
}
