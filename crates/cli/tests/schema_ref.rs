//! Every `<?xml-model?>` of an output resolves where the file is written.
//! Each test opens outputs as an XML editor does: reads the `xml-model`
//! instructions, resolves each href against the file's own location, and
//! validates with jing (Debian `jing`, installed by `.ci/setup`).

use std::path::{Path, PathBuf};
use std::process::Command;

use tei_encoder::tei::TEI_ALL_URL;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tei-encoder"))
}

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

const SAMPLE: &str = "OVERCOMING THE CULT OF THE INDIVIDUAL\n\nThe Central Committee of the\nCommunist Party of the Soviet Union has un- \nderstood the publio interest.\n";

/// The RELAX NG `xml-model` hrefs of a file, in order.
fn xml_model_hrefs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed");
    doc.root()
        .children()
        .filter_map(|n| n.pi())
        .filter(|pi| pi.target == "xml-model")
        .map(|pi| {
            let v = pi.value.unwrap_or("");
            assert!(
                v.contains("schematypens=\"http://relaxng.org/ns/structure/1.0\""),
                "{v}"
            );
            let from = v.find("href=\"").expect("href") + 6;
            v[from..from + v[from..].find('"').unwrap()].to_string()
        })
        .collect()
}

/// What an editor does with an href: relative to the file; the official
/// tei_all URL maps to the local copy in ../shared (as an editor's catalog
/// maps it to its bundled TEI), since this machine is offline.
fn resolve(href: &str, file: &Path) -> PathBuf {
    if href == TEI_ALL_URL {
        return repo().join("../shared/schema/tei_all.rng");
    }
    assert!(!href.contains("://"), "unresolvable offline: {href}");
    file.parent().unwrap().join(href)
}

/// Resolves every href of `file` and validates it with jing against each.
fn open_like_an_editor(file: &Path) -> Vec<String> {
    let xml = std::fs::read_to_string(file).expect("output");
    let hrefs = xml_model_hrefs(&xml);
    for href in &hrefs {
        let schema = resolve(href, file);
        assert!(
            schema.is_file(),
            "{}: xml-model href {href:?} resolves to {}, which is missing",
            file.display(),
            schema.display()
        );
        let out = Command::new("jing")
            .arg(&schema)
            .arg(file)
            .output()
            .expect("jing is needed: run `bash .ci/setup`");
        assert!(
            out.status.success(),
            "jing {} {}: {}",
            schema.display(),
            file.display(),
            String::from_utf8_lossy(&out.stdout)
        );
    }
    hrefs
}

fn encode(args: &[&str], cwd: &Path) {
    let out = bin()
        .arg("encode")
        .args(args)
        .args(["--date", "2026-01-01", "--quiet"])
        .current_dir(cwd)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn local_outputs_find_the_schema_written_beside_them() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.txt");
    std::fs::write(&input, SAMPLE).unwrap();
    let out_dir = tmp.path().join("deep/er");
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join("x.tei.xml");
    encode(
        &[input.to_str().unwrap(), "-o", out.to_str().unwrap()],
        tmp.path(),
    );
    let hrefs = open_like_an_editor(&out);
    assert_eq!(hrefs, vec!["tei-encoder.rng".to_string()]);
    let written = std::fs::read(out_dir.join("tei-encoder.rng")).unwrap();
    assert_eq!(
        written,
        std::fs::read(repo().join("schema/tei-encoder.rng")).unwrap(),
        "the schema beside the output is schema/tei-encoder.rng, byte for byte"
    );
    // The copy beside the file is the embedded schema, so `validate` uses
    // that without compiling the file.
    let v = bin()
        .args(["validate", "--strict"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    // The default output beside the input, with a relative path from another directory.
    encode(&["in.txt"], tmp.path());
    open_like_an_editor(&tmp.path().join("in.tei.xml"));
    assert!(tmp.path().join("tei-encoder.rng").is_file());
}

#[test]
fn a_corpus_gets_the_schema_in_every_output_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub/subsub")).unwrap();
    std::fs::write(corpus.join("a.txt"), SAMPLE).unwrap();
    std::fs::write(corpus.join("sub/b.txt"), SAMPLE).unwrap();
    std::fs::write(corpus.join("sub/subsub/c.txt"), SAMPLE).unwrap();
    let out = tmp.path().join("tei");
    encode(
        &[corpus.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
        tmp.path(),
    );
    for f in ["a.tei.xml", "sub/b.tei.xml", "sub/subsub/c.tei.xml"] {
        assert_eq!(open_like_an_editor(&out.join(f)).len(), 1, "{f}");
    }
}

#[test]
fn a_stale_schema_beside_the_output_is_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("in.txt"), SAMPLE).unwrap();
    let rng = tmp.path().join("tei-encoder.rng");
    std::fs::write(&rng, "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\"><start><notAllowed/></start></grammar>").unwrap();
    encode(&["in.txt"], tmp.path());
    assert_eq!(
        std::fs::read(&rng).unwrap(),
        std::fs::read(repo().join("schema/tei-encoder.rng")).unwrap()
    );
    open_like_an_editor(&tmp.path().join("in.tei.xml"));
}

#[test]
fn tei_all_and_none_write_no_schema_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("in.txt"), SAMPLE).unwrap();
    encode(&["in.txt", "--schema-ref", "tei-all"], tmp.path());
    let out = tmp.path().join("in.tei.xml");
    assert_eq!(open_like_an_editor(&out), vec![TEI_ALL_URL.to_string()]);
    assert!(!tmp.path().join("tei-encoder.rng").exists());

    encode(&["in.txt", "--schema-ref", "none"], tmp.path());
    let xml = std::fs::read_to_string(&out).unwrap();
    assert!(xml_model_hrefs(&xml).is_empty() && !xml.contains("xml-model"));
    assert!(!tmp.path().join("tei-encoder.rng").exists());

    let bad = bin()
        .args(["encode", "in.txt", "--schema-ref", "remote"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn standard_output_writes_nothing_beside() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args(["encode", "-", "--date", "2026-01-01", "--quiet"])
        .current_dir(tmp.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(SAMPLE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let xml = String::from_utf8(out.stdout).unwrap();
    assert_eq!(xml_model_hrefs(&xml), vec!["tei-encoder.rng".to_string()]);
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn the_default_job_writes_the_schema_into_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = bin()
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = tmp
        .path()
        .join("output/cult-of-the-individual-1956.tei.xml");
    assert_eq!(
        open_like_an_editor(&file),
        vec!["tei-encoder.rng".to_string()]
    );
}

/// `output/tei-encoder.rng` is a symbolic link to `../schema/tei-encoder.rng`,
/// so the committed output's reference never goes stale when the schema changes.
#[test]
fn the_committed_output_resolves_its_schema() {
    open_like_an_editor(&repo().join("output/cult-of-the-individual-1956.tei.xml"));
    assert_eq!(
        std::fs::read(repo().join("output/tei-encoder.rng")).unwrap(),
        std::fs::read(repo().join("schema/tei-encoder.rng")).unwrap()
    );
}
