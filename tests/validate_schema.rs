//! The project schema (schema/tei-encoder.rng) allows exactly what
//! tei-encoder writes and is a subset of TEI: every hand-made valid variant
//! validates against it (with our validator and jing) and against tei_all
//! (jing); every invalid variant is rejected by it (ours and jing), whether
//! or not tei_all would take it.

use std::path::{Path, PathBuf};
use std::process::Command;
use tei_encoder::validate::{Options, SchemaSpec, Validator};

const FULL: &str = "tests/data/validate/full-features.xml";
const TEI_ALL: &str = "../shared/schema/tei_all.rng";

/// Variants made from the full-featured document by one replacement: (name, from, to).
const VALID: &[(&str, &str, &str)] = &[
    ("as is", "", ""),
    (
        "places for states",
        r##"<orgName type="state" ref="#ussr">Soviet Union</orgName>"##,
        r##"<placeName type="state" ref="#ussr">Soviet Union</placeName>"##,
    ),
    ("no standOff", "<standOff>", "<!--"),
    (
        "published",
        "<p>Not published. Encoded by tei-encoder on <date when=\"2026-11-26\">2026-11-26</date>.</p>",
        "<publisher>P</publisher><pubPlace>Q</pubPlace><date when=\"2026-11-26\">2026-11-26</date><availability><licence target=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</licence></availability>",
    ),
    ("no front", "<front>", "<!--"),
    (
        "body of divisions only",
        "<pb n=\"1\"/>\n      <fw type=\"pageNum\">1</fw>",
        "",
    ),
    (
        "preface division",
        "type=\"subsection\"",
        "type=\"preface\"",
    ),
    ("page break without number", "<pb n=\"1\"/>", "<pb/>"),
];

/// (name, from, to): each must be rejected by the project schema.
const INVALID: &[(&str, &str, &str)] = &[
    (
        "unknown correction type",
        "type=\"confusion\"",
        "type=\"other\"",
    ),
    (
        "correction without resp",
        " resp=\"#tei-encoder\" cert=\"high\">statement",
        " cert=\"high\">statement",
    ),
    (
        "certainty outside the list",
        "cert=\"medium\">it was",
        "cert=\"unknown\">it was",
    ),
    (
        "authority outside the list",
        "<idno type=\"geonames\">",
        "<idno type=\"isbn\">",
    ),
    (
        "division type outside the list",
        "type=\"section\"",
        "type=\"chapter\"",
    ),
    (
        "name without a pointer",
        "<persName ref=\"#lenin\">",
        "<persName>",
    ),
    (
        "pointer that is not local",
        "ref=\"#moscow\"",
        "ref=\"moscow\"",
    ),
    ("strong punctuation", "force=\"weak\"", "force=\"strong\""),
    ("line without number", "<lb n=\"7\"/>", "<lb/>"),
    (
        "highlighting the encoder never writes",
        "The end.",
        "The <hi>end</hi>.",
    ),
    (
        "paragraph after a division",
        "</div>\n    </body>",
        "</div>\n      <p>late</p>\n    </body>",
    ),
    (
        "missing revision",
        "<change when=\"2026-11-26\" who=\"#tei-encoder\">Encoded.</change>",
        "",
    ),
    (
        "impossible date",
        "when=\"1956-06-30\"",
        "when=\"1956-06-31\"",
    ),
    ("year zero", "when=\"1956\"", "when=\"0000\""),
    ("duplicate xml:id", "xml:id=\"p3\"", "xml:id=\"p2\""),
    ("text directly in body", "<pb n=\"1\"/>", "stray text"),
];

fn variant(dir: &Path, index: usize, from: &str, to: &str) -> PathBuf {
    let base = std::fs::read_to_string(FULL).expect("fixture");
    let text = if from.is_empty() {
        base
    } else {
        assert!(
            base.contains(from),
            "variant source text `{from}` not in the fixture"
        );
        let mut t = base.replacen(from, to, 1);
        if to == "<!--" {
            // Comment out the element: close the comment after its end tag.
            let end = format!("</{}>", from.trim_start_matches('<').trim_end_matches('>'));
            t = t.replacen(&end, &format!("{}-->", end.replace("--", "")), 1);
        }
        t
    };
    let path = dir.join(format!("variant-{index:02}.xml"));
    std::fs::write(&path, text).expect("write variant");
    path
}

