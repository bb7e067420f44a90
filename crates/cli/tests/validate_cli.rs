//! `tei-encoder validate` on the command line: exit statuses (0 valid, 1
//! invalid, 2 usage, I/O and schema errors), jing-style and JSON output,
//! schema choice, the cache of compiled schemas and hostile input.

use std::path::Path;
use std::process::{Command, Output};

// Paths relative to the repository root, where the binary runs.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const TEI_ALL: &str = "../shared/schema/tei_all.rng";
const FULL: &str = "tests/data/validate/full-features.xml";

fn run(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tei-encoder"))
        .current_dir(ROOT)
        .arg("validate")
        .args(args)
        .env("TEI_ENCODER_CACHE_DIR", cache)
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn valid_invalid_and_unusable() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cache = tmp.path().join("cache");
    let ok = run(&[FULL], &cache);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(stdout(&ok).is_empty());

    let bad = run(
        &[
            "../shared/tei-samples/invalid/teibp-dedication.xml",
            "--schema",
            TEI_ALL,
        ],
        &cache,
    );
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        stdout(&bad),
        "../shared/tei-samples/invalid/teibp-dedication.xml:13:15: error: element \"pubPlace\" not allowed yet; expected element \"ab\", \"authority\", \"distributor\", \"p\" or \"publisher\"\n"
    );

    let missing = run(&["no-such-file.xml"], &cache);
    assert_eq!(missing.status.code(), Some(2));

    let not_rng = tmp.path().join("bad.rng");
    std::fs::write(
        &not_rng,
        r#"<element xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>"#,
    )
    .unwrap();
    let schema_error = run(&[FULL, "--schema", not_rng.to_str().unwrap()], &cache);
    assert_eq!(schema_error.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&schema_error.stderr).contains("not a correct RELAX NG schema")
    );

    let usage = run(&[FULL, "--format", "yaml"], &cache);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn json_output_for_machines() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = run(
        &[
            "../shared/tei-samples/invalid/teibp-dedication.xml",
            FULL,
            "--schema",
            TEI_ALL,
            "--format",
            "json",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["valid"], false);
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["valid"], false);
    let d = &files[0]["diagnostics"][0];
    assert_eq!(d["line"], 13);
    assert_eq!(d["column"], 15);
    assert_eq!(d["severity"], "error");
    assert_eq!(d["check"], "relax-ng");
    assert_eq!(files[1]["valid"], true);
}

#[test]
fn pointers_warn_and_strict_makes_them_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let doc = std::fs::read_to_string(Path::new(ROOT).join(FULL))
        .unwrap()
        .replace("ref=\"#lenin\"", "ref=\"#trotsky\"");
    let f = tmp.path().join("dangling.xml");
    std::fs::write(&f, doc).unwrap();
    let f = f.to_str().unwrap();
    let lenient = run(&[f], tmp.path());
    assert_eq!(lenient.status.code(), Some(0));
    assert!(stdout(&lenient).contains("warning: attribute \"ref\" points to \"#trotsky\""));
    let strict = run(&[f, "--strict"], tmp.path());
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn xml_model_picks_a_local_schema_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        Path::new(ROOT).join("tests/data/validate/datatypes.rng"),
        tmp.path().join("cases.rng"),
    )
    .unwrap();
    let f = tmp.path().join("doc.xml");
    std::fs::write(
        &f,
        "<?xml-model href=\"cases.rng\" schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n<cases><date>1781-02-30</date></cases>\n",
    )
    .unwrap();
    let o = run(&[f.to_str().unwrap()], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(":2:31: error: character content of element \"date\" invalid"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn compiled_schemas_are_cached_by_content() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cache = tmp.path().join("cache");
    let first = run(&[FULL, "--schema", TEI_ALL], &cache);
    assert_eq!(first.status.code(), Some(0));
    let entries: Vec<_> = std::fs::read_dir(&cache).expect("cache written").collect();
    assert_eq!(entries.len(), 1);
    let second = run(
        &[
            "../shared/tei-samples/invalid/teibp-dedication.xml",
            "--schema",
            TEI_ALL,
        ],
        &cache,
    );
    assert_eq!(
        second.status.code(),
        Some(1),
        "a cached schema validates as a fresh one"
    );
    // A damaged cache entry is ignored and rewritten.
    let entry = entries[0].as_ref().unwrap().path();
    std::fs::write(&entry, b"garbage").unwrap();
    let third = run(
        &[
            "../shared/tei-samples/invalid/teibp-dedication.xml",
            "--schema",
            TEI_ALL,
        ],
        &cache,
    );
    assert_eq!(third.status.code(), Some(1));
    assert_eq!(stdout(&third), stdout(&second));
    assert!(std::fs::metadata(&entry).unwrap().len() > 1000);
}

#[test]
fn hostile_input_is_refused_not_expanded() {
    let tmp = tempfile::tempdir().expect("tempdir");
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
        "]><TEI xmlns=\"http://www.tei-c.org/ns/1.0\">&{prev};</TEI>"
    ));
    let f = tmp.path().join("laughs.xml");
    std::fs::write(&f, doc).unwrap();
    let o = run(&[f.to_str().unwrap()], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("entity references would expand"),
        "{}",
        stdout(&o)
    );

    let external = tmp.path().join("external.xml");
    std::fs::write(
        &external,
        "<!DOCTYPE TEI [<!ENTITY x SYSTEM \"/etc/passwd\">]><TEI>&x;</TEI>",
    )
    .unwrap();
    let o = run(&[external.to_str().unwrap()], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("not well-formed"), "{}", stdout(&o));
}
