//! Agreement with jing on real TEI: every file of ../shared/tei-samples
//! against tei_all (verdict, error positions), and tei-encoder's own output
//! against both the project schema and tei_all. jing's results are recorded
//! below (jing 20181222, Debian) and, when jing is installed, also checked live.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use tei_encoder::validate::Severity;
use tei_encoder::validate::{Options, SchemaSpec, Validator};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/tei-samples");
const TEI_ALL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/schema/tei_all.rng"
);

/// jing's errors on the invalid samples: count and first position.
const JING_INVALID: &[(&str, usize, (u32, u32))] = &[
    ("eltec-ENG19011_Jerome.xml", 5, (56, 71)),
    ("teibp-dedication.xml", 1, (13, 15)),
    ("teipublisher-let695.xml", 34, (22, 21)),
];

fn samples() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["valid", "invalid"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(SAMPLES).join(dir))
            .expect("shared samples are checked out next to the repository")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

fn name(p: &Path) -> String {
    p.file_name().expect("file").to_string_lossy().into_owned()
}

/// Error positions per file, from our validator.
fn ours(schema: SchemaSpec, files: &[PathBuf]) -> BTreeMap<String, Vec<(u32, u32)>> {
    let mut v = Validator::new(Options {
        schema: Some(schema),
        cache_dir: None,
    });
    files
        .iter()
        .map(|f| {
            let r = v.validate_file(f).expect("readable");
            let errors = r
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| (d.line, d.column))
                .collect();
            (name(f), errors)
        })
        .collect()
}

/// jing is required (`.ci/setup` installs it): a test that skipped its
/// comparison with jing when it is missing would pass proving nothing.
fn jing_available() -> bool {
    assert!(
        Command::new("jing").output().is_ok(),
        "jing is needed: run `bash .ci/setup`"
    );
    true
}

/// Error positions per file from one jing run over all files.
fn jing(schema: &str, files: &[PathBuf]) -> BTreeMap<String, Vec<(u32, u32)>> {
    let out = Command::new("jing")
        .arg(schema)
        .args(files)
        .output()
        .expect("jing runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut by_file: BTreeMap<String, Vec<(u32, u32)>> =
        files.iter().map(|f| (name(f), Vec::new())).collect();
    for line in text.lines() {
        let mut parts = line.rsplitn(2, ".xml:");
        let (Some(rest), Some(path)) = (parts.next(), parts.next()) else {
            continue;
        };
        let mut nums = rest.split(':');
        let (Some(l), Some(c)) = (nums.next(), nums.next()) else {
            continue;
        };
        let (Ok(l), Ok(c)) = (l.parse(), c.parse()) else {
            continue;
        };
        let file = format!(
            "{}.xml",
            Path::new(path)
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        );
        by_file.entry(file).or_default().push((l, c));
    }
    by_file
}

#[test]
fn samples_agree_with_jing_on_tei_all() {
    let files = samples();
    assert_eq!(files.len(), 17);
    let got = ours(SchemaSpec::File(TEI_ALL.into()), &files);
    for (file, errors) in &got {
        match JING_INVALID.iter().find(|(n, ..)| n == file) {
            Some((_, count, first)) => {
                assert_eq!(errors.first(), Some(first), "{file}: first error");
                assert_eq!(errors.len(), *count, "{file}: number of errors");
            }
            None => assert!(
                errors.is_empty(),
                "{file}: jing finds it valid, we report {errors:?}"
            ),
        }
    }
    if jing_available() {
        let live = jing(TEI_ALL, &files);
        for (file, errors) in &got {
            let mut ours_sorted = errors.clone();
            ours_sorted.sort();
            let mut theirs = live[file].clone();
            theirs.sort();
            assert_eq!(
                ours_sorted, theirs,
                "{file}: error positions differ from jing's"
            );
        }
    } else {
        eprintln!("jing not installed: checked against the recorded results only");
    }
}

#[test]
fn encoder_output_is_valid_against_both_schemas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("seed.tei.xml");
    let status = Command::new(env!("CARGO_BIN_EXE_tei-encoder"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .args(["encode", "data/seed/cult-of-the-individual-1956.txt", "-o"])
        .arg(&out)
        .args(["--meta", "data/seed/cult-of-the-individual-1956.meta.toml"])
        .status()
        .expect("encoder runs");
    assert!(status.success());
    let text = std::fs::read_to_string(&out).expect("output");
    assert!(
        text.contains("<?xml-model href=\"tei-encoder.rng\""),
        "outputs name the project schema"
    );
    let files = vec![out.clone()];
    for schema in [SchemaSpec::Project, SchemaSpec::File(TEI_ALL.into())] {
        let got = ours(schema.clone(), &files);
        assert!(got.values().all(|e| e.is_empty()), "{schema:?}: {got:?}");
    }
    // With no --schema, the document's xml-model selects the embedded project schema.
    let mut v = Validator::new(Options::default());
    let r = v.validate_file(&out).expect("readable");
    assert_eq!(r.schemas, vec!["tei-encoder (embedded)".to_string()]);
    assert!(r.is_valid(true), "{:?}", r.diagnostics);
    if jing_available() {
        let project = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/tei-encoder.rng");
        for schema in [project, TEI_ALL] {
            let live = jing(schema, &files);
            assert!(
                live.values().all(|e| e.is_empty()),
                "jing {schema}: {live:?}"
            );
        }
    }
}