fn ours_valid(schema: SchemaSpec, file: &Path) -> (bool, String) {
    let mut v = Validator::new(Options {
        schema: Some(schema),
        cache_dir: None,
    });
    let r = v.validate_file(file).expect("readable");
    // Schema validity only: pointer warnings (names without standOff) do not count here.
    (r.is_valid(false), format!("{:?}", r.diagnostics))
}

/// Per-file verdicts of one jing run (always `Some`; jing is required).
fn jing_valid(schema: &str, files: &[PathBuf]) -> Option<Vec<bool>> {
    // Required (`.ci/setup` installs it): skipping would prove nothing.
    let out = Command::new("jing")
        .arg(schema)
        .args(files)
        .output()
        .expect("jing is needed: run `bash .ci/setup`");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Some(
        files
            .iter()
            .map(|f| !text.contains(&format!("{}:", f.display())))
            .collect(),
    )
}

#[test]
fn valid_variants_are_valid_against_the_project_schema_and_tei_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<PathBuf> = VALID
        .iter()
        .enumerate()
        .map(|(i, (_, from, to))| variant(dir.path(), i, from, to))
        .collect();
    for ((name, ..), f) in VALID.iter().zip(&files) {
        let (ok, why) = ours_valid(SchemaSpec::Project, f);
        assert!(ok, "{name}: project schema rejects it: {why}");
        let (ok, why) = ours_valid(SchemaSpec::File(TEI_ALL.into()), f);
        assert!(ok, "{name}: tei_all rejects it: {why}");
    }
    for schema in ["schema/tei-encoder.rng", TEI_ALL] {
        if let Some(verdicts) = jing_valid(schema, &files) {
            for ((name, ..), ok) in VALID.iter().zip(verdicts) {
                assert!(ok, "{name}: jing with {schema} rejects it");
            }
        }
    }
}

#[test]
fn invalid_variants_are_rejected_by_the_project_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<PathBuf> = INVALID
        .iter()
        .enumerate()
        .map(|(i, (_, from, to))| variant(dir.path(), i, from, to))
        .collect();
    for ((name, ..), f) in INVALID.iter().zip(&files) {
        let (ok, _) = ours_valid(SchemaSpec::Project, f);
        assert!(!ok, "{name}: the project schema accepts it");
    }
    if let Some(verdicts) = jing_valid("schema/tei-encoder.rng", &files) {
        for ((name, ..), ok) in INVALID.iter().zip(verdicts) {
            assert!(!ok, "{name}: jing accepts it with the project schema");
        }
    }
}

/// The embedded schema is correct RELAX NG for both engines: ours compiles
/// it, and jing, given the copy the encoder writes beside an output (not
/// the file in `schema/`), validates that output with it and rejects a
/// broken one. (This replaces a test that compared `include_str!` of
/// `schema/tei-encoder.rng` with the same file, which could not fail.)
#[test]
fn the_embedded_schema_is_correct_relax_ng_for_both_engines() {
    tei_encoder::validate::project_schema().expect("the project schema is correct RELAX NG");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("v.tei.xml");
    let written = tei_encoder::write_schema_beside(&out, &Default::default())
        .expect("writes the schema")
        .expect("a new file");
    assert_eq!(
        std::fs::read_to_string(&written).expect("written"),
        tei_encoder::validate::PROJECT_SCHEMA
    );
    let good = variant(dir.path(), 0, "", "");
    std::fs::copy(&good, &out).expect("copy");
    let bad = dir.path().join("bad.tei.xml");
    std::fs::write(
        &bad,
        std::fs::read_to_string(&out).expect("read").replacen(
            "<teiHeader>",
            "<teiHeader><bogus/>",
            1,
        ),
    )
    .expect("write");
    for (file, valid) in [(&out, true), (&bad, false)] {
        let status = std::process::Command::new("jing")
            .arg(&written)
            .arg(file)
            .output()
            .expect("jing is needed: run `bash .ci/setup`")
            .status;
        assert_eq!(status.success(), valid, "{}", file.display());
    }
}
